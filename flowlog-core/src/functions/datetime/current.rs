//! `current_date`, `current_timestamp` / `now()`, `localtimestamp`, `localtime` and
//! `current_timezone()`:
//! the start of the query, in the session zone.
//!
//! The value is fixed when the query is planned (DataFusion's query start time), so every row
//! and every use in one query sees the same instant, as in Trino.

use std::sync::OnceLock;

use arrow::datatypes::{DataType, TimeUnit};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{
    ColumnarValue, Documentation, Expr, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::time::TrinoZone;

use super::value::{NANOS_PER_DAY, Temporal, build, wall};
use crate::functions::support::{DATETIME, doc};

/// Which current value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Current {
    /// `current_date`: DATE.
    Date,
    /// `current_timestamp`: `timestamp(3) with time zone`.
    Timestamp,
    /// `now()`: the same as `current_timestamp`.
    Now,
    /// `localtimestamp`: `timestamp(3)`.
    LocalTimestamp,
    /// `localtime`: `time(3)`, the session zone's time of day (a TIME, see `time.rs`).
    LocalTime,
    /// `current_timezone()`: the session zone's id.
    Timezone,
}

/// One of the current-time functions.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CurrentTime {
    signature: Signature,
    what: Current,
    session_zone: TrinoZone,
    /// A fixed "now" (nanoseconds since the epoch) instead of the query's start time.
    pinned_nanos: Option<i128>,
}

impl CurrentTime {
    /// `what`, in `session_zone`.
    pub fn new(what: Current, session_zone: TrinoZone) -> Self {
        Self {
            signature: Signature::nullary(Volatility::Stable),
            what,
            session_zone,
            pinned_nanos: None,
        }
    }

    /// The same function, answering `now` instead of the query's start time.
    pub fn pinned_at(mut self, now: chrono::DateTime<chrono::Utc>) -> Self {
        self.pinned_nanos = Some(
            i128::from(now.timestamp()) * 1_000_000_000 + i128::from(now.timestamp_subsec_nanos()),
        );
        self
    }

    fn target(&self) -> Option<Temporal> {
        match self.what {
            Current::Date => Some(Temporal::Date),
            Current::Timestamp | Current::Now => {
                Some(Temporal::tstz(TimeUnit::Millisecond, self.session_zone))
            }
            Current::LocalTimestamp => Some(Temporal::Timestamp {
                unit: TimeUnit::Millisecond,
                zone: None,
            }),
            Current::Timezone | Current::LocalTime => None,
        }
    }

    fn value_at(&self, now_nanos: i128) -> Result<ScalarValue> {
        if self.what == Current::LocalTime {
            // Milliseconds, as Trino's time(3).
            let of_day = wall(now_nanos, Some(&self.session_zone)).rem_euclid(NANOS_PER_DAY);
            let nanos = of_day - of_day % 1_000_000;
            return Ok(ScalarValue::Time64Nanosecond(i64::try_from(nanos).ok()));
        }
        let Some(target) = self.target() else {
            return Ok(ScalarValue::Utf8(Some(self.session_zone.id())));
        };
        let v = match self.what {
            Current::Date => {
                wall(now_nanos, Some(&self.session_zone)).div_euclid(NANOS_PER_DAY) * NANOS_PER_DAY
            }
            Current::LocalTimestamp => wall(now_nanos, Some(&self.session_zone)),
            _ => now_nanos,
        };
        let array = build(&[Some(v)], &target, self.name())?;
        ScalarValue::try_from_array(&array, 0)
    }
}

