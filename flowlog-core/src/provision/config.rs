//! The one description of a flow-log setup that every provisioning output is a function of,
//! read from TOML (and command-line flags laid over it) and validated once.
//!
//! ```text
//! bucket   = "central-log-bucket"          # S3 bucket naming rules
//! prefix   = "exports/vpc"                 # optional; never "AWSLogs"
//! accounts = ["111111111111", "222222222222"]
//! regions  = ["ap-northeast-1"]
//! hive     = false                         # HiveCompatiblePartitions
//! hourly   = false                         # PerHourPartition
//! table    = "vpc_flow_logs"
//! since    = "NOW-7DAYS"                   # or "2026/11/19"
//! # log_format = "${version} ${srcaddr} …" # or the standard set, optionally with:
//! ecs = false                              # v7 ECS fields
//! reject_reason = false                    # v8 reject-reason
//! max_aggregation_interval = 600           # 60 or 600 seconds
//!
//! [policy]
//! deny_insecure_transport = true
//! aws_config = false
//! [policy.cloudtrail]                      # optional
//! trail = "org-trail"
//! account = "111111111111"                 # the trail's owner (management account)
//! region = "ap-northeast-1"
//! organization = "o-exampleorgid"          # optional: an organization trail
//! ```
//!
//! ```
//! use flowlog_core::provision::RawConfig;
//! let raw = RawConfig::from_toml(
//!     "bucket = \"my-logs\"\naccounts = [\"111111111111\"]\nregions = [\"ap-northeast-1\"]",
//! ).unwrap();
//! let config = raw.validate().unwrap();
//! assert_eq!(config.table, "vpc_flow_logs");
//! assert_eq!(config.since.to_string(), "NOW-1DAYS");
//! let err = RawConfig::from_toml("bucket = \"My_Logs\"").unwrap().validate().unwrap_err();
//! assert!(err.to_string().starts_with("bucket \"My_Logs\" is not valid"));
//! ```

use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;

use super::error::ProvisionError;
use super::fields::LogFormat;
use crate::layout::{Granularity, Layout, Naming};

/// The default table name.
pub const DEFAULT_TABLE: &str = "vpc_flow_logs";

/// AWS Region codes known to flowlog (commercial, GovCloud and China).
pub const KNOWN_REGIONS: [&str; 38] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
    "us-gov-east-1",
    "us-gov-west-1",
    "cn-north-1",
    "cn-northwest-1",
];

/// Whether `region` is a known AWS Region code.
///
/// ```
/// assert!(flowlog_core::provision::config::is_known_region("ap-northeast-1"));
/// assert!(!flowlog_core::provision::config::is_known_region("ap-tokyo-1"));
/// ```
pub fn is_known_region(region: &str) -> bool {
    KNOWN_REGIONS.contains(&region)
}

/// The ARN partition of a region: `aws`, `aws-cn` or `aws-us-gov`.
///
/// ```
/// assert_eq!(flowlog_core::provision::config::partition("cn-north-1"), "aws-cn");
/// ```
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// Where the projected date range starts (it always ends at `NOW`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    /// An absolute first day.
    Date(NaiveDate),
    /// Relative to the query time, as Athena writes it: `NOW-7DAYS`.
    Relative {
        /// How many units back.
        amount: u32,
        /// `YEARS`, `MONTHS`, `WEEKS`, `DAYS` or `HOURS`.
        unit: &'static str,
    },
}

impl Since {
    /// Parses `yyyy/MM/dd`, `yyyy-MM-dd`, `NOW` or `NOW-<n><UNIT>` (units `YEARS`, `MONTHS`,
    /// `WEEKS`, `DAYS`, `HOURS`, singular or plural, any case).
    ///
    /// ```
    /// use flowlog_core::provision::config::Since;
    /// assert_eq!(Since::parse("now-3days").unwrap().to_string(), "NOW-3DAYS");
    /// assert_eq!(Since::parse("2026-11-19").unwrap().to_string(), "2026/11/19");
    /// assert!(Since::parse("yesterday").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, ProvisionError> {
        let err = |reason: &str| ProvisionError::InvalidSince {
            value: text.to_string(),
            reason: reason.to_string(),
        };
        let t = text.trim();
        let upper = t.to_ascii_uppercase();
        if upper == "NOW" {
            return Ok(Since::Relative {
                amount: 0,
                unit: "DAYS",
            });
        }
        if let Some(rest) = upper.strip_prefix("NOW-") {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let unit_text = &rest[digits.len()..];
            let amount: u32 = digits
                .parse()
                .map_err(|_| err("write NOW-<number><UNIT>, e.g. NOW-7DAYS"))?;
            let unit = ["YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS"]
                .into_iter()
                .find(|u| *u == unit_text || u.strip_suffix('S') == Some(unit_text))
                .ok_or_else(|| err("the unit must be YEARS, MONTHS, WEEKS, DAYS or HOURS"))?;
            return Ok(Since::Relative { amount, unit });
        }
        for format in ["%Y/%m/%d", "%Y-%m-%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(t, format) {
                return Ok(Since::Date(d));
            }
        }
        Err(err(
            "write a first day as yyyy/MM/dd (e.g. 2026/11/19) or a relative start such as NOW-7DAYS",
        ))
    }
}

