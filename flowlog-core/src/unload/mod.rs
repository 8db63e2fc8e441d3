//! `UNLOAD (query) TO 's3://…' WITH (…)`: a query's rows written as files, laid out as
//! Athena lays them out.
//!
//! ```text
//! rows ──► [partitioned_by: split by the last columns' values, at most 100 partitions]
//!      ──► one file per partition (Parquet / TEXTFILE / JSON, compressed) in a staging
//!          directory
//!      ──► query succeeded: moved into the mirrored directory (a rename) or uploaded to
//!          S3; query failed: the staging directory is removed, nothing is written
//! ```
//!
//! The target must be empty unless the output is partitioned (Athena adds new files to
//! the partitions then). Files are named `<query id>_<n>` (`.gz` / `.zst` for compressed
//! text), partitions are `col=value/` folders with Hive's escaping.

mod encode;
pub mod error;
mod file;
pub mod statement;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::UInt32Array;
use datafusion::arrow::compute::take_record_batch;
use datafusion::arrow::datatypes::Schema;
use datafusion::execution::SendableRecordBatchStream;
use futures::StreamExt;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

pub use error::UnloadError;
pub use statement::{UnloadCompression, UnloadFormat, UnloadOptions, UnloadStatement, parse};

use crate::projection::escape_path_name;
use crate::render::render_value;
use crate::storage::ResolvedLocation;
use file::OutputFile;

/// The most partitions one UNLOAD writes (Athena's limit).
pub const MAX_PARTITIONS: usize = 100;

/// What an UNLOAD wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnloadSummary {
    /// Rows written.
    pub rows: u64,
    /// The files written, relative to the target (`col=value/<name>` when partitioned).
    pub files: Vec<String>,
}

/// Where the files go and how they are written.
#[derive(Debug)]
pub struct UnloadPlan<'a> {
    /// The `TO` location, resolved (a mirrored directory or a bucket).
    pub target: &'a ResolvedLocation,
    /// The `WITH` properties.
    pub options: &'a UnloadOptions,
    /// Where files are staged before an upload to S3 (a local target stages beside itself).
    pub temp_dir: PathBuf,
    /// The id that starts every file name.
    pub query_id: String,
}

/// The number of leading columns that are data (the rest are the partition columns,
/// which must close the query's columns in the order given).
pub fn data_columns(schema: &Schema, options: &UnloadOptions) -> Result<usize, UnloadError> {
    let names: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| f.name().to_lowercase())
        .collect();
    let n = options.partitioned_by.len();
    if n == 0 {
        return Ok(names.len());
    }
    let tail = &names[names.len().saturating_sub(n)..];
    if tail != options.partitioned_by.as_slice() {
        return Err(UnloadError::PartitionColumnsNotLast {
            wanted: options.partitioned_by.join(", "),
            found: tail.join(", "),
        });
    }
    if names.len() == n {
        return Err(UnloadError::OnlyPartitionColumns);
    }
    Ok(names.len() - n)
}

/// A flowlog-made Trino-style query id: `yyyyMMdd_HHmmss_NNNNN_xxxxx`.
pub fn new_query_id() -> String {
    let now = chrono::Utc::now();
    let nanos = now.timestamp_subsec_nanos() as u64 ^ u64::from(std::process::id()) << 20;
    let mut seed = nanos.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let letters: String = (0..5)
        .map(|_| {
            seed = seed.rotate_left(7).wrapping_mul(31).wrapping_add(17);
            char::from(b'a' + (seed % 26) as u8)
        })
        .collect();
    format!(
        "{}_{:05}_{letters}",
        now.format("%Y%m%d_%H%M%S"),
        std::process::id() % 100_000
    )
}

