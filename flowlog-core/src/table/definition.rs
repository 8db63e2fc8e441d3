//! Building a [`FlowLogTable`]: from Athena DDL, or from an `AWSLogs` tree with no DDL.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, Schema};
use chrono::{DateTime, Utc};

use super::{FlowLogTable, PartitionSource, TextColumns};
use crate::ddl::{CreateTable, FileFormat, HiveType, RowFormat};
use crate::error::{Error, Result};
use crate::projection::{PartitionColumn, Projection, find_unfilled_placeholder};
use crate::schema::{arrow_type, partition_kind, runbook_columns, scan_type};
use crate::storage::StoreResolver;

/// Limits that keep a scan's planning bounded.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// The most partitions one query may select (Athena has a similar ceiling).
    pub partition_limit: usize,
    /// How many prefixes are listed at once.
    pub list_concurrency: usize,
    /// How many Parquet footers are read at once.
    pub footer_concurrency: usize,
    /// Whether a table discovered with no DDL may merge several `AWSLogs` trees found
    /// under its root (two copies of a download would double every count); when false,
    /// finding more than one is [`Error::MultipleLogRoots`].
    pub allow_multiple_roots: bool,
    /// When set, an object whose footer or columns cannot be read is left out of the
    /// answer and recorded here, instead of failing the query.
    pub skip_bad_objects: Option<std::sync::Arc<super::SkippedObjects>>,
    /// Whether a Parquet table also reads text flow logs (`.log.gz`) found under its
    /// partitions, their fields matched to columns by the names in each object's header.
    /// Tables found with no DDL always do; text DDL tables read only text.
    pub accept_text: bool,
    /// The columns of a table found with no DDL ([`FlowLogTable::discover`]), as a flow
    /// log's format names its fields (`${version} ${vpc-id} …`): for trees delivered with
    /// fields past the runbook's 28 (ECS, `reject-reason`). `None`: the runbook's columns.
    pub log_format: Option<crate::provision::fields::LogFormat>,
}

impl Default for TableOptions {
    fn default() -> Self {
        Self {
            partition_limit: 1_000_000,
            list_concurrency: 16,
            footer_concurrency: 32,
            allow_multiple_roots: false,
            skip_bad_objects: None,
            accept_text: false,
            log_format: None,
        }
    }
}

impl FlowLogTable {
    /// A table from an Athena `CREATE EXTERNAL TABLE` statement.
    ///
    /// `now` is what `NOW` means in date projections.
    pub fn from_ddl(
        ddl: &CreateTable,
        resolver: StoreResolver,
        now: DateTime<Utc>,
        options: TableOptions,
    ) -> Result<Self> {
        let table = ddl.name.clone();
        let (reads_parquet, text) = match ddl.file_format() {
            FileFormat::Parquet => (true, options.accept_text.then_some(TextColumns::ByHeader)),
            FileFormat::Text => (
                false,
                Some(TextColumns::Positional {
                    skip_header: skip_header(ddl)?,
                    delimiter: field_delimiter(ddl)?,
                }),
            ),
            FileFormat::Other(what) => {
                return Err(Error::UnsupportedTable {
                    table,
                    reason: format!(
                        "storage format {what} is not supported; flowlog reads Parquet and text (ROW FORMAT DELIMITED) flow logs"
                    ),
                });
            }
        };
        let mut partition_columns = Vec::new();
        let mut partition_fields: Vec<FieldRef> = Vec::new();
        for c in &ddl.partition_columns {
            let Some(kind) = partition_kind(&c.data_type) else {
                return Err(Error::UnsupportedTable {
                    table,
                    reason: format!(
                        "partition column {} has type {}; flowlog supports string, integer and date partition columns",
                        c.name, c.data_type
                    ),
                });
            };
            partition_columns.push(PartitionColumn {
                name: c.name.clone(),
                kind,
            });
            partition_fields.push(Arc::new(Field::new(
                &c.name,
                arrow_type(&c.data_type),
                true,
            )));
        }
        let projection = Projection::from_properties(&partition_columns, &ddl.properties, now)
            .map_err(|error| Error::Projection {
                table: table.clone(),
                error: Box::new(error),
            })?;
        let location = ddl.location.as_ref().map(|l| l.value.clone());
        let source = match projection {
            Some(projection) => {
                let table_location = match projection.template() {
                    // With a template, Athena does not read LOCATION at all.
                    Some(_) => String::new(),
                    None => required_location(&table, &location)?,
                };
                PartitionSource::Projected {
                    projection,
                    table_location,
                }
            }
            None if ddl.partition_columns.is_empty() => PartitionSource::Unpartitioned {
                root: required_location(&table, &location)?,
            },
            None => PartitionSource::HiveDirectories {
                root: required_location(&table, &location)?,
            },
        };
        let columns: Vec<(String, HiveType)> = ddl
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.data_type.clone()))
            .collect();
        let mut t = Self::assemble(table, &columns, partition_fields, source, resolver, options);
        t.reads_parquet = reads_parquet;
        t.text = text;
        Ok(t)
    }

    /// The table `flowlog query --logs DIR` registers: the runbook's 28 columns (or those of
    /// [`TableOptions::log_format`]) and the partition columns `account`, `region`, `date`
    /// (`yyyy/MM/dd`) and, when the tree is delivered per hour, `hour` (`HH`).
    ///
    /// Fails when no `AWSLogs` tree is found under `root`.
    pub async fn discover(
        name: &str,
        root: &str,
        resolver: StoreResolver,
        options: TableOptions,
    ) -> Result<Self> {
        let location = resolver.resolve_data(root)?;
        let hourly = super::discover::probe_hourly(&location, options.allow_multiple_roots).await?;
        let mut partition_fields: Vec<FieldRef> = ["account", "region", "date"]
            .iter()
            .map(|n| Arc::new(Field::new(*n, DataType::Utf8, true)))
            .collect();
        if hourly {
            partition_fields.push(Arc::new(Field::new("hour", DataType::Utf8, true)));
        }
        let columns: Vec<(String, HiveType)> = match &options.log_format {
            // The format's fields as AWS's Parquet types them; `region` is the partition.
            Some(format) => format
                .fields()
                .iter()
                .filter(|f| f.column != "region")
                .map(|f| (f.column.to_string(), f.parquet.hive_type()))
                .collect(),
            None => runbook_columns()
                .into_iter()
                .map(|(n, t)| (n.to_string(), t))
                .collect(),
        };
        let source = PartitionSource::AwsLogs {
            root: root.to_string(),
            hourly,
        };
        Ok(Self::assemble(
            name.to_string(),
            &columns,
            partition_fields,
            source,
            resolver,
            options,
        ))
    }

    fn assemble(
        name: String,
        columns: &[(String, HiveType)],
        partition_fields: Vec<FieldRef>,
        source: PartitionSource,
        resolver: StoreResolver,
        options: TableOptions,
    ) -> Self {
        let file_fields: Vec<Field> = columns
            .iter()
            .map(|(n, t)| Field::new(n, scan_type(t), true))
            .collect();
        let file_schema = Arc::new(Schema::new(file_fields));
        let mut all: Vec<FieldRef> = file_schema.fields().iter().cloned().collect();
        all.extend(partition_fields.iter().cloned());
        // Athena's pseudo-columns come last; `*` does not show them.
        all.extend(super::pseudo::fields());
        Self {
            name,
            schema: Arc::new(Schema::new(all)),
            file_schema,
            hive_types: columns.iter().map(|(_, t)| t.clone()).collect(),
            partition_fields,
            source,
            resolver,
            options,
            reads_parquet: true,
            // Trees found with no DDL may hold both formats under the same partitions.
            text: Some(TextColumns::ByHeader),
            added: Default::default(),
        }
    }
}

