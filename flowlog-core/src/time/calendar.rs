//! The proleptic Gregorian calendar: civil dates ⇄ day counts, leap years, month lengths.
//!
//! Trino (java.time and Joda-Time's ISO chronology) reckons every date in the proleptic
//! Gregorian calendar with a year 0 (1 BC), over years far outside chrono's ±262,143, so the
//! conversions here work on plain integers: days since 1970-01-01 and (year, month, day).
//!
//! ```
//! use flowlog_core::time::calendar::{civil_from_days, days_from_civil, days_in_month};
//! assert_eq!(civil_from_days(0), (1970, 1, 1));
//! assert_eq!(days_from_civil(2000, 2, 29), 11_016);
//! assert_eq!(days_in_month(1900, 2), 28);
//! ```

/// Whether `year` is a leap year (year 0 is; 1900 is not; 2000 is).
pub fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Days in `month` (1-12) of `year`; 0 for a month outside 1-12.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether (year, month, day) is a date: month 1-12, day 1 to the month's length.
pub fn is_valid_date(year: i64, month: u32, day: u32) -> bool {
    (1..=days_in_month(year, month)).contains(&day)
}

/// (year, month 1-12, day 1-31) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let (year, month, day) = civil_from_days_wide(i128::from(days));
    // |days| <= i64::MAX gives |year| < i64::MAX / 365, so this cannot saturate.
    (saturating_i64(year), month, day)
}

/// [`civil_from_days`] over i128, for nanosecond timestamps far from the epoch.
pub fn civil_from_days_wide(days: i128) -> (i128, u32, u32) {
    // Days are counted in 400-year eras starting on 0000-03-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // 0..=146_096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365, from March 1st
    let mp = (5 * doy + 2) / 153; // 0..=11, March = 0
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a date (inverse of [`civil_from_days`]).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// ISO day of the week of a day count since 1970-01-01: Monday = 1 .. Sunday = 7.
pub fn day_of_week(days: i64) -> i64 {
    // 1970-01-01 was a Thursday (4).
    (days + 3).rem_euclid(7) + 1
}

/// The ISO week date of a day count: (week-based year, week 1-53). Weeks start on Monday and
/// belong to the year of their Thursday.
pub fn iso_week(days: i64) -> (i64, i64) {
    let thursday = days - day_of_week(days) + 4;
    let (year, _, _) = civil_from_days(thursday);
    (year, (thursday - days_from_civil(year, 1, 1)) / 7 + 1)
}

/// An i128 clamped into i64.
pub(crate) fn saturating_i64(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        for days in (-800_000..800_000)
            .step_by(997)
            .chain([-1, 0, 1, 59, 60, 365, 11_016])
        {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        // 2000-02-29 and 1900-03-01 (1900 is not a leap year).
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
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
            (2024, 4, 30),
            (2024, 12, 31),
            (0, 2, 29),
            (-1, 2, 28),
        ];
        for (y, m, d) in cases {
            assert_eq!(days_in_month(y, m), d, "{y}-{m}");
            let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let length = days_from_civil(next.0, next.1, 1) - days_from_civil(y, m, 1);
            assert_eq!(i64::from(days_in_month(y, m)), length, "{y}-{m}");
        }
        assert_eq!(days_in_month(2023, 13), 0);
        assert!(is_valid_date(2024, 2, 29) && !is_valid_date(2023, 2, 29));
        assert!(
            !is_valid_date(2023, 0, 1) && !is_valid_date(2023, 13, 1) && !is_valid_date(2023, 1, 0)
        );
    }
}
