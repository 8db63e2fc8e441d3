//! `map_concat(map1, map2, …)`: the union of maps, a later map's value winning for a key
//! present in several. Entries come in Trino's order: the last non-empty map's first,
//! then the keys only earlier maps have, from the later maps to the earlier.

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, MapArray, StructArray, UInt64Array};
use arrow::buffer::{NullBuffer, OffsetBuffer};
use arrow::datatypes::DataType;
use datafusion::common::{exec_datafusion_err, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::type_coercion::binary::comparison_coercion;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::{entries_field, key_value_types, map_type};
use crate::functions::array::lists::element_keys;
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `map_concat`: the union of two or more maps (NULL if any is NULL).
    pub struct MapConcat;
}

fn common(a: &DataType, b: &DataType) -> Option<DataType> {
    if a == b || b.is_null() {
        Some(a.clone())
    } else if a.is_null() {
        Some(b.clone())
    } else {
        comparison_coercion(a, b)
    }
}

impl ScalarUDFImpl for MapConcat {
    fn name(&self) -> &str {
        "map_concat"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let error = || {
            unexpected_parameters(
                "map_concat",
                arg_types,
                &["map_concat(map(K,V), map(K,V), ...)"],
            )
        };
        if arg_types.len() < 2 {
            return exec_err!("There must be two or more concatenation arguments to map_concat");
        }
        let mut key = DataType::Null;
        let mut value = DataType::Null;
        for t in arg_types {
            if t.is_null() {
                continue;
            }
            let (k, v) = key_value_types(t).ok_or_else(error)?;
            key = common(&key, &k).ok_or_else(error)?;
            value = common(&value, &v).ok_or_else(error)?;
        }
        Ok(vec![map_type(key, value); arg_types.len()])
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(arg_types
            .iter()
            .find(|t| !t.is_null())
            .cloned()
            .unwrap_or_else(|| map_type(DataType::Null, DataType::Null)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let n = args.args.len();
        let (key_type, value_type) = key_value_types(args.return_field.data_type())
            .ok_or_else(|| exec_datafusion_err!("map_concat: unexpected result type"))?;
        let mut keys: Vec<ArrayRef> = Vec::with_capacity(n);
        let mut values: Vec<ArrayRef> = Vec::with_capacity(n);
        let mut maps: Vec<Option<MapArray>> = Vec::with_capacity(n);
        let mut bases = Vec::with_capacity(n);
        let mut base = 0;
        for i in 0..n {
            let array = rows.array(i);
            if array.data_type().is_null() {
                maps.push(None);
                bases.push(base);
                continue;
            }
            let map = array.as_map().clone();
            bases.push(base);
            base += map.keys().len();
            keys.push(Arc::clone(map.keys()));
            values.push(Arc::clone(map.values()));
            maps.push(Some(map));
        }
        let key_refs: Vec<&dyn Array> = keys.iter().map(AsRef::as_ref).collect();
        let value_refs: Vec<&dyn Array> = values.iter().map(AsRef::as_ref).collect();
        let all_keys = if key_refs.is_empty() {
            arrow::array::new_empty_array(&key_type)
        } else {
            arrow::compute::concat(&key_refs)?
        };
        let all_values = if value_refs.is_empty() {
            arrow::array::new_empty_array(&value_type)
        } else {
            arrow::compute::concat(&value_refs)?
        };
        let row_keys = element_keys(&[&all_keys])?.remove(0);
        let mut positions: Vec<u64> = Vec::new();
        let mut offsets = vec![0_i32];
        let mut valid = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let mut ranges = Vec::with_capacity(n);
            let mut null = false;
            for (map, base) in maps.iter().zip(&bases) {
                match map {
                    Some(m) if m.is_valid(r) => {
                        let o = m.value_offsets();
                        let start = base + usize::try_from(o[r]).unwrap_or(0);
                        let end = base + usize::try_from(o[r + 1]).unwrap_or(0);
                        ranges.push(start..end);
                    }
                    _ => null = true,
                }
            }
            valid.push(!null);
            if !null {
                let non_empty: Vec<usize> = (0..n).filter(|&i| !ranges[i].is_empty()).collect();
                match non_empty.as_slice() {
                    [] => {}
                    [only] => positions.extend(ranges[*only].clone().map(|p| p as u64)),
                    [first, .., last] => {
                        let mut seen = HashSet::new();
                        for p in ranges[*last].clone() {
                            seen.insert(&row_keys[p]);
                            positions.push(p as u64);
                        }
                        for idx in (first + 1..*last).rev() {
                            for p in ranges[idx].clone() {
                                if seen.insert(&row_keys[p]) {
                                    positions.push(p as u64);
                                }
                            }
                        }
                        for p in ranges[*first].clone() {
                            if !seen.contains(&row_keys[p]) {
                                positions.push(p as u64);
                            }
                        }
                    }
                }
            }
            offsets.push(
                i32::try_from(positions.len())
                    .map_err(|_| exec_datafusion_err!("map_concat: result too large"))?,
            );
        }
        let indices = UInt64Array::from(positions);
        let field = entries_field(key_type, value_type);
        let fields = match field.data_type() {
            DataType::Struct(fields) => fields.clone(),
            other => return exec_err!("map_concat: unexpected entries type {other}"),
        };
        let entries = StructArray::try_new(
            fields,
            vec![
                arrow::compute::take(all_keys.as_ref(), &indices, None)?,
                arrow::compute::take(all_values.as_ref(), &indices, None)?,
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
        "map_concat(map1, map2, ..., mapN)",
        "Returns the union of all the given maps. If a key is found in multiple given maps, that key's value in the resulting map comes from the last one of those maps.",
        "SELECT map_concat(MAP(ARRAY['a'], ARRAY[1]), MAP(ARRAY['a', 'b'], ARRAY[2, 3])); -- {a=2, b=3}"
    );
}
