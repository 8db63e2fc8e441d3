//! Where a result goes: stdout, one file written atomically, or the numbered parts of
//! an Excel CSV; and the one-line summary of what was written.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use datafusion::arrow::datatypes::Schema;
use datafusion::arrow::record_batch::RecordBatch;
use flowlog_core::storage::ProgressSnapshot;

use crate::args::Format;
use crate::excel::ExcelParts;
use crate::output::{AtomicFile, ResultWriter, WriterOptions};
use crate::output_parquet::ParquetResult;
use crate::output_xlsx::XlsxResult;

/// The destination of a query's rows.
pub(crate) enum ResultSink {
    /// Standard output.
    Stdout(ResultWriter),
    /// One file, moved into place when the query succeeds.
    File {
        /// The writer into the temporary file.
        writer: ResultWriter,
        /// The temporary file.
        file: AtomicFile,
        /// Where it goes.
        path: PathBuf,
    },
    /// An Excel CSV, in parts when it is longer than a sheet.
    Parts(ExcelParts),
    /// A Parquet file, moved into place when the query succeeds.
    Parquet {
        /// The writer into the temporary file.
        writer: ParquetResult,
        /// The temporary file.
        file: AtomicFile,
        /// Where it goes.
        path: PathBuf,
    },
    /// An Excel workbook, saved into a temporary file and moved into place when the query
    /// succeeds.
    Xlsx {
        /// The workbook.
        writer: Box<XlsxResult>,
        /// The temporary file.
        file: AtomicFile,
        /// Where it goes.
        path: PathBuf,
    },
}

impl ResultSink {
    /// The sink for `output` (stdout when `None`).
    pub(crate) fn open(
        format: Format,
        output: Option<&Path>,
        schema: &Schema,
        options: WriterOptions,
        rows_per_part: u64,
    ) -> Result<Self> {
        Ok(match output {
            Some(path) if format == Format::Parquet => {
                let file = AtomicFile::create(path)?;
                Self::Parquet {
                    writer: ParquetResult::new(&file, std::sync::Arc::new(schema.clone()))?,
                    file,
                    path: path.to_path_buf(),
                }
            }
            Some(path) if format == Format::Xlsx => Self::Xlsx {
                writer: Box::new(XlsxResult::new(schema, rows_per_part)?),
                file: AtomicFile::create(path)?,
                path: path.to_path_buf(),
            },
            Some(path) if options.excel => {
                Self::Parts(ExcelParts::new(path, schema, options, rows_per_part)?)
            }
            Some(path) => {
                let file = AtomicFile::create(path)?;
                let writer = ResultWriter::new(format, file.writer()?, schema, options)?;
                Self::File {
                    writer,
                    file,
                    path: path.to_path_buf(),
                }
            }
            None => Self::Stdout(ResultWriter::new(
                format,
                std::io::BufWriter::new(std::io::stdout().lock()),
                schema,
                options,
            )?),
        })
    }

    /// Write one batch.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        match self {
            Self::Stdout(writer) | Self::File { writer, .. } => writer.write(batch),
            Self::Parts(parts) => parts.write(batch),
            Self::Parquet { writer, .. } => writer.write(batch),
            Self::Xlsx { writer, .. } => writer.write(batch),
        }
    }

    /// Finish writing and move files into place; returns the files written.
    pub(crate) fn finish(self) -> Result<Vec<PathBuf>> {
        match self {
            Self::Stdout(writer) => {
                writer.finish()?;
                Ok(Vec::new())
            }
            Self::File { writer, file, path } => {
                writer.finish()?;
                file.commit()?;
                Ok(vec![path])
            }
            Self::Parts(parts) => parts.finish(),
            Self::Parquet { writer, file, path } => {
                writer.finish()?;
                file.commit()?;
                Ok(vec![path])
            }
            Self::Xlsx { writer, file, path } => {
                writer.finish(&file)?;
                file.commit()?;
                Ok(vec![path])
            }
        }
    }
}

/// `wrote 1,234 rows to result.csv in 0.4 s; read 16 objects, 208.0 KiB` — Athena's
/// "data scanned", for stderr.
pub(crate) fn summary(
    rows: u64,
    written: &[PathBuf],
    elapsed: Duration,
    progress: &ProgressSnapshot,
) -> String {
    let files = match written {
        [] => "stdout".to_string(),
        [one] => one.display().to_string(),
        many => format!(
            "{} parts ({} … {})",
            many.len(),
            many[0].display(),
            many[many.len() - 1].display()
        ),
    };
    format!(
        "wrote {} row{} to {files} in {:.1} s; read {} object{}, {}",
        thousands(rows),
        if rows == 1 { "" } else { "s" },
        elapsed.as_secs_f64(),
        thousands(progress.objects_scanned),
        if progress.objects_scanned == 1 {
            ""
        } else {
            "s"
        },
        bytes(progress.bytes_scanned)
    )
}

/// `1234567` → `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes in binary units, one decimal.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64;
    let mut unit = "B";
    for u in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = u;
    }
    format!("{value:.1} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_athena_prints_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_048_576), "1,048,576");
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(208 * 1024), "208.0 KiB");
        let p = ProgressSnapshot {
            objects_scanned: 16,
            bytes_scanned: 2048,
            ..ProgressSnapshot::default()
        };
        assert_eq!(
            summary(1, &[PathBuf::from("r.csv")], Duration::from_millis(420), &p),
            "wrote 1 row to r.csv in 0.4 s; read 16 objects, 2.0 KiB"
        );
    }
}
