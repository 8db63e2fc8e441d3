//! The running total behind `sum` and `avg` of DECIMAL values, as Trino keeps it
//! (`DecimalSumAggregation`, `DecimalAverageAggregation`).
//!
//! The total is exact and wider than 38 digits, so a running sum may pass the DECIMAL
//! limit and come back (Trino's overflow counter; testUnderflowAfterOverflow): only the
//! answer has to fit. `sum(decimal(p, s))` is a `decimal(38, s)` and fails with
//! `Decimal overflow` when the total has more than 38 digits; `avg(decimal(p, s))` is a
//! `decimal(p, s)`, the total divided by the count and rounded half away from zero
//! (Java's `HALF_UP`), which always fits.

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Decimal128Array};
use arrow::datatypes::{
    DataType, Decimal128Type, Decimal256Type, Field, FieldRef, UInt64Type, i256,
};
use datafusion::common::{DataFusionError, ScalarValue};
use datafusion::error::Result;
use datafusion::logical_expr::Accumulator;
use datafusion::logical_expr::utils::format_state_name;

/// Which answer the total gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalAnswer {
    /// `sum`: the total, a `decimal(38, s)`.
    Sum,
    /// `avg`: the total over the count, rounded half away from zero, a `decimal(p, s)`.
    Average,
}

/// The largest unscaled DECIMAL value (38 nines).
const MAX_UNSCALED: i128 = 99_999_999_999_999_999_999_999_999_999_999_999_999;

/// The precision and scale of a DECIMAL input (`None` for any other type).
pub(crate) fn decimal_input(data_type: &DataType) -> Option<(u8, i8)> {
    match data_type {
        DataType::Decimal128(p, s) => Some((*p, *s)),
        _ => None,
    }
}

/// [`state_fields`] for an aggregate whose input is a DECIMAL, `None` for other inputs
/// (which keep the wrapped aggregate's own state).
pub(crate) fn decimal_state_fields(
    args: &datafusion::logical_expr::function::StateFieldsArgs,
) -> Option<Vec<FieldRef>> {
    let (precision, scale) = decimal_input(args.input_fields.first()?.data_type())?;
    Some(state_fields(args.name, precision, scale, args.is_distinct))
}

/// The state kept between partial and final aggregation: the total and the count, or
/// (with `DISTINCT`) the list of distinct values seen.
pub(crate) fn state_fields(name: &str, precision: u8, scale: i8, distinct: bool) -> Vec<FieldRef> {
    if distinct {
        let item = Field::new_list_field(DataType::Decimal128(precision, scale), true);
        vec![Arc::new(Field::new(
            format_state_name(name, "distinct"),
            DataType::List(Arc::new(item)),
            true,
        ))]
    } else {
        vec![
            Arc::new(Field::new(
                format_state_name(name, "sum"),
                DataType::Decimal256(76, scale),
                true,
            )),
            Arc::new(Field::new(
                format_state_name(name, "count"),
                DataType::UInt64,
                true,
            )),
        ]
    }
}

/// One group's exact DECIMAL total.
#[derive(Debug)]
pub(crate) struct DecimalTotal {
    answer: DecimalAnswer,
    precision: u8,
    scale: i8,
    sum: i256,
    count: u64,
    /// The distinct values seen, for `sum(DISTINCT x)` / `avg(DISTINCT x)`.
    distinct: Option<HashSet<i128>>,
}

impl DecimalTotal {
    /// An empty total for a `decimal(precision, scale)` input.
    pub(crate) fn new(answer: DecimalAnswer, precision: u8, scale: i8, distinct: bool) -> Self {
        Self {
            answer,
            precision,
            scale,
            sum: i256::ZERO,
            count: 0,
            distinct: distinct.then(HashSet::new),
        }
    }

    fn add(&mut self, value: i128) {
        if let Some(seen) = &mut self.distinct
            && !seen.insert(value)
        {
            return;
        }
        self.sum = self.sum.wrapping_add(i256::from_i128(value));
        self.count += 1;
    }

    fn add_all(&mut self, values: &ArrayRef) -> Result<()> {
        let values = as_decimal(values, self.precision, self.scale)?;
        values.iter().flatten().for_each(|v| self.add(v));
        Ok(())
    }

