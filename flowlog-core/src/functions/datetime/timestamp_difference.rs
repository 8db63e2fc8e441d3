//! `timestamp - timestamp` and `time - time` as Trino computes them: an `interval day to second`, which holds
//! milliseconds, rounded half up from the exact difference.
//!
//! DataFusion answers with a `Duration` of the operands' unit and keeps every digit, so
//! `TIMESTAMP '… 12:34:56.9999' - TIMESTAMP '… 12:34:55.1111'` would be 1.8888 seconds and
//! print as `0 00:00:01.888`; Trino's is `1.889` (timestamp/TestOperators.testSubtract).
//! [`IntervalOperators`](super::interval_ops::IntervalOperators) rewrites a subtraction of two
//! timestamps finer than milliseconds, or of two TIMEs, into a call of
//! [`TimestampDifference`], which returns a `Duration(Millisecond)`:
//!
//! - `timestamp(p)`: each operand is first cut to microseconds (Trino keeps picoseconds apart
//!   and drops them here), the difference in microseconds is rounded half up to milliseconds;
//! - `timestamp(p) with time zone`: the exact difference is rounded half up to milliseconds
//!   (timestamptz/TestOperators.testSubtract: `… 56.0002 - … 55.0005` is `1.000`).
//!
//! - `time(p)`: the exact difference is rounded half up to milliseconds
//!   (time/TestOperators.testSubtract: `TIME '12:34:56.9999' - TIME '12:34:55.1111'` is
//!   `1.889`).
//!
//! Half up means toward +∞ on a tie, as Trino's `roundDiv`: `-1.5 ms` becomes `-1 ms`.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, DurationMillisecondArray};
use arrow::datatypes::{DataType, Time64NanosecondType, TimeUnit};
use datafusion::common::{exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::value::{finish, nanos, round_half_up};
use crate::functions::support::scalar_udf;

/// The name of the internal difference function.
pub const TIMESTAMP_DIFFERENCE: &str = "$timestamp_difference";

const NANOS_PER_MICRO: i128 = 1_000;
const NANOS_PER_MILLI: i128 = 1_000_000;

scalar_udf! {
    /// `"$timestamp_difference"(left, right)`: `left - right` of two timestamps of the same
    /// kind (both with or both without a zone) or of two TIMEs, as Trino's
    /// `interval day to second`.
    pub struct TimestampDifference;
}

/// Milliseconds of `left - right` (nanoseconds), rounded as Trino rounds (module docs);
/// `zoned` is false for a `timestamp` (operands cut to microseconds first), true for a
/// `timestamp with time zone` or a TIME (exact difference).
pub fn difference_millis(left: i128, right: i128, zoned: bool) -> i128 {
    let exact = if zoned {
        left - right
    } else {
        (left.div_euclid(NANOS_PER_MICRO) - right.div_euclid(NANOS_PER_MICRO)) * NANOS_PER_MICRO
    };
    round_half_up(exact, NANOS_PER_MILLI) / NANOS_PER_MILLI
}

/// Nanoseconds of each value: since the epoch for a timestamp, since midnight for a TIME
/// (`Time64(Nanosecond)` after [`coerce_types`](TimestampDifference::coerce_types)).
fn values(array: &dyn Array) -> Result<Vec<Option<i128>>> {
    match array.data_type() {
        DataType::Time64(TimeUnit::Nanosecond) => Ok(array
            .as_primitive::<Time64NanosecondType>()
            .iter()
            .map(|v| v.map(i128::from))
            .collect()),
        _ => nanos(array),
    }
}

impl ScalarUDFImpl for TimestampDifference {
    fn name(&self) -> &str {
        TIMESTAMP_DIFFERENCE
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [
                l @ DataType::Timestamp(_, lz),
                r @ DataType::Timestamp(_, rz),
            ] if lz.is_some() == rz.is_some() => Ok(vec![l.clone(), r.clone()]),
            [
                DataType::Time64(_) | DataType::Time32(_),
                DataType::Time64(_) | DataType::Time32(_),
            ] => Ok(vec![DataType::Time64(TimeUnit::Nanosecond); 2]),
            _ => plan_err!(
                "{TIMESTAMP_DIFFERENCE}: expected two timestamps of the same kind or two times"
            ),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Duration(TimeUnit::Millisecond))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let left = args.args[0].to_array(n)?;
        let right = args.args[1].to_array(n)?;
        // a TIME's difference is exact, as a `timestamp with time zone`'s
        let zoned = !matches!(left.data_type(), DataType::Timestamp(_, None));
        let mut out = Vec::with_capacity(n);
        for (l, r) in values(left.as_ref())?
            .into_iter()
            .zip(values(right.as_ref())?)
        {
            out.push(match (l, r) {
                (Some(l), Some(r)) => match i64::try_from(difference_millis(l, r, zoned)) {
                    Ok(v) => Some(v),
                    Err(_) => return exec_err!("Interval overflow"),
                },
                _ => None,
            });
        }
        let array: ArrayRef = Arc::new(DurationMillisecondArray::from(out));
        finish(array, &args.args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ns(seconds: i128, nanos: i128) -> i128 {
        seconds * 1_000_000_000 + nanos
    }

    #[test]
    fn rounds_as_trino() {
        // timestamp/TestOperators.testSubtract: .9999 - .1111 → 1.889, negative → -1.889
        assert_eq!(
            difference_millis(ns(56, 999_900_000), ns(55, 111_100_000), false),
            1_889
        );
        assert_eq!(
            difference_millis(ns(55, 111_100_000), ns(56, 999_900_000), false),
            -1_889
        );
        assert_eq!(
            difference_millis(ns(56, 222_200_000), ns(55, 111_100_000), false),
            1_111
        );
        // ties go toward +∞
        assert_eq!(difference_millis(ns(0, 1_500_000), 0, true), 2);
        assert_eq!(difference_millis(0, ns(0, 1_500_000), true), -1);
        // timestamptz/TestOperators.testSubtract: sub-millisecond negative differences
        assert_eq!(
            difference_millis(ns(56, 222_222_222), ns(55, 555_555_555), true),
            667
        );
        assert_eq!(
            difference_millis(ns(56, 200_000), ns(55, 500_000), true),
            1_000
        );
        assert_eq!(
            difference_millis(ns(56, 200_000), ns(55, 900_000), true),
            999
        );
        // a plain timestamp drops the digits past microseconds of each operand first
        assert_eq!(difference_millis(ns(0, 1_500_000), 1, false), 2);
        assert_eq!(difference_millis(ns(0, 1_500_000), 1, true), 1);
    }
}
