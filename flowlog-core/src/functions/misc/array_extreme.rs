//! `array_min(x)` / `array_max(x)` as Trino answers them: NULL when any element is NULL
//! (`array_max(ARRAY[NULL, 2, 3])` is NULL), where DataFusion's skip NULL elements (3).
//! The smallest or largest element is DataFusion's; only NULL elements are handled here.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray};
use arrow::compute::nullif;
use arrow::datatypes::DataType;
use datafusion::common::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

/// `array_min` or `array_max`: DataFusion's, NULL for arrays holding a NULL.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ArrayExtreme {
    inner: Arc<ScalarUDF>,
}

impl ArrayExtreme {
    /// Trino's `array_min`.
    pub fn min() -> Self {
        Self {
            inner: datafusion::functions_nested::min_max::array_min_udf(),
        }
    }

    /// Trino's `array_max`.
    pub fn max() -> Self {
        Self {
            inner: datafusion::functions_nested::min_max::array_max_udf(),
        }
    }
}

impl ScalarUDFImpl for ArrayExtreme {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let arrays = args.args[0].to_array(rows)?;
        let holds_null = holds_null(&arrays);
        let result = self.inner.invoke_with_args(args)?.to_array(rows)?;
        let result: ArrayRef = nullif(&result, &holds_null)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(
                datafusion::common::ScalarValue::try_from_array(&result, 0)?,
            ));
        }
        Ok(ColumnarValue::Array(result))
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}

/// Per row: whether the array holds a NULL element.
fn holds_null(arrays: &ArrayRef) -> BooleanArray {
    let row = |values: ArrayRef| values.null_count() > 0;
    match arrays.data_type() {
        DataType::List(_) => {
            let list = arrays.as_list::<i32>();
            (0..list.len())
                .map(|i| Some(list.is_valid(i) && row(list.value(i))))
                .collect()
        }
        DataType::LargeList(_) => {
            let list = arrays.as_list::<i64>();
            (0..list.len())
                .map(|i| Some(list.is_valid(i) && row(list.value(i))))
                .collect()
        }
        _ => (0..arrays.len()).map(|_| Some(false)).collect(),
    }
}
