//! The `CREATE EXTERNAL TABLE` grammar.
//!
//! ```text
//! CREATE EXTERNAL TABLE [IF NOT EXISTS] [db_name.]table_name
//!   [(col_name data_type [COMMENT 'text'], ...)]
//!   [COMMENT 'table comment']
//!   [PARTITIONED BY (col_name data_type [COMMENT 'text'], ...)]
//!   [ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES ('k'='v', ...)]
//!    | ROW FORMAT DELIMITED [FIELDS TERMINATED BY 'c' [ESCAPED BY 'c']]
//!        [COLLECTION ITEMS TERMINATED BY 'c'] [MAP KEYS TERMINATED BY 'c']
//!        [LINES TERMINATED BY 'c'] [NULL DEFINED AS 'c']]
//!   [STORED AS file_format | STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class']
//!   [LOCATION 's3://...']
//!   [TBLPROPERTIES ('k'='v', ...)]
//!   [;]
//! ```
//!
//! Clauses must come in this order, as in Hive's grammar. `CLUSTERED BY`, `SKEWED BY`,
//! `STORED BY`, `LIKE` and `AS SELECT` are recognised and rejected as not supported.

use super::cursor::Cursor;
use super::error::{DdlError, NameKind};
use super::hive_type::parse_type;
use super::lexer::{Token, TokenKind};
use super::model::{ColumnDef, CreateTable, RowFormat, StorageFormat};
use super::names;

/// The table-level clauses in Hive's order: (leading keyword, second keyword, display name).
const TABLE_CLAUSES: [(&str, Option<&str>, &str); 8] = [
    ("COMMENT", None, "COMMENT"),
    ("PARTITIONED", Some("BY"), "PARTITIONED BY"),
    ("CLUSTERED", Some("BY"), "CLUSTERED BY"),
    ("SKEWED", Some("BY"), "SKEWED BY"),
    ("ROW", Some("FORMAT"), "ROW FORMAT"),
    ("STORED", None, "STORED AS"),
    ("LOCATION", None, "LOCATION"),
    ("TBLPROPERTIES", None, "TBLPROPERTIES"),
];

/// The `ROW FORMAT DELIMITED` sub-clauses in Hive's order.
const DELIMITED_CLAUSES: [(&str, Option<&str>, &str); 5] = [
    ("FIELDS", Some("TERMINATED"), "FIELDS TERMINATED BY"),
    (
        "COLLECTION",
        Some("ITEMS"),
        "COLLECTION ITEMS TERMINATED BY",
    ),
    ("MAP", Some("KEYS"), "MAP KEYS TERMINATED BY"),
    ("LINES", Some("TERMINATED"), "LINES TERMINATED BY"),
    ("NULL", Some("DEFINED"), "NULL DEFINED AS"),
];

