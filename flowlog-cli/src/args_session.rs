//! The flags that set up the session every SQL-running command shares (`query`,
//! `shell`, `ui`, `report`): which tables, where their objects are, what NOW and the
//! time zone are, and the engine's limits.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Args;
use flowlog_core::memory::ByteSize;
use flowlog_core::storage::Mirror;
use flowlog_core::time::TrinoZone;

use crate::settings;

/// Tables, data, session and engine flags.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Tables and data")]
pub(crate) struct SessionArgs {
    /// An Athena CREATE EXTERNAL TABLE file to register first (repeatable).
    #[arg(long = "ddl", value_name = "FILE")]
    pub(crate) ddl: Vec<PathBuf>,

    /// Read s3://BUCKET[/PREFIX] from a local directory instead (repeatable), e.g.
    /// s3://my-log-bucket=./my-log-bucket.
    #[arg(long = "mirror", value_name = "S3URL=DIR", value_parser = settings::mirror)]
    pub(crate) mirror: Vec<Mirror>,

    /// Register the AWSLogs tree under DIR or s3://BUCKET[/PREFIX] as a table, with no DDL.
    #[arg(long = "logs", value_name = "DIR|S3URL")]
    pub(crate) logs: Option<String>,

    /// The table name for --logs.
    #[arg(long = "table", value_name = "NAME", default_value = "vpc_flow_logs")]
    pub(crate) table: String,

    /// With --logs on a folder holding several AWSLogs trees (say two copies of a
    /// download), read them all as one table instead of refusing.
    #[arg(long = "allow-multiple-roots", requires = "logs")]
    pub(crate) allow_multiple_roots: bool,

    /// Parquet tables of --ddl also read text flow logs (.log.gz) found under their
    /// partitions, matching fields to columns by each file's header: one table over a
    /// bucket whose delivery format changed. (--logs tables always read both formats;
    /// a text DDL, ROW FORMAT DELIMITED, reads text only.)
    #[arg(long = "accept-text")]
    pub(crate) accept_text: bool,

    /// With --logs: the table's columns are the fields of this flow-log format (the
    /// LogFormat of the flow log's settings), instead of the runbook's 28, e.g.
    /// '${version} ${account-id} ${srcaddr} ${dstaddr} ${action} ${reject-reason}'.
    /// Fields are typed as AWS's Parquet files type them; region is the partition column.
    #[arg(long = "log-format", value_name = "FORMAT", requires = "logs", value_parser = settings::log_format)]
    pub(crate) log_format: Option<flowlog_core::provision::fields::LogFormat>,

    /// What NOW means in partition projection, and what current_date / current_timestamp /
    /// now() answer (RFC 3339, or a date for its midnight UTC); pin it to make results
    /// reproducible. Default: the current time.
    #[arg(long = "now", value_name = "TIMESTAMP", value_parser = settings::now)]
    pub(crate) now: Option<DateTime<Utc>>,

    /// The session time zone (default UTC, as on Athena), e.g. Asia/Tokyo or +09:00: the zone
    /// of from_unixtime(x), current_timestamp and current_date. SQL can change it with
    /// SET TIME ZONE 'Asia/Tokyo'.
    #[arg(long = "time-zone", value_name = "ZONE", value_parser = settings::time_zone)]
    pub(crate) time_zone: Option<TrinoZone>,

    #[command(flatten)]
    pub(crate) s3: crate::args_s3::S3Args,

    #[command(flatten)]
    pub(crate) engine: EngineArgs,
}

/// How the engine runs: memory, parallelism, spilling, bad objects, progress.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Engine")]
pub(crate) struct EngineArgs {
    /// The most memory the query may use, e.g. 2GiB or 512MiB; beyond it sorts and grouping
    /// spill to disk (default: three quarters of the machine's memory).
    #[arg(long = "memory-limit", value_name = "SIZE")]
    pub(crate) memory_limit: Option<ByteSize>,

    /// How many parts a query is split into to run in parallel (default: the number of
    /// CPUs). The result's bytes are the same whatever the number.
    #[arg(long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) threads: Option<u16>,

    /// Where to put the files of a query that spills to disk (default: the system's temporary
    /// directory).
    #[arg(long = "temp-dir", value_name = "DIR")]
    pub(crate) temp_dir: Option<PathBuf>,

    /// Leave out objects that cannot be read (not Parquet, truncated, corrupt footer,
    /// unreadable, incompatible column types) instead of failing; the answer comes from the
    /// rest, the skipped objects are listed on stderr at the end, and the exit status is 3.
    #[arg(long = "skip-bad-objects")]
    pub(crate) skip_bad_objects: bool,

    /// Show progress on stderr: prefixes listed, objects and bytes read, rows, elapsed
    /// time (auto: when stderr is a terminal; on: also to a pipe, the final line only).
    #[arg(long = "progress", value_enum, default_value_t = crate::progress::ProgressMode::Auto)]
    pub(crate) progress: crate::progress::ProgressMode,
}

impl SessionArgs {
    /// The local directories that hold logs: the mirrors' and a local `--logs` (never
    /// written into).
    pub(crate) fn log_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self.mirror.iter().map(|m| m.dir().to_path_buf()).collect();
        if let Some(logs) = self.logs.as_ref().filter(|l| !l.contains("://")) {
            dirs.push(PathBuf::from(logs));
        }
        dirs
    }
}
