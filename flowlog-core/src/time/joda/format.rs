//! Printing an instant with a compiled Joda-Time pattern (`DateTimeFormatter.print`).

use std::fmt::Write as _;

use super::pattern::{Item, JodaPattern, NumberField, TextField};
use crate::time::TrinoZone;
use crate::time::calendar::{civil_from_days, day_of_week, days_from_civil, iso_week};
use crate::time::pattern::{DAYS, DAYS_SHORT, MONTHS, MONTHS_SHORT};

impl JodaPattern {
    /// Formats an instant (`epoch_millis`, already rounded to milliseconds as Trino does) as
    /// seen in `zone`. For a `TIMESTAMP` without time zone pass the wall-clock value as if it
    /// were UTC, with [`TrinoZone::Utc`].
    ///
    /// ```
    /// use flowlog_core::time::joda::JodaPattern;
    /// use flowlog_core::time::TrinoZone;
    /// let kathmandu = TrinoZone::parse("Asia/Kathmandu").unwrap();
    /// let pattern = JodaPattern::parse("yyyy-MM-dd HH:mm:ss.SSS Z").unwrap();
    /// // TIMESTAMP '2020-05-10 12:34:56.556 Asia/Kathmandu'
    /// assert_eq!(pattern.format(1_589_093_396_556, &kathmandu), "2020-05-10 12:34:56.556 +0545");
    /// ```
    pub fn format(&self, epoch_millis: i64, zone: &TrinoZone) -> String {
        let mut out = String::new();
        self.format_into(epoch_millis, zone, &mut out);
        out
    }

    /// Like [`Self::format`], appending to `out` (so a caller formatting many values can
    /// reuse one buffer).
    pub fn format_into(&self, epoch_millis: i64, zone: &TrinoZone, out: &mut String) {
        let offset_seconds = zone.offset_seconds_at(epoch_millis.div_euclid(1000));
        let local = LocalFields::new(i128::from(epoch_millis) + i128::from(offset_seconds) * 1000);
        for item in &self.items {
            match item {
                Item::Literal(text) => out.push_str(text),
                Item::Number(number) => {
                    push_padded(out, local.number(number.field), number.min_digits);
                }
                Item::TwoDigitYear { weekyear, .. } => {
                    let year = if *weekyear {
                        local.weekyear
                    } else {
                        local.year
                    };
                    let _ = write!(out, "{:02}", year.unsigned_abs() % 100);
                }
                Item::Text(field) => out.push_str(local.text(*field)),
                Item::Fraction { digits } => push_fraction(out, local.millis, *digits),
                Item::ZoneName { long } => out.push_str(&zone.joda_name(epoch_millis, *long)),
                Item::ZoneOffset { colon } => push_offset(out, offset_seconds, *colon),
                Item::ZoneId => out.push_str(&zone.joda_id()),
            }
        }
    }
}

/// The calendar fields of a local date-time (ISO chronology, proleptic Gregorian).
#[derive(Debug, Clone, Copy)]
struct LocalFields {
    /// Proleptic year; 0 is 1 BC.
    year: i64,
    /// 1-12.
    month: u32,
    /// 1-31.
    day: u32,
    /// 1-366.
    day_of_year: u32,
    /// 1 (Monday) to 7 (Sunday).
    day_of_week: u32,
    /// ISO week-based year.
    weekyear: i64,
    /// ISO week, 1-53.
    week: u32,
    /// 0-23.
    hour: u32,
    /// 0-59.
    minute: u32,
    /// 0-59.
    second: u32,
    /// 0-999.
    millis: u32,
}

impl LocalFields {
    /// Fields of a local time given in milliseconds since 1970-01-01T00:00.
    fn new(local_millis: i128) -> LocalFields {
        let days =
            i64::try_from(local_millis.div_euclid(86_400_000)).unwrap_or(if local_millis < 0 {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            });
        // rem_euclid is within 0..86_400_000, so it fits a u32.
        let millis_of_day = local_millis.rem_euclid(86_400_000) as u32;
        let (year, month, day) = civil_from_days(days);
        let day_of_year = (days - days_from_civil(year, 1, 1) + 1) as u32;
        let (weekyear, week) = iso_week(days);
        LocalFields {
            year,
            month,
            day,
            day_of_year,
            day_of_week: day_of_week(days) as u32,
            weekyear,
            week: week as u32,
            hour: millis_of_day / 3_600_000,
            minute: millis_of_day / 60_000 % 60,
            second: millis_of_day / 1000 % 60,
            millis: millis_of_day % 1000,
        }
    }

