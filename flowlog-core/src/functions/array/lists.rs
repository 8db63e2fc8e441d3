//! Row-wise access to array arguments and builders for array results, shared by the
//! array functions: a result is described per row as positions in the argument's
//! element values, and the elements are gathered with one `take`.
//!
//! ```text
//! ARRAY[[10, 20], NULL, [30]]  ──Lists──►  values [10, 20, 30], rows 0..2, NULL, 2..3
//! rows [Some([1, 0]), None]    ──take_lists──►  [[20, 10], NULL]
//! ```

use std::ops::Range;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, ListArray, UInt64Array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::{DataType, Field};
use arrow::row::{OwnedRow, RowConverter, SortField};
use datafusion::common::{exec_datafusion_err, exec_err};
use datafusion::error::Result;

/// Whether `t` is an array type (or the type of an untyped NULL, which any array accepts).
pub(crate) fn is_list_or_null(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Null | DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _)
    )
}

/// The element type of an array type (`unknown` for an untyped NULL).
pub(crate) fn element_type(t: &DataType) -> DataType {
    match t {
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            f.data_type().clone()
        }
        _ => DataType::Null,
    }
}

/// The type of an array of `element`, as every array function here builds it.
pub(crate) fn list_of(element: DataType) -> DataType {
    DataType::new_list(element, true)
}

/// An array argument, one row per result row.
#[derive(Debug)]
pub(crate) struct Lists {
    list: ListArray,
}

impl Lists {
    /// View `array` (any list type, or an untyped NULL) as a `List`.
    pub(crate) fn new(array: &ArrayRef) -> Result<Self> {
        let list = match array.data_type() {
            DataType::List(_) => array.as_list::<i32>().clone(),
            DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
                let target = DataType::List(Arc::clone(f));
                arrow::compute::cast(array, &target)?
                    .as_list::<i32>()
                    .clone()
            }
            DataType::Null => ListArray::new_null(
                Arc::new(Field::new_list_field(DataType::Null, true)),
                array.len(),
            ),
            other => return exec_err!("expected an array, got {other}"),
        };
        Ok(Self { list })
    }

    /// The arguments as one `List` array.
    pub(crate) fn list(&self) -> &ListArray {
        &self.list
    }

    /// All element values of all rows.
    pub(crate) fn values(&self) -> &ArrayRef {
        self.list.values()
    }

    /// The positions in [`Self::values`] of row `row`'s elements; `None` for a NULL array.
    pub(crate) fn range(&self, row: usize) -> Option<Range<usize>> {
        if self.list.is_null(row) {
            return None;
        }
        let offsets = self.list.value_offsets();
        // Offsets of a valid list are non-negative and increasing.
        let start = usize::try_from(offsets[row]).unwrap_or(0);
        let end = usize::try_from(offsets[row + 1]).unwrap_or(start);
        Some(start..end)
    }
}

/// Comparable keys of the element values of each of `arrays` (all of one type): two
/// elements are equal (NULL equal to NULL, as `IS NOT DISTINCT FROM`) exactly when their
/// keys are.
pub(crate) fn element_keys(arrays: &[&ArrayRef]) -> Result<Vec<Vec<OwnedRow>>> {
    let Some(first) = arrays.first() else {
        return Ok(Vec::new());
    };
    let converter = RowConverter::new(vec![SortField::new(first.data_type().clone())])?;
    arrays
        .iter()
        .map(|a| {
            let rows = converter.convert_columns(std::slice::from_ref(*a))?;
            Ok(rows.iter().map(|r| r.owned()).collect())
        })
        .collect()
}

fn offset(n: usize) -> Result<i32> {
    i32::try_from(n).map_err(|_| exec_datafusion_err!("array result too large"))
}

/// An array per row whose elements are the values at the given positions (`None` for a
/// NULL element); a `None` row is a NULL array.
pub(crate) fn take_lists(
    values: &ArrayRef,
    rows: &[Option<Vec<Option<usize>>>],
) -> Result<ArrayRef> {
    let mut offsets = Vec::with_capacity(rows.len() + 1);
    offsets.push(0);
    let mut indices: Vec<Option<u64>> = Vec::new();
    let mut valid = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(items) = row {
            indices.extend(items.iter().map(|i| i.map(|i| i as u64)));
        }
        valid.push(row.is_some());
        offsets.push(offset(indices.len())?);
    }
    let taken = arrow::compute::take(values.as_ref(), &UInt64Array::from(indices), None)?;
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    Ok(Arc::new(ListArray::try_new(
        field,
        OffsetBuffer::new(offsets.into()),
        taken,
        Some(NullBuffer::from(valid)),
    )?))
}

/// An array of arrays per row, each inner array given as positions as in [`take_lists`].
pub(crate) fn take_nested_lists(
    values: &ArrayRef,
    rows: &[Option<Vec<Vec<usize>>>],
) -> Result<ArrayRef> {
    let inner: Vec<Option<Vec<Option<usize>>>> = rows
        .iter()
        .flatten()
        .flat_map(|lists| {
            lists
                .iter()
                .map(|l| Some(l.iter().map(|&i| Some(i)).collect()))
        })
        .collect();
    let inner = take_lists(values, &inner)?;
    let mut offsets = Vec::with_capacity(rows.len() + 1);
    offsets.push(0);
    let mut count = 0;
    let mut valid = Vec::with_capacity(rows.len());
    for row in rows {
        count += row.as_ref().map_or(0, Vec::len);
        valid.push(row.is_some());
        offsets.push(offset(count)?);
    }
    let field = Arc::new(Field::new_list_field(inner.data_type().clone(), true));
    Ok(Arc::new(ListArray::try_new(
        field,
        OffsetBuffer::new(offsets.into()),
        inner,
        Some(NullBuffer::from(valid)),
    )?))
}

/// Whether element `i` of `array` is NULL (every element of an untyped NULL array is;
/// Arrow's `is_null` answers false there).
pub(crate) fn null_at(array: &dyn Array, i: usize) -> bool {
    array.data_type().is_null() || array.is_null(i)
}
