//! `projection.<col>.type` = `date`: a range of dates (or date-times) printed with a `java.time`
//! pattern, stepped by an interval.
//!
//! Properties (`<col>` is the partition column):
//!
//! * `projection.<col>.format` (required): a `java.time` pattern, see [`DatePattern`].
//! * `projection.<col>.range` (required): `start,end`, inclusive. Each bound is a date written in
//!   the format, or a relative expression `NOW`, `NOW-3DAYS`, `NOW + 1 MONTH` (units `YEAR(S)`,
//!   `MONTH(S)`, `WEEK(S)`, `DAY(S)`, `HOUR(S)`, `MINUTE(S)`, `SECOND(S)`, any letter case,
//!   whitespace allowed around the parts). `NOW` is the `now` given to
//!   [`Projection::from_properties`](super::Projection::from_properties), in UTC.
//! * `projection.<col>.interval` (optional, default 1): a positive integer.
//! * `projection.<col>.interval.unit` (optional): `YEARS`, `MONTHS`, `WEEKS`, `DAYS`, `HOURS`,
//!   `MINUTES`, `SECONDS` or `MILLISECONDS`, any case. It defaults to `DAYS` when the format's
//!   finest field is the day, `MONTHS` for the month and `YEARS` for a year-only format; a format
//!   with hours, minutes, seconds or fractions requires it.
//!
//! How the values are computed (Trino's `DateProjection`, the port of Athena's):
//!
//! 1. Both bounds are resolved (`NOW±N` is calendar arithmetic in UTC; adding a month to
//!    January 31 gives the last day of February). The start must not be after the end.
//! 2. Each bound is cut down to the precision of the format: its fraction of a second is
//!    dropped, it is printed with the format and read back. So with `yyyy/MM/dd`,
//!    `NOW` at `2026-11-20T15:30Z` becomes `2026-11-20T00:00`.
//! 3. Starting at the cut start, the interval is added again and again (in UTC, months
//!    clamped to the month's last day as `java.time` `plusMonths` does) while the value is not
//!    after the cut end. Every value is printed with the format.
//!
//! ```text
//! range NOW-1DAYS,NOW   format yyyy/MM/dd   now 2026-11-20T15:30Z
//!   start 2026-11-19T15:30 -> 2026/11/19 -> 2026-11-19T00:00
//!   end   2026-11-20T15:30 -> 2026/11/20 -> 2026-11-20T00:00
//!   values 2026/11/19, 2026/11/20
//! ```

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

use super::java_format::{DatePattern, Precision};
use super::now::parse_now;
use super::{ColumnProperties, ProjectionError, Suffix};
use crate::time::calendar::days_in_month;

/// Non-faithful formats (see [`DatePattern`]) are checked by scanning the values when there
/// are at most this many; beyond that [`DateProjection::contains`] answers `true`.
const SCAN_LIMIT: u64 = 1_000_000;

/// Last month index (year * 12 + month0) that bounds may reach: December 9999.
const MAX_MONTH_INDEX: i64 = 9999 * 12 + 11;

/// Unit of `projection.<col>.interval.unit`, a `java.time.temporal.ChronoUnit` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalUnit {
    /// Calendar years (12 months; February 29 steps to February 28).
    Years,
    /// Calendar months, clamped to the last day of the month.
    Months,
    /// Seven days.
    Weeks,
    /// Days (24 hours in UTC).
    Days,
    /// Hours.
    Hours,
    /// Minutes.
    Minutes,
    /// Seconds.
    Seconds,
    /// Milliseconds.
    Milliseconds,
}

impl IntervalUnit {
    /// All units, in the order Athena documents them.
    pub const ALL: [IntervalUnit; 8] = [
        IntervalUnit::Years,
        IntervalUnit::Months,
        IntervalUnit::Weeks,
        IntervalUnit::Days,
        IntervalUnit::Hours,
        IntervalUnit::Minutes,
        IntervalUnit::Seconds,
        IntervalUnit::Milliseconds,
    ];

    /// Reads a unit name, ignoring case and surrounding whitespace. `MILLIS` (the `ChronoUnit`
    /// constant) is accepted as well as the documented `MILLISECONDS`.
    ///
    /// ```
    /// # use flowlog_core::projection::IntervalUnit;
    /// assert_eq!(IntervalUnit::parse(" days "), Some(IntervalUnit::Days));
    /// assert_eq!(IntervalUnit::parse("Months"), Some(IntervalUnit::Months));
    /// assert_eq!(IntervalUnit::parse("DAY"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("MILLIS") {
            return Some(IntervalUnit::Milliseconds);
        }
        Self::ALL
            .into_iter()
            .find(|unit| unit.as_str().eq_ignore_ascii_case(text))
    }

    /// The documented upper-case name (`DAYS`).
    pub fn as_str(self) -> &'static str {
        match self {
            IntervalUnit::Years => "YEARS",
            IntervalUnit::Months => "MONTHS",
            IntervalUnit::Weeks => "WEEKS",
            IntervalUnit::Days => "DAYS",
            IntervalUnit::Hours => "HOURS",
            IntervalUnit::Minutes => "MINUTES",
            IntervalUnit::Seconds => "SECONDS",
            IntervalUnit::Milliseconds => "MILLISECONDS",
        }
    }

    /// Length in months for calendar units, in milliseconds for the others.
    pub(super) fn size(self) -> Size {
        match self {
            IntervalUnit::Years => Size::Months(12),
            IntervalUnit::Months => Size::Months(1),
            IntervalUnit::Weeks => Size::Millis(7 * 86_400_000),
            IntervalUnit::Days => Size::Millis(86_400_000),
            IntervalUnit::Hours => Size::Millis(3_600_000),
            IntervalUnit::Minutes => Size::Millis(60_000),
            IntervalUnit::Seconds => Size::Millis(1_000),
            IntervalUnit::Milliseconds => Size::Millis(1),
        }
    }
}

