//! Rows as the lines of UNLOAD's text formats.
//!
//! - TEXTFILE (Hive's LazySimpleSerDe): the fields joined by the delimiter, `\N` for
//!   NULL, values as Athena prints them.
//! - JSON (Hive's JSON SerDe): one object per line; numbers and booleans bare, NULL as
//!   `null`, other values as strings of their printed text, arrays as arrays, maps and
//!   rows as objects.

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::{DataType, Field, Float32Type, Float64Type};
use datafusion::arrow::record_batch::RecordBatch;

use super::error::UnloadError;
use crate::render::render_value;

/// The types TEXTFILE cannot hold (nested values need Hive's collection delimiters).
pub(crate) fn check_text_types(fields: &[&Field]) -> Result<(), UnloadError> {
    for field in fields {
        if matches!(
            field.data_type(),
            DataType::List(_)
                | DataType::LargeList(_)
                | DataType::FixedSizeList(_, _)
                | DataType::ListView(_)
                | DataType::Map(_, _)
                | DataType::Struct(_)
        ) {
            return Err(UnloadError::UnsupportedType {
                format: "TEXTFILE",
                column: field.name().clone(),
                data_type: field.data_type().to_string(),
                instead: "use format = 'PARQUET' or 'JSON', or turn it into text (array_join, json_format)",
            });
        }
    }
    Ok(())
}

/// Append row `row` of `batch` (its first `columns` columns) as one TEXTFILE line.
pub(crate) fn text_line(
    batch: &RecordBatch,
    columns: usize,
    row: usize,
    delimiter: char,
    out: &mut Vec<u8>,
) {
    let mut buf = [0u8; 4];
    let delimiter = delimiter.encode_utf8(&mut buf).as_bytes();
    for (i, column) in batch.columns().iter().take(columns).enumerate() {
        if i > 0 {
            out.extend_from_slice(delimiter);
        }
        match render_value(column.as_ref(), row) {
            Some(v) => out.extend_from_slice(v.as_bytes()),
            None => out.extend_from_slice(b"\\N"),
        }
    }
    out.push(b'\n');
}

/// Append row `row` of `batch` (its first `columns` columns) as one JSON line.
pub(crate) fn json_line(batch: &RecordBatch, columns: usize, row: usize, out: &mut String) {
    out.push('{');
    let schema = batch.schema();
    for (i, column) in batch.columns().iter().take(columns).enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, schema.field(i).name());
        out.push(':');
        json_value(column.as_ref(), row, out);
    }
    out.push_str("}\n");
}

fn json_value(array: &dyn Array, row: usize, out: &mut String) {
    if array.is_null(row) || array.data_type() == &DataType::Null {
        out.push_str("null");
        return;
    }
    match array.data_type() {
        DataType::List(_) => list_values(&array.as_list::<i32>().value(row), out),
        DataType::LargeList(_) => list_values(&array.as_list::<i64>().value(row), out),
        DataType::FixedSizeList(_, _) => list_values(&array.as_fixed_size_list().value(row), out),
        DataType::Map(_, _) => {
            let entries = array.as_map().value(row);
            out.push('{');
            for i in 0..entries.len() {
                if i > 0 {
                    out.push(',');
                }
                let key = render_value(entries.column(0).as_ref(), i).unwrap_or_default();
                push_json_string(out, &key);
                out.push(':');
                json_value(entries.column(1).as_ref(), i, out);
            }
            out.push('}');
        }
        DataType::Struct(fields) => {
            let s = array.as_struct();
            out.push('{');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(out, f.name());
                out.push(':');
                json_value(s.column(i).as_ref(), row, out);
            }
            out.push('}');
        }
        t => {
            let text = render_value(array, row).unwrap_or_default();
            let bare = match t {
                DataType::Boolean | DataType::Decimal128(_, _) | DataType::Decimal256(_, _) => true,
                t if t.is_integer() => true,
                DataType::Float32 => array.as_primitive::<Float32Type>().value(row).is_finite(),
                DataType::Float64 => array.as_primitive::<Float64Type>().value(row).is_finite(),
                _ => false,
            };
            if bare {
                out.push_str(&text);
            } else {
                push_json_string(out, &text);
            }
        }
    }
}

fn list_values(values: &dyn Array, out: &mut String) {
    out.push('[');
    for i in 0..values.len() {
        if i > 0 {
            out.push(',');
        }
        json_value(values, i, out);
    }
    out.push(']');
}

fn push_json_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::Value::String(text.to_string()).to_string());
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{Float64Array, Int64Array, StringArray};
    use datafusion::arrow::datatypes::Schema;

    use super::*;

    fn batch() -> RecordBatch {
        let schema = Schema::new(vec![
            Field::new("n", DataType::Int64, true),
            Field::new("s", DataType::Utf8, true),
            Field::new("d", DataType::Float64, true),
        ]);
        RecordBatch::try_new(
            Arc::new(schema),
            vec![
                Arc::new(Int64Array::from(vec![Some(7), None])),
                Arc::new(StringArray::from(vec![Some("a\"b"), Some("x")])),
                Arc::new(Float64Array::from(vec![Some(f64::NAN), None])),
            ],
        )
        .unwrap()
    }

    #[test]
    fn text_lines_use_the_delimiter_and_backslash_n() {
        let mut out = Vec::new();
        text_line(&batch(), 3, 1, ',', &mut out);
        assert_eq!(out, b"\\N,x,\\N\n");
    }

    #[test]
    fn json_lines_keep_numbers_bare_and_quote_text() {
        let mut out = String::new();
        json_line(&batch(), 3, 0, &mut out);
        assert_eq!(out, "{\"n\":7,\"s\":\"a\\\"b\",\"d\":\"NaN\"}\n");
        out.clear();
        json_line(&batch(), 2, 1, &mut out);
        assert_eq!(out, "{\"n\":null,\"s\":\"x\"}\n");
    }
}
