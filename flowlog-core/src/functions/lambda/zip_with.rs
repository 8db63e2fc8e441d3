//! `zip_with(a, b, (x, y) -> z)`: the lambda over the elements of two arrays pairwise,
//! the shorter array padded with NULLs.

use std::sync::Arc;

use arrow::array::UInt32Array;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{Elements, call, index, list_from_ranges};
use super::transform::cast_to;
use super::{
    Invocation, higher_order_udf, lambda_fields, parameters, split_fields, wrong_arguments,
};
use crate::functions::array::lists::{element_type, is_list_or_null, list_of};

higher_order_udf! {
    /// `zip_with(array(T), array(U), function(T, U, R))`: the array of the lambda's results.
    pub struct ZipWith;
}

impl HigherOrderUDFImpl for ZipWith {
    fn name(&self) -> &str {
        "zip_with"
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, b] if is_list_or_null(a) && is_list_or_null(b) => {
                Ok(vec![list_of(element_type(a)), list_of(element_type(b))])
            }
            _ => Err(wrong_arguments(
                self.name(),
                arg_types,
                "zip_with(array(T), array(U), function(T,U,R))",
            )),
        }
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let values = split_fields(self.name(), fields, 2, 1)?;
        Ok(parameters(vec![vec![
            element_type(values[0].data_type()),
            element_type(values[1].data_type()),
        ]]))
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
        let a = Elements::of_list(&call_args.values[0])?;
        let b = Elements::of_list(&call_args.values[1])?;
        let (mut xs, mut ys, mut rows, mut ranges) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (row, (ra, rb)) in a.ranges.iter().zip(&b.ranges).enumerate() {
            let (Some(ra), Some(rb)) = (ra, rb) else {
                ranges.push(None);
                continue;
            };
            let start = rows.len();
            for i in 0..ra.len().max(rb.len()) {
                xs.push((i < ra.len()).then(|| index(ra.start + i)).transpose()?);
                ys.push((i < rb.len()).then(|| index(rb.start + i)).transpose()?);
                rows.push(index(row)?);
            }
            ranges.push(Some(start..rows.len()));
        }
        let x = arrow::compute::take(a.values.as_ref(), &UInt32Array::from(xs), None)?;
        let y = arrow::compute::take(b.values.as_ref(), &UInt32Array::from(ys), None)?;
        let results = call(call_args.lambdas[0], &[x, y], &UInt32Array::from(rows))?;
        let results = cast_to(results, args.return_type())?;
        Ok(ColumnarValue::Array(list_from_ranges(&ranges, results)?))
    }
}
