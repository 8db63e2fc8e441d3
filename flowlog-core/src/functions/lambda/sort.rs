//! `array_sort(a, (x, y) -> c)`: each array sorted (stably) by a comparator lambda that
//! returns -1, 0 or 1.
//!
//! The comparator is evaluated once per call, over every pair of elements of every row,
//! later element first (`(a[j], a[i])` for `i < j`, the order Java's sort asks first);
//! `(a[i], a[j])` is taken as its negation. An answer other than -1, 0 or 1 is Trino's
//! error. Trino evaluates only the pairs its sort visits, so a comparator that fails
//! (a division by zero, say) on a pair Trino never compares fails here but not there.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, UInt32Array};
use arrow::datatypes::{DataType, Field, FieldRef, Int64Type};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{Elements, call, index, list_from_ranges};
use super::transform::coerce_one_list;
use super::{Invocation, higher_order_udf, parameters, split_fields};
use crate::functions::array::lists::{element_type, list_of};

/// The name the dialect gives `array_sort` calls with a lambda (the plain name is the
/// scalar function's).
pub const NAME: &str = "$array_sort_lambda";

const COMPARATOR_ERROR: &str = "Lambda comparator must return either -1, 0, or 1";

higher_order_udf! {
    /// `array_sort(array(T), function(T, T, integer))`.
    pub struct ArraySortLambda;
}

impl HigherOrderUDFImpl for ArraySortLambda {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce_one_list(
            "array_sort",
            arg_types,
            "array_sort(array(T), function(T,T,integer))",
        )
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        let values = split_fields("array_sort", fields, 1, 1)?;
        let element = element_type(values[0].data_type());
        Ok(parameters(vec![vec![element.clone(), element]]))
    }

    fn return_field_from_args(&self, args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        let values = split_fields("array_sort", args.arg_fields, 1, 1)?;
        Ok(Arc::new(Field::new(
            "",
            list_of(element_type(values[0].data_type())),
            true,
        )))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let elements = Elements::of_list(&call_args.values[0])?;
        // Every pair (later, earlier) of each row, and where its answer lands.
        let (mut later, mut earlier, mut rows, mut pair_start) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (row, range) in elements.ranges.iter().enumerate() {
            pair_start.push(later.len());
            if let Some(range) = range {
                for j in range.clone() {
                    for i in range.start..j {
                        later.push(index(j)?);
                        earlier.push(index(i)?);
                        rows.push(index(row)?);
                    }
                }
            }
        }
        let x = arrow::compute::take(elements.values.as_ref(), &UInt32Array::from(later), None)?;
        let y = arrow::compute::take(elements.values.as_ref(), &UInt32Array::from(earlier), None)?;
        let answers = call(call_args.lambdas[0], &[x, y], &UInt32Array::from(rows))?;
        let answers = comparisons(&answers)?;
        let mut order = Vec::with_capacity(elements.len());
        let mut ranges = Vec::with_capacity(elements.ranges.len());
        for (row, range) in elements.ranges.iter().enumerate() {
            let Some(range) = range else {
                ranges.push(None);
                continue;
            };
            let base = pair_start[row];
            let n = range.len();
            // The comparator's answer for local positions (a, b), a != b.
            let compare = |a: usize, b: usize| -> i8 {
                let (j, i, sign) = if a > b { (a, b, 1) } else { (b, a, -1) };
                sign * answers[base + j * (j - 1) / 2 + i]
            };
            let start = order.len();
            let sorted = merge_sort((0..n).collect(), &compare);
            order.extend(sorted.into_iter().map(|p| range.start + p));
            ranges.push(Some(start..order.len()));
        }
        let order = UInt32Array::from(order.into_iter().map(index).collect::<Result<Vec<_>>>()?);
        let values: ArrayRef = arrow::compute::take(elements.values.as_ref(), &order, None)?;
        Ok(ColumnarValue::Array(list_from_ranges(&ranges, values)?))
    }
}

/// The comparator's answers, each checked to be -1, 0 or 1.
fn comparisons(answers: &ArrayRef) -> Result<Vec<i8>> {
    if answers.is_empty() {
        return Ok(Vec::new());
    }
    let as_int = match answers.data_type() {
        DataType::Null => return exec_err!("{COMPARATOR_ERROR}"),
        t if t.is_integer() => arrow::compute::cast(answers, &DataType::Int64)?,
        other => {
            return exec_err!("array_sort: the comparator must return an integer, not {other}");
        }
    };
    let ints = as_int.as_primitive::<Int64Type>();
    (0..ints.len())
        .map(|i| match ints.is_valid(i).then(|| ints.value(i)) {
            Some(v @ -1..=1) => Ok(v as i8),
            _ => exec_err!("{COMPARATOR_ERROR}"),
        })
        .collect()
}

/// A stable merge sort of positions by `compare` (which need not be a total order: it
/// never panics, whatever the comparator answers).
fn merge_sort(items: Vec<usize>, compare: &impl Fn(usize, usize) -> i8) -> Vec<usize> {
    if items.len() <= 1 {
        return items;
    }
    let mut right = items;
    let left = right.drain(..right.len() / 2).collect();
    let (left, right) = (merge_sort(left, compare), merge_sort(right, compare));
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(&a), Some(&b)) = (l.peek(), r.peek()) {
        if compare(b, a) < 0 {
            out.push(b);
            r.next();
        } else {
            out.push(a);
            l.next();
        }
    }
    out.extend(l);
    out.extend(r);
    out
}
