//! Joda-Time's field resolution (`DateTimeParserBucket.computeMillis`): parsed fields set
//! largest first on 1970-01-01T00:00, each range-checked for the date built so far.

use super::JodaError;
use super::pattern::{NumberField, TextField};
use crate::time::calendar::{
    civil_from_days, day_of_week, days_from_civil, days_in_month, is_leap, iso_week,
};

/// What the elements parsed: fields in parse order, and an offset or zone.
#[derive(Debug, Default)]
pub(super) struct Bucket {
    /// Field values in the order they were parsed.
    pub(super) fields: Vec<(ParseField, i64)>,
    /// A parsed offset (`Z`, `ZZ`), in milliseconds.
    pub(super) offset_millis: Option<i32>,
    /// A parsed zone (`ZZZ`, `z`), as Joda's canonical id.
    pub(super) zone: Option<&'static str>,
}

/// The fields a parse can set, with Joda's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ParseField {
    Era,
    CenturyOfEra,
    YearOfEra,
    Year,
    Weekyear,
    WeekOfWeekyear,
    DayOfWeek,
    DayOfYear,
    MonthOfYear,
    DayOfMonth,
    HalfdayOfDay,
    HourOfHalfday,
    ClockhourOfHalfday,
    HourOfDay,
    ClockhourOfDay,
    MinuteOfHour,
    SecondOfMinute,
    MillisOfSecond,
}

impl From<NumberField> for ParseField {
    fn from(field: NumberField) -> ParseField {
        match field {
            NumberField::CenturyOfEra => ParseField::CenturyOfEra,
            NumberField::YearOfEra => ParseField::YearOfEra,
            NumberField::Year => ParseField::Year,
            NumberField::Weekyear => ParseField::Weekyear,
            NumberField::WeekOfWeekyear => ParseField::WeekOfWeekyear,
            NumberField::DayOfWeek => ParseField::DayOfWeek,
            NumberField::DayOfYear => ParseField::DayOfYear,
            NumberField::MonthOfYear => ParseField::MonthOfYear,
            NumberField::DayOfMonth => ParseField::DayOfMonth,
            NumberField::HourOfHalfday => ParseField::HourOfHalfday,
            NumberField::ClockhourOfHalfday => ParseField::ClockhourOfHalfday,
            NumberField::HourOfDay => ParseField::HourOfDay,
            NumberField::ClockhourOfDay => ParseField::ClockhourOfDay,
            NumberField::MinuteOfHour => ParseField::MinuteOfHour,
            NumberField::SecondOfMinute => ParseField::SecondOfMinute,
        }
    }
}

impl From<TextField> for ParseField {
    fn from(field: TextField) -> ParseField {
        match field {
            TextField::Era => ParseField::Era,
            TextField::Halfday => ParseField::HalfdayOfDay,
            TextField::MonthShort | TextField::MonthLong => ParseField::MonthOfYear,
            TextField::DayOfWeekShort | TextField::DayOfWeekLong => ParseField::DayOfWeek,
        }
    }
}

pub(super) const SECOND: i128 = 1000;
const MINUTE: i128 = 60 * SECOND;
const HOUR: i128 = 60 * MINUTE;
const HALFDAY: i128 = 12 * HOUR;
const DAY: i128 = 24 * HOUR;
const WEEK: i128 = 7 * DAY;
/// Joda's average Gregorian year, month and century, for ordering fields.
const YEAR: i128 = 31_556_952_000;
const MONTH: i128 = YEAR / 12;
const CENTURY: i128 = 100 * YEAR;
/// Joda's ISO year range (`setExtended` allows one more at each end).
const MIN_YEAR: i64 = -292_275_054;
const MAX_YEAR: i64 = 292_278_993;

