//! Downloads of a held result, written by the CLI's own writers (the bytes
//! `flowlog query -o result.csv` writes): Athena's CSV, the Excel-safe CSV of `--excel`
//! and the xlsx workbook.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;

use crate::args::Format;
use crate::excel::EXCEL_DATA_ROWS;
use crate::output::WriterOptions;
use crate::sink::ResultSink;

/// A download format the page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Download {
    /// Athena's CSV.
    Csv,
    /// CSV for Excel: byte-order mark, CRLF.
    ExcelCsv,
    /// An Excel workbook.
    Xlsx,
}

impl Download {
    /// The format named `name` (`csv`, `excel`, `xlsx`).
    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "csv" => Some(Self::Csv),
            "excel" => Some(Self::ExcelCsv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    /// The file name offered to the browser.
    pub(crate) fn file_name(self, id: u64) -> String {
        match self {
            Self::Csv => format!("flowlog-{id}.csv"),
            Self::ExcelCsv => format!("flowlog-{id}-excel.csv"),
            Self::Xlsx => format!("flowlog-{id}.xlsx"),
        }
    }

    /// The content type.
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Self::Csv | Self::ExcelCsv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The bytes of `batches` in `kind`, written into a temporary file by the CLI's sink.
pub(crate) fn render(
    kind: Download,
    schema: &SchemaRef,
    batches: &[RecordBatch],
    id: u64,
) -> Result<Vec<u8>> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir =
        TempDir(std::env::temp_dir().join(format!("flowlog-ui-{}-{id}-{n}", std::process::id())));
    std::fs::create_dir_all(&dir.0)
        .with_context(|| format!("cannot create {}", dir.0.display()))?;
    let path = dir.0.join(kind.file_name(id));
    let format = if kind == Download::Xlsx {
        Format::Xlsx
    } else {
        Format::Csv
    };
    let options = WriterOptions {
        max_rows: 0,
        max_width: 0,
        excel: kind == Download::ExcelCsv,
    };
    let mut sink = ResultSink::open(format, Some(&path), schema, options, EXCEL_DATA_ROWS)?;
    for batch in batches {
        sink.write(batch)?;
    }
    let written = sink.finish()?;
    if written.len() != 1 {
        bail!(
            "the result is longer than one Excel sheet; write it with flowlog query -o result.csv --excel, which splits it into parts"
        );
    }
    std::fs::read(&written[0]).with_context(|| format!("cannot read {}", written[0].display()))
}
