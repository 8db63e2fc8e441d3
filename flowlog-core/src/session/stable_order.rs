//! The same query over the same copy of the data gives the same bytes on every run.
//!
//! Parallel scans hand rows to the rest of the plan in whatever order their threads finish,
//! so rows that tie under `ORDER BY` (and every row of a query without `ORDER BY`) used to
//! come out in a different order on each run, and `ORDER BY … LIMIT` with ties returned
//! different rows. Athena promises no order among ties; flowlog promises one: the objects'
//! key order, then each object's row order, whatever the thread count and wherever the
//! objects are (a local tree, a mirror, S3).
//!
//! [`StableOrder`], the last physical optimizer rule, rewrites a plan that reads a flow-log
//! table:
//!
//! * When the rows come from the scans through filters, projections, sorts, limits and
//!   repartitions only, the scans are wrapped in [`RowPositionExec`], which appends a
//!   hidden row position (key order, then row order). Every sort gets the position as
//!   its last key (compared only on ties, so it costs little); a merge of partitions
//!   without `ORDER BY` (`CoalescePartitionsExec`) becomes a merge on the position
//!   (round-robin repartitions feeding it are removed, so each partition stays in
//!   position order); a projection at the top drops the column, which therefore never
//!   shows in the output.
//! * Otherwise (aggregates, joins, windows, unions): the top sort gets every column of its
//!   input as trailing keys, and a query without `ORDER BY` is sorted by all its columns
//!   (below any `LIMIT`), so tied rows — and the groups of an aggregate — come in the
//!   order of their values. Only rows equal in every column can still swap, and those
//!   print the same.
//!
//! Plans that read no flow-log table (`VALUES`, `SHOW`, …) are left alone.

use std::sync::Arc;

use arrow::row::{RowConverter, SortField};
use datafusion::common::Result;
use datafusion::common::config::ConfigOptions;
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::{LexOrdering, PhysicalSortExpr};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::coop::CooperativeExec;
use datafusion::physical_plan::empty::EmptyExec;
use datafusion::physical_plan::filter::{FilterExec, FilterExecBuilder};
use datafusion::physical_plan::limit::{GlobalLimitExec, LocalLimitExec};
use datafusion::physical_plan::projection::{ProjectionExec, ProjectionExpr};
use datafusion::physical_plan::repartition::RepartitionExec;
use datafusion::physical_plan::sorts::sort::SortExec;
use datafusion::physical_plan::sorts::sort_preserving_merge::SortPreservingMergeExec;
use datafusion::physical_plan::union::UnionExec;
use datafusion::physical_plan::{
    ExecutionPlan, ExecutionPlanProperties, Partitioning, PhysicalExpr,
    replace_children_if_necessary,
};

use super::row_position::{POSITION_COLUMN, RowPositionExec, position_sort_expr};

/// The physical optimizer rule that makes a flow-log query's row order stable (see the
/// module docs). Runs after DataFusion's rules.
#[derive(Debug, Default)]
pub struct StableOrder;

