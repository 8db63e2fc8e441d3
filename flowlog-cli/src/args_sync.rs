//! `flowlog sync` arguments (clap only).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;

use crate::settings;

/// `flowlog sync [--ddl F | --logs s3://…] [--now T] [--since D] [--until D] DIR`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("tables").required(true).args(["ddl", "logs"])))]
pub(crate) struct SyncArgs {
    /// The directory to copy into: each bucket goes to DIR/<bucket>/, laid out as the
    /// bucket (created if missing).
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,

    /// An Athena CREATE EXTERNAL TABLE file (repeatable): copy the objects of the
    /// partitions its projection selects.
    #[arg(long = "ddl", value_name = "FILE")]
    pub(crate) ddl: Vec<PathBuf>,

    /// Copy the AWSLogs tree under s3://BUCKET[/PREFIX] (discovered as `flowlog query
    /// --logs` does).
    #[arg(long = "logs", value_name = "S3URL")]
    pub(crate) logs: Option<String>,

    /// With --logs on a prefix holding several AWSLogs trees, copy them all.
    #[arg(long = "allow-multiple-roots", requires = "logs")]
    pub(crate) allow_multiple_roots: bool,

    /// What NOW means in partition projection (RFC 3339, or a date for its midnight
    /// UTC), as for flowlog query. Default: the current time.
    #[arg(long = "now", value_name = "TIMESTAMP", value_parser = settings::now)]
    pub(crate) now: Option<DateTime<Utc>>,

    /// Only partitions dated on or after this day (YYYY-MM-DD).
    #[arg(long = "since", value_name = "DATE", value_parser = settings::day)]
    pub(crate) since: Option<NaiveDate>,

    /// Only partitions dated on or before this day (YYYY-MM-DD).
    #[arg(long = "until", value_name = "DATE", value_parser = settings::day)]
    pub(crate) until: Option<NaiveDate>,

    /// How many objects are downloaded at once.
    #[arg(long = "jobs", short = 'j', value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) jobs: u16,

    /// Show progress on stderr: objects and bytes done of the total (auto: when stderr
    /// is a terminal; on: also to a pipe, the final line only).
    #[arg(long = "progress", value_enum, default_value_t = crate::progress::ProgressMode::Auto)]
    pub(crate) progress: crate::progress::ProgressMode,

    #[command(flatten)]
    pub(crate) s3: crate::args_s3::S3Args,
}

/// `flowlog sync --help` examples.
pub(crate) const SYNC_EXAMPLES: &str = "\
Examples:
  # The runbook's partitions (projection NOW-1DAYS,NOW) as of 2026-11-20
  flowlog sync --ddl create-table.sql --now 2026-11-20 ./mirror
  # …then query the copy with the --mirror it prints
  flowlog query --ddl create-table.sql --now 2026-11-20 \\
      --mirror s3://my-log-bucket=./mirror/my-log-bucket -f query.sql

  # A whole AWSLogs tree, one week of it
  flowlog sync --logs s3://my-log-bucket \\
      --since 2026-11-13 --until 2026-11-19 ./mirror

Run it again to resume: objects already copied (same size and ETag) are skipped.";