impl std::fmt::Display for IntervalUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A step in calendar months or in exact milliseconds (always positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Size {
    Months(i128),
    Millis(i128),
}

/// A `date` projection with both bounds resolved and cut to the format's precision.
///
/// Invariants: `start <= end`, both in years 1-9999, both whole seconds, `interval > 0`.
///
/// ```
/// # use flowlog_core::projection::{DateProjection, IntervalUnit};
/// let now = chrono::Utc::now();
/// let p = DateProjection::new("yyyy-MM", "2017-01,2017-07", 2, IntervalUnit::Months, now).unwrap();
/// assert_eq!(p.values(), ["2017-01", "2017-03", "2017-05", "2017-07"]);
/// assert!(p.contains("2017-05"));
/// assert!(!p.contains("2017-02"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProjection {
    pattern: DatePattern,
    start: NaiveDateTime,
    end: NaiveDateTime,
    interval: i64,
    unit: IntervalUnit,
}

impl DateProjection {
    /// Builds a projection from the property values directly, for callers that do not go
    /// through table properties; `now` is what `NOW` in `range` means. Errors name the
    /// `projection.column.*` properties of a column called `column`.
    pub fn new(
        format: &str,
        range: &str,
        interval: i64,
        unit: IntervalUnit,
        now: DateTime<Utc>,
    ) -> Result<Self, ProjectionError> {
        let interval = interval.to_string();
        let mut props = ColumnProperties::new("column");
        props.set(Suffix::Format, format);
        props.set(Suffix::Range, range);
        props.set(Suffix::Interval, &interval);
        props.set(Suffix::IntervalUnit, unit.as_str());
        Self::from_properties(&props, now.naive_utc())
    }

    /// Reads `format`, `range`, `interval` and `interval.unit` of one column.
    pub(super) fn from_properties(
        props: &ColumnProperties<'_>,
        now: NaiveDateTime,
    ) -> Result<Self, ProjectionError> {
        let format_key = props.key(Suffix::Format);
        let format = props.require(
            Suffix::Format,
            "date",
            "a java.time pattern such as yyyy/MM/dd",
        )?;
        let pattern =
            DatePattern::compile(format).map_err(|error| ProjectionError::InvalidFormat {
                property: format_key.clone(),
                pattern: format.to_owned(),
                error,
            })?;

        let range_key = props.key(Suffix::Range);
        let range = props.require(
            Suffix::Range,
            "date",
            "`start,end`, each a date in the format or NOW, NOW-3DAYS, NOW+1MONTH",
        )?;
        let invalid_range = |reason: String| ProjectionError::InvalidValue {
            property: range_key.clone(),
            value: range.to_owned(),
            reason,
        };
        let bounds: Vec<&str> = range.split(',').filter(|b| !b.trim().is_empty()).collect();
        let [first, second] = bounds.as_slice() else {
            return Err(invalid_range(format!(
                "expected two bounds `start,end` separated by one comma, each a date in format `{pattern}` or NOW[+|-N UNIT], found {}",
                bounds.len()
            )));
        };
        let start = resolve_bound(first, &pattern, now).map_err(&invalid_range)?;
        let end = resolve_bound(second, &pattern, now).map_err(&invalid_range)?;
        if start > end {
            return Err(invalid_range(format!(
                "the start `{}` is after the end `{}`; write the earlier date first",
                first.trim(),
                second.trim()
            )));
        }

        let interval = match props.get(Suffix::Interval) {
            None => 1,
            Some(text) => parse_positive(text).ok_or_else(|| ProjectionError::InvalidValue {
                property: props.key(Suffix::Interval),
                value: text.to_owned(),
                reason: "expected a positive integer".to_owned(),
            })?,
        };
        let unit = match props.get(Suffix::IntervalUnit) {
            Some(text) => IntervalUnit::parse(text).ok_or_else(|| ProjectionError::InvalidValue {
                property: props.key(Suffix::IntervalUnit),
                value: text.to_owned(),
                reason: "expected one of YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS".to_owned(),
            })?,
            None => match pattern.precision() {
                Precision::Day => IntervalUnit::Days,
                Precision::Month => IntervalUnit::Months,
                Precision::Year => IntervalUnit::Years,
                Precision::SubDay => {
                    return Err(ProjectionError::MissingProperty {
                        property: props.key(Suffix::IntervalUnit),
                        projection: "date".to_owned(),
                        expected: format!(
                            "a unit such as HOURS, because format `{pattern}` is finer than one day (only day, month and year formats have a default)"
                        ),
                    });
                }
            },
        };

        let cut = |bound: NaiveDateTime| -> Result<NaiveDateTime, ProjectionError> {
            let whole = bound.with_nanosecond(0).unwrap_or(bound);
            let text = pattern.format(&whole);
            pattern
                .parse(&text)
                .map_err(|error| ProjectionError::InvalidValue {
                    property: format_key.clone(),
                    value: format.to_owned(),
                    reason: format!(
                        "the pattern cannot read back its own output `{text}`: {error}"
                    ),
                })
        };
        let start = cut(start)?;
        let end = cut(end)?;
        Ok(DateProjection {
            pattern,
            start,
            end,
            interval,
            unit,
        })
    }