impl ParseField {
    /// Joda's field name, as in its error messages.
    fn name(self) -> &'static str {
        match self {
            ParseField::Era => "era",
            ParseField::CenturyOfEra => "centuryOfEra",
            ParseField::YearOfEra => "yearOfEra",
            ParseField::Year => "year",
            ParseField::Weekyear => "weekyear",
            ParseField::WeekOfWeekyear => "weekOfWeekyear",
            ParseField::DayOfWeek => "dayOfWeek",
            ParseField::DayOfYear => "dayOfYear",
            ParseField::MonthOfYear => "monthOfYear",
            ParseField::DayOfMonth => "dayOfMonth",
            ParseField::HalfdayOfDay => "halfdayOfDay",
            ParseField::HourOfHalfday => "hourOfHalfday",
            ParseField::ClockhourOfHalfday => "clockhourOfHalfday",
            ParseField::HourOfDay => "hourOfDay",
            ParseField::ClockhourOfDay => "clockhourOfDay",
            ParseField::MinuteOfHour => "minuteOfHour",
            ParseField::SecondOfMinute => "secondOfMinute",
            ParseField::MillisOfSecond => "millisOfSecond",
        }
    }

    /// (unit of the field's range, unit of the field), `None` where Joda has none (eras).
    fn durations(self) -> (Option<i128>, Option<i128>) {
        match self {
            ParseField::Era => (None, None),
            ParseField::CenturyOfEra => (None, Some(CENTURY)),
            ParseField::YearOfEra | ParseField::Year | ParseField::Weekyear => (None, Some(YEAR)),
            ParseField::WeekOfWeekyear => (Some(YEAR), Some(WEEK)),
            ParseField::MonthOfYear => (Some(YEAR), Some(MONTH)),
            ParseField::DayOfYear => (Some(YEAR), Some(DAY)),
            ParseField::DayOfMonth => (Some(MONTH), Some(DAY)),
            ParseField::DayOfWeek => (Some(WEEK), Some(DAY)),
            ParseField::HalfdayOfDay => (Some(DAY), Some(HALFDAY)),
            ParseField::HourOfDay | ParseField::ClockhourOfDay => (Some(DAY), Some(HOUR)),
            ParseField::HourOfHalfday | ParseField::ClockhourOfHalfday => {
                (Some(HALFDAY), Some(HOUR))
            }
            ParseField::MinuteOfHour => (Some(HOUR), Some(MINUTE)),
            ParseField::SecondOfMinute => (Some(MINUTE), Some(SECOND)),
            ParseField::MillisOfSecond => (Some(SECOND), Some(1)),
        }
    }
}

/// Joda's `DateTimeParserBucket.compareReverse`: larger units first, no unit before any.
fn compare_reverse(a: Option<i128>, b: Option<i128>) -> std::cmp::Ordering {
    match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => b.cmp(&a),
    }
}

impl Bucket {
    /// Joda's `computeMillis(true, text)` before the zone: the local milliseconds since
    /// 1970-01-01T00:00 that the parsed fields give.
    pub(super) fn compute_local_millis(&mut self, text: &str) -> Result<i128, JodaError> {
        let order = |a: &(ParseField, i64), b: &(ParseField, i64)| {
            let ((range_a, unit_a), (range_b, unit_b)) = (a.0.durations(), b.0.durations());
            compare_reverse(range_a, range_b).then(compare_reverse(unit_a, unit_b))
        };
        // Stable, as Joda's insertion sort and merge sort are.
        self.fields.sort_by(order);
        if let Some((first, _)) = self.fields.first() {
            // A month, week or day as the largest field: the year defaults to 2000.
            if let (_, Some(unit)) = first.durations()
                && (DAY..=MONTH).contains(&unit)
            {
                self.fields.push((ParseField::Year, 2000));
                self.fields.sort_by(order);
            }
        }
        let invalid = |field: ParseField, value: i64, min: i64, max: i64| JodaError::FieldValue {
            text: text.to_string(),
            field: field.name(),
            value,
            min,
            max,
        };
        let mut millis: i128 = 0;
        for &(field, value) in &self.fields {
            millis = set_field(field, millis, value)
                .map_err(|(min, max)| invalid(field, value, min, max))?;
            millis = round_floor(field, millis);
        }
        let last = self.fields.len().saturating_sub(1);
        for (i, &(field, value)) in self.fields.iter().enumerate() {
            millis = set_field(field, millis, value)
                .map_err(|(min, max)| invalid(field, value, min, max))?;
            if i == last {
                millis = round_floor(field, millis);
            }
        }
        Ok(millis)
    }
}

/// Calendar view of local milliseconds (ISO chronology).
#[derive(Debug, Clone, Copy)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    /// Milliseconds into the day.
    time: i128,
    /// Days since 1970-01-01.
    days: i64,
}

