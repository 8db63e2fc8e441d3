//! `typeof(expr)`: the name of an expression's type, as Trino names it.

use arrow::datatypes::DataType;
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::functions::support::{documented, trino_type_name};

/// `typeof`: `'bigint'`, `'varchar'`, `'array(varchar)'`, `'ipaddress'` …
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct TypeOf {
    signature: Signature,
}

impl TypeOf {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::any(1, Volatility::Immutable),
        }
    }
}

impl Default for TypeOf {
    fn default() -> Self {
        Self::new()
    }
}

impl ScalarUDFImpl for TypeOf {
    fn name(&self) -> &str {
        "typeof"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [_] => Ok(DataType::Utf8),
            _ => plan_err!("typeof takes one argument, got {}", arg_types.len()),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let name = trino_type_name(args.arg_fields[0].data_type());
        Ok(ColumnarValue::Scalar(ScalarValue::Utf8(Some(name))))
    }

    documented!(
        "Miscellaneous Functions",
        "typeof(expr)",
        "Returns the name of the type of the provided expression.",
        "SELECT typeof(srcport), typeof(split(srcaddr, '.')) FROM vpc_flow_logs; -- integer, array(varchar)"
    );
}
