//! The file-name grammar:
//! `<acct>_vpcflowlogs_<region>_<flow-log-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz` (or `.log.parquet`).

use super::{
    Expected, Level, Naming, ParseKeyError, SERVICE, is_account, is_digits, is_region, parse_number,
};
use crate::time::calendar::is_valid_date;

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
    let (year, month, day) = (parse_number(year), parse_number(month), parse_number(day));
    is_valid_date(i64::from(year), month, day) && parse_number(hh) <= 23 && parse_number(mm) <= 59
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCT: &str = "123456789012";
    const GZ_NAME: &str =
        "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz";
    const PQ_NAME: &str = "123456789012_vpcflowlogs_us-east-1_fl-05f57cebeaa68cbdb_20250212T1050Z_884a1fb8.log.parquet";

    fn lvl(naming: Naming, level: Level) -> Expected {
        Expected::Level { naming, level }
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
}
