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
                days_in_month(year, month)
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

/// A parsed object key.
///
/// Invariant of parsed keys: `partition.hour` is `Some` exactly when `layout.granularity` is
/// [`Granularity::Hourly`], and `render()` gives back the parsed key byte for byte.
///
/// ```
/// use flowlog_core::layout::FlowLogKey;
/// let key = "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-2/\
///            year=2024/month=05/day=25/hour=05/\
///            123456789012_vpcflowlogs_us-east-2_fl-0a1b2c3d_20240525T0505Z_0123abcd.log.parquet";
/// let parsed = FlowLogKey::parse(key).unwrap();
/// assert_eq!(parsed.partition.region, "us-east-2");
/// assert_eq!(parsed.partition.hour, Some(5));
/// assert_eq!(
///     parsed.directory(),
///     "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-2/year=2024/month=05/day=25/hour=05/"
/// );
/// assert_eq!(parsed.render(), key);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlowLogKey {
    /// Everything before `AWSLogs/`: `""` or `"a/b/"` (with trailing slash).
    pub prefix: String,
    /// The layout of the directories.
    pub layout: Layout,
    /// The partition values from the directories.
    pub partition: PartitionValues,
    /// The last segment; any non-empty name (see [`FlowLogKey::parse_file_name`] to check it).
    pub file_name: String,
}

impl FlowLogKey {
    /// Parse a full object key (no bucket, no leading `s3://`).
    ///
    /// The prefix is everything before the first `AWSLogs` segment (AWS reserves that name, so a
    /// prefix cannot contain it). The naming is taken from the account segment and then required
    /// of every level; hourly vs daily follows from the number of segments after the day. The
    /// file name is only required to be non-empty, so objects such as `_SUCCESS` parse too; use
    /// [`classify`] or [`FlowLogKey::parse_file_name`] to tell flow-log files apart.
    pub fn parse(key: &str) -> Result<FlowLogKey, ParseKeyError> {
        let segs = segments(key);
        let Some(start) = segs.iter().position(|&(_, s)| s == AWS_LOGS) else {
            let (off, seg) = segs.first().copied().unwrap_or((0, ""));
            return Err(ParseKeyError::new(key, off, seg, Expected::AwsLogs));
        };
        let prefix = &key[..segs[start].0];
        let missing = (key.len(), "");
        let at = |i: usize| segs.get(start + 1 + i).copied().unwrap_or(missing);
        let level = |naming, level, seg| key_level(key, naming, level, seg);

        let naming = detect_naming(at(0).1);
        let account = level(naming, Level::Account, at(0))?;
        level(naming, Level::Service, at(1))?;
        let region = level(naming, Level::Region, at(2))?;
        let year = parse_number(level(naming, Level::Year, at(3))?);
        let month = parse_number(level(naming, Level::Month, at(4))?);
        let (day_off, day_seg) = at(5);
        let day = parse_number(level(naming, Level::Day, (day_off, day_seg))?);
        let (year, month, day) = (year as u16, month as u8, day as u8);
        if day > days_in_month(year, month) {
            let expected = Expected::DayOfMonth { year, month };
            return Err(ParseKeyError::new(key, day_off, day_seg, expected));
        }

        let rest = segs.get(start + 7..).unwrap_or(&[]);
        let (hour, file) = match rest {
            [] => return Err(ParseKeyError::new(key, key.len(), "", Expected::FileName)),
            [file] => (None, *file),
            [hour, file] => {
                let h = level(naming, Level::Hour, *hour)?;
                (Some(parse_number(h) as u8), *file)
            }
            [hour, (off, extra), ..] => {
                level(naming, Level::Hour, *hour)?;
                return Err(ParseKeyError::new(
                    key,
                    *off,
                    extra,
                    Expected::NoMoreDirectories,
                ));
            }
        };
        if file.1.is_empty() {
            return Err(ParseKeyError::new(key, file.0, "", Expected::FileName));
        }
        let granularity = match hour {
            Some(_) => Granularity::Hourly,
            None => Granularity::Daily,
        };
        Ok(FlowLogKey {
            prefix: prefix.to_owned(),
            layout: Layout::new(naming, granularity),
            partition: PartitionValues {
                account: account.to_owned(),
                region: region.to_owned(),
                year,
                month,
                day,
                hour,
            },
            file_name: file.1.to_owned(),
        })
    }

    /// Render back; `render(parse(k)) == k` for every valid key.
    pub fn render(&self) -> String {
        let mut out = self.directory();
        out.push_str(&self.file_name);
        out
    }

    /// The directory part (everything up to and including the last `/`).
    pub fn directory(&self) -> String {
        partition_prefix(&self.prefix, self.layout, &self.partition)
    }

