//! `flowlog`: Amazon Athena's SQL over AWS VPC Flow Logs, on your machine.
//!
//! A thin client of `flowlog-core`: parse arguments, run the command, print one line
//! on error and exit 2.

mod args;
mod args_provision;
mod commands;
mod logger;
mod output;
mod settings;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc serves every allocation of the binary (DataFusion allocates per batch and per
/// group; the system allocator is slower at that).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match args::Cli::try_parse() {
        Ok(args) => args,
        Err(err) => return flag_error(err),
    };
    logger::init(args.verbose, args.quiet);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("flowlog: cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(commands::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("flowlog: {}", one_line(&err));
            ExitCode::from(2)
        }
    }
}

/// A flag our value parsers rejected is reported as every other error (`flowlog: --now x:
/// …`, exit 2); anything else (help, version, usage) is clap's to print.
fn flag_error(err: clap::Error) -> ExitCode {
    let ours = std::error::Error::source(&err)
        .and_then(|source| source.downcast_ref::<settings::FlagError>());
    match ours {
        Some(flag) => {
            eprintln!("flowlog: {flag}");
            ExitCode::from(2)
        }
        None => err.exit(),
    }
}

/// The error and its causes on one line, each cause once (an engine error often wraps
/// ours and repeats its text).
fn one_line(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A closed stdout (`flowlog … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
