//! `map_agg(key, value)`: a map from the aggregated keys to their values (Trino).

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDFImpl, Signature, Volatility};

use super::map_value::{
    list_entries, list_field, list_state, map_scalar, map_type, plain_string_arguments,
    scalars_size,
};
use crate::functions::support::documented;

/// `map_agg`: rows whose key is NULL are skipped; when a key occurs more than once, the
/// first value seen is kept (Trino keeps one of them).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MapAgg {
    signature: Signature,
}

impl MapAgg {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl Default for MapAgg {
    fn default() -> Self {
        Self::new()
    }
}

impl AggregateUDFImpl for MapAgg {
    fn name(&self) -> &str {
        "map_agg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 2 {
            return plan_err!("map_agg takes two arguments, got {}", arg_types.len());
        }
        Ok(plain_string_arguments(arg_types))
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [key, value] => Ok(map_type(key, value)),
            _ => plan_err!(
                "map_agg takes two arguments (key, value), got {}",
                arg_types.len()
            ),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let [key, value] = args.input_fields else {
            return plan_err!("map_agg takes two arguments (key, value)");
        };
        Ok(vec![
            list_field("keys", key.data_type()),
            list_field("values", value.data_type()),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let [key, value] = args.expr_fields else {
            return plan_err!("map_agg takes two arguments (key, value)");
        };
        Ok(Box::new(MapAggAccumulator {
            key_type: key.data_type().clone(),
            value_type: value.data_type().clone(),
            keys: Vec::new(),
            values: Vec::new(),
            seen: HashSet::new(),
        }))
    }

    documented!(
        "Aggregate Functions",
        "map_agg(key, value)",
        "Returns a map created from the input key / value pairs.",
        "SELECT map_agg(action, packets) FROM (VALUES ('ACCEPT', 10)) t(action, packets); -- {ACCEPT=10}"
    );
}

#[derive(Debug)]
struct MapAggAccumulator {
    key_type: DataType,
    value_type: DataType,
    keys: Vec<ScalarValue>,
    values: Vec<ScalarValue>,
    seen: HashSet<ScalarValue>,
}

impl MapAggAccumulator {
    fn add(&mut self, key: ScalarValue, value: ScalarValue) {
        if key.is_null() || self.seen.contains(&key) {
            return;
        }
        self.seen.insert(key.clone());
        self.keys.push(key);
        self.values.push(value);
    }
}

impl Accumulator for MapAggAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [keys, vals] = values else {
            return plan_err!("map_agg takes two arguments (key, value)");
        };
        for row in 0..keys.len() {
            let key = ScalarValue::try_from_array(keys, row)?;
            let value = ScalarValue::try_from_array(vals, row)?;
            self.add(key, value);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [keys, vals] = states else {
            return plan_err!("map_agg: state has {} columns, expected 2", states.len());
        };
        for row in 0..keys.len() {
            let ks = list_entries(keys, row)?;
            let vs = list_entries(vals, row)?;
            for (k, v) in ks.into_iter().zip(vs) {
                self.add(k, v);
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![
            list_state(&self.key_type, &self.keys),
            list_state(&self.value_type, &self.values),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        map_scalar(&self.key_type, &self.value_type, &self.keys, &self.values)
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 2 * scalars_size(&self.keys) + scalars_size(&self.values)
    }
}

/// `Arc` form, for registration.
pub(crate) fn udaf() -> Arc<datafusion::logical_expr::AggregateUDF> {
    Arc::new(datafusion::logical_expr::AggregateUDF::new_from_impl(
        MapAgg::new(),
    ))
}
