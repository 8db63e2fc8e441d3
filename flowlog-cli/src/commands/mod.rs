//! One file per subcommand.

mod completions;
mod functions;
mod provision;
mod query;

pub(crate) use query::SkippedSome;

use crate::args::{Cli, Command};

/// Run the command the user asked for.
pub(crate) async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Query(args) => query::run(args).await,
        Command::Provision(command) => provision::run(command),
        Command::Functions(args) => functions::run(args).await,
        Command::Completions(args) => completions::run(args),
    }
}
