//! `format_datetime(timestamp, format)`: format with a Joda-Time pattern, as Trino does.
//!
//! A `timestamp with time zone` prints in its own zone; a `timestamp` (no zone) prints
//! its wall-clock fields and may not use the zone letters `z`/`Z`. Values are rounded to
//! milliseconds first.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use arrow::datatypes::{
    DataType, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::support::{DATETIME, documented, scalar_udf};
use crate::time::TrinoZone;
use crate::time::joda::JodaPattern;

use super::format_cache::{Granularity, format_column};

scalar_udf! {
    /// The `format_datetime` function (Trino semantics, Joda-Time patterns).
    pub struct FormatDatetime;
}

impl ScalarUDFImpl for FormatDatetime {
    fn name(&self) -> &str {
        "format_datetime"
    }

    documented!(
        DATETIME,
        "format_datetime(timestamp, format)",
        "Formats timestamp as a string using format (JodaTime's DateTimeFormat pattern).",
        "SELECT format_datetime(from_unixtime(1418530010, 9, 0), 'yyyy-MM-dd HH:mm:ss'); -- 2014-12-14 13:06:50"
    );

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ DataType::Timestamp(_, _), f] if is_string(f) => {
                Ok(vec![t.clone(), DataType::Utf8])
            }
            [DataType::Date32 | DataType::Date64, f] if is_string(f) => Ok(vec![
                DataType::Timestamp(TimeUnit::Millisecond, None),
                DataType::Utf8,
            ]),
            [DataType::Null, f] if is_string(f) => Ok(vec![
                DataType::Timestamp(TimeUnit::Millisecond, None),
                DataType::Utf8,
            ]),
            _ => plan_err!(
                "format_datetime: unexpected argument types ({}); expected (timestamp, varchar) or (timestamp with time zone, varchar)",
                arg_types
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let all_scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let n = args.number_rows;
        let ts = args.args[0].to_array(n)?;
        let DataType::Timestamp(unit, tz) = ts.data_type().clone() else {
            return exec_err!(
                "format_datetime: expected a timestamp, got {}",
                ts.data_type()
            );
        };
        let zone = match &tz {
            Some(tz) => match TrinoZone::parse(tz) {
                Ok(z) => Some(z),
                Err(e) => return exec_err!("format_datetime: {e}"),
            },
            None => None,
        };
        let millis = to_millis(&ts, unit);
        let mut out = StringBuilder::new();
        // The pattern is almost always a constant: compile it once.
        let constant = match &args.args[1] {
            ColumnarValue::Scalar(s) => Some(s.try_as_str().flatten().map(str::to_string)),
            ColumnarValue::Array(_) => None,
        };
        let compiled = match &constant {
            Some(Some(p)) => Some(compile(p, zone.is_none())?),
            _ => None,
        };
        if let (Some(Some(text)), Some(pattern)) = (&constant, &compiled)
            && let Some(granularity) = Granularity::of_pattern(text)
            && !pattern.has_zone_field()
            && !all_scalar
        {
            let array = format_column(
                &millis,
                pattern,
                granularity,
                zone.as_ref().unwrap_or(&TrinoZone::Utc),
            );
            return Ok(ColumnarValue::Array(array));
        }
        let patterns = args.args[1].to_array(n)?;
        let patterns = patterns.as_string::<i32>();
        let utc = TrinoZone::Utc;
        let mut text = String::new();
        for (i, m) in millis.iter().enumerate() {
            let Some(m) = m else {
                out.append_null();
                continue;
            };
            if patterns.is_null(i) {
                out.append_null();
                continue;
            }
            let owned;
            let pattern = match &compiled {
                Some(p) => p,
                None => {
                    owned = compile(patterns.value(i), zone.is_none())?;
                    &owned
                }
            };
            text.clear();
            pattern.format_into(*m, zone.as_ref().unwrap_or(&utc), &mut text);
            out.append_value(&text);
        }
        let array: ArrayRef = Arc::new(out.finish());
        if all_scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                &array, 0,
            )?));
        }
        Ok(ColumnarValue::Array(array))
    }
}

fn is_string(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
    )
}

fn compile(pattern: &str, without_zone: bool) -> Result<JodaPattern> {
    let compiled = match JodaPattern::parse(pattern) {
        Ok(p) => p,
        Err(e) => return exec_err!("format_datetime: {e}"),
    };
    if without_zone && compiled.has_zone_field() {
        return exec_err!(
            "format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not contain TZ information"
        );
    }
    Ok(compiled)
}

/// Epoch milliseconds, rounded half up from finer units as Trino rounds to millis.
fn to_millis(ts: &ArrayRef, unit: TimeUnit) -> Vec<Option<i64>> {
    let round = |v: i64, per_milli: i64| {
        v.div_euclid(per_milli) + i64::from(v.rem_euclid(per_milli) * 2 >= per_milli)
    };
    match unit {
        TimeUnit::Second => ts
            .as_primitive::<TimestampSecondType>()
            .iter()
            .map(|v| v.map(|s| s.saturating_mul(1000)))
            .collect(),
        TimeUnit::Millisecond => ts
            .as_primitive::<TimestampMillisecondType>()
            .iter()
            .collect(),
        TimeUnit::Microsecond => ts
            .as_primitive::<TimestampMicrosecondType>()
            .iter()
            .map(|v| v.map(|v| round(v, 1_000)))
            .collect(),
        TimeUnit::Nanosecond => ts
            .as_primitive::<TimestampNanosecondType>()
            .iter()
            .map(|v| v.map(|v| round(v, 1_000_000)))
            .collect(),
    }
}