/// Parses one statement from a cursor positioned at its first token.
pub(super) fn parse_statement(cursor: &mut Cursor) -> Result<CreateTable, DdlError> {
    if cursor.is_at_end() || (cursor.at_symbol(';') && cursor.peek_nth(1).is_none()) {
        return Err(DdlError::Empty);
    }
    cursor.expect_keyword("CREATE")?;
    if let Some(token) = cursor.peek().filter(|t| t.is_keyword("TABLE")) {
        return Err(DdlError::ExternalRequired {
            line: token.line,
            column: token.column,
        });
    }
    if !cursor.eat_keyword("EXTERNAL") {
        return Err(cursor.unexpected("EXTERNAL TABLE"));
    }
    cursor.expect_keyword("TABLE")?;
    let if_not_exists = cursor.eat_keyword("IF");
    if if_not_exists {
        cursor.expect_keyword("NOT")?;
        cursor.expect_keyword("EXISTS")?;
    }
    let (database, name) = parse_table_name(cursor)?;
    let mut table = CreateTable {
        if_not_exists,
        database,
        name,
        columns: Vec::new(),
        partition_columns: Vec::new(),
        comment: None,
        row_format: None,
        storage: None,
        location: None,
        properties: Vec::new(),
    };
    let mut seen_columns: Vec<String> = Vec::new();
    if cursor.at_symbol('(') {
        table.columns = parse_column_list(cursor, &mut seen_columns)?;
    } else if let Some(token) = cursor.peek().filter(|t| t.is_keyword("LIKE")) {
        return Err(not_supported("CREATE EXTERNAL TABLE … LIKE", token));
    }

    let mut last: Option<usize> = None;
    while let Some(index) = next_clause(cursor, &TABLE_CLAUSES, last, "table")? {
        let token = cursor.next("a clause")?;
        match index {
            0 => table.comment = Some(cursor.expect_string("a comment string")?.value),
            1 => {
                cursor.expect_keyword("BY")?;
                table.partition_columns = parse_column_list(cursor, &mut seen_columns)?;
            }
            2 => return Err(not_supported("CLUSTERED BY (bucketing)", &token)),
            3 => return Err(not_supported("SKEWED BY", &token)),
            4 => {
                cursor.expect_keyword("FORMAT")?;
                table.row_format = Some(parse_row_format(cursor)?);
            }
            5 => table.storage = Some(parse_storage(cursor, &token)?),
            6 => {
                table.location =
                    Some(cursor.expect_string("a location string such as 's3://bucket/prefix/'")?)
            }
            _ => table.properties = parse_properties(cursor, "TBLPROPERTIES")?,
        }
        last = Some(index);
    }

    if let Some(token) = cursor.peek().filter(|t| t.is_keyword("AS")) {
        return Err(not_supported("CREATE TABLE AS SELECT", token));
    }
    if !cursor.eat_symbol(';') && !cursor.is_at_end() {
        return Err(cursor.unexpected(&expected_after(&TABLE_CLAUSES, last)));
    }
    if !cursor.is_at_end() {
        return Err(cursor.unexpected("the end of the text (only one statement can be parsed)"));
    }
    Ok(table)
}

fn not_supported(what: &str, token: &Token) -> DdlError {
    DdlError::NotSupported {
        what: what.to_string(),
        line: token.line,
        column: token.column,
    }
}

/// Which of `clauses` starts at the cursor, checking Hive's order. `None` when no clause starts
/// here. `last` is the index of the previous clause of this group.
fn next_clause(
    cursor: &Cursor,
    clauses: &[(&str, Option<&str>, &str)],
    last: Option<usize>,
    group: &str,
) -> Result<Option<usize>, DdlError> {
    let Some(token) = cursor.peek() else {
        return Ok(None);
    };
    let found = clauses.iter().position(|(first, second, _)| {
        token.is_keyword(first)
            && second.is_none_or(|second| cursor.peek_nth(1).is_some_and(|t| t.is_keyword(second)))
    });
    let Some(index) = found else {
        return Ok(None);
    };
    match last {
        Some(last) if last == index => Err(DdlError::DuplicateClause {
            clause: clauses[index].2.to_string(),
            line: token.line,
            column: token.column,
        }),
        Some(last) if last > index => Err(DdlError::ClauseOrder {
            clause: clauses[index].2.to_string(),
            after: clauses[last].2.to_string(),
            order: format!(
                "{} for {group} clauses",
                clauses.iter().map(|c| c.2).collect::<Vec<_>>().join(", ")
            ),
            line: token.line,
            column: token.column,
        }),
        _ => Ok(Some(index)),
    }
}

/// "X, Y or the end of the statement": what may follow clause `last`.
fn expected_after(clauses: &[(&str, Option<&str>, &str)], last: Option<usize>) -> String {
    let start = last.map_or(0, |l| l + 1);
    let mut names: Vec<&str> = clauses[start..].iter().map(|c| c.2).collect();
    names.push("the end of the statement");
    match names.split_last() {
        Some((end, rest)) if !rest.is_empty() => format!("{} or {end}", rest.join(", ")),
        _ => "the end of the statement".to_string(),
    }
}

