//! `"$is_nan"(key)`: whether an ordering key is a floating-point NaN, the first ordering
//! key of the `max_by(x, y)` rewrite (`dialect/aggregate.rs`).
//!
//! Trino's `max_by` never picks a row whose key is NaN while another key is there
//! (TestMinMaxByAggregation.testMaxDoubleVarchar, testMaxRealVarchar), where DataFusion's
//! ordering puts NaN above every number. Ordering by this flag first (`false` before
//! `true`) puts the NaN keys last. Keys of any other type are never NaN.

use arrow::array::{Array, BooleanArray, Float32Array, Float64Array};
use arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::scalar_udf;

/// The name the dialect calls the function by.
pub const IS_NAN_KEY: &str = "$is_nan";

scalar_udf! {
    /// `"$is_nan"(key)`: true where a DOUBLE or REAL key is NaN, false elsewhere (also for
    /// NULL and for keys of other types).
    pub struct IsNanKey;
}

impl ScalarUDFImpl for IsNanKey {
    fn name(&self) -> &str {
        IS_NAN_KEY
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [key] = args.args.as_slice() else {
            return Ok(ColumnarValue::Scalar(ScalarValue::Boolean(Some(false))));
        };
        let flags = match key {
            ColumnarValue::Scalar(s) => {
                let nan = match s {
                    ScalarValue::Float64(Some(v)) => v.is_nan(),
                    ScalarValue::Float32(Some(v)) => v.is_nan(),
                    _ => false,
                };
                return Ok(ColumnarValue::Scalar(ScalarValue::Boolean(Some(nan))));
            }
            ColumnarValue::Array(a) => nan_flags(a.as_ref()),
        };
        Ok(ColumnarValue::Array(std::sync::Arc::new(flags)))
    }
}

/// One flag per row: true where the value is a NaN float.
fn nan_flags(keys: &dyn Array) -> BooleanArray {
    if let Some(f) = keys.as_any().downcast_ref::<Float64Array>() {
        return f.iter().map(|v| Some(v.is_some_and(f64::is_nan))).collect();
    }
    if let Some(f) = keys.as_any().downcast_ref::<Float32Array>() {
        return f.iter().map(|v| Some(v.is_some_and(f32::is_nan))).collect();
    }
    BooleanArray::from(vec![false; keys.len()])
}
