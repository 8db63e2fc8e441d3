//! How Trino's date/time types sit in Arrow, and the conversions every function of the family
//! shares.
//!
//! ```text
//! Trino                              Arrow
//! DATE                               Date32 (days since 1970-01-01)
//! timestamp(p)                       Timestamp(unit(p), None)        wall-clock time
//! timestamp(p) with time zone        Timestamp(unit(p), Some(zone))  instant (UTC) + the zone id
//! unit(p): 0 → Second, 1-3 → Millisecond, 4-6 → Microsecond, 7-12 → Nanosecond
//! ```
//!
//! Values are handled as `i128` nanoseconds: instants since the epoch for `timestamp with time
//! zone`, wall-clock time since 1970-01-01T00:00 for `timestamp` and DATE.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, Date32Array, TimestampMicrosecondArray, TimestampMillisecondArray,
    TimestampNanosecondArray, TimestampSecondArray,
};
use arrow::datatypes::{
    DataType, Date32Type, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, DocSection, Documentation};

use crate::time::TrinoZone;
use crate::time::calendar::{
    civil_from_days, day_of_week, days_from_civil, days_in_month, iso_week,
};
use crate::time::zone::local_to_utc_seconds;

/// Nanoseconds in a second.
pub(crate) const NANOS_PER_SECOND: i128 = 1_000_000_000;
/// Nanoseconds in a day.
pub(crate) const NANOS_PER_DAY: i128 = 86_400 * NANOS_PER_SECOND;

/// The documentation section of every function in this family.
const SECTION: DocSection = DocSection {
    include: true,
    label: "Date and time functions",
    description: None,
};

/// Documentation for a date/time function: its syntax, a one-line description and an example.
pub(crate) fn doc(syntax: &str, description: &str, example: &str) -> Documentation {
    Documentation::builder(SECTION, description, syntax)
        .with_sql_example(example)
        .build()
}

/// A Trino date/time type as flowlog holds it in Arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Temporal {
    /// DATE.
    Date,
    /// `timestamp(p)` (no zone) or `timestamp(p) with time zone` (with one).
    Timestamp {
        /// The Arrow unit standing for the precision.
        unit: TimeUnit,
        /// The zone of a `timestamp with time zone`.
        zone: Option<TrinoZone>,
    },
}

impl Temporal {
    /// The Trino type of an Arrow type, if it is a date/time type; an unknown zone is an error.
    pub(crate) fn of(data_type: &DataType, function: &str) -> Result<Option<Temporal>> {
        match data_type {
            DataType::Date32 | DataType::Date64 => Ok(Some(Temporal::Date)),
            DataType::Timestamp(unit, tz) => {
                let zone = match tz.as_deref().map(TrinoZone::parse) {
                    None => None,
                    Some(Ok(zone)) => Some(zone),
                    Some(Err(e)) => return plan_err!("{function}: {e}"),
                };
                Ok(Some(Temporal::Timestamp { unit: *unit, zone }))
            }
            _ => Ok(None),
        }
    }

    /// `timestamp with time zone` of this unit in `zone`.
    pub(crate) fn tstz(unit: TimeUnit, zone: TrinoZone) -> Temporal {
        Temporal::Timestamp {
            unit,
            zone: Some(zone),
        }
    }

    /// The Arrow type.
    pub(crate) fn data_type(&self) -> DataType {
        match self {
            Temporal::Date => DataType::Date32,
            Temporal::Timestamp { unit, zone } => {
                DataType::Timestamp(*unit, zone.map(|z| z.id().into()))
            }
        }
    }

    /// The zone of a `timestamp with time zone`.
    pub(crate) fn zone(&self) -> Option<TrinoZone> {
        match self {
            Temporal::Date => None,
            Temporal::Timestamp { zone, .. } => *zone,
        }
    }

