//! `array_join(array, delimiter[, null_replacement])` with Trino's text for each element
//! (`CAST(x AS VARCHAR)`: timestamps `1970-01-01 00:00:01`, doubles `2.1E0`) and an empty
//! string for an array of NULLs; DataFusion's `array_to_string` answers NULL there and
//! writes timestamps in ISO form.

use arrow::array::AsArray;
use arrow::datatypes::{DataType, Float32Type, Float64Type};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_type, is_list_or_null, null_at};
use crate::functions::arithmetic::float_text::{double_text, real_text};
use crate::functions::support::{Rows, documented, scalar_udf, strings, unexpected_parameters};

scalar_udf! {
    /// `array_join`: the elements of an array as text, separated by `delimiter`.
    pub struct ArrayJoin;
}

fn is_text(t: &DataType) -> bool {
    t.is_null() || matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// Whether Trino can cast elements of type `t` to varchar (not arrays, maps or rows).
fn joinable(t: &DataType) -> bool {
    !matches!(
        t,
        DataType::List(_)
            | DataType::LargeList(_)
            | DataType::FixedSizeList(_, _)
            | DataType::Map(_, _)
            | DataType::Struct(_)
    )
}

/// Element `i` as Trino's `CAST(x AS VARCHAR)` writes it.
fn text(values: &dyn arrow::array::Array, i: usize) -> String {
    match values.data_type() {
        DataType::Float64 => double_text(values.as_primitive::<Float64Type>().value(i)),
        DataType::Float32 => real_text(values.as_primitive::<Float32Type>().value(i)),
        _ => crate::render::render_value(values, i).unwrap_or_default(),
    }
}

impl ScalarUDFImpl for ArrayJoin {
    fn name(&self) -> &str {
        "array_join"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, rest @ ..]
                if is_list_or_null(a)
                    && joinable(&element_type(a))
                    && matches!(rest.len(), 1 | 2)
                    && rest.iter().all(is_text) =>
            {
                let mut out = vec![a.clone()];
                out.extend(rest.iter().map(|_| DataType::Utf8));
                Ok(out)
            }
            _ => Err(unexpected_parameters(
                "array_join",
                arg_types,
                &[
                    "array_join(array(T), varchar)",
                    "array_join(array(T), varchar, varchar)",
                ],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let values = lists.values();
        let replace = args.args.len() == 3;
        strings(&rows, |r| {
            let (Some(range), Some(delimiter)) = (lists.range(r), rows.str(1, r)) else {
                return Ok(None);
            };
            let replacement = if replace {
                match rows.str(2, r) {
                    Some(s) => Some(s),
                    None => return Ok(None),
                }
            } else {
                None
            };
            let mut parts: Vec<String> = Vec::with_capacity(range.len());
            for i in range {
                if null_at(values.as_ref(), i) {
                    if let Some(s) = replacement {
                        parts.push(s.to_string());
                    }
                } else {
                    parts.push(text(values.as_ref(), i));
                }
            }
            Ok(Some(parts.join(delimiter)))
        })
    }

    documented!(
        "Array Functions",
        "array_join(x, delimiter[, null_replacement])",
        "Concatenates the elements of the given array using the delimiter and an optional string to replace nulls.",
        "SELECT array_join(ARRAY[1, NULL, 3], ',', 'N/A'); -- 1,N/A,3"
    );
}
