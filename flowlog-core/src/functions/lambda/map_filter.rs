//! `map_filter(m, (k, v) -> b)`: the entries for which the lambda is true.

use std::sync::Arc;

use arrow::array::{Array, UInt32Array};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{Elements, call, index, map_from_ranges};
use super::transform::predicate;
use super::{Invocation, higher_order_udf, parameters, split_fields, wrong_arguments};
use crate::functions::map::{entries_field, key_value_types, map_type};

/// The coerced type of a one-map call (an untyped NULL becomes `map(unknown, unknown)`).
pub(crate) fn coerce_one_map(
    name: &str,
    arg_types: &[DataType],
    expected: &str,
) -> Result<Vec<DataType>> {
    match arg_types {
        [DataType::Null] => Ok(vec![map_type(DataType::Null, DataType::Null)]),
        [m @ DataType::Map(_, _)] => Ok(vec![m.clone()]),
        _ => Err(wrong_arguments(name, arg_types, expected)),
    }
}

/// The key and value types of a one-map call's map argument.
pub(crate) fn map_parameters(
    name: &str,
    fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
) -> Result<(DataType, DataType)> {
    let values = split_fields(name, fields, 1, 1)?;
    Ok(key_value_types(values[0].data_type()).unwrap_or((DataType::Null, DataType::Null)))
}

higher_order_udf! {
    /// `map_filter(map(K, V), function(K, V, boolean))`: the entries the lambda keeps.
    pub struct MapFilter;
}

impl HigherOrderUDFImpl for MapFilter {
    fn name(&self) -> &str {
        "map_filter"
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_one_map(
            self.name(),
            arg_types,
            "map_filter(map(K,V), function(K,V,boolean))",
        )
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
        let values = split_fields(self.name(), args.arg_fields, 1, 1)?;
        Ok(Arc::new(Field::new(
            "",
            values[0].data_type().clone(),
            true,
        )))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let entries = Elements::of_map(&call_args.values[0])?;
        let (k, v) =
            key_value_types(args.return_type()).unwrap_or((DataType::Null, DataType::Null));
        let (keys, values) = key_value_columns(&entries, &k, &v)?;
        let keep = call(
            call_args.lambdas[0],
            &[Arc::clone(&keys), Arc::clone(&values)],
            &entries.rows,
        )?;
        let keep = predicate(self.name(), &keep)?;
        let mut indices = Vec::new();
        let ranges: Vec<_> = entries
            .ranges
            .iter()
            .map(|range| {
                let range = range.clone()?;
                let start = indices.len();
                indices.extend(range.filter(|&i| keep.is_valid(i) && keep.value(i)));
                Some(start..indices.len())
            })
            .collect();
        let indices =
            UInt32Array::from(indices.into_iter().map(index).collect::<Result<Vec<_>>>()?);
        let keys = arrow::compute::take(keys.as_ref(), &indices, None)?;
        let values = arrow::compute::take(values.as_ref(), &indices, None)?;
        let out = map_from_ranges(&entries_field(k, v), &ranges, keys, values)?;
        Ok(ColumnarValue::Array(out))
    }
}

/// The key and value columns of map entries (all-NULL columns of the given types when
/// the map argument was an untyped NULL).
pub(crate) fn key_value_columns(
    entries: &Elements,
    k: &DataType,
    v: &DataType,
) -> Result<(arrow::array::ArrayRef, arrow::array::ArrayRef)> {
    if entries.len() == 0 {
        return Ok((
            arrow::array::new_empty_array(k),
            arrow::array::new_empty_array(v),
        ));
    }
    Ok((entries.keys()?, entries.map_values()?))
}
