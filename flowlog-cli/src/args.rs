//! Command-line arguments: clap structs only, validated once into core settings.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use flowlog_core::memory::ByteSize;
use flowlog_core::storage::Mirror;
use flowlog_core::time::TrinoZone;

use crate::settings;

/// Run Amazon Athena's SQL over AWS VPC Flow Logs — the same DDL, the same query, the
/// same answer — on a local copy of the logs, with no Athena bill and no wait.
#[derive(Debug, Parser)]
#[command(name = "flowlog", version, about, long_about = None, after_long_help = crate::shell::NO_COMMAND_HELP)]
pub(crate) struct Cli {
    /// The command; none opens the shell on a terminal, or runs the SQL piped in.
    #[command(subcommand)]
    pub(crate) command: Option<Command>,

    /// More output on stderr (-v: progress, -vv: every listed prefix).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    /// Only errors on stderr (no warnings about skipped objects).
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run SQL over flow logs, with Athena's DDL or by discovering an AWSLogs tree.
    #[command(after_long_help = QUERY_EXAMPLES)]
    Query(QueryArgs),

    /// An interactive SQL shell over the same tables (history, completion, \\d, \\o, …).
    #[command(after_long_help = crate::shell::SHELL_EXAMPLES)]
    Shell(QueryArgs),

    /// Print the man page (roff) to stdout, or write one page per command into a
    /// directory.
    #[command(after_long_help = MAN_EXAMPLES)]
    Man(ManArgs),

    /// Show the settings in effect (config file, FLOWLOG_* variables) and their sources.
    #[command(subcommand, after_long_help = CONFIG_HELP)]
    Config(ConfigCommand),

    /// Emit or check the bucket policy, flow-log settings and Athena DDL of a setup.
    #[command(subcommand)]
    Provision(crate::args_provision::ProvisionCommand),
    /// List the SQL functions (flowlog's Trino functions and DataFusion's) with their
    /// syntax, a description and an example.
    Functions(FunctionsArgs),

    /// Write one self-contained HTML report (charts, tables and their Athena SQL) of the
    /// built-in questions: traffic per hour, top talkers, rejections, exposure, per ENI.
    #[command(after_long_help = crate::args_report::REPORT_EXAMPLES)]
    Report(crate::args_report::ReportArgs),

    /// A local web console (editor, grid, chart, downloads, saved queries) on
    /// 127.0.0.1, over the same tables as query.
    #[command(after_long_help = UI_EXAMPLES)]
    Ui(UiArgs),

    /// Copy the objects of the partitions a query would read from S3 into a local
    /// directory laid out as the bucket, and print the --mirror to query it with.
    #[command(after_long_help = crate::args_sync::SYNC_EXAMPLES)]
    Sync(crate::args_sync::SyncArgs),

    /// Print a shell completion script for bash, zsh, fish or powershell.
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),

    /// Run a scheduler or an executor of an Apache DataFusion Ballista cluster, for
    /// `flowlog query --cluster df://HOST:PORT`.
    #[cfg(feature = "cluster")]
    #[command(subcommand)]
    Cluster(crate::args_cluster::ClusterCommand),
}

/// `flowlog config …`.
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Print each setting in effect and where it came from (the config file and its
    /// line, a FLOWLOG_* variable, or the default).
    Show,
}

const CONFIG_HELP: &str = "\
Defaults for flowlog query and flowlog shell come from, first one wins: the command-line
flag, a FLOWLOG_* environment variable, the config file, the built-in default.

