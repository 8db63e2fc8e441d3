//! [`RowPositionExec`]: a flow-log scan with each row's place in key order appended.
//!
//! A flow-log scan reads its objects sorted by key, each partition a contiguous run of
//! that order (DataFusion's `FileGroup::split_files` chunks the sorted list, and
//! splitting files into byte ranges cuts the same sorted list into contiguous ranges), and
//! each partition reads its objects one after the other, rows in file order. So the pair
//! (partition index, rows seen so far in that partition) orders rows by object key, then
//! by row within the object, whatever the number of partitions. [`RowPositionExec`] packs
//! the pair into one `UInt64` column, [`POSITION_COLUMN`], the last of its schema; the
//! [`stable_order`](super::stable_order) rule sorts on it and drops it before the output.

use std::fmt;
use std::sync::Arc;

use arrow::array::{ArrayRef, RecordBatch, UInt64Array};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::common::Result;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::execution::TaskContext;
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::{EquivalenceProperties, LexOrdering, PhysicalSortExpr};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties, PhysicalExpr,
    PlanProperties, SendableRecordBatchStream,
};
use futures::StreamExt;

/// The name of the hidden column that [`RowPositionExec`] appends.
pub const POSITION_COLUMN: &str = "__flowlog_row_position";

/// Bits of [`POSITION_COLUMN`] that count rows within a partition; the partition index
/// takes the bits above them (2^40 rows per partition, 2^24 partitions).
const ROW_BITS: u32 = 40;

/// A scan with [`POSITION_COLUMN`] appended: ascending in each partition, and across
/// partitions in the order of the objects' keys (see the module docs).
#[derive(Debug)]
pub struct RowPositionExec {
    input: Arc<dyn ExecutionPlan>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
}

impl RowPositionExec {
    /// Wrap `input`, a flow-log scan (or several, under one `UnionExec`).
    pub fn new(input: Arc<dyn ExecutionPlan>) -> Self {
        let mut fields: Vec<_> = input.schema().fields().iter().cloned().collect();
        fields.push(Arc::new(Field::new(
            POSITION_COLUMN,
            DataType::UInt64,
            false,
        )));
        let schema = Arc::new(Schema::new_with_metadata(
            fields,
            input.schema().metadata().clone(),
        ));
        let position = position_sort_expr(&schema);
        let ordering = LexOrdering::new([position]);
        let equivalence = EquivalenceProperties::new_with_orderings(Arc::clone(&schema), ordering);
        let properties = PlanProperties::new(
            equivalence,
            input.output_partitioning().clone(),
            input.pipeline_behavior(),
            input.boundedness(),
        );
        Self {
            input,
            schema,
            properties: Arc::new(properties),
        }
    }
}

/// `POSITION_COLUMN ASC` over a schema whose last column is the position.
pub fn position_sort_expr(schema: &Schema) -> PhysicalSortExpr {
    let index = schema.fields().len() - 1;
    let column: Arc<dyn PhysicalExpr> = Arc::new(Column::new(POSITION_COLUMN, index));
    PhysicalSortExpr::new_default(column)
}

impl DisplayAs for RowPositionExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RowPositionExec")
    }
}

impl ExecutionPlan for RowPositionExec {
    fn name(&self) -> &str {
        "RowPositionExec"
    }

    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![true]
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        Ok(Arc::new(Self::new(children.swap_remove(0))))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        let input = self.input.execute(partition, context)?;
        let schema = Arc::clone(&self.schema);
        let mut next = (partition as u64) << ROW_BITS;
        let stream = input.map(move |batch| {
            let batch = batch?;
            let rows = batch.num_rows() as u64;
            let positions: ArrayRef = Arc::new(UInt64Array::from_iter_values(next..next + rows));
            next += rows;
            let mut columns = batch.columns().to_vec();
            columns.push(positions);
            Ok(RecordBatch::try_new(Arc::clone(&schema), columns)?)
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(
            Arc::clone(&self.schema),
            stream,
        )))
    }
}
