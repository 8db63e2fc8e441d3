//! `reverse(x)`: a string with its characters in reverse order (DataFusion's), or an
//! array with its elements in reverse order (DataFusion's `reverse` rejects arrays).

use std::sync::Arc;

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `reverse`: a string or an array, reversed.
    pub struct Reverse;
}

fn string_reverse() -> Arc<ScalarUDF> {
    datafusion::functions::unicode::reverse()
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

impl ScalarUDFImpl for Reverse {
    fn name(&self) -> &str {
        "reverse"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) || t.is_null() => Ok(vec![DataType::Utf8]),
            [t] if is_list_or_null(t) => Ok(vec![t.clone()]),
            _ => Err(unexpected_parameters(
                "reverse",
                arg_types,
                &[
                    "reverse(varchar)",
                    "reverse(varbinary)",
                    "reverse(array(E))",
                ],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first() {
            Some(t) if is_list_or_null(t) && !t.is_null() => Ok(list_of(element_type(t))),
            _ => Ok(DataType::Utf8),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if !matches!(
            args.arg_fields[0].data_type(),
            DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _)
        ) {
            return string_reverse().invoke_with_args(args);
        }
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let out: Vec<Option<Vec<Option<usize>>>> = (0..rows.len())
            .map(|r| lists.range(r).map(|range| range.rev().map(Some).collect()))
            .collect();
        rows.finish(take_lists(lists.values(), &out)?)
    }

    documented!(
        "String Functions",
        "reverse(string), reverse(array)",
        "Returns string with the characters in reverse order, or array with its elements in reverse order.",
        "SELECT reverse(ARRAY[1, 2, 3]); -- [3, 2, 1]"
    );
}
