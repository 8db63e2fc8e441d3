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

use crate::functions::datetime::interval::interval_text;
use crate::functions::datetime::time::time_text;
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
/// // VARBINARY: hex bytes.
/// let v = arrow::array::BinaryArray::from(vec![&b"abc"[..]]);
/// assert_eq!(render_value(&v, 0).as_deref(), Some("61 62 63"));
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
        // VARBINARY as Trino's CLI prints it in CSV: lower-case hex bytes, one space apart.
        DataType::Binary => hex_bytes(array.as_binary::<i32>().value(row)),
        DataType::LargeBinary => hex_bytes(array.as_binary::<i64>().value(row)),
        DataType::BinaryView => hex_bytes(array.as_binary_view().value(row)),
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
        DataType::Time32(_) | DataType::Time64(_) => {
            time_text(array, row).unwrap_or_else(|| fallback(array, row))
        }
        DataType::Interval(_) | DataType::Duration(_) => {
            interval_text(array, row).unwrap_or_else(|| fallback(array, row))
        }
        DataType::Map(_, _) => render_map(array.as_map().value(row)),
        DataType::Struct(_) => render_row(array.as_struct(), row),
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

/// A row as Athena prints it: `{x=1, y=a}`, like a map; an anonymous field (`ROW(1, 'a')`,
/// whose fields are `c0`, `c1`, … here) is `field0`, `field1`, … (DEVIATIONS.md).
fn render_row(fields: &arrow::array::StructArray, row: usize) -> String {
    let items: Vec<String> = fields
        .fields()
        .iter()
        .zip(fields.columns())
        .enumerate()
        .map(|(i, (field, column))| {
            let value = render_value(column.as_ref(), row).unwrap_or_else(|| "NULL".into());
            match field.name().strip_prefix('c') {
                Some(n) if n == i.to_string() => format!("field{i}={value}"),
                _ => format!("{}={value}", field.name()),
            }
        })
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// Bytes as `61 62 63`: two lower-case hex digits a byte, separated by single spaces, on
/// one line (Trino's CLI breaks lines every 16 bytes only in its aligned table).
fn hex_bytes(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    text
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
        // Each column is looked at once per batch (its type, its downcast array); the rows
        // are rendered into one buffer, written at once.
        let columns: Vec<CsvColumn<'_>> = batch
            .columns()
            .iter()
            .map(|c| CsvColumn::new(c.as_ref()))
            .collect();
        let mut buffer = Vec::with_capacity(batch.num_rows() * 16 * columns.len().max(1));
        for row in 0..batch.num_rows() {
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    buffer.push(b',');
                }
                column.push(&mut buffer, row);
            }
            buffer.push(b'\n');
        }
        self.out.write_all(&buffer)
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

/// A column of a batch for CSV, downcast once: strings and integers are written straight
/// from their arrays, other types through [`render_value`].
enum CsvColumn<'a> {
    Null,
    Utf8(&'a arrow::array::StringArray),
    LargeUtf8(&'a arrow::array::LargeStringArray),
    Utf8View(&'a arrow::array::StringViewArray),
    Int8(&'a arrow::array::Int8Array),
    Int16(&'a arrow::array::Int16Array),
    Int32(&'a arrow::array::Int32Array),
    Int64(&'a arrow::array::Int64Array),
    UInt8(&'a arrow::array::UInt8Array),
    UInt16(&'a arrow::array::UInt16Array),
    UInt32(&'a arrow::array::UInt32Array),
    UInt64(&'a arrow::array::UInt64Array),
    Other(&'a dyn Array),
}

impl<'a> CsvColumn<'a> {
    fn new(array: &'a dyn Array) -> Self {
        match array.data_type() {
            // `SELECT NULL`: no validity bitmap, every row is NULL.
            DataType::Null => Self::Null,
            DataType::Utf8 => Self::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Self::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Self::Utf8View(array.as_string_view()),
            DataType::Int8 => Self::Int8(array.as_primitive::<Int8Type>()),
            DataType::Int16 => Self::Int16(array.as_primitive::<Int16Type>()),
            DataType::Int32 => Self::Int32(array.as_primitive::<Int32Type>()),
            DataType::Int64 => Self::Int64(array.as_primitive::<Int64Type>()),
            DataType::UInt8 => Self::UInt8(array.as_primitive::<UInt8Type>()),
            DataType::UInt16 => Self::UInt16(array.as_primitive::<UInt16Type>()),
            DataType::UInt32 => Self::UInt32(array.as_primitive::<UInt32Type>()),
            DataType::UInt64 => Self::UInt64(array.as_primitive::<UInt64Type>()),
            _ => Self::Other(array),
        }
    }

    /// Append the field for `row`: the value quoted (`"` doubled), nothing for NULL.
    fn push(&self, out: &mut Vec<u8>, row: usize) {
        match self {
            Self::Null => {}
            Self::Utf8(a) => push_quoted_bytes(out, a.is_valid(row).then(|| a.value(row))),
            Self::LargeUtf8(a) => push_quoted_bytes(out, a.is_valid(row).then(|| a.value(row))),
            Self::Utf8View(a) => push_quoted_bytes(out, a.is_valid(row).then(|| a.value(row))),
            Self::Int8(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::Int16(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::Int32(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::Int64(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::UInt8(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::UInt16(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::UInt32(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::UInt64(a) => push_integer(out, a.is_valid(row).then(|| a.value(row))),
            Self::Other(a) => push_quoted_bytes(out, render_value(*a, row).as_deref()),
        }
    }
}

/// `"value"` with embedded `"` doubled, or nothing for NULL.
fn push_quoted_bytes(out: &mut Vec<u8>, value: Option<&str>) {
    let Some(value) = value else { return };
    out.push(b'"');
    let mut rest = value.as_bytes();
    while let Some(at) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=at]);
        out.push(b'"');
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// An integer quoted (integers never contain `"`), or nothing for NULL.
fn push_integer<T: itoa::Integer>(out: &mut Vec<u8>, value: Option<T>) {
    let Some(value) = value else { return };
    let mut buffer = itoa::Buffer::new();
    out.push(b'"');
    out.extend_from_slice(buffer.format(value).as_bytes());
    out.push(b'"');
}
