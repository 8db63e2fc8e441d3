//! The scheduler and executors of a flowlog cluster: Ballista's, given flowlog's codec,
//! functions and object stores.
//!
//! Both run Ballista's pull-staged scheduling: executors dial the scheduler to ask for
//! work and serve their results and shuffle files over Arrow Flight on their own port,
//! so the scheduler never connects to them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use ballista_core::config::TaskSchedulingPolicy;
use ballista_core::extension::SessionConfigExt;
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::serde::BallistaCodec;
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::{ConfigProducer, RuntimeProducer};
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::execution::{FunctionRegistry, SessionState, SessionStateBuilder};
use datafusion::prelude::SessionConfig;
use datafusion_proto::logical_plan::DefaultLogicalExtensionCodec;

use super::stores::ExecutorStores;
use super::{ClusterError, FlowLogCodec, one_line};
use crate::functions;
use crate::storage::S3Options;
use crate::time::TrinoZone;

/// How `flowlog cluster scheduler` runs.
#[derive(Debug, Clone)]
pub struct SchedulerOptions {
    /// The address to listen on.
    pub bind: SocketAddr,
    /// The host name executors and clients reach this scheduler by (default: the bind
    /// address's host).
    pub external_host: Option<String>,
}

/// How `flowlog cluster executor` runs.
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// The scheduler's host.
    pub scheduler_host: String,
    /// The scheduler's port.
    pub scheduler_port: u16,
    /// The address the executor serves results and shuffle files on (Arrow Flight).
    pub bind: SocketAddr,
    /// The host name the scheduler and other executors reach this one by (default: the
    /// bind address's host).
    pub external_host: Option<String>,
    /// Tasks run at once (default: the number of CPUs).
    pub concurrent_tasks: Option<usize>,
    /// Where shuffle files are written (default: a new temporary directory).
    pub work_dir: Option<PathBuf>,
    /// How `s3://` locations are read.
    pub s3: S3Options,
}

/// A session state with DataFusion's functions and flowlog's (in UTC: functions that
/// depend on the session zone travel with their zone, see [`super::functions`]), and
/// object stores made on demand (decoding a scan looks its store up; nothing is read
/// until an executor runs it).
fn flowlog_state(config: SessionConfig) -> datafusion::common::Result<SessionState> {
    let registry: Arc<dyn datafusion::execution::object_store::ObjectStoreRegistry> =
        Arc::new(ExecutorStores::new(S3Options::default()));
    let runtime = RuntimeEnvBuilder::new()
        .with_object_store_registry(registry)
        .build()?;
    let mut state = SessionStateBuilder::new()
        .with_config(config)
        .with_runtime_env(Arc::new(runtime))
        .with_default_features()
        .build();
    for f in functions::scalar_functions(TrinoZone::Utc) {
        state.register_udf(f)?;
    }
    for f in functions::aggregate_functions() {
        state.register_udaf(f)?;
    }
    Ok(state)
}

fn ballista_config() -> SessionConfig {
    SessionConfig::new_with_ballista()
}

fn codec() -> BallistaCodec {
    BallistaCodec::new(
        Arc::new(DefaultLogicalExtensionCodec {}),
        Arc::new(FlowLogCodec::default()),
    )
}

fn server_error(
    role: &'static str,
) -> impl Fn(ballista_core::error::BallistaError) -> ClusterError {
    move |e| ClusterError::Server {
        role,
        message: one_line(&e.to_string()),
    }
}

/// Run a scheduler until the process is stopped.
pub async fn run_scheduler(options: SchedulerOptions) -> Result<(), ClusterError> {
    let session_builder = Arc::new(flowlog_state);
    let config_producer: ConfigProducer = Arc::new(ballista_config);
    let config = SchedulerConfig {
        bind_host: options.bind.ip().to_string(),
        bind_port: options.bind.port(),
        external_host: options
            .external_host
            .unwrap_or_else(|| options.bind.ip().to_string()),
        scheduling_policy: TaskSchedulingPolicy::PullStaged,
        override_physical_codec: Some(Arc::new(FlowLogCodec::default())),
        override_session_builder: Some(session_builder.clone()),
        override_config_producer: Some(Arc::clone(&config_producer)),
        ..SchedulerConfig::default()
    };
    let cluster = BallistaCluster::new_memory(
        config.scheduler_endpoint(),
        session_builder,
        config_producer,
    );
    start_server(cluster, options.bind, Arc::new(config))
        .await
        .map_err(server_error("scheduler"))
}

