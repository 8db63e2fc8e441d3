//! Trino's interval values as text, over the Arrow types DataFusion gives them.
//!
//! ```text
//! Trino type                  Arrow type (as DataFusion plans it)        text
//! interval day to second      Interval(MonthDayNano) with months = 0,    [-]d hh:mm:ss.SSS
//!                             Duration(unit) (timestamp - timestamp)
//! interval year to month      Interval(MonthDayNano) with days = nanos   [-]y-m
//!                             = 0, Interval(YearMonth)
//! ```
//!
//! DataFusion reads every `INTERVAL '…' <unit>` literal as `Interval(MonthDayNano)`, so the
//! Trino type is told from the value: a value with months and nothing else is a year-month
//! interval, anything else a day-to-second one (a day counts 24 hours, as Trino's
//! milliseconds do). A zero interval prints as `0 00:00:00.000` whatever its unit, and a sum
//! of a year-month and a day-to-second interval (an error in Trino) prints both parts
//! (`DEVIATIONS.md`, Date and time).

use arrow::array::{Array, AsArray};
use arrow::datatypes::{
    DataType, DurationMicrosecondType, DurationMillisecondType, DurationNanosecondType,
    DurationSecondType, IntervalDayTimeType, IntervalMonthDayNanoType, IntervalUnit,
    IntervalYearMonthType, TimeUnit,
};

const MILLIS_PER_DAY: i128 = 86_400_000;
const NANOS_PER_MILLI: i128 = 1_000_000;

/// Trino's text of an `interval day to second` of `millis` milliseconds:
/// `[-]d hh:mm:ss.SSS` (the sign applies to the whole value: `-0 11:11:11.111`).
///
/// ```
/// use flowlog_core::functions::datetime::interval::day_to_second_text;
/// assert_eq!(day_to_second_text(31_662_671_111), "366 11:11:11.111");
/// assert_eq!(day_to_second_text(-40_271_111), "-0 11:11:11.111");
/// ```
pub fn day_to_second_text(millis: i128) -> String {
    let sign = if millis < 0 { "-" } else { "" };
    let m = millis.unsigned_abs();
    let day = m / MILLIS_PER_DAY as u128;
    let rest = m % MILLIS_PER_DAY as u128;
    let (hour, minute) = (rest / 3_600_000, rest / 60_000 % 60);
    let (second, milli) = (rest / 1_000 % 60, rest % 1_000);
    format!("{sign}{day} {hour:02}:{minute:02}:{second:02}.{milli:03}")
}

/// Trino's text of an `interval year to month` of `months` months: `[-]y-m`.
///
/// ```
/// use flowlog_core::functions::datetime::interval::year_to_month_text;
/// assert_eq!(year_to_month_text(1_518), "126-6");
/// assert_eq!(year_to_month_text(-69), "-5-9");
/// ```
pub fn year_to_month_text(months: i64) -> String {
    let sign = if months < 0 { "-" } else { "" };
    let m = months.unsigned_abs();
    format!("{sign}{}-{}", m / 12, m % 12)
}

/// Whether `t` is one of the Arrow types that hold interval values.
pub fn is_interval(t: &DataType) -> bool {
    matches!(t, DataType::Interval(_) | DataType::Duration(_))
}

/// The text of the interval at `row` of `array` (not NULL there), or `None` when the array
/// does not hold intervals.
pub fn interval_text(array: &dyn Array, row: usize) -> Option<String> {
    let text = match array.data_type() {
        DataType::Interval(IntervalUnit::YearMonth) => year_to_month_text(i64::from(
            array.as_primitive::<IntervalYearMonthType>().value(row),
        )),
        DataType::Interval(IntervalUnit::DayTime) => {
            let v = array.as_primitive::<IntervalDayTimeType>().value(row);
            day_to_second_text(i128::from(v.days) * MILLIS_PER_DAY + i128::from(v.milliseconds))
        }
        DataType::Interval(IntervalUnit::MonthDayNano) => {
            let v = array.as_primitive::<IntervalMonthDayNanoType>().value(row);
            let millis =
                i128::from(v.days) * MILLIS_PER_DAY + i128::from(v.nanoseconds) / NANOS_PER_MILLI;
            match (v.months, millis) {
                (0, _) => day_to_second_text(millis),
                (months, 0) if v.nanoseconds == 0 => year_to_month_text(i64::from(months)),
                (months, _) => format!(
                    "{} {}",
                    year_to_month_text(i64::from(months)),
                    day_to_second_text(millis)
                ),
            }
        }
        DataType::Duration(unit) => {
            let (value, per_milli) = match unit {
                TimeUnit::Second => (
                    i128::from(array.as_primitive::<DurationSecondType>().value(row)) * 1_000,
                    1,
                ),
                TimeUnit::Millisecond => (
                    i128::from(array.as_primitive::<DurationMillisecondType>().value(row)),
                    1,
                ),
                TimeUnit::Microsecond => (
                    i128::from(array.as_primitive::<DurationMicrosecondType>().value(row)),
                    1_000,
                ),
                TimeUnit::Nanosecond => (
                    i128::from(array.as_primitive::<DurationNanosecondType>().value(row)),
                    NANOS_PER_MILLI,
                ),
            };
            day_to_second_text(value / per_milli)
        }
        _ => return None,
    };
    Some(text)
}

/// A field of an interval qualifier (`DAY TO SECOND`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IntervalField {
    /// `YEAR`
    Year,
    /// `MONTH`
    Month,
    /// `DAY`
    Day,
    /// `HOUR`
    Hour,
    /// `MINUTE`
    Minute,
    /// `SECOND`
    Second,
}

