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
mod tests;
