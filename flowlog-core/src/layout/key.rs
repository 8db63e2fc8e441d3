//! The key grammar: `[prefix/]AWSLogs/<acct>/vpcflowlogs/<region>/<yyyy>/<MM>/<dd>/[<HH>/]<file>`,
//! in default or Hive naming (see the [module documentation](super)).

use super::{
    AWS_LOGS, Expected, FileName, Granularity, Layout, Level, Naming, ObjectKind, ParseKeyError,
    PartitionValues, SERVICE, classify, is_account, is_digits, is_region, parse_number,
};
use crate::time::calendar::days_in_month;

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
        if u32::from(day) > days_in_month(i64::from(year), u32::from(month)) {
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
}
