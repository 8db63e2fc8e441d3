//! `regexp_replace(string, pattern[, replacement])` with Trino's semantics.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::pattern::{PatternCache, expand, find_all, parse_replacement};
use crate::functions::support::{Kind, Rows, coerce, documented, scalar_udf, strings};

scalar_udf! {
    /// `regexp_replace`: every match of `pattern` replaced by `replacement` (`$1`,
    /// `${name}`; `\$` for a literal dollar), or removed when it is absent.
    pub struct RegexpReplace;
}

impl ScalarUDFImpl for RegexpReplace {
    fn name(&self) -> &str {
        "regexp_replace"
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
        let mut cache = PatternCache::default();
        strings(&rows, |r| {
            let with = if three { rows.str(2, r) } else { Some("") };
            let (Some(s), Some(p), Some(with)) = (rows.str(0, r), rows.str(1, r), with) else {
                return Ok(None);
            };
            let re = cache.get(self.name(), p)?;
            let pieces = parse_replacement(self.name(), re, with)?;
            let mut out = String::with_capacity(s.len());
            let mut last = 0;
            for caps in find_all(re, s) {
                let Some(m) = caps.get(0) else { continue };
                out.push_str(&s[last..m.start()]);
                expand(&pieces, &caps, &mut out);
                last = m.end();
            }
            out.push_str(&s[last..]);
            Ok(Some(out))
        })
    }

    documented!(
        "Regular Expression Functions",
        "regexp_replace(string, pattern[, replacement])",
        "Replaces every instance of the substring matched by the regular expression pattern in string with replacement (removes it without replacement). Capturing groups can be referenced in replacement using $g for a numbered group or ${name} for a named group.",
        "SELECT regexp_replace('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 '); -- '3ca 3cb 14m'"
    );
}
