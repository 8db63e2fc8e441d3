//! Athena's rules for database, table and column names.
//!
//! Athena: "the only acceptable characters for database names, table names, and column names
//! are lowercase letters, numbers, and the underscore character"; mixed case is lower-cased;
//! names are at most 255 characters; names starting with `_` must be backquoted in DDL
//! (Hive's unquoted identifiers start with a letter or digit). AWS's own Parquet DDL backquotes
//! hyphenated partition columns (`` `aws-account-id` ``), so backquoted *column* names may hold
//! other characters; database and table names may not, quoted or not.

use super::error::{DdlError, NameKind};
use super::lexer::{Token, TokenKind};

/// Athena's limit on the length of a name, in characters.
const MAX_NAME_CHARS: usize = 255;

/// Validates and lower-cases a name token, or fails with the rule it breaks.
/// `expected` describes the name for an "expected …, found …" error when the token is no name.
pub(super) fn name(token: &Token, kind: NameKind, expected: &str) -> Result<String, DdlError> {
    let (line, column) = (token.line, token.column);
    let (written, quoted) = match &token.kind {
        TokenKind::Word => (token.text.as_str(), false),
        TokenKind::Quoted(value) => (value.as_str(), true),
        TokenKind::Str(_) | TokenKind::Symbol(_) => {
            return Err(DdlError::Unexpected {
                expected: expected.to_string(),
                found: token.text.clone(),
                line,
                column,
            });
        }
    };
    if written.is_empty() {
        return Err(DdlError::EmptyName { kind, line, column });
    }
    let free_form = quoted && kind == NameKind::Column;
    let lowered = if free_form {
        written.to_lowercase()
    } else {
        written.to_ascii_lowercase()
    };
    let valid = free_form
        || lowered
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(DdlError::InvalidName {
            kind,
            name: written.to_string(),
            line,
            column,
        });
    }
    if !quoted && written.starts_with('_') {
        return Err(DdlError::NameNeedsBackquotes {
            kind,
            name: written.to_string(),
            line,
            column,
        });
    }
    let length = lowered.chars().count();
    if length > MAX_NAME_CHARS {
        return Err(DdlError::NameTooLong {
            kind,
            name: written.to_string(),
            length,
            line,
            column,
        });
    }
    Ok(lowered)
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn check(text: &str, kind: NameKind) -> Result<String, DdlError> {
        let tokens = tokenize(text, 1, 1).unwrap().tokens;
        name(&tokens[0], kind, "a name")
    }

    #[test]
    fn valid_names_are_lower_cased() {
        assert_eq!(
            check("vpc_flow_logs", NameKind::Table).unwrap(),
            "vpc_flow_logs"
        );
        assert_eq!(check("VPC_Logs", NameKind::Table).unwrap(), "vpc_logs");
        assert_eq!(check("`VPC_Logs`", NameKind::Table).unwrap(), "vpc_logs");
        assert_eq!(check("123table", NameKind::Table).unwrap(), "123table");
        assert_eq!(
            check("`_myunderscoretable`", NameKind::Table).unwrap(),
            "_myunderscoretable"
        );
        assert_eq!(check("Account_ID", NameKind::Column).unwrap(), "account_id");
        assert_eq!(
            check("`aws-account-id`", NameKind::Column).unwrap(),
            "aws-account-id"
        );
        assert_eq!(
            check("`Aws-Region`", NameKind::Column).unwrap(),
            "aws-region"
        );
        assert_eq!(check("`組織名`", NameKind::Column).unwrap(), "組織名");
        assert_eq!(check("`_id`", NameKind::Column).unwrap(), "_id");
    }

    #[test]
    fn invalid_table_and_database_names() {
        assert_eq!(
            check("vpc_flow_logs_組織名", NameKind::Table),
            Err(DdlError::InvalidName {
                kind: NameKind::Table,
                name: "vpc_flow_logs_組織名".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            check("vpc-flow-logs", NameKind::Table),
            Err(DdlError::InvalidName {
                kind: NameKind::Table,
                name: "vpc-flow-logs".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            check("`My-Logs`", NameKind::Database),
            Err(DdlError::InvalidName {
                kind: NameKind::Database,
                name: "My-Logs".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            check("`a.b`", NameKind::Table),
            Err(DdlError::InvalidName {
                kind: NameKind::Table,
                name: "a.b".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            check("``", NameKind::Table),
            Err(DdlError::EmptyName {
                kind: NameKind::Table,
                line: 1,
                column: 1
            })
        );
        // Non-ASCII letters are not lower-cased into validity (Athena allows a-z only).
        assert!(matches!(
            check("ÉTÉ", NameKind::Table),
            Err(DdlError::InvalidName { .. })
        ));
    }

    #[test]
    fn unquoted_column_rules() {
        assert_eq!(
            check("aws-region", NameKind::Column),
            Err(DdlError::InvalidName {
                kind: NameKind::Column,
                name: "aws-region".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            check("_id", NameKind::Column),
            Err(DdlError::NameNeedsBackquotes {
                kind: NameKind::Column,
                name: "_id".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            check("``", NameKind::Column),
            Err(DdlError::EmptyName {
                kind: NameKind::Column,
                line: 1,
                column: 1
            })
        );
    }

    #[test]
    fn length_limit_is_255_characters() {
        let ok = "a".repeat(255);
        assert_eq!(check(&ok, NameKind::Table).unwrap(), ok);
        let long = "a".repeat(256);
        assert_eq!(
            check(&long, NameKind::Table),
            Err(DdlError::NameTooLong {
                kind: NameKind::Table,
                name: long.clone(),
                length: 256,
                line: 1,
                column: 1
            })
        );
        let quoted = format!("`{}`", "é".repeat(256));
        assert!(matches!(
            check(&quoted, NameKind::Column),
            Err(DdlError::NameTooLong { length: 256, .. })
        ));
    }

    #[test]
    fn non_names_are_unexpected() {
        assert_eq!(
            check("'x'", NameKind::Column),
            Err(DdlError::Unexpected {
                expected: "a name".into(),
                found: "'x'".into(),
                line: 1,
                column: 1
            })
        );
    }
}
