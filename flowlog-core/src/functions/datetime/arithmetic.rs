//! `date_trunc(unit, x)`, `date_add(unit, value, x)` and `date_diff(unit, x1, x2)`.
//!
//! Units: `millisecond`, `second`, `minute`, `hour`, `day`, `week`, `month`, `quarter`, `year`
//! (case-insensitive); a DATE takes only `day` and above. Results keep the argument's type and
//! precision, so adding less than the precision changes nothing. On a `timestamp with time zone`,
//! days and longer units work on the wall-clock time of its zone (month arithmetic clamps to the
//! month end); shorter units on the instant.

use std::sync::Arc;

use arrow::array::AsArray;
use arrow::array::Int64Array;
use arrow::datatypes::{DataType, Int64Type};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::value::{
    Civil, NANOS_PER_DAY, NANOS_PER_SECOND, Temporal, build, finish, instant, is_string, nanos,
    strings, wall,
};

/// A unit of `date_trunc`, `date_add` and `date_diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    fn parse(text: &str, t: &Temporal) -> Result<Unit> {
        let unit = match text.to_ascii_lowercase().as_str() {
            "millisecond" => Unit::Millisecond,
            "second" => Unit::Second,
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            _ => {
                return match t {
                    Temporal::Date => exec_err!("'{text}' is not a valid DATE field"),
                    _ => exec_err!("'{text}' is not a valid Timestamp field"),
                };
            }
        };
        if *t == Temporal::Date && unit.fixed_nanos().is_some_and(|n| n < NANOS_PER_DAY) {
            return exec_err!("'{text}' is not a valid DATE field");
        }
        Ok(unit)
    }

    /// The length of units up to a week; `None` for months and longer.
    fn fixed_nanos(self) -> Option<i128> {
        Some(match self {
            Unit::Millisecond => 1_000_000,
            Unit::Second => NANOS_PER_SECOND,
            Unit::Minute => 60 * NANOS_PER_SECOND,
            Unit::Hour => 3600 * NANOS_PER_SECOND,
            Unit::Day => NANOS_PER_DAY,
            Unit::Week => 7 * NANOS_PER_DAY,
            _ => return None,
        })
    }

    fn months(self) -> i64 {
        match self {
            Unit::Quarter => 3,
            Unit::Year => 12,
            _ => 1,
        }
    }

    /// Whether the unit counts on the instant rather than on the wall clock of the zone.
    fn on_instant(self) -> bool {
        self.fixed_nanos().is_some_and(|n| n < NANOS_PER_DAY)
    }
}

fn units(arg: &ColumnarValue, n: usize, t: &Temporal) -> Result<Vec<Option<Unit>>> {
    strings(arg, n)?
        .into_iter()
        .map(|s| s.map(|s| Unit::parse(&s, t)).transpose())
        .collect()
}

/// Truncate wall-clock nanoseconds to a unit.
fn truncate(w: i128, unit: Unit) -> i128 {
    let civil = Civil::of(w);
    match unit {
        Unit::Week => (i128::from(civil.days() - civil.day_of_week() + 1)) * NANOS_PER_DAY,
        Unit::Month | Unit::Quarter | Unit::Year => {
            let month = match unit {
                Unit::Month => civil.month,
                Unit::Quarter => (civil.month - 1) / 3 * 3 + 1,
                _ => 1,
            };
            Civil {
                year: civil.year,
                month,
                day: 1,
                time: 0,
            }
            .wall()
        }
        fixed => {
            let per = fixed.fixed_nanos().unwrap_or(1);
            w.div_euclid(per) * per
        }
    }
}

scalar_udf! {
    /// `date_trunc(unit, x)`.
    pub struct DateTrunc;
}