impl ScalarUDFImpl for CurrentTime {
    fn name(&self) -> &str {
        match self.what {
            Current::Date => "current_date",
            Current::Timestamp => "current_timestamp",
            Current::Now => "now",
            Current::LocalTimestamp => "localtimestamp",
            Current::LocalTime => "localtime",
            Current::Timezone => "current_timezone",
        }
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        if !arg_types.is_empty() {
            return plan_err!("{} takes no arguments", self.name());
        }
        if self.what == Current::LocalTime {
            return Ok(DataType::Time64(TimeUnit::Nanosecond));
        }
        Ok(self.target().map_or(DataType::Utf8, |t| t.data_type()))
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        if let Some(nanos) = self.pinned_nanos {
            return Ok(ExprSimplifyResult::Simplified(Expr::Literal(
                self.value_at(nanos)?,
                None,
            )));
        }
        let Some(start) = info.query_execution_start_time() else {
            return Ok(ExprSimplifyResult::Original(args));
        };
        let nanos = i128::from(start.timestamp()) * 1_000_000_000
            + i128::from(start.timestamp_subsec_nanos());
        Ok(ExprSimplifyResult::Simplified(Expr::Literal(
            self.value_at(nanos)?,
            None,
        )))
    }
    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        // Unpinned, the value must be the query's start time, which only `simplify` knows.
        // Reading the clock here would give each call of one query its own "now" (the
        // constant evaluator invokes stable functions before `simplify` runs), so fail
        // and let the simplifier replace the call, as DataFusion's own `now()` does.
        match self.pinned_nanos {
            Some(now) => Ok(ColumnarValue::Scalar(self.value_at(now)?)),
            None => exec_err!("{}: the query start time is not known here", self.name()),
        }
    }
    fn documentation(&self) -> Option<&Documentation> {
        static DOCS: OnceLock<Vec<Documentation>> = OnceLock::new();
        let docs = DOCS.get_or_init(|| {
            vec![
                doc(DATETIME, "current_date", "Returns the current date as of the start of the query.", "SELECT current_date; -- 2026-11-20"),
                doc(DATETIME, "current_timestamp", "Returns the current timestamp with time zone as of the start of the query, with 3 digits of subsecond precision.", "SELECT current_timestamp; -- 2026-11-20 09:30:00.123 UTC"),
                doc(DATETIME, "now()", "This is an alias for current_timestamp.", "SELECT now(); -- 2026-11-20 09:30:00.123 UTC"),
                doc(DATETIME, "localtimestamp", "Returns the current timestamp as of the start of the query, with 3 digits of subsecond precision.", "SELECT localtimestamp; -- 2026-11-20 09:30:00.123"),
                doc(DATETIME, "localtime", "Returns the current time as of the start of the query, with 3 digits of subsecond precision.", "SELECT localtime; -- 09:30:00.123"),
                doc(DATETIME, "current_timezone()", "Returns the current time zone in the format defined by IANA (e.g., America/Los_Angeles) or as fixed offset from UTC (e.g., +08:35)", "SELECT current_timezone(); -- UTC"),
            ]
        });
        let index = match self.what {
            Current::Date => 0,
            Current::Timestamp => 1,
            Current::Now => 2,
            Current::LocalTimestamp => 3,
            Current::LocalTime => 4,
            Current::Timezone => 5,
        };
        docs.get(index)
    }
}

/// Every current-time function, in `session_zone`.
pub fn functions(session_zone: TrinoZone) -> Vec<CurrentTime> {
    [
        Current::Date,
        Current::Timestamp,
        Current::Now,
        Current::LocalTimestamp,
        Current::LocalTime,
        Current::Timezone,
    ]
    .into_iter()
    .map(|w| CurrentTime::new(w, session_zone))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_date_is_the_session_zone_date() {
        // Trino: 2017-04-01 12:34:56 UTC is 2017-04-02 in Pacific/Apia (+13:00).
        let apia = TrinoZone::parse("Pacific/Apia").unwrap();
        let f = CurrentTime::new(Current::Date, apia);
        let start = 1_491_050_096_i128 * 1_000_000_000;
        assert_eq!(
            f.value_at(start).unwrap(),
            ScalarValue::Date32(Some(17_258))
        );
        // 12:34:56.789 UTC is 02:34:56.789 the next day in Apia (+14:00, summer time).
        let t = CurrentTime::new(Current::LocalTime, apia);
        assert_eq!(
            t.value_at(start + 789_000_123).unwrap(),
            ScalarValue::Time64Nanosecond(Some(9_296_789_000_000))
        );
    }
}
