//! Arrow type names and DataFusion literals in message texts, renamed as Trino names them.
//!
//! Engine messages write types as Arrow prints them (`Utf8`, `Int64`,
//! `Timestamp(Millisecond, None)`) and literals as DataFusion shows them (`Int64(1)`,
//! `Utf8("x")`). An analyst knows `varchar`, `bigint`, `timestamp(3)`, `1` and `'x'`.

use std::str::FromStr;
use std::sync::LazyLock;

use arrow::datatypes::DataType;
use regex::{Captures, Regex};

use crate::functions::support::trino_type_name;

/// `Utf8, Timestamp(Millisecond, None)` → `varchar, timestamp(3)`: a comma-separated list
/// of Arrow types, each renamed (a name Arrow cannot read is renamed word by word).
pub(super) fn trino_type_list(text: &str) -> String {
    split_top_level(text)
        .iter()
        .map(|t| match DataType::from_str(t.trim()) {
            Ok(data_type) => trino_type_name(&data_type),
            Err(_) => trino_types_in_text(t.trim()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The type a failed `CAST(varchar AS …)` names, in upper case as Trino's casts write it
/// (`Cannot cast 'abc' to BIGINT`; `INT` for `integer`).
pub(super) fn cast_target_name(text: &str) -> String {
    match DataType::from_str(text.trim()) {
        Ok(DataType::Int32) => "INT".to_string(),
        Ok(data_type) => trino_type_name(&data_type).to_uppercase(),
        Err(_) => trino_types_in_text(text).to_uppercase(),
    }
}

/// Every Arrow type name and DataFusion literal in `text`, renamed.
pub(super) fn trino_types_in_text(text: &str) -> String {
    static LITERAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"\b(?:Int8|Int16|Int32|Int64|UInt8|UInt16|UInt32|UInt64|Float32|Float64|Decimal128|Boolean)\(([^()]*)\)|\b(?:Utf8|Utf8View|LargeUtf8)\("((?:[^"\\]|\\.)*)"\)"#,
        )
        .expect("valid pattern")
    });
    static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"\bTimestamp\((Second|Millisecond|Microsecond|Nanosecond), (None|Some\("[^"]*"\))\)"#,
        )
        .expect("valid pattern")
    });
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(Utf8View|LargeUtf8|Utf8|Int8|Int16|Int32|Int64|UInt8|UInt16|UInt32|UInt64|Float16|Float32|Float64|Boolean|Date32|Date64|Null)\b",
        )
        .expect("valid pattern")
    });
    let text = LITERAL.replace_all(text, |c: &Captures<'_>| match (c.get(1), c.get(2)) {
        (Some(number), _) => number.as_str().to_string(),
        (None, Some(string)) => format!("'{}'", string.as_str().replace('\'', "''")),
        (None, None) => c[0].to_string(),
    });
    let text = TIMESTAMP.replace_all(&text, |c: &Captures<'_>| rename(&c[0]));
    NAME.replace_all(&text, |c: &Captures<'_>| rename(&c[0]))
        .into_owned()
}

fn rename(arrow_name: &str) -> String {
    DataType::from_str(arrow_name)
        .map(|t| trino_type_name(&t))
        .unwrap_or_else(|_| arrow_name.to_lowercase())
}

/// `a, f(b, c), d` → `["a", "f(b, c)", "d"]`.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() || !parts.is_empty() {
        parts.push(&text[start..]);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_lists() {
        assert_eq!(
            trino_type_list("Utf8, Timestamp(Millisecond, None), Int64"),
            "varchar, timestamp(3), bigint"
        );
        assert_eq!(trino_type_list(""), "");
        assert_eq!(cast_target_name("Int32"), "INT");
        assert_eq!(cast_target_name("Float64"), "DOUBLE");
    }

    #[test]
    fn names_and_literals_in_text() {
        assert_eq!(
            trino_types_in_text("t.bytes + Int64(1) = Utf8(\"it's\")"),
            "t.bytes + 1 = 'it''s'"
        );
        assert_eq!(
            trino_types_in_text("a Utf8 and a Timestamp(Second, Some(\"UTC\"))"),
            "a varchar and a timestamp(0) with time zone"
        );
    }
}