impl Civil {
    fn of(millis: i128) -> Civil {
        let days = i64::try_from(millis.div_euclid(DAY)).unwrap_or(if millis < 0 {
            i64::MIN / 4
        } else {
            i64::MAX / 4
        });
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            time: millis.rem_euclid(DAY),
            days,
        }
    }

    fn day_of_year(&self) -> i64 {
        self.days - days_from_civil(self.year, 1, 1) + 1
    }

    /// 1 (Monday) to 7.
    fn day_of_week(&self) -> i64 {
        day_of_week(self.days)
    }
}

/// Local milliseconds of a date and a time of day.
fn millis_of(year: i64, month: u32, day: i64, time: i128) -> i128 {
    i128::from(days_from_civil(year, month, 1) + day - 1) * DAY + time
}

/// Joda's `BasicChronology.setYear`: the same day of the year (Feb 29 aware) and time.
fn set_year(millis: i128, year: i64) -> i128 {
    let civil = Civil::of(millis);
    let mut day_of_year = civil.day_of_year();
    if day_of_year > 31 + 28 {
        if is_leap(civil.year) && !is_leap(year) {
            day_of_year -= 1;
        } else if !is_leap(civil.year) && is_leap(year) {
            day_of_year += 1;
        }
    }
    millis_of(year, 1, day_of_year, civil.time)
}

/// Monday 00:00 of week 1 of an ISO week-based year.
fn first_week_millis(weekyear: i64) -> i128 {
    let jan1 = days_from_civil(weekyear, 1, 1);
    let dow = day_of_week(jan1);
    let start = if dow > 4 {
        jan1 + 8 - dow
    } else {
        jan1 - (dow - 1)
    };
    i128::from(start) * DAY
}

/// (weekyear, week) of local milliseconds.
fn week_date(millis: i128) -> (i64, i64) {
    iso_week(Civil::of(millis).days)
}

fn weeks_in_weekyear(weekyear: i64) -> i64 {
    ((first_week_millis(weekyear + 1) - first_week_millis(weekyear)) / WEEK) as i64
}

/// Floor to a multiple of `unit`.
fn floor_to(millis: i128, unit: i128) -> i128 {
    millis.div_euclid(unit) * unit
}

/// Joda's `set(instant, value)` (`setExtended` for the year) for one field; `Err((min, max))`
/// when the value is out of range.
fn set_field(field: ParseField, millis: i128, value: i64) -> Result<i128, (i64, i64)> {
    let check = |min: i64, max: i64| {
        if (min..=max).contains(&value) {
            Ok(())
        } else {
            Err((min, max))
        }
    };
    let civil = Civil::of(millis);
    let precise = |unit: i128, current: i64| millis + i128::from(value - current) * unit;
    let hour = (civil.time / HOUR) as i64;
    Ok(match field {
        ParseField::Era => {
            check(0, 1)?;
            let era = i64::from(civil.year > 0);
            if era == value {
                millis
            } else {
                set_year(millis, -civil.year)
            }
        }
        ParseField::CenturyOfEra => {
            check(0, MAX_YEAR / 100)?;
            let year_of_era = value * 100 + civil.year.abs() % 100;
            set_year(
                millis,
                if civil.year < 0 {
                    -year_of_era
                } else {
                    year_of_era
                },
            )
        }
        ParseField::YearOfEra => {
            check(1, MAX_YEAR)?;
            set_year(millis, if civil.year <= 0 { 1 - value } else { value })
        }
        ParseField::Year => {
            check(MIN_YEAR - 1, MAX_YEAR + 1)?;
            set_year(millis, value)
        }
        ParseField::Weekyear => {
            if value.abs() > MAX_YEAR {
                return Err((MIN_YEAR, MAX_YEAR));
            }
            set_weekyear(millis, value)
        }
        ParseField::WeekOfWeekyear => {
            let (weekyear, week) = week_date(millis);
            check(
                1,
                if value > 52 {
                    weeks_in_weekyear(weekyear)
                } else {
                    52
                },
            )?;
            precise(WEEK, week)
        }
        ParseField::DayOfWeek => {
            check(1, 7)?;
            precise(DAY, civil.day_of_week())
        }
        ParseField::DayOfYear => {
            let days_in_year = if is_leap(civil.year) { 366 } else { 365 };
            check(
                1,
                if !(1..=365).contains(&value) {
                    days_in_year
                } else {
                    365
                },
            )?;
            precise(DAY, civil.day_of_year())
        }
        ParseField::MonthOfYear => {
            check(1, 12)?;
            let month = value as u32;
            let day = i64::from(civil.day).min(i64::from(days_in_month(civil.year, month)));
            millis_of(civil.year, month, day, civil.time)
        }
        ParseField::DayOfMonth => {
            let days = i64::from(days_in_month(civil.year, civil.month));
            check(1, if !(1..=28).contains(&value) { days } else { 28 })?;
            precise(DAY, i64::from(civil.day))
        }
        ParseField::HalfdayOfDay => {
            check(0, 1)?;
            precise(HALFDAY, hour / 12)
        }
        ParseField::HourOfHalfday => {
            check(0, 11)?;
            precise(HOUR, hour % 12)
        }
        ParseField::ClockhourOfHalfday => {
            check(1, 12)?;
            let value = if value == 12 { 0 } else { value };
            millis + i128::from(value - hour % 12) * HOUR
        }
        ParseField::HourOfDay => {
            check(0, 23)?;
            precise(HOUR, hour)
        }
        ParseField::ClockhourOfDay => {
            check(1, 24)?;
            let value = if value == 24 { 0 } else { value };
            millis + i128::from(value - hour) * HOUR
        }
        ParseField::MinuteOfHour => {
            check(0, 59)?;
            precise(MINUTE, (civil.time / MINUTE % 60) as i64)
        }
        ParseField::SecondOfMinute => {
            check(0, 59)?;
            precise(SECOND, (civil.time / SECOND % 60) as i64)
        }
        ParseField::MillisOfSecond => {
            check(0, 999)?;
            precise(1, (civil.time % SECOND) as i64)
        }
    })
}

