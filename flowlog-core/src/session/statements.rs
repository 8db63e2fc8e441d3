//! The catalog statements analysts type in the Athena console, answered as Athena does.
//!
//! ```text
//! SHOW TABLES [IN db] ['regex' | LIKE 'regex']  ─► tab_name
//! SHOW COLUMNS {IN | FROM} t [{IN | FROM} db]   ─► field
//! DESCRIBE [EXTENDED | FORMATTED] t / DESC t    ─► col_name, data_type, comment (Hive layout:
//!                                                  columns, then "# Partition Information")
//! SHOW PARTITIONS t                             ─► partition (col=value/…, partitions with data)
//! SHOW CREATE TABLE t                           ─► createtab_stmt (the DDL as registered, by line)
//! MSCK REPAIR TABLE t                           ─► message: nothing to do
//! ALTER TABLE t ADD [IF NOT EXISTS]              ─► message: partitions added (a table
//!   PARTITION (col = 'v', …) [LOCATION '…'] …        without projection), or nothing to do
//! ```
//!
//! Types are shown with their Hive names (`bigint`, `string`, `array<string>`), as
//! Athena's DDL results are. `CREATE [OR REPLACE] VIEW` and `DROP VIEW` are DataFusion's.

use std::collections::BTreeSet;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::common::ScalarValue;
use datafusion::dataframe::DataFrame;
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer};

use super::{DEFAULT_DATABASE, FlowLogSession};
use crate::error::{Error, Result};
use crate::table::{FlowLogTable, is_pseudo_column};

/// A catalog statement flowlog answers itself.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogStatement {
    /// `SHOW TABLES [IN db] ['pattern']`.
    ShowTables {
        /// The database (`default` when not given).
        database: Option<String>,
        /// Athena's pattern: `*` is any text, `|` separates alternatives.
        pattern: Option<String>,
    },
    /// `SHOW COLUMNS IN t`.
    ShowColumns(TableName),
    /// `DESCRIBE t`.
    Describe(TableName),
    /// `SHOW PARTITIONS t`.
    ShowPartitions(TableName),
    /// `SHOW CREATE TABLE t`.
    ShowCreateTable(TableName),
    /// `ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (…) [LOCATION '…'] …`.
    AddPartitions {
        /// The table.
        table: TableName,
        /// `IF NOT EXISTS` was given: partitions already there are skipped.
        if_not_exists: bool,
        /// The partitions, in written order.
        partitions: Vec<crate::table::PartitionSpec>,
    },
    /// `MSCK REPAIR TABLE t`: accepted, nothing to do.
    PartitionMaintenance {
        /// The statement's first words, for the message.
        statement: String,
        /// The table.
        table: TableName,
    },
}

/// A table name, lower-cased (Athena's names are case-insensitive).
#[derive(Debug, Clone, PartialEq)]
pub struct TableName {
    /// The database, when given.
    pub database: Option<String>,
    /// The table.
    pub table: String,
}

impl TableName {
    fn database(&self) -> &str {
        self.database.as_deref().unwrap_or(DEFAULT_DATABASE)
    }
}

impl std::fmt::Display for TableName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.database(), self.table)
    }
}

