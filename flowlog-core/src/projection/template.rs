//! Partition locations: `storage.location.template` and Athena's default layout.
//!
//! A template holds `${column}` placeholders, replaced by the partition's values as they are
//! (no escaping). Every partition column must appear at least once, in any order and as often
//! as wanted (Athena's and Trino's rule). A `${name}` naming no partition column is an error
//! here (Trino fails only when it expands the template). `${` without a closing `}`, and `${}`,
//! are plain text, as in Trino.
//!
//! A `{word}` *without* the `$` is text Athena leaves as it is, so a location such as the
//! runbook's `s3://bucket/AWSLogs/{subscribe_account_id}/...` would address a prefix that does
//! not exist; [`LocationTemplate::parse`] rejects it and [`find_unfilled_placeholder`] finds it
//! in a plain `LOCATION`.
//!
//! Without a template the partition lives at `LOCATION/col1=val1/col2=val2/`, names and values
//! escaped like Hive's `escapePathName` ([`default_location`]).
//!
//! ```text
//! template  s3://b/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/
//! values    account=111111111111  date=2026/11/19
//! location  s3://b/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/
//! ```

use super::{PartitionColumn, ProjectionError};

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    /// Index of the partition column (in `PARTITIONED BY` order).
    Column(usize),
}

/// A parsed `storage.location.template`.
///
/// Invariant: every partition column given to [`parse`](Self::parse) has a placeholder.
///
/// ```
/// # use flowlog_core::projection::{LocationTemplate, PartitionColumn, PartitionKind};
/// let columns = [
///     PartitionColumn::new("account", PartitionKind::String),
///     PartitionColumn::new("date", PartitionKind::String),
/// ];
/// let t = LocationTemplate::parse("s3://b/${date}/${account}/${date}", &columns).unwrap();
/// assert_eq!(t.render(&["111", "2024/01/02"]), "s3://b/2024/01/02/111/2024/01/02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationTemplate {
    template: String,
    parts: Vec<Part>,
}

impl LocationTemplate {
    /// Parses a template against the partition columns (names matched ignoring ASCII case).
    ///
    /// Errors, checked in this order: a `${x}` naming no partition column
    /// ([`ProjectionError::TemplateUnknownColumn`]); a `{word}` not preceded by `$`
    /// ([`ProjectionError::UnfilledPlaceholder`]); a partition column without a placeholder
    /// ([`ProjectionError::TemplateMissingColumn`]).
    pub fn parse(template: &str, columns: &[PartitionColumn]) -> Result<Self, ProjectionError> {
        let mut parts: Vec<Part> = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            let after = &rest[start + 2..];
            match after.find('}') {
                Some(len) if len > 0 => {
                    let name = &after[..len];
                    let Some(index) = columns
                        .iter()
                        .position(|c| c.name.eq_ignore_ascii_case(name))
                    else {
                        return Err(ProjectionError::TemplateUnknownColumn {
                            template: template.to_owned(),
                            placeholder: name.to_owned(),
                            partition_columns: columns.iter().map(|c| c.name.clone()).collect(),
                        });
                    };
                    text.push_str(&rest[..start]);
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Column(index));
                    rest = &after[len + 1..];
                }
                _ => {
                    // `${}` or an unclosed `${`: literal text.
                    text.push_str(&rest[..start + 2]);
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }

        if let Some(placeholder) = find_unfilled_placeholder(template) {
            return Err(ProjectionError::UnfilledPlaceholder {
                placeholder,
                location: template.to_owned(),
            });
        }
        for (index, column) in columns.iter().enumerate() {
            if !parts.contains(&Part::Column(index)) {
                return Err(ProjectionError::TemplateMissingColumn {
                    template: template.to_owned(),
                    column: column.name.clone(),
                });
            }
        }
        Ok(LocationTemplate {
            template: template.to_owned(),
            parts,
        })
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.template
    }

    /// Substitutes `values`, given in partition column order (the order of `columns` at parse
    /// time). A missing value renders as empty text.
    pub fn render(&self, values: &[&str]) -> String {
        let mut out = String::with_capacity(self.template.len());
        for part in &self.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Column(index) => {
                    out.push_str(values.get(*index).copied().unwrap_or_default())
                }
            }
        }
        out
    }
}

