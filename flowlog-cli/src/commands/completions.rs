//! `flowlog completions SHELL`: a completion script generated from the clap definitions,
//! so it always knows every subcommand and flag.

use std::io::Write;

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};

/// Print the script to stdout.
pub(crate) fn run(args: CompletionsArgs) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "flowlog", &mut out);
    out.flush()?;
    Ok(())
}
