//! `trim_array(array, n)`: the array without its last `n` elements.

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `trim_array`: removes `n` elements from the end of an array.
    pub struct TrimArray;
}

impl ScalarUDFImpl for TrimArray {
    fn name(&self) -> &str {
        "trim_array"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, n] if is_list_or_null(a) && (n.is_null() || n.is_integer()) => {
                Ok(vec![a.clone(), DataType::Int64])
            }
            _ => Err(unexpected_parameters(
                "trim_array",
                arg_types,
                &["trim_array(array(E), bigint)"],
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
            let (Some(range), Some(n)) = (lists.range(r), rows.i64(1, r)) else {
                out.push(None);
                continue;
            };
            let len = range.len();
            if n < 0 {
                return exec_err!("size must not be negative: {n}");
            }
            let Some(keep) = usize::try_from(n).ok().and_then(|n| len.checked_sub(n)) else {
                return exec_err!("size must not exceed array cardinality {len}: {n}");
            };
            out.push(Some(range.take(keep).map(Some).collect()));
        }
        rows.finish(take_lists(lists.values(), &out)?)
    }

    documented!(
        "Array Functions",
        "trim_array(array, n)",
        "Removes n elements from the end of array.",
        "SELECT trim_array(ARRAY[1, 2, 3, 4], 1); -- [1, 2, 3]"
    );
}
