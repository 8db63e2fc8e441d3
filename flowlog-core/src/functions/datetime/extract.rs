//! Field extraction: `year(x)`, `month(x)`, `day_of_week(x)`, … and `extract(field FROM x)`
//! (which `dialect::datetime` rewrites to these functions).
//!
//! Fields are read from the wall-clock time, in the value's own zone for `timestamp with time
//! zone`. Weeks are ISO weeks; `day_of_week` is ISO, Monday = 1 .. Sunday = 7. Every field is
//! a BIGINT. A TIME has the hour, minute, second and millisecond fields (time/TestExtract).

use std::sync::{Arc, OnceLock};

use arrow::array::{AsArray, Int64Array};
use arrow::datatypes::{DataType, Time64NanosecondType, TimeUnit};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use crate::time::TrinoZone;

use super::value::{Civil, NANOS_PER_SECOND, Temporal, finish, instant, nanos, wall};
use crate::functions::support::{DATETIME, doc, scalar_udf, unexpected_parameters};

/// A field that can be extracted from a date/time value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateField {
    /// `year(x)`.
    Year,
    /// `quarter(x)`, 1-4.
    Quarter,
    /// `month(x)`, 1-12.
    Month,
    /// `week(x)` / `week_of_year(x)`: ISO week, 1-53.
    Week,
    /// `day(x)` / `day_of_month(x)`.
    Day,
    /// `day_of_week(x)` / `dow(x)`: ISO, Monday = 1.
    DayOfWeek,
    /// `day_of_year(x)` / `doy(x)`.
    DayOfYear,
    /// `year_of_week(x)` / `yow(x)`: the ISO week-based year.
    YearOfWeek,
    /// `hour(x)`.
    Hour,
    /// `minute(x)`.
    Minute,
    /// `second(x)`.
    Second,
    /// `millisecond(x)`.
    Millisecond,
    /// `timezone_hour(x)`: hours of the zone's offset.
    TimezoneHour,
    /// `timezone_minute(x)`: minutes of the zone's offset (signed like the hours).
    TimezoneMinute,
}

impl DateField {
    /// Every field, in documentation order.
    pub const ALL: [DateField; 14] = [
        DateField::Year,
        DateField::Quarter,
        DateField::Month,
        DateField::Week,
        DateField::Day,
        DateField::DayOfWeek,
        DateField::DayOfYear,
        DateField::YearOfWeek,
        DateField::Hour,
        DateField::Minute,
        DateField::Second,
        DateField::Millisecond,
        DateField::TimezoneHour,
        DateField::TimezoneMinute,
    ];

