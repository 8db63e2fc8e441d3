//! `replace(string, search[, replace])` with Trino's two-argument form.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{Kind, Rows, coerce, documented, scalar_udf, strings};

scalar_udf! {
    /// `replace`: every instance of `search` replaced by `replace` (removed when the third
    /// argument is absent; DataFusion requires it).
    pub struct Replace;
}

impl ScalarUDFImpl for Replace {
    fn name(&self) -> &str {
        "replace"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(
            self.name(),
            arg_types,
            &[
                &[Kind::Varchar, Kind::Varchar],
                &[Kind::Varchar, Kind::Varchar, Kind::Varchar],
            ],
        )
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let three = args.args.len() == 3;
        strings(&rows, |r| {
            let with = if three { rows.str(2, r) } else { Some("") };
            Ok(match (rows.str(0, r), rows.str(1, r), with) {
                (Some(s), Some(search), Some(with)) => Some(s.replace(search, with)),
                _ => None,
            })
        })
    }

    documented!(
        "String Functions",
        "replace(string, search[, replace])",
        "Replaces all instances of search with replace in string; without replace, removes all instances of search.",
        "SELECT replace('123tech123', '123'); -- 'tech'"
    );
}
