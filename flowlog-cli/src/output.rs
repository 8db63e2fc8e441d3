//! Result writers (table, Athena CSV, TSV, JSON Lines) and the atomic output file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::datatypes::{DataType, Float16Type, Float32Type, Float64Type, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use flowlog_core::render::{AthenaCsvWriter, render_value};

use crate::args::Format;
use crate::excel::CrlfWriter;
use crate::table_view::TableView;

/// How a [`ResultWriter`] shapes its output.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WriterOptions {
    /// The most rows the table format prints (0: all).
    pub(crate) max_rows: usize,
    /// The widest line the table format prints, in terminal columns (0: no limit).
    pub(crate) max_width: usize,
    /// CSV for Excel: a byte-order mark and CRLF line ends.
    pub(crate) excel: bool,
}

/// Writes batches in the chosen format.
pub(crate) struct ResultWriter {
    format: Format,
    names: Vec<String>,
    csv: Option<AthenaCsvWriter<Box<dyn Write>>>,
    out: Option<Box<dyn Write>>,
    table: TableView,
    header_written: bool,
}

impl ResultWriter {
    /// A writer of `format` to `out` for rows of `schema`.
    pub(crate) fn new(
        format: Format,
        out: impl Write + 'static,
        schema: &Schema,
        options: WriterOptions,
    ) -> Result<Self> {
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let numeric = schema
            .fields()
            .iter()
            .map(|f| {
                f.data_type().is_numeric() && !matches!(f.data_type(), DataType::Decimal128(_, _))
            })
            .collect();
        let out: Box<dyn Write> = if options.excel && format == Format::Csv {
            Box::new(CrlfWriter::with_bom(out)?)
        } else {
            Box::new(out)
        };
        let (csv, out) = match format {
            Format::Csv => (Some(AthenaCsvWriter::new(out)), None),
            _ => (None, Some(out)),
        };
        Ok(Self {
            format,
            table: TableView::new(names.clone(), numeric, options.max_rows, options.max_width),
            names,
            csv,
            out,
            header_written: false,
        })
    }