/// Finds the first `{word}` not preceded by `$` in a location, returning it with its braces.
/// A word is one or more ASCII letters, digits, `_`, `-` or `.`.
///
/// ```
/// # use flowlog_core::projection::find_unfilled_placeholder;
/// assert_eq!(
///     find_unfilled_placeholder("s3://b/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/"),
///     Some("{subscribe_account_id}".to_string())
/// );
/// assert_eq!(find_unfilled_placeholder("s3://b/AWSLogs/${account}/"), None);
/// ```
pub fn find_unfilled_placeholder(location: &str) -> Option<String> {
    let bytes = location.as_bytes();
    let mut search_from = 0;
    while let Some(offset) = location[search_from..].find('{') {
        let open = search_from + offset;
        search_from = open + 1;
        if open > 0 && bytes[open - 1] == b'$' {
            continue;
        }
        let word_len = bytes[open + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            .count();
        let close = open + 1 + word_len;
        if word_len > 0 && bytes.get(close) == Some(&b'}') {
            return Some(location[open..=close].to_owned());
        }
    }
    None
}

/// Escapes a partition name or value for a path the way Hive's `escapePathName` does:
/// control characters, `"`, `#`, `%`, `'`, `*`, `/`, `:`, `=`, `?`, `\`, DEL, `{`, `[`, `]`
/// and `^` become `%XX`; an empty text becomes `__HIVE_DEFAULT_PARTITION__`.
///
/// ```
/// # use flowlog_core::projection::escape_path_name;
/// assert_eq!(escape_path_name("2024/01/02"), "2024%2F01%2F02");
/// assert_eq!(escape_path_name("us-east-1"), "us-east-1");
/// assert_eq!(escape_path_name(""), "__HIVE_DEFAULT_PARTITION__");
/// ```
pub fn escape_path_name(text: &str) -> String {
    if text.is_empty() {
        return "__HIVE_DEFAULT_PARTITION__".to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let escape = c < ' '
            || matches!(
                c,
                '"' | '#'
                    | '%'
                    | '\''
                    | '*'
                    | '/'
                    | ':'
                    | '='
                    | '?'
                    | '\\'
                    | '\u{7F}'
                    | '{'
                    | '['
                    | ']'
                    | '^'
            );
        if escape {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Athena's location for a partition of a table without a template:
/// `table_location/name1=value1/name2=value2/`, names and values escaped with
/// [`escape_path_name`], with exactly one `/` after the table location and a trailing `/`.
///
/// ```
/// # use flowlog_core::projection::default_location;
/// assert_eq!(
///     default_location("s3://b/flows", &["region", "day"], &["us-east-1", "2024/01/02"]),
///     "s3://b/flows/region=us-east-1/day=2024%2F01%2F02/"
/// );
/// ```
pub fn default_location(table_location: &str, names: &[&str], values: &[&str]) -> String {
    let mut out = table_location.to_owned();
    if !out.ends_with('/') {
        out.push('/');
    }
    for (index, name) in names.iter().enumerate() {
        let value = values.get(index).copied().unwrap_or_default();
        out.push_str(&escape_path_name(name));
        out.push('=');
        out.push_str(&escape_path_name(value));
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::PartitionKind;
    use super::*;

    fn columns(names: &[&str]) -> Vec<PartitionColumn> {
        names
            .iter()
            .map(|n| PartitionColumn::new(*n, PartitionKind::String))
            .collect()
    }

    #[test]
    fn runbook_template() {
        let t = LocationTemplate::parse(
            "s3://test-flowlogs-athena-bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/",
            &columns(&["account", "date"]),
        )
        .unwrap();
        assert_eq!(
            t.render(&["222222222222", "2026/11/20"]),
            "s3://test-flowlogs-athena-bucket/AWSLogs/222222222222/vpcflowlogs/ap-northeast-1/2026/11/20/"
        );
        assert_eq!(
            t.as_str(),
            "s3://test-flowlogs-athena-bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/"
        );
    }

    #[test]
    fn athena_vpc_example_without_trailing_slash() {
        // Athena's VPC flow log example template ends in ${day}.
        let t = LocationTemplate::parse(
            "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/${account_id}/vpcflowlogs/${region}/${day}",
            &columns(&["account_id", "region", "day"]),
        )
        .unwrap();
        assert_eq!(
            t.render(&["123456789012", "us-east-1", "2021/01/01"]),
            "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/123456789012/vpcflowlogs/us-east-1/2021/01/01"
        );
    }

    #[test]
    fn placeholders_any_order_repeated_and_case_insensitive() {
        let t = LocationTemplate::parse("${B}-${a}/${b}", &columns(&["a", "b"])).unwrap();
        assert_eq!(t.render(&["1", "2"]), "2-1/2");
        // Values are substituted as they are, `$` and `\` included.
        assert_eq!(t.render(&["$x", "\\y"]), "\\y-$x/\\y");
        // Missing values render empty.
        assert_eq!(t.render(&["1"]), "-1/");
    }

    #[test]
    fn unclosed_and_empty_placeholders_are_text() {
        let t = LocationTemplate::parse("s3://b/${}/${a}/${oops", &columns(&["a"])).unwrap();
        assert_eq!(t.render(&["v"]), "s3://b/${}/v/${oops");
    }

    #[test]
    fn missing_column() {
        let err = LocationTemplate::parse("s3://b/${a}/", &columns(&["a", "b"])).unwrap_err();
        assert_eq!(
            err,
            ProjectionError::TemplateMissingColumn {
                template: "s3://b/${a}/".to_owned(),
                column: "b".to_owned()
            }
        );
        assert_eq!(
            err.to_string(),
            "`storage.location.template` \"s3://b/${a}/\" has no `${b}` placeholder; it must contain `${column}` for every partition column"
        );
    }

    #[test]
    fn unknown_column() {
        let err = LocationTemplate::parse("s3://b/${a}/${c}/", &columns(&["a", "b"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`storage.location.template` \"s3://b/${a}/${c}/\" has placeholder `${c}`, which names no partition column; partition columns: a, b"
        );
    }

    #[test]
    fn unfilled_placeholder() {
        let template = "s3://your_log_bucket/prefix/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/${date}/";
        let err = LocationTemplate::parse(template, &columns(&["date"])).unwrap_err();
        assert_eq!(
            err,
            ProjectionError::UnfilledPlaceholder {
                placeholder: "{subscribe_account_id}".to_owned(),
                location: template.to_owned()
            }
        );
        // A `{word}` right after a real placeholder is still unfilled.
        let err = LocationTemplate::parse("s3://b/${a}{b}/", &columns(&["a"])).unwrap_err();
        assert!(
            matches!(err, ProjectionError::UnfilledPlaceholder { ref placeholder, .. } if placeholder == "{b}")
        );
    }

    #[test]
    fn find_unfilled_placeholder_cases() {
        assert_eq!(
            find_unfilled_placeholder(
                "s3://your_log_bucket/prefix/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/"
            ),
            Some("{subscribe_account_id}".to_owned())
        );
        assert_eq!(
            find_unfilled_placeholder("s3://b/{region_code}/"),
            Some("{region_code}".to_owned())
        );
        assert_eq!(find_unfilled_placeholder("s3://b/${date}/"), None);
        assert_eq!(find_unfilled_placeholder("s3://b/{}/"), None);
        assert_eq!(find_unfilled_placeholder("s3://b/{a b}/"), None);
        assert_eq!(find_unfilled_placeholder("s3://b/{open/"), None);
        assert_eq!(find_unfilled_placeholder("{x}"), Some("{x}".to_owned()));
        assert_eq!(
            find_unfilled_placeholder("s3://b/{{y}}"),
            Some("{y}".to_owned())
        );
        assert_eq!(
            find_unfilled_placeholder("s3://b/é{y.z-1}"),
            Some("{y.z-1}".to_owned())
        );
    }

    #[test]
    fn hive_escaping() {
        assert_eq!(escape_path_name("a=b"), "a%3Db");
        assert_eq!(escape_path_name("x:y?z#"), "x%3Ay%3Fz%23");
        assert_eq!(escape_path_name("100%"), "100%25");
        assert_eq!(escape_path_name("tab\there"), "tab%09here");
        assert_eq!(escape_path_name("{[^]}"), "%7B%5B%5E%5D}");
        assert_eq!(escape_path_name("sp ace-ü"), "sp ace-ü");
    }

    #[test]
    fn default_layout() {
        assert_eq!(
            default_location("s3://b/t/", &["account", "date"], &["111", "2024-01-02"]),
            "s3://b/t/account=111/date=2024-01-02/"
        );
        assert_eq!(
            default_location("s3://b/t", &["n"], &[""]),
            "s3://b/t/n=__HIVE_DEFAULT_PARTITION__/"
        );
    }
}
