//! `length(x)`: the number of bytes of a VARBINARY, the number of characters of a string
//! (DataFusion's `character_length`, to which strings are handed over).

use std::sync::Arc;

use arrow::array::{Array, AsArray, Int64Builder};
use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `length`: bytes of a varbinary, characters of a varchar.
    pub struct Length;
}

fn string_length() -> Arc<ScalarUDF> {
    datafusion::functions::unicode::character_length()
}

fn is_binary(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView
    )
}

impl ScalarUDFImpl for Length {
    fn name(&self) -> &str {
        "length"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_binary(t) => Ok(vec![DataType::Binary]),
            [t] if t.is_null()
                || matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) =>
            {
                Ok(vec![DataType::Utf8])
            }
            _ => Err(unexpected_parameters(
                "length",
                arg_types,
                &["length(varchar)", "length(varbinary)"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [t] if is_binary(t) => Ok(DataType::Int64),
            _ => string_length().return_type(arg_types),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if !is_binary(args.arg_fields[0].data_type()) {
            return string_length().invoke_with_args(args);
        }
        let rows = Rows::new(&args)?;
        let bytes = rows.array(0).as_binary::<i32>();
        let mut b = Int64Builder::with_capacity(rows.len());
        for r in 0..rows.len() {
            b.append_option(bytes.is_valid(r).then(|| bytes.value(r).len() as i64));
        }
        rows.finish(Arc::new(b.finish()))
    }

    documented!(
        "String Functions",
        "length(string), length(binary)",
        "Returns the length of string in characters, or the length of binary in bytes.",
        "SELECT length(to_utf8('ö')); -- 2"
    );
}
