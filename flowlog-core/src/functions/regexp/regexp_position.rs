//! `regexp_position(string, pattern[, start[, occurrence]])` (Trino), which DataFusion
//! lacks.

use std::sync::Arc;

use arrow::array::Int32Builder;
use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::pattern::{PatternCache, find_all_from};
use crate::functions::support::{Kind, Rows, coerce, documented, scalar_udf};

scalar_udf! {
    /// `regexp_position`: the 1-based character position of the `occurrence`-th match of
    /// `pattern` in `string`, searching from character `start`; -1 when there is none.
    pub struct RegexpPosition;
}

/// The position of the `occurrence`-th match of `re` in `s` at or after character
/// `start` (both 1-based and already checked to be at least 1), or -1.
///
/// Matches are found as Java's `Matcher.find` finds them (see [`find_all_from`]): the
/// empty match at the very end of the text counts, and a start past the last character
/// finds nothing.
fn position(re: &regex::Regex, s: &str, start: i64, occurrence: i64) -> i64 {
    let chars = s.chars().count() as i64;
    if start > chars {
        return -1;
    }
    let from = s
        .char_indices()
        .nth((start - 1) as usize)
        .map_or(s.len(), |(i, _)| i);
    let nth = usize::try_from(occurrence - 1).unwrap_or(usize::MAX);
    match find_all_from(re, s, from).nth(nth) {
        Some(caps) => {
            let begin = caps.get(0).map_or(0, |m| m.start());
            s[..begin].chars().count() as i64 + 1
        }
        None => -1,
    }
}

impl ScalarUDFImpl for RegexpPosition {
    fn name(&self) -> &str {
        "regexp_position"
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
                &[Kind::Varchar, Kind::Varchar, Kind::Bigint, Kind::Bigint],
            ],
        )
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let n = args.args.len();
        let mut cache = PatternCache::default();
        let mut out = Int32Builder::with_capacity(rows.len());
        for r in 0..rows.len() {
            let start = if n >= 3 { rows.i64(2, r) } else { Some(1) };
            let occurrence = if n >= 4 { rows.i64(3, r) } else { Some(1) };
            let (Some(s), Some(p), Some(start), Some(occurrence)) =
                (rows.str(0, r), rows.str(1, r), start, occurrence)
            else {
                out.append_null();
                continue;
            };
            if start < 1 {
                return exec_err!("{}: start position cannot be smaller than 1", self.name());
            }
            if occurrence < 1 {
                return exec_err!("{}: occurrence cannot be smaller than 1", self.name());
            }
            let re = cache.get(self.name(), p)?;
            let found = position(re, s, start, occurrence);
            // A position is at most the text's length in characters plus one.
            out.append_value(i32::try_from(found).unwrap_or(i32::MAX));
        }
        rows.finish(Arc::new(out.finish()))
    }

    documented!(
        "Regular Expression Functions",
        "regexp_position(string, pattern[, start[, occurrence]])",
        "Returns the 1-based position of the occurrence-th match (the first by default) of the regular expression pattern in string, searching from character start (1 by default); -1 when there is no such match.",
        "SELECT regexp_position('natasha, 9102, miss you', '\\s', 10, 2); -- 20"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::regexp::pattern::compile;

    #[test]
    fn positions_count_characters() {
        let re = compile("t", "于").unwrap();
        assert_eq!(position(&re, "行成于思str而毁123于随", 3, 2), 13);
        let empty = compile("t", "").unwrap();
        assert_eq!(position(&empty, "a1b2c3d", 2, 7), 8);
        assert_eq!(position(&empty, "a1b2c3d", 2, 8), -1);
        assert_eq!(position(&empty, "", 1, 1), -1);
    }
}
