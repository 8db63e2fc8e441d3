//! `split(string, delimiter[, limit])` (Trino), which DataFusion lacks.

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{
    Kind, Rows, coerce, documented, scalar_udf, string_list_type, string_lists,
};

scalar_udf! {
    /// `split`: `string` split on `delimiter` into an array; with `limit`, at most `limit`
    /// elements, the last holding the rest of the string.
    pub struct Split;
}

/// Trino's `split`.
pub(crate) fn split(s: &str, delimiter: &str, limit: Option<i64>) -> Result<Vec<Option<String>>> {
    if delimiter.is_empty() {
        return exec_err!("split: The delimiter may not be the empty string");
    }
    let parts = match limit {
        None => s.split(delimiter).map(|p| Some(p.to_string())).collect(),
        Some(l) if l <= 0 => return exec_err!("split: Limit must be positive, got {l}"),
        Some(l) if l > i64::from(i32::MAX) => {
            return exec_err!("split: Limit is too large, got {l}");
        }
        Some(l) => s
            .splitn(l as usize, delimiter)
            .map(|p| Some(p.to_string()))
            .collect(),
    };
    Ok(parts)
}

impl ScalarUDFImpl for Split {
    fn name(&self) -> &str {
        "split"
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
                &[Kind::Varchar, Kind::Varchar, Kind::Bigint],
            ],
        )
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(string_list_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let three = args.args.len() == 3;
        string_lists(&rows, |r| {
            let (Some(s), Some(d)) = (rows.str(0, r), rows.str(1, r)) else {
                return Ok(None);
            };
            if three {
                return match rows.i64(2, r) {
                    Some(l) => split(s, d, Some(l)).map(Some),
                    None => Ok(None),
                };
            }
            split(s, d, None).map(Some)
        })
    }

    documented!(
        "String Functions",
        "split(string, delimiter[, limit])",
        "Splits string on delimiter and returns an array. With limit, returns at most limit elements, the last containing everything left in string. limit must be a positive number.",
        "SELECT split('10.0.1.5', '.'); -- [10, 0, 1, 5]"
    );
}