/// Recognise a catalog statement; `None` for anything else.
pub fn parse(sql: &str) -> Option<CatalogStatement> {
    let tokens = Tokenizer::new(&GenericDialect {}, sql).tokenize().ok()?;
    let tokens: Vec<Token> = tokens
        .into_iter()
        .filter(|t| !matches!(t, Token::Whitespace(_) | Token::SemiColon))
        .collect();
    let mut words = Words { tokens, at: 0 };
    let first = words.keyword()?;
    let statement = match first.as_str() {
        "show" => match words.keyword()?.as_str() {
            "tables" => {
                let database = if words.eat_keyword("in") || words.eat_keyword("from") {
                    Some(words.name()?)
                } else {
                    None
                };
                words.eat_keyword("like");
                let pattern = words.string();
                CatalogStatement::ShowTables { database, pattern }
            }
            "columns" => {
                if !(words.eat_keyword("in") || words.eat_keyword("from")) {
                    return None;
                }
                let mut table = words.table_name()?;
                if words.eat_keyword("in") || words.eat_keyword("from") {
                    table.database = Some(words.name()?);
                }
                CatalogStatement::ShowColumns(table)
            }
            "partitions" => CatalogStatement::ShowPartitions(words.table_name()?),
            "create" => {
                if !words.eat_keyword("table") {
                    return None;
                }
                CatalogStatement::ShowCreateTable(words.table_name()?)
            }
            _ => return None,
        },
        "describe" | "desc" => {
            let _ = words.eat_keyword("extended") || words.eat_keyword("formatted");
            CatalogStatement::Describe(words.table_name()?)
        }
        "msck" => {
            if !(words.eat_keyword("repair") && words.eat_keyword("table")) {
                return None;
            }
            CatalogStatement::PartitionMaintenance {
                statement: "MSCK REPAIR TABLE".into(),
                table: words.table_name()?,
            }
        }
        "alter" => {
            if !words.eat_keyword("table") {
                return None;
            }
            let table = words.table_name()?;
            if !words.eat_keyword("add") {
                return None;
            }
            let if_not_exists =
                words.eat_keyword("if") && words.eat_keyword("not") && words.eat_keyword("exists");
            let mut partitions = Vec::new();
            while words.eat_keyword("partition") {
                partitions.push(words.partition_spec()?);
            }
            if partitions.is_empty() {
                return None;
            }
            CatalogStatement::AddPartitions {
                table,
                if_not_exists,
                partitions,
            }
        }
        _ => return None,
    };
    // Anything left over is not ours.
    if !words.done() {
        return None;
    }
    Some(statement)
}

struct Words {
    tokens: Vec<Token>,
    at: usize,
}

impl Words {
    fn keyword(&mut self) -> Option<String> {
        match self.tokens.get(self.at)? {
            Token::Word(w) if w.quote_style.is_none() => {
                self.at += 1;
                Some(w.value.to_lowercase())
            }
            _ => None,
        }
    }

    fn eat_keyword(&mut self, keyword: &str) -> bool {
        match self.tokens.get(self.at) {
            Some(Token::Word(w))
                if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(keyword) =>
            {
                self.at += 1;
                true
            }
            _ => false,
        }
    }

    fn name(&mut self) -> Option<String> {
        match self.tokens.get(self.at)? {
            Token::Word(w) => {
                self.at += 1;
                Some(w.value.to_lowercase())
            }
            _ => None,
        }
    }

    fn table_name(&mut self) -> Option<TableName> {
        let first = self.name()?;
        if self.tokens.get(self.at) == Some(&Token::Period) {
            self.at += 1;
            let table = self.name()?;
            return Some(TableName {
                database: Some(first),
                table,
            });
        }
        Some(TableName {
            database: None,
            table: first,
        })
    }

    fn string(&mut self) -> Option<String> {
        match self.tokens.get(self.at)? {
            Token::SingleQuotedString(s) => {
                self.at += 1;
                Some(s.clone())
            }
            _ => None,
        }
    }

    /// `(col = 'value', …) [LOCATION '…']`, after `PARTITION`.
    fn partition_spec(&mut self) -> Option<crate::table::PartitionSpec> {
        self.punctuation(&Token::LParen)?;
        let mut values = Vec::new();
        loop {
            let name = self.name()?;
            self.punctuation(&Token::Eq)?;
            let value = match self.tokens.get(self.at)? {
                Token::SingleQuotedString(s) => s.clone(),
                Token::Number(n, _) => n.clone(),
                _ => return None,
            };
            self.at += 1;
            values.push((name, value));
            if self.punctuation(&Token::Comma).is_none() {
                break;
            }
        }
        self.punctuation(&Token::RParen)?;
        let location = if self.eat_keyword("location") {
            Some(self.string()?)
        } else {
            None
        };
        Some(crate::table::PartitionSpec { values, location })
    }

    fn punctuation(&mut self, token: &Token) -> Option<()> {
        (self.tokens.get(self.at) == Some(token)).then(|| self.at += 1)
    }

    fn done(&self) -> bool {
        self.at >= self.tokens.len()
    }
}

