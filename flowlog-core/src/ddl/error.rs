//! Errors of the DDL parser: every one names the offending text and where it is.

/// Which kind of name failed Athena's naming rule.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    /// The `db_name` in `db_name.table_name`.
    Database,
    /// The table name.
    Table,
    /// A column or partition column name (or a `struct` field name).
    Column,
}

impl NameKind {
    /// The naming rule Athena applies to this kind of name, as a sentence fragment.
    ///
    /// ```
    /// use flowlog_core::ddl::NameKind;
    /// assert!(NameKind::Table.rule().starts_with("Athena table names may contain only"));
    /// ```
    #[must_use]
    pub fn rule(self) -> &'static str {
        match self {
            NameKind::Database => {
                "Athena database names may contain only lowercase letters, digits and the underscore character"
            }
            NameKind::Table => {
                "Athena table names may contain only lowercase letters, digits and the underscore character"
            }
            NameKind::Column => {
                "Athena column names may contain only lowercase letters, digits and the underscore character unless enclosed in backquotes"
            }
        }
    }
}

impl std::fmt::Display for NameKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NameKind::Database => "database name",
            NameKind::Table => "table name",
            NameKind::Column => "column name",
        })
    }
}

/// Why a `CREATE EXTERNAL TABLE` statement was rejected.
///
/// Every variant but [`DdlError::Empty`] carries the 1-based `line` and `column` (counted in
/// characters) of the offending token, relative to the position the text was given at
/// (see [`parse_create_table_at`](super::parse_create_table_at)).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DdlError {
    /// The text holds no statement at all (only whitespace, comments or `;`).
    #[error("the DDL text is empty: expected a CREATE EXTERNAL TABLE statement")]
    Empty,

    /// A token other than the one the grammar allows here.
    #[error("line {line}, column {column}: expected {expected}, found \"{found}\"")]
    Unexpected {
        /// What the grammar allows here, e.g. `a column name`.
        expected: String,
        /// The source text of the token found.
        found: String,
        /// 1-based line of the token.
        line: usize,
        /// 1-based column (in characters) of the token.
        column: usize,
    },

    /// The statement ends where the grammar needs more.
    #[error("line {line}, column {column}: expected {expected}, found the end of the statement")]
    UnexpectedEnd {
        /// What the grammar needs here.
        expected: String,
        /// 1-based line of the end of the text.
        line: usize,
        /// 1-based column of the end of the text.
        column: usize,
    },

    /// A character that starts no token (e.g. a full-width space or parenthesis).
    #[error(
        "line {line}, column {column}: unexpected character '{character}' (U+{:04X})",
        u32::from(*.character)
    )]
    UnexpectedCharacter {
        /// The character.
        character: char,
        /// 1-based line of the character.
        line: usize,
        /// 1-based column of the character.
        column: usize,
    },

    /// A `'…'` or `"…"` string literal without its closing quote.
    #[error("line {line}, column {column}: string literal is not terminated")]
    UnterminatedString {
        /// 1-based line of the opening quote.
        line: usize,
        /// 1-based column of the opening quote.
        column: usize,
    },

    /// A `` `…` `` quoted identifier without its closing backquote.
    #[error("line {line}, column {column}: backquoted identifier is not terminated")]
    UnterminatedIdentifier {
        /// 1-based line of the opening backquote.
        line: usize,
        /// 1-based column of the opening backquote.
        column: usize,
    },

    /// A `/* … */` comment without its closing `*/`.
    #[error("line {line}, column {column}: comment is not terminated (missing \"*/\")")]
    UnterminatedComment {
        /// 1-based line of the `/*`.
        line: usize,
        /// 1-based column of the `/*`.
        column: usize,
    },

    /// A `\u` escape that names a lone UTF-16 surrogate, which no string can hold.
    #[error("line {line}, column {column}: escape \"{escape}\" is not a valid character")]
    InvalidEscape {
        /// The escape as written, e.g. `\uD800`.
        escape: String,
        /// 1-based line of the backslash.
        line: usize,
        /// 1-based column of the backslash.
        column: usize,
    },

    /// A name that breaks Athena's naming rule.
    #[error("line {line}, column {column}: {kind} \"{name}\" is not valid: {}", .kind.rule())]
    InvalidName {
        /// Which kind of name.
        kind: NameKind,
        /// The name as written (without backquotes).
        name: String,
        /// 1-based line of the name.
        line: usize,
        /// 1-based column of the name.
        column: usize,
    },

    /// An empty backquoted name (`` `` ``).
    #[error(
        "line {line}, column {column}: {kind} is empty: names must have at least one character"
    )]
    EmptyName {
        /// Which kind of name.
        kind: NameKind,
        /// 1-based line of the name.
        line: usize,
        /// 1-based column of the name.
        column: usize,
    },

    /// A name longer than Athena's limit of 255 characters.
    #[error(
        "line {line}, column {column}: {kind} \"{name}\" is {length} characters long: Athena allows at most 255"
    )]
    NameTooLong {
        /// Which kind of name.
        kind: NameKind,
        /// The name as written.
        name: String,
        /// Its length in characters.
        length: usize,
        /// 1-based line of the name.
        line: usize,
        /// 1-based column of the name.
        column: usize,
    },

    /// An unquoted name that starts with `_`, which Athena only accepts in backquotes.
    #[error(
        "line {line}, column {column}: {kind} \"{name}\" starts with an underscore: enclose it in backquotes (`{name}`)"
    )]
    NameNeedsBackquotes {
        /// Which kind of name.
        kind: NameKind,
        /// The name as written.
        name: String,
        /// 1-based line of the name.
        line: usize,
        /// 1-based column of the name.
        column: usize,
    },

    /// A word where a data type belongs that names no Hive type.
    #[error(
        "line {line}, column {column}: expected a data type, found \"{name}\" (Hive types: boolean, tinyint, smallint, int, bigint, float, double, decimal, string, varchar, char, date, timestamp, binary, array, map, struct)"
    )]
    UnknownType {
        /// The word found.
        name: String,
        /// 1-based line of the word.
        line: usize,
        /// 1-based column of the word.
        column: usize,
    },

    /// A type parameter out of range, e.g. `decimal(40,2)` or `varchar(0)`.
    #[error(
        "line {line}, column {column}: invalid {data_type} parameter \"{parameter}\": expected {expected}"
    )]
    InvalidTypeParameter {
        /// The type being defined, e.g. `decimal`.
        data_type: String,
        /// The parameter as written.
        parameter: String,
        /// What is allowed, e.g. `a precision from 1 to 38`.
        expected: String,
        /// 1-based line of the parameter.
        line: usize,
        /// 1-based column of the parameter.
        column: usize,
    },

    /// A column name used twice (compared case-insensitively, across columns and partition columns).
    #[error(
        "line {line}, column {column}: column \"{name}\" is defined more than once (partition columns must not repeat table columns)"
    )]
    DuplicateColumn {
        /// The lower-cased column name.
        name: String,
        /// 1-based line of the second definition.
        line: usize,
        /// 1-based column of the second definition.
        column: usize,
    },

    /// A key given twice in `TBLPROPERTIES` or `WITH SERDEPROPERTIES`.
    #[error("line {line}, column {column}: {clause} key \"{key}\" is given more than once")]
    DuplicateProperty {
        /// `TBLPROPERTIES` or `SERDEPROPERTIES`.
        clause: String,
        /// The key.
        key: String,
        /// 1-based line of the second occurrence.
        line: usize,
        /// 1-based column of the second occurrence.
        column: usize,
    },

    /// A clause given twice, e.g. two `LOCATION` clauses.
    #[error("line {line}, column {column}: {clause} is given more than once")]
    DuplicateClause {
        /// The clause, e.g. `LOCATION`.
        clause: String,
        /// 1-based line of the second occurrence.
        line: usize,
        /// 1-based column of the second occurrence.
        column: usize,
    },

    /// A clause after one that Hive's grammar puts later.
    #[error(
        "line {line}, column {column}: {clause} must come before {after} (Hive DDL clauses go in the order {order})"
    )]
    ClauseOrder {
        /// The misplaced clause.
        clause: String,
        /// The clause it follows but must precede.
        after: String,
        /// The required order of the clauses of this part of the statement.
        order: String,
        /// 1-based line of the misplaced clause.
        line: usize,
        /// 1-based column of the misplaced clause.
        column: usize,
    },

    /// `CREATE TABLE` without `EXTERNAL`.
    #[error(
        "line {line}, column {column}: Athena creates Hive tables only with CREATE EXTERNAL TABLE: write EXTERNAL before TABLE (CREATE TABLE without EXTERNAL makes Iceberg tables or CREATE TABLE AS SELECT, which flowlog does not support)"
    )]
    ExternalRequired {
        /// 1-based line of the `TABLE` keyword.
        line: usize,
        /// 1-based column of the `TABLE` keyword.
        column: usize,
    },

    /// Valid Hive DDL that this parser (and flowlog) does not support.
    #[error("line {line}, column {column}: {what} is not supported")]
    NotSupported {
        /// The unsupported construct, e.g. `CLUSTERED BY (bucketing)`.
        what: String,
        /// 1-based line of the construct.
        line: usize,
        /// 1-based column of the construct.
        column: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(line: usize, column: usize) -> impl Fn(&'a str) -> String {
        move |s| format!("line {line}, column {column}: {s}")
    }

    #[test]
    fn display_of_every_variant() {
        let p = at(3, 7);
        assert_eq!(
            DdlError::Empty.to_string(),
            "the DDL text is empty: expected a CREATE EXTERNAL TABLE statement"
        );
        assert_eq!(
            DdlError::Unexpected {
                expected: "\"(\"".into(),
                found: "x".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("expected \"(\", found \"x\"")
        );
        assert_eq!(
            DdlError::UnexpectedEnd {
                expected: "\")\"".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("expected \")\", found the end of the statement")
        );
        assert_eq!(
            DdlError::UnexpectedCharacter {
                character: '\u{3000}',
                line: 3,
                column: 7
            }
            .to_string(),
            p("unexpected character '\u{3000}' (U+3000)")
        );
        assert_eq!(
            DdlError::UnexpectedCharacter {
                character: '\u{1}',
                line: 3,
                column: 7
            }
            .to_string(),
            p("unexpected character '\u{1}' (U+0001)")
        );
        assert_eq!(
            DdlError::UnterminatedString { line: 3, column: 7 }.to_string(),
            p("string literal is not terminated")
        );
        assert_eq!(
            DdlError::UnterminatedIdentifier { line: 3, column: 7 }.to_string(),
            p("backquoted identifier is not terminated")
        );
        assert_eq!(
            DdlError::UnterminatedComment { line: 3, column: 7 }.to_string(),
            p("comment is not terminated (missing \"*/\")")
        );
        assert_eq!(
            DdlError::InvalidEscape {
                escape: "\\uD800".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("escape \"\\uD800\" is not a valid character")
        );
        assert_eq!(
            DdlError::InvalidName {
                kind: NameKind::Table,
                name: "vpc_flow_logs_組織名".into(),
                line: 1,
                column: 37
            }
            .to_string(),
            "line 1, column 37: table name \"vpc_flow_logs_組織名\" is not valid: Athena table names may contain only lowercase letters, digits and the underscore character"
        );
        assert_eq!(
            DdlError::InvalidName {
                kind: NameKind::Database,
                name: "my-db".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p(
                "database name \"my-db\" is not valid: Athena database names may contain only lowercase letters, digits and the underscore character"
            )
        );
        assert_eq!(
            DdlError::InvalidName {
                kind: NameKind::Column,
                name: "aws-region".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p(
                "column name \"aws-region\" is not valid: Athena column names may contain only lowercase letters, digits and the underscore character unless enclosed in backquotes"
            )
        );
        assert_eq!(
            DdlError::EmptyName {
                kind: NameKind::Column,
                line: 3,
                column: 7
            }
            .to_string(),
            p("column name is empty: names must have at least one character")
        );
        assert_eq!(
            DdlError::NameTooLong {
                kind: NameKind::Table,
                name: "t".into(),
                length: 256,
                line: 3,
                column: 7
            }
            .to_string(),
            p("table name \"t\" is 256 characters long: Athena allows at most 255")
        );
        assert_eq!(
            DdlError::NameNeedsBackquotes {
                kind: NameKind::Column,
                name: "_id".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("column name \"_id\" starts with an underscore: enclose it in backquotes (`_id`)")
        );
        assert_eq!(
            DdlError::UnknownType {
                name: "strin".into(),
                line: 4,
                column: 12
            }
            .to_string(),
            "line 4, column 12: expected a data type, found \"strin\" (Hive types: boolean, tinyint, smallint, int, bigint, float, double, decimal, string, varchar, char, date, timestamp, binary, array, map, struct)"
        );
        assert_eq!(
            DdlError::InvalidTypeParameter {
                data_type: "decimal".into(),
                parameter: "40".into(),
                expected: "a precision from 1 to 38".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("invalid decimal parameter \"40\": expected a precision from 1 to 38")
        );
        assert_eq!(
            DdlError::DuplicateColumn {
                name: "date".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p(
                "column \"date\" is defined more than once (partition columns must not repeat table columns)"
            )
        );
        assert_eq!(
            DdlError::DuplicateProperty {
                clause: "TBLPROPERTIES".into(),
                key: "projection.enabled".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("TBLPROPERTIES key \"projection.enabled\" is given more than once")
        );
        assert_eq!(
            DdlError::DuplicateClause {
                clause: "LOCATION".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("LOCATION is given more than once")
        );
        assert_eq!(
            DdlError::ClauseOrder {
                clause: "LOCATION".into(),
                after: "TBLPROPERTIES".into(),
                order: "A, B".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("LOCATION must come before TBLPROPERTIES (Hive DDL clauses go in the order A, B)")
        );
        assert_eq!(
            DdlError::ExternalRequired { line: 3, column: 7 }.to_string(),
            p(
                "Athena creates Hive tables only with CREATE EXTERNAL TABLE: write EXTERNAL before TABLE (CREATE TABLE without EXTERNAL makes Iceberg tables or CREATE TABLE AS SELECT, which flowlog does not support)"
            )
        );
        assert_eq!(
            DdlError::NotSupported {
                what: "CLUSTERED BY (bucketing)".into(),
                line: 3,
                column: 7
            }
            .to_string(),
            p("CLUSTERED BY (bucketing) is not supported")
        );
    }

    #[test]
    fn name_kind_display() {
        assert_eq!(NameKind::Database.to_string(), "database name");
        assert_eq!(NameKind::Table.to_string(), "table name");
        assert_eq!(NameKind::Column.to_string(), "column name");
    }
}