    /// Nanoseconds per unit of the stored value (a day for DATE).
    pub(crate) fn nanos_per_unit(&self) -> i128 {
        match self {
            Temporal::Date => NANOS_PER_DAY,
            Temporal::Timestamp { unit, .. } => nanos_per(*unit),
        }
    }
}

/// The Arrow unit that holds Trino precision `p` (0-12) exactly, or as closely as Arrow can.
pub(crate) fn unit_for_precision(p: u64) -> TimeUnit {
    match p {
        0 => TimeUnit::Second,
        1..=3 => TimeUnit::Millisecond,
        4..=6 => TimeUnit::Microsecond,
        _ => TimeUnit::Nanosecond,
    }
}

/// The Trino precision an Arrow unit holds: 0, 3, 6 or 9.
pub(crate) fn precision_of(unit: TimeUnit) -> u8 {
    match unit {
        TimeUnit::Second => 0,
        TimeUnit::Millisecond => 3,
        TimeUnit::Microsecond => 6,
        TimeUnit::Nanosecond => 9,
    }
}

/// Nanoseconds in one `unit`.
pub(crate) fn nanos_per(unit: TimeUnit) -> i128 {
    match unit {
        TimeUnit::Second => NANOS_PER_SECOND,
        TimeUnit::Millisecond => 1_000_000,
        TimeUnit::Microsecond => 1_000,
        TimeUnit::Nanosecond => 1,
    }
}

/// The values of a date/time array as nanoseconds (see the module docs).
pub(crate) fn nanos(array: &dyn Array) -> Result<Vec<Option<i128>>> {
    let scaled = |v: Option<i64>, by: i128| v.map(|v| i128::from(v) * by);
    Ok(match array.data_type() {
        DataType::Date32 => array
            .as_primitive::<Date32Type>()
            .iter()
            .map(|d| d.map(|d| i128::from(d) * NANOS_PER_DAY))
            .collect(),
        DataType::Timestamp(TimeUnit::Second, _) => array
            .as_primitive::<TimestampSecondType>()
            .iter()
            .map(|v| scaled(v, NANOS_PER_SECOND))
            .collect(),
        DataType::Timestamp(TimeUnit::Millisecond, _) => array
            .as_primitive::<TimestampMillisecondType>()
            .iter()
            .map(|v| scaled(v, 1_000_000))
            .collect(),
        DataType::Timestamp(TimeUnit::Microsecond, _) => array
            .as_primitive::<TimestampMicrosecondType>()
            .iter()
            .map(|v| scaled(v, 1_000))
            .collect(),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => array
            .as_primitive::<TimestampNanosecondType>()
            .iter()
            .map(|v| scaled(v, 1))
            .collect(),
        other => return exec_err!("expected a date or timestamp, got {other}"),
    })
}

/// Round nanoseconds half up to a multiple of `per` (Trino's rounding when precision shrinks).
pub(crate) fn round_half_up(nanos: i128, per: i128) -> i128 {
    (nanos + per / 2).div_euclid(per) * per
}

/// Build an array of `temporal`'s type from nanoseconds, truncating to its unit.
pub(crate) fn build(
    values: &[Option<i128>],
    temporal: &Temporal,
    function: &str,
) -> Result<ArrayRef> {
    let per = temporal.nanos_per_unit();
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        out.push(match v {
            None => None,
            Some(v) => match i64::try_from(v.div_euclid(per)) {
                Ok(v) => Some(v),
                Err(_) => return exec_err!("{function}: the value is out of range"),
            },
        });
    }
    let tz = temporal.zone().map(|z| Arc::<str>::from(z.id()));
    Ok(match temporal {
        Temporal::Date => {
            let days: Result<Vec<Option<i32>>> = out
                .into_iter()
                .map(|d| match d.map(i32::try_from) {
                    None => Ok(None),
                    Some(Ok(d)) => Ok(Some(d)),
                    Some(Err(_)) => exec_err!("{function}: the date is out of range"),
                })
                .collect();
            Arc::new(Date32Array::from(days?))
        }
        Temporal::Timestamp { unit, .. } => match unit {
            TimeUnit::Second => Arc::new(TimestampSecondArray::from(out).with_timezone_opt(tz)),
            TimeUnit::Millisecond => {
                Arc::new(TimestampMillisecondArray::from(out).with_timezone_opt(tz))
            }
            TimeUnit::Microsecond => {
                Arc::new(TimestampMicrosecondArray::from(out).with_timezone_opt(tz))
            }
            TimeUnit::Nanosecond => {
                Arc::new(TimestampNanosecondArray::from(out).with_timezone_opt(tz))
            }
        },
    })
}

