//! `flowlog ui`: a local web console over the tables the query flags register — SQL
//! editor, results grid, stats, downloads, chart, table browser, saved queries. It
//! listens on 127.0.0.1 only, on a random port by default, and every request needs the
//! per-launch token printed in the URL.

mod assets;
mod download;
mod http;
mod routes;
mod runs;
mod saved;
mod token;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use anyhow::{Context, Result};
use tokio::net::TcpListener;

use crate::args::UiArgs;
use crate::commands::query::Opened;
use crate::signals::Signals;

/// What every request of one console shares.
pub(crate) struct Console {
    /// The launch token.
    token: token::Token,
    /// The queries and their results.
    runs: runs::Runs,
    /// The saved queries.
    saved: saved::SavedQueries,
    /// The SQL given on the command line, for the editor.
    initial_sql: Option<String>,
}

/// Opens the session, serves the console until Ctrl-C (or SIGTERM), then stops the
/// running queries and returns.
pub(crate) async fn run(args: UiArgs) -> Result<()> {
    let initial_sql = match (&args.sql.sql, &args.sql.file) {
        (Some(sql), _) => Some(sql.clone()),
        (None, Some(path)) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read -f {}", path.display()))?,
        ),
        (None, None) => None,
    };
    let opened = Arc::new(Opened::open(&args.session, None, None).await?);
    let engine = tokio::runtime::Builder::new_multi_thread()
        .thread_name("flowlog-query")
        .thread_stack_size(crate::STACK_BYTES)
        .enable_all()
        .build()
        .context("cannot start the runtime for the console's queries")?;
    let served = serve(args, opened, engine.handle().clone(), initial_sql).await;
    // Queries still winding down are not waited for.
    engine.shutdown_background();
    served
}

/// Serves the console until a signal; queries run on `engine`.
async fn serve(
    args: UiArgs,
    opened: Arc<Opened>,
    engine: tokio::runtime::Handle,
    initial_sql: Option<String>,
) -> Result<()> {
    let console = Arc::new(Console {
        token: token::Token::random().context("cannot make the console's token")?,
        runs: runs::Runs::new(opened, engine, runs::HELD_CAP),
        saved: saved::SavedQueries::new(
            args.queries_dir.clone().unwrap_or_else(saved::default_dir),
        ),
        initial_sql,
    });
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .await
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = listener.local_addr()?.port();
    // Listening before the URL is printed: a Ctrl-C from then on stops the console cleanly.
    let mut signals = Signals::listen().context("cannot listen for signals")?;
    let url = format!("http://127.0.0.1:{port}/?token={}", console.token.as_str());
    println!("{url}");
    if log::log_enabled!(target: "flowlog", log::Level::Warn) {
        eprintln!(
            "flowlog ui: the console is at the URL above (this machine only); Ctrl-C stops it"
        );
    }
    if !args.no_open {
        open_browser(&url);
    }
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((mut stream, _)) = accepted else { continue };
                let console = console.clone();
                tokio::spawn(async move {
                    let response = match http::read_request(&mut stream).await {
                        Ok(request) => routes::handle(&console, request).await,
                        Err(e) => http::Response::error(400, &e.to_string()),
                    };
                    let _ = http::write_response(&mut stream, &response).await;
                });
            }
            signal = signals.recv() => {
                console.runs.cancel_all();
                if log::log_enabled!(target: "flowlog", log::Level::Warn) {
                    eprintln!("flowlog ui: stopped ({})", signal.name);
                }
                return Ok(());
            }
        }
    }
}

/// Opens `url` in the desktop's browser, best effort (the URL is printed anyway).
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
