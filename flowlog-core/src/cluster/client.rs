//! Plan on the client, execute on the cluster.
//!
//! flowlog's process does what only it can do — the DDL, the projected partitions, the
//! listing of prefixes, the footer checks, the physical plan with flowlog's optimizer
//! rules (the stable row order among them) — and sends the physical plan to the
//! scheduler, which splits it into stages for the executors. The answer comes back as
//! one stream in the plan's order, so it is written exactly like a local answer.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use ballista_core::execution_plans::execute_physical_plan;
use ballista_core::extension::SessionConfigExt;
use datafusion::common::{DataFusionError, Result};
use datafusion::dataframe::DataFrame;
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    ExecutionPlan, ExecutionPlanProperties, SendableRecordBatchStream,
};
use datafusion_proto::physical_plan::AsExecutionPlan;
use datafusion_proto::protobuf::PhysicalPlanNode;
use futures::TryStreamExt;

use super::functions::FunctionState;
use super::scan::wrap_scans;
use super::{ClusterError, FlowLogCodec, one_line};
use crate::FlowLogSession;

/// A scheduler's address: `df://host:port`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterUrl {
    /// The scheduler's host name or IP address.
    pub host: String,
    /// The scheduler's port.
    pub port: u16,
}

impl ClusterUrl {
    /// `host:port`.
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl fmt::Display for ClusterUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "df://{}", self.address())
    }
}

impl FromStr for ClusterUrl {
    type Err = ClusterError;

    /// `df://host:port` (`[v6]:port` for an IPv6 address).
    fn from_str(s: &str) -> Result<Self, ClusterError> {
        let bad = || ClusterError::BadUrl { url: s.to_string() };
        let rest = s.strip_prefix("df://").ok_or_else(bad)?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = rest.rsplit_once(':').ok_or_else(bad)?;
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        let port: u16 = port.parse().map_err(|_| bad())?;
        if host.is_empty() || host.contains('/') || port == 0 {
            return Err(bad());
        }
        Ok(Self {
            host: host.to_string(),
            port,
        })
    }
}

/// How a query runs on the cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterOptions {
    /// Read every shuffle partition over the network, even one the reading executor
    /// wrote itself (tests use this so that data crosses the network).
    pub force_remote_read: bool,
}

impl ClusterError {
    /// The cluster error `error` is or wraps, if any.
    pub fn find(error: &DataFusionError) -> Option<&ClusterError> {
        let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = current {
            if let Some(found) = e.downcast_ref::<ClusterError>() {
                return Some(found);
            }
            if let Some(DataFusionError::External(inner)) = e.downcast_ref::<DataFusionError>()
                && let Some(found) = inner.downcast_ref::<ClusterError>()
            {
                return Some(found);
            }
            current = e.source();
        }
        None
    }
}

fn external(error: ClusterError) -> DataFusionError {
    DataFusionError::External(Box::new(error))
}

/// The physical plan of `df` as the cluster runs it: one output partition (as a local
/// run reads it), scans wrapped so that their column reconciliation travels.
async fn cluster_plan(df: DataFrame) -> Result<Arc<dyn ExecutionPlan>> {
    let plan = df.create_physical_plan().await?;
    let plan: Arc<dyn ExecutionPlan> = if plan.output_partitioning().partition_count() > 1 {
        Arc::new(CoalescePartitionsExec::new(plan))
    } else {
        plan
    };
    wrap_scans(plan)
}

/// Whether `plan` reads files (a flow-log table's objects).
fn reads_files(plan: &Arc<dyn ExecutionPlan>) -> bool {
    plan.downcast_ref::<DataSourceExec>()
        .is_some_and(|d| d.data_source().downcast_ref::<FileScanConfig>().is_some())
        || plan.children().into_iter().any(reads_files)
}

/// Whether a TCP connection to the scheduler opens (a clear error before Ballista's).
async fn check_reachable(url: &ClusterUrl) -> Result<()> {
    let address = url.address();
    let connect = tokio::net::TcpStream::connect((url.host.as_str(), url.port));
    let reason = match tokio::time::timeout(Duration::from_secs(10), connect).await {
        Ok(Ok(_)) => return Ok(()),
        Ok(Err(e)) => one_line(&e.to_string()),
        Err(_) => "no answer in 10 seconds".to_string(),
    };
    Err(external(ClusterError::SchedulerUnreachable {
        address,
        reason,
    }))
}

/// Run the query of `df` (a query of `session`) on the cluster at `url`; the answer
/// streams back in the order a local run gives.
///
/// Fails before contacting the cluster when the plan holds something that cannot run
/// there ([`ClusterError`] says what); a failure on the cluster (an executor lost, a
/// task failed) ends the stream with [`ClusterError::JobFailed`].
pub async fn execute(
    session: &FlowLogSession,
    df: DataFrame,
    url: &ClusterUrl,
    options: &ClusterOptions,
) -> Result<SendableRecordBatchStream> {
    let task_ctx = Arc::new(df.task_ctx());
    let plan = cluster_plan(df).await?;
    if !reads_files(&plan) {
        // Nothing for executors to read (SHOW, EXPLAIN, VALUES): answered here.
        return datafusion::physical_plan::execute_stream(plan, task_ctx);
    }
    let state = FunctionState {
        zone: session.time_zone(),
        now: session.current_time(),
    };
    let codec = FlowLogCodec::new(state);
    // Encode once here, so that what cannot be sent fails before anything is.
    PhysicalPlanNode::try_from_physical_plan(Arc::clone(&plan), &codec).map_err(|e| {
        match ClusterError::find(&e) {
            Some(_) => e,
            None => external(ClusterError::NodeNotSendable {
                node: one_line(&e.to_string()),
            }),
        }
    })?;
    check_reachable(url).await?;
    let config = session
        .context()
        .copied_config()
        .upgrade_for_ballista()
        .with_ballista_shuffle_reader_force_remote_read(options.force_remote_read);
    let session_id = session.context().session_id();
    let schema = plan.schema();
    let stream = execute_physical_plan::<PhysicalPlanNode>(
        format!("http://{}", url.address()),
        &config.ballista_config(),
        plan,
        &codec,
        session_id,
        config,
    )
    .await
    .map_err(job_failed)?;
    Ok(Box::pin(RecordBatchStreamAdapter::new(
        schema,
        stream.map_err(job_failed),
    )))
}

fn job_failed(error: DataFusionError) -> DataFusionError {
    if ClusterError::find(&error).is_some() {
        return error;
    }
    external(ClusterError::JobFailed {
        message: one_line(&error.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_urls() {
        let url: ClusterUrl = "df://127.0.0.1:50050".parse().unwrap();
        assert_eq!(url.address(), "127.0.0.1:50050");
        assert_eq!(url.to_string(), "df://127.0.0.1:50050");
        let v6: ClusterUrl = "df://[::1]:7000".parse().unwrap();
        assert_eq!(v6.address(), "[::1]:7000");
        for bad in [
            "127.0.0.1:50050",
            "df://host",
            "df://:1",
            "df://h:0",
            "df://h:x",
        ] {
            let err = bad.parse::<ClusterUrl>().unwrap_err();
            assert!(err.to_string().contains("expected df://host:port"), "{bad}");
        }
    }
}