    /// Write (or, for the table, keep) every row of a batch.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        match self.format {
            Format::Csv => {
                if let Some(csv) = &mut self.csv {
                    csv.write_batch(batch)?;
                }
            }
            Format::Table => {
                for row in 0..batch.num_rows() {
                    self.table.push(
                        batch
                            .columns()
                            .iter()
                            .map(|c| render_value(c.as_ref(), row))
                            .collect(),
                    );
                }
            }
            Format::Tsv => {
                self.write_tsv_header()?;
                let out = self.out.as_mut().context("output closed")?;
                let mut line = String::new();
                for row in 0..batch.num_rows() {
                    line.clear();
                    for (i, c) in batch.columns().iter().enumerate() {
                        if i > 0 {
                            line.push('\t');
                        }
                        if let Some(v) = render_value(c.as_ref(), row) {
                            push_tsv(&mut line, &v);
                        }
                    }
                    line.push('\n');
                    out.write_all(line.as_bytes())?;
                }
            }
            Format::Parquet | Format::Xlsx => {
                anyhow::bail!("{} is written by its own sink", self.format.name())
            }
            Format::Json => {
                let out = self.out.as_mut().context("output closed")?;
                for row in 0..batch.num_rows() {
                    let mut line = String::from("{");
                    for (i, c) in batch.columns().iter().enumerate() {
                        if i > 0 {
                            line.push(',');
                        }
                        line.push_str(&serde_json::to_string(&self.names[i])?);
                        line.push(':');
                        match render_value(c.as_ref(), row) {
                            None => line.push_str("null"),
                            Some(v) if json_bare(c.as_ref(), row) => line.push_str(&v),
                            Some(v) => line.push_str(&serde_json::to_string(&v)?),
                        }
                    }
                    line.push_str("}\n");
                    out.write_all(line.as_bytes())?;
                }
            }
        }
        Ok(())
    }

    fn write_tsv_header(&mut self) -> Result<()> {
        if self.header_written {
            return Ok(());
        }
        let out = self.out.as_mut().context("output closed")?;
        let mut line = String::new();
        for (i, n) in self.names.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            push_tsv(&mut line, n);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        self.header_written = true;
        Ok(())
    }

    /// Write what is still held (the header of an empty result, the table) and flush.
    pub(crate) fn finish(mut self) -> Result<()> {
        match self.format {
            Format::Csv => {
                if let Some(mut csv) = self.csv.take() {
                    csv.write_header(&self.names)?;
                    csv.finish()?;
                }
            }
            Format::Tsv => {
                self.write_tsv_header()?;
                if let Some(mut out) = self.out.take() {
                    out.flush()?;
                }
            }
            Format::Json | Format::Parquet | Format::Xlsx => {
                if let Some(mut out) = self.out.take() {
                    out.flush()?;
                }
            }
            Format::Table => {
                let mut out = self.out.take().context("output closed")?;
                self.table.write(&mut out)?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

/// A TSV field: tab, newline, carriage return and backslash escaped as `\t`, `\n`,
/// `\r` and `\\`, so every row is one line.
fn push_tsv(line: &mut String, value: &str) {
    for ch in value.chars() {
        match ch {
            '\t' => line.push_str("\\t"),
            '\n' => line.push_str("\\n"),
            '\r' => line.push_str("\\r"),
            '\\' => line.push_str("\\\\"),
            c => line.push(c),
        }
    }
}

/// Whether a value is written bare in JSON, as its rendered text: booleans, integers
/// and finite floating-point numbers (decimals, NaN and infinities are written as strings).
fn json_bare(column: &dyn Array, row: usize) -> bool {
    match column.data_type() {
        DataType::Boolean => true,
        t if t.is_integer() => true,
        DataType::Float16 => column
            .as_primitive::<Float16Type>()
            .value(row)
            .to_f32()
            .is_finite(),
        DataType::Float32 => column.as_primitive::<Float32Type>().value(row).is_finite(),
        DataType::Float64 => column.as_primitive::<Float64Type>().value(row).is_finite(),
        _ => false,
    }
}

/// A file written under a temporary name in the target's directory and renamed into
/// place by [`AtomicFile::commit`]; dropped uncommitted, the temporary file is removed.
pub(crate) struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl AtomicFile {
    pub(crate) fn create(target: &Path) -> Result<Self> {
        let dir = crate::output_path::parent_dir(target);
        if !dir.is_dir() {
            anyhow::bail!(
                "--output {}: directory {} does not exist",
                target.display(),
                dir.display()
            );
        }
        let name = target
            .file_name()
            .with_context(|| format!("--output {} names no file", target.display()))?;
        let name = name.to_string_lossy();
        remove_stale_temps(&dir, &name);
        let temp = dir.join(format!(".{name}.flowlog-{}.tmp", std::process::id()));
        Ok(Self {
            target: target.to_path_buf(),
            temp,
            committed: false,
        })
    }

    pub(crate) fn writer(&self) -> Result<BufWriter<File>> {
        let file = File::create_new(&self.temp)
            .with_context(|| format!("cannot create {}", self.temp.display()))?;
        Ok(BufWriter::new(file))
    }

    pub(crate) fn commit(self) -> Result<()> {
        let target = self.target.clone();
        self.commit_as(&target)
    }

    /// Move the file into place under `target` (in the same directory as the path it
    /// was created for: a numbered part of a split result).
    pub(crate) fn commit_as(mut self, target: &Path) -> Result<()> {
        // What appeared at the target while the query ran is checked again.
        crate::output_path::refuse_special(target)?;
        std::fs::rename(&self.temp, target)
            .with_context(|| format!("cannot move the result into {}", target.display()))?;
        self.committed = true;
        Ok(())
    }
}

/// Removes the temporary files a killed run left for the same output
/// (`.NAME.flowlog-PID.tmp` whose process is gone). Best effort: a file that cannot be
/// read or removed is left alone.
fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.flowlog-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && !process_alive(pid) {
            let path = entry.path();
            match std::fs::remove_file(&path) {
                Ok(()) => log::info!("removed {}, left by a stopped run", path.display()),
                Err(err) => log::warn!("cannot remove {}: {err}", path.display()),
            }
        }
    }
}

/// Whether a process with this id exists (on doubt, yes: its file is kept).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        // Signal 0 sends nothing; it only asks whether the process exists.
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
