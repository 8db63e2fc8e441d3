//! `array_remove(array, element)`: the array without every element equal to `element`
//! (DataFusion's removes only the first).

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_keys, element_type, list_of, null_at, take_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `array_remove`: removes all occurrences of an element.
    pub struct ArrayRemove;
}

/// Whether element `i` is a floating-point NaN, which equals nothing (not even NaN).
fn is_nan(values: &dyn arrow::array::Array, i: usize) -> bool {
    use arrow::array::AsArray;
    match values.data_type() {
        DataType::Float64 => values
            .as_primitive::<arrow::datatypes::Float64Type>()
            .value(i)
            .is_nan(),
        DataType::Float32 => values
            .as_primitive::<arrow::datatypes::Float32Type>()
            .value(i)
            .is_nan(),
        _ => false,
    }
}

impl ScalarUDFImpl for ArrayRemove {
    fn name(&self) -> &str {
        "array_remove"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, e] if super::lists::is_list_or_null(a) => {
                super::contains::coerce(a, e).ok_or_else(|| {
                    unexpected_parameters("array_remove", arg_types, &["array_remove(array(E), E)"])
                })
            }
            _ => Err(unexpected_parameters(
                "array_remove",
                arg_types,
                &["array_remove(array(E), E)"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(element_type(&arg_types[0])))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let values = lists.values();
        let needles = rows.array(1);
        let keys = element_keys(&[values, needles])?;
        let out: Vec<Option<Vec<Option<usize>>>> = (0..rows.len())
            .map(|r| {
                let range = lists.range(r)?;
                if null_at(needles.as_ref(), r) {
                    return None;
                }
                Some(
                    range
                        .filter(|&i| {
                            null_at(values.as_ref(), i)
                                || is_nan(values.as_ref(), i)
                                || keys[0][i] != keys[1][r]
                        })
                        .map(Some)
                        .collect(),
                )
            })
            .collect();
        rows.finish(take_lists(values, &out)?)
    }

    documented!(
        "Array Functions",
        "array_remove(x, element)",
        "Remove all elements that equal element from array x.",
        "SELECT array_remove(ARRAY[1, 2, 1], 1); -- [2]"
    );
}
