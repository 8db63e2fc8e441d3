//! `transform_keys(m, (k, v) -> k2)` and `transform_values(m, (k, v) -> v2)`: a map
//! with the lambda's results as its keys (which must be distinct and not NULL) or as
//! its values.

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDF, HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda, Volatility,
};

use super::elements::{Elements, call, map_from_ranges};
use super::map_filter::{coerce_one_map, key_value_columns, map_parameters};
use super::{Invocation, lambda_fields, parameters};
use crate::functions::array::lists::{element_keys, null_at};
use crate::functions::map::{entries_field, key_value_types};

/// Which part of the entries the lambda replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Keys,
    Values,
}

/// `transform_keys` or `transform_values(map(K, V), function(K, V, R))`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MapTransform {
    part: Part,
    signature: HigherOrderSignature,
}

/// `transform_keys` and `transform_values`.
pub fn functions() -> Vec<Arc<HigherOrderUDF>> {
    [Part::Keys, Part::Values]
        .into_iter()
        .map(|part| {
            Arc::new(HigherOrderUDF::from(MapTransform {
                part,
                signature: HigherOrderSignature::user_defined(Volatility::Immutable),
            }))
        })
        .collect()
}

impl HigherOrderUDFImpl for MapTransform {
    fn name(&self) -> &str {
        match self.part {
            Part::Keys => "transform_keys",
            Part::Values => "transform_values",
        }
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let expected = format!("{}(map(K,V), function(K,V,R))", self.name());
        coerce_one_map(self.name(), arg_types, &expected)
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let (k, v) = map_parameters(self.name(), fields)?;
        Ok(parameters(vec![vec![k, v]]))
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let (k, v) = map_parameters(
            self.name(),
            &args
                .arg_fields
                .iter()
                .map(|f| match f {
                    ValueOrLambda::Value(v) => ValueOrLambda::Value(Arc::clone(v)),
                    ValueOrLambda::Lambda(l) => ValueOrLambda::Lambda(Some(Arc::clone(l))),
                })
                .collect::<Vec<_>>(),
        )?;
        let out = lambda_fields(args.arg_fields);
        let r = out
            .first()
            .map_or(DataType::Null, |f| f.data_type().clone());
        let (k, v) = match self.part {
            Part::Keys => (r, v),
            Part::Values => (k, r),
        };
        Ok(Arc::new(Field::new(
            "",
            DataType::Map(entries_field(k, v), false),
            true,
        )))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let entries = Elements::of_map(&call_args.values[0])?;
        let (in_k, in_v) = key_value_types(call_args.values[0].data_type())
            .unwrap_or((DataType::Null, DataType::Null));
        let (keys, values) = key_value_columns(&entries, &in_k, &in_v)?;
        let results = call(
            call_args.lambdas[0],
            &[Arc::clone(&keys), Arc::clone(&values)],
            &entries.rows,
        )?;
        let (k, v) =
            key_value_types(args.return_type()).unwrap_or((DataType::Null, DataType::Null));
        let out = match self.part {
            Part::Keys => {
                let new_keys = cast(results, &k)?;
                check_keys(&new_keys, &entries)?;
                map_from_ranges(&entries_field(k, v), &entries.ranges, new_keys, values)?
            }
            Part::Values => {
                let new_values = cast(results, &v)?;
                map_from_ranges(&entries_field(k, v), &entries.ranges, keys, new_values)?
            }
        };
        Ok(ColumnarValue::Array(out))
    }
}

/// Trino's errors for new keys that are NULL or repeat within a map.
fn check_keys(keys: &ArrayRef, entries: &Elements) -> Result<()> {
    if entries.len() == 0 {
        return Ok(());
    }
    let comparable = element_keys(&[keys])?.remove(0);
    for range in entries.ranges.iter().flatten() {
        let mut seen = HashSet::new();
        for i in range.clone() {
            if null_at(keys.as_ref(), i) {
                return exec_err!("map key cannot be null");
            }
            if !seen.insert(&comparable[i]) {
                let key = crate::render::render_value(keys.as_ref(), i).unwrap_or_default();
                return exec_err!("Duplicate keys ({key}) are not allowed");
            }
        }
    }
    Ok(())
}

fn cast(array: ArrayRef, to: &DataType) -> Result<ArrayRef> {
    if array.data_type() == to {
        return Ok(array);
    }
    Ok(arrow::compute::cast(&array, to)?)
}
