//! `at_timezone(timestamp, zone)` (also `timestamp AT TIME ZONE zone`) and
//! `with_timezone(timestamp, zone)`.
//!
//! * `at_timezone` keeps the instant and shows it in `zone`; a `timestamp` (no zone) is first
//!   read in the session zone.
//! * `with_timezone` keeps the wall-clock time of a `timestamp` and attaches `zone`.
//!
//! The zone must be a constant: Arrow keeps one zone per column (see `DEVIATIONS.md`).

use std::sync::{Arc, OnceLock};

use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature,
    Volatility,
};

use crate::time::TrinoZone;

use super::value::{
    Temporal, build, constant_str, doc, finish, instant, is_string, nanos, type_list,
};

/// The zone argument of `function`, which must be a constant string.
pub(crate) fn zone_arg(arg: Option<&ScalarValue>, function: &str) -> Result<Option<TrinoZone>> {
    match constant_str(arg) {
        Some(Some(zone)) => match TrinoZone::parse(&zone) {
            Ok(z) => Ok(Some(z)),
            Err(e) => plan_err!("{function}: {e}"),
        },
        Some(None) => Ok(None),
        None => plan_err!(
            "{function}: flowlog needs the time zone to be a constant (a column's values share one zone)"
        ),
    }
}

/// `at_timezone` (`keep_instant`) or `with_timezone`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ChangeZone {
    signature: Signature,
    keep_instant: bool,
    session_zone: TrinoZone,
}

impl ChangeZone {
    /// `at_timezone`, reading plain timestamps in `session_zone`.
    pub fn at_timezone(session_zone: TrinoZone) -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            keep_instant: true,
            session_zone,
        }
    }

    /// `with_timezone`.
    pub fn with_timezone() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            keep_instant: false,
            session_zone: TrinoZone::Utc,
        }
    }
}

impl ScalarUDFImpl for ChangeZone {
    fn name(&self) -> &str {
        if self.keep_instant {
            "at_timezone"
        } else {
            "with_timezone"
        }
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ DataType::Timestamp(_, tz), z]
                if is_string(z) && (self.keep_instant || tz.is_none()) =>
            {
                Ok(vec![t.clone(), DataType::Utf8])
            }
            [DataType::Date32, z] if is_string(z) => Ok(vec![
                DataType::Timestamp(arrow::datatypes::TimeUnit::Millisecond, None),
                DataType::Utf8,
            ]),
            _ => plan_err!(
                "Unexpected parameters ({}) for function {}. Expected: {}",
                type_list(arg_types),
                self.name(),
                if self.keep_instant {
                    "at_timezone(timestamp(p) with time zone, varchar)"
                } else {
                    "with_timezone(timestamp(p), varchar)"
                }
            ),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("{}: return_field_from_args should be used", self.name())
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let zone = zone_arg(args.scalar_arguments[1], self.name())?.unwrap_or(TrinoZone::Utc);
        let DataType::Timestamp(unit, _) = args.arg_fields[0].data_type() else {
            return plan_err!("{}: expected a timestamp", self.name());
        };
        Ok(Arc::new(Field::new(
            self.name(),
            Temporal::tstz(*unit, zone).data_type(),
            true,
        )))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let source = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let target =
            Temporal::of(args.return_field.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let zone_is_null = matches!(&args.args[1], ColumnarValue::Scalar(s) if s.is_null());
        let values: Vec<Option<i128>> = nanos(x.as_ref())?
            .into_iter()
            .map(|v| {
                let v = v.filter(|_| !zone_is_null)?;
                Some(match (source.zone(), self.keep_instant) {
                    (Some(_), _) => v,
                    (None, true) => instant(v, &self.session_zone),
                    (None, false) => instant(v, &target.zone().unwrap_or(TrinoZone::Utc)),
                })
            })
            .collect();
        finish(build(&values, &target, self.name())?, &args.args)
    }
    fn documentation(&self) -> Option<&Documentation> {
        static AT: OnceLock<Documentation> = OnceLock::new();
        static WITH: OnceLock<Documentation> = OnceLock::new();
        Some(if self.keep_instant {
            AT.get_or_init(|| {
                doc(
                    "at_timezone(timestamp(p) with time zone, zone)",
                    "Returns the timestamp specified in timestamp with the time zone converted from the session time zone to the time zone specified in zone with precision p.",
                    "SELECT at_timezone(TIMESTAMP '2012-10-31 01:00 UTC', 'America/Los_Angeles'); -- 2012-10-30 18:00 America/Los_Angeles",
                )
            })
        } else {
            WITH.get_or_init(|| {
                doc(
                    "with_timezone(timestamp(p), zone)",
                    "Returns the timestamp specified in timestamp with the time zone specified in zone with precision p.",
                    "SELECT with_timezone(TIMESTAMP '2001-08-22 03:04:05.321', 'America/New_York'); -- 2001-08-22 03:04:05.321 America/New_York",
                )
            })
        })
    }
}
