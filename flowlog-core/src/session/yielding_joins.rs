//! Joins that can be stopped.
//!
//! A cross join or a nested-loop join turns one input batch into many output batches
//! without reading anything in between, so a query over a few thousand rows can compute
//! for minutes on one thread without ever giving the thread back. DataFusion's own
//! cooperative scheduling makes the scans give way; it does not reach these joins. While
//! such a join computes, nothing else scheduled on that thread runs, and a cancelled
//! query (the web console's Cancel, a dropped stream) keeps the CPU until the join's
//! next input batch.
//!
//! [`YieldingJoins`] wraps the output of every cross and nested-loop join in DataFusion's
//! [`CooperativeExec`], which spends the task's scheduling budget per batch and gives the
//! thread back when it runs out — where a cancelled query stops. The answer is unchanged:
//! the wrapper passes every batch through as it is.

use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::coop::CooperativeExec;
use datafusion::physical_plan::joins::{CrossJoinExec, NestedLoopJoinExec};

/// The physical optimizer rule that makes cross and nested-loop joins give their thread
/// back between output batches (see the module docs).
#[derive(Debug, Default)]
pub struct YieldingJoins;

impl PhysicalOptimizerRule for YieldingJoins {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            let multiplies = node.downcast_ref::<CrossJoinExec>().is_some()
                || node.downcast_ref::<NestedLoopJoinExec>().is_some();
            if multiplies {
                Ok(Transformed::yes(Arc::new(CooperativeExec::new(node)) as _))
            } else {
                Ok(Transformed::no(node))
            }
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "YieldingJoins"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::session::{FlowLogSession, SessionOptions};
    use datafusion::physical_plan::displayable;

    async fn plan_of(sql: &str) -> String {
        let session = FlowLogSession::new(SessionOptions::default());
        let df = session.run_script(sql).await.unwrap().unwrap();
        let plan = df.create_physical_plan().await.unwrap();
        displayable(plan.as_ref()).indent(false).to_string()
    }

    #[tokio::test]
    async fn cross_and_nested_loop_joins_are_wrapped_once() {
        let cross = plan_of(
            "select sum(x + y + z) from (values 1, 2) a(x), (values 3, 4) b(y), (values 5) c(z)",
        )
        .await;
        let joins = cross.matches("CrossJoinExec").count();
        assert_eq!(joins, 2, "{cross}");
        for (i, line) in cross.lines().enumerate() {
            if line.trim_start().starts_with("CrossJoinExec") {
                let above = cross.lines().nth(i - 1).unwrap();
                assert!(above.trim_start().starts_with("CooperativeExec"), "{cross}");
            }
        }
        let nested =
            plan_of("select sum(x + y) from (values 1, 2) a(x) join (values 3, 4) b(y) on x < y")
                .await;
        assert!(nested.contains("NestedLoopJoinExec"), "{nested}");
        let wrapped = nested
            .lines()
            .zip(nested.lines().skip(1))
            .filter(|(a, b)| {
                a.trim_start().starts_with("CooperativeExec")
                    && b.trim_start().starts_with("NestedLoopJoinExec")
            })
            .count();
        assert_eq!(wrapped, 1, "{nested}");
    }

    #[tokio::test]
    async fn the_answer_is_unchanged() {
        let session = FlowLogSession::new(SessionOptions::default());
        let df = session
            .run_script("select count(*), sum(x * y) from (values 1, 2, 3) a(x), (values 10, 20) b(y) where x < y or y = 10")
            .await
            .unwrap()
            .unwrap();
        let batches = df.collect().await.unwrap();
        let text = datafusion::arrow::util::pretty::pretty_format_batches(&batches)
            .unwrap()
            .to_string();
        // 3 × 2 pairs, all kept: x·y summed = (1+2+3)·(10+20) = 180.
        assert!(text.contains("| 6 ") && text.contains("| 180 "), "{text}");
    }
}
