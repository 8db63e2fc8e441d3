//! Casts to a type with a row in it (`ROW(…)`, `ARRAY(ROW(…))`, `MAP(K, ROW(…))`), as
//! Trino casts: a row's fields by position, whatever their names.
//!
//! ```text
//! CAST(x AS ROW(a bigint))      ──dialect──►  "$cast_container"(x, CAST(NULL AS ROW(a bigint)), false)
//! TRY_CAST(x AS ARRAY(ROW(…)))  ──dialect──►  "$cast_container"(x, CAST(NULL AS …), true)
//! ```
//!
//! The second argument only carries the target type. Arrow and DataFusion match a
//! struct's fields by name (and DataFusion refuses fields it cannot match), so `ROW(1, 'a')`
//! (fields `c0`, `c1`) could not become `ROW(x bigint, y varchar)`. Arrays and maps are
//! cast element by element the same way; any other value is cast by Arrow.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, ListArray, MapArray, StructArray, new_null_array};
use arrow::compute::CastOptions;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use super::lists::Lists;
use crate::functions::support::trino_type_name;

/// The name the dialect calls this function by.
pub const CAST_CONTAINER: &str = "$cast_container";

/// `"$cast_container"(value, typed NULL, try)`: `value` cast to the NULL's type.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ContainerCast {
    signature: Signature,
}

impl ContainerCast {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::any(3, Volatility::Immutable),
        }
    }
}

impl Default for ContainerCast {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a value of type `from` casts to `to` (rows by position, same field count).
fn castable(from: &DataType, to: &DataType) -> bool {
    match (from, to) {
        (DataType::Null, _) => true,
        (DataType::Struct(f), DataType::Struct(t)) => {
            f.len() == t.len()
                && f.iter()
                    .zip(t.iter())
                    .all(|(f, t)| castable(f.data_type(), t.data_type()))
        }
        (
            DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _),
            DataType::List(t),
        ) => castable(f.data_type(), t.data_type()),
        (DataType::Map(f, _), DataType::Map(t, _)) => castable(f.data_type(), t.data_type()),
        (DataType::Struct(_) | DataType::List(_) | DataType::Map(_, _), _)
        | (_, DataType::Struct(_) | DataType::List(_) | DataType::Map(_, _)) => false,
        _ => arrow::compute::can_cast_types(from, to),
    }
}

/// `array` cast to `to`, rows by position.
fn cast(array: &ArrayRef, to: &DataType, options: &CastOptions) -> Result<ArrayRef> {
    Ok(match (array.data_type(), to) {
        (DataType::Null, _) => new_null_array(to, array.len()),
        (DataType::Struct(_), DataType::Struct(fields)) => {
            let rows = array.as_struct();
            let columns = rows
                .columns()
                .iter()
                .zip(fields.iter())
                .map(|(c, f)| cast(c, f.data_type(), options))
                .collect::<Result<Vec<_>>>()?;
            Arc::new(StructArray::try_new(
                fields.clone(),
                columns,
                rows.nulls().cloned(),
            )?)
        }
        (
            DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _),
            DataType::List(field),
        ) => {
            let lists = Lists::new(array)?;
            let list = lists.list();
            let values = cast(list.values(), field.data_type(), options)?;
            Arc::new(ListArray::try_new(
                Arc::clone(field),
                list.offsets().clone(),
                values,
                list.nulls().cloned(),
            )?)
        }
        (DataType::Map(_, _), DataType::Map(entries, sorted)) => {
            let map = array.as_map();
            let from: ArrayRef = Arc::new(map.entries().clone());
            let cast_entries = cast(&from, entries.data_type(), options)?;
            Arc::new(MapArray::try_new(
                Arc::clone(entries),
                map.offsets().clone(),
                cast_entries.as_struct().clone(),
                map.nulls().cloned(),
                *sorted,
            )?)
        }
        _ => arrow::compute::cast_with_options(array, to, options)?,
    })
}

impl ScalarUDFImpl for ContainerCast {
    fn name(&self) -> &str {
        CAST_CONTAINER
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("{CAST_CONTAINER}: return_field_from_args is used instead")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let from = args.arg_fields[0].data_type();
        let to = args.arg_fields[1].data_type();
        if !castable(from, to) {
            return plan_err!(
                "Cannot cast {} to {}",
                trino_type_name(from),
                trino_type_name(to)
            );
        }
        Ok(Arc::new(Field::new(self.name(), to.clone(), true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let to = args.return_field.data_type().clone();
        let safe = matches!(
            &args.args[2],
            ColumnarValue::Scalar(ScalarValue::Boolean(Some(true)))
        );
        let options = CastOptions {
            safe,
            ..CastOptions::default()
        };
        match &args.args[0] {
            ColumnarValue::Scalar(value) => {
                let out = cast(&value.to_array()?, &to, &options)?;
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
            }
            ColumnarValue::Array(array) => {
                if array.len() != args.number_rows {
                    return exec_err!("{CAST_CONTAINER}: unexpected argument length");
                }
                Ok(ColumnarValue::Array(cast(array, &to, &options)?))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use arrow::datatypes::{DataType, Field, Fields};

    use super::castable;

    #[test]
    fn rows_cast_by_position_with_equal_field_counts() {
        let row = |types: &[DataType], prefix: &str| {
            DataType::Struct(Fields::from(
                types
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Field::new(format!("{prefix}{i}"), t.clone(), true))
                    .collect::<Vec<_>>(),
            ))
        };
        let from = row(&[DataType::Int32, DataType::Utf8], "c");
        assert!(castable(
            &from,
            &row(&[DataType::Int64, DataType::Utf8], "x")
        ));
        assert!(!castable(&from, &row(&[DataType::Int64], "x")));
        assert!(!castable(&from, &DataType::Utf8));
    }
}
