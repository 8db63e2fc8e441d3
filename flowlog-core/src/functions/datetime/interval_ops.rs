//! Trino's interval operators that DataFusion lacks or answers differently.
//!
//! `dialect::datetime` rewrites `interval * number`, `number * interval` and
//! `interval / number` (interval literals) into calls of [`IntervalScale`], which DataFusion
//! cannot plan otherwise; [`IntervalOperators`] rejects `DATE ± INTERVAL '3' HOUR` as Trino.
//!
//! Trino multiplies and divides an interval by a number as a double and truncates the result
//! to whole months (year to month) or milliseconds (day to second): `INTERVAL '1' YEAR * 2.5`
//! is `2-6`, `INTERVAL '4' DAY / 2.5` is `1 14:24:00.000`. NaN factors and division by zero
//! fail. Adding or subtracting an interval with hours, minutes or seconds to or from a DATE
//! fails (`Cannot add hour, minutes or seconds to a date`); flowlog checks this for interval
//! literals (DataFusion would drop the time part).
//!
//! `timestamp(p) ± interval day to second` is a `timestamp(max(p, 3))` in Trino
//! (TestOperators.testAddIntervalDayToSecond: `TIMESTAMP '… 12:34:56' + INTERVAL '1.123'
//! SECOND` is `… 12:34:57.123`); DataFusion keeps the seconds unit of a `timestamp(0)` and
//! drops the milliseconds, so [`IntervalOperators`] widens a `timestamp(0)` operand to
//! milliseconds unless the interval is a year-to-month literal.
//!
//! `timestamp - timestamp` of two timestamps finer than milliseconds, and `time - time`, are
//! rewritten into a call of
//! [`TimestampDifference`](super::timestamp_difference::TimestampDifference), which rounds the
//! difference to milliseconds as Trino does.

use std::sync::Arc;

use arrow::array::{Array, AsArray, IntervalMonthDayNanoArray};
use arrow::datatypes::{
    DataType, Float64Type, IntervalMonthDayNano, IntervalMonthDayNanoType, IntervalUnit, TimeUnit,
};
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, ScalarValue, exec_err, plan_err};
use datafusion::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{
    BinaryExpr, Cast, ColumnarValue, Expr, ExprSchemable, Operator, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature,
};

use super::timestamp_difference::TimestampDifference;

use crate::functions::support::scalar_udf;

/// The name of the internal scaling function.
pub const INTERVAL_SCALE: &str = "$interval_scale";

const NANOS_PER_MILLI: i64 = 1_000_000;
const MILLIS_PER_DAY: i64 = 86_400_000;

scalar_udf! {
    /// `"$interval_scale"(interval, factor, divide)`: `interval * factor`, or `interval / factor`
    /// when `divide` is true, truncated as Trino truncates (see the module docs).
    pub struct IntervalScale;
}

impl ScalarUDFImpl for IntervalScale {
    fn name(&self) -> &str {
        INTERVAL_SCALE
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [DataType::Interval(_), _, _] => Ok(vec![
                DataType::Interval(IntervalUnit::MonthDayNano),
                DataType::Float64,
                DataType::Boolean,
            ]),
            _ => plan_err!("{INTERVAL_SCALE}: expected (interval, number, boolean)"),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Interval(IntervalUnit::MonthDayNano))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let divide = matches!(
            &args.args[2],
            ColumnarValue::Scalar(ScalarValue::Boolean(Some(true)))
        );
        let intervals = args.args[0].to_array(n)?;
        let factors = args.args[1].to_array(n)?;
        let intervals = intervals.as_primitive::<IntervalMonthDayNanoType>();
        let factors = factors.as_primitive::<Float64Type>();
        let mut out = Vec::with_capacity(n);
        for row in 0..n {
            if intervals.is_null(row) || factors.is_null(row) {
                out.push(None);
                continue;
            }
            out.push(Some(scale(
                intervals.value(row),
                factors.value(row),
                divide,
            )?));
        }
        let array: Arc<dyn Array> = Arc::new(IntervalMonthDayNanoArray::from(out));
        if args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)))
        {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                &array, 0,
            )?))
        } else {
            Ok(ColumnarValue::Array(array))
        }
    }
}

/// One interval times (or divided by) `factor`.
fn scale(v: IntervalMonthDayNano, factor: f64, divide: bool) -> Result<IntervalMonthDayNano> {
    if factor.is_nan() {
        return exec_err!("Cannot scale an interval by NaN");
    }
    if divide && factor == 0.0 {
        return exec_err!("Cannot divide an interval by zero");
    }
    let apply = |x: i64| -> Result<i64> {
        let r = if divide {
            x as f64 / factor
        } else {
            x as f64 * factor
        };
        if !r.is_finite() || r.abs() >= i64::MAX as f64 {
            return exec_err!("Interval overflow");
        }
        Ok(r.trunc() as i64)
    };
    if v.days == 0 && v.nanoseconds == 0 {
        let months = i32::try_from(apply(i64::from(v.months))?);
        return match months {
            Ok(m) => Ok(IntervalMonthDayNano::new(m, 0, 0)),
            Err(_) => exec_err!("Interval overflow"),
        };
    }
    if v.months != 0 {
        return exec_err!("Cannot scale an interval with both months and days");
    }
    let millis = i64::from(v.days) * MILLIS_PER_DAY + v.nanoseconds / NANOS_PER_MILLI;
    let scaled = apply(millis)?;
    let days = i32::try_from(scaled / MILLIS_PER_DAY);
    match days {
        Ok(d) => Ok(IntervalMonthDayNano::new(
            0,
            d,
            (scaled % MILLIS_PER_DAY) * NANOS_PER_MILLI,
        )),
        Err(_) => exec_err!("Interval overflow"),
    }
}

