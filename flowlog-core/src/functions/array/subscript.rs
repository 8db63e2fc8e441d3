//! The subscript operator `x[i]` as Trino evaluates it (the dialect rewrites `x[i]` to
//! `subscript(x, i)`):
//!
//! * array: element `i`, 1-based; an index past the end, 0 or negative is an error
//!   (DataFusion answers NULL; `element_at` is the NULL-answering form);
//! * map: the value of key `i`; a missing key is an error (`Key not present in map`);
//! * row: field `i` (1-based, a constant), or the field named by a string (DataFusion's
//!   `get_field`).

use std::sync::Arc;

use arrow::array::{Array, AsArray, UInt64Array};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use super::lists::{Lists, element_keys, element_type, is_list_or_null, null_at};
use crate::functions::support::{documented, trino_type_name};

/// `subscript(x, i)`: `x[i]` for an array, a map or a row.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Subscript {
    signature: Signature,
}

impl Subscript {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::any(2, Volatility::Immutable),
        }
    }
}

impl Default for Subscript {
    fn default() -> Self {
        Self::new()
    }
}

fn get_field() -> Arc<ScalarUDF> {
    datafusion::functions::core::get_field()
}

fn is_map(t: &DataType) -> bool {
    matches!(t, DataType::Map(_, _))
}

