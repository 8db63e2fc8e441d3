//! `slice(array, start, length)` with Trino's semantics (DataFusion's `array_slice`
//! takes an end index, not a length).

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `slice`: `length` elements of an array from `start` (1-based; negative counts
    /// from the end).
    pub struct Slice;
}

fn is_int(t: &DataType) -> bool {
    t.is_null() || t.is_integer()
}

impl ScalarUDFImpl for Slice {
    fn name(&self) -> &str {
        "slice"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, s, l] if is_list_or_null(a) && is_int(s) && is_int(l) => {
                Ok(vec![a.clone(), DataType::Int64, DataType::Int64])
            }
            _ => Err(unexpected_parameters(
                "slice",
                arg_types,
                &["slice(array(E), bigint, bigint)"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(element_type(&arg_types[0])))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let mut out = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let (Some(range), Some(start), Some(length)) =
                (lists.range(r), rows.i64(1, r), rows.i64(2, r))
            else {
                out.push(None);
                continue;
            };
            if length < 0 {
                return exec_err!("length must be greater than or equal to 0");
            }
            if start == 0 {
                return exec_err!("SQL array indices start at 1");
            }
            let size = i64::try_from(range.len()).unwrap_or(i64::MAX);
            let from = if start < 0 { size + start + 1 } else { start };
            if from <= 0 || from > size {
                out.push(Some(Vec::new()));
                continue;
            }
            let to = from.saturating_add(length).min(size + 1);
            let skip = usize::try_from(from - 1).unwrap_or(0);
            let take = usize::try_from(to - from).unwrap_or(0);
            out.push(Some(range.skip(skip).take(take).map(Some).collect()));
        }
        rows.finish(take_lists(lists.values(), &out)?)
    }

    documented!(
        "Array Functions",
        "slice(array, start, length)",
        "Subsets array starting from index start (or starting from the end if start is negative) with a length of length.",
        "SELECT slice(ARRAY[1, 2, 3, 4], -3, 2); -- [2, 3]"
    );
}
