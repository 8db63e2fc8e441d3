//! `multimap_agg(key, value)`: a map from each aggregated key to the array of its values
//! (Trino's `MultimapAggregationFunction`).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility,
};

use super::map_value::{
    list_entries, list_field, list_state, map_scalar, map_type, plain_string_arguments,
    scalars_size,
};
use crate::functions::support::documented;

/// `multimap_agg`: rows whose key is NULL are skipped; a key's values (NULLs included)
/// are listed in the order the rows arrive (an `ORDER BY` inside the call is not applied,
/// see DEVIATIONS.md). Keys are listed in the order first seen (Trino's order is its hash
/// order).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MultimapAgg {
    signature: Signature,
}

impl MultimapAgg {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl Default for MultimapAgg {
    fn default() -> Self {
        Self::new()
    }
}

impl AggregateUDFImpl for MultimapAgg {
    fn name(&self) -> &str {
        "multimap_agg"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 2 {
            return plan_err!("multimap_agg takes two arguments, got {}", arg_types.len());
        }
        Ok(plain_string_arguments(arg_types))
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [key, value] => Ok(map_type(key, &DataType::new_list(value.clone(), true))),
            _ => plan_err!(
                "multimap_agg takes two arguments (key, value), got {}",
                arg_types.len()
            ),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let [key, value, ..] = args.input_fields else {
            return plan_err!("multimap_agg takes two arguments (key, value)");
        };
        Ok(vec![
            list_field("keys", key.data_type()),
            list_field("values", value.data_type()),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let [key, value, ..] = args.expr_fields else {
            return plan_err!("multimap_agg takes two arguments (key, value)");
        };
        Ok(Box::new(MultimapAccumulator {
            key_type: key.data_type().clone(),
            value_type: value.data_type().clone(),
            keys: Vec::new(),
            values: Vec::new(),
            index: HashMap::new(),
        }))
    }

    documented!(
        "Aggregate Functions",
        "multimap_agg(key, value)",
        "Returns a multimap created from the input key / value pairs: each key maps to the array of its values.",
        "SELECT multimap_agg(action, dstport) FROM (VALUES ('ACCEPT', 443), ('ACCEPT', 22)) t(action, dstport); -- {ACCEPT=[443, 22]}"
    );
}

/// The keys in the order first seen, each with its values.
#[derive(Debug)]
struct MultimapAccumulator {
    key_type: DataType,
    value_type: DataType,
    keys: Vec<ScalarValue>,
    values: Vec<Vec<ScalarValue>>,
    index: HashMap<ScalarValue, usize>,
}

impl MultimapAccumulator {
    fn add(&mut self, key: ScalarValue, value: ScalarValue) {
        if key.is_null() {
            return;
        }
        let slot = match self.index.get(&key) {
            Some(&slot) => slot,
            None => {
                self.index.insert(key.clone(), self.keys.len());
                self.keys.push(key);
                self.values.push(Vec::new());
                self.keys.len() - 1
            }
        };
        self.values[slot].push(value);
    }

    /// Every `(key, value)` pair, key by key: the state's two parallel lists.
    fn pairs(&self) -> (Vec<ScalarValue>, Vec<ScalarValue>) {
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for (key, vs) in self.keys.iter().zip(&self.values) {
            keys.extend(std::iter::repeat_n(key.clone(), vs.len()));
            values.extend(vs.iter().cloned());
        }
        (keys, values)
    }
}

impl Accumulator for MultimapAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        // With `ORDER BY`, the ordering columns follow the two arguments.
        let [keys, vals, ..] = values else {
            return plan_err!("multimap_agg takes two arguments (key, value)");
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
            return plan_err!(
                "multimap_agg: state has {} columns, expected 2",
                states.len()
            );
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
        let (keys, values) = self.pairs();
        Ok(vec![
            list_state(&self.key_type, &keys),
            list_state(&self.value_type, &values),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let lists: Vec<ScalarValue> = self
            .values
            .iter()
            .map(|vs| list_state(&self.value_type, vs))
            .collect();
        map_scalar(
            &self.key_type,
            &DataType::new_list(self.value_type.clone(), true),
            &self.keys,
            &lists,
        )
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + 2 * scalars_size(&self.keys)
            + self.values.iter().map(|vs| scalars_size(vs)).sum::<usize>()
    }
}

/// `Arc` form, for registration.
pub(crate) fn udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(MultimapAgg::new()))
}
