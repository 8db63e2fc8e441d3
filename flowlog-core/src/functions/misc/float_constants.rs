//! `infinity()` and `nan()`: Trino's DOUBLE constants, which DataFusion lacks.

use arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::functions::support::documented;

/// `infinity()` (positive infinity) or `nan()` (not a number), as a DOUBLE.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct FloatConstant {
    signature: Signature,
    name: &'static str,
    nan: bool,
}

impl FloatConstant {
    /// Trino's `infinity()`.
    pub fn infinity() -> Self {
        Self {
            signature: Signature::nullary(Volatility::Immutable),
            name: "infinity",
            nan: false,
        }
    }

    /// Trino's `nan()`.
    pub fn nan() -> Self {
        Self {
            signature: Signature::nullary(Volatility::Immutable),
            name: "nan",
            nan: true,
        }
    }
}

impl ScalarUDFImpl for FloatConstant {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let value = if self.nan { f64::NAN } else { f64::INFINITY };
        Ok(ColumnarValue::Scalar(ScalarValue::Float64(Some(value))))
    }

    documented!(
        "Math Functions",
        "infinity(), nan()",
        "infinity() returns the constant representing positive infinity; nan() the constant representing not-a-number.",
        "SELECT infinity(), nan();"
    );
}
