//! `regexp_extract_all(string, pattern[, group])` (Trino), which DataFusion lacks.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::pattern::{PatternCache, check_group, find_all};
use crate::functions::support::{
    Kind, Rows, coerce, documented, scalar_udf, string_list_type, string_lists,
};

scalar_udf! {
    /// `regexp_extract_all`: every substring matched by `pattern` (or its group `group`),
    /// as an array; a group that did not take part in a match is a NULL element.
    pub struct RegexpExtractAll;
}

impl ScalarUDFImpl for RegexpExtractAll {
    fn name(&self) -> &str {
        "regexp_extract_all"
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
        let mut cache = PatternCache::default();
        string_lists(&rows, |r| {
            let group = if three { rows.i64(2, r) } else { Some(0) };
            let (Some(s), Some(p), Some(group)) = (rows.str(0, r), rows.str(1, r), group) else {
                return Ok(None);
            };
            let re = cache.get(self.name(), p)?;
            let group = check_group(self.name(), re, group)?;
            Ok(Some(
                find_all(re, s)
                    .map(|c| c.get(group).map(|m| m.as_str().to_string()))
                    .collect(),
            ))
        })
    }

    documented!(
        "Regular Expression Functions",
        "regexp_extract_all(string, pattern[, group])",
        "Returns the substrings matched by the regular expression pattern in string, or the capturing group number group of each match.",
        "SELECT regexp_extract_all('1a 2b 14m', '\\d+'); -- [1, 2, 14]"
    );
}
