//! `flowlog functions [PATTERN]`: every function flowlog knows, with its syntax, a
//! one-line description and an example, from the metadata it is registered with.
//! Athena's functions come first; the ones only DataFusion has come after, marked, since
//! a query calling them would not run on Athena. Internal helpers (`$…`) are not listed.

use std::io::Write;

use flowlog_core::functions::athena_names::in_athena;
use flowlog_core::functions::catalog::{FunctionEntry, functions};
use flowlog_core::{FlowLogSession, SessionOptions};

use crate::args::FunctionsArgs;

/// Print the catalog to stdout.
pub(crate) async fn run(args: FunctionsArgs) -> anyhow::Result<()> {
    let session = FlowLogSession::new(SessionOptions::default());
    let found = athena_first(functions(
        &session.context().state(),
        args.pattern.as_deref(),
    ));
    if found.is_empty()
        && let Some(p) = &args.pattern
    {
        anyhow::bail!("no function name contains '{p}' (run 'flowlog functions' for the list)");
    }
    let mut out = std::io::stdout().lock();
    out.write_all(render(&found).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Athena's functions first, then DataFusion's own, each group in the catalog's order;
/// internal helpers (names starting with `$`) left out.
fn athena_first(entries: Vec<FunctionEntry>) -> Vec<FunctionEntry> {
    let (athena, other): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .filter(|e| !e.name.starts_with('$'))
        .partition(|e| in_athena(&e.name));
    athena.into_iter().chain(other).collect()
}

/// The listing: one block per name.
pub(crate) fn render(entries: &[FunctionEntry]) -> String {
    let mut text = String::new();
    for e in entries {
        let only_here = if in_athena(&e.name) {
            ""
        } else {
            "; DataFusion only, not in Athena"
        };
        text.push_str(&format!("{} ({}{only_here})\n", e.name, e.kind.label()));
        if let Some(of) = &e.alias_of {
            text.push_str(&format!("    alias of {of}\n"));
        }
        match (&e.syntax, &e.description) {
            (Some(s), Some(d)) => {
                text.push_str(&format!("    {s}\n    {d}\n"));
            }
            _ => text.push_str("    (no documentation)\n"),
        }
        if let Some(x) = e.example.as_deref().map(example_query) {
            text.push_str(&format!("    Example: {x}\n"));
        }
    }
    text
}

/// The query of an example: DataFusion's examples are Markdown blocks with a
/// `> query` line followed by a result table; flowlog's are one line.
fn example_query(example: &str) -> String {
    let query = example
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("> "))
        .unwrap_or(example);
    query.split_whitespace().collect::<Vec<_>>().join(" ")
}
