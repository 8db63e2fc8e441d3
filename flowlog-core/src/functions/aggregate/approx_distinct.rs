//! `approx_distinct(x)` and `approx_distinct(x, e)`: Trino's estimate of the number of
//! distinct non-NULL values, Airlift's HyperLogLog (`approx_distinct_hll.rs`) fed Trino's
//! per-type xxHash64 (`trino_xxhash.rs`). Replaces DataFusion's `approx_distinct`.
//!
//! ```text
//! approx_distinct(x)      2,048 buckets (maximum standard error 0.023)
//! approx_distinct(x, e)   buckets from e (approx_distinct_error.rs), read when the group's
//!                         first non-NULL value arrives
//! BOOLEAN x               e ignored, as Trino's BOOLEAN form (the count is exact)
//! no value                0
//! ```
//!
//! Partial states are the serialized instances, merged as Airlift merges them. Types with
//! no Trino hash here (nested types, TIMESTAMP WITH TIME ZONE, TIMESTAMP(7..9), TIME)
//! are hashed from their Arrow row encoding: distinct values still count once, but
//! estimates can differ from Athena's.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{DataType, Field, FieldRef, Float64Type};
use arrow::row::{RowConverter, SortField};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use super::approx_distinct_error::{DEFAULT_STANDARD_ERROR, index_bits_for_error};
use super::approx_distinct_hll::Hll;
use super::trino_xxhash::{hash_bytes, trino_xxhash64};
use crate::functions::support::{documented, unexpected_parameters};

/// `approx_distinct`, as Trino estimates it.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ApproxDistinct {
    signature: Signature,
}

impl ApproxDistinct {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl Default for ApproxDistinct {
    fn default() -> Self {
        Self::new()
    }
}

impl AggregateUDFImpl for ApproxDistinct {
    fn name(&self) -> &str {
        "approx_distinct"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let value = |x: &DataType| match x {
            DataType::Dictionary(_, v) => v.as_ref().clone(),
            other => other.clone(),
        };
        match arg_types {
            [x] => Ok(vec![value(x)]),
            [x, e] if e.is_numeric() || e.is_null() => Ok(vec![value(x), DataType::Float64]),
            _ => Err(unexpected_parameters("approx_distinct", arg_types, &[])),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn is_nullable(&self) -> bool {
        false
    }

    fn default_value(&self, _data_type: &DataType) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(0)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format!("{}[hll]", args.name),
            DataType::Binary,
            true,
        ))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let Some(x) = args.expr_fields.first() else {
            return plan_err!("approx_distinct takes one or two arguments");
        };
        Ok(Box::new(ApproxDistinctAccumulator {
            boolean: x.data_type() == &DataType::Boolean,
            hll: None,
            rows: None,
        }))
    }

    documented!(
        "Aggregate Functions",
        "approx_distinct(x [, e])",
        "Returns the approximate number of distinct input values, with a standard error of 2.3% (or at most e), as Athena estimates it.",
        "SELECT approx_distinct(dstport) FROM flow_logs;"
    );
}

/// One group's instance; `None` until its first non-NULL value (or merged state).
#[derive(Debug)]
struct ApproxDistinctAccumulator {
    boolean: bool,
    hll: Option<Hll>,
    /// Encodes values of types with no Trino hash here, made on first need.
    rows: Option<RowConverter>,
}

impl ApproxDistinctAccumulator {
    /// Hashes rows of a type with no Trino hash from their Arrow row encoding.
    fn add_encoded(&mut self, xs: &ArrayRef, usable: impl Fn(usize) -> bool) -> Result<()> {
        if self.rows.is_none() {
            self.rows = Some(RowConverter::new(vec![SortField::new(
                xs.data_type().clone(),
            )])?);
        }
        let (Some(rows), Some(hll)) = (&self.rows, &mut self.hll) else {
            return Ok(());
        };
        let encoded = rows.convert_columns(std::slice::from_ref(xs))?;
        for row in 0..xs.len() {
            if usable(row) {
                hll.add_hash(hash_bytes(encoded.row(row).as_ref()));
            }
        }
        Ok(())
    }
}