fn parse_table_name(cursor: &mut Cursor) -> Result<(Option<String>, String), DdlError> {
    let expected = "a table name";
    let first = match cursor.peek() {
        Some(t) if matches!(t.kind, TokenKind::Word | TokenKind::Quoted(_)) => {
            cursor.next(expected)?
        }
        _ => return Err(cursor.unexpected(expected)),
    };
    if cursor.eat_symbol('.') {
        let second = cursor.next(expected)?;
        let database = names::name(&first, NameKind::Database, "a database name")?;
        let table = names::name(&second, NameKind::Table, expected)?;
        Ok((Some(database), table))
    } else {
        Ok((None, names::name(&first, NameKind::Table, expected)?))
    }
}

/// `( col type [COMMENT 'c'], … )`; `seen` holds the names defined so far (for duplicates).
fn parse_column_list(
    cursor: &mut Cursor,
    seen: &mut Vec<String>,
) -> Result<Vec<ColumnDef>, DdlError> {
    cursor.expect_symbol('(')?;
    let mut columns = Vec::new();
    loop {
        let token = cursor.next("a column name")?;
        let name = names::name(&token, NameKind::Column, "a column name")?;
        if seen.contains(&name) {
            return Err(DdlError::DuplicateColumn {
                name,
                line: token.line,
                column: token.column,
            });
        }
        let data_type = parse_type(cursor)?;
        let comment = if cursor.eat_keyword("COMMENT") {
            Some(cursor.expect_string("a comment string")?.value)
        } else {
            None
        };
        seen.push(name.clone());
        columns.push(ColumnDef {
            name,
            data_type,
            comment,
        });
        if cursor.eat_symbol(',') {
            continue;
        }
        if cursor.eat_symbol(')') {
            return Ok(columns);
        }
        let expected = if comment_allowed(&columns) {
            "COMMENT, \",\" or \")\""
        } else {
            "\",\" or \")\""
        };
        return Err(cursor.unexpected(expected));
    }
}

fn comment_allowed(columns: &[ColumnDef]) -> bool {
    columns.last().is_some_and(|c| c.comment.is_none())
}

fn parse_row_format(cursor: &mut Cursor) -> Result<RowFormat, DdlError> {
    if cursor.eat_keyword("SERDE") {
        let class = cursor.expect_string("a SerDe class name string")?.value;
        let properties = if cursor.eat_keyword("WITH") {
            cursor.expect_keyword("SERDEPROPERTIES")?;
            parse_properties(cursor, "SERDEPROPERTIES")?
        } else {
            Vec::new()
        };
        return Ok(RowFormat::Serde { class, properties });
    }
    if !cursor.eat_keyword("DELIMITED") {
        return Err(cursor.unexpected("SERDE or DELIMITED"));
    }
    let mut values: [Option<String>; 6] = Default::default();
    let mut last = None;
    while let Some(index) = next_clause(cursor, &DELIMITED_CLAUSES, last, "ROW FORMAT DELIMITED")? {
        let token = cursor.next("a clause")?;
        match index {
            0 => {
                cursor.expect_keyword("TERMINATED")?;
                cursor.expect_keyword("BY")?;
                values[0] = Some(cursor.expect_string("a delimiter string")?.value);
                if cursor.eat_keyword("ESCAPED") {
                    cursor.expect_keyword("BY")?;
                    values[1] = Some(cursor.expect_string("an escape character string")?.value);
                }
            }
            1 | 2 => {
                cursor.next("a keyword")?;
                cursor.expect_keyword("TERMINATED")?;
                cursor.expect_keyword("BY")?;
                values[index + 1] = Some(cursor.expect_string("a delimiter string")?.value);
            }
            3 => {
                cursor.expect_keyword("TERMINATED")?;
                cursor.expect_keyword("BY")?;
                let value = cursor.expect_string("a delimiter string")?;
                if value.value != "\n" {
                    return Err(not_supported(
                        "LINES TERMINATED BY a delimiter other than '\\n' (Hive accepts only newline)",
                        &token,
                    ));
                }
                values[4] = Some(value.value);
            }
            _ => {
                cursor.expect_keyword("DEFINED")?;
                cursor.expect_keyword("AS")?;
                values[5] = Some(cursor.expect_string("a null marker string")?.value);
            }
        }
        last = Some(index);
    }
    let [fields, escaped, collection, map_keys, lines, null] = values;
    Ok(RowFormat::Delimited {
        fields_terminated_by: fields,
        escaped_by: escaped,
        collection_items_terminated_by: collection,
        map_keys_terminated_by: map_keys,
        lines_terminated_by: lines,
        null_defined_as: null,
    })
}

