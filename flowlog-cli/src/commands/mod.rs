//! One file per subcommand.

mod functions;
mod query;

use crate::args::{Cli, Command};

/// Run the command the user asked for.
pub(crate) async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Query(args) => query::run(args).await,
        Command::Functions(args) => functions::run(args).await,
    }
}
