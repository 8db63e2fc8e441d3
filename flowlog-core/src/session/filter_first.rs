//! Filters before projections that compute, so a computed column is evaluated only on
//! the rows the `WHERE` keeps.
//!
//! DataFusion's physical projection pushdown may move a projection below a filter when
//! the projection narrows the columns and the filter only needs columns it passes
//! through:
//!
//! ```text
//! Projection [type, contains(…, to_ipaddress(srcaddr))]       Filter [type = 'IPv4']
//!   Filter [type = 'IPv4']                           ──►         Projection [type, contains(…)]
//! ```
//!
//! which evaluates `to_ipaddress` on the IPv6 rows the filter would have dropped, and
//! fails. Trino evaluates the select list only on the rows the filter keeps; this rule,
//! run last, puts such a filter back under the projection: a projection that computes
//! something (not only column references) runs on the filter's output.

use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::physical_expr::expressions::Column;
use datafusion::physical_expr::projection::update_expr;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::filter::FilterExec;
use datafusion::physical_plan::projection::ProjectionExec;

/// Evaluate a filter before the computing projection under it (see the module docs).
#[derive(Debug, Default)]
pub struct FilterBeforeProjection;

impl PhysicalOptimizerRule for FilterBeforeProjection {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            let Some(filter) = node.downcast_ref::<FilterExec>() else {
                return Ok(Transformed::no(node));
            };
            if filter.projection().is_some() {
                return Ok(Transformed::no(node));
            }
            let Some(projection) = filter.input().downcast_ref::<ProjectionExec>() else {
                return Ok(Transformed::no(node));
            };
            let computes = projection
                .expr()
                .iter()
                .any(|e| e.expr.downcast_ref::<Column>().is_none());
            if !computes {
                return Ok(Transformed::no(node));
            }
            // The predicate in terms of the projection's input; only possible when the
            // columns it uses are passed through unchanged.
            let Some(predicate) = update_expr(filter.predicate(), projection.expr(), true)? else {
                return Ok(Transformed::no(node));
            };
            let uses_computed = {
                let mut found = false;
                filter.predicate().apply(|e| {
                    if let Some(c) = e.downcast_ref::<Column>()
                        && projection.expr()[c.index()]
                            .expr
                            .downcast_ref::<Column>()
                            .is_none()
                    {
                        found = true;
                    }
                    Ok(datafusion::common::tree_node::TreeNodeRecursion::Continue)
                })?;
                found
            };
            if uses_computed {
                return Ok(Transformed::no(node));
            }
            let below = FilterExec::try_new(predicate, Arc::clone(projection.input()))?
                .with_default_selectivity(filter.default_selectivity())?;
            let above = ProjectionExec::try_new(projection.expr().to_vec(), Arc::new(below))?;
            Ok(Transformed::yes(Arc::new(above) as Arc<dyn ExecutionPlan>))
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "flowlog_filter_before_projection"
    }

    fn schema_check(&self) -> bool {
        true
    }
}
