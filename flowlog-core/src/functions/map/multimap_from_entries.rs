//! `multimap_from_entries(array(row(K, V)))`: a map from each distinct key to the array of
//! its values, keys in order of first occurrence.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{Array, AsArray, MapArray, StructArray, UInt64Array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::DataType;
use arrow::row::OwnedRow;
use datafusion::common::{exec_datafusion_err, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::map_from_entries::entry_types;
use super::{entries_field, map_type};
use crate::functions::array::lists::{
    Lists, element_keys, element_type, list_of, null_at, take_lists,
};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `multimap_from_entries`: a map from keys to the arrays of their values.
    pub struct MultimapFromEntries;
}

impl ScalarUDFImpl for MultimapFromEntries {
    fn name(&self) -> &str {
        "multimap_from_entries"
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
                "multimap_from_entries",
                arg_types,
                &["multimap_from_entries(array(row(K,V)))"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        let (k, v) = entry_types(&arg_types[0]).unwrap_or((DataType::Null, DataType::Null));
        Ok(map_type(k, list_of(v)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let (key_type, value_type) =
            entry_types(args.arg_fields[0].data_type()).unwrap_or((DataType::Null, DataType::Null));
        let field = entries_field(key_type.clone(), list_of(value_type.clone()));
        let fields = match field.data_type() {
            DataType::Struct(fields) => fields.clone(),
            other => return exec_err!("multimap_from_entries: unexpected entries type {other}"),
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
        let mut key_positions: Vec<u64> = Vec::new();
        let mut groups: Vec<Option<Vec<Option<usize>>>> = Vec::new();
        let mut offsets = vec![0_i32];
        let mut valid = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let range = lists.range(r);
            valid.push(range.is_some());
            let mut slots: HashMap<&OwnedRow, usize> = HashMap::new();
            for i in range.into_iter().flatten() {
                if entries.is_none_or(|e| e.is_null(i)) {
                    return exec_err!("map entry cannot be null");
                }
                if null_at(keys.as_ref(), i) {
                    return exec_err!("map key cannot be null");
                }
                match slots.get(&key_rows[i]) {
                    Some(&slot) => {
                        if let Some(Some(group)) = groups.get_mut(slot) {
                            group.push(Some(i));
                        }
                    }
                    None => {
                        slots.insert(&key_rows[i], groups.len());
                        key_positions.push(i as u64);
                        groups.push(Some(vec![Some(i)]));
                    }
                }
            }
            offsets
                .push(i32::try_from(groups.len()).map_err(|_| {
                    exec_datafusion_err!("multimap_from_entries: result too large")
                })?);
        }
        let entries = StructArray::try_new(
            fields,
            vec![
                arrow::compute::take(keys.as_ref(), &UInt64Array::from(key_positions), None)?,
                take_lists(&values, &groups)?,
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
        "multimap_from_entries(array(row(K, V)))",
        "Returns a multimap created from the given array of entries. Each key can be associated with multiple values.",
        "SELECT multimap_from_entries(ARRAY[(1, 'x'), (2, 'y'), (1, 'z')]); -- {1=[x, z], 2=[y]}"
    );
}
