//! `flowlog cluster scheduler|executor`, and running `flowlog query --cluster` on one.

use anyhow::{Context, Result};
use datafusion::dataframe::DataFrame;
use datafusion::error::DataFusionError;
use datafusion::physical_plan::SendableRecordBatchStream;
use flowlog_core::FlowLogSession;
use flowlog_core::cluster::server::{run_executor, run_scheduler};
use flowlog_core::cluster::{
    ClusterError, ClusterOptions, ClusterUrl, ExecutorOptions, SchedulerOptions,
};

use crate::args_cluster::{ClusterCommand, ExecutorArgs, SchedulerArgs};

/// Run `flowlog cluster …` until the process is stopped.
pub(crate) async fn run(command: ClusterCommand) -> Result<()> {
    match command {
        ClusterCommand::Scheduler(args) => scheduler(args).await,
        ClusterCommand::Executor(mut args) => {
            // The executor reads S3 with this machine's configured profile and region.
            crate::config::Config::load()?.apply_s3(&mut args.s3);
            executor(args).await
        }
    }
}

async fn scheduler(args: SchedulerArgs) -> Result<()> {
    if log::log_enabled!(target: "flowlog", log::Level::Warn) {
        eprintln!("flowlog: cluster scheduler listening on {}", args.bind);
    }
    run_scheduler(SchedulerOptions {
        bind: args.bind,
        external_host: args.external_host,
    })
    .await?;
    Ok(())
}

async fn executor(args: ExecutorArgs) -> Result<()> {
    let with_scheme = if args.scheduler.starts_with("df://") {
        args.scheduler.clone()
    } else {
        format!("df://{}", args.scheduler)
    };
    let scheduler: ClusterUrl = with_scheme
        .parse()
        .with_context(|| format!("--scheduler {}: expected host:port", args.scheduler))?;
    if let Some(dir) = &args.work_dir
        && !dir.is_dir()
    {
        anyhow::bail!("--work-dir {}: not a directory", dir.display());
    }
    if log::log_enabled!(target: "flowlog", log::Level::Warn) {
        eprintln!(
            "flowlog: cluster executor on {}, working for the scheduler at {}",
            args.bind,
            scheduler.address()
        );
    }
    run_executor(ExecutorOptions {
        scheduler_host: scheduler.host,
        scheduler_port: scheduler.port,
        bind: args.bind,
        external_host: args.external_host,
        concurrent_tasks: args.concurrent_tasks.map(usize::from),
        work_dir: args.work_dir,
        s3: args.s3.options(),
    })
    .await?;
    Ok(())
}

/// The answer of `df` computed on the cluster at `url`.
pub(crate) async fn execute(
    session: &FlowLogSession,
    df: DataFrame,
    url: &ClusterUrl,
) -> Result<SendableRecordBatchStream> {
    flowlog_core::cluster::execute(session, df, url, &ClusterOptions::default())
        .await
        .map_err(|e| error(session, e))
}

/// A query's error: a cluster error as itself (one line, no engine prefix), any other
/// as a local run reports it.
pub(crate) fn error(session: &FlowLogSession, e: DataFusionError) -> anyhow::Error {
    match ClusterError::find(&e) {
        Some(found) => anyhow::anyhow!("{found}"),
        None => session.explain_error(e).into(),
    }
}
