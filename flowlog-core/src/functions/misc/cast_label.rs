//! `"$cast"(value, label)`: `value` unchanged, under a name that tells casts apart.
//!
//! DataFusion names a cast after its operand (`CAST(x AS DOUBLE)` is named `x`), so
//! `sum(x), sum(CAST(x AS DOUBLE))` are two aggregates of one name, and planning fails
//! with "duplicate unqualified field name". Trino answers both. Where a query has such a
//! pair, the dialect (`dialect/cast_names.rs`) wraps its casts in this function, whose
//! name carries the cast's text in `label`, so each aggregate gets a name of its own.

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::scalar_udf;

/// The name the dialect calls the function by.
pub const CAST_LABEL: &str = "$cast";

scalar_udf! {
    /// `"$cast"(value, label)`: `value` itself; `label` (the cast's SQL text) only names
    /// the call.
    pub struct CastLabel;
}

impl ScalarUDFImpl for CastLabel {
    fn name(&self) -> &str {
        CAST_LABEL
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first() {
            Some(t) => Ok(t.clone()),
            None => exec_err!("{CAST_LABEL} takes a value and a label"),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        match args.args.into_iter().next() {
            Some(value) => Ok(value),
            None => exec_err!("{CAST_LABEL} takes a value and a label"),
        }
    }
}