impl FlowLogSession {
    /// Answer a catalog statement.
    pub(crate) async fn run_catalog_statement(
        &self,
        statement: &CatalogStatement,
    ) -> Result<DataFrame> {
        let (columns, rows): (Vec<&str>, Vec<Vec<String>>) = match statement {
            CatalogStatement::ShowTables { database, pattern } => {
                let database = database.as_deref().unwrap_or(DEFAULT_DATABASE);
                let matcher = pattern.as_deref().map(athena_pattern).transpose()?;
                let mut names = self.schema(database)?.table_names();
                names.sort();
                let rows = names
                    .into_iter()
                    .filter(|n| matcher.as_ref().is_none_or(|m| m.is_match(n)))
                    .map(|n| vec![n])
                    .collect();
                (vec!["tab_name"], rows)
            }
            CatalogStatement::ShowColumns(name) => {
                let schema = self.table_schema(name).await?;
                let rows = schema
                    .fields()
                    .iter()
                    .filter(|f| !is_pseudo_column(f.name()))
                    .map(|f| vec![f.name().clone()])
                    .collect();
                (vec!["field"], rows)
            }
            CatalogStatement::Describe(name) => {
                let provider = self.table_provider(name).await?;
                let schema = provider.schema();
                let partitions: Vec<String> = provider
                    .downcast_ref::<FlowLogTable>()
                    .map(|t| {
                        t.partition_fields()
                            .iter()
                            .map(|f| f.name().clone())
                            .collect()
                    })
                    .unwrap_or_default();
                let row =
                    |f: &Field| vec![f.name().clone(), hive_type(f.data_type()), String::new()];
                let mut rows: Vec<Vec<String>> = schema
                    .fields()
                    .iter()
                    .filter(|f| !is_pseudo_column(f.name()))
                    .map(|f| row(f))
                    .collect();
                if !partitions.is_empty() {
                    let blank = vec![String::new(); 3];
                    rows.push(blank.clone());
                    rows.push(vec![
                        "# Partition Information".into(),
                        String::new(),
                        String::new(),
                    ]);
                    rows.push(vec![
                        "# col_name".into(),
                        "data_type".into(),
                        "comment".into(),
                    ]);
                    rows.push(blank);
                    for f in schema
                        .fields()
                        .iter()
                        .filter(|f| partitions.contains(f.name()))
                    {
                        rows.push(row(f));
                    }
                }
                (vec!["col_name", "data_type", "comment"], rows)
            }
            CatalogStatement::ShowPartitions(name) => {
                let provider = self.table_provider(name).await?;
                let Some(table) = provider.downcast_ref::<FlowLogTable>() else {
                    return Err(Error::NotPartitioned {
                        table: name.to_string(),
                    });
                };
                let state = self.ctx.state();
                let files = table.plan_files(&state, &[]).await?;
                let names: Vec<&String> =
                    table.partition_fields().iter().map(|f| f.name()).collect();
                if names.is_empty() {
                    return Err(Error::NotPartitioned {
                        table: name.to_string(),
                    });
                }
                let partitions: BTreeSet<String> = files
                    .iter()
                    .map(|(_, values)| {
                        names
                            .iter()
                            .zip(values)
                            .map(|(n, v)| format!("{n}={}", partition_text(v)))
                            .collect::<Vec<_>>()
                            .join("/")
                    })
                    .collect();
                (
                    vec!["partition"],
                    partitions.into_iter().map(|p| vec![p]).collect(),
                )
            }
            CatalogStatement::ShowCreateTable(name) => {
                let provider = self.table_provider(name).await?;
                let text = match self.ddl_texts.get(name.database(), &name.table) {
                    Some(text) => text,
                    None => discovered_ddl(name, provider.as_ref()),
                };
                let rows = text.trim().lines().map(|l| vec![l.to_string()]).collect();
                (vec!["createtab_stmt"], rows)
            }
            CatalogStatement::AddPartitions {
                table: name,
                if_not_exists,
                partitions,
            } => {
                let provider = self.table_provider(name).await?;
                let added = match provider.downcast_ref::<FlowLogTable>() {
                    Some(table) => table.add_partitions(partitions, *if_not_exists)?,
                    None => None,
                };
                let message = match added {
                    Some(n) => format!(
                        "ALTER TABLE ADD PARTITION {name}: {n} partition{} added",
                        if n == 1 { "" } else { "s" }
                    ),
                    None => format!(
                        "ALTER TABLE ADD PARTITION {name}: nothing to do; the table's partitions come from its partition projection or from listing its location at query time, and Athena too ignores registered partitions when projection is enabled"
                    ),
                };
                (vec!["message"], vec![vec![message]])
            }
            CatalogStatement::PartitionMaintenance { statement, table } => {
                self.table_provider(table).await?;
                let message = format!(
                    "{statement} {table}: nothing to do; flowlog finds a table's partitions from its partition projection or by listing its location at query time, so partitions need no registering"
                );
                (vec!["message"], vec![vec![message]])
            }
        };
        self.result(&columns, rows)
    }

