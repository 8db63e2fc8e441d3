//! `array_sort(array)`: the elements in ascending order, NULLs last (DataFusion's puts
//! NULLs first).

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{
    Lists, element_keys, element_type, is_list_or_null, list_of, null_at, take_lists,
};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `array_sort`: an array sorted ascending, NULL elements last.
    pub struct ArraySort;
}

impl ScalarUDFImpl for ArraySort {
    fn name(&self) -> &str {
        "array_sort"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a] if is_list_or_null(a) => Ok(vec![a.clone()]),
            _ => Err(unexpected_parameters(
                "array_sort",
                arg_types,
                &["array_sort(array(E))"],
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
        let keys = element_keys(&[values])?.remove(0);
        let out: Vec<Option<Vec<Option<usize>>>> = (0..rows.len())
            .map(|r| {
                lists.range(r).map(|range| {
                    let mut items: Vec<usize> = range.collect();
                    items.sort_by(|&x, &y| {
                        let (nx, ny) = (null_at(values.as_ref(), x), null_at(values.as_ref(), y));
                        nx.cmp(&ny).then_with(|| keys[x].cmp(&keys[y]))
                    });
                    items.into_iter().map(Some).collect()
                })
            })
            .collect();
        rows.finish(take_lists(values, &out)?)
    }

    documented!(
        "Array Functions",
        "array_sort(x)",
        "Sorts and returns the array x. The elements of x must be orderable. Null elements will be placed at the end of the returned array.",
        "SELECT array_sort(ARRAY[3, NULL, 1]); -- [1, 3, NULL]"
    );
}
