//! `substr(string, start[, length])` with Trino's semantics (also `substring` and
//! `SUBSTRING(… FROM … FOR …)`).

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::functions::support::{Kind, Rows, coerce, documented, strings};

/// `substr`: characters of `string` from `start` (1-based; negative counts from the
/// end; 0 gives `''`), at most `length` of them.
///
/// DataFusion follows PostgreSQL instead, where `substr('abc', 0, 2)` is `'a'` and a
/// negative start is before the first character.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Substr {
    signature: Signature,
    aliases: Vec<String>,
}

impl Substr {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            aliases: vec!["substring".to_string()],
        }
    }
}

impl Default for Substr {
    fn default() -> Self {
        Self::new()
    }
}

/// Trino's `substr` on characters.
pub(crate) fn substr(s: &str, start: i64, length: Option<i64>) -> String {
    let n = s.chars().count() as i64;
    if start == 0 || length.is_some_and(|l| l <= 0) {
        return String::new();
    }
    let start = if start < 0 { n + start + 1 } else { start };
    if start < 1 || start > n {
        return String::new();
    }
    let take = length.map_or(n, |l| l.min(n - start + 1));
    s.chars()
        .skip((start - 1) as usize)
        .take(take as usize)
        .collect()
}

impl ScalarUDFImpl for Substr {
    fn name(&self) -> &str {
        "substr"
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(
            self.name(),
            arg_types,
            &[
                &[Kind::Varchar, Kind::Bigint],
                &[Kind::Varchar, Kind::Bigint, Kind::Bigint],
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
            let (Some(s), Some(start)) = (rows.str(0, r), rows.i64(1, r)) else {
                return Ok(None);
            };
            if !three {
                return Ok(Some(substr(s, start, None)));
            }
            Ok(rows.i64(2, r).map(|l| substr(s, start, Some(l))))
        })
    }

    documented!(
        "String Functions",
        "substr(string, start[, length])",
        "Returns the rest of string from the starting position start, or a substring of at most length characters. Positions start with 1. A negative starting position is interpreted as being relative to the end of the string.",
        "SELECT substr('Quadratically', -5, 4); -- 'call'"
    );
}

#[cfg(test)]
mod tests {
    use super::substr;

    #[test]
    fn trino_cases() {
        assert_eq!(substr("Quadratically", 5, None), "ratically");
        assert_eq!(substr("Quadratically", -5, Some(4)), "call");
        assert_eq!(substr("Quadratically", 0, Some(4)), "");
        assert_eq!(substr("Quadratically", -50, None), "");
        assert_eq!(substr("Quadratically", 5, Some(50)), "ratically");
    }
}
