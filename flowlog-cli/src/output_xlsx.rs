//! `-o result.xlsx`: an Excel workbook with typed cells — numbers as numbers, booleans
//! as booleans, timestamps and dates as Excel dates with a display format, everything
//! else as text (as Athena prints it) — and one sheet per 1,048,575 data rows, each
//! with the header. Rows stream to temporary files (rust_xlsxwriter's constant-memory
//! sheets), so a large result does not sit in memory.

use anyhow::Result;
use chrono::{NaiveDate, NaiveDateTime};
use datafusion::arrow::array::Array;
use datafusion::arrow::datatypes::{DataType, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use flowlog_core::render::render_value;
use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};

use crate::excel::EXCEL_DATA_ROWS;
use crate::output::AtomicFile;

/// How one column's values become cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Number,
    Boolean,
    Timestamp,
    Date,
    Text,
}

fn cell_kind(data_type: &DataType) -> Cell {
    match data_type {
        DataType::Boolean => Cell::Boolean,
        DataType::Decimal128(_, _) | DataType::Decimal256(_, _) => Cell::Number,
        t if t.is_numeric() => Cell::Number,
        DataType::Timestamp(_, _) => Cell::Timestamp,
        DataType::Date32 | DataType::Date64 => Cell::Date,
        _ => Cell::Text,
    }
}

/// The day Excel counts its date serial numbers from (1900 date system).
fn excel_epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default()
}

/// The Excel serial number of a wall-clock time printed as Athena prints it
/// (`2026-11-19 00:05:00.000`, with a zone after it for `timestamp with time zone`).
fn serial(text: &str, kind: Cell) -> Option<f64> {
    let at = match kind {
        Cell::Date => NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d")
            .ok()?
            .and_hms_opt(0, 0, 0)?,
        _ => {
            let end = text
                .char_indices()
                .filter(|(_, c)| *c == ' ')
                .nth(1)
                .map_or(text.len(), |(i, _)| i);
            NaiveDateTime::parse_from_str(&text[..end], "%Y-%m-%d %H:%M:%S%.f").ok()?
        }
    };
    let span = at - excel_epoch();
    let millis = span.num_milliseconds() as f64;
    (millis >= 0.0).then_some(millis / 86_400_000.0)
}

/// An Excel workbook being written for a result.
pub(crate) struct XlsxResult {
    workbook: Workbook,
    names: Vec<String>,
    kinds: Vec<Cell>,
    timestamp: CellFormat,
    date: CellFormat,
    sheets: usize,
    row_in_sheet: u32,
    rows_per_sheet: u32,
}

fn xlsx(err: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("cannot write the Excel workbook: {err}")
}

impl XlsxResult {
    /// A workbook for rows of `schema`, sheets of at most `rows_per_sheet` data rows.
    pub(crate) fn new(schema: &Schema, rows_per_sheet: u64) -> Result<Self> {
        let mut workbook = Workbook::new();
        let temp = std::env::temp_dir();
        workbook.set_tempdir(&temp).map_err(xlsx)?;
        let mut out = Self {
            workbook,
            names: schema.fields().iter().map(|f| f.name().clone()).collect(),
            kinds: schema
                .fields()
                .iter()
                .map(|f| cell_kind(f.data_type()))
                .collect(),
            timestamp: CellFormat::new().set_num_format("yyyy-mm-dd hh:mm:ss.000"),
            date: CellFormat::new().set_num_format("yyyy-mm-dd"),
            sheets: 0,
            row_in_sheet: 0,
            rows_per_sheet: u32::try_from(rows_per_sheet.clamp(1, EXCEL_DATA_ROWS))
                .unwrap_or(1_048_575),
        };
        out.new_sheet()?;
        Ok(out)
    }

    fn new_sheet(&mut self) -> Result<()> {
        let sheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx)?;
        for (col, name) in self.names.iter().enumerate() {
            sheet
                .write_string(0, col as u16, name.as_str())
                .map_err(xlsx)?;
        }
        self.sheets += 1;
        self.row_in_sheet = 0;
        Ok(())
    }

    /// Write every row of a batch, starting a new sheet whenever one is full.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        for row in 0..batch.num_rows() {
            if self.row_in_sheet == self.rows_per_sheet {
                self.new_sheet()?;
            }
            self.row_in_sheet += 1;
            let at = self.row_in_sheet;
            let sheet = self
                .workbook
                .worksheet_from_index(self.sheets - 1)
                .map_err(xlsx)?;
            for (col, column) in batch.columns().iter().enumerate() {
                let column: &dyn Array = column.as_ref();
                let Some(text) = render_value(column, row) else {
                    continue;
                };
                let col = col as u16;
                let kind = self.kinds[col as usize];
                let written = match kind {
                    Cell::Number => match text.parse::<f64>() {
                        Ok(n) if n.is_finite() => sheet.write_number(at, col, n),
                        _ => sheet.write_string(at, col, text),
                    },
                    Cell::Boolean => sheet.write_boolean(at, col, text == "true"),
                    Cell::Timestamp | Cell::Date => match serial(&text, kind) {
                        Some(n) => {
                            let format = if kind == Cell::Date {
                                &self.date
                            } else {
                                &self.timestamp
                            };
                            sheet.write_number_with_format(at, col, n, format)
                        }
                        None => sheet.write_string(at, col, text),
                    },
                    Cell::Text => sheet.write_string(at, col, text),
                };
                written.map_err(xlsx)?;
            }
        }
        Ok(())
    }

    /// Save the workbook into `file` (its temporary name).
    pub(crate) fn finish(mut self, file: &AtomicFile) -> Result<()> {
        let out = file.writer()?;
        self.workbook.save_to_writer(out).map_err(xlsx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_count_days_from_1899_12_30() {
        assert_eq!(serial("1900-01-01", Cell::Date), Some(2.0));
        assert_eq!(serial("2026-11-19", Cell::Date), Some(46345.0));
        assert_eq!(
            serial("2026-11-19 12:00:00.000 UTC", Cell::Timestamp),
            Some(46345.5)
        );
        assert_eq!(serial("not a date", Cell::Timestamp), None);
    }
}
