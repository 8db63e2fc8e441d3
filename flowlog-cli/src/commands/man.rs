//! `flowlog man`: the man page, generated from the clap definitions.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;

use crate::args::{Cli, ManArgs};

/// Print the roff source of flowlog(1) to stdout, or write every command's page into
/// `--dir`.
pub(crate) fn run(args: ManArgs) -> anyhow::Result<()> {
    let command = Cli::command();
    if let Some(dir) = &args.dir {
        return clap_mangen::generate_to(command, dir)
            .with_context(|| format!("cannot write the man pages into {}", dir.display()));
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(())
}
