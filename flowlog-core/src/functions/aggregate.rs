//! Trino aggregate functions (Athena engine v3). Filled in by the function-library issue.

use std::sync::Arc;

use datafusion::logical_expr::AggregateUDF;

/// The aggregate functions of this family.
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    Vec::new()
}
