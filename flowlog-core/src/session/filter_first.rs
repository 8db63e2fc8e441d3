//! Filters before projections that compute, so a computed column is evaluated only on
//! the rows the `WHERE` keeps.
//!
//! DataFusion's physical projection pushdown moves a projection below a filter when the
//! projection narrows the columns and the filter only needs columns it passes through,
//! and from there into the scan:
//!
//! ```text
//! Projection [type, contains(…, to_ipaddress(dstaddr))]     Filter [type = 'IPv4']
//!   Filter [type = 'IPv4']                          ──►        Scan [type, contains(…)]
//!     Scan [type, dstaddr]
//! ```
//!
//! which evaluates `to_ipaddress` on the IPv6 rows the filter would have dropped, and
//! fails. Trino evaluates the select list only on the rows the filter keeps. So
//! flowlog's sessions run DataFusion's physical optimizer rules with
//! [`ProjectionPushdown`] replaced by [`GuardedProjectionPushdown`], which does the same
//! except that it never moves a projection that computes something (anything but column
//! references) below a filter.

use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_optimizer::optimizer::PhysicalOptimizer;
use datafusion::physical_optimizer::projection_pushdown::ProjectionPushdown;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::projection::{ProjectionExec, remove_unnecessary_projections};

/// DataFusion's physical optimizer rules, with [`GuardedProjectionPushdown`] in place of
/// [`ProjectionPushdown`].
pub fn physical_optimizer_rules() -> Vec<Arc<dyn PhysicalOptimizerRule + Send + Sync>> {
    let projection_pushdown = ProjectionPushdown::new();
    PhysicalOptimizer::new()
        .rules
        .into_iter()
        .map(|rule| {
            if rule.name() == projection_pushdown.name() {
                Arc::new(GuardedProjectionPushdown) as Arc<dyn PhysicalOptimizerRule + Send + Sync>
            } else {
                rule
            }
        })
        .collect()
}

/// DataFusion's projection pushdown, except that a projection that computes stays above
/// the filter under it (see the module docs).
#[derive(Debug, Default)]
pub struct GuardedProjectionPushdown;

impl PhysicalOptimizerRule for GuardedProjectionPushdown {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_down(|node| {
            if let Some(projection) = node.downcast_ref::<ProjectionExec>()
                && projection.input().downcast_ref::<FilterExec>().is_some()
                && projection
                    .expr()
                    .iter()
                    .any(|e| e.expr.downcast_ref::<Column>().is_none())
            {
                return Ok(Transformed::no(node));
            }
            remove_unnecessary_projections(node)
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "flowlog_guarded_projection_pushdown"
    }

    fn schema_check(&self) -> bool {
        true
    }
}
