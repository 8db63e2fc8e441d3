//! Trino's text for dates and timestamps: what `CAST(x AS varchar)`, the CLI and Athena's CSV
//! results print.
//!
//! `yyyy-MM-dd` for a DATE; `yyyy-MM-dd HH:mm:ss`, then `.` and exactly `p` fractional digits
//! when `p > 0`, for `timestamp(p)`; and for `timestamp(p) with time zone` a space and the zone id.

use std::fmt::Write as _;

use super::calendar::{civil_from_days, civil_from_days_wide, saturating_i64};
use super::zone::TrinoZone;

/// Render `timestamp(p) with time zone` as Trino prints it (CAST to varchar / CLI / CSV):
/// `yyyy-MM-dd HH:mm:ss[.fff…p digits] ZONEID`.
///
/// `epoch_nanos` is the instant; digits beyond `p` are truncated, not printed (the caller rounds to
/// `p` first). `p` is 0 to 9; 10 to 12 (Trino's picosecond precisions) print zeros past the
/// nanoseconds, and larger values print as 12. Years print as java.time's `uuuu` does: at least
/// four digits, `-0001` before year 0, `+10000` after 9999.
///
/// ```
/// use flowlog_core::time::{TrinoZone, text::render_timestamp_tz};
/// let zone = TrinoZone::parse("+07:09").unwrap();
/// // 2001-01-22 03:04:05.321 +07:09 is 2001-01-21T19:55:05.321Z.
/// let nanos = 980_106_905_321_000_000_i128;
/// assert_eq!(render_timestamp_tz(nanos, 3, &zone), "2001-01-22 03:04:05.321 +07:09");
/// assert_eq!(render_timestamp_tz(nanos, 0, &zone), "2001-01-22 03:04:05 +07:09");
/// ```
pub fn render_timestamp_tz(epoch_nanos: i128, precision: u8, zone: &TrinoZone) -> String {
    let seconds = epoch_nanos.div_euclid(NANOS_PER_SECOND);
    let offset = zone.offset_seconds_at(saturating_i64(seconds));
    let local = epoch_nanos + i128::from(offset) * NANOS_PER_SECOND;
    let mut out = render_timestamp(local, precision);
    out.push(' ');
    out.push_str(&zone.id());
    out
}

/// Render `timestamp(p)` (no zone) as Trino prints it: `yyyy-MM-dd HH:mm:ss[.fff…]`, for a
/// wall-clock value given as nanoseconds since 1970-01-01T00:00 (no zone).
///
/// Same rules as [`render_timestamp_tz`] for the precision and the year.
///
/// ```
/// use flowlog_core::time::text::render_timestamp;
/// assert_eq!(render_timestamp(0, 6), "1970-01-01 00:00:00.000000");
/// assert_eq!(render_timestamp(-1, 9), "1969-12-31 23:59:59.999999999");
/// ```
pub fn render_timestamp(local_nanos: i128, precision: u8) -> String {
    let seconds = local_nanos.div_euclid(NANOS_PER_SECOND);
    let nanos = local_nanos.rem_euclid(NANOS_PER_SECOND);
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days_wide(days);
    let mut out = String::with_capacity(40);
    push_java_time_year(&mut out, year);
    let _ = write!(
        out,
        "-{month:02}-{day:02} {:02}:{:02}:{:02}",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    );
    let precision = usize::from(precision.min(12));
    if precision > 0 {
        let digits = format!("{nanos:09}000");
        out.push('.');
        out.push_str(&digits[..precision]);
    }
    out
}

