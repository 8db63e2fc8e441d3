//! What a scan of a flow-log table reads, for `EXPLAIN`: the partitions the filters
//! leave, the prefixes listed for them, and the objects found (count and bytes).

use std::collections::BTreeSet;

use datafusion::catalog::Session;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::Expr;

use super::listing::{self, ListedFile};
use super::prune::PartitionPruner;
use super::{FlowLogTable, PartitionSource};
use crate::error::Result;

/// How a table finds its partitions, as `EXPLAIN` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionKind {
    /// Partition projection (`projection.enabled`).
    Projection,
    /// An `AWSLogs` tree found by listing (`--logs`).
    AwsLogsDiscovery,
    /// Hive `col=value/` directories found by listing.
    HiveDirectories,
    /// No partition columns.
    Unpartitioned,
}

impl std::fmt::Display for PartitionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PartitionKind::Projection => "partition projection",
            PartitionKind::AwsLogsDiscovery => "AWSLogs tree discovered by listing",
            PartitionKind::HiveDirectories => "Hive directories discovered by listing",
            PartitionKind::Unpartitioned => "not partitioned",
        })
    }
}

/// What one scan of a table reads under its filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanReport {
    /// How the partitions are found.
    pub kind: PartitionKind,
    /// The partition columns.
    pub partition_columns: Vec<String>,
    /// The partitions chosen, each `col=value/col=value` (for projection, every projected
    /// partition the filters leave, with or without objects; otherwise the partitions
    /// that hold objects).
    pub partitions: Vec<String>,
    /// The locations listed: one per projected partition, or the root that is walked.
    pub prefixes: Vec<String>,
    /// The Parquet objects the scan reads.
    pub objects: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

impl FlowLogTable {
    /// The partitions, prefixes and objects a scan with these filters reads, found as the
    /// scan finds them (listing, but reading no object).
    pub async fn scan_report(&self, session: &dyn Session, filters: &[Expr]) -> Result<ScanReport> {
        let columns: Vec<String> = self
            .partition_fields
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let (kind, partitions, prefixes, files) = match &self.source {
            PartitionSource::Projected {
                projection,
                table_location,
            } => {
                let pruner = PartitionPruner::new(filters, &self.partition_fields);
                let targets =
                    self.projected_targets(session, &pruner, projection, table_location)?;
                let partitions = targets
                    .iter()
                    .map(|t| partition_name(&columns, &t.values))
                    .collect();
                let prefixes = targets
                    .iter()
                    .map(|t| t.location.original.clone())
                    .collect();
                let files = listing::list_targets(targets, self.options.list_concurrency).await?;
                let files = self.retain_pseudo(session, filters, files)?;
                (PartitionKind::Projection, partitions, prefixes, files)
            }
            PartitionSource::AwsLogs { root, .. } => {
                let files = self.list_files(session, filters).await?;
                let partitions = distinct_partitions(&columns, &files);
                (
                    PartitionKind::AwsLogsDiscovery,
                    partitions,
                    vec![root.clone()],
                    files,
                )
            }
            PartitionSource::HiveDirectories { root } => {
                let files = self.list_files(session, filters).await?;
                let partitions = distinct_partitions(&columns, &files);
                (
                    PartitionKind::HiveDirectories,
                    partitions,
                    vec![root.clone()],
                    files,
                )
            }
            PartitionSource::Unpartitioned { root } => {
                let files = self.list_files(session, filters).await?;
                (
                    PartitionKind::Unpartitioned,
                    Vec::new(),
                    vec![root.clone()],
                    files,
                )
            }
        };
        Ok(ScanReport {
            kind,
            partition_columns: columns,
            partitions,
            prefixes,
            objects: files.len(),
            bytes: files.iter().map(|f| f.meta.size).sum(),
        })
    }
}

/// `account=111111111111/region=us-east-1/date=2026/11/19`.
fn partition_name(columns: &[String], values: &[ScalarValue]) -> String {
    columns
        .iter()
        .zip(values)
        .map(|(c, v)| match v {
            ScalarValue::Utf8(Some(s)) => format!("{c}={s}"),
            v if v.is_null() => format!("{c}=NULL"),
            v => format!("{c}={v}"),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The partitions of the listed objects, in order, each once.
fn distinct_partitions(columns: &[String], files: &[ListedFile]) -> Vec<String> {
    files
        .iter()
        .map(|f| partition_name(columns, &f.values))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}
