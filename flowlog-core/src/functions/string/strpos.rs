//! `strpos(string, substring[, instance])` with Trino's semantics (also `POSITION(… IN …)`).

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{Kind, Rows, bigints, coerce, documented, scalar_udf};

scalar_udf! {
    /// `strpos`: the 1-based character position of the `instance`-th occurrence of
    /// `substring` in `string` (negative `instance` counts from the end), 0 if absent.
    pub struct Strpos;
}

/// Character position (from 1) of occurrence `instance` of `sub` in `s`, or 0.
pub(crate) fn strpos(s: &str, sub: &str, instance: i64) -> Result<i64> {
    if instance == 0 {
        return exec_err!("strpos: 'instance' must be a positive or negative number.");
    }
    // Byte offsets of every (possibly overlapping) occurrence.
    let mut starts = Vec::new();
    let mut from = 0;
    while from <= s.len() {
        match s[from..].find(sub) {
            Some(at) => {
                starts.push(from + at);
                // Advance one character past this start.
                let step = s[from + at..].chars().next().map_or(1, char::len_utf8);
                from += at + step;
            }
            None => break,
        }
    }
    let wanted = usize::try_from(instance.unsigned_abs()).unwrap_or(usize::MAX);
    let found = if instance > 0 {
        starts.get(wanted - 1)
    } else {
        starts.len().checked_sub(wanted).and_then(|i| starts.get(i))
    };
    Ok(found.map_or(0, |&b| s[..b].chars().count() as i64 + 1))
}

impl ScalarUDFImpl for Strpos {
    fn name(&self) -> &str {
        "strpos"
    }

    fn aliases(&self) -> &[String] {
        &[]
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
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let three = args.args.len() == 3;
        bigints(&rows, |r| {
            let instance = if three { rows.i64(2, r) } else { Some(1) };
            match (rows.str(0, r), rows.str(1, r), instance) {
                (Some(s), Some(sub), Some(n)) => strpos(s, sub, n).map(Some),
                _ => Ok(None),
            }
        })
    }

    documented!(
        "String Functions",
        "strpos(string, substring[, instance])",
        "Returns the starting position of the instance-th occurrence of substring in string (a negative instance counts from the end). Positions start with 1. If not found, 0 is returned.",
        "SELECT strpos('abc/xyz/foo/bar', '/', -1); -- 12"
    );
}

#[cfg(test)]
mod tests {
    use super::strpos;

    #[test]
    fn trino_cases() {
        assert_eq!(strpos("high", "ig", 1).unwrap(), 2);
        assert_eq!(strpos("x", "", 1).unwrap(), 1);
        assert_eq!(strpos("abc/xyz/foo/bar", "/", 3).unwrap(), 12);
        assert_eq!(strpos("abc/xyz/foo/bar", "/", -3).unwrap(), 4);
        assert_eq!(strpos("abc/xyz/foo/bar", "/", -4).unwrap(), 0);
        assert_eq!(strpos("信念,爱,希望", "爱", 1).unwrap(), 4);
    }
}