    /// Year of era: 1 BC is 1, 2 BC is 2.
    fn year_of_era(&self) -> i64 {
        if self.year <= 0 {
            1 - self.year
        } else {
            self.year
        }
    }

    /// The value of a decimal field.
    fn number(&self, field: NumberField) -> i64 {
        let halfday_hour = self.hour % 12;
        match field {
            // Joda's ISO century drops the sign of the year (it does not use the year of era).
            NumberField::CenturyOfEra => self.year.abs() / 100,
            NumberField::YearOfEra => self.year_of_era(),
            NumberField::Year => self.year,
            NumberField::Weekyear => self.weekyear,
            NumberField::WeekOfWeekyear => i64::from(self.week),
            NumberField::DayOfWeek => i64::from(self.day_of_week),
            NumberField::DayOfYear => i64::from(self.day_of_year),
            NumberField::MonthOfYear => i64::from(self.month),
            NumberField::DayOfMonth => i64::from(self.day),
            NumberField::HourOfHalfday => i64::from(halfday_hour),
            NumberField::ClockhourOfHalfday => {
                i64::from(if halfday_hour == 0 { 12 } else { halfday_hour })
            }
            NumberField::HourOfDay => i64::from(self.hour),
            NumberField::ClockhourOfDay => i64::from(if self.hour == 0 { 24 } else { self.hour }),
            NumberField::MinuteOfHour => i64::from(self.minute),
            NumberField::SecondOfMinute => i64::from(self.second),
        }
    }

    /// The English text of a text field.
    fn text(&self, field: TextField) -> &'static str {
        let month = (self.month as usize).saturating_sub(1) % 12;
        let day = (self.day_of_week as usize).saturating_sub(1) % 7;
        match field {
            TextField::Era => {
                if self.year <= 0 {
                    "BC"
                } else {
                    "AD"
                }
            }
            TextField::Halfday => {
                if self.hour < 12 {
                    "AM"
                } else {
                    "PM"
                }
            }
            TextField::MonthShort => MONTHS_SHORT[month],
            TextField::MonthLong => MONTHS[month],
            TextField::DayOfWeekShort => DAYS_SHORT[day],
            TextField::DayOfWeekLong => DAYS[day],
        }
    }
}

/// Joda's `FormatUtils.appendPaddedInteger`: `-` for negatives, then the magnitude zero-padded
/// to `width` digits.
///
/// Joda counts the digits of values of 10,000 and more with a floating-point logarithm, which
/// counts one digit short for exactly 1,000,000 and 1,000,000,000, and so pads them with one zero
/// too many; this is reproduced.
fn push_padded(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let magnitude = value.unsigned_abs();
    let digits = magnitude.checked_ilog10().map_or(1, |log| log as usize + 1);
    let counted = if magnitude == 1_000_000 || magnitude == 1_000_000_000 {
        digits - 1
    } else {
        digits
    };
    for _ in counted..width {
        out.push('0');
    }
    // Dates and times are mostly one or two digits: skip the formatting machinery.
    match magnitude {
        0..=9 => out.push(char::from(b'0' + magnitude as u8)),
        10..=99 => {
            out.push(char::from(b'0' + (magnitude / 10) as u8));
            out.push(char::from(b'0' + (magnitude % 10) as u8));
        }
        _ => {
            let _ = write!(out, "{magnitude}");
        }
    }
}

/// Joda's `Fraction` printer for `digits` letters `S`, from the milliseconds of the second.
///
/// Digits past the milliseconds are zeros; at most 15 digits are computed (Joda scales within a
/// `long`), but a zero fraction prints all `digits` zeros.
fn push_fraction(out: &mut String, millis: u32, digits: usize) {
    if millis == 0 {
        out.extend(std::iter::repeat_n('0', digits));
        return;
    }
    let computed = digits.min(15);
    let scaled = u64::from(millis) * 10_u64.pow(computed as u32) / 1000;
    let _ = write!(out, "{scaled:0computed$}");
}

