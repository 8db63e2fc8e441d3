//! `array_histogram(array)`: a map from each distinct non-NULL element to the number of
//! times it occurs, keys in order of first occurrence.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Int64Array, MapArray, StructArray, UInt64Array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::{DataType, Field, Fields};
use arrow::row::OwnedRow;
use datafusion::common::{exec_datafusion_err, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_keys, element_type, is_list_or_null, null_at};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `array_histogram`: occurrences of each element (NULLs ignored).
    pub struct ArrayHistogram;
}

/// The entries field of a `map(key, bigint)`, as DataFusion's map functions build it.
fn entries(key: DataType) -> Arc<Field> {
    let fields = Fields::from(vec![
        Field::new("key", key, false),
        Field::new("value", DataType::Int64, true),
    ]);
    Arc::new(Field::new("entries", DataType::Struct(fields), false))
}

impl ScalarUDFImpl for ArrayHistogram {
    fn name(&self) -> &str {
        "array_histogram"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a] if is_list_or_null(a) => Ok(vec![a.clone()]),
            _ => Err(unexpected_parameters(
                "array_histogram",
                arg_types,
                &["array_histogram(array(T))"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Map(entries(element_type(&arg_types[0])), false))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let values = lists.values();
        let keys = element_keys(&[values])?.remove(0);
        let mut positions: Vec<u64> = Vec::new();
        let mut counts: Vec<i64> = Vec::new();
        let mut offsets = vec![0_i32];
        let mut valid = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let range = lists.range(r);
            valid.push(range.is_some());
            let mut seen: HashMap<&OwnedRow, usize> = HashMap::new();
            for i in range.into_iter().flatten() {
                if null_at(values.as_ref(), i) {
                    continue;
                }
                match seen.get(&keys[i]) {
                    Some(&slot) => counts[slot] += 1,
                    None => {
                        seen.insert(&keys[i], counts.len());
                        positions.push(i as u64);
                        counts.push(1);
                    }
                }
            }
            offsets.push(
                i32::try_from(counts.len()).map_err(|_| exec_datafusion_err!("map too large"))?,
            );
        }
        let key_values: ArrayRef =
            arrow::compute::take(values.as_ref(), &UInt64Array::from(positions), None)?;
        let field = entries(values.data_type().clone());
        let fields = match field.data_type() {
            DataType::Struct(fields) => fields.clone(),
            other => return exec_err!("array_histogram: unexpected entries type {other}"),
        };
        let entries = StructArray::try_new(
            fields,
            vec![key_values, Arc::new(Int64Array::from(counts))],
            None,
        )?;
        let map = MapArray::try_new(
            field,
            OffsetBuffer::new(offsets.into()),
            entries,
            Some(NullBuffer::from(valid)),
            false,
        )?;
        rows.finish(Arc::new(map))
    }

    documented!(
        "Array Functions",
        "array_histogram(x)",
        "Returns a map where the keys are the unique elements in the input array x and the values are the number of times that each element appears in x. Null values are ignored.",
        "SELECT array_histogram(ARRAY[42, 7, 42]); -- {42=2, 7=1}"
    );
}
