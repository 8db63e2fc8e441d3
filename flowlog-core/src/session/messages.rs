//! Errors in Athena's words.
//!
//! DataFusion's planning errors name its settings ("disable the
//! datafusion.sql_parser.enable_ident_normalization configuration"), list every field of
//! every table in scope and wrap messages in `Error during planning: Execution error: …`.
//! An analyst needs what Trino says: what is wrong, and a hint where one helps. The
//! rewritten messages are one line, without position (the caller adds `line L, column C`):
//!
//! | DataFusion | flowlog |
//! |---|---|
//! | `Schema error: No field named "Foo". Valid fields are …` | `Column 'foo' cannot be resolved; did you mean 'foo_bar'?` |
//! | `Schema error: Ambiguous reference to unqualified field x` | `Column 'x' is ambiguous` |
//! | `table 'awsdatacatalog.default.t' not found` | `Table 'awsdatacatalog.default.t' does not exist; did you mean 'u'?` |
//! | `Invalid function 'fo'. Did you mean 'foo'?` | `Function 'fo' not registered; did you mean 'foo'?` |
//! | `Error during planning: Execution error: …` | `…` |
//! | `… No function matches the given name and argument types 'hour(Utf8)' …` | `Unexpected parameters (varchar) for function hour. Expected: …` |
//! | `Column in SELECT must be in GROUP BY …column "t.x" must appear …` | `'x' must be an aggregate expression or appear in GROUP BY clause` |
//! | `Arrow error: Divide by zero error` | `Division by zero` |
//! | `Cast error: Cannot cast string 'abc' to value of Int64 type` | `Cannot cast 'abc' to BIGINT` |
//!
//! and the others of [`rewrites`]; Arrow type names left in any message are renamed
//! ([`types`]). The messages an analyst can provoke, SQL in and message out, are listed
//! in `tests/it/messages.rs`.

use datafusion::common::SchemaError;
use datafusion::error::DataFusionError;

pub mod position;
mod rewrites;
mod types;

/// Athena's wording of a planning or execution error, one line, without position.
pub fn athena_message(err: &DataFusionError, valid_tables: &[String]) -> String {
    for e in err.iter() {
        if let DataFusionError::SchemaError(schema_error, _) = e
            && let Some(message) = schema_message(schema_error)
        {
            return message;
        }
    }
    let text = one_line(&err.strip_backtrace());
    if let Some(message) = field_not_found(&text) {
        return message;
    }
    if let Some(name) = text.strip_prefix("Ambiguous reference to unqualified field ") {
        return format!("Column '{}' is ambiguous", unquote(name));
    }
    if let Some(rest) = text.strip_prefix("table '")
        && let Some(name) = rest.split('\'').next()
        && rest[name.len()..].starts_with("' not found")
    {
        let short = name.rsplit('.').next().unwrap_or(name);
        return with_hint(
            format!("Table '{name}' does not exist"),
            nearest(short, valid_tables.iter().map(String::as_str)),
        );
    }
    if let Some(rest) = text.strip_prefix("Invalid function '")
        && let Some(name) = rest.split('\'').next()
    {
        let hint = rest
            .split_once("Did you mean '")
            .and_then(|(_, s)| s.split('\'').next())
            .map(str::to_string);
        return with_hint(format!("Function '{name}' not registered"), hint);
    }
    rewrites::rewrite(&text)
}

/// An expression as DataFusion prints it (`t.x = Utf8("a")`), with its literals and type
/// names written as SQL (`t.x = 'a'`).
pub fn sql_text(expression: &str) -> String {
    types::trino_types_in_text(expression)
}

