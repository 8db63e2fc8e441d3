//! Arguments of `flowlog provision …`: clap structs only, turned into a
//! `flowlog_core::provision::RawConfig` laid over the `--config` file.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub(crate) enum ProvisionCommand {
    /// Print the S3 bucket policy that lets every source account's flow logs be delivered.
    #[command(after_long_help = POLICY_EXAMPLES)]
    Policy(PolicyArgs),
    /// Print the Athena CREATE EXTERNAL TABLE (Parquet, partition projection) for the setup.
    #[command(after_long_help = DDL_EXAMPLES)]
    Ddl(SetupArgs),
    /// Print the matching `aws ec2 create-flow-logs` commands or a CloudFormation template.
    #[command(name = "flow-log", after_long_help = FLOW_LOG_EXAMPLES)]
    FlowLog(FlowLogArgs),
    /// Check that a bucket policy, an Athena DDL and flow-log settings agree.
    #[command(after_long_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
}

const SETUP_HELP: &str = "
The setup can be described once in a TOML file (--config) and flags override it:

  bucket   = \"central-log-bucket\"
  prefix   = \"org\"                       # optional, before AWSLogs/
  accounts = [\"111111111111\", \"222222222222\"]
  regions  = [\"ap-northeast-1\"]
  hive     = false                       # HiveCompatiblePartitions
  hourly   = false                       # PerHourPartition
  table    = \"vpc_flow_logs\"
  since    = \"NOW-7DAYS\"                   # or 2026/11/19
  ecs = false                            # add the v7 ECS fields
  reject_reason = false                  # add the v8 reject-reason field
  # instead of the standard v2-v5 set:
  # log_format = \"${version} ${srcaddr} ${dstaddr}\"
  [policy]
  deny_insecure_transport = true
  aws_config = false
  [policy.cloudtrail]
  trail = \"org-trail\"
  account = \"111111111111\"
  region = \"ap-northeast-1\"
  organization = \"o-exampleorgid\"";

const POLICY_EXAMPLES: &str = "\
Examples:
  # Two accounts deliver to one bucket
  flowlog provision policy --bucket central-log-bucket \\
      --account 111111111111 --account 222222222222 --region ap-northeast-1

  # Add the statements to the bucket's current policy, keeping its own
  aws s3api get-bucket-policy --bucket central-log-bucket \\
      --query Policy --output text > current.json
  flowlog provision policy --config setup.toml --merge current.json \\
      --output policy.json
";

const DDL_EXAMPLES: &str = "\
Examples:
  flowlog provision ddl --bucket central-log-bucket --account 111111111111 \\
      --account 222222222222 --region ap-northeast-1 --table vpc_flow_logs \\
      --since NOW-7DAYS

  # Hourly, Hive-compatible delivery, from a description file
  flowlog provision ddl --config setup.toml --hourly --hive \\
      --output create-table.sql
  flowlog query --ddl create-table.sql --mirror s3://central-log-bucket=./copy \\
      \"select count(*) from vpc_flow_logs\"

Partition columns: account, date ('yyyy/MM/dd'; Hive layout: 'year=yyyy/month=MM/day=dd'),
region when several regions are given, hour ('00'-'23') when hourly.
";

const FLOW_LOG_EXAMPLES: &str = "\
Examples:
  VPC_ID=vpc-0abc flowlog provision flow-log --config setup.toml | sh
  flowlog provision flow-log --config setup.toml --format cloudformation \\
      --output flow-log.json
";

const CHECK_EXAMPLES: &str = "\
Examples:
  flowlog provision check --policy policy.json --ddl create-table.sql \\
      --flow-log flow-log.json
  flowlog provision check --config setup.toml --policy policy.json \\
      --ddl create-table.sql

Each finding names the offending element (statement and Sid, column, table property,
flow-log option). Exit status 2 when an error is found, 0 when there are only warnings.
";

/// The setup, as flags laid over an optional TOML description.
#[derive(Debug, Args)]
#[command(after_help = SETUP_HELP)]
pub(crate) struct SetupArgs {
    /// A TOML description of the setup (flags override it).
    #[arg(long = "config", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// The S3 bucket the flow logs are delivered to.
    #[arg(long = "bucket", value_name = "BUCKET")]
    pub(crate) bucket: Option<String>,
    /// The key prefix before AWSLogs/ (optional).
    #[arg(long = "prefix", value_name = "PREFIX")]
    pub(crate) prefix: Option<String>,
    /// A source account, 12 digits (repeatable).
    #[arg(long = "account", value_name = "ACCOUNT")]
    pub(crate) accounts: Vec<String>,
    /// A region the flow logs are created in (repeatable).
    #[arg(long = "region", value_name = "REGION")]
    pub(crate) regions: Vec<String>,
    /// Hive-compatible key layout (HiveCompatiblePartitions).
    #[arg(long = "hive")]
    pub(crate) hive: bool,
    /// Hourly partitions (PerHourPartition).
    #[arg(long = "hourly")]
    pub(crate) hourly: bool,
    /// The Athena table name (default vpc_flow_logs).
    #[arg(long = "table", value_name = "NAME")]
    pub(crate) table: Option<String>,
    /// First day of the projected date range: yyyy/MM/dd or NOW-<n>DAYS (default NOW-1DAYS).
    #[arg(long = "since", value_name = "START")]
    pub(crate) since: Option<String>,
    /// A custom log format, e.g. '${version} ${srcaddr} ${dstaddr}'.
    #[arg(long = "log-format", value_name = "FORMAT")]
    pub(crate) log_format: Option<String>,
    /// Add the v7 ECS fields to the standard field set.
    #[arg(long = "ecs")]
    pub(crate) ecs: bool,
    /// Add the v8 reject-reason field to the standard field set.
    #[arg(long = "reject-reason")]
    pub(crate) reject_reason: bool,
    /// MaxAggregationInterval in seconds: 60 or 600.
    #[arg(long = "max-aggregation-interval", value_name = "SECONDS")]
    pub(crate) max_aggregation_interval: Option<u16>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    #[command(flatten)]
    pub(crate) setup: SetupArgs,
    /// Leave out the statement denying requests not made over TLS.
    #[arg(long = "no-tls-deny")]
    pub(crate) no_tls_deny: bool,
    /// Add AWS Config's statements for every source account.
    #[arg(long = "aws-config")]
    pub(crate) aws_config: bool,
    /// Add CloudTrail's statements for this trail (with --trail-account, --trail-region).
    #[arg(long = "trail", value_name = "NAME", requires_all = ["trail_account", "trail_region"])]
    pub(crate) trail: Option<String>,
    /// The account that owns the trail (the management account of an organization trail).
    #[arg(long = "trail-account", value_name = "ACCOUNT", requires = "trail")]
    pub(crate) trail_account: Option<String>,
    /// The trail's home region.
    #[arg(long = "trail-region", value_name = "REGION", requires = "trail")]
    pub(crate) trail_region: Option<String>,
    /// The organization id (o-…) of an organization trail.
    #[arg(long = "organization", value_name = "ID", requires = "trail")]
    pub(crate) organization: Option<String>,
    /// Add the statements to this existing policy (JSON), keeping all of its own.
    #[arg(long = "merge", value_name = "FILE")]
    pub(crate) merge: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct FlowLogArgs {
    #[command(flatten)]
    pub(crate) setup: SetupArgs,
    /// What to print.
    #[arg(long = "format", value_enum, default_value_t = FlowLogFormat::Cli)]
    pub(crate) format: FlowLogFormat,
}

/// The form of the flow-log settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FlowLogFormat {
    /// `aws ec2 create-flow-logs` commands, one per region (a shell script).
    Cli,
    /// A CloudFormation template with an AWS::EC2::FlowLog resource (JSON).
    Cloudformation,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The bucket policy (JSON).
    #[arg(long = "policy", value_name = "FILE")]
    pub(crate) policy: Option<PathBuf>,
    /// The Athena CREATE EXTERNAL TABLE.
    #[arg(long = "ddl", value_name = "FILE")]
    pub(crate) ddl: Option<PathBuf>,
    /// Flow-log settings: a CloudFormation template or `aws ec2 create-flow-logs` commands.
    #[arg(long = "flow-log", value_name = "FILE")]
    pub(crate) flow_log: Option<PathBuf>,
    /// The intended setup (TOML); without it the files are checked against each other.
    #[arg(long = "config", value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}