    /// Classify the file by its extension (see [`classify`]).
    pub fn kind(&self) -> ObjectKind {
        classify(&self.file_name)
    }

    /// Parse the file name as a flow-log file name. Errors name the whole key, with the offset of
    /// the offending part in it.
    pub fn parse_file_name(&self) -> Result<FileName, ParseKeyError> {
        FileName::parse(&self.file_name).map_err(|e| {
            let dir = self.directory();
            let key = format!("{dir}{}", self.file_name);
            ParseKeyError::new(&key, dir.len() + e.offset, &e.segment, e.expected)
        })
    }
}

/// Render the directory prefix for a layout and partition (with trailing `/`), e.g. for listing.
///
/// A non-empty `prefix` without a trailing `/` gets one. For an hourly layout without an hour,
/// the prefix stops at the day directory (it then lists every hour of that day); for a daily
/// layout the hour is ignored.
///
/// ```
/// use flowlog_core::layout::{partition_prefix, Granularity, Layout, Naming, PartitionValues};
/// let p = PartitionValues {
///     account: "123456789012".into(),
///     region: "eu-west-1".into(),
///     year: 2024,
///     month: 1,
///     day: 15,
///     hour: Some(7),
/// };
/// assert_eq!(
///     partition_prefix("vpc", Layout::new(Naming::Default, Granularity::Hourly), &p),
///     "vpc/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/01/15/07/"
/// );
/// assert_eq!(
///     partition_prefix("", Layout::new(Naming::Hive, Granularity::Daily), &p),
///     "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2024/month=01/day=15/"
/// );
/// ```
pub fn partition_prefix(prefix: &str, layout: Layout, p: &PartitionValues) -> String {
    let mut out = String::with_capacity(prefix.len() + 128);
    out.push_str(prefix);
    if !prefix.is_empty() && !prefix.ends_with('/') {
        out.push('/');
    }
    out.push_str(AWS_LOGS);
    out.push('/');
    for &level in layout.levels() {
        let Some(value) = p.level_value(level) else {
            break;
        };
        out.push_str(&render_segment(layout.naming, level, &value));
        out.push('/');
    }
    out
}

/// Which naming a key uses, from its first segment after `AWSLogs/`: Hive if it starts with
/// `aws-account-id=`, default otherwise.
///
/// ```
/// use flowlog_core::layout::{detect_naming, Naming};
/// assert_eq!(detect_naming("aws-account-id=123456789012"), Naming::Hive);
/// assert_eq!(detect_naming("123456789012"), Naming::Default);
/// ```
pub fn detect_naming(first_segment_after_awslogs: &str) -> Naming {
    if first_segment_after_awslogs.starts_with("aws-account-id=") {
        Naming::Hive
    } else {
        Naming::Default
    }
}

/// Recognise one directory segment at `level` in `naming` and return its bare value
/// (`"123456789012"`, `"vpcflowlogs"`, `"us-east-1"`, `"2024"`, `"01"`, …), for discovery by
/// walking the levels with list-with-delimiter. The error's `key` is the segment itself.
///
/// Checks: account = 12 digits; service = `vpcflowlogs`; region = lowercase letters in
/// hyphen-separated words ending in a number (`us-east-1`, `us-gov-west-1`); year = 4 digits;
/// month `01`-`12`, day `01`-`31`, hour `00`-`23`, all exactly two digits. Hive segments must
/// carry their `key=` ([`Level::hive_key`]).
///
/// ```
/// use flowlog_core::layout::{parse_segment, Level, Naming};
/// assert_eq!(parse_segment(Naming::Hive, Level::Region, "aws-region=ap-northeast-1").unwrap(), "ap-northeast-1");
/// assert_eq!(parse_segment(Naming::Default, Level::Day, "09").unwrap(), "09");
/// assert!(parse_segment(Naming::Default, Level::Hour, "24").is_err());
/// ```
pub fn parse_segment(naming: Naming, level: Level, segment: &str) -> Result<String, ParseKeyError> {
    level_value(naming, level, segment)
        .map(str::to_owned)
        .map_err(|expected| ParseKeyError::new(segment, 0, segment, expected))
}

/// Render one directory segment (without `/`) from a bare value: the value itself in default
/// naming, `<hive_key>=<value>` in Hive naming. Inverse of [`parse_segment`].
///
/// ```
/// use flowlog_core::layout::{render_segment, Level, Naming};
/// assert_eq!(render_segment(Naming::Hive, Level::Service, "vpcflowlogs"), "aws-service=vpcflowlogs");
/// assert_eq!(render_segment(Naming::Default, Level::Year, "2024"), "2024");
/// ```
pub fn render_segment(naming: Naming, level: Level, value: &str) -> String {
    match naming {
        Naming::Default => value.to_owned(),
        Naming::Hive => format!("{}={value}", level.hive_key()),
    }
}