/// Joda's `TimeZoneOffset` printer with two fields: `+HHMM` or `+HH:MM` (seconds dropped).
fn push_offset(out: &mut String, offset_seconds: i32, colon: bool) {
    out.push(if offset_seconds < 0 { '-' } else { '+' });
    let total = offset_seconds.unsigned_abs();
    let separator = if colon { ":" } else { "" };
    let _ = write!(out, "{:02}{separator}{:02}", total / 3600, total / 60 % 60);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(s: &str) -> TrinoZone {
        TrinoZone::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn format(pattern: &str, epoch_millis: i64, zone_id: &str) -> String {
        match JodaPattern::parse(pattern) {
            Ok(compiled) => compiled.format(epoch_millis, &zone(zone_id)),
            Err(e) => panic!("{pattern}: {e}"),
        }
    }

    /// (epoch millis, zone, pattern, expected). Expected values were printed by Joda-Time 2.10.14
    /// (`DateTimeFormat.forPattern(p).withChronology(ISOChronology.getInstance(zone))
    /// .withLocale(Locale.ENGLISH).print(millis)`, as Trino calls it) on JDK 17.
    #[rustfmt::skip]
    const JODA_PRINTED: &[(i64, &str, &str, &str)] = &[
        (998449445321, "UTC", "YYYY/MM/dd HH:mm", "2001/08/22 03:04"),
        (998449445321, "UTC", "G C CC Y YY YYY YYYY YYYYY", "AD 20 20 2001 01 2001 2001 02001"),
        (998449445321, "UTC", "x xx xxx xxxx w ww www e ee E EE EEE EEEE", "2001 01 2001 2001 34 34 034 3 03 Wed Wed Wed Wednesday"),
        (998449445321, "UTC", "y yy yyy yyyy yyyyy D DD DDD DDDD", "2001 01 2001 2001 02001 234 234 234 0234"),
        (998449445321, "UTC", "M MM MMM MMMM MMMMM d dd ddd", "8 08 Aug August August 22 22 022"),
        (998449445321, "UTC", "a K KK h hh H HH k kk m mm s ss", "AM 3 03 3 03 3 03 3 03 4 04 5 05"),
        (998449445321, "UTC", "S SS SSS SSSS SSSSSS SSSSSSSSS", "3 32 321 3210 321000 321000000"),
        (998449445321, "UTC", "z zz zzz zzzz Z ZZ ZZZ ZZZZ", "UTC UTC UTC Coordinated Universal Time +0000 +00:00 UTC UTC"),
        (998449445321, "UTC", "'T' '' 'it''s' 'unterminated", "T ' it's unterminated"),
        (998449445321, "UTC", "yyyy-MM-dd'T'HH:mm:ss.SSSZZ", "2001-08-22T03:04:05.321+00:00"),
        (998449445321, "UTC", "yyyy年MM月dd日", "2001年08月22日"),
        (998449445321, "UTC", "[yyyy] #!? ~", "[2001] #!? ~"),
        (998423705321, "+07:09", "YYYY/MM/dd HH:mm ZZZZ", "2001/08/22 03:04 +07:09"),
        (998423705321, "+07:09", "z zzzz Z ZZ ZZZ", "+07:09 +07:09 +0709 +07:09 +07:09"),
        (1589093396556, "Asia/Kathmandu", "yyyy-MM-dd HH:mm:ss.SSS Z", "2020-05-10 12:34:56.556 +0545"),
        (1589093396556, "Asia/Kathmandu", "z zzzz ZZ ZZZ", "NPT Nepal Time +05:45 Asia/Kathmandu"),
        (979045445321, "UTC", "EEE", "Tue"),
        (979045445321, "UTC", "EEEE", "Tuesday"),
        (979045445321, "UTC", "a", "PM"),
        (979045445321, "UTC", "MMM", "Jan"),
        (979045445321, "UTC", "MMMM", "January"),
        (1418530010000, "+09:00", "yyyy-MM-dd HH:mm:ss", "2014-12-14 13:06:50"),
        (1418530010000, "UTC", "yyyy-MM-dd HH:mm:ss", "2014-12-14 04:06:50"),
        (1418566010000, "+09:00", "yyyy-MM-dd HH:mm:ss", "2014-12-14 23:06:50"),
        (1418566010000, "UTC", "yyyy-MM-dd", "2014-12-14"),
        (1418569200000, "+09:00", "yyyy-MM-dd HH:mm:ss", "2014-12-15 00:00:00"),
        (1418569199999, "+09:00", "yyyy-MM-dd HH:mm:ss.SSS", "2014-12-14 23:59:59.999"),
        (1420086599000, "-04:30", "yyyy-MM-dd HH:mm:ss Z", "2014-12-31 23:59:59 -0430"),
        (1420086600000, "-04:30", "yyyy-MM-dd HH:mm:ss ZZ", "2015-01-01 00:00:00 -04:30"),
        (1614816306000, "UTC", "H k K h a", "0 24 0 12 AM"),
        (1614819906000, "UTC", "H k K h a", "1 1 1 1 AM"),
        (1614855906000, "UTC", "H k K h a", "11 11 11 11 AM"),
        (1614859506000, "UTC", "H k K h a", "12 12 0 12 PM"),
        (1614863106000, "UTC", "H k K h a", "13 13 1 1 PM"),
        (1614899106000, "UTC", "H k K h a", "23 23 11 11 PM"),
        (1230552000000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2009-01-1 2008-12-29 Mon 09"),
        (1230811200000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2009-01-4 2009-01-01 Thu 09"),
        (1262520000000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2009-53-7 2010-01-03 Sun 09"),
        (1262606400000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2010-01-1 2010-01-04 Mon 10"),
        (1451563200000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2015-53-4 2015-12-31 Thu 15"),
        (1451822400000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2015-53-7 2016-01-03 Sun 15"),
        (1609416000000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2020-53-4 2020-12-31 Thu 20"),
        (1609675200000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2020-53-7 2021-01-03 Sun 20"),
        (1798718400000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2026-53-4 2026-12-31 Thu 26"),
        (1798804800000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2026-53-5 2027-01-01 Fri 26"),
        (-1, "UTC", "yyyy-MM-dd HH:mm:ss.SSS", "1969-12-31 23:59:59.999"),
        (-1001, "UTC", "yyyy-MM-dd HH:mm:ss.SSS S SS", "1969-12-31 23:59:58.999 9 99"),
        (-995, "UTC", "SSS SS S", "005 00 0"),
        (-62135596800000, "UTC", "G yyyy YYYY C yy", "AD 0001 0001 0 01"),
        (-62135596800001, "UTC", "G yyyy YYYY C yy", "BC 0000 0001 0 00"),
        (-62198755200000, "UTC", "G y yyyy Y YYYY C CC yy YY xxxx", "BC -1 -0001 2 0002 0 00 01 01 -0002"),
        (-66951331200000, "UTC", "G y yyyy Y YYYY C CC yy x", "BC -152 -0152 153 0153 1 01 52 -152"),
        (-5000000000000, "UTC", "G y Y C yy", "AD 1811 1811 18 11"),
        (1609459200000, "UTC", "S SS SSS SSSS", "0 00 000 0000"),
        (1609459200000, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "000000000000000 0000000000000000"),
        (1609459200007, "UTC", "S SS SSS SSSS", "0 00 007 0070"),
        (1609459200007, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "007000000000000 007000000000000"),
        (1609459200070, "UTC", "S SS SSS SSSS", "0 07 070 0700"),
        (1609459200070, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "070000000000000 070000000000000"),
        (1609459200999, "UTC", "S SS SSS SSSS", "9 99 999 9990"),
        (1609459200999, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "999000000000000 999000000000000"),
        (1610712000000, "Asia/Tokyo", "z|zzzz|Z|ZZ|ZZZ", "JST|Japan Standard Time|+0900|+09:00|Asia/Tokyo"),
        (1626350400000, "Asia/Tokyo", "z|zzzz|Z|ZZ|ZZZ", "JST|Japan Standard Time|+0900|+09:00|Asia/Tokyo"),
        (1610712000000, "America/Los_Angeles", "z|zzzz|Z|ZZ|ZZZ", "PST|Pacific Standard Time|-0800|-08:00|America/Los_Angeles"),
        (1626350400000, "America/Los_Angeles", "z|zzzz|Z|ZZ|ZZZ", "PDT|Pacific Daylight Time|-0700|-07:00|America/Los_Angeles"),
        (1610712000000, "America/New_York", "z|zzzz|Z|ZZ|ZZZ", "EST|Eastern Standard Time|-0500|-05:00|America/New_York"),
        (1626350400000, "America/New_York", "z|zzzz|Z|ZZ|ZZZ", "EDT|Eastern Daylight Time|-0400|-04:00|America/New_York"),
        (1610712000000, "Europe/London", "z|zzzz|Z|ZZ|ZZZ", "GMT|Greenwich Mean Time|+0000|+00:00|Europe/London"),
        (1626350400000, "Europe/London", "z|zzzz|Z|ZZ|ZZZ", "BST|British Summer Time|+0100|+01:00|Europe/London"),
        (1610712000000, "Europe/Dublin", "z|zzzz|Z|ZZ|ZZZ", "GMT|Greenwich Mean Time|+0000|+00:00|Europe/Dublin"),
        (1626350400000, "Europe/Dublin", "z|zzzz|Z|ZZ|ZZZ", "IST|Irish Standard Time|+0100|+01:00|Europe/Dublin"),
        (1610712000000, "Australia/Sydney", "z|zzzz|Z|ZZ|ZZZ", "AEDT|Australian Eastern Daylight Time|+1100|+11:00|Australia/Sydney"),
        (1626350400000, "Australia/Sydney", "z|zzzz|Z|ZZ|ZZZ", "AEST|Australian Eastern Standard Time|+1000|+10:00|Australia/Sydney"),
        (1610712000000, "US/Pacific", "z|zzzz|Z|ZZ|ZZZ", "PST|Pacific Standard Time|-0800|-08:00|America/Los_Angeles"),
        (1626350400000, "US/Pacific", "z|zzzz|Z|ZZ|ZZZ", "PDT|Pacific Daylight Time|-0700|-07:00|America/Los_Angeles"),
        (1610712000000, "Asia/Calcutta", "z|zzzz|Z|ZZ|ZZZ", "IST|India Standard Time|+0530|+05:30|Asia/Kolkata"),
        (1626350400000, "Asia/Calcutta", "z|zzzz|Z|ZZ|ZZZ", "IST|India Standard Time|+0530|+05:30|Asia/Kolkata"),
        (1610712000000, "Pacific/Apia", "z|zzzz|Z|ZZ|ZZZ", "WSDT|Apia Daylight Time|+1400|+14:00|Pacific/Apia"),
        (1626350400000, "Pacific/Apia", "z|zzzz|Z|ZZ|ZZZ", "WSST|Apia Standard Time|+1300|+13:00|Pacific/Apia"),
        (1614834367000, "UTC", "dddd MMMMM HHHH yyyyyyyy eeee DDDDD", "0004 March 0005 00002021 0004 00063"),
        (253402300799999, "UTC", "yyyy yyyyyy YYYYYY xxxxxx C", "9999 009999 009999 009999 99"),
        (1614834367000, "UTC", "yyyyyyyyyyyy", "000000002021"),
        (-3786825600000, "America/Los_Angeles", "yyyy-MM-dd HH:mm:ss Z ZZ z", "1849-12-31 16:07:02 -0752 -07:52 PST"),
    ];

    #[test]
    fn matches_joda_output() {
        for (millis, zone_id, pattern, expected) in JODA_PRINTED {
            assert_eq!(
                format(pattern, *millis, zone_id),
                *expected,
                "{pattern} at {millis} in {zone_id}"
            );
        }
    }

    #[test]
    fn trino_format_datetime_cases() {
        // TestDateTimeFunctions.testFormatDatetime: TIMESTAMP '2001-08-22 03:04:05.321' (UTC) and
        // TIMESTAMP '2001-08-22 03:04:05.321 +07:09'.
        assert_eq!(
            format("YYYY/MM/dd HH:mm", 998_449_445_321, "UTC"),
            "2001/08/22 03:04"
        );
        assert_eq!(
            format("YYYY/MM/dd HH:mm", 998_423_705_321, "+07:09"),
            "2001/08/22 03:04"
        );
        assert_eq!(
            format("YYYY/MM/dd HH:mm ZZZZ", 998_423_705_321, "+07:09"),
            "2001/08/22 03:04 +07:09"
        );
        // TestTimestampWithTimeZone.testFormatDateTime (the value rounded to .556 first).
        assert_eq!(
            format(
                "yyyy-MM-dd HH:mm:ss.SSS Z",
                1_589_093_396_556,
                "Asia/Kathmandu"
            ),
            "2020-05-10 12:34:56.556 +0545"
        );
        // testLocale's fields, in English: TIMESTAMP '2001-01-09 13:04:05.321'.
        let t = 979_045_445_321;
        assert_eq!(format("EEE", t, "UTC"), "Tue");
        assert_eq!(format("EEEE", t, "UTC"), "Tuesday");
        assert_eq!(format("a", t, "UTC"), "PM");
        assert_eq!(format("MMM", t, "UTC"), "Jan");
        assert_eq!(format("MMMM", t, "UTC"), "January");
    }

    #[test]
    fn runbook_pattern_on_from_unixtime_start_9_0() {
        // from_unixtime(1418530010, 9, 0) is 2014-12-14 13:06:50.000 +09:00.
        let plus_nine = TrinoZone::from_offset_minutes(9 * 60).unwrap_or(TrinoZone::Utc);
        let pattern = JodaPattern::parse("yyyy-MM-dd HH:mm:ss").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            pattern.format(1_418_530_010_000, &plus_nine),
            "2014-12-14 13:06:50"
        );
        // 14:59:59 UTC is the last second of the day at +09:00; 15:00:00 is the next day.
        assert_eq!(
            pattern.format(1_418_569_199_000, &plus_nine),
            "2014-12-14 23:59:59"
        );
        assert_eq!(
            pattern.format(1_418_569_200_000, &plus_nine),
            "2014-12-15 00:00:00"
        );
        assert_eq!(
            pattern.format(1_418_569_200_000, &TrinoZone::Utc),
            "2014-12-14 15:00:00"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(format("'T'", 0, "UTC"), "T");
        assert_eq!(format("''", 0, "UTC"), "'");
        assert_eq!(format("'", 0, "UTC"), "");
        assert_eq!(format("'o''clock' h", 0, "UTC"), "o'clock 12");
        assert_eq!(format("'yyyy", 0, "UTC"), "yyyy");
        assert_eq!(format("HH'h'mm", 0, "UTC"), "00h00");
        assert_eq!(format("日付: yyyy", 0, "UTC"), "日付: 1970");
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let pattern =
            JodaPattern::parse("G yyyy-MM-dd HH:mm:ss.SSS xxxx-ww-e C YY z zzzz Z ZZ ZZZ")
                .unwrap_or_else(|e| panic!("{e}"));
        for zone_id in ["UTC", "+14:00", "-14:00", "Asia/Tokyo", "Europe/Dublin"] {
            for millis in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX] {
                assert!(!pattern.format(millis, &zone(zone_id)).is_empty());
            }
        }
    }

    #[test]
    fn far_future_keeps_daylight_saving() {
        // chrono-tz stops at 2099; Joda applies the rules forever: 2500-07-01 is EDT.
        let pattern = JodaPattern::parse_in_year("yyyy-MM-dd HH:mm z", 2026)
            .unwrap_or_else(|e| panic!("{e}"));
        let new_york = zone("America/New_York");
        let parsed = pattern.parse_instant("2500-07-01 12:00 EST", &TrinoZone::Utc);
        assert_eq!(parsed.map(|p| p.epoch_millis), Ok(16_740_921_600_000));
        assert_eq!(
            pattern.format(16_740_921_600_000, &new_york),
            "2500-07-01 12:00 EDT"
        );
    }

    #[test]
    fn padding_quirk_for_powers_of_ten() {
        // Joda's appendPaddedInteger counts 1,000,000 as six digits, so pads one zero too many.
        let mut out = String::new();
        push_padded(&mut out, 1_000_000, 8);
        assert_eq!(out, "001000000");
        out.clear();
        push_padded(&mut out, 999_999, 8);
        assert_eq!(out, "00999999");
        out.clear();
        push_padded(&mut out, -5, 4);
        assert_eq!(out, "-0005");
    }
}
