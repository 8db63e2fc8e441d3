//! Encoding records as a plain-text log file (`.log.gz`), AWS's default delivery format: one
//! gzip stream; a header line of the hyphenated field names in the file's column order; one
//! line per record, fields separated by a single space; `-` for a value that does not apply
//! (`flowlogs-facts.md` §1.1). The same records as the Parquet file of the same key, so a
//! query gives the same answer over either copy.

use std::io::Write;

use anyhow::Result;
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::fields::ColumnSet;
use crate::record::{ABSENT, FlowRecord, Value};

/// The text file name for a Parquet key: `….log.parquet` becomes `….log.gz`.
pub fn text_key(parquet_key: &str) -> String {
    match parquet_key.strip_suffix(".log.parquet") {
        Some(stem) => format!("{stem}.log.gz"),
        None => format!("{parquet_key}.gz"),
    }
}

/// The file's uncompressed text.
pub fn render(columns: ColumnSet, records: &[FlowRecord]) -> String {
    let fields = columns.fields();
    let header: Vec<String> = fields.iter().map(|f| f.name().replace('_', "-")).collect();
    let mut out = header.join(" ");
    out.push('\n');
    for r in records {
        let line: Vec<String> = fields
            .iter()
            .map(|&f| match r.value(f) {
                Value::Int32(Some(v)) => v.to_string(),
                Value::Int64(Some(v)) => v.to_string(),
                Value::Int32(None) | Value::Int64(None) => ABSENT.to_string(),
                Value::Utf8(s) => s,
            })
            .collect();
        out.push_str(&line.join(" "));
        out.push('\n');
    }
    out
}

/// The file's bytes: [`render`] compressed as one gzip stream.
pub fn encode(columns: ColumnSet, records: &[FlowRecord]) -> Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(render(columns, records).as_bytes())?;
    Ok(gz.finish()?)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::generate::generate_bucket;
    use crate::layout::BUCKETS;

    #[test]
    fn keys_swap_the_extension() {
        assert_eq!(
            text_key("a/b_20261119T0000Z_e0.log.parquet"),
            "a/b_20261119T0000Z_e0.log.gz"
        );
    }

    #[test]
    fn header_then_one_line_per_record_with_dashes_for_null_integers() {
        let bucket = &BUCKETS[0];
        let file = generate_bucket(bucket).unwrap().remove(0);
        let bytes = encode(bucket.columns, &file.records).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), file.records.len() + 1);
        let header: Vec<&str> = lines[0].split(' ').collect();
        assert_eq!(header.len(), bucket.columns.fields().len());
        assert!(header.contains(&"log-status"));
        assert!(!lines[0].contains('_'));
        for line in &lines[1..] {
            assert_eq!(line.split(' ').count(), header.len(), "{line}");
            assert!(!line.split(' ').any(str::is_empty), "{line}");
        }
    }
}
