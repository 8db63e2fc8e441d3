//! `to_unixtime(timestamp)` and `from_unixtime_nanos(unixtime)`.
//!
//! * `to_unixtime` returns DOUBLE seconds, fraction included; a `timestamp` (no zone) is read in
//!   the session zone, as Trino's implicit cast to `timestamp with time zone` does.
//! * `from_unixtime_nanos` takes BIGINT (or DECIMAL, rounded half up) nanoseconds and returns a
//!   `timestamp(9) with time zone` in the session zone.

use std::sync::Arc;

use arrow::array::{AsArray, Float64Array};
use arrow::datatypes::{DataType, Decimal128Type, Int64Type, TimeUnit};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::time::TrinoZone;

use super::value::{NANOS_PER_SECOND, Temporal, build, finish, instant, nanos};
use crate::functions::support::{DATETIME, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `to_unixtime(timestamp)`.
    pub struct ToUnixtime {
        /// Plain timestamps are read in `session_zone`.
        fn new(session_zone: TrinoZone);
    }
}

impl ScalarUDFImpl for ToUnixtime {
    fn name(&self) -> &str {
        "to_unixtime"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ DataType::Timestamp(..)] => Ok(vec![t.clone()]),
            [DataType::Date32 | DataType::Null] => {
                Ok(vec![DataType::Timestamp(TimeUnit::Millisecond, None)])
            }
            _ => Err(unexpected_parameters(
                "to_unixtime",
                arg_types,
                &["to_unixtime(timestamp(p) with time zone)"],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let out: Float64Array = nanos(x.as_ref())?
            .into_iter()
            .map(|v| {
                v.map(|v| {
                    let v = match t.zone() {
                        Some(_) => v,
                        None => instant(v, &self.session_zone),
                    };
                    let seconds = v.div_euclid(NANOS_PER_SECOND);
                    let fraction = v.rem_euclid(NANOS_PER_SECOND);
                    seconds as f64 + fraction as f64 / 1e9
                })
            })
            .collect();
        finish(Arc::new(out), &args.args)
    }
    documented!(
        DATETIME,
        "to_unixtime(timestamp)",
        "Returns timestamp as a UNIX timestamp.",
        "SELECT to_unixtime(TIMESTAMP '2020-05-10 12:34:56.123 UTC'); -- 1.589114096123E9"
    );
}

scalar_udf! {
    /// `from_unixtime_nanos(unixtime)`.
    pub struct FromUnixtimeNanos {
        /// The result is in `session_zone`.
        fn new(session_zone: TrinoZone);
    }
}

impl ScalarUDFImpl for FromUnixtimeNanos {
    fn name(&self) -> &str {
        "from_unixtime_nanos"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if t.is_integer() || t.is_null() => Ok(vec![DataType::Int64]),
            [t @ DataType::Decimal128(_, _)] => Ok(vec![t.clone()]),
            _ => Err(unexpected_parameters(
                "from_unixtime_nanos",
                arg_types,
                &[
                    "from_unixtime_nanos(bigint)",
                    "from_unixtime_nanos(decimal(p, s))",
                ],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(Temporal::tstz(TimeUnit::Nanosecond, self.session_zone).data_type())
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let values: Vec<Option<i128>> = match x.data_type() {
            DataType::Decimal128(_, scale) => {
                let per = 10_i128.pow(u32::from(scale.max(&0).unsigned_abs()));
                x.as_primitive::<Decimal128Type>()
                    .iter()
                    .map(|v| v.map(|v| (v + per / 2).div_euclid(per)))
                    .collect()
            }
            _ => x
                .as_primitive::<Int64Type>()
                .iter()
                .map(|v| v.map(i128::from))
                .collect(),
        };
        let target = Temporal::tstz(TimeUnit::Nanosecond, self.session_zone);
        finish(build(&values, &target, self.name())?, &args.args)
    }
    documented!(
        DATETIME,
        "from_unixtime_nanos(unixtime)",
        "Returns the UNIX timestamp unixtime (nanoseconds since 1970-01-01 00:00:00 UTC) as a timestamp with time zone.",
        "SELECT from_unixtime_nanos(100); -- 1970-01-01 00:00:00.000000100 UTC"
    );
}