The config file is $FLOWLOG_CONFIG, else $XDG_CONFIG_HOME/flowlog/config.toml, else
~/.config/flowlog/config.toml. Its keys (relative mirror directories are relative to the
file's folder):

  time_zone = \"Asia/Tokyo\"       # FLOWLOG_TIME_ZONE   (--time-zone)
  mirror = [\"s3://my-log-bucket=/data/my-log-bucket\"]
                                   # FLOWLOG_MIRROR, comma-separated (--mirror)
  format = \"csv\"                 # FLOWLOG_FORMAT      (--format; not with -o)
  memory_limit = \"4GiB\"          # FLOWLOG_MEMORY_LIMIT (--memory-limit)
  threads = 4                      # FLOWLOG_THREADS     (--threads)
  profile = \"log-archive\"        # FLOWLOG_PROFILE     (--profile)
  region = \"ap-northeast-1\"      # FLOWLOG_REGION      (--region)

Examples:
  flowlog config show
  FLOWLOG_TIME_ZONE=Asia/Tokyo flowlog config show";

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write flowlog.1, flowlog-query.1, flowlog-shell.1, … into DIR instead.
    #[arg(long = "dir", value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

const UI_EXAMPLES: &str = "\
Examples:
  # The console over an AWSLogs tree; open the URL it prints (with the token)
  flowlog ui --logs ./my-log-bucket

  # The runbook's DDL over a local copy, saved queries in ./queries, no browser
  flowlog ui --ddl create-table.sql \\
      --mirror s3://my-log-bucket=./my-log-bucket \\
      --queries-dir ./queries --no-open

The console listens on 127.0.0.1 only; every request needs the token of the
printed URL (the first page keeps it in a cookie). Ctrl-C stops it.";

const MAN_EXAMPLES: &str = "\
Examples:
  flowlog man > flowlog.1 && man ./flowlog.1

  # every command's page, for MANPATH
  mkdir -p ~/.local/share/man/man1
  flowlog man --dir ~/.local/share/man/man1";

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_name = "SHELL")]
    pub(crate) shell: clap_complete::Shell,
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  # bash: load now, and in every new shell
  source <(flowlog completions bash)
  flowlog completions bash > ~/.local/share/bash-completion/completions/flowlog

  # zsh: into a directory of $fpath
  flowlog completions zsh > ~/.zfunc/_flowlog

  # fish
  flowlog completions fish > ~/.config/fish/completions/flowlog.fish

  # PowerShell: add to $PROFILE
  flowlog completions powershell | Out-String | Invoke-Expression";

#[derive(Debug, Args)]
pub(crate) struct FunctionsArgs {
    /// Only functions whose name contains PATTERN (case-insensitive).
    #[arg(value_name = "PATTERN")]
    pub(crate) pattern: Option<String>,
}

const QUERY_EXAMPLES: &str = "\
Examples:
  # The runbook: Athena's DDL and query, unchanged, over a local copy
  flowlog query --ddl create-table.sql \\
      --mirror s3://my-log-bucket=./my-log-bucket \\
      --now 2026-11-20T00:00:00Z --format csv --output result.csv -f query.sql

  # No DDL: discover AWSLogs/ under a directory (table vpc_flow_logs, partitions
  # account, region, date 'yyyy/MM/dd' and hour when delivered hourly)
  flowlog query --logs ./my-log-bucket \\
      \"select action, count(*) from vpc_flow_logs
       where date = '2026/11/19' group by 1\"

  # An Excel workbook with typed cells (or -o result.parquet)
  flowlog query --logs ./my-log-bucket -o result.xlsx \\
      \"select * from vpc_flow_logs limit 100\"

  # UNLOAD as on Athena, into the directory mirroring s3://exports
  flowlog query --logs ./my-log-bucket --mirror s3://exports=./exports \\
      \"UNLOAD (SELECT srcaddr, bytes, action FROM vpc_flow_logs)
       TO 's3://exports/run1/'
       WITH (format = 'PARQUET', partitioned_by = ARRAY['action'])\"

  # A built-in question (flowlog query --list-named lists them)
  flowlog query --logs ./my-log-bucket --named top-talkers \\
      --since 2026/11/01 --limit 20

SQL files may hold several statements separated by ';' — CREATE EXTERNAL TABLE
statements register tables, the result of the last query is printed.";

#[derive(Debug, Args)]
pub(crate) struct QueryArgs {
    /// The SQL to run (or use -f FILE, or pipe it in: `flowlog query … < query.sql`).
    #[arg(value_name = "SQL", conflicts_with = "file")]
    pub(crate) sql: Option<String>,

    /// Read the SQL from FILE ('-' for stdin).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,

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

