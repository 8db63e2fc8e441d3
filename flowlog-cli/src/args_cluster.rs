//! Arguments of `flowlog cluster …` (the `cluster` feature): clap structs only.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Subcommand};

/// `flowlog cluster …`.
#[derive(Debug, Subcommand)]
pub(crate) enum ClusterCommand {
    /// Run a scheduler: it takes queries from `flowlog query --cluster` and hands their
    /// stages to the executors. Runs until stopped (Ctrl-C, SIGTERM).
    #[command(after_long_help = SCHEDULER_EXAMPLES)]
    Scheduler(SchedulerArgs),
    /// Run an executor: it asks the scheduler for work, reads the Parquet objects and runs
    /// flowlog's functions. Runs until stopped (Ctrl-C, SIGTERM).
    #[command(after_long_help = EXECUTOR_EXAMPLES)]
    Executor(ExecutorArgs),
}

const SCHEDULER_EXAMPLES: &str = "\
Examples:
  flowlog cluster scheduler --bind 0.0.0.0:50050 --external-host sched.internal
  flowlog query --cluster df://sched.internal:50050 --ddl table.sql -f q.sql";

const EXECUTOR_EXAMPLES: &str = "\
The executor reads s3:// locations with the AWS credential chain of its own machine
(environment, profile, instance or pod role) and local paths on its own file system:
give every executor the same view of the logs as the client.

Examples:
  flowlog cluster executor --scheduler sched.internal:50050 \\
    --bind 0.0.0.0:50051 --external-host worker1.internal
  flowlog cluster executor --scheduler 127.0.0.1:50050 --bind 127.0.0.1:50061 \\
    --concurrent-tasks 4 --work-dir /var/tmp/flowlog";

/// `flowlog cluster scheduler`.
#[derive(Debug, Args)]
pub(crate) struct SchedulerArgs {
    /// The address to listen on.
    #[arg(
        long = "bind",
        value_name = "HOST:PORT",
        default_value = "127.0.0.1:50050"
    )]
    pub(crate) bind: SocketAddr,

    /// The host name executors and clients reach the scheduler by (default: the --bind
    /// address).
    #[arg(long = "external-host", value_name = "HOST")]
    pub(crate) external_host: Option<String>,
}

/// `flowlog cluster executor`.
#[derive(Debug, Args)]
pub(crate) struct ExecutorArgs {
    /// The scheduler's address (host:port, or df://host:port).
    #[arg(long = "scheduler", value_name = "HOST:PORT")]
    pub(crate) scheduler: String,

    /// The address to serve results and shuffle data on (Arrow Flight).
    #[arg(
        long = "bind",
        value_name = "HOST:PORT",
        default_value = "127.0.0.1:50051"
    )]
    pub(crate) bind: SocketAddr,

    /// The host name the scheduler, other executors and clients reach this executor by
    /// (default: the --bind address).
    #[arg(long = "external-host", value_name = "HOST")]
    pub(crate) external_host: Option<String>,

    /// Tasks run at once (default: the number of CPUs).
    #[arg(long = "concurrent-tasks", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) concurrent_tasks: Option<u16>,

    /// Where shuffle data is written (default: a new temporary directory, removed on exit).
    #[arg(long = "work-dir", value_name = "DIR")]
    pub(crate) work_dir: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) s3: crate::args_s3::S3Args,
}