/// The format of a flow-log file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// Apache Parquet, `.log.parquet`.
    Parquet,
    /// Gzip-compressed space-separated text, `.log.gz`.
    TextGzip,
}

impl FileFormat {
    /// The file-name extension, with its leading dot.
    ///
    /// ```
    /// use flowlog_core::layout::FileFormat;
    /// assert_eq!(FileFormat::Parquet.extension(), ".log.parquet");
    /// ```
    pub const fn extension(self) -> &'static str {
        match self {
            FileFormat::Parquet => ".log.parquet",
            FileFormat::TextGzip => ".log.gz",
        }
    }
}

/// A flow-log file name:
/// `<acct>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz` (or `.log.parquet`).
///
/// ```
/// use flowlog_core::layout::{FileFormat, FileName};
/// let name = "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz";
/// let f = FileName::parse(name).unwrap();
/// assert_eq!(f.flow_log_id, "fl-1234abcd");
/// assert_eq!(f.timestamp, "20180620T1620Z");
/// assert_eq!(f.format, FileFormat::TextGzip);
/// assert_eq!(f.render(), name);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileName {
    /// The 12-digit account that owns the flow log.
    pub account: String,
    /// The AWS Region code.
    pub region: String,
    /// The flow-log ID, `fl-` followed by lowercase letters and digits.
    pub flow_log_id: String,
    /// The file's UTC minute, `YYYYMMDDTHHmmZ`.
    pub timestamp: String,
    /// The trailing hash (alphanumeric).
    pub hash: String,
    /// The format, from the extension.
    pub format: FileFormat,
}

impl FileName {
    /// Parse a file name (the last key segment). Errors carry the offending `_`-separated part
    /// and its byte offset in `name`.
    pub fn parse(name: &str) -> Result<FileName, ParseKeyError> {
        let err = |off: usize, seg: &str, expected| ParseKeyError::new(name, off, seg, expected);
        let (stem, format) = if let Some(s) = name.strip_suffix(FileFormat::Parquet.extension()) {
            (s, FileFormat::Parquet)
        } else if let Some(s) = name.strip_suffix(FileFormat::TextGzip.extension()) {
            (s, FileFormat::TextGzip)
        } else {
            return Err(err(0, name, Expected::FileExtension));
        };
        let mut parts: Vec<(usize, &str)> = Vec::with_capacity(6);
        let mut off = 0;
        for part in stem.split('_') {
            parts.push((off, part));
            off += part.len() + 1;
        }
        let [account, service, region, id, timestamp, hash] = parts[..] else {
            return Err(err(0, stem, Expected::FileNameParts));
        };
        let check = |(off, part): (usize, &str), ok: bool, expected| {
            if ok {
                Ok(())
            } else {
                Err(err(off, part, expected))
            }
        };
        let default = |level| Expected::Level {
            naming: Naming::Default,
            level,
        };
        check(account, is_account(account.1), default(Level::Account))?;
        check(service, service.1 == SERVICE, Expected::FileService)?;
        check(region, is_region(region.1), default(Level::Region))?;
        check(id, is_flow_log_id(id.1), Expected::FlowLogId)?;
        check(timestamp, is_timestamp(timestamp.1), Expected::Timestamp)?;
        let hash_ok = !hash.1.is_empty() && hash.1.bytes().all(|b| b.is_ascii_alphanumeric());
        check(hash, hash_ok, Expected::Hash)?;
        Ok(FileName {
            account: account.1.to_owned(),
            region: region.1.to_owned(),
            flow_log_id: id.1.to_owned(),
            timestamp: timestamp.1.to_owned(),
            hash: hash.1.to_owned(),
            format,
        })
    }

    /// Render the file name.
    pub fn render(&self) -> String {
        format!(
            "{}_{SERVICE}_{}_{}_{}_{}{}",
            self.account,
            self.region,
            self.flow_log_id,
            self.timestamp,
            self.hash,
            self.format.extension()
        )
    }
}

/// What a listed object is, for the table scanner: a flow-log Parquet file, a flow-log text file
/// (not supported yet), or something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    /// Ends in `.log.parquet`.
    Parquet,
    /// Ends in `.log.gz`.
    TextGzip,
    /// Anything else (`_SUCCESS`, `.parquet` without `.log`, temporary files, directories).
    Other,
}

impl From<FileFormat> for ObjectKind {
    fn from(format: FileFormat) -> ObjectKind {
        match format {
            FileFormat::Parquet => ObjectKind::Parquet,
            FileFormat::TextGzip => ObjectKind::TextGzip,
        }
    }
}