    /// The function name, and its aliases.
    pub fn names(self) -> (&'static str, &'static [&'static str]) {
        match self {
            DateField::Year => ("year", &[]),
            DateField::Quarter => ("quarter", &[]),
            DateField::Month => ("month", &[]),
            DateField::Week => ("week", &["week_of_year"]),
            DateField::Day => ("day", &["day_of_month"]),
            DateField::DayOfWeek => ("day_of_week", &["dow"]),
            DateField::DayOfYear => ("day_of_year", &["doy"]),
            DateField::YearOfWeek => ("year_of_week", &["yow"]),
            DateField::Hour => ("hour", &[]),
            DateField::Minute => ("minute", &[]),
            DateField::Second => ("second", &[]),
            DateField::Millisecond => ("millisecond", &[]),
            DateField::TimezoneHour => ("timezone_hour", &[]),
            DateField::TimezoneMinute => ("timezone_minute", &[]),
        }
    }

    /// The field named in `extract(FIELD FROM x)` (case-insensitive).
    pub fn from_extract_name(name: &str) -> Option<DateField> {
        let lower = name.to_ascii_lowercase();
        DateField::ALL.into_iter().find(|f| {
            let (main, aliases) = f.names();
            main == lower || aliases.contains(&lower.as_str())
        })
    }

    /// Whether a TIME has this field (the time of day, not its zone).
    fn is_time_of_day_field(self) -> bool {
        matches!(
            self,
            DateField::Hour | DateField::Minute | DateField::Second | DateField::Millisecond
        )
    }

    /// The field of a TIME of `nanos` nanoseconds since midnight (a time-of-day field).
    fn of_time(self, nanos: i64) -> i64 {
        let seconds_of_day = nanos.div_euclid(1_000_000_000);
        match self {
            DateField::Hour => seconds_of_day / 3600,
            DateField::Minute => seconds_of_day / 60 % 60,
            DateField::Second => seconds_of_day % 60,
            _ => nanos.rem_euclid(1_000_000_000) / 1_000_000,
        }
    }

    fn is_time_field(self) -> bool {
        matches!(
            self,
            DateField::Hour
                | DateField::Minute
                | DateField::Second
                | DateField::Millisecond
                | DateField::TimezoneHour
                | DateField::TimezoneMinute
        )
    }

    fn description(self) -> &'static str {
        match self {
            DateField::Year => "Returns the year from x.",
            DateField::Quarter => {
                "Returns the quarter of the year from x. The value ranges from 1 to 4."
            }
            DateField::Month => "Returns the month of the year from x.",
            DateField::Week => {
                "Returns the ISO week of the year from x. The value ranges from 1 to 53."
            }
            DateField::Day => "Returns the day of the month from x.",
            DateField::DayOfWeek => {
                "Returns the ISO day of the week from x. The value ranges from 1 (Monday) to 7 (Sunday)."
            }
            DateField::DayOfYear => {
                "Returns the day of the year from x. The value ranges from 1 to 366."
            }
            DateField::YearOfWeek => "Returns the year of the ISO week from x.",
            DateField::Hour => "Returns the hour of the day from x. The value ranges from 0 to 23.",
            DateField::Minute => "Returns the minute of the hour from x.",
            DateField::Second => "Returns the second of the minute from x.",
            DateField::Millisecond => "Returns the millisecond of the second from x.",
            DateField::TimezoneHour => "Returns the hour of the time zone offset from timestamp.",
            DateField::TimezoneMinute => {
                "Returns the minute of the time zone offset from timestamp."
            }
        }
    }

    fn example(self) -> &'static str {
        match self {
            DateField::Year => "SELECT year(TIMESTAMP '2020-05-10 12:34:56'); -- 2020",
            DateField::Quarter => "SELECT quarter(DATE '2020-05-10'); -- 2",
            DateField::Month => "SELECT month(DATE '2020-05-10'); -- 5",
            DateField::Week => "SELECT week(DATE '2020-05-10'); -- 19",
            DateField::Day => "SELECT day(DATE '2020-05-10'); -- 10",
            DateField::DayOfWeek => "SELECT day_of_week(DATE '2020-05-10'); -- 7",
            DateField::DayOfYear => "SELECT day_of_year(DATE '2020-05-10'); -- 131",
            DateField::YearOfWeek => "SELECT year_of_week(DATE '2021-01-01'); -- 2020",
            DateField::Hour => "SELECT hour(TIMESTAMP '2020-05-10 12:34:56'); -- 12",
            DateField::Minute => "SELECT minute(TIMESTAMP '2020-05-10 12:34:56'); -- 34",
            DateField::Second => "SELECT second(TIMESTAMP '2020-05-10 12:34:56'); -- 56",
            DateField::Millisecond => {
                "SELECT millisecond(TIMESTAMP '2020-05-10 12:34:56.123'); -- 123"
            }
            DateField::TimezoneHour => {
                "SELECT timezone_hour(TIMESTAMP '2020-05-10 12:34:56 +07:09'); -- 7"
            }
            DateField::TimezoneMinute => {
                "SELECT timezone_minute(TIMESTAMP '2020-05-10 12:34:56 +07:09'); -- 9"
            }
        }
    }

    /// The field of a value (nanoseconds as in `value`) of type `t`; the zone fields of a
    /// `timestamp` (no zone) are those of `session_zone`, as Trino casts it implicitly.
    fn of(self, v: i128, t: &Temporal, session_zone: &TrinoZone) -> i64 {
        let (v, zone) = match (t.zone(), self) {
            (None, DateField::TimezoneHour | DateField::TimezoneMinute) => {
                (instant(v, session_zone), Some(*session_zone))
            }
            (zone, _) => (v, zone),
        };
        let civil = Civil::of(wall(v, zone.as_ref()));
        let seconds_of_day = (civil.time / NANOS_PER_SECOND) as i64;
        let offset_minutes = || {
            let w = wall(v, zone.as_ref());
            ((w - v) / (60 * NANOS_PER_SECOND)) as i64
        };
        match self {
            DateField::Year => civil.year,
            DateField::Quarter => i64::from((civil.month - 1) / 3 + 1),
            DateField::Month => i64::from(civil.month),
            DateField::Week => civil.iso_week().1,
            DateField::Day => i64::from(civil.day),
            DateField::DayOfWeek => civil.day_of_week(),
            DateField::DayOfYear => civil.day_of_year(),
            DateField::YearOfWeek => civil.iso_week().0,
            DateField::Hour => seconds_of_day / 3600,
            DateField::Minute => seconds_of_day / 60 % 60,
            DateField::Second => seconds_of_day % 60,
            DateField::Millisecond => ((civil.time % NANOS_PER_SECOND) / 1_000_000) as i64,
            DateField::TimezoneHour => offset_minutes() / 60,
            DateField::TimezoneMinute => offset_minutes() % 60,
        }
    }
}