impl fmt::Display for Since {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Since::Date(d) => write!(f, "{}", d.format("%Y/%m/%d")),
            Since::Relative { amount: 0, .. } => f.write_str("NOW"),
            Since::Relative { amount, unit } => write!(f, "NOW-{amount}{unit}"),
        }
    }
}

/// A CloudTrail trail that delivers to the same bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudTrail {
    /// The trail name.
    pub trail: String,
    /// The account that owns the trail (the management account for an organization trail).
    pub account: String,
    /// The trail's home region.
    pub region: String,
    /// The organization id (`o-…`) of an organization trail.
    pub organization: Option<String>,
}

/// Optional statements of the bucket policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyOptions {
    /// Deny every request not made over TLS (`aws:SecureTransport = false`). On by default.
    pub deny_insecure_transport: bool,
    /// Let AWS Config deliver for every source account.
    pub aws_config: bool,
    /// Let a CloudTrail trail deliver.
    pub cloudtrail: Option<CloudTrail>,
}

/// A validated description of a flow-log setup.
///
/// Invariants: `bucket` follows S3's naming rules; `prefix` has no leading or trailing `/`
/// and no `AWSLogs` segment (empty for none); `accounts` are distinct 12-digit ids and
/// `regions` distinct known Region codes of one ARN partition, both non-empty; `table`
/// follows Athena's naming rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionConfig {
    /// The S3 bucket the flow logs are delivered to.
    pub bucket: String,
    /// The key prefix before `AWSLogs/`, without slashes at either end ("" for none).
    pub prefix: String,
    /// The source accounts (owners of the flow logs).
    pub accounts: Vec<String>,
    /// The regions the flow logs are created in.
    pub regions: Vec<String>,
    /// How keys are laid out.
    pub layout: Layout,
    /// The delivered fields.
    pub log_format: LogFormat,
    /// The Athena table name.
    pub table: String,
    /// Where the projected date range starts.
    pub since: Since,
    /// `MaxAggregationInterval` in seconds (60 or 600).
    pub max_aggregation_interval: u16,
    /// Optional bucket-policy statements.
    pub policy: PolicyOptions,
}

impl ProvisionConfig {
    /// `s3://bucket/prefix/` or `s3://bucket/` — where the flow logs are delivered.
    pub fn destination_url(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key_prefix())
    }

    /// The prefix with a trailing `/`, or "" when there is none.
    pub fn key_prefix(&self) -> String {
        if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        }
    }

    /// The ARN partition of the configured regions.
    pub fn partition(&self) -> &'static str {
        partition(&self.regions[0])
    }
}

/// The description as written in TOML or given as flags, before validation. Every field is
/// optional so that flags can be laid over a file with [`RawConfig::overlay`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawConfig {
    pub bucket: Option<String>,
    pub prefix: Option<String>,
    pub accounts: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    pub hive: Option<bool>,
    pub hourly: Option<bool>,
    pub table: Option<String>,
    pub since: Option<String>,
    pub log_format: Option<String>,
    pub ecs: Option<bool>,
    pub reject_reason: Option<bool>,
    pub max_aggregation_interval: Option<u16>,
    pub policy: Option<RawPolicy>,
}

/// The `[policy]` table of [`RawConfig`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawPolicy {
    pub deny_insecure_transport: Option<bool>,
    pub aws_config: Option<bool>,
    pub cloudtrail: Option<RawCloudTrail>,
}

/// The `[policy.cloudtrail]` table of [`RawConfig`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawCloudTrail {
    pub trail: String,
    pub account: String,
    pub region: String,
    pub organization: Option<String>,
}

