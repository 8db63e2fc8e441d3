//! `multimap_agg(key, value)`: a map from each aggregated key to the array of its values
//! (Trino's `MultimapAggregationFunction`).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::compute::SortOptions;
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
/// are listed in the order of the call's `ORDER BY`, or as the rows arrive without one.
/// Keys are listed in the order first seen (Trino's order is its hash order).
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
        let mut fields = vec![
            list_field("keys", key.data_type()),
            list_field("values", value.data_type()),
        ];
        // With `ORDER BY`, each pair's ordering values travel with it.
        for (i, ordering) in args.ordering_fields.iter().enumerate() {
            fields.push(list_field(&format!("ordering{i}"), ordering.data_type()));
        }
        Ok(fields)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        let [key, value, ..] = args.expr_fields else {
            return plan_err!("multimap_agg takes two arguments (key, value)");
        };
        let ordering = args
            .order_bys
            .iter()
            .map(|o| {
                Ok((
                    o.expr.return_field(args.schema)?.data_type().clone(),
                    o.options,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Box::new(MultimapAccumulator {
            key_type: key.data_type().clone(),
            value_type: value.data_type().clone(),
            keys: Vec::new(),
            values: Vec::new(),
            index: HashMap::new(),
            ordering,
            pending: Vec::new(),
        }))
    }

    documented!(
        "Aggregate Functions",
        "multimap_agg(key, value)",
        "Returns a multimap created from the input key / value pairs: each key maps to the array of its values.",
        "SELECT multimap_agg(action, dstport) FROM (VALUES ('ACCEPT', 443), ('ACCEPT', 22)) t(action, dstport); -- {ACCEPT=[443, 22]}"
    );
}

/// The keys in the order first seen, each with its values. With `ORDER BY`, the pairs
/// are kept in `pending` with their ordering values until the end, then sorted.
#[derive(Debug)]
struct MultimapAccumulator {
    key_type: DataType,
    value_type: DataType,
    keys: Vec<ScalarValue>,
    values: Vec<Vec<ScalarValue>>,
    index: HashMap<ScalarValue, usize>,
    /// The `ORDER BY` columns' types and directions (empty without one).
    ordering: Vec<(DataType, SortOptions)>,
    /// `(key, value, ordering values)` of each pair, with `ORDER BY`.
    pending: Vec<(ScalarValue, ScalarValue, Vec<ScalarValue>)>,
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

    /// Take in a pair with its ordering values (kept for sorting when there is an
    /// `ORDER BY`).
    fn push(&mut self, key: ScalarValue, value: ScalarValue, order: Vec<ScalarValue>) {
        if self.ordering.is_empty() {
            self.add(key, value);
        } else if !key.is_null() {
            self.pending.push((key, value, order));
        }
    }

    /// Sort the pending pairs by the `ORDER BY` (stably) and group them by key.
    fn settle(&mut self) {
        let ordering: Vec<SortOptions> = self.ordering.iter().map(|(_, o)| *o).collect();
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by(|a, b| compare(&a.2, &b.2, &ordering));
        for (key, value, _) in pending {
            self.add(key, value);
        }
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
        let [keys, vals, orderings @ ..] = values else {
            return plan_err!("multimap_agg takes two arguments (key, value)");
        };
        for row in 0..keys.len() {
            let key = ScalarValue::try_from_array(keys, row)?;
            let value = ScalarValue::try_from_array(vals, row)?;
            let order = orderings
                .iter()
                .map(|o| ScalarValue::try_from_array(o, row))
                .collect::<Result<Vec<_>>>()?;
            self.push(key, value, order);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [keys, vals, orderings @ ..] = states else {
            return plan_err!(
                "multimap_agg: state has {} columns, expected 2 or more",
                states.len()
            );
        };
        for row in 0..keys.len() {
            let ks = list_entries(keys, row)?;
            let vs = list_entries(vals, row)?;
            let mut os = orderings
                .iter()
                .map(|o| list_entries(o, row).map(Vec::into_iter))
                .collect::<Result<Vec<_>>>()?;
            for (k, v) in ks.into_iter().zip(vs) {
                let order = os.iter_mut().filter_map(Iterator::next).collect();
                self.push(k, v, order);
            }
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        if !self.ordering.is_empty() {
            let keys: Vec<ScalarValue> = self.pending.iter().map(|p| p.0.clone()).collect();
            let values: Vec<ScalarValue> = self.pending.iter().map(|p| p.1.clone()).collect();
            let mut state = vec![
                list_state(&self.key_type, &keys),
                list_state(&self.value_type, &values),
            ];
            for (i, (t, _)) in self.ordering.iter().enumerate() {
                let column: Vec<ScalarValue> =
                    self.pending.iter().map(|p| p.2[i].clone()).collect();
                state.push(list_state(t, &column));
            }
            return Ok(state);
        }
        let (keys, values) = self.pairs();
        Ok(vec![
            list_state(&self.key_type, &keys),
            list_state(&self.value_type, &values),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        self.settle();
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
            + self
                .pending
                .iter()
                .map(|(k, v, o)| k.size() + v.size() + scalars_size(o))
                .sum::<usize>()
    }
}

/// The order of two pairs' ordering values under the `ORDER BY`'s directions.
fn compare(a: &[ScalarValue], b: &[ScalarValue], ordering: &[SortOptions]) -> Ordering {
    for ((x, y), options) in a.iter().zip(b).zip(ordering) {
        let order = match (x.is_null(), y.is_null()) {
            (true, true) => Ordering::Equal,
            (true, false) if options.nulls_first => Ordering::Less,
            (true, false) => Ordering::Greater,
            (false, true) if options.nulls_first => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                let order = x.partial_cmp(y).unwrap_or(Ordering::Equal);
                if options.descending {
                    order.reverse()
                } else {
                    order
                }
            }
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// `Arc` form, for registration.
pub(crate) fn udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(MultimapAgg::new()))
}
