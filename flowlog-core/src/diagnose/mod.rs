//! Why a query found nothing: facts about the partitions a query chose and what the copy
//! of the logs actually holds, for the CLI to explain an empty result.
//!
//! ```text
//! query plan ──► flow-log tables it scans ──► projected ranges      (ProjectedRange)
//!           └──► literals compared with partition columns ──► a value the partitions
//!                                                 never take       (LiteralMismatch)
//! table locations ──► a cheap listing of the AWSLogs tree ──► accounts, regions, dates
//!                                                                   (LogInventory)
//! --mirror S3URL=DIR ──► DIR inside an AWSLogs tree?                (MirrorTooDeep)
//! ```
//!
//! Everything here is advisory: a failed listing gives fewer findings, never an error.

mod inventory;
mod literals;
mod mirror;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::catalog::TableProvider;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::source_as_provider;
use datafusion::logical_expr::LogicalPlan;

pub use inventory::LogInventory;
pub use literals::LiteralProblem;
pub use mirror::check_mirror;

use crate::projection::ProjectionRule;
use crate::session::FlowLogSession;
use crate::table::{FlowLogTable, PartitionSource};

/// One fact that helps explain an empty result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// A date-projected partition column and the range its projection chose.
    ProjectedRange {
        /// The table.
        table: String,
        /// The partition column.
        column: String,
        /// The first value of the range, in the column's format.
        first: String,
        /// The last value of the range, in the column's format.
        last: String,
        /// How many values the range has.
        values: u64,
        /// The column's `projection.<column>.format`.
        format: String,
    },
    /// The query compares a partition column with a value its partitions never take.
    LiteralMismatch {
        /// The table.
        table: String,
        /// The partition column.
        column: String,
        /// The value as the query wrote it.
        literal: String,
        /// What is wrong with it.
        problem: LiteralProblem,
    },
    /// What the copy of the logs under a table's location holds.
    Holds(LogInventory),
    /// The dates the copy holds are all outside a projected range: `--now` set to the
    /// last date held would select them.
    TryNow {
        /// The table.
        table: String,
        /// The partition column.
        column: String,
        /// The last date the copy holds.
        last_held: NaiveDate,
    },
    /// A table location resolved to a local directory that holds no `AWSLogs` tree.
    NoLogsAt {
        /// The location as the table names it.
        location: String,
        /// The local directory it resolved to.
        dir: PathBuf,
        /// Whether that directory exists at all.
        exists: bool,
    },
    /// A table with partition columns but no partition projection.
    NoProjection {
        /// The table.
        table: String,
        /// Its partition columns.
        columns: Vec<String>,
        /// Its `LOCATION`.
        location: String,
    },
    /// A `--mirror` whose directory is the `AWSLogs` directory itself, or below it, while
    /// its URL is the bucket: every key would be looked up one `AWSLogs/` too deep.
    MirrorTooDeep {
        /// The mirror's URL.
        url: String,
        /// The mirror's directory.
        dir: PathBuf,
        /// The `--mirror` argument that would work.
        suggestion: String,
    },
}

impl FlowLogSession {
    /// Whether `plan` reads a flow-log table (before optimisation), so that a query whose
    /// scans were all optimised away can be told from one that reads no table at all.
    pub fn has_flow_log_table(&self, plan: &LogicalPlan) -> bool {
        flow_log_tables(plan)
            .iter()
            .any(|t| t.downcast_ref::<FlowLogTable>().is_some())
    }

    /// Facts that help explain why a query over `plan` read no objects or returned no
    /// rows: the ranges its projections chose, literals its partitions never take, and
    /// what the local copies hold. Lists local directories only (never the network).
    pub async fn explain_empty(&self, plan: &LogicalPlan) -> Vec<Finding> {
        let tables = flow_log_tables(plan);
        let literals = literals::partition_literals(plan);
        let mut findings = Vec::new();
        for provider in &tables {
            if let Some(table) = provider.downcast_ref::<FlowLogTable>() {
                findings.extend(self.explain_table(table, &literals).await);
            }
        }
        findings
    }