impl RawConfig {
    /// Reads a TOML description.
    ///
    /// # Errors
    ///
    /// [`ProvisionError::Config`] with TOML's message (which names the key, line and column),
    /// e.g. for an unknown key.
    pub fn from_toml(text: &str) -> Result<Self, ProvisionError> {
        toml::from_str(text).map_err(|e| ProvisionError::Config {
            key: "TOML description".into(),
            reason: e
                .to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        })
    }

    /// `self` with every setting that `over` gives replaced by `over`'s.
    pub fn overlay(self, over: RawConfig) -> RawConfig {
        let policy = match (self.policy, over.policy) {
            (Some(a), Some(b)) => Some(RawPolicy {
                deny_insecure_transport: b.deny_insecure_transport.or(a.deny_insecure_transport),
                aws_config: b.aws_config.or(a.aws_config),
                cloudtrail: b.cloudtrail.or(a.cloudtrail),
            }),
            (a, b) => b.or(a),
        };
        RawConfig {
            bucket: over.bucket.or(self.bucket),
            prefix: over.prefix.or(self.prefix),
            accounts: over.accounts.or(self.accounts),
            regions: over.regions.or(self.regions),
            hive: over.hive.or(self.hive),
            hourly: over.hourly.or(self.hourly),
            table: over.table.or(self.table),
            since: over.since.or(self.since),
            log_format: over.log_format.or(self.log_format),
            ecs: over.ecs.or(self.ecs),
            reject_reason: over.reject_reason.or(self.reject_reason),
            max_aggregation_interval: over
                .max_aggregation_interval
                .or(self.max_aggregation_interval),
            policy,
        }
    }

    /// Validates the description.
    ///
    /// # Errors
    ///
    /// The first [`ProvisionError`] found, naming the offending element: a missing bucket,
    /// account or region; a bucket, prefix, account, region, table name, date start or log
    /// format that breaks its rules; `log_format` together with `ecs`/`reject_reason`.
    pub fn validate(self) -> Result<ProvisionConfig, ProvisionError> {
        let missing = |key: &str, what: &str| ProvisionError::Config {
            key: key.into(),
            reason: format!("missing: give {what}"),
        };
        let bucket = self
            .bucket
            .ok_or_else(|| missing("bucket", "the S3 bucket the logs are delivered to"))?;
        validate_bucket(&bucket)?;
        let prefix = validate_prefix(self.prefix.as_deref().unwrap_or(""))?;
        let accounts = self
            .accounts
            .filter(|a| !a.is_empty())
            .ok_or_else(|| missing("accounts", "at least one 12-digit source account"))?;
        for (i, a) in accounts.iter().enumerate() {
            validate_account(a)?;
            if accounts[..i].contains(a) {
                return Err(ProvisionError::InvalidAccount {
                    account: a.clone(),
                    reason: "is given twice".into(),
                });
            }
        }
        let regions = self
            .regions
            .filter(|r| !r.is_empty())
            .ok_or_else(|| missing("regions", "at least one AWS Region code, e.g. us-east-1"))?;
        for (i, r) in regions.iter().enumerate() {
            validate_region(r)?;
            if regions[..i].contains(r) {
                return Err(ProvisionError::InvalidRegion {
                    region: r.clone(),
                    reason: "is given twice".into(),
                });
            }
            if partition(r) != partition(&regions[0]) {
                return Err(ProvisionError::InvalidRegion {
                    region: r.clone(),
                    reason: format!(
                        "is in ARN partition {}, {} in {}; one bucket serves one partition",
                        partition(r),
                        regions[0],
                        partition(&regions[0])
                    ),
                });
            }
        }
        let table = self.table.unwrap_or_else(|| DEFAULT_TABLE.to_string());
        validate_table_name(&table)?;
        let since = Since::parse(self.since.as_deref().unwrap_or("NOW-1DAYS"))?;
        let log_format = match self.log_format {
            Some(text) => {
                if self.ecs.is_some() || self.reject_reason.is_some() {
                    return Err(ProvisionError::Config {
                        key: "log_format".into(),
                        reason:
                            "a custom log format lists its fields itself; drop ecs / reject_reason"
                                .into(),
                    });
                }
                LogFormat::parse(&text)?
            }
            None => LogFormat::standard(
                self.ecs.unwrap_or(false),
                self.reject_reason.unwrap_or(false),
            ),
        };
        let max_aggregation_interval = self.max_aggregation_interval.unwrap_or(600);
        if ![60, 600].contains(&max_aggregation_interval) {
            return Err(ProvisionError::Config {
                key: "max_aggregation_interval".into(),
                reason: format!(
                    "{max_aggregation_interval} is not allowed: AWS accepts 60 or 600 (seconds)"
                ),
            });
        }
        let raw_policy = self.policy.unwrap_or_default();
        let cloudtrail = match raw_policy.cloudtrail {
            None => None,
            Some(c) => {
                validate_account(&c.account)?;
                validate_region(&c.region)?;
                if c.trail.is_empty()
                    || !c
                        .trail
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || "._-".contains(ch))
                {
                    return Err(ProvisionError::Config {
                        key: "policy.cloudtrail.trail".into(),
                        reason: format!(
                            "\"{}\" is not a trail name: use letters, digits, '.', '_' and '-'",
                            c.trail
                        ),
                    });
                }
                if let Some(o) = &c.organization {
                    let body = o.strip_prefix("o-").unwrap_or("");
                    if !(10..=32).contains(&body.len())
                        || !body
                            .chars()
                            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
                    {
                        return Err(ProvisionError::Config {
                            key: "policy.cloudtrail.organization".into(),
                            reason: format!(
                                "\"{o}\" is not an organization id: \"o-\" followed by 10 to 32 lowercase letters or digits"
                            ),
                        });
                    }
                }
                Some(CloudTrail {
                    trail: c.trail,
                    account: c.account,
                    region: c.region,
                    organization: c.organization,
                })
            }
        };
        let naming = if self.hive.unwrap_or(false) {
            Naming::Hive
        } else {
            Naming::Default
        };
        let granularity = if self.hourly.unwrap_or(false) {
            Granularity::Hourly
        } else {
            Granularity::Daily
        };
        Ok(ProvisionConfig {
            bucket,
            prefix,
            accounts,
            regions,
            layout: Layout::new(naming, granularity),
            log_format,
            table,
            since,
            max_aggregation_interval,
            policy: PolicyOptions {
                deny_insecure_transport: raw_policy.deny_insecure_transport.unwrap_or(true),
                aws_config: raw_policy.aws_config.unwrap_or(false),
                cloudtrail,
            },
        })
    }
}