    /// The format.
    pub fn pattern(&self) -> &DatePattern {
        &self.pattern
    }

    /// The first value, as a UTC date-time cut to the format's precision.
    pub fn start(&self) -> NaiveDateTime {
        self.start
    }

    /// The last allowed value (inclusive), cut to the format's precision.
    pub fn end(&self) -> NaiveDateTime {
        self.end
    }

    /// The step count (`projection.<col>.interval`).
    pub fn interval(&self) -> i64 {
        self.interval
    }

    /// The step unit (`projection.<col>.interval.unit` or its default).
    pub fn unit(&self) -> IntervalUnit {
        self.unit
    }

    /// Prints a date-time with the format (e.g. to turn a `DATE` literal into a partition value).
    pub fn format(&self, value: &NaiveDateTime) -> String {
        self.pattern.format(value)
    }

    /// Reads a partition value with the format (e.g. to turn it into a `DATE` column value).
    pub fn parse(&self, value: &str) -> Option<NaiveDateTime> {
        self.pattern.parse(value).ok()
    }

    /// Number of steps from start to end (each step yields one value; with a format coarser
    /// than the interval several steps print the same text, and [`values`](Self::values)
    /// lists it once).
    pub fn len(&self) -> u64 {
        match self.size() {
            Size::Millis(step) => {
                let span = millis_between(self.start, self.end);
                clamp_u64(span / step + 1)
            }
            Size::Months(step) => {
                let months = i128::from(month_index(self.end) - month_index(self.start));
                let mut k = months / step;
                if self.grid(k).is_none_or(|g| g > self.end) {
                    k -= 1;
                }
                clamp_u64(k + 1)
            }
        }
    }

    /// Always false: a date projection has at least its start value.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The stepped date-times, from the start while not after the end.
    pub fn iter(&self) -> impl Iterator<Item = NaiveDateTime> + '_ {
        let size = self.size();
        std::iter::successors(Some(self.start), move |current| {
            let next = match size {
                Size::Millis(step) => i64::try_from(step)
                    .ok()
                    .and_then(TimeDelta::try_milliseconds)
                    .and_then(|delta| current.checked_add_signed(delta)),
                Size::Months(step) => {
                    let index = i128::from(month_index(*current)) + step;
                    i64::try_from(index)
                        .ok()
                        .and_then(|index| at_month(index, current.day(), *current))
                }
            };
            next.filter(|next| *next <= self.end)
        })
    }

    /// All values as printed, in order, each once.
    pub fn values(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.iter()
            .map(|value| self.pattern.format(&value))
            .filter(|text| seen.insert(text.clone()))
            .collect()
    }

    /// Whether `value` is exactly one of [`values`](Self::values), computed without listing them
    /// when the format is faithful (a full year and every field down to its finest one).
    pub fn contains(&self, value: &str) -> bool {
        let Ok(parsed) = self.pattern.parse(value) else {
            return false;
        };
        if self.pattern.is_faithful() {
            // Every instant printing as `value` lies in one interval starting at `parsed`; the
            // first step at or after `parsed` is in it if any step is.
            match self.first_at_or_after(parsed) {
                Some(step) => self.pattern.format(&step) == value,
                None => false,
            }
        } else if self.len() <= SCAN_LIMIT {
            self.iter().any(|step| self.pattern.format(&step) == value)
        } else {
            true
        }
    }

    fn size(&self) -> Size {
        match self.unit.size() {
            Size::Months(m) => Size::Months(m * i128::from(self.interval)),
            Size::Millis(ms) => Size::Millis(ms * i128::from(self.interval)),
        }
    }

    /// The `k`-th step, if it exists at all (it may still be after the end).
    fn grid(&self, k: i128) -> Option<NaiveDateTime> {
        if k < 0 {
            return None;
        }
        match self.size() {
            Size::Millis(step) => {
                let offset = i64::try_from(k.checked_mul(step)?).ok()?;
                self.start
                    .checked_add_signed(TimeDelta::try_milliseconds(offset)?)
            }
            Size::Months(step) => {
                let base = i128::from(month_index(self.start));
                let target = i64::try_from(base.checked_add(k.checked_mul(step)?)?).ok()?;
                if target > MAX_MONTH_INDEX {
                    return None;
                }
                // Repeated plusMonths: the day only shrinks, to the shortest month passed.
                let mut day = self.start.day();
                let mut j: i128 = 1;
                while day > 28 && j <= k {
                    let index = i64::try_from(base + j * step).ok()?;
                    day = day.min(month_length(index)?);
                    j += 1;
                }
                at_month(target, day, self.start)
            }
        }
    }

    /// The first step at or after `t` that is not after the end.
    fn first_at_or_after(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        if t <= self.start {
            return Some(self.start);
        }
        let found = match self.size() {
            Size::Millis(step) => {
                let delta = t - self.start;
                let nanos = i128::from(delta.num_seconds()) * 1_000_000_000
                    + i128::from(delta.subsec_nanos());
                let step_nanos = step * 1_000_000;
                let k = (nanos + step_nanos - 1) / step_nanos;
                self.grid(k)?
            }
            Size::Months(step) => {
                let months = i128::from(month_index(t) - month_index(self.start));
                let mut k = months.div_euclid(step).max(0);
                loop {
                    let g = self.grid(k)?;
                    if g >= t {
                        break g;
                    }
                    k += 1;
                }
            }
        };
        (found <= self.end).then_some(found)
    }
}

