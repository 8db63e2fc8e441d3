//! Building a [`FlowLogTable`]: from Athena DDL, or from an `AWSLogs` tree with no DDL.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, Schema};
use chrono::{DateTime, Utc};

use super::{FlowLogTable, PartitionSource};
use crate::ddl::{CreateTable, FileFormat, HiveType};
use crate::error::{Error, Result};
use crate::layout::{Level, Naming, detect_naming, parse_segment};
use crate::projection::{PartitionColumn, PartitionKind, Projection, find_unfilled_placeholder};
use crate::schema::{arrow_type, runbook_columns};
use crate::storage::{ResolvedLocation, StoreResolver};

/// Limits that keep a scan's planning bounded.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// The most partitions one query may select (Athena has a similar ceiling).
    pub partition_limit: usize,
    /// How many prefixes are listed at once.
    pub list_concurrency: usize,
    /// How many Parquet footers are read at once.
    pub footer_concurrency: usize,
}

impl Default for TableOptions {
    fn default() -> Self {
        Self {
            partition_limit: 1_000_000,
            list_concurrency: 16,
            footer_concurrency: 32,
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
        match ddl.file_format() {
            FileFormat::Parquet => {}
            FileFormat::Text => {
                return Err(Error::UnsupportedTable {
                    table,
                    reason: "text (ROW FORMAT DELIMITED / .log.gz) flow logs are not supported yet; deliver flow logs as Parquet".into(),
                });
            }
            FileFormat::Other(what) => {
                return Err(Error::UnsupportedTable {
                    table,
                    reason: format!(
                        "storage format {what} is not supported; flowlog reads Parquet"
                    ),
                });
            }
        }
        let mut partition_columns = Vec::new();
        let mut partition_fields: Vec<FieldRef> = Vec::new();
        for c in &ddl.partition_columns {
            let kind = match &c.data_type {
                HiveType::String | HiveType::Varchar(_) | HiveType::Char(_) => {
                    PartitionKind::String
                }
                HiveType::TinyInt | HiveType::SmallInt | HiveType::Int | HiveType::BigInt => {
                    PartitionKind::Integer
                }
                other => {
                    return Err(Error::UnsupportedTable {
                        table,
                        reason: format!(
                            "partition column {} has type {other}; flowlog supports string and integer partition columns",
                            c.name
                        ),
                    });
                }
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
        Ok(Self::assemble(
            table,
            &columns,
            partition_fields,
            source,
            resolver,
            options,
        ))
    }

    /// The table `flowlog query --logs DIR` registers: the runbook's 28 columns and the
    /// partition columns `account`, `region`, `date` (`yyyy/MM/dd`) and, when the tree is
    /// delivered per hour, `hour` (`HH`).
    ///
    /// Fails when no `AWSLogs` tree is found under `root`.
    pub async fn discover(
        name: &str,
        root: &str,
        resolver: StoreResolver,
        options: TableOptions,
    ) -> Result<Self> {
        let location = resolver.resolve(root)?;
        let hourly = probe_hourly(&location).await?;
        let mut partition_fields: Vec<FieldRef> = ["account", "region", "date"]
            .iter()
            .map(|n| Arc::new(Field::new(*n, DataType::Utf8, true)))
            .collect();
        if hourly {
            partition_fields.push(Arc::new(Field::new("hour", DataType::Utf8, true)));
        }
        let columns: Vec<(String, HiveType)> = runbook_columns()
            .into_iter()
            .map(|(n, t)| (n.to_string(), t))
            .collect();
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
            .map(|(n, t)| Field::new(n, arrow_type(t), true))
            .collect();
        let file_schema = Arc::new(Schema::new(file_fields));
        let mut all: Vec<FieldRef> = file_schema.fields().iter().cloned().collect();
        all.extend(partition_fields.iter().cloned());
        Self {
            name,
            schema: Arc::new(Schema::new(all)),
            file_schema,
            hive_types: columns.iter().map(|(_, t)| t.to_string()).collect(),
            partition_fields,
            source,
            resolver,
            options,
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

/// Find the `AWSLogs` directories at or below `root` (at most three levels down).
pub(super) async fn find_aws_logs(
    root: &ResolvedLocation,
) -> Result<Vec<object_store::path::Path>> {
    if root.prefix.filename() == Some("AWSLogs") {
        return Ok(vec![root.prefix.clone()]);
    }
    let mut found = Vec::new();
    let mut frontier = vec![root.prefix.clone()];
    for _depth in 0..4 {
        let mut next = Vec::new();
        for dir in frontier {
            let listing = root
                .store
                .list_with_delimiter(Some(&dir))
                .await
                .map_err(|error| Error::ObjectStore {
                    key: super::listing::display_key(root, dir.as_ref()),
                    error,
                })?;
            for p in listing.common_prefixes {
                if p.filename() == Some("AWSLogs") {
                    found.push(p);
                } else {
                    next.push(p);
                }
            }
        }
        if !found.is_empty() {
            break;
        }
        frontier = next;
    }
    if found.is_empty() {
        return Err(Error::Location {
            location: root.original.clone(),
            reason: "no AWSLogs directory found here or up to three levels below; point --logs at the directory that holds AWSLogs/".into(),
        });
    }
    Ok(found)
}

/// Whether the tree has hourly partitions: follows the first entry down to a day.
async fn probe_hourly(root: &ResolvedLocation) -> Result<bool> {
    for aws_logs in find_aws_logs(root).await? {
        // Walk AWSLogs/<account>/<service>/<region>/<year>/<month>/<day>/ using the first valid entry each time.
        let mut dir = aws_logs;
        let mut naming = None;
        let levels = [
            Level::Account,
            Level::Service,
            Level::Region,
            Level::Year,
            Level::Month,
            Level::Day,
        ];
        let mut reached_day = true;
        for level in levels {
            let listing = root
                .store
                .list_with_delimiter(Some(&dir))
                .await
                .map_err(|error| Error::ObjectStore {
                    key: super::listing::display_key(root, dir.as_ref()),
                    error,
                })?;
            let next = listing.common_prefixes.into_iter().find(|p| {
                let seg = p.filename().unwrap_or_default();
                let n = *naming.get_or_insert_with(|| detect_naming(seg));
                parse_segment(n, level, seg).is_ok()
            });
            match next {
                Some(p) => dir = p,
                None => {
                    reached_day = false;
                    break;
                }
            }
        }
        if !reached_day {
            continue;
        }
        let naming = naming.unwrap_or(Naming::Default);
        let listing: Vec<_> = root
            .store
            .list_with_delimiter(Some(&dir))
            .await
            .map_err(|error| Error::ObjectStore {
                key: format!("/{dir}"),
                error,
            })?
            .common_prefixes;
        return Ok(listing.iter().any(|p| {
            parse_segment(naming, Level::Hour, p.filename().unwrap_or_default()).is_ok()
        }));
    }
    Ok(false)
}
