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
    DataType, Date32Type, Int8Type, Int16Type, Int32Type, Int64Type, TimeUnit,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow::record_batch::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};

use crate::functions::zone::{TrinoZone, render_date, render_timestamp, render_timestamp_tz};

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
/// ```
pub fn render_value(array: &dyn Array, row: usize) -> Option<String> {
    if array.is_null(row) {
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
        _ => fallback(array, row),
    };
    Some(text)
}

fn fallback(array: &dyn Array, row: usize) -> String {
    let options = FormatOptions::default().with_null("");
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
        let names: Vec<String> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        self.write_header(&names)?;
        for row in 0..batch.num_rows() {
            let values: Vec<Option<String>> = batch
                .columns()
                .iter()
                .map(|c| render_value(c.as_ref(), row))
                .collect();
            let refs: Vec<Option<&str>> = values.iter().map(|v| v.as_deref()).collect();
            write_record(&mut self.out, &refs)?;
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
            line.push('"');
            line.push_str(&v.replace('"', "\"\""));
            line.push('"');
        }
    }
    line.push('\n');
    out.write_all(line.as_bytes())
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
}