impl ScalarUDFImpl for DateTrunc {
    fn name(&self) -> &str {
        "date_trunc"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [u, t @ (DataType::Timestamp(..) | DataType::Date32)] if is_string(u) => {
                Ok(vec![DataType::Utf8, t.clone()])
            }
            _ => Err(unexpected_parameters(
                "date_trunc",
                arg_types,
                &[
                    "date_trunc(varchar, date)",
                    "date_trunc(varchar, timestamp(p))",
                    "date_trunc(varchar, timestamp(p) with time zone)",
                ],
            )),
        }
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(arg_types[1].clone())
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let x = args.args[1].to_array(n)?;
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let zone = t.zone();
        let units = units(&args.args[0], n, &t)?;
        let values: Vec<Option<i128>> = nanos(x.as_ref())?
            .into_iter()
            .zip(units)
            .map(|(v, u)| {
                let (v, u) = (v?, u?);
                let truncated = truncate(wall(v, zone.as_ref()), u);
                Some(match &zone {
                    Some(z) => instant(truncated, z),
                    None => truncated,
                })
            })
            .collect();
        finish(build(&values, &t, self.name())?, &args.args)
    }
    documented!(
        DATETIME,
        "date_trunc(unit, x)",
        "Returns x truncated to unit (millisecond, second, minute, hour, day, week, month, quarter or year).",
        "SELECT date_trunc('month', TIMESTAMP '2001-08-22 03:04:05.321'); -- 2001-08-01 00:00:00.000"
    );
}

scalar_udf! {
    /// `date_add(unit, value, x)`.
    pub struct DateAdd;
}

fn add(v: i128, unit: Unit, amount: i64, zone: Option<&crate::time::TrinoZone>) -> Option<i128> {
    if unit.on_instant() {
        return v.checked_add(unit.fixed_nanos()? * i128::from(amount));
    }
    let w = wall(v, zone);
    let moved = match unit.fixed_nanos() {
        Some(per) => w.checked_add(per * i128::from(amount))?,
        None => Civil::of(w)
            .plus_months(amount.checked_mul(unit.months())?)
            .wall(),
    };
    Some(match zone {
        Some(z) => instant(moved, z),
        None => moved,
    })
}

impl ScalarUDFImpl for DateAdd {
    fn name(&self) -> &str {
        "date_add"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [u, n, t @ (DataType::Timestamp(..) | DataType::Date32)]
                if is_string(u) && (n.is_integer() || n.is_null()) =>
            {
                Ok(vec![DataType::Utf8, DataType::Int64, t.clone()])
            }
            _ => Err(unexpected_parameters(
                "date_add",
                arg_types,
                &[
                    "date_add(varchar, bigint, date)",
                    "date_add(varchar, bigint, timestamp(p))",
                    "date_add(varchar, bigint, timestamp(p) with time zone)",
                ],
            )),
        }
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(arg_types[2].clone())
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let x = args.args[2].to_array(n)?;
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let zone = t.zone();
        let units = units(&args.args[0], n, &t)?;
        let amounts = args.args[1].to_array(n)?;
        let amounts = amounts.as_primitive::<Int64Type>();
        let mut values = Vec::with_capacity(n);
        for (i, (v, u)) in nanos(x.as_ref())?.into_iter().zip(units).enumerate() {
            let (Some(v), Some(u), true) = (v, u, amounts.is_valid(i)) else {
                values.push(None);
                continue;
            };
            match add(v, u, amounts.value(i), zone.as_ref()) {
                Some(r) => values.push(Some(r)),
                None => return exec_err!("date_add: the result is out of range"),
            }
        }
        finish(build(&values, &t, self.name())?, &args.args)
    }
    documented!(
        DATETIME,
        "date_add(unit, value, timestamp)",
        "Adds an interval value of type unit to timestamp. Subtraction can be performed by using a negative value.",
        "SELECT date_add('month', 1, DATE '2012-10-31'); -- 2012-11-30"
    );
}

use crate::functions::support::{DATETIME, documented, scalar_udf, unexpected_parameters};
use arrow::array::Array;

scalar_udf! {
    /// `date_diff(unit, x1, x2)`.
    pub struct DateDiff;
}

