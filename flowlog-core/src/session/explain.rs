//! `EXPLAIN` and `EXPLAIN ANALYZE` in a layout an Athena user can read: for every table
//! scanned, the partitions the filters leave, the prefixes listed and the objects read
//! (count and bytes); then the plan flowlog runs (with Trino's evaluation order), and for
//! `ANALYZE` what running it cost.
//!
//! ```text
//! Query Plan
//! Table vpc_flow_logs (partition projection)
//!     Filters: date = '2026/11/19'
//!     Partitions: 2 (account, region, date)
//!         account=111111111111/region=ap-northeast-1/date=2026/11/19
//!         …
//!     Prefixes listed: 2
//!         s3://bucket/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/
//!         …
//!     Objects to read: 7 (40123 bytes)
//! Execution                                  (ANALYZE only)
//!     Output rows: 34
//!     Listed: 7 objects (2 listings)
//!     Read: 40123 bytes (21 reads)
//!     Elapsed: 12 ms
//! Logical plan
//!     Projection: …
//! Physical plan                              (with each operator's metrics for ANALYZE)
//!     …
//! ```
//!
//! The rows are one `Query Plan` column, one line each, as Athena's `EXPLAIN` returns.

use std::sync::Arc;
use std::time::Instant;

use arrow::array::{ArrayRef, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use datafusion::catalog::default_table_source::source_as_provider;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::dataframe::DataFrame;
use datafusion::datasource::TableProvider;
use datafusion::logical_expr::Expr;
use datafusion::logical_expr::LogicalPlan;
use datafusion::physical_plan::display::DisplayableExecutionPlan;
use datafusion::physical_plan::{collect, displayable};

use super::FlowLogSession;
use super::evaluation_order::lazy_plan;
use super::messages::sql_text;
use crate::error::Result;
use crate::table::{FlowLogTable, ScanReport};

/// The name of the one output column, as Athena's `EXPLAIN` names it.
const QUERY_PLAN: &str = "Query Plan";

const INDENT: &str = "    ";

/// How many partitions or prefixes are shown one by one.
const LISTED: usize = 50;

impl FlowLogSession {
    /// `EXPLAIN [ANALYZE]` of the planned query `plan`.
    pub(super) async fn explain(&self, plan: LogicalPlan, analyze: bool) -> Result<DataFrame> {
        let state = self.ctx.state();
        let optimized = lazy_plan(state.optimize(&plan)?)?;
        let mut lines = Vec::new();
        for (name, provider, filters) in flow_log_scans(&optimized)? {
            let Some(table) = provider.downcast_ref::<FlowLogTable>() else {
                continue;
            };
            let report = table.scan_report(&state, &filters).await?;
            let qualifier = format!("{name}.");
            let filters: Vec<String> = filters
                .iter()
                .map(|f| sql_text(&f.to_string()).replace(&qualifier, ""))
                .collect();
            scan_lines(&mut lines, &name, &filters, &report);
        }
        let progress = self.progress();
        let before = progress.snapshot();
        let started = Instant::now();
        let physical = state.create_physical_plan(&plan).await?;
        if analyze {
            let batches = collect(Arc::clone(&physical), self.ctx.task_ctx())
                .await
                .map_err(|e| self.explain_error(e))?;
            let after = progress.snapshot();
            let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
            lines.push("Execution".to_string());
            lines.push(format!("{INDENT}Output rows: {rows}"));
            lines.push(format!(
                "{INDENT}Listed: {} objects ({} listings)",
                after.objects_listed - before.objects_listed,
                after.list_requests - before.list_requests
            ));
            lines.push(format!(
                "{INDENT}Read: {} bytes ({} reads)",
                after.bytes_read - before.bytes_read,
                after.get_requests - before.get_requests
            ));
            lines.push(format!(
                "{INDENT}Elapsed: {} ms",
                started.elapsed().as_millis()
            ));
        }
        lines.push("Logical plan".to_string());
        indented(&mut lines, &optimized.display_indent().to_string());
        lines.push("Physical plan".to_string());
        let physical_text = if analyze {
            DisplayableExecutionPlan::with_metrics(physical.as_ref()).indent(false)
        } else {
            displayable(physical.as_ref()).indent(false)
        };
        indented(&mut lines, &physical_text.to_string());
        let schema = Arc::new(Schema::new(vec![Field::new(
            QUERY_PLAN,
            DataType::Utf8,
            false,
        )]));
        let column: ArrayRef = Arc::new(StringArray::from(lines));
        let batch = RecordBatch::try_new(schema, vec![column])
            .map_err(datafusion::error::DataFusionError::from)?;
        Ok(self.ctx.read_batch(batch)?)
    }
}

/// A scan in a plan: the table's name as the query gives it, the table, the filters
/// handed to its scan.
type Scan = (String, Arc<dyn TableProvider>, Vec<Expr>);

/// Every scan of a flow-log table in the plan (subqueries included).
fn flow_log_scans(plan: &LogicalPlan) -> Result<Vec<Scan>> {
    let mut scans = Vec::new();
    plan.apply_with_subqueries(|node| {
        if let LogicalPlan::TableScan(scan) = node
            && let Ok(provider) = source_as_provider(&scan.source)
            && provider.downcast_ref::<FlowLogTable>().is_some()
        {
            scans.push((scan.table_name.to_string(), provider, scan.filters.clone()));
        }
        Ok(TreeNodeRecursion::Continue)
    })?;
    Ok(scans)
}

fn scan_lines(lines: &mut Vec<String>, name: &str, filters: &[String], report: &ScanReport) {
    lines.push(format!("Table {name} ({})", report.kind));
    if !filters.is_empty() {
        lines.push(format!("{INDENT}Filters: {}", filters.join(" AND ")));
    }
    if !report.partition_columns.is_empty() {
        lines.push(format!(
            "{INDENT}Partitions: {} ({})",
            report.partitions.len(),
            report.partition_columns.join(", ")
        ));
        listed(lines, &report.partitions);
    }
    lines.push(format!(
        "{INDENT}Prefixes listed: {}",
        report.prefixes.len()
    ));
    listed(lines, &report.prefixes);
    lines.push(format!(
        "{INDENT}Objects to read: {} ({} bytes)",
        report.objects, report.bytes
    ));
}

/// At most [`LISTED`] items, one a line, then how many more there are.
fn listed(lines: &mut Vec<String>, items: &[String]) {
    for item in items.iter().take(LISTED) {
        lines.push(format!("{INDENT}{INDENT}{item}"));
    }
    if items.len() > LISTED {
        lines.push(format!("{INDENT}{INDENT}… {} more", items.len() - LISTED));
    }
}

fn indented(lines: &mut Vec<String>, text: &str) {
    lines.extend(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{INDENT}{l}")),
    );
}