/// A scalar when every argument was a scalar, else the array.
pub(crate) fn finish(array: ArrayRef, args: &[ColumnarValue]) -> Result<ColumnarValue> {
    if args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_))) {
        return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
            &array, 0,
        )?));
    }
    Ok(ColumnarValue::Array(array))
}

/// Wall-clock nanoseconds of a value: the local time in its zone for `timestamp with time zone`.
pub(crate) fn wall(nanos: i128, zone: Option<&TrinoZone>) -> i128 {
    match zone {
        None => nanos,
        Some(zone) => {
            let seconds = nanos.div_euclid(NANOS_PER_SECOND);
            let seconds =
                i64::try_from(seconds).unwrap_or(if seconds < 0 { i64::MIN } else { i64::MAX });
            nanos + i128::from(zone.offset_seconds_at(seconds)) * NANOS_PER_SECOND
        }
    }
}

/// The instant of a wall-clock time in `zone`; in an overlap the earlier instant, in a gap the
/// time is moved forward by the gap, as Joda-Time does.
pub(crate) fn instant(wall: i128, zone: &TrinoZone) -> i128 {
    let seconds = wall.div_euclid(NANOS_PER_SECOND);
    let fraction = wall.rem_euclid(NANOS_PER_SECOND);
    let Ok(seconds) = i64::try_from(seconds) else {
        return wall;
    };
    let utc_seconds = match zone {
        TrinoZone::Utc => seconds,
        TrinoZone::Offset(offset) => seconds - i64::from(offset.local_minus_utc()),
        TrinoZone::Named(tz) => match local_to_utc_seconds(*tz, seconds) {
            Some(s) => s,
            // A gap: the offset before it, which lands after the gap.
            None => {
                let before = zone.offset_seconds_at(seconds.saturating_sub(86_400));
                seconds - i64::from(before)
            }
        },
    };
    i128::from(utc_seconds) * NANOS_PER_SECOND + fraction
}

/// Calendar fields of a wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    /// Proleptic Gregorian year (0 = 1 BC).
    pub(crate) year: i64,
    /// 1-12.
    pub(crate) month: u32,
    /// 1-31.
    pub(crate) day: u32,
    /// Nanoseconds into the day.
    pub(crate) time: i128,
}

impl Civil {
    /// The fields of wall-clock nanoseconds.
    pub(crate) fn of(wall: i128) -> Civil {
        let days = wall.div_euclid(NANOS_PER_DAY);
        let days = i64::try_from(days).unwrap_or(0);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            time: wall.rem_euclid(NANOS_PER_DAY),
        }
    }

    /// Days since 1970-01-01.
    pub(crate) fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// Back to wall-clock nanoseconds.
    pub(crate) fn wall(&self) -> i128 {
        i128::from(self.days()) * NANOS_PER_DAY + self.time
    }

    /// ISO day of week, Monday = 1 .. Sunday = 7.
    pub(crate) fn day_of_week(&self) -> i64 {
        day_of_week(self.days())
    }

    /// Day of the year, 1-366.
    pub(crate) fn day_of_year(&self) -> i64 {
        self.days() - days_from_civil(self.year, 1, 1) + 1
    }

    /// ISO week-based year and week of that year (weeks start on Monday; week 1 holds January 4th).
    pub(crate) fn iso_week(&self) -> (i64, i64) {
        iso_week(self.days())
    }

    /// The same time `months` months later, the day clamped to the end of the month.
    pub(crate) fn plus_months(&self, months: i64) -> Civil {
        let index = self.year * 12 + i64::from(self.month) - 1 + months;
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u32;
        Civil {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
            time: self.time,
        }
    }
}