scalar_udf! {
    /// One extraction function (see [`DateField`]).
    pub struct Extract {
        /// The function for `field`, in a session whose zone is `session_zone`.
        fn new(field: DateField, session_zone: TrinoZone);
    }
}

impl ScalarUDFImpl for Extract {
    fn name(&self) -> &str {
        self.field.names().0
    }
    fn aliases(&self) -> &[String] {
        static ALIASES: OnceLock<Vec<Vec<String>>> = OnceLock::new();
        let all = ALIASES.get_or_init(|| {
            DateField::ALL
                .iter()
                .map(|f| f.names().1.iter().map(|s| s.to_string()).collect())
                .collect()
        });
        let index = DateField::ALL
            .iter()
            .position(|f| *f == self.field)
            .unwrap_or(0);
        &all[index]
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let name = self.name();
        match arg_types {
            [DataType::Date32 | DataType::Date64] if !self.field.is_time_field() => {
                Ok(vec![DataType::Date32])
            }
            [t @ DataType::Timestamp(..)] => Ok(vec![t.clone()]),
            [DataType::Time32(_) | DataType::Time64(_)] if self.field.is_time_of_day_field() => {
                Ok(vec![DataType::Time64(TimeUnit::Nanosecond)])
            }
            [DataType::Null] => Ok(vec![DataType::Date32]),
            _ => {
                let mut expected = Vec::new();
                if !self.field.is_time_field() {
                    expected.push(format!("{name}(date)"));
                }
                expected.push(format!("{name}(timestamp(p))"));
                expected.push(format!("{name}(timestamp(p) with time zone)"));
                let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
                Err(unexpected_parameters(name, arg_types, &expected))
            }
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        if let DataType::Time64(TimeUnit::Nanosecond) = x.data_type() {
            let out: Int64Array = x
                .as_primitive::<Time64NanosecondType>()
                .iter()
                .map(|v| v.map(|v| self.field.of_time(v)))
                .collect();
            return finish(Arc::new(out), &args.args);
        }
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let out: Int64Array = nanos(x.as_ref())?
            .into_iter()
            .map(|v| v.map(|v| self.field.of(v, &t, &self.session_zone)))
            .collect();
        finish(Arc::new(out), &args.args)
    }
    fn documentation(&self) -> Option<&Documentation> {
        static DOCS: OnceLock<Vec<Documentation>> = OnceLock::new();
        let docs = DOCS.get_or_init(|| {
            DateField::ALL
                .iter()
                .map(|f| {
                    doc(
                        DATETIME,
                        &format!("{}(x)", f.names().0),
                        f.description(),
                        f.example(),
                    )
                })
                .collect()
        });
        DateField::ALL
            .iter()
            .position(|f| *f == self.field)
            .map(|i| &docs[i])
    }
}
