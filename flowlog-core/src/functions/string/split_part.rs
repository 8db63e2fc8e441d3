//! `split_part(string, delimiter, index)` with Trino's semantics.

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{Kind, Rows, coerce, documented, scalar_udf, strings};

scalar_udf! {
    /// `split_part`: field `index` (from 1) of `string` split on `delimiter`.
    ///
    /// Past the last field the answer is NULL (DataFusion answers `''`); an index below 1
    /// is an error (DataFusion counts negative indexes from the end); an empty delimiter
    /// splits into characters (DataFusion keeps the whole string).
    pub struct SplitPart;
}

/// Field `index` (1-based) of `s` split on `delimiter`, or `None` past the end.
pub(crate) fn split_part(s: &str, delimiter: &str, index: i64) -> Result<Option<String>> {
    if index < 1 {
        return exec_err!("split_part: Index must be greater than zero, got {index}");
    }
    let n = usize::try_from(index - 1).unwrap_or(usize::MAX);
    if delimiter.is_empty() {
        return Ok(s.chars().nth(n).map(String::from));
    }
    Ok(s.split(delimiter).nth(n).map(str::to_string))
}

impl ScalarUDFImpl for SplitPart {
    fn name(&self) -> &str {
        "split_part"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(
            self.name(),
            arg_types,
            &[&[Kind::Varchar, Kind::Varchar, Kind::Bigint]],
        )
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        strings(&rows, |r| {
            match (rows.str(0, r), rows.str(1, r), rows.i64(2, r)) {
                (Some(s), Some(d), Some(i)) => split_part(s, d, i),
                _ => Ok(None),
            }
        })
    }

    documented!(
        "String Functions",
        "split_part(string, delimiter, index)",
        "Splits string on delimiter and returns the field index. Field indexes start with 1. If the index is larger than the number of fields, then null is returned.",
        "SELECT split_part('10.0.1.5', '.', 1); -- '10'"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trino_cases() {
        assert_eq!(split_part("a/b/c/", "/", 4).unwrap().as_deref(), Some(""));
        assert_eq!(split_part("a/b/c", "/", 4).unwrap(), None);
        assert_eq!(split_part("abc", "", 2).unwrap().as_deref(), Some("b"));
        assert_eq!(split_part("", "", 1).unwrap(), None);
        assert!(split_part("abc", "", 0).is_err());
    }
}
