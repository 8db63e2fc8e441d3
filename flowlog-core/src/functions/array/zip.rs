//! `zip(array1, array2[, …])`: the arrays merged element-wise into an array of rows.
//!
//! ```text
//! zip(ARRAY[1, 2], ARRAY['a'])  ──►  [{field0=1, field1=a}, {field0=2, field1=NULL}]
//! ```
//!
//! The rows are anonymous (fields `c0`, `c1`, … as `ROW(…)` names them); a shorter array
//! is padded with NULLs to the longest; a NULL array makes the result NULL. Trino takes
//! two to five arrays.

use std::sync::Arc;

use arrow::array::{ArrayRef, StructArray};
use arrow::datatypes::{DataType, Field, Fields};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

/// The fewest and the most arrays `zip` takes (Trino's limits).
const ARITY: std::ops::RangeInclusive<usize> = 2..=5;

scalar_udf! {
    /// `zip`: merges arrays element-wise into an array of rows.
    pub struct Zip;
}

/// The row type of the result's elements: one anonymous field per array.
fn row_fields(arg_types: &[DataType]) -> Fields {
    arg_types
        .iter()
        .enumerate()
        .map(|(i, t)| Field::new(format!("c{i}"), element_type(t), true))
        .collect()
}

impl ScalarUDFImpl for Zip {
    fn name(&self) -> &str {
        "zip"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if ARITY.contains(&arg_types.len()) && arg_types.iter().all(is_list_or_null) {
            return Ok(arg_types.to_vec());
        }
        Err(unexpected_parameters(
            "zip",
            arg_types,
            &[
                "zip(array(T1), array(T2))",
                "zip(array(T1), array(T2), array(T3))",
                "zip(array(T1), array(T2), array(T3), array(T4))",
                "zip(array(T1), array(T2), array(T3), array(T4), array(T5))",
            ],
        ))
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(DataType::Struct(row_fields(arg_types))))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let types: Vec<DataType> = args
            .arg_fields
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        let lists = (0..types.len())
            .map(|i| Lists::new(rows.array(i)))
            .collect::<Result<Vec<_>>>()?;
        // Per result row: the positions of each array's elements, padded with NULLs.
        let mut per_array: Vec<Vec<Option<Vec<Option<usize>>>>> =
            vec![Vec::with_capacity(rows.len()); lists.len()];
        let mut valid = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let ranges: Option<Vec<_>> = lists.iter().map(|l| l.range(r)).collect();
            let Some(ranges) = ranges else {
                valid.push(false);
                per_array.iter_mut().for_each(|p| p.push(Some(Vec::new())));
                continue;
            };
            valid.push(true);
            let longest = ranges.iter().map(|r| r.len()).max().unwrap_or(0);
            for (positions, range) in per_array.iter_mut().zip(&ranges) {
                let padded = (0..longest)
                    .map(|k| (k < range.len()).then(|| range.start + k))
                    .collect();
                positions.push(Some(padded));
            }
        }
        // One list per array with equal offsets; their values become the rows' fields.
        let columns = lists
            .iter()
            .zip(&per_array)
            .map(|(l, positions)| take_lists(l.values(), positions))
            .collect::<Result<Vec<ArrayRef>>>()?;
        let offsets = columns[0]
            .as_any()
            .downcast_ref::<arrow::array::ListArray>();
        let Some(first) = offsets else {
            return datafusion::common::exec_err!("zip: unexpected list layout");
        };
        let fields = row_fields(&types);
        let values = columns
            .iter()
            .map(|c| {
                c.as_any()
                    .downcast_ref::<arrow::array::ListArray>()
                    .map(|l| Arc::clone(l.values()))
            })
            .collect::<Option<Vec<ArrayRef>>>()
            .unwrap_or_default();
        let elements = StructArray::try_new(fields.clone(), values, None)?;
        let out = arrow::array::ListArray::try_new(
            Arc::new(Field::new_list_field(DataType::Struct(fields), true)),
            first.offsets().clone(),
            Arc::new(elements),
            Some(arrow::buffer::NullBuffer::from(valid)),
        )?;
        rows.finish(Arc::new(out))
    }

    documented!(
        "Array Functions",
        "zip(array1, array2[, ...])",
        "Pairs up the elements of two to five arrays by position: element i of the result is a row whose fields are element i of each array, NULL where an array is shorter than the longest.",
        "SELECT zip(ARRAY[1, 2], ARRAY['x']); -- [{field0=1, field1=x}, {field0=2, field1=NULL}]"
    );
}