    async fn table_provider(
        &self,
        name: &TableName,
    ) -> Result<Arc<dyn datafusion::catalog::TableProvider>> {
        let schema = self.schema(name.database())?;
        match schema.table(&name.table).await? {
            Some(t) => Ok(t),
            None => Err(Error::NoSuchTable {
                table: name.to_string(),
            }),
        }
    }

    async fn table_schema(&self, name: &TableName) -> Result<SchemaRef> {
        Ok(self.table_provider(name).await?.schema())
    }

    fn result(&self, columns: &[&str], rows: Vec<Vec<String>>) -> Result<DataFrame> {
        let schema = Arc::new(Schema::new(
            columns
                .iter()
                .map(|c| Field::new(*c, DataType::Utf8, false))
                .collect::<Vec<_>>(),
        ));
        let arrays: Vec<ArrayRef> = (0..columns.len())
            .map(|i| {
                Arc::new(StringArray::from_iter_values(
                    rows.iter().map(|r| r[i].as_str()),
                )) as ArrayRef
            })
            .collect();
        let batch = RecordBatch::try_new(schema, arrays)
            .map_err(datafusion::error::DataFusionError::from)?;
        Ok(self.ctx.read_batch(batch)?)
    }
}

/// The DDL text of the tables registered from DDL, by `database.table`.
#[derive(Debug, Default)]
pub struct DdlTexts(std::sync::RwLock<std::collections::HashMap<String, String>>);

impl DdlTexts {
    /// Remember the DDL that registered `database.table`.
    pub fn remember(&self, database: &str, table: &str, text: &str) {
        let key = format!("{database}.{table}");
        match self.0.write() {
            Ok(mut map) => map.insert(key, text.trim().to_string()),
            Err(poisoned) => poisoned.into_inner().insert(key, text.trim().to_string()),
        };
    }

    /// The DDL that registered `database.table`, if it was registered from DDL.
    pub fn get(&self, database: &str, table: &str) -> Option<String> {
        let key = format!("{database}.{table}");
        match self.0.read() {
            Ok(map) => map.get(&key).cloned(),
            Err(poisoned) => poisoned.into_inner().get(&key).cloned(),
        }
    }
}

/// A DDL for a table registered without one (`--logs`): its columns, partition columns
/// and root, in Athena's layout.
fn discovered_ddl(name: &TableName, provider: &dyn datafusion::catalog::TableProvider) -> String {
    let schema = provider.schema();
    let table = provider.downcast_ref::<FlowLogTable>();
    let partitions: Vec<String> = table
        .map(|t| {
            t.partition_fields()
                .iter()
                .map(|f| f.name().clone())
                .collect()
        })
        .unwrap_or_default();
    let column = |f: &Field| format!("  `{}` {}", f.name(), hive_type(f.data_type()));
    let columns: Vec<String> = schema
        .fields()
        .iter()
        .filter(|f| !partitions.contains(f.name()) && !is_pseudo_column(f.name()))
        .map(|f| column(f))
        .collect();
    let mut ddl = format!(
        "CREATE EXTERNAL TABLE `{}`(\n{})",
        name.table,
        columns.join(",\n")
    );
    if !partitions.is_empty() {
        let fields: Vec<String> = schema
            .fields()
            .iter()
            .filter(|f| partitions.contains(f.name()))
            .map(|f| column(f))
            .collect();
        ddl.push_str(&format!("\nPARTITIONED BY (\n{})", fields.join(",\n")));
    }
    ddl.push_str("\nSTORED AS PARQUET");
    if let Some(crate::table::PartitionSource::AwsLogs { root, .. }) =
        table.map(FlowLogTable::partition_source)
    {
        ddl.push_str(&format!("\nLOCATION\n  '{root}'"));
    }
    ddl
}