/// After `STORED` (already consumed as `stored`).
fn parse_storage(cursor: &mut Cursor, stored: &Token) -> Result<StorageFormat, DdlError> {
    if cursor.at_keyword("BY") {
        return Err(not_supported("STORED BY (storage handlers)", stored));
    }
    cursor.expect_keyword("AS")?;
    if cursor.eat_keyword("INPUTFORMAT") {
        let input_format = cursor.expect_string("an input format class string")?.value;
        cursor.expect_keyword("OUTPUTFORMAT")?;
        let output_format = cursor.expect_string("an output format class string")?.value;
        return Ok(StorageFormat::InputOutput {
            input_format,
            output_format,
        });
    }
    match cursor.peek() {
        Some(t) if t.kind == TokenKind::Word => {
            let name = cursor.next("a file format")?.text.to_ascii_uppercase();
            Ok(StorageFormat::Named(name))
        }
        _ => Err(cursor.unexpected("a file format (PARQUET, TEXTFILE, …) or INPUTFORMAT")),
    }
}

/// `( 'k' = 'v', … )` with no repeated key.
fn parse_properties(cursor: &mut Cursor, clause: &str) -> Result<Vec<(String, String)>, DdlError> {
    cursor.expect_symbol('(')?;
    let mut properties: Vec<(String, String)> = Vec::new();
    loop {
        let key = cursor.expect_string("a property key string")?;
        if properties.iter().any(|(k, _)| *k == key.value) {
            return Err(DdlError::DuplicateProperty {
                clause: clause.to_string(),
                key: key.value,
                line: key.line,
                column: key.column,
            });
        }
        cursor.expect_symbol('=')?;
        // Hive's lexer also reads `==` as the equals sign.
        cursor.eat_symbol('=');
        let value = cursor.expect_string("a property value string")?;
        properties.push((key.value, value.value));
        if cursor.eat_symbol(',') {
            continue;
        }
        if cursor.eat_symbol(')') {
            return Ok(properties);
        }
        return Err(cursor.unexpected("\",\" or \")\""));
    }
}

#[cfg(test)]
mod tests {
    use super::super::hive_type::HiveType;
    use super::super::lexer::tokenize;
    use super::super::model::Located;
    use super::*;

    fn located<T>(value: T, line: usize, column: usize) -> Located<T> {
        Located {
            value,
            line,
            column,
        }
    }

    fn parse(text: &str) -> Result<CreateTable, DdlError> {
        parse_statement(&mut Cursor::new(tokenize(text, 1, 1)?))
    }

