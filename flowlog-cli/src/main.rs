//! `flowlog`: Amazon Athena's SQL over AWS VPC Flow Logs, on your machine.
//!
//! A thin client of `flowlog-core`: parse arguments, run the command, print one line
//! on error and exit 2 (128 + the signal's number when a signal stopped it; 3 when
//! `--skip-bad-objects` left objects out of an answer).

mod args;
#[cfg(feature = "cluster")]
mod args_cluster;
mod args_provision;
mod args_report;
mod args_s3;
mod args_session;
mod args_sync;
mod commands;
mod config;
mod excel;
mod explain;
#[cfg(test)]
mod help_examples;
mod logger;
mod output;
mod output_format;
mod output_parquet;
mod output_path;
mod output_xlsx;
mod progress;
mod settings;
mod shell;
mod signals;
mod sink;
mod table_view;
mod ui;
mod writer_thread;

use std::process::ExitCode;

use clap::Parser;

/// jemalloc serves every allocation of the binary (the default `jemalloc` feature): the
/// scan allocates and frees buffers for every batch of every column, and the system
/// allocator measured up to a third slower on the benches/ questions.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
/// The stack of the thread that parses and plans the query and of the runtime's
/// workers. The engine walks expressions recursively, so a statement with thousands of
/// `OR` or `+` terms needs far more than the default 8 MiB; the memory is only
/// reserved, and touched as deep as a statement actually goes.
const STACK_BYTES: usize = 1024 * 1024 * 1024;

fn main() -> ExitCode {
    let args = match args::Cli::try_parse() {
        Ok(args) => args,
        Err(err) => return flag_error(err),
    };
    logger::init(args.verbose, args.quiet);
    let thread = std::thread::Builder::new()
        .name("flowlog".into())
        .stack_size(STACK_BYTES)
        .spawn(move || run(args));
    match thread.map(|t| t.join()) {
        Ok(Ok(code)) => code,
        // The panic was printed by the panic hook; exit as an uncaught panic does.
        Ok(Err(_)) => ExitCode::from(101),
        Err(err) => {
            eprintln!("flowlog: cannot start the main thread: {err}");
            ExitCode::from(2)
        }
    }
}

/// Runs the command on a multi-threaded runtime and turns its outcome into the exit
/// status.
fn run(args: args::Cli) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(STACK_BYTES)
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
        Err(err) if err.downcast_ref::<signals::Interrupted>().is_some() => {
            let signal = *err.downcast_ref::<signals::Interrupted>().expect("checked");
            eprintln!("flowlog: {signal}");
            // Exit at once: engine tasks still winding down need not be waited for.
            std::process::exit(i32::from(signal.exit_status()));
        }
        Err(err) if err.downcast_ref::<commands::SkippedSome>().is_some() => {
            // The answer was written; the skipped objects are listed above it on stderr.
            eprintln!("flowlog: warning: {err}");
            ExitCode::from(commands::SkippedSome::EXIT_STATUS)
        }
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