/// Athena's `SHOW TABLES` pattern: `*` matches any text, `|` separates alternatives,
/// compared case-insensitively with the whole name.
fn athena_pattern(pattern: &str) -> Result<regex::Regex> {
    let alternatives: Vec<String> = pattern
        .split('|')
        .map(|alt| {
            alt.trim()
                .split('*')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(".*")
        })
        .collect();
    regex::Regex::new(&format!("(?i)^(?:{})$", alternatives.join("|"))).map_err(|e| {
        Error::BadTablePattern {
            pattern: pattern.to_string(),
            reason: e.to_string(),
        }
    })
}

fn partition_text(value: &ScalarValue) -> String {
    match value {
        ScalarValue::Utf8(Some(s))
        | ScalarValue::LargeUtf8(Some(s))
        | ScalarValue::Utf8View(Some(s)) => s.clone(),
        v if v.is_null() => "__HIVE_DEFAULT_PARTITION__".into(),
        v => v.to_string(),
    }
}

/// The Hive name of a column type, as Athena's DDL shows it.
pub fn hive_type(t: &DataType) -> String {
    match t {
        DataType::Boolean => "boolean".into(),
        DataType::Int8 => "tinyint".into(),
        DataType::Int16 => "smallint".into(),
        DataType::Int32 => "int".into(),
        DataType::Int64 => "bigint".into(),
        DataType::Float32 => "float".into(),
        DataType::Float64 => "double".into(),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "string".into(),
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => "binary".into(),
        DataType::Date32 | DataType::Date64 => "date".into(),
        DataType::Timestamp(..) => "timestamp".into(),
        DataType::Decimal128(p, s) | DataType::Decimal256(p, s) => format!("decimal({p},{s})"),
        DataType::List(f) | DataType::LargeList(f) => {
            format!("array<{}>", hive_type(f.data_type()))
        }
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(kv) if kv.len() == 2 => format!(
                "map<{},{}>",
                hive_type(kv[0].data_type()),
                hive_type(kv[1].data_type())
            ),
            other => other.to_string(),
        },
        DataType::Struct(fields) => format!(
            "struct<{}>",
            fields
                .iter()
                .map(|f| format!("{}:{}", f.name(), hive_type(f.data_type())))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> TableName {
        TableName {
            database: None,
            table: name.into(),
        }
    }

    #[test]
    fn statements_are_recognised() {
        assert_eq!(
            parse("SHOW TABLES IN Default '*flow*'"),
            Some(CatalogStatement::ShowTables {
                database: Some("default".into()),
                pattern: Some("*flow*".into())
            })
        );
        assert_eq!(
            parse("show columns from VPC_Logs;"),
            Some(CatalogStatement::ShowColumns(table("vpc_logs")))
        );
        assert_eq!(
            parse("DESCRIBE \"Logs\""),
            Some(CatalogStatement::Describe(table("logs")))
        );
        assert_eq!(
            parse("show partitions db.t"),
            Some(CatalogStatement::ShowPartitions(TableName {
                database: Some("db".into()),
                table: "t".into()
            }))
        );
        assert_eq!(
            parse(
                "ALTER TABLE t ADD IF NOT EXISTS PARTITION (`dt`='2024-01-01', n = 3) LOCATION 's3://b/p/' PARTITION (dt='2024-01-02', n=4)"
            ),
            Some(CatalogStatement::AddPartitions {
                table: table("t"),
                if_not_exists: true,
                partitions: vec![
                    crate::table::PartitionSpec {
                        values: vec![("dt".into(), "2024-01-01".into()), ("n".into(), "3".into())],
                        location: Some("s3://b/p/".into()),
                    },
                    crate::table::PartitionSpec {
                        values: vec![("dt".into(), "2024-01-02".into()), ("n".into(), "4".into())],
                        location: None,
                    },
                ],
            })
        );
        assert_eq!(parse("ALTER TABLE t ADD PARTITION (dt=)"), None);
        assert_eq!(parse("select * from t"), None);
        assert_eq!(parse("show columns from t where x"), None);
    }

    #[test]
    fn show_tables_patterns() {
        let m = athena_pattern("*flow*|other").expect("valid");
        assert!(m.is_match("vpc_flow_logs"));
        assert!(m.is_match("other"));
        assert!(!m.is_match("others"));
    }

    #[test]
    fn hive_types() {
        assert_eq!(hive_type(&DataType::Int64), "bigint");
        assert_eq!(
            hive_type(&DataType::List(Arc::new(Field::new(
                "element",
                DataType::Utf8,
                true
            )))),
            "array<string>"
        );
    }
}
