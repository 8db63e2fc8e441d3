//! Arguments of the built-in questions (`flowlog query --named …`) and `flowlog report`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use flowlog_core::questions::{DEFAULT_LIMIT, Lang};

use crate::args_session::SessionArgs;

/// `--named`, `--list-named` and their parameters, part of `flowlog query`.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Built-in questions")]
pub(crate) struct NamedArgs {
    /// Run a built-in flow-log question instead of SQL: its Athena SQL is written for the
    /// table, the period, the time zone and the limit given (see --list-named).
    #[arg(long = "named", value_name = "NAME", conflicts_with_all = ["sql", "file"])]
    pub(crate) named: Option<String>,

    /// List the built-in questions, then exit.
    #[arg(long = "list-named")]
    pub(crate) list_named: bool,

    #[command(flatten)]
    pub(crate) period: PeriodArgs,
}

/// The period and row limit of the built-in questions (`query --named`, `report`).
#[derive(Debug, Clone, Args)]
pub(crate) struct PeriodArgs {
    /// The first UTC day (the day of the logs' S3 prefix) a question reads, yyyy/MM/dd or
    /// yyyy-MM-dd.
    #[arg(long = "since", value_name = "DAY", value_parser = crate::settings::day)]
    pub(crate) since: Option<NaiveDate>,

    /// The last UTC day a question reads (included).
    #[arg(long = "until", value_name = "DAY", value_parser = crate::settings::day)]
    pub(crate) until: Option<NaiveDate>,

    /// The most rows a top-N question lists [default: 20].
    #[arg(long = "limit", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub(crate) limit: Option<u32>,
}

impl NamedArgs {
    /// The flag of this group given without `--named` (they mean nothing to plain SQL).
    pub(crate) fn stray_flag(&self) -> Option<&'static str> {
        if self.named.is_some() {
            return None;
        }
        [
            (self.period.since.is_some(), "--since"),
            (self.period.until.is_some(), "--until"),
            (self.period.limit.is_some(), "--limit"),
        ]
        .into_iter()
        .find_map(|(given, flag)| given.then_some(flag))
    }
}

impl PeriodArgs {
    /// `--limit`, or the questions' default.
    pub(crate) fn limit(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }
}

/// `flowlog report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// The tables and session, as for `flowlog query`.
    #[command(flatten)]
    pub(crate) session: SessionArgs,

    /// The period and the rows per top-N question.
    #[command(flatten, next_help_heading = "Report")]
    pub(crate) period: PeriodArgs,

    /// The HTML file to write (atomically: a run that fails leaves no file).
    #[arg(short = 'o', long = "output", value_name = "FILE.html")]
    pub(crate) output: Option<PathBuf>,

    /// SQL given by mistake: refused with a message saying why (hidden from --help).
    #[arg(value_name = "SQL", hide = true)]
    pub(crate) stray_sql: Option<String>,

    /// The language of the report's text (default: Japanese when LANG starts with ja).
    #[arg(long = "lang", value_enum, value_name = "LANG")]
    pub(crate) lang: Option<ReportLang>,

    /// The report's title.
    #[arg(long = "title", value_name = "TEXT")]
    pub(crate) title: Option<String>,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportLang {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl From<ReportLang> for Lang {
    fn from(l: ReportLang) -> Self {
        match l {
            ReportLang::En => Lang::En,
            ReportLang::Ja => Lang::Ja,
        }
    }
}

/// The examples under `flowlog report --help`.
pub(crate) const REPORT_EXAMPLES: &str = "\
Examples:
  # Every built-in question over a downloaded copy, hours in JST
  flowlog report --logs ./my-log-bucket --time-zone Asia/Tokyo \\
      -o report.html

  # The runbook's table, two days, in Japanese
  flowlog report --ddl create-table.sql \\
      --mirror s3://my-log-bucket=./my-log-bucket \\
      --since 2026/11/19 --until 2026/11/20 --lang ja -o report.html

The file is one HTML page with nothing to fetch: it opens offline and prints to PDF.
Each section shows a chart, the rows as Athena's CSV writes them, and the Athena SQL
that produced them (flowlog query --list-named lists the questions).";