impl ScalarUDFImpl for Subscript {
    fn name(&self) -> &str {
        "subscript"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("subscript: return_field_from_args is used instead")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let container = args.arg_fields[0].data_type();
        let index = args.arg_fields[1].data_type();
        let element = match container {
            DataType::Struct(fields) => {
                let name = field_name(fields, args.scalar_arguments[1], index)?;
                let name = name.map(|n| ScalarValue::Utf8(Some(n)));
                let arg_fields = [
                    Arc::clone(&args.arg_fields[0]),
                    Arc::new(Field::new("field", DataType::Utf8, false)),
                ];
                let scalars = [args.scalar_arguments[0], name.as_ref()];
                return get_field().return_field_from_args(ReturnFieldArgs {
                    arg_fields: &arg_fields,
                    scalar_arguments: if name.is_some() {
                        &scalars
                    } else {
                        args.scalar_arguments
                    },
                });
            }
            t if is_list_or_null(t) => {
                if !(index.is_integer() || index.is_null()) {
                    return plan_err!(
                        "Cannot use {} for subscript of {}",
                        trino_type_name(index),
                        trino_type_name(t)
                    );
                }
                element_type(t)
            }
            t if is_map(t) => match super::super::map::key_value_types(t) {
                Some((_, value)) => value,
                None => return plan_err!("subscript: unexpected map type"),
            },
            t => return plan_err!("Cannot use subscript on {}", trino_type_name(t)),
        };
        Ok(Arc::new(Field::new(self.name(), element, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let container = args.arg_fields[0].data_type().clone();
        if let DataType::Struct(fields) = &container {
            let mut args = args;
            let index = match &args.args[1] {
                ColumnarValue::Scalar(v) => Some(v.clone()),
                ColumnarValue::Array(_) => None,
            };
            let index_type = args.arg_fields[1].data_type().clone();
            if let Some(name) = field_name(fields, index.as_ref(), &index_type)? {
                args.args[1] = ColumnarValue::Scalar(ScalarValue::Utf8(Some(name)));
                args.arg_fields[1] = Arc::new(Field::new("field", DataType::Utf8, false));
            }
            return get_field().invoke_with_args(args);
        }
        let scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let len = if scalar { 1 } else { args.number_rows };
        let target = args.arg_fields[0].data_type();
        let base = args.args[0].to_array(len)?;
        let index = args.args[1].to_array(len)?;
        let (values, positions) = if is_map(target) {
            map_positions(&base, &index)?
        } else {
            list_positions(&base, &index)?
        };
        let out = arrow::compute::take(values.as_ref(), &UInt64Array::from(positions), None)?;
        if scalar {
            return Ok(ColumnarValue::Scalar(
                datafusion::common::ScalarValue::try_from_array(&out, 0)?,
            ));
        }
        Ok(ColumnarValue::Array(out))
    }

    documented!(
        "Array Functions",
        "x[i]",
        "The element of array x at index i (1-based; an error past the end), or the value of key i in map x (an error if absent).",
        "SELECT split(srcaddr, '.')[1] FROM vpc_flow_logs;"
    );
}

/// The name of the field a row subscript `r[i]` with an integer `i` names (Trino's form;
/// 1-based, a constant); `None` for a string subscript, which `get_field` reads itself.
fn field_name(
    fields: &arrow::datatypes::Fields,
    index: Option<&ScalarValue>,
    index_type: &DataType,
) -> Result<Option<String>> {
    if !index_type.is_integer() {
        return Ok(None);
    }
    let Some(i) = index.and_then(|v| v.cast_to(&DataType::Int64).ok()) else {
        return plan_err!("Subscript expression on ROW requires a constant index");
    };
    let ScalarValue::Int64(Some(i)) = i else {
        return plan_err!("Subscript expression on ROW requires a constant index");
    };
    match usize::try_from(i)
        .ok()
        .filter(|&i| i >= 1 && i <= fields.len())
    {
        Some(i) => Ok(Some(fields[i - 1].name().clone())),
        None => plan_err!(
            "Invalid subscript index: {i}. ROW indices start at 1 and must be less than or equal to the number of fields: {}",
            fields.len()
        ),
    }
}

/// The element values of an array column and, per row, the position of element `i`.
fn list_positions(
    base: &arrow::array::ArrayRef,
    index: &arrow::array::ArrayRef,
) -> Result<(arrow::array::ArrayRef, Vec<Option<u64>>)> {
    let lists = Lists::new(base)?;
    let index = arrow::compute::cast(index, &DataType::Int64)?;
    let index = index.as_primitive::<arrow::datatypes::Int64Type>();
    let mut positions = Vec::with_capacity(index.len());
    for r in 0..index.len() {
        let (Some(range), true) = (lists.range(r), !null_at(index, r)) else {
            positions.push(None);
            continue;
        };
        let i = index.value(r);
        if i == 0 {
            return exec_err!("SQL array indices start at 1");
        }
        if i < 0 {
            return exec_err!("Array subscript is negative: {i}");
        }
        let len = range.len();
        match usize::try_from(i).ok().filter(|&i| i <= len) {
            Some(i) => positions.push(Some((range.start + i - 1) as u64)),
            None => {
                return exec_err!(
                    "Array subscript must be less than or equal to array length: {i} > {len}"
                );
            }
        }
    }
    Ok((Arc::clone(lists.values()), positions))
}

/// The value column of a map column and, per row, the position of key `key`'s value.
fn map_positions(
    base: &arrow::array::ArrayRef,
    key: &arrow::array::ArrayRef,
) -> Result<(arrow::array::ArrayRef, Vec<Option<u64>>)> {
    let map = base.as_map();
    let keys = map.keys();
    let key = if key.data_type() == keys.data_type() {
        Arc::clone(key)
    } else {
        arrow::compute::cast(key, keys.data_type())?
    };
    let rows = element_keys(&[keys, &key])?;
    let offsets = map.value_offsets();
    let mut positions = Vec::with_capacity(key.len());
    for r in 0..key.len() {
        if map.is_null(r) || null_at(key.as_ref(), r) {
            positions.push(None);
            continue;
        }
        let start = usize::try_from(offsets[r]).unwrap_or(0);
        let end = usize::try_from(offsets[r + 1]).unwrap_or(start);
        match (start..end).find(|&p| rows[0][p] == rows[1][r]) {
            Some(p) => positions.push(Some(p as u64)),
            None => {
                let text = crate::render::render_value(key.as_ref(), r).unwrap_or_default();
                return exec_err!("Key not present in map: {text}");
            }
        }
    }
    Ok((Arc::clone(map.values()), positions))
}