impl PhysicalOptimizerRule for StableOrder {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        if !reads_a_flow_log_table(&plan) {
            return Ok(plan);
        }
        let width = plan.schema().fields().len();
        match with_position(&plan, true)? {
            // The caller reads a plan of several partitions through one merge of them.
            Some(positioned) if positioned.plan.output_partitioning().partition_count() > 1 => {
                drop_position(merge_on_position(positioned, None).plan, width)
            }
            Some(positioned) if positioned.ordered != Order::Arbitrary => {
                drop_position(positioned.plan, width)
            }
            _ => order_by_every_column(&plan),
        }
    }

    fn name(&self) -> &str {
        "flowlog_stable_order"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// Whether the plan scans files (flow-log tables are the only file tables).
fn reads_a_flow_log_table(plan: &Arc<dyn ExecutionPlan>) -> bool {
    is_file_scan(plan) || plan.children().into_iter().any(reads_a_flow_log_table)
}

fn is_file_scan(plan: &Arc<dyn ExecutionPlan>) -> bool {
    plan.downcast_ref::<DataSourceExec>()
        .is_some_and(|d| d.data_source().is::<FileScanConfig>())
}

/// A scan the position can be computed over: a file scan, several under a union (the
/// provider's one scan per store and format), or nothing (no objects).
fn is_positionable_scan(plan: &Arc<dyn ExecutionPlan>) -> bool {
    if is_file_scan(plan) || plan.downcast_ref::<EmptyExec>().is_some() {
        return true;
    }
    plan.downcast_ref::<UnionExec>().is_some_and(|u| {
        u.children()
            .into_iter()
            .all(|c| is_file_scan(c) || is_typed_text_scan(c))
    })
}

/// A text scan under the projection that types its fields (`table/text.rs`): one row out
/// per row in, so positions counted above it are the scan's.
fn is_typed_text_scan(plan: &Arc<dyn ExecutionPlan>) -> bool {
    plan.downcast_ref::<ProjectionExec>()
        .is_some_and(|p| is_file_scan(p.input()))
}

/// `scan` with each partition reading its own objects in order: DataFusion lets idle
/// partitions take unopened objects from their siblings (work stealing), and with a limit
/// it may read a later row group than the first; an order-preserving scan does neither.
fn keep_file_order(scan: &Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    if is_file_scan(scan) {
        return Ok(scan
            .with_preserve_order(true)
            .unwrap_or_else(|| Arc::clone(scan)));
    }
    let children = scan
        .children()
        .into_iter()
        .map(keep_file_order)
        .collect::<Result<Vec<_>>>()?;
    if children.is_empty() {
        return Ok(Arc::clone(scan));
    }
    replace_children_if_necessary(Arc::clone(scan), children)
}

/// A plan with the position as its last column, and the order of each partition's rows.
struct Positioned {
    plan: Arc<dyn ExecutionPlan>,
    ordered: Order,
}

/// The order in which a partition's rows come out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Ascending position.
    Position,
    /// One order, the same on every run (a sort that ends on the position).
    Fixed,
    /// Whichever thread delivers first.
    Arbitrary,
}

