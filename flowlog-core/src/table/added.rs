//! Partitions registered with `ALTER TABLE … ADD PARTITION`, for tables without partition
//! projection.
//!
//! Athena reads a partitioned table without projection only in the partitions registered
//! in its catalog (`ALTER TABLE ADD PARTITION … LOCATION …`, or `MSCK REPAIR TABLE` for
//! Hive-style `col=value/` folders). flowlog lists the `col=value/` folders at query time
//! (what `MSCK REPAIR TABLE` would find) and reads, besides them, every partition added
//! here, at its own location — as the Athena user guide's text table of flow logs is set
//! up, one `ADD PARTITION (`date`='2020-05-04') LOCATION '…/2020/05/04'` per day.

use std::sync::RwLock;

use arrow::datatypes::FieldRef;
use datafusion::common::ScalarValue;

use crate::error::{Error, Result};

/// One `PARTITION (col = 'value', …) [LOCATION '…']` of an `ALTER TABLE … ADD` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionSpec {
    /// `(column, value)` pairs as written (names lower-cased, values unquoted).
    pub values: Vec<(String, String)>,
    /// The `LOCATION`, when given.
    pub location: Option<String>,
}

/// A registered partition: one typed value per partition column, in declaration order, and
/// where its objects are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AddedPartition {
    pub(crate) values: Vec<ScalarValue>,
    pub(crate) location: String,
}

/// The partitions a table has been given, in the order they were added.
#[derive(Debug, Default)]
pub(crate) struct AddedPartitions(RwLock<Vec<AddedPartition>>);

impl AddedPartitions {
    /// A copy of the partitions added so far.
    pub(crate) fn snapshot(&self) -> Vec<AddedPartition> {
        self.0.read().map(|v| v.clone()).unwrap_or_default()
    }

    /// Adds `specs` to a table with partition columns `columns` and location `root`;
    /// returns how many were new. A partition already there is an error, or skipped with
    /// `if_not_exists` (as Athena does).
    pub(crate) fn add(
        &self,
        table: &str,
        columns: &[FieldRef],
        root: &str,
        specs: &[PartitionSpec],
        if_not_exists: bool,
    ) -> Result<usize> {
        let mut typed = Vec::with_capacity(specs.len());
        for spec in specs {
            typed.push(typed_partition(table, columns, root, spec)?);
        }
        let mut added = self.0.write().map_err(|_| Error::BadPartitionSpec {
            table: table.to_string(),
            reason: "the table's partition list is unusable after an earlier failure".into(),
        })?;
        let mut new = 0;
        for partition in typed {
            if added.iter().any(|p| p.values == partition.values) {
                if if_not_exists {
                    continue;
                }
                return Err(Error::BadPartitionSpec {
                    table: table.to_string(),
                    reason: format!(
                        "partition {} already exists (add IF NOT EXISTS to skip it)",
                        partition_name(columns, &partition.values)
                    ),
                });
            }
            added.push(partition);
            new += 1;
        }
        Ok(new)
    }
}

/// `col=value/col=value`, as Athena names a partition.
pub(crate) fn partition_name(columns: &[FieldRef], values: &[ScalarValue]) -> String {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| format!("{}={}", c.name(), v))
        .collect::<Vec<_>>()
        .join("/")
}

fn typed_partition(
    table: &str,
    columns: &[FieldRef],
    root: &str,
    spec: &PartitionSpec,
) -> Result<AddedPartition> {
    let bad = |reason: String| Error::BadPartitionSpec {
        table: table.to_string(),
        reason,
    };
    let names = || {
        columns
            .iter()
            .map(|c| c.name().as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some((name, _)) = spec
        .values
        .iter()
        .find(|(n, _)| !columns.iter().any(|c| c.name() == n))
    {
        return Err(bad(format!(
            "{name} is not a partition column; the partition columns are {}",
            names()
        )));
    }
    let mut values = Vec::with_capacity(columns.len());
    let mut folders = Vec::with_capacity(columns.len());
    for column in columns {
        let given: Vec<&String> = spec
            .values
            .iter()
            .filter(|(n, _)| n == column.name())
            .map(|(_, v)| v)
            .collect();
        let [text] = given[..] else {
            return Err(bad(format!("give each partition column once: {}", names())));
        };
        let value = ScalarValue::Utf8(Some(text.clone()))
            .cast_to(column.data_type())
            .ok()
            .filter(|v| !v.is_null())
            .ok_or_else(|| {
                bad(format!(
                    "'{text}' is not a valid {} value for partition column {}",
                    crate::schema::describe(column.data_type()),
                    column.name()
                ))
            })?;
        values.push(value);
        folders.push(format!("{}={text}", column.name()));
    }
    let location = match &spec.location {
        Some(l) => l.clone(),
        None => format!("{}/{}", root.trim_end_matches('/'), folders.join("/")),
    };
    Ok(AddedPartition { values, location })
}