/// Rejects adding hours, minutes or seconds to a DATE (see the module docs).
#[derive(Debug, Default)]
pub struct IntervalOperators;

/// Whether `expr` is an interval literal with hours, minutes or seconds that are not whole days.
fn has_time_of_day(expr: &Expr) -> bool {
    match expr {
        Expr::Literal(ScalarValue::IntervalMonthDayNano(Some(v)), _) => {
            v.nanoseconds % (MILLIS_PER_DAY * NANOS_PER_MILLI) != 0
        }
        Expr::Literal(ScalarValue::IntervalDayTime(Some(v)), _) => {
            i64::from(v.milliseconds) % MILLIS_PER_DAY != 0
        }
        _ => false,
    }
}

/// Whether `t` is a `timestamp(0)` (with or without zone).
fn is_seconds_timestamp(t: &DataType) -> bool {
    matches!(t, DataType::Timestamp(TimeUnit::Second, _))
}

/// Whether adding `interval` (of type `t`) makes a `timestamp(0)` a `timestamp(3)`: any
/// interval but a year-to-month literal (months only).
fn widens(t: &DataType, interval: &Expr) -> bool {
    if !matches!(t, DataType::Interval(_)) {
        return false;
    }
    !matches!(
        interval,
        Expr::Literal(ScalarValue::IntervalMonthDayNano(Some(v)), _)
            if v.days == 0 && v.nanoseconds == 0
    ) && !matches!(
        interval,
        Expr::Literal(ScalarValue::IntervalYearMonth(_), _)
    )
}

/// Whether `l - r` is a difference of two timestamps of the same kind (both with or both
/// without a zone) of which one at least is finer than milliseconds, or of two TIMEs.
fn is_fine_difference(l: &DataType, r: &DataType) -> bool {
    let fine = |u: &TimeUnit| matches!(u, TimeUnit::Microsecond | TimeUnit::Nanosecond);
    match (l, r) {
        (DataType::Timestamp(lu, lz), DataType::Timestamp(ru, rz)) => {
            lz.is_some() == rz.is_some() && (fine(lu) || fine(ru))
        }
        (DataType::Time64(_) | DataType::Time32(_), DataType::Time64(_) | DataType::Time32(_)) => {
            true
        }
        _ => false,
    }
}

/// `expr` (a `timestamp(0)` of type `t`) as a `timestamp(3)`, same zone.
fn to_millis(expr: Expr, t: &DataType) -> Expr {
    let zone = match t {
        DataType::Timestamp(_, zone) => zone.clone(),
        _ => None,
    };
    Expr::Cast(Cast::new(
        Box::new(expr),
        DataType::Timestamp(TimeUnit::Millisecond, zone),
    ))
}

impl FunctionRewrite for IntervalOperators {
    fn name(&self) -> &str {
        "trino_interval_operators"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        let Expr::BinaryExpr(BinaryExpr { left, op, right }) = expr else {
            return Ok(Transformed::no(expr));
        };
        let (lt, rt) = (left.get_type(schema), right.get_type(schema));
        let (Ok(lt), Ok(rt)) = (lt, rt) else {
            return Ok(Transformed::no(Expr::BinaryExpr(BinaryExpr {
                left,
                op,
                right,
            })));
        };
        match op {
            Operator::Plus if lt == DataType::Date32 && has_time_of_day(&right) => {
                plan_err!("Cannot add hour, minutes or seconds to a date")
            }
            Operator::Plus if rt == DataType::Date32 && has_time_of_day(&left) => {
                plan_err!("Cannot add hour, minutes or seconds to a date")
            }
            Operator::Minus if lt == DataType::Date32 && has_time_of_day(&right) => {
                plan_err!("Cannot subtract hour, minutes or seconds from a date")
            }
            Operator::Minus if is_fine_difference(&lt, &rt) => Ok(Transformed::yes(
                ScalarUDF::new_from_impl(TimestampDifference::default()).call(vec![*left, *right]),
            )),
            Operator::Plus | Operator::Minus
                if is_seconds_timestamp(&lt) && widens(&rt, &right) =>
            {
                Ok(Transformed::yes(Expr::BinaryExpr(BinaryExpr {
                    left: Box::new(to_millis(*left, &lt)),
                    op,
                    right,
                })))
            }
            Operator::Plus if is_seconds_timestamp(&rt) && widens(&lt, &left) => {
                Ok(Transformed::yes(Expr::BinaryExpr(BinaryExpr {
                    left,
                    op,
                    right: Box::new(to_millis(*right, &rt)),
                })))
            }
            _ => Ok(Transformed::no(Expr::BinaryExpr(BinaryExpr {
                left,
                op,
                right,
            }))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_time(millis: i64) -> IntervalMonthDayNano {
        IntervalMonthDayNano::new(
            0,
            (millis / MILLIS_PER_DAY) as i32,
            millis % MILLIS_PER_DAY * NANOS_PER_MILLI,
        )
    }

    #[test]
    fn scaling_truncates_as_trino() {
        let year = IntervalMonthDayNano::new(12, 0, 0);
        assert_eq!(scale(year, 2.5, false).unwrap().months, 30);
        assert_eq!(
            scale(IntervalMonthDayNano::new(48, 0, 0), 4.8, true)
                .unwrap()
                .months,
            10
        );
        assert_eq!(
            scale(day_time(4 * MILLIS_PER_DAY), 2.5, true).unwrap(),
            day_time(MILLIS_PER_DAY + 51_840_000)
        );
        assert_eq!(scale(day_time(3_000), 2.0, true).unwrap(), day_time(1_500));
        assert!(scale(day_time(6_000), f64::NAN, false).is_err());
        assert!(scale(day_time(6_000), 0.0, true).is_err());
    }
}
