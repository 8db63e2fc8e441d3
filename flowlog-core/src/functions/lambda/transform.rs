//! `transform(a, x -> y)` and `filter(a, x -> b)`: the lambda over every element.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, UInt32Array};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{Elements, call, index, list_from_ranges};
use super::{
    Invocation, higher_order_udf, lambda_fields, parameters, split_fields, wrong_arguments,
};
use crate::functions::array::lists::{element_type, is_list_or_null, list_of};

/// The coerced type of a one-array call (`name(array(T), function(T, …))`).
pub(crate) fn coerce_one_list(
    name: &str,
    arg_types: &[DataType],
    expected: &str,
) -> Result<Vec<DataType>> {
    match arg_types {
        [a] if is_list_or_null(a) => Ok(vec![list_of(element_type(a))]),
        _ => Err(wrong_arguments(name, arg_types, expected)),
    }
}

/// The element parameter of a one-array call's lambda.
pub(crate) fn element_parameter(
    name: &str,
    fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
) -> Result<LambdaParametersProgress> {
    let values = split_fields(name, fields, 1, 1)?;
    Ok(parameters(vec![vec![element_type(values[0].data_type())]]))
}

higher_order_udf! {
    /// `transform(array(T), function(T, U))`: the array of the lambda's results.
    pub struct Transform;
}

impl HigherOrderUDFImpl for Transform {
    fn name(&self) -> &str {
        "transform"
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_one_list(self.name(), arg_types, "transform(array(T), function(T,U))")
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        element_parameter(self.name(), fields)
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let out = lambda_fields(args.arg_fields);
        let element = out
            .first()
            .map_or(DataType::Null, |f| f.data_type().clone());
        Ok(Arc::new(Field::new("", list_of(element), true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let elements = Elements::of_list(&call_args.values[0])?;
        let results = call(
            call_args.lambdas[0],
            &[Arc::clone(&elements.values)],
            &elements.rows,
        )?;
        let results = cast_to(results, args.return_type())?;
        Ok(ColumnarValue::Array(elements.list_of(results)?))
    }
}

/// `results` as the element type of the list type `list` (a body typed NULL in some rows
/// may come back as an untyped NULL array).
pub(crate) fn cast_to(results: ArrayRef, list: &DataType) -> Result<ArrayRef> {
    let element = element_type(list);
    if results.data_type() == &element {
        return Ok(results);
    }
    Ok(arrow::compute::cast(&results, &element)?)
}

higher_order_udf! {
    /// `filter(array(T), function(T, boolean))`: the elements for which the lambda is true.
    pub struct Filter;
}

impl HigherOrderUDFImpl for Filter {
    fn name(&self) -> &str {
        "filter"
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_one_list(
            self.name(),
            arg_types,
            "filter(array(T), function(T,boolean))",
        )
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        element_parameter(self.name(), fields)
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let values = split_fields(self.name(), args.arg_fields, 1, 1)?;
        Ok(Arc::new(Field::new(
            "",
            list_of(element_type(values[0].data_type())),
            true,
        )))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let elements = Elements::of_list(&call_args.values[0])?;
        let keep = call(
            call_args.lambdas[0],
            &[Arc::clone(&elements.values)],
            &elements.rows,
        )?;
        let keep = predicate(self.name(), &keep)?;
        let mut indices = Vec::new();
        let ranges = elements
            .ranges
            .iter()
            .map(|range| {
                let range = range.clone()?;
                let start = indices.len();
                for i in range {
                    if keep.is_valid(i) && keep.value(i) {
                        indices.push(i);
                    }
                }
                Some(start..indices.len())
            })
            .collect::<Vec<_>>();
        let indices = indices
            .into_iter()
            .map(index)
            .collect::<Result<Vec<u32>>>()?;
        let kept =
            arrow::compute::take(elements.values.as_ref(), &UInt32Array::from(indices), None)?;
        Ok(ColumnarValue::Array(list_from_ranges(&ranges, kept)?))
    }
}

/// A lambda's results as booleans (an untyped NULL result is all NULLs).
pub(crate) fn predicate(name: &str, results: &ArrayRef) -> Result<arrow::array::BooleanArray> {
    match results.data_type() {
        DataType::Boolean => Ok(results.as_boolean().clone()),
        DataType::Null => Ok(arrow::array::BooleanArray::new_null(results.len())),
        other => exec_err!("{name}: the lambda must return boolean, not {other}"),
    }
}
