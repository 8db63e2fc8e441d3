//! One file per subcommand.

#[cfg(feature = "cluster")]
pub(crate) mod cluster;
mod completions;
mod config;
mod functions;
mod man;
mod named;
mod provision;
pub(crate) mod query;
mod report;
mod sync;

pub(crate) use query::SkippedSome;

use crate::args::{Cli, Command};

/// Run the command the user asked for.
pub(crate) async fn run(cli: Cli) -> anyhow::Result<()> {
    let Some(command) = cli.command else {
        return crate::shell::run_default().await;
    };
    match command {
        Command::Query(args) => query::run(with_config(args)?).await,
        Command::Shell(args) => crate::shell::run(with_config(args)?).await,
        Command::Config(command) => config::run(command),
        Command::Man(args) => man::run(args),
        Command::Provision(command) => provision::run(command),
        Command::Functions(args) => functions::run(args).await,
        Command::Report(mut args) => {
            args.query = with_config(args.query)?;
            report::run(args).await
        }
        Command::Completions(args) => completions::run(args),
        Command::Ui(mut args) => {
            args.query = with_config(args.query)?;
            crate::ui::run(args).await
        }
        Command::Sync(mut args) => {
            crate::config::Config::load()?.apply_s3(&mut args.s3);
            sync::run(args).await
        }
        #[cfg(feature = "cluster")]
        Command::Cluster(command) => cluster::run(command).await,
    }
}

/// The query flags, with the config file's and `FLOWLOG_*` variables' values for those
/// not given.
pub(crate) fn with_config(
    mut args: crate::args::QueryArgs,
) -> Result<crate::args::QueryArgs, crate::config::ConfigError> {
    crate::config::Config::load()?.apply(&mut args);
    Ok(args)
}
