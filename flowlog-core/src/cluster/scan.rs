//! [`ReconciledScanExec`]: a Parquet scan that keeps flowlog's column reconciliation on
//! the wire.
//!
//! A flow-log table's Parquet scan carries [`CaseInsensitiveAdapterFactory`] (table
//! columns found in each file ignoring case, narrower integers widened, missing columns
//! read as NULL). datafusion-proto serialises the scan itself but not its expression
//! adapter, so a scan decoded on an executor would read `srcAddr` as NULL. Before a plan
//! leaves the client, [`wrap_scans`] puts each such scan under this node; decoding the
//! node puts the adapter back on its child, and the node stays in the plan so that the
//! scheduler's re-encoding of each stage keeps it too.

use std::fmt;
use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::execution::TaskContext;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
    SendableRecordBatchStream,
};

use crate::table::reconcile::CaseInsensitiveAdapterFactory;

/// A file scan whose expression adapter is flowlog's column reconciliation; executes as
/// its child.
#[derive(Debug)]
pub struct ReconciledScanExec {
    input: Arc<dyn ExecutionPlan>,
}

impl ReconciledScanExec {
    /// Wrap `scan` (a `DataSourceExec` over a `FileScanConfig`), giving it the
    /// reconciliation adapter if it lacks one (as after decoding).
    pub fn new(scan: Arc<dyn ExecutionPlan>) -> Self {
        Self {
            input: with_reconciliation(scan),
        }
    }
}

/// Whether `plan` is a file scan with an expression adapter: in a flowlog plan, always
/// [`CaseInsensitiveAdapterFactory`] (the table provider's; the adapter factory trait
/// offers no downcast to tell it apart, and flowlog registers no other file tables).
fn is_reconciled_scan(plan: &Arc<dyn ExecutionPlan>) -> bool {
    file_scan(plan).is_some_and(|config| config.expr_adapter_factory.is_some())
}

fn file_scan(plan: &Arc<dyn ExecutionPlan>) -> Option<&FileScanConfig> {
    plan.downcast_ref::<DataSourceExec>()?
        .data_source()
        .downcast_ref::<FileScanConfig>()
}

/// `scan` with the reconciliation adapter (unchanged when it is not a file scan).
fn with_reconciliation(scan: Arc<dyn ExecutionPlan>) -> Arc<dyn ExecutionPlan> {
    match file_scan(&scan) {
        Some(config) => {
            let mut config = config.clone();
            config.expr_adapter_factory = Some(Arc::new(CaseInsensitiveAdapterFactory));
            DataSourceExec::from_data_source(config)
        }
        None => scan,
    }
}

/// `plan` with every reconciled file scan under a [`ReconciledScanExec`].
pub fn wrap_scans(plan: Arc<dyn ExecutionPlan>) -> Result<Arc<dyn ExecutionPlan>> {
    plan.transform_up(|node| {
        if is_reconciled_scan(&node) {
            let wrapped: Arc<dyn ExecutionPlan> = Arc::new(ReconciledScanExec::new(node));
            return Ok(Transformed::yes(wrapped));
        }
        Ok(Transformed::no(node))
    })
    .map(|t| t.data)
}

impl DisplayAs for ReconciledScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReconciledScanExec")
    }
}

impl ExecutionPlan for ReconciledScanExec {
    fn name(&self) -> &str {
        "ReconciledScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.input.properties()
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
        self.input.execute(partition, context)
    }
}