    fn answer_type(&self) -> (u8, i8) {
        match self.answer {
            DecimalAnswer::Sum => (38, self.scale),
            DecimalAnswer::Average => (self.precision, self.scale),
        }
    }
}

/// The input as `decimal(precision, scale)` values.
fn as_decimal(values: &ArrayRef, precision: u8, scale: i8) -> Result<Decimal128Array> {
    let values = arrow::compute::cast(values, &DataType::Decimal128(precision, scale))?;
    Ok(values.as_primitive::<Decimal128Type>().clone())
}

/// `sum / count`, rounded half away from zero.
fn rounded_quotient(sum: i256, count: u64) -> i256 {
    let count = i256::from_i128(i128::from(count));
    let quotient = sum.wrapping_div(count);
    let remainder = sum.wrapping_rem(count).wrapping_abs();
    if remainder.wrapping_mul(i256::from_i128(2)) >= count {
        quotient.wrapping_add(sum.signum())
    } else {
        quotient
    }
}

impl Accumulator for DecimalTotal {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values {
            [x] => self.add_all(x),
            _ => Err(DataFusionError::Internal(
                "a decimal total takes one argument".into(),
            )),
        }
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        match states {
            [lists] if self.distinct.is_some() => {
                for list in lists.as_list::<i32>().iter().flatten() {
                    self.add_all(&list)?;
                }
                Ok(())
            }
            [sums, counts] => {
                let sums = sums.as_primitive::<Decimal256Type>();
                let counts = counts.as_primitive::<UInt64Type>();
                for row in 0..sums.len() {
                    if sums.is_valid(row) && counts.is_valid(row) {
                        self.sum = self.sum.wrapping_add(sums.value(row));
                        self.count += counts.value(row);
                    }
                }
                Ok(())
            }
            _ => Err(DataFusionError::Internal(
                "unexpected state of a decimal total".into(),
            )),
        }
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [x] = values else {
            return Err(DataFusionError::Internal(
                "a decimal total takes one argument".into(),
            ));
        };
        for v in as_decimal(x, self.precision, self.scale)?.iter().flatten() {
            self.sum = self.sum.wrapping_sub(i256::from_i128(v));
            self.count = self.count.saturating_sub(1);
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        self.distinct.is_none()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        if let Some(seen) = &self.distinct {
            let data_type = DataType::Decimal128(self.precision, self.scale);
            let values: Vec<ScalarValue> = seen
                .iter()
                .map(|v| ScalarValue::Decimal128(Some(*v), self.precision, self.scale))
                .collect();
            let list = ScalarValue::new_list_nullable(&values, &data_type);
            return Ok(vec![ScalarValue::List(list)]);
        }
        Ok(vec![
            ScalarValue::Decimal256(Some(self.sum), 76, self.scale),
            ScalarValue::UInt64(Some(self.count)),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let (precision, scale) = self.answer_type();
        if self.count == 0 {
            return Ok(ScalarValue::Decimal128(None, precision, scale));
        }
        let answer = match self.answer {
            DecimalAnswer::Sum => self.sum,
            DecimalAnswer::Average => rounded_quotient(self.sum, self.count),
        };
        match answer.to_i128() {
            Some(v) if v.unsigned_abs() <= MAX_UNSCALED as u128 => {
                Ok(ScalarValue::Decimal128(Some(v), precision, scale))
            }
            _ => Err(DataFusionError::Execution("Decimal overflow".into())),
        }
    }

    fn size(&self) -> usize {
        size_of_val(self) + self.distinct.as_ref().map_or(0, |s| s.capacity() * 16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_round_half_away_from_zero() {
        let q = |sum: i128, count: u64| rounded_quotient(i256::from_i128(sum), count).as_i128();
        assert_eq!(q(3, 2), 2);
        assert_eq!(q(-3, 2), -2);
        assert_eq!(q(1, 2), 1);
        assert_eq!(q(-1, 2), -1);
        assert_eq!(q(-1, 3), 0);
        assert_eq!(q(-2, 3), -1);
    }
}
