//! `array_position(array, element)`: the 1-based position of the first occurrence of
//! `element`, 0 if absent, NULL if `element` is NULL (DataFusion's answers NULL when
//! absent and finds NULL elements).

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_keys, null_at};
use crate::functions::support::{Rows, bigints, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `array_position`: where an element first occurs in an array.
    pub struct ArrayPosition;
}

impl ScalarUDFImpl for ArrayPosition {
    fn name(&self) -> &str {
        "array_position"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, e] if super::lists::is_list_or_null(a) => {
                super::contains::coerce(a, e).ok_or_else(|| {
                    unexpected_parameters(
                        "array_position",
                        arg_types,
                        &["array_position(array(T), T)"],
                    )
                })
            }
            _ => Err(unexpected_parameters(
                "array_position",
                arg_types,
                &["array_position(array(T), T)"],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let needles = rows.array(1);
        let keys = element_keys(&[lists.values(), needles])?;
        bigints(&rows, |r| {
            let Some(range) = lists.range(r) else {
                return Ok(None);
            };
            if null_at(needles.as_ref(), r) {
                return Ok(None);
            }
            let start = range.start;
            Ok(Some(
                range
                    .filter(|&i| !null_at(lists.values().as_ref(), i))
                    .find(|&i| keys[0][i] == keys[1][r])
                    .map_or(0, |i| (i - start + 1) as i64),
            ))
        })
    }

    documented!(
        "Array Functions",
        "array_position(x, element)",
        "Returns the position of the first occurrence of the element in array x (or 0 if not found).",
        "SELECT array_position(ARRAY[10, 20, 30], 30); -- 3"
    );
}