/// Checks a 12-digit AWS account id.
///
/// ```
/// use flowlog_core::provision::config::validate_account;
/// assert!(validate_account("111111111111").is_ok());
/// assert!(validate_account("aws_accountNo").is_err());
/// ```
pub fn validate_account(account: &str) -> Result<(), ProvisionError> {
    if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    Err(ProvisionError::InvalidAccount {
        account: account.to_string(),
        reason: "an AWS account id is exactly 12 digits, e.g. 111111111111".into(),
    })
}

/// Checks a region code against [`KNOWN_REGIONS`].
pub fn validate_region(region: &str) -> Result<(), ProvisionError> {
    if is_known_region(region) {
        return Ok(());
    }
    let reason = if region.chars().any(|c| c.is_ascii_uppercase()) {
        format!(
            "Region codes are lowercase, e.g. {}",
            region.to_ascii_lowercase()
        )
    } else {
        "not a known AWS Region code (e.g. us-east-1, ap-northeast-1, eu-west-1)".into()
    };
    Err(ProvisionError::InvalidRegion {
        region: region.to_string(),
        reason,
    })
}

/// Checks S3's rules for general purpose bucket names.
///
/// ```
/// use flowlog_core::provision::config::validate_bucket;
/// assert!(validate_bucket("central-log-bucket").is_ok());
/// assert!(validate_bucket("your_bucket_name").is_err());
/// assert!(validate_bucket("192.168.5.4").is_err());
/// ```
pub fn validate_bucket(bucket: &str) -> Result<(), ProvisionError> {
    let err = |reason: &str| ProvisionError::InvalidBucket {
        bucket: bucket.to_string(),
        reason: reason.to_string(),
    };
    if bucket.starts_with("arn:") || bucket.starts_with("s3://") || bucket.contains('/') {
        return Err(err(
            "give the bucket name only (no s3://, ARN or key prefix; use --prefix for a prefix)",
        ));
    }
    if !(3..=63).contains(&bucket.len()) {
        return Err(err("bucket names are 3 to 63 characters long"));
    }
    if let Some(c) = bucket
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        return Err(err(&format!(
            "'{c}' is not allowed: bucket names contain only lowercase letters, digits, '.' and '-'"
        )));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !alnum(bucket.chars().next()) || !alnum(bucket.chars().last()) {
        return Err(err("bucket names begin and end with a letter or digit"));
    }
    if bucket.contains("..") {
        return Err(err("bucket names must not contain two adjacent periods"));
    }
    let parts: Vec<&str> = bucket.split('.').collect();
    if parts.len() == 4 && parts.iter().all(|p| p.parse::<u8>().is_ok()) {
        return Err(err("bucket names must not look like an IP address"));
    }
    for p in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if bucket.starts_with(p) {
            return Err(err(&format!("bucket names must not start with \"{p}\"")));
        }
    }
    for s in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        if bucket.ends_with(s) {
            return Err(err(&format!("bucket names must not end with \"{s}\"")));
        }
    }
    Ok(())
}

