//! JSON text with a fixed key order, so generated policies and templates are deterministic
//! and read the way AWS documents them (`Sid`, `Effect`, `Principal`, `Action`, `Resource`,
//! `Condition`; other keys alphabetically), indented by two spaces.

use serde_json::Value;

/// Keys that come first, in this order; all others follow alphabetically.
const LEADING_KEYS: [&str; 19] = [
    "AWSTemplateFormatVersion",
    "Description",
    "Parameters",
    "Resources",
    "Version",
    "Id",
    "Statement",
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "Type",
    "Properties",
    "Outputs",
];

/// `value` as indented JSON text ending in a newline, keys in the fixed order.
///
/// ```
/// use serde_json::json;
/// let text = flowlog_core::provision::json::pretty(&json!({"Effect": "Allow", "Sid": "A"}));
/// assert_eq!(text, "{\n  \"Sid\": \"A\",\n  \"Effect\": \"Allow\"\n}\n");
/// ```
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out.push('\n');
    out
}

fn write(value: &Value, depth: usize, out: &mut String) {
    let pad = |d: usize, out: &mut String| out.push_str(&"  ".repeat(d));
    match value {
        Value::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| {
                (
                    LEADING_KEYS
                        .iter()
                        .position(|l| l == k)
                        .unwrap_or(LEADING_KEYS.len()),
                    k.as_str(),
                )
            });
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                pad(depth + 1, out);
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push_str(": ");
                write(&map[*k], depth + 1, out);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(depth, out);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                pad(depth + 1, out);
                write(v, depth + 1, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            pad(depth, out);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// A single string, or an array when there are several.
pub(crate) fn one_or_many(values: &[String]) -> Value {
    match values {
        [one] => Value::String(one.clone()),
        many => Value::Array(many.iter().cloned().map(Value::String).collect()),
    }
}
