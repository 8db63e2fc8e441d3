//! `parse_duration(text)` and `to_milliseconds(interval)`.
//!
//! `parse_duration` reads Airlift's duration text, a decimal number and a unit (`ns`, `us`,
//! `ms`, `s`, `m`, `h`, `d`), optionally separated by spaces, into an
//! `interval day to second`: the number of milliseconds rounded half up
//! (`'1234.567ms'` → `0 00:00:01.235`, `'1234us'` → `0 00:00:00.001`).
//! `to_milliseconds` gives a day-to-second interval's milliseconds as BIGINT.

use std::sync::Arc;

use arrow::array::{Array, AsArray, Int64Array, IntervalMonthDayNanoArray};
use arrow::datatypes::{
    DataType, DurationMicrosecondType, DurationMillisecondType, DurationNanosecondType,
    DurationSecondType, IntervalMonthDayNano, IntervalMonthDayNanoType, IntervalUnit, TimeUnit,
};
use datafusion::common::{exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::value::{is_string, strings};
use crate::functions::support::{DATETIME, documented, scalar_udf, unexpected_parameters};

const MILLIS_PER_DAY: i64 = 86_400_000;
const NANOS_PER_MILLI: i64 = 1_000_000;

/// Milliseconds of one `unit` of Airlift's duration text.
fn millis_per(unit: &str) -> Option<f64> {
    Some(match unit {
        "ns" => 1e-6,
        "us" => 1e-3,
        "ms" => 1.0,
        "s" => 1_000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        "d" => 86_400_000.0,
        _ => return None,
    })
}

/// The milliseconds of a duration text, or Trino's error message.
fn parse(text: &str) -> std::result::Result<i64, String> {
    if text.is_empty() {
        return Err("duration is empty".into());
    }
    let invalid = || format!("duration is not a valid data duration string: {text}");
    let trimmed = text.trim();
    let number_end = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(invalid)?;
    let (number, rest) = trimmed.split_at(number_end);
    let unit = rest.trim_start();
    let valid_number = !number.is_empty()
        && !number.starts_with('.')
        && !number.ends_with('.')
        && number.matches('.').count() <= 1;
    if !valid_number || unit.is_empty() || !unit.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(invalid());
    }
    let value: f64 = number.parse().map_err(|_| invalid())?;
    let per = millis_per(unit).ok_or_else(|| format!("Unknown time unit: {unit}"))?;
    let millis = (value * per + 0.5).floor();
    if millis >= i64::MAX as f64 {
        return Err(invalid());
    }
    Ok(millis as i64)
}

fn interval_of(millis: i64) -> IntervalMonthDayNano {
    IntervalMonthDayNano::new(
        0,
        (millis / MILLIS_PER_DAY) as i32,
        millis % MILLIS_PER_DAY * NANOS_PER_MILLI,
    )
}

/// Wrap an array as a result: a scalar when the (single) argument was one.
fn finish(array: Arc<dyn Array>, args: &[ColumnarValue]) -> Result<ColumnarValue> {
    if matches!(args[0], ColumnarValue::Scalar(_)) {
        Ok(ColumnarValue::Scalar(
            datafusion::common::ScalarValue::try_from_array(&array, 0)?,
        ))
    } else {
        Ok(ColumnarValue::Array(array))
    }
}

scalar_udf! {
    /// `parse_duration(string)`: an `interval day to second` (see the module docs).
    pub struct ParseDuration;
}

impl ScalarUDFImpl for ParseDuration {
    fn name(&self) -> &str {
        "parse_duration"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) => Ok(vec![DataType::Utf8]),
            _ => Err(unexpected_parameters(
                "parse_duration",
                arg_types,
                &["parse_duration(varchar(x))"],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Interval(IntervalUnit::MonthDayNano))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let mut out = Vec::with_capacity(args.number_rows);
        for text in strings(&args.args[0], args.number_rows)? {
            out.push(match text {
                None => None,
                Some(t) => match parse(&t) {
                    Ok(millis) => Some(interval_of(millis)),
                    Err(e) => return exec_err!("{e}"),
                },
            });
        }
        finish(Arc::new(IntervalMonthDayNanoArray::from(out)), &args.args)
    }
    documented!(
        DATETIME,
        "parse_duration(string)",
        "Parses string of format value unit into an interval, where value is fractional number of unit values.",
        "SELECT parse_duration('3.81 d'); -- 3 19:26:24.000"
    );
}

scalar_udf! {
    /// `to_milliseconds(interval)`: the milliseconds of an `interval day to second`.
    pub struct ToMilliseconds;
}

impl ScalarUDFImpl for ToMilliseconds {
    fn name(&self) -> &str {
        "to_milliseconds"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ (DataType::Interval(IntervalUnit::MonthDayNano) | DataType::Duration(_))] => {
                Ok(vec![t.clone()])
            }
            [DataType::Interval(_)] => Ok(vec![DataType::Interval(IntervalUnit::MonthDayNano)]),
            _ => Err(unexpected_parameters(
                "to_milliseconds",
                arg_types,
                &["to_milliseconds(interval day to second)"],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let millis: Vec<Option<i64>> = match x.data_type() {
            DataType::Interval(IntervalUnit::MonthDayNano) => {
                let mut out = Vec::with_capacity(x.len());
                for v in x.as_primitive::<IntervalMonthDayNanoType>().iter() {
                    out.push(match v {
                        None => None,
                        Some(v) if v.months != 0 => {
                            return plan_err!(
                                "Unexpected parameters (interval year to month) for function to_milliseconds. Expected: to_milliseconds(interval day to second)"
                            );
                        }
                        Some(v) => Some(
                            i64::from(v.days) * MILLIS_PER_DAY + v.nanoseconds / NANOS_PER_MILLI,
                        ),
                    });
                }
                out
            }
            DataType::Duration(TimeUnit::Second) => x
                .as_primitive::<DurationSecondType>()
                .iter()
                .map(|v| v.map(|v| v * 1_000))
                .collect(),
            DataType::Duration(TimeUnit::Millisecond) => {
                x.as_primitive::<DurationMillisecondType>().iter().collect()
            }
            DataType::Duration(TimeUnit::Microsecond) => x
                .as_primitive::<DurationMicrosecondType>()
                .iter()
                .map(|v| v.map(|v| v / 1_000))
                .collect(),
            DataType::Duration(TimeUnit::Nanosecond) => x
                .as_primitive::<DurationNanosecondType>()
                .iter()
                .map(|v| v.map(|v| v / NANOS_PER_MILLI))
                .collect(),
            other => return exec_err!("to_milliseconds: unexpected {other}"),
        };
        finish(Arc::new(Int64Array::from(millis)), &args.args)
    }
    documented!(
        DATETIME,
        "to_milliseconds(interval)",
        "Returns the day-to-second interval as milliseconds.",
        "SELECT to_milliseconds(INTERVAL '1' DAY); -- 86400000"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_airlift() {
        assert_eq!(parse("1234.567ms"), Ok(1_235));
        assert_eq!(parse("1234us"), Ok(1));
        assert_eq!(parse("1234.567 m"), Ok(74_074_020));
        assert_eq!(parse("1ns"), Ok(0));
        assert_eq!(parse("").unwrap_err(), "duration is empty");
        assert_eq!(parse("1f").unwrap_err(), "Unknown time unit: f");
        assert_eq!(
            parse("abc").unwrap_err(),
            "duration is not a valid data duration string: abc"
        );
    }
}
