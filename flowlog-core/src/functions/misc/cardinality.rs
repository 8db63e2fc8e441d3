//! `cardinality(x)`: the number of elements of an array or entries of a map, as Trino
//! counts them: the outer array only (`cardinality(ARRAY[ARRAY[1, 2], ARRAY[3]])` is 2,
//! where DataFusion's own `cardinality` counts every nested element, 3).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int64Builder};
use arrow::datatypes::DataType;
use datafusion::common::{Result, plan_err};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::functions::support::{documented, unexpected_parameters};

/// `cardinality(array)` / `cardinality(map)` → BIGINT.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Cardinality {
    signature: Signature,
}

impl Cardinality {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::any(1, Volatility::Immutable),
        }
    }
}

impl Default for Cardinality {
    fn default() -> Self {
        Self::new()
    }
}

impl ScalarUDFImpl for Cardinality {
    fn name(&self) -> &str {
        "cardinality"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [
                DataType::List(_)
                | DataType::LargeList(_)
                | DataType::FixedSizeList(..)
                | DataType::Map(..)
                | DataType::Null,
            ] => Ok(DataType::Int64),
            [_] => Err(unexpected_parameters(
                "cardinality",
                arg_types,
                &["cardinality(array(E))", "cardinality(map(K,V))"],
            )),
            _ => plan_err!("cardinality takes one argument, got {}", arg_types.len()),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let array = args.args[0].to_array(rows)?;
        let lengths: Vec<Option<i64>> = match array.data_type() {
            DataType::List(_) => {
                let list = array.as_list::<i32>();
                (0..list.len())
                    .map(|i| list.is_valid(i).then(|| list.value_length(i) as i64))
                    .collect()
            }
            DataType::LargeList(_) => {
                let list = array.as_list::<i64>();
                (0..list.len())
                    .map(|i| list.is_valid(i).then(|| list.value_length(i)))
                    .collect()
            }
            DataType::FixedSizeList(_, n) => (0..array.len())
                .map(|i| array.is_valid(i).then_some(i64::from(*n)))
                .collect(),
            DataType::Map(..) => {
                let map = array.as_map();
                let offsets = map.value_offsets();
                (0..map.len())
                    .map(|i| {
                        map.is_valid(i)
                            .then(|| (offsets[i + 1] - offsets[i]) as i64)
                    })
                    .collect()
            }
            _ => vec![None; array.len()],
        };
        let mut builder = Int64Builder::with_capacity(lengths.len());
        builder.extend(lengths);
        let result: ArrayRef = Arc::new(builder.finish());
        Ok(ColumnarValue::Array(result))
    }

    documented!(
        "Array Functions",
        "cardinality(x)",
        "Returns the cardinality (size) of the array or map x.",
        "SELECT cardinality(split(srcaddr, '.')) FROM vpc_flow_logs; -- 4"
    );
}
