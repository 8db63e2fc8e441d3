//! clap value parsers that turn flag text into validated settings once: a [`Mirror`]
//! whose directory exists, a [`TrinoZone`], the `--now` instant, a flow-log format, an AWS
//! region name and an endpoint URL with its scheme.
//!
//! A parser's error names its flag and value (`--time-zone Mars/Olympus: …`), and
//! `main` prints it as it is.

use chrono::{DateTime, NaiveDate, Utc};
use flowlog_core::storage::Mirror;
use flowlog_core::time::TrinoZone;

/// A flag value that cannot be used: the flag, the value as written, and why.
#[derive(Debug, thiserror::Error)]
#[error("{flag} {value}: {reason}")]
pub(crate) struct FlagError {
    /// The flag, e.g. `--mirror`.
    flag: &'static str,
    /// The value as written.
    value: String,
    /// What is wrong with it.
    reason: String,
}

impl FlagError {
    fn new(flag: &'static str, value: &str, reason: impl std::fmt::Display) -> Self {
        Self {
            flag,
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// `--mirror S3URL=DIR`: the mirror, whose directory must exist.
pub(crate) fn mirror(s: &str) -> Result<Mirror, FlagError> {
    let mirror = s
        .parse::<Mirror>()
        .map_err(|e| FlagError::new("--mirror", s, e))?;
    if !mirror.dir().is_dir() {
        return Err(FlagError::new(
            "--mirror",
            &mirror.url(),
            format_args!("{} is not a directory", mirror.dir().display()),
        ));
    }
    Ok(mirror)
}

/// `--time-zone ZONE`: a zone Trino accepts (`Asia/Tokyo`, `+09:00`, `UTC`).
pub(crate) fn time_zone(s: &str) -> Result<TrinoZone, FlagError> {
    TrinoZone::parse(s).map_err(|e| FlagError::new("--time-zone", s, e))
}

/// `--now TIMESTAMP`: RFC 3339, or a plain date meaning its midnight UTC.
pub(crate) fn now(s: &str) -> Result<DateTime<Utc>, FlagError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| {
            FlagError::new(
                "--now",
                s,
                "not a timestamp; write e.g. 2026-11-20T00:00:00Z or 2026-11-20",
            )
        })
}

/// `--log-format FORMAT`: a flow log's `${field} …` format of known fields.
pub(crate) fn log_format(s: &str) -> Result<flowlog_core::provision::fields::LogFormat, FlagError> {
    flowlog_core::provision::fields::LogFormat::parse(s)
        .map_err(|e| FlagError::new("--log-format", s, e))
}

/// `--region REGION`: lower-case letters, digits and `-` (e.g. `ap-northeast-1`).
pub(crate) fn region(s: &str) -> Result<String, FlagError> {
    let valid = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(FlagError::new(
            "--region",
            &format!("{s:?}"),
            "not a region name; write e.g. ap-northeast-1",
        ));
    }
    Ok(s.to_string())
}

/// `--endpoint-url URL`: an `http://` or `https://` URL.
pub(crate) fn endpoint_url(s: &str) -> Result<String, FlagError> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return Err(FlagError::new(
            "--endpoint-url",
            s,
            "write the scheme too, e.g. http://127.0.0.1:9000 or https://s3.example.com",
        ));
    }
    Ok(s.to_string())
}

/// `--since DAY` / `--until DAY`: a day, `yyyy/MM/dd` (as the date partition) or `yyyy-MM-dd`.
pub(crate) fn day(s: &str) -> Result<NaiveDate, FlagError> {
    flowlog_core::questions::Period::parse_day(s).map_err(|_| {
        FlagError::new(
            "--since/--until",
            s,
            "not a day; write it as yyyy/MM/dd (as the date partition) or yyyy-MM-dd",
        )
    })
}
