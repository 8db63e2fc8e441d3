//! Trino network functions (Athena engine v3). Filled in by the function-library issue.

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    Vec::new()
}
