//! Trino's map functions that DataFusion lacks.
//!
//! | function | why flowlog has its own |
//! |---|---|
//! | `map` | Trino's error messages (unequal lengths, duplicate keys) |
//! | `map_concat` | missing in DataFusion |
//! | `map_from_entries`, `multimap_from_entries` | missing in DataFusion |
//! | `map_entries` | Trino's anonymous `row(K, V)` entries (DataFusion's are `key`, `value`); NULL for NULL |
//!
//! `map_keys`, `map_values` and `cardinality` are DataFusion's or
//! flowlog's elsewhere; all are checked against Trino's tests in `tests/slt/map_*.slt`.

pub mod constructor;
pub mod map_concat;
pub mod map_entries;
pub mod map_from_entries;
pub mod multimap_from_entries;

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::logical_expr::ScalarUDF;

/// The type of a `map(key, value)` as DataFusion's map functions build it.
pub(crate) fn map_type(key: DataType, value: DataType) -> DataType {
    DataType::Map(entries_field(key, value), false)
}

/// The entries field of a map type.
pub(crate) fn entries_field(key: DataType, value: DataType) -> FieldRef {
    let fields = Fields::from(vec![
        Field::new("key", key, false),
        Field::new("value", value, true),
    ]);
    Arc::new(Field::new("entries", DataType::Struct(fields), false))
}

/// The key and value types of a map type.
pub(crate) fn key_value_types(t: &DataType) -> Option<(DataType, DataType)> {
    match t {
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(kv) if kv.len() == 2 => {
                Some((kv[0].data_type().clone(), kv[1].data_type().clone()))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(constructor::MapConstructor::new())),
        Arc::new(ScalarUDF::new_from_impl(map_concat::MapConcat::new())),
        Arc::new(ScalarUDF::new_from_impl(map_entries::MapEntries::new())),
        Arc::new(ScalarUDF::new_from_impl(
            map_from_entries::MapFromEntries::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(
            multimap_from_entries::MultimapFromEntries::new(),
        )),
    ]
}
