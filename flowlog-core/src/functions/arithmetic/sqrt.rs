//! `sqrt(x)` as Trino: the square root of `x` as a DOUBLE, NaN for a negative `x`.
//!
//! Trino's `sqrt` takes a DOUBLE (integers and decimals are cast to it) and answers
//! `Math.sqrt`, so `sqrt(-1)` is NaN. DataFusion's `sqrt` takes an integer argument as a
//! decimal and fails with "cannot take square root of a negative number".

use std::sync::Arc;

use arrow::array::{AsArray, Float64Array};
use arrow::datatypes::{DataType, Float64Type};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// Trino's `sqrt(x)`.
    pub struct Sqrt;
}

impl ScalarUDFImpl for Sqrt {
    fn name(&self) -> &str {
        "sqrt"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if t.is_numeric() || t.is_null() => Ok(vec![DataType::Float64]),
            _ => Err(unexpected_parameters("sqrt", arg_types, &["double"])),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Ok(match &args.args[0] {
            ColumnarValue::Scalar(ScalarValue::Float64(v)) => {
                ColumnarValue::Scalar(ScalarValue::Float64(v.map(f64::sqrt)))
            }
            ColumnarValue::Scalar(_) => ColumnarValue::Scalar(ScalarValue::Float64(None)),
            ColumnarValue::Array(a) => {
                let values = a.as_primitive::<Float64Type>();
                let out: Float64Array = values.unary(f64::sqrt);
                ColumnarValue::Array(Arc::new(out))
            }
        })
    }

    documented!(
        "Math Functions",
        "sqrt(x)",
        "Returns the square root of x (NaN for a negative x).",
        "SELECT sqrt(2);"
    );
}
