//! The elements of array and map arguments gathered into one column, so a lambda body is
//! evaluated once per call over every element of every row, and the results are cut
//! back into one array (or map) per row.
//!
//! ```text
//! a = [[1, 2], NULL, [3]]  ──Elements::of_list──►  values [1, 2, 3], rows [0, 0, 2]
//! x -> x * 10 over values  ──────────────────────►  [10, 20, 30]
//! Elements::list_of(results)  ───────────────────►  [[10, 20], NULL, [30]]
//! ```

use std::ops::Range;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, ListArray, MapArray, StructArray, UInt32Array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::compute::take_arrays;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{exec_datafusion_err, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::LambdaArgument;

use crate::functions::array::lists::Lists;

/// Every element of every non-NULL array (or map entry) of an argument, row after row.
#[derive(Debug)]
pub(crate) struct Elements {
    /// The elements (for a map, its entries as `{key, value}` structs).
    pub(crate) values: ArrayRef,
    /// The row each element belongs to, to line captured columns up with the elements.
    pub(crate) rows: UInt32Array,
    /// Each row's elements in [`Self::values`]; `None` for a NULL array or map.
    pub(crate) ranges: Vec<Option<Range<usize>>>,
}

impl Elements {
    /// The elements of an array argument (any list type, or an untyped NULL).
    pub(crate) fn of_list(array: &ArrayRef) -> Result<Self> {
        let lists = Lists::new(array)?;
        let ranges = (0..array.len()).map(|r| lists.range(r)).collect();
        Self::gather(lists.values(), ranges)
    }

    /// The entries of a map argument, as `{key, value}` structs.
    pub(crate) fn of_map(array: &ArrayRef) -> Result<Self> {
        if array.data_type().is_null() {
            let entries = Arc::new(StructArray::new_empty_fields(0, None)) as ArrayRef;
            return Self::gather(&entries, vec![None; array.len()]);
        }
        let DataType::Map(_, _) = array.data_type() else {
            return exec_err!("expected a map, got {}", array.data_type());
        };
        let map = array.as_map();
        let offsets = map.value_offsets();
        let ranges = (0..map.len())
            .map(|r| {
                (!map.is_null(r)).then(|| {
                    let start = usize::try_from(offsets[r]).unwrap_or(0);
                    start..usize::try_from(offsets[r + 1]).unwrap_or(start)
                })
            })
            .collect();
        let entries = Arc::new(map.entries().clone()) as ArrayRef;
        Self::gather(&entries, ranges)
    }

    /// Keep only the values the ranges cover (not those behind NULL rows or sliced off),
    /// contiguous and in row order.
    fn gather(all: &ArrayRef, ranges: Vec<Option<Range<usize>>>) -> Result<Self> {
        let mut indices = Vec::new();
        let mut rows = Vec::new();
        let mut compact = Vec::with_capacity(ranges.len());
        for (row, range) in ranges.into_iter().enumerate() {
            let Some(range) = range else {
                compact.push(None);
                continue;
            };
            let start = indices.len();
            for i in range {
                indices.push(index(i)?);
                rows.push(index(row)?);
            }
            compact.push(Some(start..indices.len()));
        }
        let values = arrow::compute::take(all.as_ref(), &UInt32Array::from(indices), None)?;
        Ok(Self {
            values,
            rows: UInt32Array::from(rows),
            ranges: compact,
        })
    }

    /// The number of elements.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// The key column of map entries.
    pub(crate) fn keys(&self) -> Result<ArrayRef> {
        self.entry_column(0)
    }

    /// The value column of map entries.
    pub(crate) fn map_values(&self) -> Result<ArrayRef> {
        self.entry_column(1)
    }

    fn entry_column(&self, i: usize) -> Result<ArrayRef> {
        let entries = self
            .values
            .as_struct_opt()
            .ok_or_else(|| exec_datafusion_err!("expected map entries"))?;
        entries
            .columns()
            .get(i)
            .cloned()
            .ok_or_else(|| exec_datafusion_err!("expected map entries"))
    }

    /// One array per row made of `results` (one per element, in element order), NULL
    /// where the argument was NULL.
    pub(crate) fn list_of(&self, results: ArrayRef) -> Result<ArrayRef> {
        list_from_ranges(&self.ranges, results)
    }
}

/// A row or element index as Arrow's `take` wants it.
pub(crate) fn index(i: usize) -> Result<u32> {
    u32::try_from(i).map_err(|_| exec_datafusion_err!("array result too large"))
}

/// An array per row, each the given contiguous range of `values` (`None`: a NULL array).
pub(crate) fn list_from_ranges(
    ranges: &[Option<Range<usize>>],
    values: ArrayRef,
) -> Result<ArrayRef> {
    let mut offsets = Vec::with_capacity(ranges.len() + 1);
    offsets.push(0i32);
    let mut end = 0i32;
    for range in ranges {
        if let Some(range) = range {
            end = end
                .checked_add(i32::try_from(range.len()).map_err(|_| too_large())?)
                .ok_or_else(too_large)?;
        }
        offsets.push(end);
    }
    let nulls = NullBuffer::from(ranges.iter().map(Option::is_some).collect::<Vec<_>>());
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    Ok(Arc::new(ListArray::try_new(
        field,
        OffsetBuffer::new(offsets.into()),
        values,
        Some(nulls),
    )?))
}

/// A map per row whose entries are the given contiguous ranges of `keys` and `values`.
pub(crate) fn map_from_ranges(
    entries_field: &FieldRef,
    ranges: &[Option<Range<usize>>],
    keys: ArrayRef,
    values: ArrayRef,
) -> Result<ArrayRef> {
    let DataType::Struct(fields) = entries_field.data_type() else {
        return exec_err!("expected map entries, got {}", entries_field.data_type());
    };
    let entries = StructArray::try_new(fields.clone(), vec![keys, values], None)?;
    let list = list_from_ranges(ranges, Arc::new(entries))?;
    let list = list.as_list::<i32>();
    Ok(Arc::new(MapArray::try_new(
        Arc::clone(entries_field),
        list.offsets().clone(),
        list.values().as_struct().clone(),
        list.nulls().cloned(),
        false,
    )?))
}

fn too_large() -> datafusion::error::DataFusionError {
    exec_datafusion_err!("array result too large")
}

/// Evaluate `lambda` once over all elements: parameter `i` takes `params[i]` (each one
/// value per element), captured columns are repeated to the element of each row
/// (`rows`: the row of each element).
pub(crate) fn call(
    lambda: &LambdaArgument,
    params: &[ArrayRef],
    rows: &UInt32Array,
) -> Result<ArrayRef> {
    let closures: Vec<Box<dyn Fn() -> Result<ArrayRef>>> = params
        .iter()
        .map(|p| {
            let p = Arc::clone(p);
            Box::new(move || Ok(Arc::clone(&p))) as Box<dyn Fn() -> Result<ArrayRef>>
        })
        .collect();
    let refs: Vec<&dyn Fn() -> Result<ArrayRef>> = closures.iter().map(|c| c.as_ref()).collect();
    let n = rows.len();
    lambda
        .evaluate(&refs, |captured| Ok(take_arrays(captured, rows, None)?))?
        .into_array(n)
}