    fn ok(text: &str) -> CreateTable {
        match parse(text) {
            Ok(t) => t,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn col(name: &str, data_type: HiveType) -> ColumnDef {
        ColumnDef {
            name: name.into(),
            data_type,
            comment: None,
        }
    }

    fn unexpected(
        expected: &str,
        found: &str,
        line: usize,
        column: usize,
    ) -> Result<CreateTable, DdlError> {
        Err(DdlError::Unexpected {
            expected: expected.into(),
            found: found.into(),
            line,
            column,
        })
    }

    #[test]
    fn minimal_statement() {
        let t = ok("create external table t");
        assert_eq!(
            t,
            CreateTable {
                if_not_exists: false,
                database: None,
                name: "t".into(),
                columns: vec![],
                partition_columns: vec![],
                comment: None,
                row_format: None,
                storage: None,
                location: None,
                properties: vec![],
            }
        );
    }

    #[test]
    fn every_clause() {
        let t = ok("CREATE EXTERNAL TABLE IF NOT EXISTS MyDb.`Flow_Logs` (\n\
             a INT COMMENT 'first', `B-c` array<string>\n\
             ) COMMENT 'the table'\n\
             PARTITIONED BY (dt string COMMENT 'day')\n\
             ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\001' ESCAPED BY '\\\\'\n\
               COLLECTION ITEMS TERMINATED BY ',' MAP KEYS TERMINATED BY ':'\n\
               LINES TERMINATED BY '\\n' NULL DEFINED AS ''\n\
             STORED AS textfile\n\
             LOCATION 's3://b/p/'\n\
             TBLPROPERTIES ('a'='1', \"b\" == \"2\");");
        assert!(t.if_not_exists);
        assert_eq!(t.database.as_deref(), Some("mydb"));
        assert_eq!(t.name, "flow_logs");
        assert_eq!(
            t.columns,
            vec![
                ColumnDef {
                    name: "a".into(),
                    data_type: HiveType::Int,
                    comment: Some("first".into())
                },
                col("b-c", HiveType::Array(Box::new(HiveType::String))),
            ]
        );
        assert_eq!(t.comment.as_deref(), Some("the table"));
        assert_eq!(
            t.partition_columns,
            vec![ColumnDef {
                name: "dt".into(),
                data_type: HiveType::String,
                comment: Some("day".into())
            }]
        );
        assert_eq!(
            t.row_format,
            Some(RowFormat::Delimited {
                fields_terminated_by: Some("\u{1}".into()),
                escaped_by: Some("\\".into()),
                collection_items_terminated_by: Some(",".into()),
                map_keys_terminated_by: Some(":".into()),
                lines_terminated_by: Some("\n".into()),
                null_defined_as: Some(String::new()),
            })
        );
        assert_eq!(t.storage, Some(StorageFormat::Named("TEXTFILE".into())));
        assert_eq!(t.location, Some(located("s3://b/p/".to_string(), 9, 10)));
        assert_eq!(
            t.properties,
            vec![("a".into(), "1".into()), ("b".into(), "2".into())]
        );
    }

    #[test]
    fn serde_with_properties() {
        let t = ok(
            "CREATE EXTERNAL TABLE t (a string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' \
             WITH SERDEPROPERTIES ('ignore.malformed.json'='true', 'x'='y') STORED AS INPUTFORMAT 'i' OUTPUTFORMAT 'o'",
        );
        assert_eq!(
            t.row_format,
            Some(RowFormat::Serde {
                class: "org.openx.data.jsonserde.JsonSerDe".into(),
                properties: vec![
                    ("ignore.malformed.json".into(), "true".into()),
                    ("x".into(), "y".into())
                ],
            })
        );
        assert_eq!(
            t.storage,
            Some(StorageFormat::InputOutput {
                input_format: "i".into(),
                output_format: "o".into()
            })
        );
    }

    #[test]
    fn create_table_without_external() {
        assert_eq!(
            parse("CREATE TABLE t (a int) LOCATION 's3://b/'"),
            Err(DdlError::ExternalRequired { line: 1, column: 8 })
        );
        assert_eq!(
            parse("create view v as select 1"),
            unexpected("EXTERNAL TABLE", "view", 1, 8)
        );
        assert_eq!(parse("SELECT 1"), unexpected("CREATE", "SELECT", 1, 1));
    }

    #[test]
    fn empty_statements() {
        assert_eq!(parse(""), Err(DdlError::Empty));
        assert_eq!(parse(" -- nothing\n"), Err(DdlError::Empty));
        assert_eq!(parse(";"), Err(DdlError::Empty));
    }

    #[test]
    fn table_name_errors() {
        assert_eq!(
            parse("CREATE EXTERNAL TABLE vpc-flow-logs (a int)"),
            Err(DdlError::InvalidName {
                kind: NameKind::Table,
                name: "vpc-flow-logs".into(),
                line: 1,
                column: 23
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE `my-db`.t"),
            Err(DdlError::InvalidName {
                kind: NameKind::Database,
                name: "my-db".into(),
                line: 1,
                column: 23
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE db.(a int)"),
            Err(DdlError::Unexpected {
                expected: "a table name".into(),
                found: "(".into(),
                line: 1,
                column: 26
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE (a int)"),
            unexpected("a table name", "(", 1, 23)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE IF EXISTS t"),
            unexpected("NOT", "EXISTS", 1, 26)
        );
    }

    #[test]
    fn column_errors() {
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int,)"),
            unexpected("a column name", ")", 1, 32)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t ()"),
            unexpected("a column name", ")", 1, 26)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int b string)"),
            unexpected("COMMENT, \",\" or \")\"", "b", 1, 32)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int COMMENT 'x' b string)"),
            unexpected("\",\" or \")\"", "b", 1, 44)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int"),
            Err(DdlError::UnexpectedEnd {
                expected: "COMMENT, \",\" or \")\"".into(),
                line: 1,
                column: 31
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (\n  version int,\n  srcaddr strin\n)"),
            Err(DdlError::UnknownType {
                name: "strin".into(),
                line: 3,
                column: 11
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int, A string)"),
            Err(DdlError::DuplicateColumn {
                name: "a".into(),
                line: 1,
                column: 33
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (region string) PARTITIONED BY (`Region` string)"),
            Err(DdlError::DuplicateColumn {
                name: "region".into(),
                line: 1,
                column: 57
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (aws-region string)"),
            Err(DdlError::InvalidName {
                kind: NameKind::Column,
                name: "aws-region".into(),
                line: 1,
                column: 26
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int COMMENT x)"),
            unexpected("a comment string", "x", 1, 40)
        );
    }

    #[test]
    fn property_errors() {
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ('a'='1', \"a\"='2')"),
            Err(DdlError::DuplicateProperty {
                clause: "TBLPROPERTIES".into(),
                key: "a".into(),
                line: 1,
                column: 49
            })
        );
        // Keys are compared exactly, as Hive's property map does.
        assert!(parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ('a'='1', 'A'='2')").is_ok());
        assert_eq!(
            parse(
                "CREATE EXTERNAL TABLE t ROW FORMAT SERDE 'x' WITH SERDEPROPERTIES ('k'='1','k'='2')"
            ),
            Err(DdlError::DuplicateProperty {
                clause: "SERDEPROPERTIES".into(),
                key: "k".into(),
                line: 1,
                column: 76
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ()"),
            unexpected("a property key string", ")", 1, 40)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES (a='1')"),
            unexpected("a property key string", "a", 1, 40)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ('a' '1')"),
            unexpected("\"=\"", "'1'", 1, 44)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ('a'='1' 'b'='2')"),
            unexpected("\",\" or \")\"", "'b'", 1, 48)
        );
    }

    #[test]
    fn clause_order_and_duplicates() {
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ('a'='1') LOCATION 's3://b/'"),
            Err(DdlError::ClauseOrder {
                clause: "LOCATION".into(),
                after: "TBLPROPERTIES".into(),
                order: "COMMENT, PARTITIONED BY, CLUSTERED BY, SKEWED BY, ROW FORMAT, STORED AS, LOCATION, TBLPROPERTIES for table clauses".into(),
                line: 1,
                column: 49
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t LOCATION 's3://a/' LOCATION 's3://b/'"),
            Err(DdlError::DuplicateClause {
                clause: "LOCATION".into(),
                line: 1,
                column: 44
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t ROW FORMAT DELIMITED LINES TERMINATED BY '\\n' FIELDS TERMINATED BY ' '"),
            Err(DdlError::ClauseOrder {
                clause: "FIELDS TERMINATED BY".into(),
                after: "LINES TERMINATED BY".into(),
                order: "FIELDS TERMINATED BY, COLLECTION ITEMS TERMINATED BY, MAP KEYS TERMINATED BY, LINES TERMINATED BY, NULL DEFINED AS for ROW FORMAT DELIMITED clauses".into(),
                line: 1,
                column: 71
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t LOCATION 's3://b/' xyz"),
            unexpected("TBLPROPERTIES or the end of the statement", "xyz", 1, 44)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int) foo"),
            unexpected(
                "COMMENT, PARTITIONED BY, CLUSTERED BY, SKEWED BY, ROW FORMAT, STORED AS, LOCATION, TBLPROPERTIES or the end of the statement",
                "foo",
                1,
                33
            )
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t TBLPROPERTIES ('a'='1') x"),
            unexpected("the end of the statement", "x", 1, 49)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t; SELECT 1"),
            unexpected(
                "the end of the text (only one statement can be parsed)",
                "SELECT",
                1,
                26
            )
        );
    }

    #[test]
    fn unsupported_constructs() {
        let ns = |what: &str, column| {
            Err(DdlError::NotSupported {
                what: what.into(),
                line: 1,
                column,
            })
        };
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int) CLUSTERED BY (a) INTO 4 BUCKETS"),
            ns("CLUSTERED BY (bucketing)", 33)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int) SKEWED BY (a) ON (1)"),
            ns("SKEWED BY", 33)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t (a int) STORED BY 'h'"),
            ns("STORED BY (storage handlers)", 33)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t LIKE u"),
            ns("CREATE EXTERNAL TABLE … LIKE", 25)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t AS SELECT 1"),
            ns("CREATE TABLE AS SELECT", 25)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t ROW FORMAT DELIMITED LINES TERMINATED BY ';'"),
            ns(
                "LINES TERMINATED BY a delimiter other than '\\n' (Hive accepts only newline)",
                46
            )
        );
    }

    #[test]
    fn row_format_and_storage_errors() {
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t ROW FORMAT JSON"),
            unexpected("SERDE or DELIMITED", "JSON", 1, 36)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t ROW FORMAT SERDE org.x"),
            unexpected("a SerDe class name string", "org", 1, 42)
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t STORED AS INPUTFORMAT 'i'"),
            Err(DdlError::UnexpectedEnd {
                expected: "OUTPUTFORMAT".into(),
                line: 1,
                column: 50
            })
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t STORED AS 'parquet'"),
            unexpected(
                "a file format (PARQUET, TEXTFILE, …) or INPUTFORMAT",
                "'parquet'",
                1,
                35
            )
        );
        assert_eq!(
            parse("CREATE EXTERNAL TABLE t LOCATION s3"),
            unexpected(
                "a location string such as 's3://bucket/prefix/'",
                "s3",
                1,
                34
            )
        );
        assert_eq!(
            ok("CREATE EXTERNAL TABLE t STORED AS Parquet").storage,
            Some(StorageFormat::Named("PARQUET".into()))
        );
    }

    #[test]
    fn comments_anywhere() {
        let t = ok(
            "-- leading\nCREATE /* a */ EXTERNAL TABLE t ( -- c\n a int /* b */ , b string -- d\n) /* e */ LOCATION 's3://x/' -- f\n; -- after",
        );
        assert_eq!(t.columns.len(), 2);
        assert_eq!(t.location, Some(located("s3://x/".to_string(), 4, 20)));
    }
}