/// `plan` with [`POSITION_COLUMN`] carried up from the scans as its last column, or
/// `None` when a node on the way neither keeps rows as they are nor sorts them.
/// `need_order`: the caller needs each partition in position order.
fn with_position(plan: &Arc<dyn ExecutionPlan>, need_order: bool) -> Result<Option<Positioned>> {
    if is_positionable_scan(plan) {
        return Ok(Some(Positioned {
            plan: Arc::new(RowPositionExec::new(keep_file_order(plan)?)),
            ordered: Order::Position,
        }));
    }
    if let Some(p) = plan.downcast_ref::<ProjectionExec>() {
        let Some(child) = with_position(p.input(), need_order)? else {
            return Ok(None);
        };
        let mut exprs: Vec<ProjectionExpr> = p.expr().to_vec();
        exprs.push(ProjectionExpr {
            expr: last_column(&child.plan),
            alias: POSITION_COLUMN.to_string(),
        });
        return Ok(Some(Positioned {
            plan: Arc::new(ProjectionExec::try_new(exprs, child.plan)?),
            ordered: child.ordered,
        }));
    }
    if let Some(f) = plan.downcast_ref::<FilterExec>() {
        let Some(child) = with_position(f.input(), need_order)? else {
            return Ok(None);
        };
        let position = child.plan.schema().fields().len() - 1;
        let projection = f.projection().as_ref().map(|p| {
            let mut p = p.to_vec();
            p.push(position);
            p
        });
        let filter = FilterExecBuilder::new(Arc::clone(f.predicate()), child.plan)
            .apply_projection(projection)?
            .with_default_selectivity(f.default_selectivity())
            .with_batch_size(f.batch_size())
            .with_fetch(f.fetch())
            .build()?;
        return Ok(Some(Positioned {
            plan: Arc::new(filter),
            ordered: child.ordered,
        }));
    }
    if let Some(s) = plan.downcast_ref::<SortExec>() {
        let Some(child) = with_position(s.input(), false)? else {
            return Ok(None);
        };
        let mut ordering = s.expr().clone();
        ordering.push(position_sort_expr(&child.plan.schema()));
        let sort = SortExec::new(ordering, child.plan)
            .with_preserve_partitioning(s.preserve_partitioning())
            .with_fetch(s.fetch());
        return Ok(Some(Positioned {
            plan: Arc::new(sort),
            ordered: Order::Fixed,
        }));
    }
    if let Some(m) = plan.downcast_ref::<SortPreservingMergeExec>() {
        let Some(child) = with_position(m.input(), false)? else {
            return Ok(None);
        };
        let mut ordering = m.expr().clone();
        ordering.push(position_sort_expr(&child.plan.schema()));
        let merge = SortPreservingMergeExec::new(ordering, child.plan).with_fetch(m.fetch());
        return Ok(Some(Positioned {
            plan: Arc::new(merge),
            ordered: Order::Fixed,
        }));
    }
    if let Some(r) = plan.downcast_ref::<RepartitionExec>() {
        let several_inputs = r.input().output_partitioning().partition_count() > 1;
        if need_order
            && several_inputs
            && matches!(r.partitioning(), Partitioning::RoundRobinBatch(_))
        {
            // It only spreads work over threads; without it each partition keeps order.
            return with_position(r.input(), need_order);
        }
        let Some(child) = with_position(r.input(), need_order)? else {
            return Ok(None);
        };
        // From one input, each output partition is a subsequence of it.
        let ordered = if several_inputs {
            Order::Arbitrary
        } else {
            child.ordered
        };
        return Ok(Some(Positioned {
            plan: replace_children_if_necessary(Arc::clone(plan), vec![child.plan])?,
            ordered,
        }));
    }
    if let Some(c) = plan.downcast_ref::<CoalescePartitionsExec>() {
        let Some(child) = with_position(c.input(), true)? else {
            return Ok(None);
        };
        if child.plan.output_partitioning().partition_count() <= 1 {
            return Ok(Some(Positioned {
                plan: replace_children_if_necessary(Arc::clone(plan), vec![child.plan])?,
                ordered: child.ordered,
            }));
        }
        return Ok(Some(merge_on_position(child, c.fetch())));
    }
    let keeps_rows = plan.downcast_ref::<CooperativeExec>().is_some()
        || plan.downcast_ref::<GlobalLimitExec>().is_some()
        || plan.downcast_ref::<LocalLimitExec>().is_some();
    if keeps_rows && plan.children().len() == 1 {
        // A limit takes the first rows, so its input must be in order.
        let limits = plan.downcast_ref::<GlobalLimitExec>().is_some()
            || plan.downcast_ref::<LocalLimitExec>().is_some();
        let Some(child) = with_position(plan.children()[0], need_order || limits)? else {
            return Ok(None);
        };
        if limits && child.ordered == Order::Arbitrary {
            return Ok(None);
        }
        return Ok(Some(Positioned {
            ordered: child.ordered,
            plan: replace_children_if_necessary(Arc::clone(plan), vec![child.plan])?,
        }));
    }
    Ok(None)
}

/// The partitions of `child` merged into one in position order, keeping the first
/// `fetch` rows; each partition is sorted on the position first unless it comes so.
fn merge_on_position(child: Positioned, fetch: Option<usize>) -> Positioned {
    let position =
        LexOrdering::new([position_sort_expr(&child.plan.schema())]).expect("one sort expression");
    let mut input = child.plan;
    if child.ordered != Order::Position {
        input = Arc::new(
            SortExec::new(position.clone(), input)
                .with_preserve_partitioning(true)
                .with_fetch(fetch),
        );
    }
    let merge = SortPreservingMergeExec::new(position, input).with_fetch(fetch);
    Positioned {
        plan: Arc::new(merge),
        ordered: Order::Position,
    }
}

