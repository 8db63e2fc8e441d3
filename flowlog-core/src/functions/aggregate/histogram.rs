//! `histogram(x)`: a map from each distinct value to the number of rows holding it
//! (Trino).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{DataType, FieldRef, Int64Type};
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use super::map_value::{
    list_entries, list_field, list_state, map_scalar, map_type, plain_string_arguments,
    scalars_size,
};
use crate::functions::support::documented;

/// `histogram`: NULL values are not counted; no counted value gives NULL.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Histogram {
    signature: Signature,
}

impl Histogram {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl Default for Histogram {
    fn default() -> Self {
        Self::new()
    }
}

impl AggregateUDFImpl for Histogram {
    fn name(&self) -> &str {
        "histogram"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 1 {
            return plan_err!("histogram takes one argument, got {}", arg_types.len());
        }
        Ok(plain_string_arguments(arg_types))
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [x] => Ok(map_type(x, &DataType::Int64)),
            _ => plan_err!("histogram takes one argument, got {}", arg_types.len()),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let [x] = args.input_fields else {
            return plan_err!("histogram takes one argument");
        };
        Ok(vec![
            list_field("values", x.data_type()),
            list_field("counts", &DataType::Int64),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let [x] = args.expr_fields else {
            return plan_err!("histogram takes one argument");
        };
        Ok(Box::new(HistogramAccumulator {
            value_type: x.data_type().clone(),
            values: Vec::new(),
            counts: Vec::new(),
            index: HashMap::new(),
        }))
    }

    documented!(
        "Aggregate Functions",
        "histogram(x)",
        "Returns a map containing the count of the number of times each input value occurs.",
        "SELECT histogram(action) FROM (VALUES ('ACCEPT'), ('ACCEPT'), ('REJECT')) t(action); -- {ACCEPT=2, REJECT=1}"
    );
}

#[derive(Debug)]
struct HistogramAccumulator {
    value_type: DataType,
    values: Vec<ScalarValue>,
    counts: Vec<i64>,
    index: HashMap<ScalarValue, usize>,
}

impl HistogramAccumulator {
    fn add(&mut self, value: ScalarValue, count: i64) {
        if value.is_null() {
            return;
        }
        match self.index.get(&value) {
            Some(&i) => self.counts[i] += count,
            None => {
                self.index.insert(value.clone(), self.values.len());
                self.values.push(value);
                self.counts.push(count);
            }
        }
    }

    fn count_scalars(&self) -> Vec<ScalarValue> {
        self.counts
            .iter()
            .map(|c| ScalarValue::Int64(Some(*c)))
            .collect()
    }
}

impl Accumulator for HistogramAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [xs] = values else {
            return plan_err!("histogram takes one argument");
        };
        for row in 0..xs.len() {
            self.add(ScalarValue::try_from_array(xs, row)?, 1);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [values, counts] = states else {
            return plan_err!("histogram: state has {} columns, expected 2", states.len());
        };
        for row in 0..values.len() {
            let vs = list_entries(values, row)?;
            if counts.is_null(row) {
                continue;
            }
            let cs = counts.as_list::<i32>().value(row);
            let cs = cs.as_primitive::<Int64Type>();
            for (i, v) in vs.into_iter().enumerate() {
                self.add(v, cs.value(i));
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![
            list_state(&self.value_type, &self.values),
            list_state(&DataType::Int64, &self.count_scalars()),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        map_scalar(
            &self.value_type,
            &DataType::Int64,
            &self.values,
            &self.count_scalars(),
        )
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 2 * scalars_size(&self.values) + 8 * self.counts.len()
    }
}

/// `Arc` form, for registration.
pub(crate) fn udaf() -> Arc<datafusion::logical_expr::AggregateUDF> {
    Arc::new(datafusion::logical_expr::AggregateUDF::new_from_impl(
        Histogram::new(),
    ))
}
