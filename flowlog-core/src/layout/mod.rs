//! S3 object keys of VPC Flow Logs: parse a key into its partition, render a partition back into a key.
//!
//! AWS delivers flow-log files under one of four directory layouts, chosen when the flow log is
//! created (`HiveCompatiblePartitions` × `PerHourPartition`). An optional prefix, which may have
//! several segments, comes before `AWSLogs/`; the bucket is not part of the key.
//!
//! ```text
//! Default, daily:
//!   [prefix/]AWSLogs/<acct>/vpcflowlogs/<region>/<yyyy>/<MM>/<dd>/<file>
//! Default, hourly:
//!   [prefix/]AWSLogs/<acct>/vpcflowlogs/<region>/<yyyy>/<MM>/<dd>/<HH>/<file>
//! Hive, daily:
//!   [prefix/]AWSLogs/aws-account-id=<acct>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<MM>/day=<dd>/<file>
//! Hive, hourly:
//!   [prefix/]AWSLogs/aws-account-id=<acct>/aws-service=vpcflowlogs/aws-region=<region>/year=<yyyy>/month=<MM>/day=<dd>/hour=<HH>/<file>
//!
//! <file> = <acct>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz        (text)
//!        | <acct>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.parquet   (Parquet)
//! ```
//!
//! `<acct>` is the 12-digit account that owns the flow log, `<MM>`, `<dd>` and `<HH>` are
//! zero-padded to two digits, and the date must exist (no `2026/02/30`).
//!
//! ```
//! use flowlog_core::layout::{FlowLogKey, Granularity, Naming};
//!
//! let key = "logs/AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/01/15/07/\
//!            123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20240115T0705Z_fe123456.log.parquet";
//! let parsed = FlowLogKey::parse(key).unwrap();
//! assert_eq!(parsed.prefix, "logs/");
//! assert_eq!(parsed.layout.naming, Naming::Default);
//! assert_eq!(parsed.layout.granularity, Granularity::Hourly);
//! assert_eq!(parsed.partition.date(), "2024/01/15");
//! assert_eq!(parsed.partition.hour_string().as_deref(), Some("07"));
//! assert_eq!(parsed.render(), key);
//! ```

use std::fmt;

use crate::time::calendar::days_in_month;

mod file_name;
mod key;

pub use file_name::{FileFormat, FileName, ObjectKind, classify};
pub use key::{FlowLogKey, detect_naming, parse_segment, partition_prefix, render_segment};

/// The reserved directory that every flow-log key contains, right after the optional prefix.
pub const AWS_LOGS: &str = "AWSLogs";

/// The service directory value, `vpcflowlogs` (Hive: `aws-service=vpcflowlogs`).
pub const SERVICE: &str = "vpcflowlogs";

/// Hive-compatible (`key=value`) or AWS default directory naming.
///
/// ```
/// use flowlog_core::layout::Naming;
/// assert_eq!(Naming::Hive.to_string(), "hive");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Naming {
    /// `AWSLogs/<acct>/vpcflowlogs/<region>/<yyyy>/<MM>/<dd>/…` (the AWS default).
    Default,
    /// `AWSLogs/aws-account-id=<acct>/aws-service=vpcflowlogs/…/year=<yyyy>/…` (`HiveCompatiblePartitions`).
    Hive,
}

impl fmt::Display for Naming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Naming::Default => "default",
            Naming::Hive => "hive",
        })
    }
}

/// Daily or hourly partitioning.
///
/// ```
/// use flowlog_core::layout::Granularity;
/// assert_eq!(Granularity::Hourly.to_string(), "hourly");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// One directory per day (the AWS default).
    Daily,
    /// One directory per hour below the day directory (`PerHourPartition`).
    Hourly,
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Granularity::Daily => "daily",
            Granularity::Hourly => "hourly",
        })
    }
}

/// One directory level below `AWSLogs/`, in key order.
///
/// ```
/// use flowlog_core::layout::Level;
/// assert_eq!(Level::Region.hive_key(), "aws-region");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// The 12-digit account that owns the flow log.
    Account,
    /// The service, always `vpcflowlogs`.
    Service,
    /// The AWS Region code, e.g. `us-east-1`.
    Region,
    /// Four-digit year.
    Year,
    /// Two-digit month, `01`-`12`.
    Month,
    /// Two-digit day of month, `01`-`31`.
    Day,
    /// Two-digit hour, `00`-`23` (hourly layouts only).
    Hour,
}

impl Level {
    /// All levels in key order (the last one, [`Level::Hour`], exists only in hourly layouts).
    pub const ALL: [Level; 7] = [
        Level::Account,
        Level::Service,
        Level::Region,
        Level::Year,
        Level::Month,
        Level::Day,
        Level::Hour,
    ];