/// `LOCATION`, which must be given and fully filled in when it is used.
fn required_location(table: &str, location: &Option<String>) -> Result<String> {
    let Some(location) = location else {
        return Err(Error::UnsupportedTable {
            table: table.to_string(),
            reason: "the DDL has no LOCATION".into(),
        });
    };
    if let Some(placeholder) = find_unfilled_placeholder(location) {
        return Err(Error::Location {
            location: location.clone(),
            reason: format!(
                "placeholder {placeholder} is not filled in; replace it with the real value (LOCATION is read because the table has no storage.location.template)"
            ),
        });
    }
    Ok(location.clone())
}

/// `"skip.header.line.count"` of a text table: `0` (the default: the first line is a
/// record) or `1` (a header, as AWS writes it); Athena skips any count, flowlog one at most.
fn skip_header(ddl: &CreateTable) -> Result<bool> {
    let value = ddl
        .properties
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("skip.header.line.count"))
        .map(|(_, v)| v.trim());
    match value {
        None | Some("0") => Ok(false),
        Some("1") => Ok(true),
        Some(other) => Err(Error::UnsupportedTable {
            table: ddl.name.clone(),
            reason: format!(
                "TBLPROPERTIES \"skip.header.line.count\" is {other}; flowlog skips one header line (\"1\") or none (\"0\")"
            ),
        }),
    }
}

/// The byte between fields of a text table: `FIELDS TERMINATED BY`, or the SerDe's
/// `field.delim` (or `serialization.format`) property; Hive's default, `\u{1}`, when the
/// DDL names none (as Athena reads such a table: flow logs then land in one column).
fn field_delimiter(ddl: &CreateTable) -> Result<u8> {
    let given = match &ddl.row_format {
        Some(RowFormat::Delimited {
            fields_terminated_by,
            ..
        }) => fields_terminated_by.clone(),
        Some(RowFormat::Serde { properties, .. }) => properties
            .iter()
            .find(|(k, _)| k == "field.delim")
            .or_else(|| properties.iter().find(|(k, _)| k == "serialization.format"))
            .map(|(_, v)| v.clone()),
        None => None,
    };
    let Some(text) = given else {
        return Ok(1);
    };
    match text.as_bytes() {
        [byte] => Ok(*byte),
        _ => Err(Error::UnsupportedTable {
            table: ddl.name.clone(),
            reason: format!(
                "the field delimiter '{}' is not one byte; flowlog reads text tables whose fields are separated by one character, such as ' '",
                text.escape_default()
            ),
        }),
    }
}
