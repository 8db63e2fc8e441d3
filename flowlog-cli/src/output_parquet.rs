//! `-o result.parquet`: the result as one Parquet file with the result's Arrow schema
//! (column names and types as the query produced them), Snappy-compressed.

use std::fs::File;
use std::io::BufWriter;

use anyhow::{Context, Result};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::output::AtomicFile;

/// A Parquet file being written for a result.
pub(crate) struct ParquetResult {
    writer: ArrowWriter<BufWriter<File>>,
}

impl ParquetResult {
    /// A writer into `file` (its temporary name) for rows of `schema`.
    pub(crate) fn new(file: &AtomicFile, schema: SchemaRef) -> Result<Self> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("flowlog {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(file.writer()?, schema, Some(props))
            .context("cannot start the Parquet file")?;
        Ok(Self { writer })
    }

    /// Write a batch.
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        self.writer
            .write(batch)
            .context("cannot write to the Parquet file")
    }

    /// Write the footer and flush.
    pub(crate) fn finish(self) -> Result<()> {
        let mut out = self
            .writer
            .into_inner()
            .context("cannot finish the Parquet file")?;
        std::io::Write::flush(&mut out)?;
        Ok(())
    }
}
