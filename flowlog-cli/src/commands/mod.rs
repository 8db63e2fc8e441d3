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
        Command::Query(args) => query::run(query_with_config(args)?).await,
        Command::Shell(args) => crate::shell::run(with_config(args)?).await,
        Command::Config(command) => config::run(command),
        Command::Man(args) => man::run(args),
        Command::Provision(command) => provision::run(command),
        Command::Functions(args) => functions::run(args).await,
        Command::Report(mut args) => {
            crate::config::Config::load()?.apply(&mut args.session);
            report::run(args).await
        }
        Command::Completions(args) => completions::run(args),
        Command::Ui(mut args) => {
            crate::config::Config::load()?.apply(&mut args.session);
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
pub(crate) fn query_with_config(
    mut args: crate::args::QueryArgs,
) -> Result<crate::args::QueryArgs, crate::config::ConfigError> {
    let config = crate::config::Config::load()?;
    config.apply(&mut args.session);
    config.apply_output(&mut args.output);
    Ok(args)
}

/// The shell's flags, with the config file's and `FLOWLOG_*` variables' values for
/// those not given.
pub(crate) fn with_config(
    mut args: crate::args::ShellArgs,
) -> Result<crate::args::ShellArgs, crate::config::ConfigError> {
    let config = crate::config::Config::load()?;
    config.apply(&mut args.session);
    config.apply_output(&mut args.output);
    Ok(args)
}