/// Joda's `BasicWeekyearDateTimeField.set`: same week number (capped) and day of week.
fn set_weekyear(millis: i128, weekyear: i64) -> i128 {
    let (this_weekyear, this_week) = week_date(millis);
    if this_weekyear == weekyear {
        return millis;
    }
    let day_of_week = Civil::of(millis).day_of_week();
    let max_weeks = weeks_in_weekyear(this_weekyear).min(weeks_in_weekyear(weekyear));
    let week = this_week.min(max_weeks);
    let mut work = set_year(millis, weekyear);
    let (work_weekyear, _) = week_date(work);
    if work_weekyear < weekyear {
        work += WEEK;
    } else if work_weekyear > weekyear {
        work -= WEEK;
    }
    let (_, current_week) = week_date(work);
    work += i128::from(week - current_week) * WEEK;
    work + i128::from(day_of_week - Civil::of(work).day_of_week()) * DAY
}

/// Joda's `roundFloor` for one field.
fn round_floor(field: ParseField, millis: i128) -> i128 {
    let civil = Civil::of(millis);
    match field {
        // Joda: the start of year 1 for AD, Long.MIN_VALUE for BC.
        ParseField::Era => {
            if civil.year > 0 {
                millis_of(1, 1, 1, 0)
            } else {
                i128::from(i64::MIN)
            }
        }
        ParseField::CenturyOfEra => {
            let century_start = civil.year.abs() / 100 * 100;
            let year = if civil.year < 0 {
                -century_start
            } else {
                century_start
            };
            millis_of(year, 1, 1, 0)
        }
        ParseField::YearOfEra | ParseField::Year => millis_of(civil.year, 1, 1, 0),
        ParseField::Weekyear => {
            let monday = floor_to(millis + 3 * DAY, WEEK) - 3 * DAY;
            let (_, week) = week_date(monday);
            monday - i128::from(week - 1) * WEEK
        }
        ParseField::WeekOfWeekyear => floor_to(millis + 3 * DAY, WEEK) - 3 * DAY,
        ParseField::MonthOfYear => millis_of(civil.year, civil.month, 1, 0),
        ParseField::DayOfWeek | ParseField::DayOfYear | ParseField::DayOfMonth => {
            floor_to(millis, DAY)
        }
        ParseField::HalfdayOfDay => floor_to(millis, HALFDAY),
        ParseField::HourOfHalfday
        | ParseField::ClockhourOfHalfday
        | ParseField::HourOfDay
        | ParseField::ClockhourOfDay => floor_to(millis, HOUR),
        ParseField::MinuteOfHour => floor_to(millis, MINUTE),
        ParseField::SecondOfMinute => floor_to(millis, SECOND),
        ParseField::MillisOfSecond => millis,
    }
}
