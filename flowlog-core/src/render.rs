//! Values as Athena prints them, and Athena's CSV result format.
//!
//! Athena's result file (`<QueryID>.csv`, also what the console downloads) has a header
//! row, every value in double quotes with embedded quotes doubled, NULL as an empty
//! unquoted field, UTF-8 and `\n` line ends:
//!
//! ```text
//! "starttime_jst","srcaddr","dstport"
//! "2026-11-19 09:00:05","10.0.1.5","443"
//! "2026-11-19 09:00:07","10.0.1.6",
//! ```

use std::io::{self, Write};

use arrow::array::{Array, AsArray};
use arrow::datatypes::{
    DataType, Date32Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimeUnit, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow::record_batch::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};

use crate::time::TrinoZone;
use crate::time::text::{render_date, render_timestamp, render_timestamp_tz};

/// The text of one value as Athena shows it, or `None` for NULL.
///
/// Timestamps print as `yyyy-MM-dd HH:mm:ss.fff` with as many fraction digits as the
/// type's precision, followed by the zone for `timestamp with time zone`; dates as
/// `yyyy-MM-dd`.
///
/// ```
/// use std::sync::Arc;
/// use arrow::array::{Int64Array, TimestampMillisecondArray};
/// use flowlog_core::render::render_value;
/// let a = TimestampMillisecondArray::from(vec![0]).with_timezone("+09:00");
/// assert_eq!(render_value(&a, 0).as_deref(), Some("1970-01-01 09:00:00.000 +09:00"));
/// let b = Int64Array::from(vec![Some(7), None]);
/// assert_eq!(render_value(&b, 1), None);
/// // `SELECT NULL`: a column of Arrow's Null type is NULL in every row.
/// assert_eq!(render_value(&arrow::array::NullArray::new(1), 0), None);
/// ```
pub fn render_value(array: &dyn Array, row: usize) -> Option<String> {
    if is_null_at(array, row) {
        return None;
    }
    let text = match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(row).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(row).to_string(),
        DataType::Utf8View => array.as_string_view().value(row).to_string(),
        DataType::Boolean => array.as_boolean().value(row).to_string(),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(row).to_string(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(row).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
        DataType::UInt8 => array.as_primitive::<UInt8Type>().value(row).to_string(),
        DataType::UInt16 => array.as_primitive::<UInt16Type>().value(row).to_string(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(row).to_string(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(row).to_string(),
        DataType::FixedSizeBinary(16) => {
            crate::functions::network::address::from_slice(array.as_fixed_size_binary().value(row))
                .map_or_else(
                    || fallback(array, row),
                    |a| crate::functions::network::address::format(&a),
                )
        }
        DataType::Date32 => render_date(array.as_primitive::<Date32Type>().value(row)),
        DataType::Timestamp(unit, tz) => {
            let (nanos, precision) = match unit {
                TimeUnit::Second => (
                    i128::from(array.as_primitive::<TimestampSecondType>().value(row))
                        * 1_000_000_000,
                    0,
                ),
                TimeUnit::Millisecond => (
                    i128::from(array.as_primitive::<TimestampMillisecondType>().value(row))
                        * 1_000_000,
                    3,
                ),
                TimeUnit::Microsecond => (
                    i128::from(array.as_primitive::<TimestampMicrosecondType>().value(row)) * 1_000,
                    6,
                ),
                TimeUnit::Nanosecond => (
                    i128::from(array.as_primitive::<TimestampNanosecondType>().value(row)),
                    9,
                ),
            };
            match tz.as_deref().map(TrinoZone::parse) {
                Some(Ok(zone)) => render_timestamp_tz(nanos, precision, &zone),
                Some(Err(_)) => fallback(array, row),
                None => render_timestamp(nanos, precision),
            }
        }
        DataType::Map(_, _) => render_map(array.as_map().value(row)),
        DataType::List(_) => render_list(array.as_list::<i32>().value(row).as_ref()),
        DataType::LargeList(_) => render_list(array.as_list::<i64>().value(row).as_ref()),
        DataType::FixedSizeList(_, _) => {
            render_list(array.as_fixed_size_list().value(row).as_ref())
        }
        // Java's spelling of the infinities (Arrow's formatter writes `inf`).
        DataType::Float64 | DataType::Float32 => {
            let v = match array.data_type() {
                DataType::Float64 => array.as_primitive::<Float64Type>().value(row),
                _ => f64::from(array.as_primitive::<Float32Type>().value(row)),
            };
            match v {
                f64::INFINITY => "Infinity".to_string(),
                f64::NEG_INFINITY => "-Infinity".to_string(),
                _ => fallback(array, row),
            }
        }
        _ => fallback(array, row),
    };
    Some(text)
}

/// An array as Trino prints it: `[1, NULL, 3]`, each element printed as a value (so
/// timestamps inside arrays print as they do in a column).
fn render_list(items: &dyn Array) -> String {
    let parts: Vec<String> = (0..items.len())
        .map(|i| render_value(items, i).unwrap_or_else(|| "NULL".into()))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// A map as Trino prints it: `{a=2, b=NULL}`, entries in the map's order.
fn render_map(entries: arrow::array::StructArray) -> String {
    let text = |column: usize, i: usize| {
        render_value(entries.column(column).as_ref(), i).unwrap_or_else(|| "NULL".into())
    };
    let items: Vec<String> = (0..entries.len())
        .map(|i| format!("{}={}", text(0, i), text(1, i)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

fn fallback(array: &dyn Array, row: usize) -> String {
    let options = FormatOptions::default().with_null("NULL");
    match ArrayFormatter::try_new(array, &options) {
        Ok(f) => f.value(row).to_string(),
        Err(_) => String::new(),
    }
}

/// Writes query results in Athena's CSV result format.
#[derive(Debug)]
pub struct AthenaCsvWriter<W: Write> {
    out: W,
    header_written: bool,
}

impl<W: Write> AthenaCsvWriter<W> {
    /// A writer to `out`; the header is written with the first batch (or by [`Self::finish`]).
    pub fn new(out: W) -> Self {
        Self {
            out,
            header_written: false,
        }
    }

    /// Write the header row for these column names, if not yet written.
    pub fn write_header<S: AsRef<str>>(&mut self, names: &[S]) -> io::Result<()> {
        if self.header_written {
            return Ok(());
        }
        let fields: Vec<Option<&str>> = names.iter().map(|n| Some(n.as_ref())).collect();
        write_record(&mut self.out, &fields)?;
        self.header_written = true;
        Ok(())
    }

    /// Write every row of a batch.
    pub fn write_batch(&mut self, batch: &RecordBatch) -> io::Result<()> {
        if !self.header_written {
            let schema = batch.schema();
            let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            self.write_header(&names)?;
        }
        // One line buffer for the whole batch; strings and integers are written straight
        // from the arrays, other types through `render_value`.
        let mut line = String::new();
        for row in 0..batch.num_rows() {
            line.clear();
            for (i, column) in batch.columns().iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                push_csv_value(&mut line, column.as_ref(), row);
            }
            line.push('\n');
            self.out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Flush and return the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// One CSV line: `Some` values quoted with `"` doubled, `None` as nothing.
fn write_record<W: Write>(out: &mut W, fields: &[Option<&str>]) -> io::Result<()> {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        if let Some(v) = f {
            push_quoted(&mut line, v);
        }
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// `"value"` with embedded `"` doubled.
fn push_quoted(line: &mut String, value: &str) {
    line.push('"');
    let mut rest = value;
    // `"` is one byte in UTF-8 and never part of another character, so a byte search
    // (vectorised by memchr) finds exactly the quotes, at character boundaries.
    while let Some(at) = memchr::memchr(b'"', rest.as_bytes()) {
        line.push_str(&rest[..=at]);
        line.push('"');
        rest = &rest[at + 1..];
    }
    line.push_str(rest);
    line.push('"');
}

/// Whether `array[row]` is NULL. A column of Arrow's `Null` type (`SELECT NULL AS x`) keeps
/// no validity bitmap, so `Array::is_null` calls its rows valid; they are all NULL.
fn is_null_at(array: &dyn Array, row: usize) -> bool {
    array.is_null(row) || array.data_type() == &DataType::Null
}

/// An integer's decimal text, written without the formatting machinery.
trait IntegerText {
    fn text<'b>(&self, buffer: &'b mut itoa::Buffer) -> &'b str;
}

impl<T: itoa::Integer + Copy> IntegerText for T {
    fn text<'b>(&self, buffer: &'b mut itoa::Buffer) -> &'b str {
        buffer.format(*self)
    }
}

/// One CSV field for `array[row]`: what `render_value` gives, quoted, or nothing for NULL;
/// strings and integers without an intermediate `String`.
fn push_csv_value(line: &mut String, array: &dyn Array, row: usize) {
    if is_null_at(array, row) {
        return;
    }
    // Integers never contain `"`, so they are quoted without escaping.
    let mut buffer = itoa::Buffer::new();
    let mut integer = |v: &dyn IntegerText| {
        line.push('"');
        line.push_str(v.text(&mut buffer));
        line.push('"');
    };
    match array.data_type() {
        DataType::Utf8 => push_quoted(line, array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => push_quoted(line, array.as_string::<i64>().value(row)),
        DataType::Utf8View => push_quoted(line, array.as_string_view().value(row)),
        DataType::Int8 => integer(&array.as_primitive::<Int8Type>().value(row)),
        DataType::Int16 => integer(&array.as_primitive::<Int16Type>().value(row)),
        DataType::Int32 => integer(&array.as_primitive::<Int32Type>().value(row)),
        DataType::Int64 => integer(&array.as_primitive::<Int64Type>().value(row)),
        DataType::UInt8 => integer(&array.as_primitive::<UInt8Type>().value(row)),
        DataType::UInt16 => integer(&array.as_primitive::<UInt16Type>().value(row)),
        DataType::UInt32 => integer(&array.as_primitive::<UInt32Type>().value(row)),
        DataType::UInt64 => integer(&array.as_primitive::<UInt64Type>().value(row)),
        _ => {
            if let Some(text) = render_value(array, row) {
                push_quoted(line, &text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Int32Array, StringArray};
    use arrow::datatypes::{Field, Schema};

    use super::*;

    #[test]
    fn csv_quotes_everything_but_null() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("s", DataType::Utf8, true),
            Field::new("n", DataType::Int32, true),
        ]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(vec![Some("a\"b"), Some(""), None])),
                Arc::new(Int32Array::from(vec![Some(1), None, Some(-3)])),
            ],
        )
        .unwrap();
        let mut w = AthenaCsvWriter::new(Vec::new());
        w.write_batch(&batch).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out, "\"s\",\"n\"\n\"a\"\"b\",\"1\"\n\"\",\n,\"-3\"\n");
    }

    /// The CSV writer's direct path gives, for every type, what quoting `render_value`
    /// gives (the format documented at the top of this file).
    #[test]
    fn csv_fields_match_render_value() {
        use arrow::array::{
            ArrayRef, BooleanArray, Int8Array, Int64Array, LargeStringArray, StringViewArray,
            TimestampMillisecondArray, UInt64Array,
        };
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vec![
                Some("a\"b\"\""),
                Some(""),
                None,
                Some("é,x"),
            ])),
            Arc::new(LargeStringArray::from(vec![
                Some("\""),
                Some("x"),
                None,
                Some(""),
            ])),
            Arc::new(StringViewArray::from(vec![
                Some("a string longer than twelve bytes \" with a quote"),
                Some("short"),
                None,
                Some("\"\""),
            ])),
            Arc::new(Int8Array::from(vec![
                Some(i8::MIN),
                Some(0),
                None,
                Some(i8::MAX),
            ])),
            Arc::new(Int32Array::from(vec![
                Some(-1),
                Some(443),
                None,
                Some(i32::MAX),
            ])),
            Arc::new(Int64Array::from(vec![
                Some(i64::MIN),
                Some(7),
                None,
                Some(i64::MAX),
            ])),
            Arc::new(UInt64Array::from(vec![
                Some(u64::MAX),
                Some(0),
                None,
                Some(1),
            ])),
            Arc::new(BooleanArray::from(vec![
                Some(true),
                Some(false),
                None,
                Some(true),
            ])),
            Arc::new(TimestampMillisecondArray::from(vec![
                Some(0),
                Some(1),
                None,
                Some(-1),
            ])),
        ];
        for array in &arrays {
            for row in 0..array.len() {
                let mut fast = String::new();
                push_csv_value(&mut fast, array.as_ref(), row);
                let slow = match render_value(array.as_ref(), row) {
                    None => String::new(),
                    Some(v) => format!("\"{}\"", v.replace('"', "\"\"")),
                };
                assert_eq!(fast, slow, "{} row {row}", array.data_type());
            }
        }
        assert_eq!(render_value(arrays[4].as_ref(), 0).as_deref(), Some("-1"));
        let mut one = String::new();
        push_csv_value(&mut one, arrays[0].as_ref(), 0);
        assert_eq!(one, "\"a\"\"b\"\"\"\"\"");
    }

    #[test]
    fn null_elements_inside_arrays_print_as_null() {
        use arrow::array::ListArray;
        use arrow::datatypes::Int32Type;
        let list =
            ListArray::from_iter_primitive::<Int32Type, _, _>(vec![Some(vec![Some(1), None])]);
        assert_eq!(render_value(&list, 0).as_deref(), Some("[1, NULL]"));
    }
}