/// The last column of `plan`'s output (the position), as an expression.
fn last_column(plan: &Arc<dyn ExecutionPlan>) -> Arc<dyn PhysicalExpr> {
    let index = plan.schema().fields().len() - 1;
    Arc::new(Column::new(POSITION_COLUMN, index))
}

/// `plan` without its last column (the position): its first `width` columns.
fn drop_position(plan: Arc<dyn ExecutionPlan>, width: usize) -> Result<Arc<dyn ExecutionPlan>> {
    let schema = plan.schema();
    let exprs: Vec<ProjectionExpr> = schema
        .fields()
        .iter()
        .take(width)
        .enumerate()
        .map(|(i, f)| ProjectionExpr {
            expr: Arc::new(Column::new(f.name(), i)) as Arc<dyn PhysicalExpr>,
            alias: f.name().clone(),
        })
        .collect();
    Ok(Arc::new(ProjectionExec::try_new(exprs, plan)?))
}

/// The fallback for plans the position cannot be carried through (see the module docs):
/// the top sort breaks ties on every column of its input; without a top sort, the rows
/// are sorted by all their columns below any limit or merge of partitions.
fn order_by_every_column(plan: &Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    if let Some(m) = plan.downcast_ref::<SortPreservingMergeExec>() {
        let Some(s) = m.input().downcast_ref::<SortExec>() else {
            return Ok(Arc::clone(plan));
        };
        let ordering = with_every_column(m.expr(), s.input());
        let sort = SortExec::new(ordering.clone(), Arc::clone(s.input()))
            .with_preserve_partitioning(s.preserve_partitioning())
            .with_fetch(s.fetch());
        let merge = SortPreservingMergeExec::new(ordering, Arc::new(sort)).with_fetch(m.fetch());
        return Ok(Arc::new(merge));
    }
    if let Some(s) = plan.downcast_ref::<SortExec>() {
        let ordering = with_every_column(s.expr(), s.input());
        let sort = SortExec::new(ordering, Arc::clone(s.input()))
            .with_preserve_partitioning(s.preserve_partitioning())
            .with_fetch(s.fetch());
        return Ok(Arc::new(sort));
    }
    let passes_rows = plan.downcast_ref::<ProjectionExec>().is_some()
        || plan.downcast_ref::<CooperativeExec>().is_some()
        || plan.downcast_ref::<CoalescePartitionsExec>().is_some()
        || plan.downcast_ref::<GlobalLimitExec>().is_some()
        || plan.downcast_ref::<LocalLimitExec>().is_some();
    if passes_rows && plan.children().len() == 1 {
        let child = order_by_every_column(plan.children()[0])?;
        return replace_children_if_necessary(Arc::clone(plan), vec![child]);
    }
    let Some(ordering) = LexOrdering::new(sortable_columns(plan)) else {
        return Ok(Arc::clone(plan));
    };
    if plan.output_partitioning().partition_count() > 1 {
        let sort =
            SortExec::new(ordering.clone(), Arc::clone(plan)).with_preserve_partitioning(true);
        return Ok(Arc::new(SortPreservingMergeExec::new(
            ordering,
            Arc::new(sort),
        )));
    }
    Ok(Arc::new(SortExec::new(ordering, Arc::clone(plan))))
}

/// `ordering` followed by every sortable column of `input`.
fn with_every_column(ordering: &LexOrdering, input: &Arc<dyn ExecutionPlan>) -> LexOrdering {
    let mut ordering = ordering.clone();
    ordering.extend(sortable_columns(input));
    ordering
}

/// `column ASC` for every column of `plan`'s output whose type can be compared.
fn sortable_columns(plan: &Arc<dyn ExecutionPlan>) -> Vec<PhysicalSortExpr> {
    let schema = plan.schema();
    schema
        .fields()
        .iter()
        .enumerate()
        .filter(|(_, f)| RowConverter::supports_fields(&[SortField::new(f.data_type().clone())]))
        .map(|(i, f)| {
            let column: Arc<dyn PhysicalExpr> = Arc::new(Column::new(f.name(), i));
            PhysicalSortExpr::new_default(column)
        })
        .collect()
}