/// Normalises and checks a key prefix: slashes at either end are dropped.
pub fn validate_prefix(prefix: &str) -> Result<String, ProvisionError> {
    let trimmed = prefix.trim_matches('/');
    let err = |reason: &str| ProvisionError::InvalidPrefix {
        prefix: prefix.to_string(),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    for segment in trimmed.split('/') {
        if segment.is_empty() {
            return Err(err("has an empty segment (\"//\")"));
        }
        if segment == "AWSLogs" {
            return Err(err(
                "AWSLogs is reserved: AWS adds it after the prefix; give the part before it",
            ));
        }
    }
    if let Some(c) = trimmed
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "{}$*?\\\"'".contains(*c))
    {
        return Err(err(&format!("'{c}' is not allowed in a flow-log prefix")));
    }
    Ok(trimmed.to_string())
}

/// Checks Athena's rule for table names: lowercase letters, digits and `_`, at most 255,
/// not starting with `_`.
///
/// ```
/// use flowlog_core::provision::config::validate_table_name;
/// assert!(validate_table_name("vpc_flow_logs").is_ok());
/// assert!(validate_table_name("vpc_flow_logs_組織名").is_err());
/// ```
pub fn validate_table_name(name: &str) -> Result<(), ProvisionError> {
    let err = |reason: String| ProvisionError::InvalidTableName {
        name: name.to_string(),
        reason,
    };
    if name.is_empty() {
        return Err(err("is empty".into()));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(err(crate::ddl::NameKind::Table.rule().to_string()));
    }
    if name.starts_with('_') {
        return Err(err("must not start with '_'".into()));
    }
    if name.chars().count() > 255 {
        return Err(err("is longer than 255 characters".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> RawConfig {
        RawConfig {
            bucket: Some("my-logs".into()),
            accounts: Some(vec!["111111111111".into()]),
            regions: Some(vec!["ap-northeast-1".into()]),
            ..RawConfig::default()
        }
    }

    #[test]
    fn flags_override_the_file() {
        let over = RawConfig {
            hourly: Some(true),
            table: Some("t2".into()),
            ..RawConfig::default()
        };
        let c = base().overlay(over).validate().unwrap();
        assert_eq!(c.layout.granularity, Granularity::Hourly);
        assert_eq!(c.table, "t2");
        assert_eq!(c.bucket, "my-logs");
    }

    #[test]
    fn errors_name_the_element() {
        let bad = |f: fn(&mut RawConfig)| {
            let mut r = base();
            f(&mut r);
            r.validate().unwrap_err().to_string()
        };
        assert!(bad(|r| r.accounts = Some(vec!["11111111111".into()])).contains("\"11111111111\""));
        assert!(bad(|r| r.regions = Some(vec!["ap-tokyo-1".into()])).contains("\"ap-tokyo-1\""));
        assert!(
            bad(|r| r.regions = Some(vec!["us-east-1".into(), "cn-north-1".into()]))
                .contains("partition")
        );
        assert!(bad(|r| r.bucket = Some("ab".into())).contains("3 to 63"));
        assert!(bad(|r| r.bucket = Some("-abc".into())).contains("begin and end"));
        assert!(bad(|r| r.prefix = Some("x/AWSLogs".into())).contains("reserved"));
        assert!(bad(|r| r.table = Some("Vpc".into())).contains("lowercase"));
        assert!(bad(|r| r.since = Some("NOW-3FORTNIGHTS".into())).contains("unit"));
        assert!(bad(|r| r.max_aggregation_interval = Some(300)).contains("60 or 600"));
        assert!(bad(|r| r.log_format = Some("${version} ${bogus}".into())).contains("${bogus}"));
        assert!(bad(|r| r.accounts = None).starts_with("accounts: missing"));
    }

    #[test]
    fn unknown_toml_keys_are_rejected() {
        let e = RawConfig::from_toml("bukket = \"x\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bukket"), "{e}");
    }
}
