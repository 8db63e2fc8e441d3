//! Splitting a script into statements, and spotting the Hive DDL among them.
//!
//! A script mixes Athena's two dialects: Hive DDL (`CREATE EXTERNAL TABLE`, `ALTER TABLE`,
//! `MSCK`), whose strings take backslash escapes, and Trino SQL (`SELECT`, …), whose strings
//! do not (`'C:\'` is a whole Trino string) and whose `"…"` are identifiers. Each statement's
//! first words choose the rules for its quotes; both dialects double a quote to escape it.
//! The [`scanner`](super::scanner) reads the script with the chosen rules.

use sqlparser::tokenizer::Token as SqlToken;

use super::lexer::{Token, TokenKind, tokenize_leniently};
use super::model::Located;
use super::scanner::{Lexeme, Position, Quoting, scan};

/// Splits `script` at top-level `;` — not inside `'…'`, `"…"`, `` `…` ``, `-- …` or `/* … */` —
/// into statements, each with the 1-based line and column of its first character.
///
/// Leading whitespace and comments are not part of a statement; trailing whitespace and the
/// `;` are dropped; statements holding nothing but comments are skipped. An unterminated
/// quote or comment runs to the end of the script (the parser then reports it).
///
/// ```
/// use flowlog_core::ddl::split_statements;
/// let parts = split_statements("SELECT ';';\n  -- note\n  SELECT 2;;");
/// let texts: Vec<(&str, usize, usize)> =
///     parts.iter().map(|s| (s.value.as_str(), s.line, s.column)).collect();
/// assert_eq!(texts, vec![("SELECT ';'", 1, 1), ("SELECT 2", 3, 3)]);
/// ```
#[must_use]
pub fn split_statements(script: &str) -> Vec<Located<String>> {
    let script = script.strip_prefix('\u{FEFF}').unwrap_or(script);
    let start = Position {
        offset: 0,
        line: 1,
        column: 1,
    };
    let mut quoting = Quoting::Trino;
    let mut scanned = scan(script, start, quoting);
    let mut next = 0;
    let mut statements = Vec::new();
    loop {
        let is_gap =
            |l: &Lexeme<'_>| matches!(l.token, SqlToken::Whitespace(_) | SqlToken::SemiColon);
        next += scanned.lexemes[next..]
            .iter()
            .take_while(|l| is_gap(l))
            .count();
        let start = match scanned.lexemes.get(next) {
            Some(lexeme) => lexeme.at,
            // An unterminated comment between statements is trivia to the end of the script.
            None if scanned.failed && !script[scanned.stop.offset..].starts_with("/*") => {
                scanned.stop
            }
            None => break,
        };
        let wanted = if is_hive_dialect(&leading_words(&scanned.lexemes[next..])) {
            Quoting::Hive
        } else {
            Quoting::Trino
        };
        if wanted != quoting {
            quoting = wanted;
            scanned = scan(script, start, quoting);
            next = 0;
        }
        let end = scanned.lexemes[next..]
            .iter()
            .position(|l| l.token == SqlToken::SemiColon);
        let end_offset = end.map_or(script.len(), |end| scanned.lexemes[next + end].at.offset);
        statements.push(Located {
            value: script[start.offset..end_offset].trim_end().to_string(),
            line: start.line,
            column: start.column,
        });
        match end {
            Some(end) => next += end + 1,
            None => break,
        }
    }
    statements
}

