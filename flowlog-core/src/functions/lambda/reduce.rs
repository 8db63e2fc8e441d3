//! `reduce(a, s0, (s, x) -> s, s -> r)`: folds each array's elements into a state, left
//! to right, then finishes the state. The merge lambda is evaluated once per element
//! position (over every row that has an element there), the finish lambda once.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, UInt32Array, new_null_array};
use arrow::compute::interleave;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{Elements, call, index};
use super::{Invocation, higher_order_udf, lambda_fields, split_fields, wrong_arguments};
use crate::functions::array::lists::{element_type, is_list_or_null, list_of};

const EXPECTED: &str = "reduce(array(T), S, function(S,T,S), function(S,R))";

higher_order_udf! {
    /// `reduce(array(T), S, function(S, T, S), function(S, R))`: the finished fold.
    pub struct Reduce;
}

impl HigherOrderUDFImpl for Reduce {
    fn name(&self) -> &str {
        "reduce"
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, s] if is_list_or_null(a) => Ok(vec![list_of(element_type(a)), s.clone()]),
            _ => Err(wrong_arguments(self.name(), arg_types, EXPECTED)),
        }
    }

    /// First the merge lambda with the initial state's type; then, knowing what the merge
    /// lambda returns, the state takes that type (the initial state is cast to it).
    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let values = split_fields(self.name(), fields, 2, 2)?;
        let element = element_type(values[0].data_type());
        let merged = fields.iter().find_map(|f| match f {
            ValueOrLambda::Lambda(Some(out)) => Some(out.data_type().clone()),
            _ => None,
        });
        let field = |t: DataType| Arc::new(Field::new("", t, true));
        Ok(match merged {
            None => LambdaParametersProgress::Partial(vec![
                Some(vec![field(values[1].data_type().clone()), field(element)]),
                None,
            ]),
            Some(state) => LambdaParametersProgress::Complete(vec![
                vec![field(state.clone()), field(element)],
                vec![field(state)],
            ]),
        })
    }

    fn coerce_values_for_lambdas(
        &self,
        fields: &[ValueOrLambda<DataType, DataType>],
    ) -> Result<Option<Vec<DataType>>> {
        match fields {
            [
                ValueOrLambda::Value(a),
                ValueOrLambda::Value(_),
                ValueOrLambda::Lambda(state),
                ValueOrLambda::Lambda(_),
            ] => Ok(Some(vec![a.clone(), state.clone()])),
            _ => Ok(None),
        }
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let out = lambda_fields(args.arg_fields);
        let t = out.get(1).map_or(DataType::Null, |f| f.data_type().clone());
        Ok(Arc::new(Field::new("", t, true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let [merge, finish] = call_args.lambdas[..] else {
            return datafusion::common::exec_err!("reduce expects two lambdas");
        };
        let elements = Elements::of_list(&call_args.values[0])?;
        let mut states = Arc::clone(&call_args.values[1]);
        let state_type = states.data_type().clone();
        let longest = elements
            .ranges
            .iter()
            .flatten()
            .map(|r| r.len())
            .max()
            .unwrap_or(0);
        for k in 0..longest {
            let mut rows = Vec::new();
            let mut items = Vec::new();
            for (row, range) in elements.ranges.iter().enumerate() {
                if let Some(range) = range
                    && k < range.len()
                {
                    rows.push(index(row)?);
                    items.push(index(range.start + k)?);
                }
            }
            let rows = UInt32Array::from(rows);
            let s = arrow::compute::take(states.as_ref(), &rows, None)?;
            let x =
                arrow::compute::take(elements.values.as_ref(), &UInt32Array::from(items), None)?;
            let merged = cast(call(merge, &[s, x], &rows)?, &state_type)?;
            // The new states: the merged ones on the rows that had an element at k.
            let mut pick: Vec<(usize, usize)> = (0..states.len()).map(|r| (0, r)).collect();
            for (j, row) in rows.values().iter().enumerate() {
                pick[*row as usize] = (1, j);
            }
            states = interleave(&[states.as_ref(), merged.as_ref()], &pick)?;
        }
        let valid: Vec<u32> = elements
            .ranges
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_some())
            .map(|(row, _)| index(row))
            .collect::<Result<_>>()?;
        let valid = UInt32Array::from(valid);
        let s = arrow::compute::take(states.as_ref(), &valid, None)?;
        let finished = cast(call(finish, &[s], &valid)?, args.return_type())?;
        // NULL for a NULL array.
        let mut position = 0u32;
        let spread: UInt32Array = elements
            .ranges
            .iter()
            .map(|r| {
                r.as_ref().map(|_| {
                    position += 1;
                    position - 1
                })
            })
            .collect();
        if finished.is_empty() {
            return Ok(ColumnarValue::Array(new_null_array(
                args.return_type(),
                spread.len(),
            )));
        }
        Ok(ColumnarValue::Array(arrow::compute::take(
            finished.as_ref(),
            &spread,
            None,
        )?))
    }
}

fn cast(array: ArrayRef, to: &DataType) -> Result<ArrayRef> {
    if array.data_type() == to {
        return Ok(array);
    }
    Ok(arrow::compute::cast(&array, to)?)
}
