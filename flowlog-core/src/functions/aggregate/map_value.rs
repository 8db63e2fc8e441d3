//! Building the `map(K, V)` values of `map_agg` and `histogram`, and their list-shaped
//! intermediate state.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, MapArray, StructArray, new_empty_array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::ScalarValue;
use datafusion::error::Result;

/// The fields of a map's entries: a non-NULL `key` and a nullable `value`.
fn entry_fields(key: &DataType, value: &DataType) -> Fields {
    Fields::from(vec![
        Field::new("key", key.clone(), false),
        Field::new("value", value.clone(), true),
    ])
}

/// The argument types a map-building aggregate accepts: string views and large strings
/// are taken as plain strings, so that the map's keys and values have Trino's one
/// `varchar` type and `element_at(m, 'x')` finds a key written as a literal.
pub(crate) fn plain_string_arguments(arg_types: &[DataType]) -> Vec<DataType> {
    arg_types
        .iter()
        .map(|t| match t {
            DataType::Utf8View | DataType::LargeUtf8 => DataType::Utf8,
            other => other.clone(),
        })
        .collect()
}

/// The Arrow type of Trino's `map(key, value)`.
pub(crate) fn map_type(key: &DataType, value: &DataType) -> DataType {
    DataType::Map(
        Arc::new(Field::new(
            "entries",
            DataType::Struct(entry_fields(key, value)),
            false,
        )),
        false,
    )
}

/// The map holding `keys[i] → values[i]`, in that order; NULL when there are no entries
/// (Trino's `map_agg` and `histogram` of no rows are NULL).
pub(crate) fn map_scalar(
    key: &DataType,
    value: &DataType,
    keys: &[ScalarValue],
    values: &[ScalarValue],
) -> Result<ScalarValue> {
    let key_array = array_of(key, keys)?;
    let value_array = array_of(value, values)?;
    let entries =
        StructArray::try_new(entry_fields(key, value), vec![key_array, value_array], None)?;
    let DataType::Map(field, _) = map_type(key, value) else {
        unreachable!("map_type returns a Map")
    };
    let nulls = keys.is_empty().then(|| NullBuffer::new_null(1));
    let map = MapArray::try_new(
        field,
        OffsetBuffer::from_lengths([keys.len()]),
        entries,
        nulls,
        false,
    )?;
    Ok(ScalarValue::Map(Arc::new(map)))
}

/// An array of `t` holding `values`.
fn array_of(t: &DataType, values: &[ScalarValue]) -> Result<ArrayRef> {
    if values.is_empty() {
        return Ok(new_empty_array(t));
    }
    ScalarValue::iter_to_array(values.iter().cloned())
}

/// The state field `name`: a list of `t`.
pub(crate) fn list_field(name: &str, t: &DataType) -> FieldRef {
    Arc::new(Field::new(name, DataType::new_list(t.clone(), true), true))
}

/// `values` as a one-row list scalar of element type `t`, for an accumulator's state.
pub(crate) fn list_state(t: &DataType, values: &[ScalarValue]) -> ScalarValue {
    ScalarValue::List(ScalarValue::new_list_nullable(values, t))
}

/// The elements of row `row` of a list-typed state column.
pub(crate) fn list_entries(state: &ArrayRef, row: usize) -> Result<Vec<ScalarValue>> {
    if state.is_null(row) {
        return Ok(Vec::new());
    }
    let items = state.as_list::<i32>().value(row);
    (0..items.len())
        .map(|i| ScalarValue::try_from_array(&items, i))
        .collect()
}

/// Approximate heap size of `values`, for `Accumulator::size`.
pub(crate) fn scalars_size(values: &[ScalarValue]) -> usize {
    values.iter().map(ScalarValue::size).sum()
}
