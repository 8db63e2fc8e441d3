//! `regexp_extract(string, pattern[, group])` (Trino), which DataFusion lacks.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::pattern::{PatternCache, check_group};
use crate::functions::support::{Kind, Rows, coerce, documented, scalar_udf, strings};

scalar_udf! {
    /// `regexp_extract`: the first substring matched by `pattern` (or its capturing group
    /// `group`); NULL when nothing matches or the group did not take part.
    pub struct RegexpExtract;
}

impl ScalarUDFImpl for RegexpExtract {
    fn name(&self) -> &str {
        "regexp_extract"
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
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let three = args.args.len() == 3;
        let mut cache = PatternCache::default();
        strings(&rows, |r| {
            let group = if three { rows.i64(2, r) } else { Some(0) };
            let (Some(s), Some(p), Some(group)) = (rows.str(0, r), rows.str(1, r), group) else {
                return Ok(None);
            };
            let re = cache.get(self.name(), p)?;
            let group = check_group(self.name(), re, group)?;
            Ok(re
                .captures(s)
                .and_then(|c| c.get(group))
                .map(|m| m.as_str().to_string()))
        })
    }

    documented!(
        "Regular Expression Functions",
        "regexp_extract(string, pattern[, group])",
        "Finds the first occurrence of the regular expression pattern in string and returns the capturing group number group (0, the whole match, by default).",
        "SELECT regexp_extract('1a 2b 14m', '(\\d+)([a-z]+)', 2); -- 'a'"
    );
}