/// Whole months from `start` to `end` (wall clock), as Joda-Time counts them: a month is only
/// complete once the day and time of month are reached, a month-end start counting as reached
/// on a shorter month's last day.
fn months_between(start: i128, end: i128) -> i64 {
    if end < start {
        return -months_between(end, start);
    }
    let (s, e) = (Civil::of(start), Civil::of(end));
    let mut months = (e.year - s.year) * 12 + i64::from(e.month) - i64::from(s.month);
    let e_last = e.day == crate::time::calendar::days_in_month(e.year, e.month);
    let s_day = if e_last && s.day > e.day {
        e.day
    } else {
        s.day
    };
    let e_rest = (i128::from(e.day) - 1) * NANOS_PER_DAY + e.time;
    let s_rest = (i128::from(s_day) - 1) * NANOS_PER_DAY + s.time;
    if e_rest < s_rest {
        months -= 1;
    }
    months
}

impl ScalarUDFImpl for DateDiff {
    fn name(&self) -> &str {
        "date_diff"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [u, DataType::Date32, DataType::Date32] if is_string(u) => {
                Ok(vec![DataType::Utf8, DataType::Date32, DataType::Date32])
            }
            [
                u,
                a @ DataType::Timestamp(_, za),
                b @ DataType::Timestamp(_, zb),
            ] if is_string(u) && za.is_some() == zb.is_some() => {
                Ok(vec![DataType::Utf8, a.clone(), b.clone()])
            }
            _ => Err(unexpected_parameters(
                "date_diff",
                arg_types,
                &[
                    "date_diff(varchar, date, date)",
                    "date_diff(varchar, timestamp(p), timestamp(p))",
                    "date_diff(varchar, timestamp(p) with time zone, timestamp(p) with time zone)",
                ],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let a = args.args[1].to_array(n)?;
        let b = args.args[2].to_array(n)?;
        let t = Temporal::of(a.data_type(), self.name())?.unwrap_or(Temporal::Date);
        // Joda-Time reads both values in the first one's zone.
        let zone = t.zone();
        let units = units(&args.args[0], n, &t)?;
        let out: Int64Array = nanos(a.as_ref())?
            .into_iter()
            .zip(nanos(b.as_ref())?)
            .zip(units)
            .map(|((a, b), u)| {
                let (a, b, u) = (a?, b?, u?);
                if u.on_instant() {
                    let per = u.fixed_nanos()?;
                    return i64::try_from((b - a) / per).ok();
                }
                let (wa, wb) = (wall(a, zone.as_ref()), wall(b, zone.as_ref()));
                match u.fixed_nanos() {
                    Some(per) => i64::try_from((wb - wa) / per).ok(),
                    None => Some(months_between(wa, wb) / u.months()),
                }
            })
            .collect();
        finish(Arc::new(out), &args.args)
    }
    documented!(
        DATETIME,
        "date_diff(unit, timestamp1, timestamp2)",
        "Returns timestamp2 - timestamp1 expressed in terms of unit.",
        "SELECT date_diff('day', DATE '2020-03-01', DATE '2020-03-02'); -- 1"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::days_from_civil;

    fn day(y: i64, m: u32, d: u32) -> i128 {
        i128::from(days_from_civil(y, m, d)) * NANOS_PER_DAY
    }

    #[test]
    fn months_count_only_complete_months() {
        // Trino: date_diff('month', DATE '1960-05-03', DATE '2001-08-22') = 495.
        assert_eq!(months_between(day(1960, 5, 3), day(2001, 8, 22)), 495);
        assert_eq!(months_between(day(2020, 1, 31), day(2020, 2, 29)), 1);
        assert_eq!(months_between(day(2020, 1, 15), day(2020, 2, 14)), 0);
        assert_eq!(months_between(day(2020, 2, 14), day(2020, 1, 15)), 0);
    }

    #[test]
    fn weeks_truncate_to_monday() {
        // 2020-05-10 is a Sunday; its ISO week starts on Monday 2020-05-04.
        assert_eq!(truncate(day(2020, 5, 10) + 5, Unit::Week), day(2020, 5, 4));
        assert_eq!(truncate(day(2020, 5, 10), Unit::Quarter), day(2020, 4, 1));
    }
}