/// The first two unquoted words of a statement, upper-cased, skipping whitespace and comments.
fn leading_words(lexemes: &[Lexeme<'_>]) -> Vec<String> {
    lexemes
        .iter()
        .filter(|l| !matches!(l.token, SqlToken::Whitespace(_)))
        .take(2)
        .map_while(|l| match &l.token {
            SqlToken::Word(word) if word.quote_style.is_none() => {
                Some(word.value.to_ascii_uppercase())
            }
            _ => None,
        })
        .collect()
}

/// Whether a statement starting with these (upper-cased) words is Hive DDL for quoting purposes.
fn is_hive_dialect(words: &[String]) -> bool {
    match words {
        [first, second, ..] if first == "CREATE" => second == "EXTERNAL" || second == "TABLE",
        [first, ..] => first == "ALTER" || first == "MSCK",
        [] => false,
    }
}

/// True if `statement` (after comments and whitespace) starts with `CREATE EXTERNAL TABLE`, or
/// with `CREATE TABLE` and has a top-level `ROW FORMAT`, `STORED AS` or `LOCATION` later
/// (before any `AS` that starts a `CREATE TABLE AS SELECT` query) —
/// the Hive DDL forms that [`parse_create_table`](super::parse_create_table) handles or rejects
/// with a useful message. Keywords match in any case.
///
/// ```
/// use flowlog_core::ddl::is_hive_ddl;
/// assert!(is_hive_ddl("/* x */ create External TABLE t (a int)"));
/// assert!(is_hive_ddl("CREATE TABLE t (a int) STORED AS PARQUET"));
/// assert!(!is_hive_ddl("CREATE TABLE t WITH (format = 'PARQUET', location = 's3://b/') AS SELECT 1"));
/// assert!(!is_hive_ddl("SELECT 'CREATE EXTERNAL TABLE'"));
/// ```
#[must_use]
pub fn is_hive_ddl(statement: &str) -> bool {
    let (tokens, _, _) = tokenize_leniently(statement, 1, 1);
    let is_word = |i: usize, w: &str| tokens.get(i).is_some_and(|t| t.is_keyword(w));
    if !is_word(0, "CREATE") {
        return false;
    }
    if is_word(1, "EXTERNAL") {
        return is_word(2, "TABLE");
    }
    if !is_word(1, "TABLE") {
        return false;
    }
    let mut depth = 0usize;
    let mut previous: Option<&Token> = None;
    for token in &tokens[2..] {
        match token.kind {
            TokenKind::Symbol('(') => depth += 1,
            TokenKind::Symbol(')') => depth = depth.saturating_sub(1),
            TokenKind::Word if depth == 0 => {
                let after = |w: &str| previous.is_some_and(|p| p.is_keyword(w));
                if token.is_keyword("AS") && !after("STORED") {
                    // CREATE TABLE … AS <query>: Trino's CTAS, whatever the query says.
                    return false;
                }
                if token.is_keyword("LOCATION")
                    || (token.is_keyword("FORMAT") && after("ROW"))
                    || (token.is_keyword("AS") && after("STORED"))
                {
                    return true;
                }
            }
            _ => {}
        }
        previous = Some(token);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(script: &str) -> Vec<(String, usize, usize)> {
        split_statements(script)
            .into_iter()
            .map(|s| (s.value, s.line, s.column))
            .collect()
    }

    fn s(text: &str, line: usize, column: usize) -> (String, usize, usize) {
        (text.to_string(), line, column)
    }

    #[test]
    fn semicolons_inside_quotes_and_comments_do_not_split() {
        let script = "CREATE EXTERNAL TABLE t (a int)\n\
                      LOCATION 's3://b/x;y/'\n\
                      TBLPROPERTIES (\"k;1\"='v;2');\n\
                      -- a comment; with a semicolon\n\
                      SELECT \"odd;name\", 'a;b' /* c;d */ FROM t;\n\
                      select `x;y` from t";
        assert_eq!(
            split(script),
            vec![
                s(
                    "CREATE EXTERNAL TABLE t (a int)\nLOCATION 's3://b/x;y/'\nTBLPROPERTIES (\"k;1\"='v;2')",
                    1,
                    1
                ),
                s("SELECT \"odd;name\", 'a;b' /* c;d */ FROM t", 5, 1),
                s("select `x;y` from t", 6, 1),
            ]
        );
    }

    #[test]
    fn escapes_follow_each_statements_dialect() {
        // Hive DDL: \' escapes the quote, so the ; inside stays in the string.
        // Trino SQL: 'C:\' is a complete string, so the ; after it splits.
        let script = "CREATE EXTERNAL TABLE t LOCATION 's3://b/it\\'s;x/';\nSELECT 'C:\\'; SELECT 'it''s;ok'";
        assert_eq!(
            split(script),
            vec![
                s("CREATE EXTERNAL TABLE t LOCATION 's3://b/it\\'s;x/'", 1, 1),
                s("SELECT 'C:\\'", 2, 1),
                s("SELECT 'it''s;ok'", 2, 15),
            ]
        );
        assert_eq!(
            split("ALTER TABLE t ADD PARTITION (d='a\\';b'); MSCK REPAIR TABLE t"),
            vec![
                s("ALTER TABLE t ADD PARTITION (d='a\\';b')", 1, 1),
                s("MSCK REPAIR TABLE t", 1, 42),
            ]
        );
    }

    #[test]
    fn empty_statements_and_comments_are_skipped() {
        assert!(split("").is_empty());
        assert!(split(" ;; -- x\n/* y; */ ; \n").is_empty());
        assert_eq!(
            split("\u{FEFF}/* lead */ SELECT 1 -- tail\n;"),
            vec![s("SELECT 1 -- tail", 1, 12)]
        );
    }

    #[test]
    fn comments_and_dollars_between_statements() {
        assert!(split(";; /* open").is_empty());
        assert_eq!(split("SELECT 1; /* open ;"), vec![s("SELECT 1", 1, 1)]);
        assert_eq!(
            split("SELECT $$; SELECT 2"),
            vec![s("SELECT $$", 1, 1), s("SELECT 2", 1, 12)]
        );
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(
            split("SELECT '組織名';  SELECT 2"),
            vec![s("SELECT '組織名'", 1, 1), s("SELECT 2", 1, 16)]
        );
        assert_eq!(
            split("SELECT 1;\r\n\tSELECT 2\r\n"),
            vec![s("SELECT 1", 1, 1), s("SELECT 2", 2, 2)]
        );
    }

    #[test]
    fn unterminated_runs_to_the_end() {
        assert_eq!(
            split("SELECT 1; SELECT 'abc; def"),
            vec![s("SELECT 1", 1, 1), s("SELECT 'abc; def", 1, 11)]
        );
        assert_eq!(
            split("SELECT 1 /* open ; "),
            vec![s("SELECT 1 /* open ;", 1, 1)]
        );
    }

    #[test]
    fn dialect_detection() {
        let words = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert!(is_hive_dialect(&words(&["CREATE", "EXTERNAL"])));
        assert!(is_hive_dialect(&words(&["CREATE", "TABLE"])));
        assert!(is_hive_dialect(&words(&["ALTER"])));
        assert!(is_hive_dialect(&words(&["MSCK", "REPAIR"])));
        assert!(!is_hive_dialect(&words(&["CREATE", "VIEW"])));
        assert!(!is_hive_dialect(&words(&["SELECT"])));
        assert!(!is_hive_dialect(&[]));
    }

    #[test]
    fn hive_ddl_detection() {
        assert!(is_hive_ddl("CREATE EXTERNAL TABLE IF NOT EXISTS t (a int)"));
        assert!(is_hive_ddl("-- c\n  create\n external\t table x"));
        assert!(is_hive_ddl("CREATE TABLE t (a int) ROW FORMAT DELIMITED"));
        assert!(is_hive_ddl("CREATE TABLE t (a int) stored as parquet"));
        assert!(is_hive_ddl("CREATE TABLE t (a int) LOCATION 's3://b/'"));
        assert!(!is_hive_ddl(
            "CREATE TABLE t (location string, row string, format int)"
        ));
        assert!(!is_hive_ddl("CREATE TABLE t AS SELECT 1 AS location"));
        assert!(!is_hive_ddl(
            "CREATE TABLE t WITH (location = 's3://b/') AS SELECT 'STORED AS'"
        ));
        assert!(!is_hive_ddl("CREATE EXTERNAL VIEW v"));
        assert!(!is_hive_ddl("SELECT * FROM t"));
        assert!(!is_hive_ddl(""));
        assert!(!is_hive_ddl("CREATE"));
        assert!(!is_hive_ddl("`CREATE` EXTERNAL TABLE"));
        // A lexer error later on does not hide the leading keywords.
        assert!(is_hive_ddl("CREATE EXTERNAL TABLE t (a\u{3000}int)"));
        assert!(!is_hive_ddl("CREATE TABLE t \u{3000} LOCATION 's3://b/'"));
    }
}