impl Accumulator for ApproxDistinctAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(xs) = values.first() else {
            return plan_err!("approx_distinct takes one or two arguments");
        };
        let errors = values.get(1).map(|e| e.as_primitive::<Float64Type>());
        // Trino skips rows where an argument is NULL.
        let e_null = |row: usize| errors.is_some_and(|e| e.is_null(row));
        let usable = |row: usize| !xs.is_null(row) && !e_null(row);
        if self.hll.is_none() {
            let Some(first) = (0..xs.len()).find(|&r| usable(r)) else {
                return Ok(());
            };
            let e = match errors {
                Some(e) if !self.boolean => e.value(first),
                _ => DEFAULT_STANDARD_ERROR,
            };
            self.hll = Some(Hll::new(index_bits_for_error(e)?));
        }
        let Some(hll) = self.hll.as_mut() else {
            return Ok(());
        };
        let some_e_null = errors.is_some_and(|e| e.null_count() > 0);
        let hashed = if some_e_null {
            trino_xxhash64(xs.as_ref(), |row, hash| {
                if !e_null(row) {
                    hll.add_hash(hash)
                }
            })
        } else {
            trino_xxhash64(xs.as_ref(), |_, hash| hll.add_hash(hash))
        };
        if !hashed && xs.data_type() != &DataType::Null {
            self.add_encoded(xs, usable)?;
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(states) = states.first() else {
            return Ok(());
        };
        for state in states.as_binary::<i32>().iter().flatten() {
            let Some(other) = Hll::read(state) else {
                return exec_err!("approx_distinct: malformed partial state");
            };
            match &mut self.hll {
                // Trino takes the first partial state as it is.
                None => self.hll = Some(other),
                Some(hll) => {
                    if let Err((mine, theirs)) = hll.merge(&other) {
                        return exec_err!(
                            "Cannot merge HLLs with different number of buckets: {mine} vs {theirs}"
                        );
                    }
                }
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Binary(self.hll.as_ref().map(|hll| {
            let mut bytes = Vec::new();
            hll.write(&mut bytes);
            bytes
        }))])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(
            self.hll.as_ref().map_or(0, Hll::cardinality),
        )))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self.hll.as_ref().map_or(0, Hll::size)
            + self.rows.as_ref().map_or(0, RowConverter::size)
    }
}

#[cfg(test)]
mod tests {
    use arrow::array::{Int64Array, StringArray};

    use super::*;

    /// The serialized partial states of several accumulators, as one Binary column (tests).
    fn states(accumulators: &mut [ApproxDistinctAccumulator]) -> Result<ArrayRef> {
        let mut out = arrow::array::BinaryBuilder::new();
        for acc in accumulators {
            match acc.state()?.remove(0) {
                ScalarValue::Binary(Some(b)) => out.append_value(b),
                _ => out.append_null(),
            }
        }
        Ok(Arc::new(out.finish()))
    }

    fn accumulator() -> ApproxDistinctAccumulator {
        ApproxDistinctAccumulator {
            boolean: false,
            hll: None,
            rows: None,
        }
    }

    #[test]
    fn split_input_merges_to_the_same_estimate() -> Result<()> {
        let all: ArrayRef = Arc::new(Int64Array::from_iter_values(0..100_000));
        let mut whole = accumulator();
        whole.update_batch(&[Arc::clone(&all)])?;
        let mut parts: Vec<_> = (0..4).map(|_| accumulator()).collect();
        for (i, part) in parts.iter_mut().enumerate() {
            part.update_batch(&[all.slice(i * 25_000, 25_000)])?;
        }
        let mut merged = accumulator();
        merged.merge_batch(&[states(&mut parts)?])?;
        assert_eq!(merged.evaluate()?, whole.evaluate()?);
        Ok(())
    }

    #[test]
    fn small_inputs_count_exactly() -> Result<()> {
        let values: ArrayRef = Arc::new(StringArray::from_iter_values(
            (0..10).map(|i| format!("v{i}")),
        ));
        let mut acc = accumulator();
        acc.update_batch(&[values])?;
        assert_eq!(acc.evaluate()?, ScalarValue::Int64(Some(10)));
        Ok(())
    }
}