/// Read the text of a Trino interval literal with its qualifier (`'12 10:45:32.123'` with
/// `DAY TO SECOND`, `'124-30'` with `YEAR TO MONTH`) and write the same value in the form
/// DataFusion reads (`12 days 38732.123000000 seconds`, `1518 months`); `None` if the text does
/// not fit the qualifier. Fields missing at the end are zero (`'12 10' DAY TO SECOND` is
/// 12 days 10 hours); a leading sign applies to the whole value.
///
/// ```
/// use flowlog_core::functions::datetime::interval::{IntervalField, literal_text};
/// let t = literal_text("-5 23:59:57.000", IntervalField::Day, IntervalField::Second);
/// assert_eq!(t.as_deref(), Some("-5 days -86397.000000000 seconds"));
/// ```
pub fn literal_text(text: &str, leading: IntervalField, last: IntervalField) -> Option<String> {
    use IntervalField::*;
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let sign = if negative { "-" } else { "" };
    let int = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if leading <= Month {
        let months = match (leading, last) {
            (Year, Year) => int(body)? * 12,
            (Month, Month) => int(body)?,
            (Year, Month) => match body.split_once('-') {
                Some((y, m)) => int(y)? * 12 + int(m)?,
                None => int(body)? * 12,
            },
            _ => return None,
        };
        return Some(format!("{sign}{months} months"));
    }
    if last < leading || last <= Month {
        return None;
    }
    // Split into the fields written, from `leading` on: `d h:m:s.f`.
    let (days, clock) = if leading == Day {
        match body.split_once(' ') {
            Some((d, rest)) => (int(d)?, Some(rest)),
            None => (int(body)?, None),
        }
    } else {
        (0, Some(body))
    };
    let mut nanos: i128 = 0;
    if let Some(clock) = clock {
        let parts: Vec<&str> = clock.split(':').collect();
        let first = if leading == Day { Hour } else { leading };
        let fields = [Hour, Minute, Second];
        let start = fields.iter().position(|f| *f == first)?;
        if start + parts.len() > fields.len() || fields[start + parts.len() - 1] > last {
            return None;
        }
        for (i, part) in parts.iter().enumerate() {
            let field = fields[start + i];
            let (whole, fraction) = match part.split_once('.') {
                Some((w, f)) if field == Second => (w, f),
                Some(_) => return None,
                None => (*part, ""),
            };
            let per: i128 = match field {
                Hour => 3_600_000_000_000,
                Minute => 60_000_000_000,
                _ => 1_000_000_000,
            };
            nanos += i128::from(int(whole)?) * per;
            if !fraction.is_empty() {
                if fraction.len() > 9 || int(fraction).is_none() {
                    return None;
                }
                nanos += format!("{fraction:0<9}").parse::<i128>().ok()?;
            }
        }
    }
    let (secs, frac) = (nanos / 1_000_000_000, nanos % 1_000_000_000);
    Some(format!("{sign}{days} days {sign}{secs}.{frac:09} seconds"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_with_qualifiers_read_as_trino() {
        use IntervalField::*;
        let t = |s, a, b| literal_text(s, a, b);
        assert_eq!(t("124-30", Year, Month).as_deref(), Some("1518 months"));
        assert_eq!(t("124", Year, Month).as_deref(), Some("1488 months"));
        assert_eq!(t("-3-11", Year, Month).as_deref(), Some("-47 months"));
        assert_eq!(
            t("12 10", Day, Second).as_deref(),
            Some("12 days 36000.000000000 seconds")
        );
        assert_eq!(
            t("45:32.12", Minute, Second).as_deref(),
            Some("0 days 2732.120000000 seconds")
        );
        assert_eq!(t("10:45:32", Hour, Minute), None);
        assert_eq!(t("x", Day, Second), None);
    }
    use arrow::array::{DurationMillisecondArray, IntervalMonthDayNanoArray};
    use arrow::datatypes::IntervalMonthDayNano;

    #[test]
    fn day_to_second_values_print_as_trino() {
        assert_eq!(day_to_second_text(1_075_532_123), "12 10:45:32.123");
        assert_eq!(day_to_second_text(-1_075_532_123), "-12 10:45:32.123");
        assert_eq!(day_to_second_text(-518_397_000), "-5 23:59:57.000");
        assert_eq!(day_to_second_text(0), "0 00:00:00.000");
    }

    #[test]
    fn year_to_month_values_print_as_trino() {
        assert_eq!(year_to_month_text(47), "3-11");
        assert_eq!(year_to_month_text(-47), "-3-11");
        assert_eq!(year_to_month_text(30), "2-6");
    }

    #[test]
    fn month_day_nano_values_take_the_type_their_fields_show() {
        let a = IntervalMonthDayNanoArray::from(vec![
            IntervalMonthDayNano::new(0, 6, 3_000_000_000),
            IntervalMonthDayNano::new(75, 0, 0),
            IntervalMonthDayNano::new(1, 1, 0),
        ]);
        assert_eq!(interval_text(&a, 0).as_deref(), Some("6 00:00:03.000"));
        assert_eq!(interval_text(&a, 1).as_deref(), Some("6-3"));
        assert_eq!(interval_text(&a, 2).as_deref(), Some("0-1 1 00:00:00.000"));
        let d = DurationMillisecondArray::from(vec![-31_662_671_111]);
        assert_eq!(interval_text(&d, 0).as_deref(), Some("-366 11:11:11.111"));
    }
}