/// A constant string argument: `Some(None)` for a NULL constant, `None` when not a constant.
pub(crate) fn constant_str(arg: Option<&ScalarValue>) -> Option<Option<String>> {
    arg.and_then(|v| v.try_as_str())
        .map(|s| s.map(str::to_string))
}

/// Whether a type is a string (or NULL, which Trino coerces to any type).
pub(crate) fn is_string(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
    )
}

/// The argument types as a list for error messages: `(timestamp(3), varchar)`.
pub(crate) fn type_list(types: &[DataType]) -> String {
    types
        .iter()
        .map(trino_type_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Trino name of an Arrow type, for messages.
pub(crate) fn trino_type_name(t: &DataType) -> String {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "varchar".into(),
        DataType::Int64 => "bigint".into(),
        DataType::Int32 => "integer".into(),
        DataType::Int16 => "smallint".into(),
        DataType::Int8 => "tinyint".into(),
        DataType::Float64 => "double".into(),
        DataType::Float32 => "real".into(),
        DataType::Boolean => "boolean".into(),
        DataType::Date32 | DataType::Date64 => "date".into(),
        DataType::Null => "unknown".into(),
        DataType::Timestamp(unit, tz) => {
            let p = precision_of(*unit);
            match tz {
                Some(_) => format!("timestamp({p}) with time zone"),
                None => format!("timestamp({p})"),
            }
        }
        other => other.to_string().to_lowercase(),
    }
}

/// The string values of an argument as owned options, for `n` rows.
pub(crate) fn strings(arg: &ColumnarValue, n: usize) -> Result<Vec<Option<String>>> {
    let array = arg.to_array(n)?;
    let array = arrow::compute::cast(&array, &DataType::Utf8)?;
    Ok(array
        .as_string::<i32>()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_and_weekdays() {
        // 2020-05-10 is a Sunday in ISO week 19; 2021-01-01 is a Friday in week 53 of 2020.
        let sunday = Civil::of(i128::from(days_from_civil(2020, 5, 10)) * NANOS_PER_DAY);
        assert_eq!(sunday.day_of_week(), 7);
        assert_eq!(sunday.iso_week(), (2020, 19));
        let new_year = Civil::of(i128::from(days_from_civil(2021, 1, 1)) * NANOS_PER_DAY);
        assert_eq!(new_year.iso_week(), (2020, 53));
        assert_eq!(new_year.day_of_year(), 1);
    }

    #[test]
    fn months_clamp_to_the_month_end() {
        let oct31 = Civil::of(i128::from(days_from_civil(2012, 10, 31)) * NANOS_PER_DAY);
        let nov = oct31.plus_months(1);
        assert_eq!((nov.year, nov.month, nov.day), (2012, 11, 30));
        let back = oct31.plus_months(-10);
        assert_eq!((back.year, back.month, back.day), (2011, 12, 31));
    }

    #[test]
    fn wall_and_instant_round_trip_in_named_zones() {
        let kathmandu = TrinoZone::parse("Asia/Kathmandu").unwrap();
        let instant_nanos = 1_589_093_396_123_000_000_i128;
        let w = wall(instant_nanos, Some(&kathmandu));
        assert_eq!(
            w - instant_nanos,
            i128::from(5 * 3600 + 45 * 60) * NANOS_PER_SECOND
        );
        assert_eq!(instant(w, &kathmandu), instant_nanos);
    }
}
