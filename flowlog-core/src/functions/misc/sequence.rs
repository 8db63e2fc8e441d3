//! `sequence(start, stop[, step])` with Trino's semantics: bigint and date forms, an
//! error (not an empty array) when the step points away from `stop`, and at most 10000
//! elements.
//!
//! ```text
//! sequence(bigint, bigint[, bigint])                 -> array(bigint)   step 1 or -1
//! sequence(date, date[, interval day / month / year]) -> array(date)     step 1 day or -1 day
//! sequence(timestamp, timestamp, interval)           -> array(timestamp)
//! ```

use std::sync::Arc;

use arrow::array::{Array, AsArray, Date32Builder, Int64Builder, ListBuilder};
use arrow::datatypes::{DataType, IntervalMonthDayNanoType, IntervalUnit, TimeUnit};
use chrono::{Months, NaiveDate};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

/// Trino's limit on the length of a `sequence` result.
const MAX_ENTRIES: usize = 10_000;

const WRONG_DIRECTION: &str = "sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start";

scalar_udf! {
    /// `sequence`: the values from `start` to `stop` inclusive, `step` apart.
    pub struct Sequence;
}

fn is_date(t: &DataType) -> bool {
    matches!(t, DataType::Date32 | DataType::Date64)
}

fn is_int(t: &DataType) -> bool {
    t.is_null() || t.is_integer()
}

