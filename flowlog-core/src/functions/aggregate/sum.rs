//! `sum` as Trino computes it over integers: a BIGINT that fails on overflow
//! (`bigint addition overflow: a + b`, Trino's `LongSumAggregation`), never a wrapped
//! negative number. Over `decimal(p, s)` the answer is a `decimal(38, s)` that fails with
//! `Decimal overflow` past 38 digits (`decimal_total.rs`). Every other input type
//! (double, interval…) is summed by DataFusion's own `sum`, to which this function hands
//! over.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Int64Array};
use arrow::buffer::NullBuffer;
use arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion::common::{DataFusionError, ScalarValue};
use datafusion::error::Result;
use datafusion::functions_aggregate::sum::Sum;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::AggregateOrderSensitivity;
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Documentation, EmitTo, GroupsAccumulator,
    ReversedUDAF, Signature,
};

use super::decimal_total::{DecimalAnswer, DecimalTotal, decimal_input, decimal_state_fields};

/// `sum(x)`: checked over integers, DataFusion's `sum` otherwise.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct TrinoSum {
    inner: Sum,
}

/// The function, to register in place of DataFusion's `sum`.
pub fn udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(TrinoSum::default()))
}

/// Whether the checked integer sum applies (after coercion every signed integer
/// input is summed as BIGINT).
fn checked(args: &AccumulatorArgs) -> bool {
    !args.is_distinct && *args.return_field.data_type() == DataType::Int64
}

/// The DECIMAL total for a DECIMAL input (`None` for any other input).
fn decimal_total(args: &AccumulatorArgs) -> Option<DecimalTotal> {
    let (precision, scale) = decimal_input(args.expr_fields.first()?.data_type())?;
    Some(DecimalTotal::new(
        DecimalAnswer::Sum,
        precision,
        scale,
        args.is_distinct,
    ))
}

fn overflow(a: i64, b: i64) -> DataFusionError {
    DataFusionError::Execution(format!("bigint addition overflow: {a} + {b}"))
}

fn subtract_overflow(a: i64, b: i64) -> DataFusionError {
    DataFusionError::Execution(format!("bigint subtraction overflow: {a} - {b}"))
}

/// The input as BIGINT values (coercion has normally made it so already).
fn as_int64(array: &ArrayRef) -> Result<Int64Array> {
    let array = arrow::compute::cast(array, &DataType::Int64)?;
    Ok(array.as_primitive::<Int64Type>().clone())
}

impl AggregateUDFImpl for TrinoSum {
    fn name(&self) -> &str {
        "sum"
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first().and_then(decimal_input) {
            Some((_, scale)) => Ok(DataType::Decimal128(38, scale)),
            None => self.inner.return_type(arg_types),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        match decimal_state_fields(&args) {
            Some(fields) => Ok(fields),
            None => self.inner.state_fields(args),
        }
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if let Some(total) = decimal_total(&args) {
            Ok(Box::new(total))
        } else if checked(&args) {
            Ok(Box::new(CheckedSum::default()))
        } else {
            self.inner.accumulator(args)
        }
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        decimal_total(&args).is_none() && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        if checked(&args) {
            Ok(Box::new(CheckedGroupSums::default()))
        } else {
            self.inner.create_groups_accumulator(args)
        }
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        if let Some(total) = decimal_total(&args) {
            Ok(Box::new(total))
        } else if checked(&args) {
            Ok(Box::new(CheckedSum::default()))
        } else {
            self.inner.create_sliding_accumulator(args)
        }
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn order_sensitivity(&self) -> AggregateOrderSensitivity {
        AggregateOrderSensitivity::Insensitive
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}

/// One running BIGINT sum; NULL until a non-NULL value arrives.
#[derive(Debug, Default)]
struct CheckedSum {
    sum: Option<i64>,
    /// Non-NULL values in a sliding window frame, so the sum turns NULL when all leave.
    count: u64,
}

impl CheckedSum {
    fn add_all(&mut self, values: &Int64Array) -> Result<()> {
        for v in values.iter().flatten() {
            let s = self.sum.unwrap_or(0);
            self.sum = Some(s.checked_add(v).ok_or_else(|| overflow(s, v))?);
            self.count += 1;
        }
        Ok(())
    }
}

impl Accumulator for CheckedSum {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values {
            [x] => self.add_all(&as_int64(x)?),
            _ => Err(DataFusionError::Internal("sum takes one argument".into())),
        }
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.update_batch(states)
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [x] = values else {
            return Err(DataFusionError::Internal("sum takes one argument".into()));
        };
        for v in as_int64(x)?.iter().flatten() {
            let s = self.sum.unwrap_or(0);
            self.sum = Some(s.checked_sub(v).ok_or_else(|| subtract_overflow(s, v))?);
            self.count = self.count.saturating_sub(1);
            if self.count == 0 {
                self.sum = None;
            }
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Int64(self.sum)])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(self.sum))
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }
}

/// BIGINT sums per group, for GROUP BY.
#[derive(Debug, Default)]
struct CheckedGroupSums {
    sums: Vec<i64>,
    /// Whether the group has seen a non-NULL value (else its sum is NULL).
    seen: Vec<bool>,
}

impl CheckedGroupSums {
    fn add(
        &mut self,
        values: &ArrayRef,
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.sums.resize(total_num_groups, 0);
        self.seen.resize(total_num_groups, false);
        let values = as_int64(values)?;
        for (row, &group) in group_indices.iter().enumerate() {
            let filtered_out = opt_filter.is_some_and(|f| !f.is_valid(row) || !f.value(row));
            if values.is_null(row) || filtered_out {
                continue;
            }
            let (s, v) = (self.sums[group], values.value(row));
            self.sums[group] = s.checked_add(v).ok_or_else(|| overflow(s, v))?;
            self.seen[group] = true;
        }
        Ok(())
    }

    fn emit(&mut self, emit_to: EmitTo) -> ArrayRef {
        let sums = emit_to.take_needed(&mut self.sums);
        let seen = emit_to.take_needed(&mut self.seen);
        Arc::new(Int64Array::new(sums.into(), Some(NullBuffer::from(seen))))
    }
}

impl GroupsAccumulator for CheckedGroupSums {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        match values {
            [x] => self.add(x, group_indices, opt_filter, total_num_groups),
            _ => Err(DataFusionError::Internal("sum takes one argument".into())),
        }
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.update_batch(values, group_indices, None, total_num_groups)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let [x] = values else {
            return Err(DataFusionError::Internal("sum takes one argument".into()));
        };
        let x = as_int64(x)?;
        let kept = |row: usize| opt_filter.is_none_or(|f| f.is_valid(row) && f.value(row));
        let state: Int64Array = (0..x.len())
            .map(|row| (kept(row) && x.is_valid(row)).then(|| x.value(row)))
            .collect();
        Ok(vec![Arc::new(state)])
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        Ok(self.emit(emit_to))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        Ok(vec![self.emit(emit_to)])
    }

    fn size(&self) -> usize {
        self.sums.capacity() * size_of::<i64>() + self.seen.capacity()
    }
}
