//! One output file of an UNLOAD: Parquet, or compressed TEXTFILE / JSON lines.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::datatypes::Schema;
use datafusion::arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, GzipLevel, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::encode::{json_line, text_line};
use super::statement::{UnloadCompression, UnloadFormat, UnloadOptions};

/// A text stream, compressed as asked.
pub(crate) enum TextOut {
    Plain(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::Encoder<'static, BufWriter<File>>),
}

impl TextOut {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Self::Plain(w) => w.write_all(bytes),
            Self::Gzip(w) => w.write_all(bytes),
            Self::Zstd(w) => w.write_all(bytes),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        let mut inner = match self {
            Self::Plain(w) => w,
            Self::Gzip(w) => w.finish()?,
            Self::Zstd(w) => w.finish()?,
        };
        inner.flush()?;
        inner.get_ref().sync_all()
    }
}

/// A file being written.
pub(crate) enum OutputFile {
    /// Parquet with the query's Arrow schema (less the partition columns).
    Parquet(Box<ArrowWriter<File>>),
    /// TEXTFILE or JSON lines.
    Text {
        /// The stream.
        out: Box<TextOut>,
        /// The format.
        format: UnloadFormat,
        /// TEXTFILE's delimiter.
        delimiter: char,
    },
}

/// The file name extension for these options (`.gz`, `.zst`, or none).
pub(crate) fn extension(options: &UnloadOptions) -> &'static str {
    match (options.format, options.compression) {
        (UnloadFormat::Parquet, _) => "",
        (_, UnloadCompression::Gzip) => ".gz",
        (_, UnloadCompression::Zstd) => ".zst",
        _ => "",
    }
}

impl OutputFile {
    /// Create `path` for rows of `schema` (already without the partition columns).
    pub(crate) fn create(
        path: &Path,
        schema: Arc<Schema>,
        options: &UnloadOptions,
    ) -> std::io::Result<Self> {
        let file = File::create_new(path)?;
        Ok(match options.format {
            UnloadFormat::Parquet => {
                let compression = match options.compression {
                    UnloadCompression::Gzip => Compression::GZIP(match options.compression_level {
                        Some(l) => GzipLevel::try_new(l).map_err(std::io::Error::other)?,
                        None => GzipLevel::default(),
                    }),
                    UnloadCompression::Zstd => Compression::ZSTD(match options.compression_level {
                        Some(l) => ZstdLevel::try_new(l as i32).map_err(std::io::Error::other)?,
                        None => ZstdLevel::default(),
                    }),
                    UnloadCompression::Snappy => Compression::SNAPPY,
                    UnloadCompression::None => Compression::UNCOMPRESSED,
                };
                let props = WriterProperties::builder()
                    .set_compression(compression)
                    .set_created_by("flowlog UNLOAD".to_string())
                    .build();
                Self::Parquet(Box::new(
                    ArrowWriter::try_new(file, schema, Some(props))
                        .map_err(std::io::Error::other)?,
                ))
            }
            format => {
                let inner = BufWriter::new(file);
                let out = match options.compression {
                    UnloadCompression::Gzip => TextOut::Gzip(flate2::write::GzEncoder::new(
                        inner,
                        flate2::Compression::new(options.compression_level.unwrap_or(6)),
                    )),
                    UnloadCompression::Zstd => TextOut::Zstd(zstd::Encoder::new(
                        inner,
                        options.compression_level.map_or(3, |l| l as i32),
                    )?),
                    _ => TextOut::Plain(inner),
                };
                Self::Text {
                    out: Box::new(out),
                    format,
                    delimiter: options.field_delimiter,
                }
            }
        })
    }

    /// Write the first `columns` columns of every row of `batch`.
    pub(crate) fn write(&mut self, batch: &RecordBatch, columns: usize) -> std::io::Result<()> {
        match self {
            Self::Parquet(w) => {
                let batch = batch
                    .project(&(0..columns).collect::<Vec<_>>())
                    .map_err(std::io::Error::other)?;
                w.write(&batch).map_err(std::io::Error::other)
            }
            Self::Text {
                out,
                format,
                delimiter,
            } => {
                let mut bytes = Vec::new();
                let mut line = String::new();
                for row in 0..batch.num_rows() {
                    match format {
                        UnloadFormat::Json => {
                            line.clear();
                            json_line(batch, columns, row, &mut line);
                            bytes.extend_from_slice(line.as_bytes());
                        }
                        _ => text_line(batch, columns, row, *delimiter, &mut bytes),
                    }
                }
                out.write_all(&bytes)
            }
        }
    }

    /// Finish the file (Parquet footer, compression trailer) and flush it to disk.
    pub(crate) fn finish(self) -> std::io::Result<()> {
        match self {
            Self::Parquet(w) => {
                let file = w.into_inner().map_err(std::io::Error::other)?;
                file.sync_all()
            }
            Self::Text { out, .. } => out.finish(),
        }
    }
}