    async fn explain_table(
        &self,
        table: &FlowLogTable,
        literals: &[literals::ColumnLiteral],
    ) -> Vec<Finding> {
        let name = table.name().to_string();
        let mut findings = Vec::new();
        let columns: Vec<String> = table
            .partition_fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let location = match table.partition_source() {
            PartitionSource::Projected {
                projection,
                table_location,
            } => {
                for col in projection.columns() {
                    if let ProjectionRule::Date(dates) = &col.rule {
                        findings.push(Finding::ProjectedRange {
                            table: name.clone(),
                            column: col.name.clone(),
                            first: dates.format(&dates.start()),
                            last: dates.format(&dates.end()),
                            values: dates.len(),
                            format: dates.pattern().as_str().to_string(),
                        });
                    }
                    for lit in literals.iter().filter(|l| l.column == col.name) {
                        if let Some(problem) = literals::check_projected(col, &lit.value) {
                            findings.push(Finding::LiteralMismatch {
                                table: name.clone(),
                                column: col.name.clone(),
                                literal: lit.value.clone(),
                                problem,
                            });
                        }
                    }
                }
                match projection.template() {
                    Some(t) => inventory::template_root(t.as_str()),
                    None => table_location.clone(),
                }
            }
            PartitionSource::AwsLogs { root, .. } => {
                for lit in literals {
                    if !columns.contains(&lit.column) {
                        continue;
                    }
                    if let Some(problem) = literals::check_discovered(&lit.column, &lit.value) {
                        findings.push(Finding::LiteralMismatch {
                            table: name.clone(),
                            column: lit.column.clone(),
                            literal: lit.value.clone(),
                            problem,
                        });
                    }
                }
                root.clone()
            }
            PartitionSource::HiveDirectories { root } => {
                findings.push(Finding::NoProjection {
                    table: name.clone(),
                    columns: columns.clone(),
                    location: root.clone(),
                });
                root.clone()
            }
            PartitionSource::Unpartitioned { root } => root.clone(),
            #[allow(unreachable_patterns)]
            _ => return findings,
        };
        let Ok(resolved) = self.resolver().resolve(&location) else {
            return findings;
        };
        let Some(dir) = resolved.local_dir.clone() else {
            return findings;
        };
        match inventory::take(&resolved).await {
            Some(held) => {
                findings.extend(try_now(&name, table, &held));
                findings.push(Finding::Holds(held));
            }
            None => findings.push(Finding::NoLogsAt {
                location,
                exists: dir.is_dir(),
                dir,
            }),
        }
        findings
    }
}

/// A `--now` suggestion for each date-projected column whose range misses every date held.
fn try_now(name: &str, table: &FlowLogTable, held: &LogInventory) -> Vec<Finding> {
    let PartitionSource::Projected { projection, .. } = table.partition_source() else {
        return Vec::new();
    };
    let (Some(first), Some(last)) = (held.first_date, held.last_date) else {
        return Vec::new();
    };
    projection
        .columns()
        .iter()
        .filter_map(|col| match &col.rule {
            ProjectionRule::Date(dates) => {
                let (start, end) = (dates.start().date(), dates.end().date());
                (last < start || first > end).then(|| Finding::TryNow {
                    table: name.to_string(),
                    column: col.name.clone(),
                    last_held: last,
                })
            }
            _ => None,
        })
        .collect()
}

/// The flow-log tables a plan scans (subqueries included), each once.
fn flow_log_tables(plan: &LogicalPlan) -> Vec<Arc<dyn TableProvider>> {
    let mut found: Vec<Arc<dyn TableProvider>> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let _ = plan.apply_with_subqueries(|node| {
        if let LogicalPlan::TableScan(scan) = node
            && let Ok(provider) = source_as_provider(&scan.source)
            && let Some(table) = provider.downcast_ref::<FlowLogTable>()
            && !names.iter().any(|n| n == table.name())
        {
            names.push(table.name().to_string());
            found.push(provider);
        }
        Ok(TreeNodeRecursion::Continue)
    });
    found
}