impl ScalarUDFImpl for Sequence {
    fn name(&self) -> &str {
        "sequence"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let interval = DataType::Interval(IntervalUnit::MonthDayNano);
        match arg_types {
            [a, b] if is_int(a) && is_int(b) => Ok(vec![DataType::Int64; 2]),
            [a, b, c] if is_int(a) && is_int(b) && is_int(c) => Ok(vec![DataType::Int64; 3]),
            [a, b] if is_date(a) && is_date(b) => Ok(vec![DataType::Date32; 2]),
            [a, b, DataType::Interval(_) | DataType::Null] if is_date(a) && is_date(b) => {
                Ok(vec![DataType::Date32, DataType::Date32, interval])
            }
            [
                a @ DataType::Timestamp(_, _),
                DataType::Timestamp(_, _),
                DataType::Interval(_),
            ] => Ok(vec![a.clone(), a.clone(), interval]),
            _ => Err(unexpected_parameters(
                "sequence",
                arg_types,
                &[
                    "sequence(bigint, bigint)",
                    "sequence(bigint, bigint, bigint)",
                    "sequence(date, date)",
                    "sequence(date, date, interval day to second)",
                    "sequence(date, date, interval year to month)",
                    "sequence(timestamp, timestamp, interval day to second)",
                    "sequence(timestamp, timestamp, interval year to month)",
                ],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let element = match arg_types.first() {
            Some(t @ DataType::Timestamp(_, _)) => t.clone(),
            Some(t) if is_date(t) => DataType::Date32,
            _ => DataType::Int64,
        };
        Ok(DataType::new_list(element, true))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        if rows.array(0).data_type() == &DataType::Date32 {
            return dates(&rows, args.args.len() == 3);
        }
        if let DataType::Timestamp(unit, _) = rows.array(0).data_type() {
            return timestamps(&rows, *unit);
        }
        let three = args.args.len() == 3;
        let mut b = ListBuilder::new(Int64Builder::new());
        for r in 0..rows.len() {
            let (Some(start), Some(stop)) = (rows.i64(0, r), rows.i64(1, r)) else {
                b.append(false);
                continue;
            };
            let step = if three {
                rows.i64(2, r)
            } else {
                Some(if stop >= start { 1 } else { -1 })
            };
            let Some(step) = step else {
                b.append(false);
                continue;
            };
            for v in bigint_sequence(start, stop, step)? {
                b.values().append_value(v);
            }
            b.append(true);
        }
        rows.finish(Arc::new(b.finish()))
    }

    documented!(
        "Array Functions",
        "sequence(start, stop[, step])",
        "Generates a sequence of integers (or dates) from start to stop inclusive, incrementing by step (1 or -1 by default; 1 day for dates).",
        "SELECT sequence(1, 9, 4); -- [1, 5, 9]"
    );
}

/// The values `start, start + step, …` up to `stop`, with Trino's checks.
fn bigint_sequence(start: i64, stop: i64, step: i64) -> Result<Vec<i64>> {
    if step == 0 {
        return exec_err!("sequence: step must not be zero");
    }
    if (step > 0 && stop < start) || (step < 0 && stop > start) {
        return exec_err!("sequence: {WRONG_DIRECTION}");
    }
    let count = (i128::from(stop) - i128::from(start)) / i128::from(step) + 1;
    if count > MAX_ENTRIES as i128 {
        return exec_err!(
            "sequence: result of sequence function must not have more than {MAX_ENTRIES} entries"
        );
    }
    // In i128: `i * step` may overflow where `start + i * step` (between start and stop)
    // does not, as in `sequence(9223372036854775807, -9223372036854775808, -9223372036854775807)`.
    Ok((0..count)
        .map(|i| (i128::from(start) + i * i128::from(step)) as i64)
        .collect())
}

/// The date form: a step of whole days, or of whole months (years are 12 months).
fn dates(rows: &Rows, three: bool) -> Result<ColumnarValue> {
    let start_dates = rows.array(0).as_primitive::<arrow::datatypes::Date32Type>();
    let stop_dates = rows.array(1).as_primitive::<arrow::datatypes::Date32Type>();
    let steps = three.then(|| rows.array(2).as_primitive::<IntervalMonthDayNanoType>());
    let mut b = ListBuilder::new(Date32Builder::new());
    for r in 0..rows.len() {
        let null_step = steps.is_some_and(|s| s.is_null(r));
        if start_dates.is_null(r) || stop_dates.is_null(r) || null_step {
            b.append(false);
            continue;
        }
        let (start, stop) = (start_dates.value(r), stop_dates.value(r));
        let step = steps.map(|s| s.value(r));
        let values = match step {
            None => {
                let day = if stop >= start { 1 } else { -1 };
                bigint_sequence(start.into(), stop.into(), day)?
            }
            Some(i) if i.nanoseconds != 0 || (i.days != 0 && i.months != 0) => {
                return exec_err!(
                    "sequence: sequence step must be a day interval if start and end values are dates"
                );
            }
            Some(i) if i.months == 0 => bigint_sequence(start.into(), stop.into(), i.days.into())?,
            Some(i) => month_sequence(start, stop, i.months)?,
        };
        for v in values {
            // Every value lies between start and stop, both valid dates.
            b.values().append_value(v as i32);
        }
        b.append(true);
    }
    rows.finish(Arc::new(b.finish()))
}

/// Dates `start + k * months` (k = 0, 1, …) up to `stop`, as days since the epoch.
fn month_sequence(start: i32, stop: i32, months: i32) -> Result<Vec<i64>> {
    if (months > 0 && stop < start) || (months < 0 && stop > start) {
        return exec_err!("sequence: {WRONG_DIRECTION}");
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let first = epoch + chrono::Duration::days(start.into());
    let mut out = Vec::new();
    for k in 0.. {
        let offset = i64::from(months) * k;
        let shifted = if offset >= 0 {
            u32::try_from(offset)
                .ok()
                .and_then(|m| first.checked_add_months(Months::new(m)))
        } else {
            u32::try_from(-offset)
                .ok()
                .and_then(|m| first.checked_sub_months(Months::new(m)))
        };
        let Some(date) = shifted else { break };
        let days = (date - epoch).num_days();
        if (months > 0 && days > i64::from(stop)) || (months < 0 && days < i64::from(stop)) {
            break;
        }
        if out.len() == MAX_ENTRIES {
            return exec_err!(
                "sequence: result of sequence function must not have more than {MAX_ENTRIES} entries"
            );
        }
        out.push(days);
    }
    Ok(out)
}

/// The timestamp form: a step of days to seconds, or of whole months; the values keep the
/// start's type (precision and zone).
fn timestamps(rows: &Rows, unit: TimeUnit) -> Result<ColumnarValue> {
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let starts = arrow::compute::cast(rows.array(0), &DataType::Int64)?;
    let stops = arrow::compute::cast(rows.array(1), &DataType::Int64)?;
    let (starts, stops) = (
        starts.as_primitive::<arrow::datatypes::Int64Type>(),
        stops.as_primitive::<arrow::datatypes::Int64Type>(),
    );
    let steps = rows.array(2).as_primitive::<IntervalMonthDayNanoType>();
    let mut values: Vec<i64> = Vec::new();
    let mut out: Vec<Option<Vec<Option<usize>>>> = Vec::with_capacity(rows.len());
    for r in 0..rows.len() {
        if starts.is_null(r) || stops.is_null(r) || steps.is_null(r) {
            out.push(None);
            continue;
        }
        let (start, stop, step) = (starts.value(r), stops.value(r), steps.value(r));
        let seq = if step.months == 0 {
            let units = (i128::from(step.days) * 86_400 * i128::from(per_second))
                + i128::from(step.nanoseconds) * i128::from(per_second) / 1_000_000_000;
            let Ok(units) = i64::try_from(units) else {
                return exec_err!("sequence: step out of range");
            };
            bigint_sequence(start, stop, units)?
        } else if step.days == 0 && step.nanoseconds == 0 {
            timestamp_month_sequence(start, stop, step.months, per_second)?
        } else {
            return exec_err!(
                "sequence: sequence step must be a day-to-second or year-to-month interval"
            );
        };
        let first = values.len();
        values.extend(seq);
        out.push(Some((first..values.len()).map(Some).collect()));
    }
    let values: arrow::array::ArrayRef = Arc::new(arrow::array::Int64Array::from(values));
    let values = arrow::compute::cast(&values, rows.array(0).data_type())?;
    rows.finish(crate::functions::array::lists::take_lists(&values, &out)?)
}

/// Timestamps `start + k * months` up to `stop`, in units of `1 / per_second` seconds.
fn timestamp_month_sequence(
    start: i64,
    stop: i64,
    months: i32,
    per_second: i64,
) -> Result<Vec<i64>> {
    if (months > 0 && stop < start) || (months < 0 && stop > start) {
        return exec_err!("sequence: {WRONG_DIRECTION}");
    }
    let seconds = start.div_euclid(per_second);
    let fraction = start.rem_euclid(per_second);
    let Some(first) = chrono::DateTime::from_timestamp(seconds, 0).map(|d| d.naive_utc()) else {
        return exec_err!("sequence: start out of range");
    };
    let mut out = Vec::new();
    for k in 0.. {
        let offset = i64::from(months) * k;
        let shifted = if offset >= 0 {
            u32::try_from(offset)
                .ok()
                .and_then(|m| first.checked_add_months(Months::new(m)))
        } else {
            u32::try_from(-offset)
                .ok()
                .and_then(|m| first.checked_sub_months(Months::new(m)))
        };
        let Some(t) = shifted else { break };
        let value = t.and_utc().timestamp() * per_second + fraction;
        if (months > 0 && value > stop) || (months < 0 && value < stop) {
            break;
        }
        if out.len() == MAX_ENTRIES {
            return exec_err!(
                "sequence: result of sequence function must not have more than {MAX_ENTRIES} entries"
            );
        }
        out.push(value);
    }
    Ok(out)
}