/// Resolves one range bound: a `NOW` expression or a date in the format.
fn resolve_bound(
    bound: &str,
    pattern: &DatePattern,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, String> {
    let value = if let Some(expr) = parse_now(bound) {
        expr.apply(now)
            .ok_or_else(|| format!("`{}` is out of the supported range of dates", bound.trim()))?
    } else {
        // Athena keeps whitespace in date literals; a literal that only matches once trimmed
        // is accepted too, as Trino trims every element.
        match pattern.parse(bound) {
            Ok(value) => value,
            Err(error) => match pattern.parse(bound.trim()) {
                Ok(value) => value,
                Err(_) => {
                    let trimmed = bound.trim();
                    let looks_like_now = trimmed
                        .get(..3)
                        .is_some_and(|head| head.eq_ignore_ascii_case("NOW"));
                    return Err(if looks_like_now {
                        format!(
                            "`{trimmed}` is not a valid NOW expression; write NOW, NOW-3DAYS or NOW+1MONTH (units YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS)"
                        )
                    } else {
                        format!(
                            "`{bound}` is not a date in format `{pattern}` ({error}) nor a NOW expression such as NOW-3DAYS"
                        )
                    });
                }
            },
        }
    };
    if !(1..=9999).contains(&value.year()) {
        return Err(format!(
            "`{}` resolves to {value}, outside the supported years 0001-9999",
            bound.trim()
        ));
    }
    Ok(value)
}

fn parse_positive(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|n| *n > 0)
}

fn month_index(value: NaiveDateTime) -> i64 {
    i64::from(value.year()) * 12 + i64::from(value.month0())
}

fn month_length(index: i64) -> Option<u32> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(days_in_month(i64::from(year), month))
}

/// The date-time in month `index` with `day` (clamped to the month) and the time of `time_of`.
fn at_month(index: i64, day: u32, time_of: NaiveDateTime) -> Option<NaiveDateTime> {
    if index > MAX_MONTH_INDEX {
        return None;
    }
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let day = day.min(month_length(index)?);
    Some(NaiveDate::from_ymd_opt(year, month, day)?.and_time(time_of.time()))
}

fn millis_between(from: NaiveDateTime, to: NaiveDateTime) -> i128 {
    i128::from((to - from).num_milliseconds())
}

