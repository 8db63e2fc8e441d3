//! `map_entries(map)`: the entries of a map as an array of anonymous rows, as Trino types
//! it (`array(row(K, V))`, printed `[{field0=1, field1=x}]`); DataFusion's names the
//! fields `key` and `value`. `map_entries(NULL)` is NULL.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, ListArray, StructArray, new_null_array};
use arrow::datatypes::{DataType, Field, Fields};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::key_value_types;
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `map_entries`: a map's entries as an array of `(key, value)` rows.
    pub struct MapEntries;
}

/// The anonymous row type of an entry.
fn entry_fields(key: DataType, value: DataType) -> Fields {
    Fields::from(vec![
        Field::new("c0", key, true),
        Field::new("c1", value, true),
    ])
}

/// The key and value types of a map argument (`unknown` for an untyped NULL).
fn entry_types(t: &DataType) -> (DataType, DataType) {
    key_value_types(t).unwrap_or((DataType::Null, DataType::Null))
}

impl ScalarUDFImpl for MapEntries {
    fn name(&self) -> &str {
        "map_entries"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ (DataType::Map(_, _) | DataType::Null)] => Ok(vec![t.clone()]),
            _ => Err(unexpected_parameters(
                "map_entries",
                arg_types,
                &["map_entries(map(K,V))"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let (key, value) = entry_types(&arg_types[0]);
        Ok(DataType::new_list(
            DataType::Struct(entry_fields(key, value)),
            true,
        ))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let map = rows.array(0);
        let out_type = args.return_field.data_type().clone();
        let DataType::Map(_, _) = map.data_type() else {
            return rows.finish(new_null_array(&out_type, rows.len()));
        };
        let map = map.as_map();
        let (key, value) = entry_types(map.data_type());
        let fields = entry_fields(key, value);
        let entries = map.entries();
        let columns: Vec<ArrayRef> = entries.columns().to_vec();
        let rows_of_entries = StructArray::try_new(fields.clone(), columns, None)?;
        let out = ListArray::try_new(
            Arc::new(Field::new_list_field(DataType::Struct(fields), true)),
            map.offsets().clone(),
            Arc::new(rows_of_entries),
            map.nulls().cloned(),
        )?;
        rows.finish(Arc::new(out))
    }

    documented!(
        "Map Functions",
        "map_entries(x)",
        "Returns an array of all entries in the given map, each a row of its key and value.",
        "SELECT map_entries(MAP(ARRAY[1, 2], ARRAY['x', 'y'])); -- [{field0=1, field1=x}, {field0=2, field1=y}]"
    );
}