    /// Output format (default: from the --output file's extension — .csv, .tsv, .json,
    /// .jsonl, .ndjson, .parquet, .xlsx — else table). A --format that contradicts the extension is refused.
    #[arg(long = "format", value_enum)]
    pub(crate) format: Option<Format>,

    /// CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, and with --output split
    /// into numbered parts (result-1.csv, result-2.csv, …) of at most 1,048,575 rows plus
    /// the header, the most one Excel sheet holds.
    #[arg(long = "excel")]
    pub(crate) excel: bool,

    /// The most rows the table format prints: the first and last half and a count of the
    /// rest (0: all rows).
    #[arg(long = "max-rows", value_name = "N", default_value_t = 40)]
    pub(crate) max_rows: usize,

    /// Rows per Excel part (for tests; Excel's limit is the default).
    #[arg(long = "excel-rows-per-part", hide = true, default_value_t = crate::excel::EXCEL_DATA_ROWS)]
    pub(crate) excel_rows_per_part: u64,

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

    /// Show progress on stderr: prefixes listed, objects and bytes read, rows, elapsed
    /// time (auto: when stderr is a terminal; on: also to a pipe, the final line only).
    #[arg(long = "progress", value_enum, default_value_t = crate::progress::ProgressMode::Auto)]
    pub(crate) progress: crate::progress::ProgressMode,

    /// Write the result to FILE (atomically: nothing appears under FILE unless the query succeeds).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Leave out objects that cannot be read (not Parquet, truncated, corrupt footer,
    /// unreadable, incompatible column types) instead of failing; the answer comes from the
    /// rest, the skipped objects are listed on stderr at the end, and the exit status is 3.
    #[arg(long = "skip-bad-objects")]
    pub(crate) skip_bad_objects: bool,

    /// Built-in questions instead of SQL (--named, --list-named, --since, --until, --limit).
    #[command(flatten)]
    pub(crate) named: crate::args_report::NamedArgs,

    /// Run the query on the Ballista cluster whose scheduler is at df://HOST:PORT (see
    /// `flowlog cluster`): planned here, executed there, written here the same way.
    #[cfg(feature = "cluster")]
    #[arg(long = "cluster", value_name = "df://HOST:PORT")]
    pub(crate) cluster: Option<flowlog_core::cluster::ClusterUrl>,
}

/// `flowlog ui`'s flags: the query flags (tables, mirrors, time zone, …) and the
/// server's.
#[derive(Debug, Args)]
pub(crate) struct UiArgs {
    /// The tables and session, as for `flowlog query` (the SQL given, if any, fills the
    /// editor).
    #[command(flatten)]
    pub(crate) query: QueryArgs,

    /// The port to listen on, on 127.0.0.1 (default: a free one).
    #[arg(long = "port", value_name = "N", default_value_t = 0)]
    pub(crate) port: u16,

    /// The folder of saved queries (.sql files); default
    /// $XDG_DATA_HOME/flowlog/queries (~/.local/share/flowlog/queries).
    #[arg(long = "queries-dir", value_name = "DIR")]
    pub(crate) queries_dir: Option<PathBuf>,

    /// Print the URL but do not open a browser.
    #[arg(long = "no-open")]
    pub(crate) no_open: bool,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns for reading in a terminal (capped by --max-rows).
    Table,
    /// Athena's CSV result file: every value quoted, NULL as an empty field.
    Csv,
    /// Tab-separated values with a header; NULL as an empty field, and tab, newline,
    /// carriage return and backslash inside values written \t, \n, \r and \\.
    Tsv,
    /// One JSON object per row (JSON Lines, also called NDJSON).
    #[value(alias = "ndjson", alias = "jsonl")]
    Json,
    /// One Parquet file with the result's column types (needs -o FILE).
    Parquet,
    /// An Excel workbook with typed cells, one sheet per 1,048,575 rows (needs -o FILE).
    Xlsx,
}

impl Format {
    /// The name `--format` takes.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Parquet => "parquet",
            Format::Xlsx => "xlsx",
        }
    }

    /// The file extension for the format.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "jsonl",
            Format::Parquet => "parquet",
            Format::Xlsx => "xlsx",
        }
    }
}
