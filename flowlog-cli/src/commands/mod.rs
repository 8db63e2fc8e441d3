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
        Command::Query(mut args) => {
            configure(&mut args.session, &mut args.output)?;
            query::run(args).await
        }
        Command::Shell(mut args) => {
            configure(&mut args.session, &mut args.output)?;
            crate::shell::run(args).await
        }
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

/// Fills the session and output flags not given with the config file's and
/// `FLOWLOG_*` variables' values.
pub(crate) fn configure(
    session: &mut crate::args_session::SessionArgs,
    output: &mut crate::args::OutputArgs,
) -> Result<(), crate::config::ConfigError> {
    let config = crate::config::Config::load()?;
    config.apply(session);
    config.apply_output(output);
    Ok(())
}
