//! `map_from_entries(array(row(K, V)))`: a map from an array of key/value entries, with
//! Trino's errors for NULL entries, NULL keys and duplicate keys.

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::{Array, AsArray, MapArray, StructArray, UInt64Array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::DataType;
use datafusion::common::{exec_datafusion_err, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::{entries_field, map_type};
use crate::functions::array::lists::{Lists, element_keys, element_type, null_at};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `map_from_entries`: a map built from `(key, value)` rows.
    pub struct MapFromEntries;
}

/// The key and value types of an `array(row(K, V))` type.
pub(crate) fn entry_types(t: &DataType) -> Option<(DataType, DataType)> {
    match element_type(t) {
        DataType::Struct(fields) if fields.len() == 2 => {
            Some((fields[0].data_type().clone(), fields[1].data_type().clone()))
        }
        _ => None,
    }
}

impl ScalarUDFImpl for MapFromEntries {
    fn name(&self) -> &str {
        "map_from_entries"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if t.is_null() || entry_types(t).is_some() || element_type(t).is_null() => {
                Ok(vec![t.clone()])
            }
            _ => Err(unexpected_parameters(
                "map_from_entries",
                arg_types,
                &["map_from_entries(array(row(K,V)))"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let (k, v) = entry_types(&arg_types[0]).unwrap_or((DataType::Null, DataType::Null));
        Ok(map_type(k, v))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let (key_type, value_type) =
            entry_types(args.arg_fields[0].data_type()).unwrap_or((DataType::Null, DataType::Null));
        let field = entries_field(key_type.clone(), value_type.clone());
        let fields = match field.data_type() {
            DataType::Struct(fields) => fields.clone(),
            other => return exec_err!("map_from_entries: unexpected entries type {other}"),
        };
        let (entries, keys, values) = match lists.values().data_type() {
            DataType::Struct(_) => {
                let s = lists.values().as_struct();
                (Some(s), Arc::clone(s.column(0)), Arc::clone(s.column(1)))
            }
            _ => (
                None,
                arrow::array::new_null_array(&key_type, lists.values().len()),
                arrow::array::new_null_array(&value_type, lists.values().len()),
            ),
        };
        let key_rows = element_keys(&[&keys])?.remove(0);
        let mut positions: Vec<u64> = Vec::new();
        let mut offsets = vec![0_i32];
        let mut valid = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let range = lists.range(r);
            valid.push(range.is_some());
            let mut seen = HashSet::new();
            for i in range.into_iter().flatten() {
                if entries.is_none_or(|e| e.is_null(i)) {
                    return exec_err!("map entry cannot be null");
                }
                if null_at(keys.as_ref(), i) {
                    return exec_err!("map key cannot be null");
                }
                if !seen.insert(&key_rows[i]) {
                    let key = crate::render::render_value(keys.as_ref(), i).unwrap_or_default();
                    return exec_err!("Duplicate keys ({key}) are not allowed");
                }
                positions.push(i as u64);
            }
            offsets.push(
                i32::try_from(positions.len())
                    .map_err(|_| exec_datafusion_err!("map_from_entries: result too large"))?,
            );
        }
        let indices = UInt64Array::from(positions);
        let entries = StructArray::try_new(
            fields,
            vec![
                arrow::compute::take(keys.as_ref(), &indices, None)?,
                arrow::compute::take(values.as_ref(), &indices, None)?,
            ],
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
        "Map Functions",
        "map_from_entries(array(row(K, V)))",
        "Returns a map created from the given array of entries.",
        "SELECT map_from_entries(ARRAY[(1, 'x'), (2, 'y')]); -- {1=x, 2=y}"
    );
}
