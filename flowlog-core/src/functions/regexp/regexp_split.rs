//! `regexp_split(string, pattern)` (Trino), which DataFusion lacks.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::pattern::{PatternCache, find_all};
use crate::functions::support::{
    Kind, Rows, coerce, documented, scalar_udf, string_list_type, string_lists,
};

scalar_udf! {
    /// `regexp_split`: `string` split at every match of `pattern`; empty fields, trailing
    /// ones included, are kept.
    pub struct RegexpSplit;
}

impl ScalarUDFImpl for RegexpSplit {
    fn name(&self) -> &str {
        "regexp_split"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(self.name(), arg_types, &[&[Kind::Varchar, Kind::Varchar]])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(string_list_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let mut cache = PatternCache::default();
        string_lists(&rows, |r| {
            let (Some(s), Some(p)) = (rows.str(0, r), rows.str(1, r)) else {
                return Ok(None);
            };
            let re = cache.get(self.name(), p)?;
            let mut fields = Vec::new();
            let mut last = 0;
            for caps in find_all(re, s) {
                let Some(m) = caps.get(0) else { continue };
                fields.push(Some(s[last..m.start()].to_string()));
                last = m.end();
            }
            fields.push(Some(s[last..].to_string()));
            Ok(Some(fields))
        })
    }

    documented!(
        "Regular Expression Functions",
        "regexp_split(string, pattern)",
        "Splits string using the regular expression pattern and returns an array. Trailing empty strings are preserved.",
        "SELECT regexp_split('1a 2b 14m', '\\s*[a-z]+\\s*'); -- [1, 2, 14, ]"
    );
}
