//! Command-line arguments: clap structs only, validated once into core settings.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

    /// An interactive SQL shell over the same tables (history, completion, \d, \o, …).
    #[command(after_long_help = crate::shell::SHELL_EXAMPLES)]
    Shell(ShellArgs),

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
    #[command(flatten)]
    pub(crate) sql: SqlArgs,

    #[command(flatten)]
    pub(crate) session: crate::args_session::SessionArgs,

    #[command(flatten)]
    pub(crate) output: OutputArgs,

    /// Built-in questions instead of SQL (--named, --list-named, --since, --until, --limit).
    #[command(flatten)]
    pub(crate) named: crate::args_report::NamedArgs,

    /// Run the query on the Ballista cluster whose scheduler is at df://HOST:PORT (see
    /// `flowlog cluster`): planned here, executed there, written here the same way.
    #[cfg(feature = "cluster")]
    #[arg(long = "cluster", value_name = "df://HOST:PORT")]
    pub(crate) cluster: Option<flowlog_core::cluster::ClusterUrl>,
}

/// The SQL to run: an argument, a file, or stdin.
#[derive(Debug, Clone, Args)]
pub(crate) struct SqlArgs {
    /// The SQL to run (or use -f FILE, or pipe it in: `flowlog query … < query.sql`).
    #[arg(value_name = "SQL", conflicts_with = "file")]
    pub(crate) sql: Option<String>,

    /// Read the SQL from FILE ('-' for stdin).
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
}

/// Where and how a result is written.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output")]
pub(crate) struct OutputArgs {
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

    /// The widest line the table format prints, in terminal columns: wider tables cut
    /// their widest values (ending in …) and then leave out middle columns (0: no limit;
    /// default: the terminal's width, no limit when not printing to a terminal).
    #[arg(long = "max-width", value_name = "N")]
    pub(crate) max_width: Option<usize>,

    /// Rows per Excel part (for tests; Excel's limit is the default).
    #[arg(long = "excel-rows-per-part", hide = true, default_value_t = crate::excel::EXCEL_DATA_ROWS)]
    pub(crate) excel_rows_per_part: u64,

    /// Write the result to FILE (atomically: nothing appears under FILE unless the query succeeds).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `flowlog shell`'s flags: the session's and the output's (SQL is typed at the prompt).
#[derive(Debug, Args)]
pub(crate) struct ShellArgs {
    /// SQL given by mistake: refused with a message saying why (hidden from --help).
    #[arg(value_name = "SQL", hide = true)]
    pub(crate) stray_sql: Option<String>,

    #[command(flatten)]
    pub(crate) session: crate::args_session::SessionArgs,

    #[command(flatten)]
    pub(crate) output: OutputArgs,

    /// Run the query on the Ballista cluster whose scheduler is at df://HOST:PORT (see
    /// `flowlog cluster`): planned here, executed there, written here the same way.
    #[cfg(feature = "cluster")]
    #[arg(long = "cluster", value_name = "df://HOST:PORT")]
    pub(crate) cluster: Option<flowlog_core::cluster::ClusterUrl>,
}

/// `flowlog ui`'s flags: the session's (tables, mirrors, time zone, …), the SQL that
/// fills the editor, and the server's.
#[derive(Debug, Args)]
pub(crate) struct UiArgs {
    /// The SQL given, if any, fills the editor.
    #[command(flatten)]
    pub(crate) sql: SqlArgs,

    /// The tables and session, as for `flowlog query`.
    #[command(flatten)]
    pub(crate) session: crate::args_session::SessionArgs,

    /// The port to listen on, on 127.0.0.1 (default: a free one).
    #[arg(
        long = "port",
        value_name = "N",
        default_value_t = 0,
        help_heading = "Console"
    )]
    pub(crate) port: u16,

    /// The folder of saved queries (.sql files); default
    /// $XDG_DATA_HOME/flowlog/queries (~/.local/share/flowlog/queries).
    #[arg(long = "queries-dir", value_name = "DIR", help_heading = "Console")]
    pub(crate) queries_dir: Option<PathBuf>,

    /// Print the URL but do not open a browser.
    #[arg(long = "no-open", help_heading = "Console")]
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