/// DATE as Trino prints it, `yyyy-MM-dd`, from days since 1970-01-01.
///
/// Years below 1000 are zero-padded (`0013-02-02`); years before 0 print as `-0001`; years after
/// 9999 print all their digits with no sign (Joda's ISO date printer).
///
/// ```
/// use flowlog_core::time::text::render_date;
/// assert_eq!(render_date(0), "1970-01-01");
/// assert_eq!(render_date(-719_528), "0000-01-01");
/// ```
pub fn render_date(days: i32) -> String {
    let (year, month, day) = civil_from_days(i64::from(days));
    let mut out = String::with_capacity(12);
    push_signed_padded(&mut out, year, 4);
    let _ = write!(out, "-{month:02}-{day:02}");
    out
}

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// java.time's `uuuu` (`SignStyle.EXCEEDS_PAD`, width 4): `0999`, `-0001`, `+10000`.
fn push_java_time_year(out: &mut String, year: i128) {
    if year > 9999 {
        let _ = write!(out, "+{year}");
    } else if year < 0 {
        let _ = write!(out, "-{:04}", year.unsigned_abs());
    } else {
        let _ = write!(out, "{year:04}");
    }
}

/// Joda's padded signed number: `-` then the magnitude zero-padded to `width` digits.
fn push_signed_padded(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:0width$}", value.unsigned_abs());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::days_from_civil;

    fn zone(s: &str) -> TrinoZone {
        match TrinoZone::parse(s) {
            Ok(zone) => zone,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn renders_timestamp_with_time_zone() {
        // TestTimestampWithTimeZone.testCastToVarchar.
        let weird = zone("+07:09");
        let nanos = 980_106_905_321_000_000;
        assert_eq!(
            render_timestamp_tz(nanos, 3, &weird),
            "2001-01-22 03:04:05.321 +07:09"
        );
        assert_eq!(
            render_timestamp_tz(nanos - 321_000_000, 0, &weird),
            "2001-01-22 03:04:05 +07:09"
        );
        // from_unixtime(980172245, 1, 10).
        let plus_0110 = TrinoZone::from_offset_minutes(70).unwrap_or(TrinoZone::Utc);
        assert_eq!(
            render_timestamp_tz(980_172_245_000_000_000, 3, &plus_0110),
            "2001-01-22 15:14:05.000 +01:10"
        );
        // from_unixtime(7200, zone) in TestDateTimeFunctions.
        let at_7200 = 7_200_000_000_000;
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("Asia/Tokyo")),
            "1970-01-01 11:00:00.000 Asia/Tokyo"
        );
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("Asia/Shanghai")),
            "1970-01-01 10:00:00.000 Asia/Shanghai"
        );
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("Europe/Moscow")),
            "1970-01-01 05:00:00.000 Europe/Moscow"
        );
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("America/New_York")),
            "1969-12-31 21:00:00.000 America/New_York"
        );
        // Athena docs: 2012-10-30 18:00:00.000 America/Los_Angeles.
        assert_eq!(
            render_timestamp_tz(1_351_645_200_000_000_000, 3, &zone("America/Los_Angeles")),
            "2012-10-30 18:00:00.000 America/Los_Angeles"
        );
        // The runbook's from_unixtime(start, 9, 0).
        assert_eq!(
            render_timestamp_tz(1_418_530_010_000_000_000, 3, &zone("+09:00")),
            "2014-12-14 13:06:50.000 +09:00"
        );
        assert_eq!(
            render_timestamp_tz(1_418_530_010_000_000_000, 0, &TrinoZone::Utc),
            "2014-12-14 04:06:50 UTC"
        );
    }

    #[test]
    fn renders_precisions_and_offsets() {
        let kathmandu = zone("Asia/Kathmandu");
        let nanos = 1_588_315_796_123_456_789;
        assert_eq!(
            render_timestamp_tz(nanos, 9, &kathmandu),
            "2020-05-01 12:34:56.123456789 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(nanos, 6, &kathmandu),
            "2020-05-01 12:34:56.123456 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(nanos, 1, &kathmandu),
            "2020-05-01 12:34:56.1 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(nanos, 12, &kathmandu),
            "2020-05-01 12:34:56.123456789000 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(1_588_352_696_123_456_000, 6, &zone("-04:30")),
            "2020-05-01 12:34:56.123456 -04:30"
        );
        assert_eq!(
            render_timestamp_tz(1_588_315_796_000_000_000, 0, &zone("+05:45")),
            "2020-05-01 12:34:56 +05:45"
        );
    }

    #[test]
    fn renders_far_years() {
        // testDateTimeOutputString, with instants computed by java.time.
        assert_eq!(
            render_timestamp_tz(-62_167_158_220 * 1_000_000_000, 0, &zone("Asia/Shanghai")),
            "0000-01-02 01:02:03 Asia/Shanghai"
        );
        assert_eq!(
            render_timestamp_tz(
                -23_214_962_619 * 1_000_000_000 + 233_000_000,
                3,
                &zone("America/Los_Angeles")
            ),
            "1234-05-06 23:23:23.233 America/Los_Angeles"
        );
        assert_eq!(
            render_timestamp_tz(11_459_804_399_999_000_000, 3, &zone("Asia/Tokyo")),
            "2333-02-23 23:59:59.999 Asia/Tokyo"
        );
        // java.time "uuuu-MM-dd HH:mm:ss" on the JDK.
        let day = 86_400 * 1_000_000_000_i128;
        let hms = 3723 * 1_000_000_000_i128;
        assert_eq!(
            render_timestamp(-719_529 * day + hms, 0),
            "-0001-12-31 01:02:03"
        );
        assert_eq!(
            render_timestamp(-1_000_000 * day + hms, 0),
            "-0768-02-04 01:02:03"
        );
        assert_eq!(
            render_timestamp(2_932_897 * day + hms, 0),
            "+10000-01-01 01:02:03"
        );
        assert_eq!(
            render_timestamp(2_932_896 * day + hms, 0),
            "9999-12-31 01:02:03"
        );
        assert_eq!(
            render_timestamp(-678_941 * day + hms, 0),
            "0111-02-15 01:02:03"
        );
        assert_eq!(
            render_timestamp(-3_000_000 * day + hms, 0),
            "-6244-04-12 01:02:03"
        );
        assert_eq!(
            render_timestamp(-62_167_219_201 * 1_000_000_000 + 500_000_000, 1),
            "-0001-12-31 23:59:59.5"
        );
        // Extreme inputs do not panic.
        assert!(!render_timestamp(i128::MAX, 9).is_empty());
        assert!(!render_timestamp_tz(i128::MIN, 9, &zone("Asia/Tokyo")).is_empty());
    }

    #[test]
    fn renders_timestamp_without_zone() {
        // TestDateTimeFunctions.testDateTimeOutputString.
        let day = 86_400 * 1_000_000_000_i128;
        assert_eq!(render_timestamp(15_705 * day, 0), "2012-12-31 00:00:00");
        assert_eq!(render_timestamp(0, 3), "1970-01-01 00:00:00.000");
        assert_eq!(render_timestamp(-1_000_000, 3), "1969-12-31 23:59:59.999");
        assert_eq!(
            render_timestamp(1_588_336_496_123_456_789, 9),
            "2020-05-01 12:34:56.123456789"
        );
        assert_eq!(
            render_timestamp(1_588_336_496_123_456_789, 6),
            "2020-05-01 12:34:56.123456"
        );
    }

    #[test]
    fn renders_dates() {
        // Joda ISODateTimeFormat.date() on the JDK, and TestDateTimeOperators (DATE '13-2-2').
        assert_eq!(render_date(0), "1970-01-01");
        assert_eq!(render_date(-719_528), "0000-01-01");
        assert_eq!(render_date(-719_529), "-0001-12-31");
        assert_eq!(render_date(-719_893), "-0001-01-01");
        assert_eq!(render_date(-1_000_000), "-0768-02-04");
        assert_eq!(render_date(2_932_897), "10000-01-01");
        assert_eq!(render_date(2_932_896), "9999-12-31");
        assert_eq!(render_date(-25_567), "1900-01-01");
        assert_eq!(render_date(16_436), "2015-01-01");
        assert_eq!(render_date(-678_941), "0111-02-15");
        assert_eq!(render_date(days_from_civil(13, 2, 2) as i32), "0013-02-02");
        assert_eq!(render_date(15_705), "2012-12-31");
        assert!(!render_date(i32::MIN).is_empty());
        assert!(!render_date(i32::MAX).is_empty());
    }
}