/// The runtime of an executor's tasks: its object stores.
fn runtime_producer(s3: S3Options) -> RuntimeProducer {
    let stores = Arc::new(ExecutorStores::new(s3));
    Arc::new(move |_config: &SessionConfig| {
        let registry: Arc<dyn datafusion::execution::object_store::ObjectStoreRegistry> =
            Arc::clone(&stores) as _;
        Ok(Arc::new(
            RuntimeEnvBuilder::new()
                .with_object_store_registry(registry)
                .build()?,
        ))
    })
}

fn function_registry() -> Result<BallistaFunctionRegistry, ClusterError> {
    let state = flowlog_state(ballista_config()).map_err(|e| ClusterError::Server {
        role: "executor",
        message: one_line(&e.to_string()),
    })?;
    Ok((&state).into())
}

/// Run an executor until the process is stopped.
pub async fn run_executor(options: ExecutorOptions) -> Result<(), ClusterError> {
    // Kept alive until the executor stops, then removed.
    let temp_dir;
    let work_dir = match options.work_dir {
        Some(dir) => dir,
        None => {
            temp_dir = tempfile_dir()?;
            temp_dir.path().to_path_buf()
        }
    };
    let config = ExecutorProcessConfig {
        bind_host: options.bind.ip().to_string(),
        port: options.bind.port(),
        // Not listened on under pull-staged scheduling; registered all the same.
        grpc_port: options.bind.port(),
        external_host: Some(
            options
                .external_host
                .unwrap_or_else(|| options.bind.ip().to_string()),
        ),
        scheduler_host: options.scheduler_host,
        scheduler_port: options.scheduler_port,
        scheduler_connect_timeout_seconds: 10,
        vcores: options.concurrent_tasks.unwrap_or(0),
        task_scheduling_policy: TaskSchedulingPolicy::PullStaged,
        work_dir: Some(work_dir.display().to_string()),
        print_thread_info: false,
        override_function_registry: Some(Arc::new(function_registry()?)),
        override_runtime_producer: Some(runtime_producer(options.s3)),
        override_config_producer: Some(Arc::new(ballista_config)),
        override_physical_codec: Some(Arc::new(FlowLogCodec::default())),
        ..ExecutorProcessConfig::default()
    };
    start_executor_process(Arc::new(config))
        .await
        .map_err(server_error("executor"))
}

fn tempfile_dir() -> Result<tempfile::TempDir, ClusterError> {
    tempfile::Builder::new()
        .prefix("flowlog-executor-")
        .tempdir()
        .map_err(|e| ClusterError::Server {
            role: "executor",
            message: format!("cannot create a work directory: {e}"),
        })
}

/// Start a scheduler inside this process on a free loopback port (Ballista's standalone
/// scheduler, with flowlog's codec and functions); returns its address.
pub async fn start_in_process_scheduler() -> Result<SocketAddr, ClusterError> {
    ballista_scheduler::standalone::new_standalone_scheduler_with_builder(
        Arc::new(flowlog_state),
        Arc::new(ballista_config),
        codec(),
    )
    .await
    .map_err(server_error("scheduler"))
}

/// Start an executor inside this process on a free loopback port (Ballista's standalone
/// executor, with flowlog's codec, functions and object stores), registered with the
/// scheduler at `scheduler`.
pub async fn start_in_process_executor(
    scheduler: SocketAddr,
    concurrent_tasks: usize,
    s3: S3Options,
) -> Result<(), ClusterError> {
    let client = SchedulerGrpcClient::connect(format!("http://{scheduler}"))
        .await
        .map_err(|e| ClusterError::SchedulerUnreachable {
            address: scheduler.to_string(),
            reason: one_line(&e.to_string()),
        })?;
    ballista_executor::new_standalone_executor_from_builder(
        client,
        concurrent_tasks,
        Arc::new(ballista_config),
        runtime_producer(s3),
        codec(),
        function_registry()?,
    )
    .await
    .map_err(server_error("executor"))
}
