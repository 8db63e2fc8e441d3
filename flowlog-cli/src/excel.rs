//! CSV that Excel opens whole and reads right: UTF-8 with a byte-order mark (without it
//! Excel reads Japanese text as Shift_JIS), CRLF line ends, and — because one sheet
//! holds at most 1,048,576 rows — numbered parts of at most 1,048,575 data rows, each
//! with the header.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use datafusion::arrow::datatypes::Schema;
use datafusion::arrow::record_batch::RecordBatch;

use crate::args::Format;
use crate::output::{AtomicFile, ResultWriter, WriterOptions};

/// The most data rows one Excel sheet holds under its header row (1,048,576 rows in all).
pub(crate) const EXCEL_DATA_ROWS: u64 = 1_048_575;

/// The UTF-8 byte-order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes CRLF for every line end outside quoted fields (a newline inside a quoted value
/// is data and is kept as it is).
#[derive(Debug)]
pub(crate) struct CrlfWriter<W: Write> {
    inner: W,
    in_quotes: bool,
}

impl<W: Write> CrlfWriter<W> {
    /// Writes to `inner`, starting with the byte-order mark.
    pub(crate) fn with_bom(mut inner: W) -> std::io::Result<Self> {
        inner.write_all(BOM)?;
        Ok(Self {
            inner,
            in_quotes: false,
        })
    }
}

impl<W: Write> Write for CrlfWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            match b {
                b'"' => self.in_quotes = !self.in_quotes,
                b'\n' if !self.in_quotes => {
                    self.inner.write_all(&buf[start..i])?;
                    self.inner.write_all(b"\r\n")?;
                    start = i + 1;
                }
                _ => {}
            }
        }
        self.inner.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// `result.csv` → `result-2.csv`.
pub(crate) fn part_path(target: &Path, n: usize) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match target.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    target.with_file_name(name)
}

/// An Excel CSV written to `target`, or to numbered parts beside it when it has more
/// rows than a sheet holds. Every part is written under a temporary name and moved into
/// place only when the whole query has succeeded.
pub(crate) struct ExcelParts {
    target: PathBuf,
    schema: Schema,
    options: WriterOptions,
    rows_per_part: u64,
    done: Vec<AtomicFile>,
    current: Option<(AtomicFile, ResultWriter)>,
    rows_in_part: u64,
}

impl ExcelParts {
    /// Parts of at most `rows_per_part` data rows for `target`.
    pub(crate) fn new(
        target: &Path,
        schema: &Schema,
        options: WriterOptions,
        rows_per_part: u64,
    ) -> Result<Self> {
        let mut parts = Self {
            target: target.to_path_buf(),
            schema: schema.clone(),
            options,
            rows_per_part: rows_per_part.max(1),
            done: Vec::new(),
            current: None,
            rows_in_part: 0,
        };
        parts.start_part()?;
        Ok(parts)
    }

    fn start_part(&mut self) -> Result<()> {
        let n = self.done.len() + 1 + usize::from(self.current.is_some());
        let path = if n == 1 {
            self.target.clone()
        } else {
            part_path(&self.target, n)
        };
        if n > 1 {
            crate::output_path::refuse_special(&path)?;
        }
        let file = AtomicFile::create(&path)?;
        let writer = ResultWriter::new(Format::Csv, file.writer()?, &self.schema, self.options)?;
        if let Some((file, writer)) = self.current.replace((file, writer)) {
            writer.finish()?;
            self.done.push(file);
        }
        self.rows_in_part = 0;
        Ok(())
    }

    /// Write a batch, starting a new part whenever the current one is full.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        let mut offset = 0;
        while offset < batch.num_rows() {
            if self.rows_in_part == self.rows_per_part {
                self.start_part()?;
            }
            let room = (self.rows_per_part - self.rows_in_part) as usize;
            let take = room.min(batch.num_rows() - offset);
            if let Some((_, writer)) = &mut self.current {
                writer.write(&batch.slice(offset, take))?;
            }
            self.rows_in_part += take as u64;
            offset += take;
        }
        Ok(())
    }

    /// Finish the last part and move every part into place: `target` itself when one
    /// part was enough, else `target-1`, `target-2`, …. Returns the paths written.
    pub(crate) fn finish(mut self) -> Result<Vec<PathBuf>> {
        if let Some((file, writer)) = self.current.take() {
            writer.finish()?;
            self.done.push(file);
        }
        let single = self.done.len() == 1;
        let mut written = Vec::new();
        for (i, file) in self.done.into_iter().enumerate() {
            let path = if single {
                self.target.clone()
            } else {
                part_path(&self.target, i + 1)
            };
            file.commit_as(&path)?;
            written.push(path);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_outside_quotes_become_crlf() {
        let mut w = CrlfWriter::with_bom(Vec::new()).unwrap();
        w.write_all(b"\"a\",\"b\nc\"\n\"d\"\"\n\"\n").unwrap();
        assert_eq!(w.inner, b"\xEF\xBB\xBF\"a\",\"b\nc\"\r\n\"d\"\"\n\"\r\n");
    }

    #[test]
    fn parts_are_numbered_before_the_extension() {
        assert_eq!(
            part_path(Path::new("out/result.csv"), 2),
            Path::new("out/result-2.csv")
        );
        assert_eq!(part_path(Path::new("result"), 3), Path::new("result-3"));
    }
}