/// Classify by the file name's extension only (`.log.parquet` / `.log.gz` / other). Cheap: used
/// on every listed object. Case-sensitive, as AWS writes lowercase extensions.
///
/// ```
/// use flowlog_core::layout::{classify, ObjectKind};
/// assert_eq!(classify("AWSLogs/x/a.log.parquet"), ObjectKind::Parquet);
/// assert_eq!(classify("a.parquet"), ObjectKind::Other);
/// ```
pub fn classify(key: &str) -> ObjectKind {
    if key.ends_with(FileFormat::Parquet.extension()) {
        ObjectKind::Parquet
    } else if key.ends_with(FileFormat::TextGzip.extension()) {
        ObjectKind::TextGzip
    } else {
        ObjectKind::Other
    }
}

/// [`level_value`] for the segment at byte `off` of `key`, with the error located in `key`.
fn key_level<'k>(
    key: &str,
    naming: Naming,
    level: Level,
    (off, seg): (usize, &'k str),
) -> Result<&'k str, ParseKeyError> {
    level_value(naming, level, seg).map_err(|expected| ParseKeyError::new(key, off, seg, expected))
}

/// `/`-separated segments with their byte offsets.
fn segments(key: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(12);
    let mut off = 0;
    for seg in key.split('/') {
        out.push((off, seg));
        off += seg.len() + 1;
    }
    out
}

/// The bare value of `segment` at `level`, or what was expected instead.
fn level_value(naming: Naming, level: Level, segment: &str) -> Result<&str, Expected> {
    let expected = Expected::Level { naming, level };
    let value = match naming {
        Naming::Default => segment,
        Naming::Hive => segment
            .strip_prefix(level.hive_key())
            .and_then(|rest| rest.strip_prefix('='))
            .ok_or(expected)?,
    };
    let ok = match level {
        Level::Account => is_account(value),
        Level::Service => value == SERVICE,
        Level::Region => is_region(value),
        Level::Year => is_digits(value, 4),
        Level::Month => is_digits(value, 2) && (1..=12).contains(&parse_number(value)),
        Level::Day => is_digits(value, 2) && (1..=31).contains(&parse_number(value)),
        Level::Hour => is_digits(value, 2) && parse_number(value) <= 23,
    };
    if ok { Ok(value) } else { Err(expected) }
}

/// `s` is exactly `len` ASCII digits.
fn is_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

/// Value of an all-ASCII-digit string of at most 4 digits (callers check that first).
fn parse_number(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0, |n, b| n * 10 + u32::from(b.wrapping_sub(b'0')))
}

fn is_account(s: &str) -> bool {
    is_digits(s, 12)
}