fn clamp_u64(n: i128) -> u64 {
    u64::try_from(n.max(0)).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    fn build(
        pairs: &[(Suffix, &str)],
        now: NaiveDateTime,
    ) -> Result<DateProjection, ProjectionError> {
        let mut props = ColumnProperties::new("date");
        for (suffix, value) in pairs {
            props.set(*suffix, value);
        }
        DateProjection::from_properties(&props, now)
    }

    fn day(range: &str, now: NaiveDateTime) -> DateProjection {
        build(
            &[(Suffix::Format, "yyyy/MM/dd"), (Suffix::Range, range)],
            now,
        )
        .unwrap()
    }

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    /// `contains` must agree with `values` on every listed value and on the neighbours.
    fn assert_agreement(p: &DateProjection, probes: &[&str]) {
        let values = p.values();
        for v in &values {
            assert!(p.contains(v), "contains({v:?}) should be true");
        }
        for probe in probes {
            assert_eq!(
                p.contains(probe),
                values.iter().any(|v| v == probe),
                "contains({probe:?}) disagrees with values {values:?}"
            );
        }
        assert_eq!(p.len(), values.len() as u64);
    }

    #[test]
    fn runbook_range_at_midnight() {
        // Runbook: "NOW-1DAYS,NOW" with yyyy/MM/dd means yesterday and today.
        let p = day("NOW-1DAYS,NOW", dt(2026, 11, 20, 0, 0, 0));
        assert_eq!(p.values(), strings(&["2026/11/19", "2026/11/20"]));
        assert_eq!(p.len(), 2);
        assert_eq!(p.unit(), IntervalUnit::Days);
        assert_eq!(p.interval(), 1);
    }

    #[test]
    fn runbook_range_in_the_afternoon_is_cut_to_days() {
        // Trino cuts both bounds to the format's precision before stepping.
        let p = day("NOW-1DAYS,NOW", dt(2026, 11, 20, 15, 30, 0));
        assert_eq!(p.start(), dt(2026, 11, 19, 0, 0, 0));
        assert_eq!(p.end(), dt(2026, 11, 20, 0, 0, 0));
        assert_eq!(p.values(), strings(&["2026/11/19", "2026/11/20"]));
        assert_agreement(
            &p,
            &["2026/11/18", "2026/11/21", "2026/11/19 ", "2026/11/9"],
        );
    }

    #[test]
    fn fixed_day_range_from_trino_tests() {
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM-dd"),
                (Suffix::Range, "2020-01-01,2020-01-03"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(
            p.values(),
            strings(&["2020-01-01", "2020-01-02", "2020-01-03"])
        );
        assert!(p.contains("2020-01-02"));
        assert!(!p.contains("2222-01-01"));
    }

    #[test]
    fn year_format_defaults_to_years() {
        let p = build(
            &[(Suffix::Format, "yyyy"), (Suffix::Range, "2020,2023")],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(p.unit(), IntervalUnit::Years);
        assert_eq!(p.values(), strings(&["2020", "2021", "2022", "2023"]));
        assert_agreement(&p, &["2019", "2024", "2021"]);
    }

    #[test]
    fn month_format_defaults_to_months() {
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM"),
                (Suffix::Range, "2022-01,2022-03"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(p.unit(), IntervalUnit::Months);
        assert_eq!(p.values(), strings(&["2022-01", "2022-02", "2022-03"]));
        assert_agreement(&p, &["2023-01", "2021-12", "2022-2"]);
    }

    #[test]
    fn athena_month_interval_example() {
        // Athena docs: range 2017-01,2018-12 with interval 2 MONTHS gives 2017-01, 2017-03, 2017-05, ...
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM"),
                (Suffix::Range, "2017-01,2018-12"),
                (Suffix::Interval, "2"),
                (Suffix::IntervalUnit, "MONTHS"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        let values = p.values();
        assert_eq!(&values[..3], &strings(&["2017-01", "2017-03", "2017-05"]));
        assert_eq!(values.len(), 12);
        assert_eq!(values.last().map(String::as_str), Some("2018-11"));
        assert_agreement(&p, &["2017-02", "2018-12", "2018-11", "2019-01"]);
    }

    #[test]
    fn week_interval_from_trino_tests() {
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM-dd"),
                (Suffix::Range, "2020-01-01,2020-01-22"),
                (Suffix::Interval, "1"),
                (Suffix::IntervalUnit, "WEEKS"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(
            p.values(),
            strings(&["2020-01-01", "2020-01-08", "2020-01-15", "2020-01-22"])
        );
        assert!(p.contains("2020-01-08"));
        assert!(!p.contains("2020-01-09"));
        assert_agreement(&p, &["2020-01-29", "2019-12-25", "2020-01-02"]);
    }

    #[test]
    fn hourly_format_requires_unit() {
        let err = build(
            &[
                (Suffix::Format, "yyyy-MM-dd HH"),
                (Suffix::Range, "2020-01-01 00,2020-01-02 00"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing table property `projection.date.interval.unit`, required by projection type date; expected a unit such as HOURS, because format `yyyy-MM-dd HH` is finer than one day (only day, month and year formats have a default)"
        );
    }

    #[test]
    fn hourly_projection_like_the_firehose_example() {
        // Athena's Firehose example: yyyy/MM/dd/HH with 1 HOURS.
        let p = build(
            &[
                (Suffix::Format, "yyyy/MM/dd/HH"),
                (Suffix::Range, "2021/01/01/00,NOW"),
                (Suffix::Interval, "1"),
                (Suffix::IntervalUnit, "HOURS"),
            ],
            dt(2021, 1, 2, 1, 59, 59),
        )
        .unwrap();
        let values = p.values();
        assert_eq!(values.len(), 24 + 2);
        assert_eq!(values[0], "2021/01/01/00");
        assert_eq!(values[25], "2021/01/02/01");
        assert_agreement(&p, &["2021/01/02/02", "2020/12/31/23", "2021/01/01/13"]);
    }

    #[test]
    fn every_interval_unit_steps_correctly() {
        let cases: [(&str, &str, &str, &[&str]); 8] = [
            (
                "YEARS",
                "yyyy-MM-dd",
                "2020-02-29,2024-03-01",
                &[
                    "2020-02-29",
                    "2021-02-28",
                    "2022-02-28",
                    "2023-02-28",
                    "2024-02-28",
                ],
            ),
            (
                "MONTHS",
                "yyyy-MM-dd",
                "2007-03-31,2007-06-30",
                &["2007-03-31", "2007-04-30", "2007-05-30", "2007-06-30"],
            ),
            (
                "WEEKS",
                "yyyy-MM-dd",
                "2024-02-26,2024-03-12",
                &["2024-02-26", "2024-03-04", "2024-03-11"],
            ),
            (
                "DAYS",
                "yyyy-MM-dd",
                "2024-02-28,2024-03-01",
                &["2024-02-28", "2024-02-29", "2024-03-01"],
            ),
            (
                "HOURS",
                "yyyy-MM-dd HH",
                "2024-12-31 22,2025-01-01 01",
                &[
                    "2024-12-31 22",
                    "2024-12-31 23",
                    "2025-01-01 00",
                    "2025-01-01 01",
                ],
            ),
            ("MINUTES", "HH:mm", "23:58,23:59", &["23:58", "23:59"]),
            (
                "SECONDS",
                "yyyy-MM-dd HH:mm:ss",
                "2024-01-01 00:00:58,2024-01-01 00:01:01",
                &[
                    "2024-01-01 00:00:58",
                    "2024-01-01 00:00:59",
                    "2024-01-01 00:01:00",
                    "2024-01-01 00:01:01",
                ],
            ),
            (
                "MILLISECONDS",
                "yyyy-MM-dd HH:mm:ss.SSS",
                "2024-01-01 00:00:00.000,2024-01-01 00:00:01.000",
                &[
                    "2024-01-01 00:00:00.000",
                    "2024-01-01 00:00:00.250",
                    "2024-01-01 00:00:00.500",
                    "2024-01-01 00:00:00.750",
                    "2024-01-01 00:00:01.000",
                ],
            ),
        ];
        for (unit, format, range, expected) in cases {
            let interval = if unit == "MILLISECONDS" { "250" } else { "1" };
            let p = build(
                &[
                    (Suffix::Format, format),
                    (Suffix::Range, range),
                    (Suffix::IntervalUnit, unit),
                    (Suffix::Interval, interval),
                ],
                dt(2030, 1, 1, 0, 0, 0),
            )
            .unwrap();
            assert_eq!(p.values(), strings(expected), "unit {unit}");
            assert_agreement(&p, &[]);
        }
    }

    #[test]
    fn bounds_lose_their_fraction_of_a_second() {
        // Trino sets MILLI_OF_SECOND to 0 before cutting a bound to the format.
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM-dd HH:mm:ss.SSS"),
                (
                    Suffix::Range,
                    "2024-01-01 00:00:00.000,2024-01-01 00:00:00.002",
                ),
                (Suffix::IntervalUnit, "MILLISECONDS"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(p.values(), strings(&["2024-01-01 00:00:00.000"]));
    }

    #[test]
    fn month_steps_clamp_like_plus_months() {
        // java.time LocalDate.plusMonths javadoc: 2007-03-31 plus one month is 2007-04-30;
        // the clamped day then carries on (April 30 + 1 month = May 30).
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM-dd"),
                (Suffix::Range, "2021-01-31,2021-12-31"),
                (Suffix::IntervalUnit, "months"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        let values = p.values();
        assert_eq!(
            &values[..3],
            &strings(&["2021-01-31", "2021-02-28", "2021-03-28"])
        );
        assert_eq!(values.len(), 12);
        assert_eq!(values[11], "2021-12-28");
        assert_agreement(
            &p,
            &["2021-03-31", "2021-03-28", "2021-12-31", "2021-04-30"],
        );
    }

    #[test]
    fn interval_greater_than_one_and_grid() {
        let p = build(
            &[
                (Suffix::Format, "yyyy/MM/dd"),
                (Suffix::Range, "2024/01/01,2024/01/10"),
                (Suffix::Interval, " 3 "),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(
            p.values(),
            strings(&["2024/01/01", "2024/01/04", "2024/01/07", "2024/01/10"])
        );
        assert_agreement(
            &p,
            &["2024/01/02", "2024/01/13", "2023/12/29", "2024/01/05"],
        );
    }

    #[test]
    fn now_based_month_range() {
        // Trino test: NOW-2MONTHS,NOW with yyyy-MM gives three values.
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM"),
                (Suffix::Range, "NOW-2MONTHS,NOW"),
            ],
            dt(2024, 3, 31, 10, 0, 0),
        )
        .unwrap();
        assert_eq!(p.values(), strings(&["2024-01", "2024-02", "2024-03"]));
        let p = build(
            &[(Suffix::Format, "yyyy"), (Suffix::Range, "NOW-2YEARS,NOW")],
            dt(2024, 3, 31, 10, 0, 0),
        )
        .unwrap();
        assert_eq!(p.values(), strings(&["2022", "2023", "2024"]));
    }

    #[test]
    fn mixed_fixed_and_relative_bounds() {
        // Athena docs: `201801,NOW+1MONTH` with yyyyMM.
        let p = build(
            &[
                (Suffix::Format, "yyyyMM"),
                (Suffix::Range, "201801,NOW+1MONTH"),
            ],
            dt(2018, 4, 15, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(
            p.values(),
            strings(&["201801", "201802", "201803", "201804", "201805"])
        );
        assert_agreement(&p, &["201712", "201806", "20181"]);
    }

    #[test]
    fn athena_out_of_range_value_is_not_contained() {
        // Athena docs: range 2020/01/01,NOW and `timestamp = '2019/02/02'` returns no rows.
        let p = day("2020/01/01,NOW", dt(2020, 3, 1, 0, 0, 0));
        assert!(!p.contains("2019/02/02"));
        assert!(p.contains("2020/02/29"));
        assert!(!p.contains("2020/03/02"));
        assert_eq!(p.len(), 61);
    }

    #[test]
    fn equal_bounds_give_one_value() {
        let p = day("2024/05/05,2024/05/05", dt(2030, 1, 1, 0, 0, 0));
        assert_eq!(p.values(), strings(&["2024/05/05"]));
        let p = day("NOW,NOW", dt(2024, 5, 5, 10, 0, 0));
        assert_eq!(p.values(), strings(&["2024/05/05"]));
    }

    #[test]
    fn coarse_format_with_fine_interval_lists_each_text_once() {
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM"),
                (Suffix::Range, "2024-01,2024-03"),
                (Suffix::Interval, "10"),
                (Suffix::IntervalUnit, "DAYS"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        // Steps: Jan 1, 11, 21, 31, Feb 10, 20, Mar 1.
        assert_eq!(p.len(), 7);
        assert_eq!(p.values(), strings(&["2024-01", "2024-02", "2024-03"]));
        assert!(p.contains("2024-02"));
        assert!(!p.contains("2024-04"));
    }

    #[test]
    fn non_faithful_format_is_scanned() {
        let p = build(
            &[(Suffix::Format, "MM-dd"), (Suffix::Range, "01-30,03-02")],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        // No year: both bounds fall in 1970 (the default year), which is not a leap year.
        assert_eq!(
            p.values(),
            strings(&[
                "01-30", "01-31", "02-01", "02-02", "02-03", "02-04", "02-05", "02-06", "02-07",
                "02-08", "02-09", "02-10", "02-11", "02-12", "02-13", "02-14", "02-15", "02-16",
                "02-17", "02-18", "02-19", "02-20", "02-21", "02-22", "02-23", "02-24", "02-25",
                "02-26", "02-27", "02-28", "03-01", "03-02"
            ])
        );
        assert_agreement(&p, &["02-29", "03-03", "01-29"]);
    }

    #[test]
    fn quoted_literals_in_format() {
        let p = build(
            &[
                (Suffix::Format, "'dt='yyyy-MM-dd"),
                (Suffix::Range, "dt=2024-01-30,dt=2024-02-01"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(p.unit(), IntervalUnit::Days);
        assert_eq!(
            p.values(),
            strings(&["dt=2024-01-30", "dt=2024-01-31", "dt=2024-02-01"])
        );
    }

    #[test]
    fn whitespace_around_date_literals() {
        let p = day("2024/01/01 , 2024/01/02", dt(2030, 1, 1, 0, 0, 0));
        assert_eq!(p.values(), strings(&["2024/01/01", "2024/01/02"]));
    }

    #[test]
    fn range_errors_name_the_property() {
        let now = dt(2026, 11, 20, 0, 0, 0);
        let err = |range: &str| {
            build(
                &[(Suffix::Format, "yyyy/MM/dd"), (Suffix::Range, range)],
                now,
            )
            .unwrap_err()
            .to_string()
        };
        assert_eq!(
            err("NOW,NOW-1DAYS"),
            "invalid value \"NOW,NOW-1DAYS\" for table property `projection.date.range`: the start `NOW` is after the end `NOW-1DAYS`; write the earlier date first"
        );
        assert_eq!(
            err("2024/01/01"),
            "invalid value \"2024/01/01\" for table property `projection.date.range`: expected two bounds `start,end` separated by one comma, each a date in format `yyyy/MM/dd` or NOW[+|-N UNIT], found 1"
        );
        assert_eq!(
            err("2024-01-01,NOW"),
            "invalid value \"2024-01-01,NOW\" for table property `projection.date.range`: `2024-01-01` is not a date in format `yyyy/MM/dd` (expected '/' at byte 4) nor a NOW expression such as NOW-3DAYS"
        );
        assert_eq!(
            err("NOW-1FORTNIGHT,NOW"),
            "invalid value \"NOW-1FORTNIGHT,NOW\" for table property `projection.date.range`: `NOW-1FORTNIGHT` is not a valid NOW expression; write NOW, NOW-3DAYS or NOW+1MONTH (units YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS)"
        );
        assert_eq!(
            err("NOW-99999999YEARS,NOW"),
            "invalid value \"NOW-99999999YEARS,NOW\" for table property `projection.date.range`: `NOW-99999999YEARS` is out of the supported range of dates"
        );
        assert_eq!(
            err("NOW-3000YEARS,NOW"),
            "invalid value \"NOW-3000YEARS,NOW\" for table property `projection.date.range`: `NOW-3000YEARS` resolves to -0974-11-20 00:00:00, outside the supported years 0001-9999"
        );
    }

    #[test]
    fn other_property_errors() {
        let now = dt(2026, 11, 20, 0, 0, 0);
        let err = |pairs: &[(Suffix, &str)]| build(pairs, now).unwrap_err().to_string();
        assert_eq!(
            err(&[(Suffix::Range, "NOW-1DAYS,NOW")]),
            "missing table property `projection.date.format`, required by projection type date; expected a java.time pattern such as yyyy/MM/dd"
        );
        assert_eq!(
            err(&[(Suffix::Format, "yyyy/MM/dd")]),
            "missing table property `projection.date.range`, required by projection type date; expected `start,end`, each a date in the format or NOW, NOW-3DAYS, NOW+1MONTH"
        );
        assert_eq!(
            err(&[
                (Suffix::Format, "yyyy/MM/dd"),
                (Suffix::Range, "NOW-1DAYS,NOW"),
                (Suffix::Interval, "0")
            ]),
            "invalid value \"0\" for table property `projection.date.interval`: expected a positive integer"
        );
        assert_eq!(
            err(&[
                (Suffix::Format, "yyyy/MM/dd"),
                (Suffix::Range, "NOW-1DAYS,NOW"),
                (Suffix::IntervalUnit, "FORTNIGHTS")
            ]),
            "invalid value \"FORTNIGHTS\" for table property `projection.date.interval.unit`: expected one of YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS"
        );
        assert_eq!(
            err(&[
                (Suffix::Format, "YYYY/MM/dd"),
                (Suffix::Range, "NOW-1DAYS,NOW")
            ]),
            "invalid date pattern \"YYYY/MM/dd\" in table property `projection.date.format`: pattern letter 'Y' at byte 0 is not supported for partition dates; supported: y or u (year), M (month), d (day), H (hour), m (minute), s (second), S (fraction), 'quoted text' and punctuation"
        );
        assert_eq!(
            err(&[(Suffix::Format, "yM"), (Suffix::Range, "NOW-1MONTHS,NOW")]),
            "invalid value \"yM\" for table property `projection.date.format`: the pattern cannot read back its own output `202610`: expected a digit for M at byte 6"
        );
    }

    #[test]
    fn interval_unit_names() {
        for unit in IntervalUnit::ALL {
            assert_eq!(IntervalUnit::parse(unit.as_str()), Some(unit));
            assert_eq!(
                IntervalUnit::parse(&unit.as_str().to_lowercase()),
                Some(unit)
            );
        }
        assert_eq!(
            IntervalUnit::parse("millis"),
            Some(IntervalUnit::Milliseconds)
        );
        assert_eq!(IntervalUnit::parse("FOREVER"), None);
        assert_eq!(IntervalUnit::Days.to_string(), "DAYS");
    }

    #[test]
    fn len_counts_steps_for_long_ranges_without_listing() {
        let p = build(
            &[
                (Suffix::Format, "yyyy-MM-dd HH:mm:ss"),
                (Suffix::Range, "2000-01-01 00:00:00,2020-01-01 00:00:00"),
                (Suffix::IntervalUnit, "SECONDS"),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        // 7305 days (5 leap years 2000..2016) * 86400 seconds + 1.
        assert_eq!(p.len(), 7305 * 86_400 + 1);
        assert!(p.contains("2010-06-15 12:34:56"));
        assert!(!p.contains("2020-01-01 00:00:01"));
    }

    #[test]
    fn new_builds_from_fixed_values() {
        let now = DateTime::<Utc>::from_naive_utc_and_offset(dt(2024, 1, 2, 12, 0, 0), Utc);
        let p = DateProjection::new(
            "yyyy/MM/dd",
            "2024/01/01,2024/01/03",
            1,
            IntervalUnit::Days,
            now,
        )
        .unwrap();
        assert_eq!(
            p.values(),
            strings(&["2024/01/01", "2024/01/02", "2024/01/03"])
        );
        assert_eq!(p.parse("2024/01/02"), Some(dt(2024, 1, 2, 0, 0, 0)));
        assert_eq!(p.format(&dt(2024, 1, 2, 5, 0, 0)), "2024/01/02");
        assert_eq!(p.pattern().as_str(), "yyyy/MM/dd");
        assert!(!p.is_empty());
        let p =
            DateProjection::new("yyyy/MM/dd", "NOW-1DAYS,NOW", 1, IntervalUnit::Days, now).unwrap();
        assert_eq!(p.values(), strings(&["2024/01/01", "2024/01/02"]));
        assert_eq!(
            DateProjection::new("yyyy/MM/dd", "NOW,NOW-1DAYS", 1, IntervalUnit::Days, now)
                .unwrap_err()
                .to_string(),
            "invalid value \"NOW,NOW-1DAYS\" for table property `projection.column.range`: the start `NOW` is after the end `NOW-1DAYS`; write the earlier date first"
        );
    }
}