/// Removes the staging directory unless its files were moved away.
struct Staging {
    dir: PathBuf,
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn write_error(target: &ResolvedLocation, reason: impl std::fmt::Display) -> UnloadError {
    UnloadError::Write {
        target: target.original.clone(),
        reason: reason.to_string(),
    }
}

/// Whether the target holds anything; one key or path it holds.
pub async fn first_entry(target: &ResolvedLocation) -> Result<Option<String>, UnloadError> {
    if let Some(dir) = &target.local_dir {
        return match std::fs::read_dir(dir) {
            Ok(mut entries) => Ok(entries
                .next()
                .map(|e| e.map(|e| e.path().display().to_string()))
                .transpose()
                .map_err(|e| write_error(target, e))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                Ok(Some(dir.display().to_string()))
            }
            Err(e) => Err(write_error(target, e)),
        };
    }
    let mut list = target.store.list(Some(&target.prefix));
    match list.next().await {
        Some(Ok(meta)) => Ok(Some(meta.location.to_string())),
        Some(Err(e)) => Err(write_error(target, e)),
        None => Ok(None),
    }
}

/// Write every row of `stream` under the target; nothing is left there if any step fails
/// before the files are moved or uploaded (an upload that fails midway deletes what it
/// uploaded).
pub async fn write(
    mut stream: SendableRecordBatchStream,
    plan: UnloadPlan<'_>,
) -> Result<UnloadSummary, crate::Error> {
    let target = plan.target;
    let options = plan.options;
    let schema = stream.schema();
    let columns = data_columns(&schema, options)?;
    let data_schema = Arc::new(
        schema
            .project(&(0..columns).collect::<Vec<_>>())
            .map_err(|e| write_error(target, e))?,
    );
    if options.format == UnloadFormat::TextFile {
        encode::check_text_types(
            &data_schema
                .fields()
                .iter()
                .map(|f| f.as_ref())
                .collect::<Vec<_>>(),
        )?;
    }
    if options.partitioned_by.is_empty()
        && let Some(example) = first_entry(target).await?
    {
        return Err(UnloadError::TargetNotEmpty {
            target: target.original.clone(),
            example,
        }
        .into());
    }
    let staging_parent = match &target.local_dir {
        Some(dir) => {
            let parent = dir
                .parent()
                .ok_or_else(|| write_error(target, "the target is the root directory"))?;
            std::fs::create_dir_all(parent).map_err(|e| write_error(target, e))?;
            parent.to_path_buf()
        }
        None => plan.temp_dir.clone(),
    };
    let staging = Staging {
        dir: staging_parent.join(format!(".flowlog-unload-{}", plan.query_id)),
    };
    std::fs::create_dir(&staging.dir).map_err(|e| write_error(target, e))?;

    let extension = file::extension(options);
    let mut writers: HashMap<Vec<Option<String>>, (String, OutputFile)> = HashMap::new();
    let mut order: Vec<Vec<Option<String>>> = Vec::new();
    let mut rows = 0u64;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        // Row indices by partition, in the order partitions first appear.
        let mut groups: Vec<(Vec<Option<String>>, Vec<u32>)> = Vec::new();
        let mut index: HashMap<Vec<Option<String>>, usize> = HashMap::new();
        for row in 0..batch.num_rows() {
            let key: Vec<Option<String>> = (columns..batch.num_columns())
                .map(|c| render_value(batch.column(c).as_ref(), row))
                .collect();
            let at = *index.entry(key.clone()).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[at].1.push(row as u32);
        }
        for (key, rows_of) in groups {
            if !writers.contains_key(&key) {
                if writers.len() == MAX_PARTITIONS {
                    return Err(UnloadError::TooManyPartitions {
                        limit: MAX_PARTITIONS,
                    }
                    .into());
                }
                let mut relative = String::new();
                for (name, value) in options.partitioned_by.iter().zip(&key) {
                    relative.push_str(&escape_path_name(name));
                    relative.push('=');
                    relative.push_str(&escape_path_name(value.as_deref().unwrap_or_default()));
                    relative.push('/');
                }
                relative.push_str(&format!("{}_{}{extension}", plan.query_id, writers.len()));
                let path = staged_path(&staging.dir, &relative);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| write_error(target, e))?;
                }
                let out = OutputFile::create(&path, Arc::clone(&data_schema), options)
                    .map_err(|e| write_error(target, e))?;
                writers.insert(key.clone(), (relative, out));
                order.push(key.clone());
            }
            let part = if rows_of.len() == batch.num_rows() {
                batch.clone()
            } else {
                take_record_batch(&batch, &UInt32Array::from(rows_of))
                    .map_err(|e| write_error(target, e))?
            };
            if let Some((_, out)) = writers.get_mut(&key) {
                out.write(&part, columns)
                    .map_err(|e| write_error(target, e))?;
            }
        }
    }
    let mut files = Vec::new();
    for key in order {
        if let Some((relative, out)) = writers.remove(&key) {
            out.finish().map_err(|e| write_error(target, e))?;
            files.push(relative);
        }
    }
    match &target.local_dir {
        Some(dir) => move_into_place(target, &staging, dir, &files)?,
        None => upload(target, &staging.dir, &files).await?,
    }
    Ok(UnloadSummary { rows, files })
}

fn staged_path(root: &Path, relative: &str) -> PathBuf {
    let mut path = root.to_path_buf();
    for part in relative.split('/') {
        path.push(part);
    }
    path
}

/// Renames the staged files into the target directory (the whole staging directory when
/// the target does not exist yet).
fn move_into_place(
    target: &ResolvedLocation,
    staging: &Staging,
    dir: &Path,
    files: &[String],
) -> Result<(), UnloadError> {
    if files.is_empty() {
        return Ok(());
    }
    if !dir.exists() {
        return std::fs::rename(&staging.dir, dir).map_err(|e| write_error(target, e));
    }
    for relative in files {
        let to = staged_path(dir, relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| write_error(target, e))?;
        }
        std::fs::rename(staged_path(&staging.dir, relative), &to)
            .map_err(|e| write_error(target, e))?;
    }
    Ok(())
}

/// Parts of at most this many bytes are uploaded one request each.
const PART_BYTES: usize = 16 * 1024 * 1024;

/// Uploads the staged files; on a failure, deletes what was uploaded.
async fn upload(
    target: &ResolvedLocation,
    staging: &Path,
    files: &[String],
) -> Result<(), UnloadError> {
    let mut done = Vec::new();
    for relative in files {
        let key = target.child(relative);
        match upload_one(&target.store, &staged_path(staging, relative), &key).await {
            Ok(()) => done.push(key),
            Err(reason) => {
                for key in &done {
                    let _ = target.store.delete(key).await;
                }
                return Err(write_error(target, format!("{relative}: {reason}")));
            }
        }
    }
    Ok(())
}

async fn upload_one(
    store: &Arc<dyn ObjectStore>,
    path: &Path,
    key: &object_store::path::Path,
) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes.len() <= PART_BYTES {
        store
            .put(key, PutPayload::from(bytes))
            .await
            .map_err(|e| e.to_string())?;
        return Ok(());
    }
    let mut upload = store.put_multipart(key).await.map_err(|e| e.to_string())?;
    for chunk in bytes.chunks(PART_BYTES) {
        if let Err(e) = upload.put_part(PutPayload::from(chunk.to_vec())).await {
            let _ = upload.abort().await;
            return Err(e.to_string());
        }
    }
    upload.complete().await.map_err(|e| e.to_string())?;
    Ok(())
}