/// AWS Region code shape: two or more hyphen-separated words of lowercase letters, then a
/// hyphen and a number (`us-east-1`, `ap-northeast-3`, `us-gov-west-1`, `eusc-de-east-1`).
fn is_region(s: &str) -> bool {
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

/// `fl-` followed by lowercase letters and digits.
fn is_flow_log_id(s: &str) -> bool {
    s.strip_prefix("fl-").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// `YYYYMMDDTHHmmZ` naming an existing date, hour 00-23 and minute 00-59.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 14 || b[8] != b'T' || b[13] != b'Z' {
        return false;
    }
    let (Some(date), Some(hh), Some(mm)) = (s.get(..8), s.get(9..11), s.get(11..13)) else {
        return false;
    };
    if !is_digits(date, 8) || !is_digits(hh, 2) || !is_digits(mm, 2) {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (date.get(..4), date.get(4..6), date.get(6..))
    else {
        return false;
    };
    let (year, month, day) = (
        parse_number(year) as u16,
        parse_number(month) as u8,
        parse_number(day) as u8,
    );
    (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && parse_number(hh) <= 23
        && parse_number(mm) <= 59
}

/// Days in `month` (1-12) of the proleptic Gregorian `year`; 0 for a month outside 1-12.
fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCT: &str = "123456789012";
    const GZ_NAME: &str =
        "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz";
    const PQ_NAME: &str = "123456789012_vpcflowlogs_us-east-1_fl-05f57cebeaa68cbdb_20250212T1050Z_884a1fb8.log.parquet";

    fn partition(hour: Option<u8>) -> PartitionValues {
        PartitionValues {
            account: ACCT.into(),
            region: "us-east-1".into(),
            year: 2024,
            month: 2,
            day: 29,
            hour,
        }
    }

    /// Directories written out by hand from the four layouts of the facts file, §2.1.
    fn hand_written_directory(layout: Layout) -> &'static str {
        match (layout.naming, layout.granularity) {
            (Naming::Default, Granularity::Daily) => {
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/02/29/"
            }
            (Naming::Default, Granularity::Hourly) => {
                "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/02/29/05/"
            }
            (Naming::Hive, Granularity::Daily) => {
                "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2024/month=02/day=29/"
            }
            (Naming::Hive, Granularity::Hourly) => {
                "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2024/month=02/day=29/hour=05/"
            }
        }
    }

    #[test]
    fn round_trip_all_layouts_prefixes_and_formats() {
        let prefixes = ["", "logs/", "a/b/c/", "flow logs/2024=x/"];
        let mut count = 0;
        for layout in Layout::ALL {
            for prefix in prefixes {
                for name in [GZ_NAME, PQ_NAME] {
                    let dir = hand_written_directory(layout);
                    let key = format!("{prefix}{dir}{name}");
                    let parsed = FlowLogKey::parse(&key).unwrap();
                    let hour = (layout.granularity == Granularity::Hourly).then_some(5);
                    let expected = FlowLogKey {
                        prefix: prefix.into(),
                        layout,
                        partition: partition(hour),
                        file_name: name.into(),
                    };
                    assert_eq!(parsed, expected, "{key}");
                    assert_eq!(parsed.render(), key);
                    assert_eq!(parsed.directory(), format!("{prefix}{dir}"));
                    assert_eq!(
                        partition_prefix(prefix, layout, &expected.partition),
                        format!("{prefix}{dir}")
                    );
                    assert_eq!(parsed.parse_file_name().unwrap().render(), name);
                    count += 1;
                }
            }
        }
        assert_eq!(count, 4 * 4 * 2);
    }

    #[test]
    fn real_keys_from_the_facts_file() {
        // turbot/tailpipe-plugin-aws comment, with the masked account filled in.
        let key = "AWSLogs/210987654321/vpcflowlogs/us-east-1/2025/02/12/10/210987654321_vpcflowlogs_us-east-1_fl-05f57cebeaa68cbdb_20250212T1050Z_884a1fb8.log.gz";
        let k = FlowLogKey::parse(key).unwrap();
        assert_eq!(k.layout, Layout::new(Naming::Default, Granularity::Hourly));
        assert_eq!(k.partition.account, "210987654321");
        assert_eq!(k.partition.date(), "2025/02/12");
        assert_eq!(k.partition.hour_string(), Some("10".into()));
        assert_eq!(k.kind(), ObjectKind::TextGzip);
        assert_eq!(k.render(), key);
    }

    #[test]
    fn partition_accessors() {
        let p = PartitionValues {
            account: ACCT.into(),
            region: "us-gov-west-1".into(),
            year: 987,
            month: 12,
            day: 1,
            hour: Some(0),
        };
        assert_eq!(p.date(), "0987/12/01");
        assert_eq!(p.hour_string(), Some("00".into()));
        assert_eq!(partition(None).hour_string(), None);
        assert_eq!(p.level_value(Level::Service), Some("vpcflowlogs".into()));
        assert_eq!(p.level_value(Level::Month), Some("12".into()));
        assert_eq!(partition(None).level_value(Level::Hour), None);
    }

    #[test]
    fn partition_prefix_normalises_prefix_and_hour() {
        let hourly = Layout::new(Naming::Default, Granularity::Hourly);
        let daily = Layout::new(Naming::Hive, Granularity::Daily);
        assert_eq!(
            partition_prefix("a/b", hourly, &partition(None)),
            "a/b/AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/02/29/"
        );
        assert_eq!(
            partition_prefix("", daily, &partition(Some(5))),
            "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/year=2024/month=02/day=29/"
        );
    }

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

    fn key_err(key: &str) -> ParseKeyError {
        match FlowLogKey::parse(key) {
            Ok(k) => panic!("{key} parsed as {k:?}"),
            Err(e) => e,
        }
    }

    fn lvl(naming: Naming, level: Level) -> Expected {
        Expected::Level { naming, level }
    }

    #[test]
    fn key_errors_name_segment_offset_and_expectation() {
        use Expected as E;
        use Level::*;
        use Naming::{Default as D, Hive as H};
        let dom = |year, month| E::DayOfMonth { year, month };
        const A: &str = "AWSLogs/";
        const AC: &str = "AWSLogs/123456789012"; // 20 bytes
        const HA: &str = "AWSLogs/aws-account-id=123456789012"; // 35 bytes
        const AV: &str = "AWSLogs/123456789012/vpcflowlogs"; // 32 bytes
        const DB: &str = "AWSLogs/123456789012/vpcflowlogs/us-east-1"; // 42 bytes
        const HB: &str =
            "AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1"; // 80
        // (base, rest of key, segment, offset, expected); offsets counted by hand.
        let cases = [
            ("", "logs/x/f.log.gz", "logs", 0, E::AwsLogs),
            ("", "", "", 0, E::AwsLogs),
            ("", "awslogs/123456789012", "awslogs", 0, E::AwsLogs),
            (A, "12345678901/x", "12345678901", 8, lvl(D, Account)),
            (A, "1234567890ab/x", "1234567890ab", 8, lvl(D, Account)),
            (A, "unknown/x", "unknown", 8, lvl(D, Account)),
            (
                A,
                "aws-account-id=12/x",
                "aws-account-id=12",
                8,
                lvl(H, Account),
            ),
            (AC, "/cloudtrail/x", "cloudtrail", 21, lvl(D, Service)),
            (AC, "", "", 20, lvl(D, Service)),
            (HA, "/vpcflowlogs/x", "vpcflowlogs", 36, lvl(H, Service)),
            (AV, "/US-EAST-1/2024", "US-EAST-1", 33, lvl(D, Region)),
            (AV, "/useast1/2024", "useast1", 33, lvl(D, Region)),
            (AV, "/", "", 33, lvl(D, Region)),
            (DB, "/24/01/01/f", "24", 43, lvl(D, Year)),
            (DB, "/2024/13/01/f", "13", 48, lvl(D, Month)),
            (DB, "/2024/00/01/f", "00", 48, lvl(D, Month)),
            (DB, "/2024/1/01/f", "1", 48, lvl(D, Month)),
            (DB, "/2024/01/32/f", "32", 51, lvl(D, Day)),
            (DB, "/2024/01/1/f", "1", 51, lvl(D, Day)),
            (DB, "/2026/02/30/f", "30", 51, dom(2026, 2)),
            (DB, "/2026/02/29/f", "29", 51, dom(2026, 2)),
            (DB, "/2100/02/29/f", "29", 51, dom(2100, 2)),
            (DB, "/2024/04/31/f", "31", 51, dom(2024, 4)),
            (DB, "/2024/01/15", "", 53, E::FileName),
            (DB, "/2024/01/15/", "", 54, E::FileName),
            (DB, "/2024/01/15/24/f", "24", 54, lvl(D, Hour)),
            (DB, "/2024/01/15/7/f", "7", 54, lvl(D, Hour)),
            (DB, "/2024/01/15/sub/f", "sub", 54, lvl(D, Hour)),
            (DB, "/2024/01/15/07/", "", 57, E::FileName),
            (DB, "/2024/01/15/07/x/f", "x", 57, E::NoMoreDirectories),
            (HB, "/2024/01/15/f", "2024", 81, lvl(H, Year)),
            (
                HB,
                "/year=2024/month=1/day=15/f",
                "month=1",
                91,
                lvl(H, Month),
            ),
            (
                HB,
                "/year=2024/mon=01/day=15/f",
                "mon=01",
                91,
                lvl(H, Month),
            ),
            (HB, "/year=2024/month=01/15/f", "15", 100, lvl(H, Day)),
            (
                HB,
                "/year=2024/month=02/day=30/f",
                "day=30",
                100,
                dom(2024, 2),
            ),
            (
                HB,
                "/year=2024/month=01/day=15/07/f",
                "07",
                107,
                lvl(H, Hour),
            ),
        ];
        for (base, rest, segment, offset, expected) in cases {
            let key = format!("{base}{rest}");
            let want = ParseKeyError::new(&key, offset, segment, expected);
            assert_eq!(key_err(&key), want, "{key}");
            assert_eq!(key.get(offset..offset + segment.len()), Some(segment));
        }
    }

    #[test]
    fn leap_days_accepted() {
        for key in [
            "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/02/29/f",
            "AWSLogs/123456789012/vpcflowlogs/us-east-1/2000/02/29/f",
            "AWSLogs/123456789012/vpcflowlogs/us-east-1/2025/12/31/23/f",
        ] {
            assert_eq!(FlowLogKey::parse(key).unwrap().render(), key);
        }
    }

    #[test]
    fn non_flow_log_file_names_still_parse_as_keys() {
        let key = "AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/01/15/_SUCCESS";
        let k = FlowLogKey::parse(key).unwrap();
        assert_eq!(k.file_name, "_SUCCESS");
        assert_eq!(k.kind(), ObjectKind::Other);
        assert_eq!(
            k.parse_file_name(),
            Err(ParseKeyError {
                key: key.into(),
                segment: "_SUCCESS".into(),
                offset: 54,
                expected: Expected::FileExtension,
            })
        );
    }

    #[test]
    fn error_messages() {
        let e = key_err("AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/02/30/f.log.gz");
        assert_eq!(
            e.to_string(),
            "object key \"AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/02/30/f.log.gz\": \
             segment \"30\" is not a day of 2026-02 (01-28)"
        );
        let e = key_err("x/AWSLogs/aws-account-id=123456789012/aws-service=s3/f");
        assert_eq!(
            e.to_string(),
            "object key \"x/AWSLogs/aws-account-id=123456789012/aws-service=s3/f\": \
             segment \"aws-service=s3\" is not \"aws-service=vpcflowlogs\""
        );
        let e = key_err("logs/f.log.gz");
        assert_eq!(
            e.to_string(),
            "object key \"logs/f.log.gz\": segment \"logs\" is not \"AWSLogs\" (the key has no AWSLogs/ directory)"
        );
        assert_eq!(
            Expected::Level {
                naming: Naming::Hive,
                level: Level::Account
            }
            .to_string(),
            "\"aws-account-id=\" followed by a 12-digit AWS account ID"
        );
        assert_eq!(
            Expected::DayOfMonth {
                year: 2024,
                month: 2
            }
            .to_string(),
            "a day of 2024-02 (01-29)"
        );
    }

    #[test]
    fn segments_by_level() {
        use Level::*;
        use Naming::{Default as D, Hive as H};
        let good = [
            (D, Account, "123456789012", "123456789012"),
            (H, Account, "aws-account-id=123456789012", "123456789012"),
            (D, Service, "vpcflowlogs", "vpcflowlogs"),
            (H, Service, "aws-service=vpcflowlogs", "vpcflowlogs"),
            (D, Region, "us-east-1", "us-east-1"),
            (D, Region, "ap-northeast-1", "ap-northeast-1"),
            (D, Region, "us-gov-west-1", "us-gov-west-1"),
            (D, Region, "cn-northwest-1", "cn-northwest-1"),
            (H, Region, "aws-region=eu-central-2", "eu-central-2"),
            (D, Year, "2015", "2015"),
            (H, Year, "year=2030", "2030"),
            (D, Month, "01", "01"),
            (D, Month, "12", "12"),
            (H, Month, "month=09", "09"),
            (D, Day, "01", "01"),
            (D, Day, "31", "31"),
            (H, Day, "day=10", "10"),
            (D, Hour, "00", "00"),
            (D, Hour, "23", "23"),
            (H, Hour, "hour=05", "05"),
        ];
        for (naming, level, segment, value) in good {
            assert_eq!(
                parse_segment(naming, level, segment),
                Ok(value.to_owned()),
                "{segment}"
            );
            assert_eq!(render_segment(naming, level, value), segment);
        }
        let bad = [
            (D, Account, "aws-account-id=123456789012"),
            (H, Account, "123456789012"),
            (H, Account, "aws-account-id123456789012"),
            (D, Service, "VPCFlowLogs"),
            (D, Region, "us-east"),
            (D, Region, "east-1"),
            (D, Region, "us--east-1"),
            (D, Region, "us-east-1-"),
            (D, Region, "us_east_1"),
            (H, Region, "region=us-east-1"),
            (D, Year, "20245"),
            (D, Year, "year=2024"),
            (D, Month, "+1"),
            (D, Month, "１２"),
            (D, Day, "00"),
            (D, Hour, "24"),
            (H, Hour, "hour=5"),
            (H, Hour, "hour="),
        ];
        for (naming, level, segment) in bad {
            assert_eq!(
                parse_segment(naming, level, segment),
                Err(ParseKeyError {
                    key: segment.into(),
                    segment: segment.into(),
                    offset: 0,
                    expected: Expected::Level { naming, level },
                }),
                "{segment}"
            );
        }
    }

    #[test]
    fn naming_detection() {
        assert_eq!(detect_naming("aws-account-id=123456789012"), Naming::Hive);
        assert_eq!(detect_naming("aws-account-id="), Naming::Hive);
        assert_eq!(detect_naming("123456789012"), Naming::Default);
        assert_eq!(detect_naming("aws-service=vpcflowlogs"), Naming::Default);
        assert_eq!(detect_naming(""), Naming::Default);
    }

    #[test]
    fn file_names_from_the_facts_file() {
        let f = FileName::parse(GZ_NAME).unwrap();
        assert_eq!(
            f,
            FileName {
                account: ACCT.into(),
                region: "us-east-1".into(),
                flow_log_id: "fl-1234abcd".into(),
                timestamp: "20180620T1620Z".into(),
                hash: "fe123456".into(),
                format: FileFormat::TextGzip,
            }
        );
        assert_eq!(f.render(), GZ_NAME);
        let f = FileName::parse(PQ_NAME).unwrap();
        assert_eq!(f.flow_log_id, "fl-05f57cebeaa68cbdb");
        assert_eq!(f.timestamp, "20250212T1050Z");
        assert_eq!(f.hash, "884a1fb8");
        assert_eq!(f.format, FileFormat::Parquet);
        assert_eq!(f.render(), PQ_NAME);
        let f = FileName::parse(
            "123456789012_vpcflowlogs_us-east-2_fl-0a1b2c3d_20240525T0505Z_0123abcd.log.parquet",
        )
        .unwrap();
        assert_eq!(f.region, "us-east-2");
    }

    #[test]
    fn file_name_errors_for_the_whole_name() {
        // (name, segment, expected): the whole name or its stem is reported.
        let cases = [
            ("x.parquet", "x.parquet", Expected::FileExtension),
            ("x.log.gz.tmp", "x.log.gz.tmp", Expected::FileExtension),
            ("a_b.log.gz", "a_b", Expected::FileNameParts),
            (
                "a_b_c_d_e_f_g.log.parquet",
                "a_b_c_d_e_f_g",
                Expected::FileNameParts,
            ),
        ];
        for (name, segment, expected) in cases {
            let want = ParseKeyError::new(name, 0, segment, expected);
            assert_eq!(FileName::parse(name), Err(want), "{name}");
        }
    }

    #[test]
    fn file_name_errors_for_one_part() {
        use Expected as E;
        let good = [
            ACCT,
            "vpcflowlogs",
            "us-east-1",
            "fl-1234abcd",
            "20180620T1620Z",
            "fe1",
        ];
        // Byte offsets of the six parts in the good name, counted by hand; replacing one part
        // does not move it.
        let offsets = [0, 13, 25, 35, 47, 62];
        let cases = [
            (0, "12345678901", lvl(Naming::Default, Level::Account)),
            (0, "unknown", lvl(Naming::Default, Level::Account)),
            (1, "cloudtrail", E::FileService),
            (2, "useast1", lvl(Naming::Default, Level::Region)),
            (3, "1234abcd", E::FlowLogId),
            (3, "FL-1234", E::FlowLogId),
            (3, "fl-", E::FlowLogId),
            (4, "20180620T1620", E::Timestamp),
            (4, "20180620 1620Z", E::Timestamp),
            (4, "20180230T1620Z", E::Timestamp),
            (4, "20181320T1620Z", E::Timestamp),
            (4, "20180620T2420Z", E::Timestamp),
            (4, "20180620T1660Z", E::Timestamp),
            (4, "2018-06-20T1620Z", E::Timestamp),
            (5, "", E::Hash),
            (5, "fe-123", E::Hash),
        ];
        for (index, bad, expected) in cases {
            let mut parts = good;
            parts[index] = bad;
            let name = format!("{}.log.gz", parts.join("_"));
            let want = ParseKeyError::new(&name, offsets[index], bad, expected);
            assert_eq!(FileName::parse(&name), Err(want), "{name}");
        }
        assert!(FileName::parse(&format!("{}.log.gz", good.join("_"))).is_ok());
    }

    #[test]
    fn file_name_error_offsets_are_relative_to_the_key() {
        let key = format!(
            "p/AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/{ACCT}_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe!23456.log.gz"
        );
        let e = FlowLogKey::parse(&key)
            .unwrap()
            .parse_file_name()
            .unwrap_err();
        assert_eq!(e.segment, "fe!23456");
        assert_eq!(e.expected, Expected::Hash);
        assert_eq!(&key[e.offset..e.offset + 8], "fe!23456");
        assert_eq!(e.key, key);
    }

    #[test]
    fn classify_by_extension() {
        let cases = [
            (
                "AWSLogs/1/vpcflowlogs/r/2024/01/01/a.log.parquet",
                ObjectKind::Parquet,
            ),
            (GZ_NAME, ObjectKind::TextGzip),
            (PQ_NAME, ObjectKind::Parquet),
            ("AWSLogs/x/a.parquet", ObjectKind::Other),
            ("AWSLogs/x/_SUCCESS", ObjectKind::Other),
            ("x.log.parquet.tmp", ObjectKind::Other),
            ("x.log.gz.tmp", ObjectKind::Other),
            ("x.gz", ObjectKind::Other),
            ("x.LOG.PARQUET", ObjectKind::Other),
            ("AWSLogs/x/", ObjectKind::Other),
            ("", ObjectKind::Other),
        ];
        for (key, kind) in cases {
            assert_eq!(classify(key), kind, "{key}");
        }
        assert_eq!(ObjectKind::from(FileFormat::TextGzip), ObjectKind::TextGzip);
        assert_eq!(FileFormat::TextGzip.extension(), ".log.gz");
    }

    #[test]
    fn days_in_month_follows_the_gregorian_calendar() {
        let cases = [
            (2023, 1, 31),
            (2023, 2, 28),
            (2024, 2, 29),
            (1900, 2, 28),
            (2000, 2, 29),
            (2023, 4, 30),
            (2023, 6, 30),
            (2023, 9, 30),
            (2023, 11, 30),
            (2023, 12, 31),
            (2023, 13, 0),
        ];
        for (y, m, d) in cases {
            assert_eq!(days_in_month(y, m), d, "{y}-{m}");
        }
    }
}
