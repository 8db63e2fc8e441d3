//! Explaining an empty result: the facts `flowlog-core` found (projected ranges, literals
//! the partitions never take, what the copy holds) as lines for stderr.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use flowlog_core::diagnose::{Finding, LiteralProblem, LogInventory};

/// Why the explanation is given: nothing was read, or rows were read and none passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Empty {
    /// No object was read: no selected partition holds data.
    NoObjects,
    /// Objects were read but the query returned no rows.
    NoRows,
    /// The query reads a flow-log table, but no scan was planned: the optimizer proved
    /// the answer empty (`WHERE 1 = 0`, `LIMIT 0`).
    Optimized,
}

/// The lines to print (without the `flowlog: ` prefix), or none when there is nothing
/// to say. `now` is what NOW meant in partition projection.
pub(crate) fn lines(empty: Empty, findings: &[Finding], now: DateTime<Utc>) -> Vec<String> {
    let first = match empty {
        // Partitions and the copy's contents are beside the point: nothing was looked at.
        Empty::Optimized => {
            return vec![
                "note: the query returned no rows without reading any object: its WHERE clause can never be true, or it asks for LIMIT 0".to_string(),
            ];
        }
        _ if findings.is_empty() => return Vec::new(),
        Empty::NoObjects => {
            "note: the query read no objects: no partition it selected holds data".to_string()
        }
        Empty::NoRows => "note: the query returned no rows".to_string(),
    };
    let mut out = vec![first];
    for f in findings {
        out.extend(finding(f, now));
    }
    out
}

fn finding(f: &Finding, now: DateTime<Utc>) -> Vec<String> {
    match f {
        Finding::ProjectedRange {
            table,
            column,
            first,
            last,
            values,
            format,
        } => vec![format!(
            "note: table {table}: partition projection chose {column} {first}..{last} ({values} value{}, format {format}, NOW = {})",
            plural(*values as usize),
            now.to_rfc3339_opts(SecondsFormat::Secs, true)
        )],
        Finding::LiteralMismatch {
            table,
            column,
            literal,
            problem,
        } => vec![literal_line(table, column, literal, problem)],
        Finding::Holds(held) => vec![holds(held)],
        Finding::TryNow {
            column, last_held, ..
        } => vec![format!(
            "hint: the copy's dates are all outside the projected {column} range; pin NOW to the last day it holds with --now {}",
            last_held.format("%Y-%m-%d")
        )],
        Finding::NoLogsAt {
            location,
            dir,
            exists,
        } => vec![if *exists {
            format!(
                "note: {location} is read from {}, which holds no AWSLogs/ directory (check the --mirror directory: it should be the bucket's copy, holding AWSLogs/)",
                dir.display()
            )
        } else {
            format!(
                "note: {location} is read from {}, which does not exist (check --mirror: its directory should be the bucket's copy, holding AWSLogs/)",
                dir.display()
            )
        }],
        Finding::NoProjection {
            table,
            columns,
            location,
        } => vec![format!(
            "note: table {table} is partitioned by ({}) but has no partition projection (\"projection.enabled\" = \"true\"): Athena would read only partitions added with MSCK REPAIR TABLE or ALTER TABLE ADD PARTITION, which flowlog does not keep; flowlog reads col=value/ directories under LOCATION {location} instead. Flow logs are delivered as AWSLogs/<account>/vpcflowlogs/<region>/yyyy/MM/dd/: add partition projection to the DDL (as `flowlog provision ddl` writes it), and no MSCK REPAIR TABLE or partition list is needed",
            columns.join(", ")
        )],
        Finding::MirrorTooDeep {
            url,
            dir,
            suggestion,
        } => vec![mirror_line(url, &dir.display().to_string(), suggestion)],
        _ => Vec::new(),
    }
}

/// The warning for a `--mirror` one level too deep.
pub(crate) fn mirror_line(url: &str, dir: &str, suggestion: &str) -> String {
    format!(
        "warning: --mirror {url}={dir}: the directory is inside the AWSLogs tree but the URL is not, so s3://…/AWSLogs/… would be looked up as {dir}/AWSLogs/…; write --mirror {suggestion}"
    )
}

fn literal_line(table: &str, column: &str, literal: &str, problem: &LiteralProblem) -> String {
    match problem {
        LiteralProblem::WrongFormat { format, rewritten } => format!(
            "hint: table {table}: {column} = '{literal}' matches no partition: {column} is written {format}; write {column} = '{rewritten}'"
        ),
        LiteralProblem::NotInFormat { format } => format!(
            "hint: table {table}: {column} = '{literal}' matches no partition: {column} is written {format}"
        ),
        LiteralProblem::OutsideRange { first, last } => format!(
            "hint: table {table}: {column} = '{literal}' is outside the projected range {first}..{last}; widen projection.{column}.range or set --now"
        ),
        LiteralProblem::NotProjected { some_values } => format!(
            "hint: table {table}: {column} = '{literal}' is not a projected value of {column} (projection.{column}.*: {}{})",
            some_values.join(", "),
            if some_values.len() >= 10 { ", …" } else { "" }
        ),
        _ => format!("hint: table {table}: {column} = '{literal}' matches no partition"),
    }
}

fn holds(held: &LogInventory) -> String {
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else if items.len() > 8 {
            format!("{} … ({} in all)", items[..8].join(", "), items.len())
        } else {
            items.join(", ")
        }
    };
    let day = |d: NaiveDate| d.format("%Y/%m/%d").to_string();
    let dates = match (held.first_date, held.last_date) {
        (Some(first), Some(last)) if first == last => day(first),
        (Some(first), Some(last)) => format!(
            "{}..{} ({} day{})",
            day(first),
            day(last),
            held.days,
            plural(held.days)
        ),
        _ => "none".to_string(),
    };
    format!(
        "note: the copy of {} ({}) holds accounts {}; regions {}; dates {}{}",
        held.location,
        held.roots.join(", "),
        list(&held.accounts),
        list(&held.regions),
        dates,
        if held.truncated {
            " (listing stopped early: the tree is large)"
        } else {
            ""
        }
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