/// The function a planning message blames, when the engine gave no position: the one of
/// an "Unexpected parameters … for function f" message, or the `f: ` that starts a
/// message of one of our functions; `cast` for a type that does not exist or a cast that
/// cannot be (`Cannot cast row(…) to row(…)`). The caller looks for its first call in the
/// statement.
pub fn function_named(message: &str) -> Option<&str> {
    if message.starts_with("Unknown type: ")
        || (message.starts_with("Cannot cast ") && !message.starts_with("Cannot cast '"))
    {
        return Some("cast");
    }
    let name = match message.split_once(") for function ") {
        Some((_, rest)) => {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        }
        None => message.split_once(": ")?.0,
    };
    Some(name).filter(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

fn schema_message(err: &SchemaError) -> Option<String> {
    match err {
        SchemaError::FieldNotFound {
            field,
            valid_fields,
        } => {
            let name = match &field.relation {
                Some(relation) => format!("{relation}.{}", field.name),
                None => field.name.clone(),
            };
            let hint = nearest(&field.name, valid_fields.iter().map(|f| f.name.as_str()));
            Some(with_hint(
                format!("Column '{name}' cannot be resolved"),
                hint,
            ))
        }
        SchemaError::AmbiguousReference { field } => {
            Some(format!("Column '{}' is ambiguous", field.name))
        }
        _ => None,
    }
}

/// The text form of DataFusion's "No field named" error (when it reaches us as text).
fn field_not_found(text: &str) -> Option<String> {
    static PATTERN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r#"^No field named ("(?:[^"]|"")*"|[^ .]+(?:\.[^ .]+)*)\.?(?: Did you mean '([^']*)'\?)?(?: .*?)?(?: Valid fields are (.*)\.)?$"#,
        )
        .expect("valid pattern")
    });
    let captures = PATTERN.captures(text)?;
    let name = unquote(captures.get(1)?.as_str());
    let short = name.rsplit('.').next().unwrap_or(&name).to_string();
    let valid: Vec<String> = captures
        .get(3)
        .map(|m| {
            m.as_str()
                .split(", ")
                .map(|f| unquote(f.rsplit('.').next().unwrap_or(f)))
                .collect()
        })
        .unwrap_or_default();
    let hint = nearest(&short, valid.iter().map(String::as_str)).or_else(|| {
        captures
            .get(2)
            .map(|m| unquote(m.as_str().rsplit('.').next().unwrap_or(m.as_str())))
    });
    Some(with_hint(
        format!("Column '{name}' cannot be resolved"),
        hint,
    ))
}

fn unquote(name: &str) -> String {
    name.strip_prefix('"')
        .and_then(|n| n.strip_suffix('"'))
        .map_or_else(|| name.to_string(), |n| n.replace("\"\"", "\""))
}

fn with_hint(message: String, hint: Option<String>) -> String {
    match hint {
        Some(hint) => format!("{message}; did you mean '{hint}'?"),
        None => message,
    }
}

/// The message on one line, without DataFusion's category prefixes.
fn one_line(message: &str) -> String {
    let mut message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = message.len();
        for prefix in [
            "Error during planning: ",
            "Execution error: ",
            "Schema error: ",
            "Arrow error: ",
            "External error: ",
            "Internal error: ",
            "SQL error: ",
        ] {
            if let Some(rest) = message.strip_prefix(prefix) {
                message = rest.to_string();
            }
        }
        if let Some(rest) = message.strip_prefix("Optimizer rule '")
            && let Some((_, cause)) = rest.split_once("' failed caused by ")
        {
            message = cause.to_string();
        }
        // An analyzer rule's failure: "resolve_grouping_function caused by …".
        if let Some((rule, cause)) = message.split_once(" caused by ")
            && !rule.is_empty()
            && rule.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            message = cause.to_string();
        }
        if message.len() == before {
            return message;
        }
    }
}

/// The candidate closest to `name`: the same name in another case, or one at most a
/// third of its length (and at least one edit) away.
fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            edit_distance(&lower, &candidate.to_lowercase())
        };
        if distance <= (name.chars().count() / 3).max(1) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        let names = ["srcaddr", "dstaddr", "action", "bytes"];
        assert_eq!(
            nearest("srcadr", names.iter().copied()),
            Some("srcaddr".into())
        );
        assert_eq!(
            nearest("actoin", names.iter().copied()),
            Some("action".into())
        );
        assert_eq!(nearest("zzz", names.iter().copied()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn field_not_found_text() {
        assert_eq!(
            field_not_found(
                "No field named srcadr. Did you mean 't.srcaddr'? Valid fields are t.version, t.srcaddr, t.\"end\"."
            ),
            Some("Column 'srcadr' cannot be resolved; did you mean 'srcaddr'?".into())
        );
        assert_eq!(
            field_not_found("No field named \"Foo\". Valid fields are t.bar."),
            Some("Column 'Foo' cannot be resolved".into())
        );
    }

    #[test]
    fn prefixes_are_dropped() {
        assert_eq!(
            one_line("Error during planning: Execution error: Function 'hour'\n failed"),
            "Function 'hour' failed"
        );
    }
}