    /// The key of this level in Hive naming (`aws-account-id`, `aws-service`, `aws-region`,
    /// `year`, `month`, `day`, `hour`).
    pub const fn hive_key(self) -> &'static str {
        match self {
            Level::Account => "aws-account-id",
            Level::Service => "aws-service",
            Level::Region => "aws-region",
            Level::Year => "year",
            Level::Month => "month",
            Level::Day => "day",
            Level::Hour => "hour",
        }
    }
}

/// One of the four delivery layouts.
///
/// ```
/// use flowlog_core::layout::{Granularity, Layout, Level, Naming};
/// let layout = Layout::new(Naming::Hive, Granularity::Daily);
/// assert_eq!(layout.levels().last(), Some(&Level::Day));
/// assert_eq!(Layout::ALL.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Layout {
    /// Directory naming.
    pub naming: Naming,
    /// Partition granularity.
    pub granularity: Granularity,
}

impl Layout {
    /// The four layouts: default daily, default hourly, Hive daily, Hive hourly.
    pub const ALL: [Layout; 4] = [
        Layout::new(Naming::Default, Granularity::Daily),
        Layout::new(Naming::Default, Granularity::Hourly),
        Layout::new(Naming::Hive, Granularity::Daily),
        Layout::new(Naming::Hive, Granularity::Hourly),
    ];

    /// A layout from its naming and granularity.
    pub const fn new(naming: Naming, granularity: Granularity) -> Layout {
        Layout {
            naming,
            granularity,
        }
    }

    /// The directory levels below `AWSLogs/` in key order: six for daily, seven for hourly.
    pub fn levels(self) -> &'static [Level] {
        match self.granularity {
            Granularity::Daily => &Level::ALL[..6],
            Granularity::Hourly => &Level::ALL,
        }
    }
}

/// The partition a key belongs to.
///
/// Values are rendered zero-padded (`{:04}` year, `{:02}` month, day and hour); the parsers only
/// produce valid dates, while hand-built values are rendered as given.
///
/// ```
/// use flowlog_core::layout::PartitionValues;
/// let p = PartitionValues {
///     account: "123456789012".into(),
///     region: "ap-northeast-1".into(),
///     year: 2024,
///     month: 3,
///     day: 5,
///     hour: Some(9),
/// };
/// assert_eq!(p.date(), "2024/03/05");
/// assert_eq!(p.hour_string().as_deref(), Some("09"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartitionValues {
    /// The 12-digit account that owns the flow log.
    pub account: String,
    /// The AWS Region code, e.g. `us-east-1`.
    pub region: String,
    /// Year (four digits in keys).
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day of month, 1-31.
    pub day: u8,
    /// Hour 0-23 for hourly layouts, `None` for daily ones.
    pub hour: Option<u8>,
}

impl PartitionValues {
    /// `yyyy/MM/dd` — the value of the no-DDL table's `date` column.
    pub fn date(&self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }

    /// `HH` zero-padded, if hourly.
    pub fn hour_string(&self) -> Option<String> {
        self.hour.map(|h| format!("{h:02}"))
    }

    /// The bare value of one level as it appears in a default-naming key (`vpcflowlogs` for
    /// [`Level::Service`]); `None` only for [`Level::Hour`] when there is no hour.
    pub fn level_value(&self, level: Level) -> Option<String> {
        match level {
            Level::Account => Some(self.account.clone()),
            Level::Service => Some(SERVICE.to_owned()),
            Level::Region => Some(self.region.clone()),
            Level::Year => Some(format!("{:04}", self.year)),
            Level::Month => Some(format!("{:02}", self.month)),
            Level::Day => Some(format!("{:02}", self.day)),
            Level::Hour => self.hour_string(),
        }
    }
}

