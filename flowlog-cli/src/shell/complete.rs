//! Tab completion in the shell: backslash commands, then table names after `\d` and
//! `\preview`, else tables, columns, functions and SQL keywords.

use std::sync::{Arc, Mutex};

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::meta;

/// The names the shell completes, refreshed after each statement (a CREATE TABLE adds
/// to them).
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// Table names.
    pub(crate) tables: Vec<String>,
    /// Column names of every table.
    pub(crate) columns: Vec<String>,
    /// Function names.
    pub(crate) functions: Vec<String>,
}

impl Vocabulary {
    /// The tables of every catalog and schema (but `information_schema`), their columns
    /// and the functions of `session`.
    pub(crate) async fn read(session: &flowlog_core::FlowLogSession) -> Self {
        let ctx = session.context();
        let mut tables = Vec::new();
        let mut columns = Vec::new();
        for catalog_name in ctx.catalog_names() {
            let Some(catalog) = ctx.catalog(&catalog_name) else {
                continue;
            };
            for schema_name in catalog.schema_names() {
                if schema_name == "information_schema" {
                    continue;
                }
                let Some(schema) = catalog.schema(&schema_name) else {
                    continue;
                };
                for table in schema.table_names() {
                    if let Ok(Some(provider)) = schema.table(&table).await {
                        // Athena lists no pseudo-columns (`"$path"`, …) among a table's.
                        columns.extend(
                            provider
                                .schema()
                                .fields()
                                .iter()
                                .map(|f| f.name().clone())
                                .filter(|n| !flowlog_core::table::is_pseudo_column(n)),
                        );
                    }
                    tables.push(table);
                }
            }
        }
        columns.sort();
        columns.dedup();
        let functions = flowlog_core::functions::catalog::functions(&ctx.state(), None)
            .into_iter()
            .map(|f| f.name)
            .filter(|n| !n.starts_with('$'))
            .collect();
        Self {
            tables,
            columns,
            functions,
        }
    }
}

/// SQL keywords offered for completion (upper case; offered in the case typed).
pub(crate) const KEYWORDS: &[&str] = &[
    "SELECT",
    "FROM",
    "WHERE",
    "GROUP",
    "BY",
    "ORDER",
    "HAVING",
    "LIMIT",
    "OFFSET",
    "AS",
    "AND",
    "OR",
    "NOT",
    "IN",
    "IS",
    "NULL",
    "LIKE",
    "BETWEEN",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "DISTINCT",
    "JOIN",
    "LEFT",
    "RIGHT",
    "FULL",
    "INNER",
    "OUTER",
    "CROSS",
    "ON",
    "USING",
    "UNION",
    "ALL",
    "INTERSECT",
    "EXCEPT",
    "WITH",
    "ASC",
    "DESC",
    "NULLS",
    "FIRST",
    "LAST",
    "OVER",
    "PARTITION",
    "ROWS",
    "CAST",
    "TRY_CAST",
    "INTERVAL",
    "DATE",
    "TIMESTAMP",
    "TRUE",
    "FALSE",
    "SHOW",
    "TABLES",
    "COLUMNS",
    "DESCRIBE",
    "CREATE",
    "EXTERNAL",
    "TABLE",
    "VIEW",
    "DROP",
    "EXPLAIN",
    "SET",
    "TIME",
    "ZONE",
    "UNNEST",
    "EXISTS",
    "VALUES",
];

/// The rustyline helper: completion only.
pub(crate) struct ShellHelper {
    /// What can be completed.
    pub(crate) vocabulary: Arc<Mutex<Vocabulary>>,
}

/// Whether `c` can be part of a name being completed.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

impl ShellHelper {
    /// The candidates for `word` in `line` before the cursor.
    fn candidates(&self, before: &str, word: &str) -> Vec<String> {
        let lower = word.to_lowercase();
        let matches = |name: &str| name.to_lowercase().starts_with(&lower);
        let vocabulary = self.vocabulary.lock().expect("not poisoned");
        let trimmed = before.trim_start();
        if trimmed.starts_with('\\') {
            if !trimmed.contains(char::is_whitespace) {
                return meta::NAMES
                    .iter()
                    .filter(|n| n.starts_with(trimmed))
                    .map(|n| n.to_string())
                    .collect();
            }
            if trimmed.starts_with("\\d ") || trimmed.starts_with("\\preview ") {
                return vocabulary
                    .tables
                    .iter()
                    .filter(|t| matches(t))
                    .cloned()
                    .collect();
            }
            return Vec::new();
        }
        let upper_case =
            word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
        let mut found: Vec<String> = vocabulary
            .tables
            .iter()
            .chain(&vocabulary.columns)
            .chain(&vocabulary.functions)
            .filter(|n| matches(n))
            .cloned()
            .chain(KEYWORDS.iter().filter(|k| matches(k)).map(|k| {
                if upper_case {
                    k.to_string()
                } else {
                    k.to_lowercase()
                }
            }))
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = if before.trim_start().starts_with('\\') && !before.trim_start().contains(' ') {
            before.len() - before.trim_start().len()
        } else {
            before
                .char_indices()
                .rev()
                .find(|(_, c)| !is_word(*c))
                .map_or(0, |(i, c)| i + c.len_utf8())
        };
        let word = &before[start..];
        let pairs = self
            .candidates(before, word)
            .into_iter()
            .map(|c| Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> ShellHelper {
        ShellHelper {
            vocabulary: Arc::new(Mutex::new(Vocabulary {
                tables: vec!["vpc_flow_logs".into()],
                columns: vec!["srcaddr".into(), "srcport".into()],
                functions: vec!["from_unixtime".into()],
            })),
        }
    }

    #[test]
    fn completes_names_and_keywords_in_the_case_typed() {
        let h = helper();
        assert_eq!(
            h.candidates("select src", "src"),
            vec!["srcaddr", "srcport"]
        );
        assert_eq!(
            h.candidates("select * fr", "fr"),
            vec!["from", "from_unixtime"]
        );
        assert_eq!(
            h.candidates("SELECT * FR", "FR"),
            vec!["FROM", "from_unixtime"]
        );
        assert_eq!(h.candidates("\\d vpc", "vpc"), vec!["vpc_flow_logs"]);
        assert_eq!(h.candidates("\\pre", "\\pre"), vec!["\\preview"]);
    }

    #[tokio::test]
    async fn the_vocabulary_has_a_tables_columns_but_not_its_pseudo_columns() {
        let session = flowlog_core::FlowLogSession::new(flowlog_core::SessionOptions::default());
        let logs = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../testdata/s3/flowlog-sample-daily"
        );
        session.register_logs("vpc_flow_logs", logs).await.unwrap();
        let v = Vocabulary::read(&session).await;
        assert!(
            v.tables.contains(&"vpc_flow_logs".to_string()),
            "{:?}",
            v.tables
        );
        assert!(
            v.columns.contains(&"srcaddr".to_string()),
            "{:?}",
            v.columns
        );
        assert!(v.columns.contains(&"date".to_string()), "{:?}", v.columns);
        assert!(
            !v.columns.iter().any(|c| c.starts_with('$')),
            "{:?}",
            v.columns
        );
    }
}
