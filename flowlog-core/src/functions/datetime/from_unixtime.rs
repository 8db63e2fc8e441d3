//! `from_unixtime`: Unix seconds to `timestamp(3) with time zone`, as Trino has it.
//!
//! * `from_unixtime(unixtime)` — in the session time zone (UTC, as on Athena);
//! * `from_unixtime(unixtime, zone)` — in the named zone (`'Asia/Tokyo'`, `'+09:00'`);
//! * `from_unixtime(unixtime, hours, minutes)` — at the fixed offset `hours * 60 + minutes`
//!   minutes (summed, so `(-5, 30)` is `-04:30`); offset 0 is the `UTC` zone.
//!
//! `unixtime` is a double; milliseconds are `round(unixtime * 1000)` rounding half up,
//! like Java's `Math.round`. The zone must be a constant: Arrow keeps one zone per column.

use std::sync::Arc;

use arrow::array::{AsArray, TimestampMillisecondArray};
use arrow::datatypes::{DataType, Field, FieldRef, Float64Type, TimeUnit};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use crate::functions::support::{DATETIME, documented, scalar_udf};
use crate::time::TrinoZone;

scalar_udf! {
    /// The `from_unixtime` function (Trino semantics).
    pub struct FromUnixtime {
        /// `session_zone` is the zone of the one-argument form.
        fn new(session_zone: TrinoZone);
    }
}

impl FromUnixtime {
    fn zone(&self, args: &[Option<&ScalarValue>], types: &[&DataType]) -> Result<TrinoZone> {
        match args.len() {
            1 => Ok(self.session_zone),
            2 => match args[1] {
                Some(v) => match v.try_as_str() {
                    Some(Some(zone)) => match TrinoZone::parse(zone) {
                        Ok(z) => Ok(z),
                        Err(e) => exec_err!("from_unixtime: {e}"),
                    },
                    Some(None) => Ok(TrinoZone::Utc),
                    None => plan_err!(
                        "from_unixtime(unixtime, zone): zone must be a varchar, got {}",
                        types[1]
                    ),
                },
                None => plan_err!(
                    "from_unixtime(unixtime, zone): flowlog needs the zone to be a constant"
                ),
            },
            3 => {
                let part = |i: usize, what: &str| -> Result<i64> {
                    match args[i].map(|v| v.cast_to(&DataType::Int64)) {
                        Some(Ok(ScalarValue::Int64(Some(n)))) => Ok(n),
                        Some(Ok(_)) => Ok(0),
                        Some(Err(_)) => plan_err!(
                            "from_unixtime(unixtime, hours, minutes): {what} must be an integer, got {}",
                            types[i]
                        ),
                        None => plan_err!(
                            "from_unixtime(unixtime, hours, minutes): flowlog needs {what} to be a constant"
                        ),
                    }
                };
                let minutes = part(1, "hours")?
                    .checked_mul(60)
                    .and_then(|h| h.checked_add(part(2, "minutes").ok()?));
                match minutes.map(TrinoZone::from_offset_minutes) {
                    Some(Ok(z)) => Ok(z),
                    _ => exec_err!(
                        "from_unixtime: invalid offset {} hours {} minutes",
                        part(1, "hours")?,
                        part(2, "minutes")?
                    ),
                }
            }
            n => plan_err!("from_unixtime takes 1, 2 or 3 arguments, got {n}"),
        }
    }
}

impl ScalarUDFImpl for FromUnixtime {
    fn name(&self) -> &str {
        "from_unixtime"
    }

    documented!(
        DATETIME,
        "from_unixtime(unixtime [, zone | , hours, minutes])",
        "Returns the UNIX timestamp unixtime as a timestamp with time zone, in the session time zone, in zone, or at the offset hours and minutes.",
        "SELECT from_unixtime(7200, 'Asia/Tokyo'); -- 1970-01-01 11:00:00.000 Asia/Tokyo"
    );

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let numeric = |t: &DataType| t.is_numeric() || t.is_null();
        match arg_types {
            [x] if numeric(x) => Ok(vec![DataType::Float64]),
            [x, z]
                if numeric(x)
                    && (z.is_null()
                        || matches!(
                            z,
                            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
                        )) =>
            {
                Ok(vec![DataType::Float64, DataType::Utf8])
            }
            [x, h, m] if numeric(x) && h.is_integer() && m.is_integer() => {
                Ok(vec![DataType::Float64, DataType::Int64, DataType::Int64])
            }
            _ => plan_err!(
                "from_unixtime: unexpected argument types ({}); expected (double), (double, varchar) or (double, bigint, bigint)",
                arg_types
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("from_unixtime: return_field_from_args should be used")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<&DataType> = args.arg_fields.iter().map(|f| f.data_type()).collect();
        let zone = self.zone(args.scalar_arguments, &types)?;
        Ok(Arc::new(Field::new(
            self.name(),
            DataType::Timestamp(TimeUnit::Millisecond, Some(zone.id().into())),
            true,
        )))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let DataType::Timestamp(_, tz) = args.return_field.data_type().clone() else {
            return exec_err!("from_unixtime: unexpected return type");
        };
        let seconds = args.args[0].to_array(args.number_rows)?;
        let seconds = seconds.as_primitive::<Float64Type>();
        let mut out = Vec::with_capacity(seconds.len());
        for v in seconds.iter() {
            out.push(match v {
                None => None,
                Some(s) => Some(seconds_to_millis(s)?),
            });
        }
        let array = TimestampMillisecondArray::from(out).with_timezone_opt(tz);
        if args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)))
        {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                &array, 0,
            )?));
        }
        Ok(ColumnarValue::Array(Arc::new(array)))
    }
}

/// `Math.round(seconds * 1000)`: half up, toward positive infinity.
fn seconds_to_millis(seconds: f64) -> Result<i64> {
    let millis = (seconds * 1000.0 + 0.5).floor();
    if !millis.is_finite() || millis < i64::MIN as f64 || millis >= i64::MAX as f64 {
        return exec_err!("from_unixtime: {seconds} is out of range");
    }
    Ok(millis as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_up_like_java() {
        assert_eq!(seconds_to_millis(1.0005).unwrap(), 1001);
        assert_eq!(seconds_to_millis(-1.0005).unwrap(), -1000);
        assert_eq!(seconds_to_millis(1418530010.0).unwrap(), 1418530010000);
        assert!(seconds_to_millis(f64::NAN).is_err());
    }
}
