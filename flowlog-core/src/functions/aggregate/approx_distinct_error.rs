//! `"$approx_distinct_error"(count, e)`: Trino's check of `approx_distinct(x, e)`'s maximum
//! standard error, around DataFusion's `approx_distinct(x)` (rewritten in
//! `dialect/aggregate.rs`).
//!
//! Trino (ApproximateCountDistinctAggregation.standardErrorToBuckets) accepts `e` in
//! [0.0040625, 0.26] and otherwise fails with "Max standard error must be in [0.0040625,
//! 0.26]: 0.0040624". It checks when the first non-NULL value arrives, so a group with no
//! value answers 0 whatever `e`. The estimate itself is DataFusion's whatever `e` (its
//! HyperLogLog has a fixed number of registers).

use arrow::array::{Array, AsArray, Int64Array};
use arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{Rows, scalar_udf, unexpected_parameters};

/// The name the dialect calls the function by.
pub const APPROX_DISTINCT_ERROR: &str = "$approx_distinct_error";

/// Trino's smallest accepted maximum standard error.
const LOWEST: f64 = 0.0040625;

/// Trino's largest accepted maximum standard error.
const HIGHEST: f64 = 0.26;

scalar_udf! {
    /// `"$approx_distinct_error"(count, e)`: `count`, after checking `e` as Trino does
    /// where `count` is not 0.
    pub struct ApproxDistinctError;
}

impl ScalarUDFImpl for ApproxDistinctError {
    fn name(&self) -> &str {
        APPROX_DISTINCT_ERROR
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [c, e] if (c.is_integer() || c.is_null()) && (e.is_numeric() || e.is_null()) => {
                Ok(vec![DataType::Int64, DataType::Float64])
            }
            _ => Err(unexpected_parameters("approx_distinct", arg_types, &[])),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let counts = rows.array(0).as_primitive::<Int64Type>();
        let errors = rows.array(1).as_primitive::<Float64Type>();
        for r in 0..rows.len() {
            if counts.is_null(r) || counts.value(r) == 0 || errors.is_null(r) {
                continue;
            }
            check(errors.value(r))?;
        }
        let out: Int64Array = counts.clone();
        rows.finish(std::sync::Arc::new(out))
    }
}

/// Trino's bounds on the maximum standard error.
fn check(e: f64) -> Result<()> {
    if (LOWEST..=HIGHEST).contains(&e) {
        return Ok(());
    }
    exec_err!(
        "Max standard error must be in [{}, {}]: {}",
        java_double(LOWEST),
        java_double(HIGHEST),
        java_double(e)
    )
}

/// A double as Java's `Double.toString` prints one between 10^-3 and 10^7 (shortest digits,
/// at least one after the point); outside that range, Rust's shortest form.
fn java_double(v: f64) -> String {
    let text = format!("{v}");
    if text.contains('.') || text.contains('e') || text.contains("inf") || text.contains("NaN") {
        text
    } else {
        format!("{text}.0")
    }
}
