//! `map_zip_with(m1, m2, (k, v1, v2) -> v)`: one entry per key of either map (the first
//! map's keys in its order, then the second's new keys), its value the lambda of the key
//! and both maps' values there (NULL where a map lacks the key).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::UInt32Array;
use arrow::compute::interleave;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::type_coercion::binary::comparison_coercion;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{Elements, call, index, map_from_ranges};
use super::map_filter::key_value_columns;
use super::{
    Invocation, higher_order_udf, lambda_fields, parameters, split_fields, wrong_arguments,
};
use crate::functions::array::lists::element_keys;
use crate::functions::map::{entries_field, key_value_types, map_type};

const EXPECTED: &str = "map_zip_with(map(K,V1), map(K,V2), function(K,V1,V2,V3))";

higher_order_udf! {
    /// `map_zip_with(map(K, V1), map(K, V2), function(K, V1, V2, V3))`: both maps merged.
    pub struct MapZipWith;
}

fn kv(t: &DataType) -> (DataType, DataType) {
    key_value_types(t).unwrap_or((DataType::Null, DataType::Null))
}

impl HigherOrderUDFImpl for MapZipWith {
    fn name(&self) -> &str {
        "map_zip_with"
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let is_map = |t: &DataType| matches!(t, DataType::Map(_, _) | DataType::Null);
        match arg_types {
            [a, b] if is_map(a) && is_map(b) => {
                let ((ka, va), (kb, vb)) = (kv(a), kv(b));
                let key = if ka == kb {
                    Some(ka)
                } else if ka.is_null() {
                    Some(kb)
                } else if kb.is_null() {
                    Some(ka)
                } else {
                    comparison_coercion(&ka, &kb)
                };
                match key {
                    Some(key) => Ok(vec![map_type(key.clone(), va), map_type(key, vb)]),
                    None => Err(wrong_arguments(self.name(), arg_types, EXPECTED)),
                }
            }
            _ => Err(wrong_arguments(self.name(), arg_types, EXPECTED)),
        }
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let values = split_fields(self.name(), fields, 2, 1)?;
        let ((k, v1), (_, v2)) = (kv(values[0].data_type()), kv(values[1].data_type()));
        Ok(parameters(vec![vec![k, v1, v2]]))
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let values = split_fields(self.name(), args.arg_fields, 2, 1)?;
        let (k, _) = kv(values[0].data_type());
        let out = lambda_fields(args.arg_fields);
        let v = out
            .first()
            .map_or(DataType::Null, |f| f.data_type().clone());
        Ok(Arc::new(Field::new("", map_type(k, v), true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let (a_type, b_type) = (
            call_args.values[0].data_type(),
            call_args.values[1].data_type(),
        );
        let ((ka, va), (kb, vb)) = (kv(a_type), kv(b_type));
        let a = Elements::of_map(&call_args.values[0])?;
        let b = Elements::of_map(&call_args.values[1])?;
        let (a_keys, a_values) = key_value_columns(&a, &ka, &va)?;
        let (b_keys, b_values) = key_value_columns(&b, &kb, &vb)?;
        let comparable = element_keys(&[&a_keys, &b_keys])?;
        let (mut key_picks, mut v1, mut v2, mut rows, mut ranges) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (row, (ra, rb)) in a.ranges.iter().zip(&b.ranges).enumerate() {
            let (Some(ra), Some(rb)) = (ra, rb) else {
                ranges.push(None);
                continue;
            };
            let start = rows.len();
            let in_b: HashMap<_, usize> = rb.clone().map(|j| (&comparable[1][j], j)).collect();
            for i in ra.clone() {
                key_picks.push((0, i));
                v1.push(Some(index(i)?));
                v2.push(in_b.get(&comparable[0][i]).map(|&j| index(j)).transpose()?);
                rows.push(index(row)?);
            }
            let in_a: std::collections::HashSet<_> =
                ra.clone().map(|i| &comparable[0][i]).collect();
            for j in rb.clone() {
                if !in_a.contains(&comparable[1][j]) {
                    key_picks.push((1, j));
                    v1.push(None);
                    v2.push(Some(index(j)?));
                    rows.push(index(row)?);
                }
            }
            ranges.push(Some(start..rows.len()));
        }
        let keys = interleave(&[a_keys.as_ref(), b_keys.as_ref()], &key_picks)?;
        let v1 = arrow::compute::take(a_values.as_ref(), &UInt32Array::from(v1), None)?;
        let v2 = arrow::compute::take(b_values.as_ref(), &UInt32Array::from(v2), None)?;
        let results = call(
            call_args.lambdas[0],
            &[Arc::clone(&keys), v1, v2],
            &UInt32Array::from(rows),
        )?;
        let (k, v) = kv(args.return_type());
        let results = if results.data_type() == &v {
            results
        } else {
            arrow::compute::cast(&results, &v)?
        };
        Ok(ColumnarValue::Array(map_from_ranges(
            &entries_field(k, v),
            &ranges,
            keys,
            results,
        )?))
    }
}