/// What a segment (or file-name part) was expected to be; shown after "is not" in
/// [`ParseKeyError`]'s message.
///
/// ```
/// use flowlog_core::layout::{Expected, Level, Naming};
/// let e = Expected::Level { naming: Naming::Hive, level: Level::Month };
/// assert_eq!(e.to_string(), r#""month=" followed by a 2-digit month 01-12"#);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expected {
    /// The `AWSLogs` directory (the key has none).
    AwsLogs,
    /// The directory of `level` in `naming`.
    Level {
        /// The naming the key uses (detected from the account segment).
        naming: Naming,
        /// The level that was being parsed.
        level: Level,
    },
    /// A day that exists in the given month (e.g. not `02/30`).
    DayOfMonth {
        /// The year of the key.
        year: u16,
        /// The month of the key.
        month: u8,
    },
    /// A non-empty file name (the key ends with `/` or stops at a directory level).
    FileName,
    /// The file name: no further directory level is allowed below the day or hour directory.
    NoMoreDirectories,
    /// A file name ending in `.log.parquet` or `.log.gz`.
    FileExtension,
    /// A file name of six `_`-separated parts.
    FileNameParts,
    /// The literal `vpcflowlogs` part of a file name.
    FileService,
    /// A flow-log ID such as `fl-1234abcd`.
    FlowLogId,
    /// A `YYYYMMDDTHHmmZ` timestamp naming an existing UTC minute.
    Timestamp,
    /// A non-empty alphanumeric hash.
    Hash,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Expected::AwsLogs => write!(f, "\"{AWS_LOGS}\" (the key has no {AWS_LOGS}/ directory)"),
            Expected::Level { naming, level } => {
                let what = match level {
                    Level::Account => "a 12-digit AWS account ID",
                    Level::Service => "\"vpcflowlogs\"",
                    Level::Region => "an AWS Region code such as \"us-east-1\"",
                    Level::Year => "a 4-digit year",
                    Level::Month => "a 2-digit month 01-12",
                    Level::Day => "a 2-digit day 01-31",
                    Level::Hour => "a 2-digit hour 00-23",
                };
                match (naming, level) {
                    (Naming::Default, _) => f.write_str(what),
                    (Naming::Hive, Level::Service) => write!(f, "\"aws-service={SERVICE}\""),
                    (Naming::Hive, _) => write!(f, "\"{}=\" followed by {what}", level.hive_key()),
                }
            }
            Expected::DayOfMonth { year, month } => write!(
                f,
                "a day of {year:04}-{month:02} (01-{:02})",
                days_in_month(i64::from(year), u32::from(month))
            ),
            Expected::FileName => f.write_str("a file name"),
            Expected::NoMoreDirectories => {
                f.write_str("the file name (no further directory level is expected here)")
            }
            Expected::FileExtension => f.write_str("a file name ending in .log.parquet or .log.gz"),
            Expected::FileNameParts => f.write_str(
                "a file name <account>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>",
            ),
            Expected::FileService => write!(f, "\"{SERVICE}\""),
            Expected::FlowLogId => f.write_str("a flow-log ID such as \"fl-1234abcd\""),
            Expected::Timestamp => f.write_str("a UTC timestamp YYYYMMDDTHHmmZ"),
            Expected::Hash => f.write_str("an alphanumeric hash"),
        }
    }
}

/// A key, directory segment or file name that does not follow the flow-log layout.
///
/// `segment` is the offending `/`-separated segment (or `_`-separated file-name part) and
/// `offset` its byte offset in `key`; a missing segment is reported as `""` at the end.
///
/// ```
/// use flowlog_core::layout::FlowLogKey;
/// let err = FlowLogKey::parse("AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/1/15/f.log.gz")
///     .unwrap_err();
/// assert_eq!(err.segment, "1");
/// assert_eq!(err.offset, 48);
/// assert_eq!(
///     err.to_string(),
///     r#"object key "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/1/15/f.log.gz": segment "1" is not a 2-digit month 01-12"#
/// );
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("object key \"{key}\": segment \"{segment}\" is not {expected}")]
pub struct ParseKeyError {
    /// The whole input (object key, file name or directory segment).
    pub key: String,
    /// The offending segment; `""` when a segment is missing.
    pub segment: String,
    /// Byte offset of `segment` in `key`.
    pub offset: usize,
    /// What the segment should have been.
    pub expected: Expected,
}

impl ParseKeyError {
    fn new(key: &str, offset: usize, segment: &str, expected: Expected) -> ParseKeyError {
        ParseKeyError {
            key: key.to_owned(),
            segment: segment.to_owned(),
            offset,
            expected,
        }
    }
}
/// `s` is exactly `len` ASCII digits.
pub(super) fn is_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

/// Value of an all-ASCII-digit string of at most 4 digits (callers check that first).
pub(super) fn parse_number(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |n, b| n * 10 + u32::from(b.wrapping_sub(b'0')))
}

pub(super) fn is_account(s: &str) -> bool {
    is_digits(s, 12)
}

/// AWS Region code shape: two or more hyphen-separated words of lowercase letters, then a
/// hyphen and a number (`us-east-1`, `ap-northeast-3`, `us-gov-west-1`, `eusc-de-east-1`).
pub(super) fn is_region(s: &str) -> bool {
    let Some((words, number)) = s.rsplit_once('-') else {
        return false;
    };
    let number_ok =
        !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit());
    let mut count = 0;
    let words_ok = words.split('-').all(|w| {
        count += 1;
        !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())
    });
    number_ok && words_ok && count >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_and_levels() {
        assert_eq!(
            Layout::ALL,
            [
                Layout::new(Naming::Default, Granularity::Daily),
                Layout::new(Naming::Default, Granularity::Hourly),
                Layout::new(Naming::Hive, Granularity::Daily),
                Layout::new(Naming::Hive, Granularity::Hourly),
            ]
        );
        assert_eq!(Layout::ALL[0].levels().len(), 6);
        assert_eq!(Layout::ALL[3].levels().len(), 7);
        assert_eq!(Naming::Default.to_string(), "default");
        assert_eq!(Granularity::Daily.to_string(), "daily");
    }
}
