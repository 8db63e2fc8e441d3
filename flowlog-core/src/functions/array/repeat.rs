//! `repeat(element, count)`: an array of `count` copies of `element` (Trino has no string
//! `repeat`; DataFusion's repeats a string).

use arrow::array::{Array, AsArray};
use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, list_of, take_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

/// Trino's limit on the length of a `repeat` result.
const MAX_ENTRIES: i64 = 10_000;

/// Trino's limit on the size of a `repeat` result.
const MAX_BYTES: u64 = 1_000_000;

scalar_udf! {
    /// `repeat`: `element` repeated `count` times.
    pub struct Repeat;
}

/// An estimate of the bytes element `row` of `values` takes, as Trino counts them for
/// strings (their length) and arrays (about nine bytes an element).
fn estimated_size(values: &dyn Array, row: usize) -> Result<u64> {
    if values.is_null(row) {
        return Ok(0);
    }
    Ok(match values.data_type() {
        DataType::Utf8 => values.as_string::<i32>().value(row).len() as u64,
        DataType::LargeUtf8 => values.as_string::<i64>().value(row).len() as u64,
        DataType::Utf8View => values.as_string_view().value(row).len() as u64,
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _) => {
            let slice = values.slice(row, 1);
            let lists = Lists::new(&slice)?;
            lists.range(0).map_or(0, |r| r.len() as u64 * 9)
        }
        _ => 0,
    })
}

impl ScalarUDFImpl for Repeat {
    fn name(&self) -> &str {
        "repeat"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [e, n] if n.is_null() || n.is_integer() => Ok(vec![e.clone(), DataType::Int64]),
            _ => Err(unexpected_parameters(
                "repeat",
                arg_types,
                &["repeat(T, bigint)"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(arg_types[0].clone()))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let element = rows.array(0);
        let mut out = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let Some(count) = rows.i64(1, r) else {
                out.push(None);
                continue;
            };
            if count < 0 {
                return exec_err!(
                    "count argument of repeat function must be greater than or equal to 0"
                );
            }
            if count > MAX_ENTRIES {
                return exec_err!(
                    "count argument of repeat function must be less than or equal to {MAX_ENTRIES}"
                );
            }
            let count = usize::try_from(count).unwrap_or(0);
            if estimated_size(element.as_ref(), r)?.saturating_mul(count as u64) > MAX_BYTES {
                return exec_err!(
                    "result of repeat function must not take more than {MAX_BYTES} bytes"
                );
            }
            let position = if element.is_null(r) { None } else { Some(r) };
            out.push(Some(vec![position; count]));
        }
        rows.finish(take_lists(element, &out)?)
    }

    documented!(
        "Array Functions",
        "repeat(element, count)",
        "Repeat element for count times.",
        "SELECT repeat('x', 3); -- [x, x, x]"
    );
}
