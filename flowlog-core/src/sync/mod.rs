//! `flowlog sync`: copy the objects a table's scan reads from S3 into a local directory
//! laid out as the buckets, so that `--mirror s3://BUCKET=DIR/BUCKET` reads them.
//!
//! ```text
//! s3://bucket/AWSLogs/1111/vpcflowlogs/…/x.log.parquet  ──►  DIR/bucket/AWSLogs/1111/vpcflowlogs/…/x.log.parquet
//! ```
//!
//! - Only the objects of the partitions a query would read are copied: the table's own
//!   projection or discovery, listing and pruning choose them ([`FlowLogTable::objects`]).
//! - Resumable: an object already present with the listed size (and, where the manifest
//!   recorded one, the same ETag) is skipped; see [`manifest`].
//! - A bounded number of GETs run at once; each object is written to a temporary file
//!   in its directory and renamed into place, so no half-written object is ever seen
//!   under its name.

mod manifest;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use datafusion::catalog::TableProvider;
use futures::StreamExt;
use object_store::GetOptions;

use crate::session::FlowLogSession;
use crate::table::{FlowLogTable, TableObject};

/// Why a sync failed. Every error names the object or file it is about.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// Reading an object from its store failed.
    #[error("cannot read {url}: {error}")]
    Get {
        /// The object's URL.
        url: String,
        /// The store's error.
        #[source]
        error: object_store::Error,
    },
    /// Writing the local copy failed.
    #[error("cannot write {path} (for {url}): {error}")]
    Write {
        /// The object's URL.
        url: String,
        /// The local file.
        path: PathBuf,
        /// The error.
        #[source]
        error: std::io::Error,
    },
    /// The object read had another size than the listing said.
    #[error(
        "{url}: read {got} bytes, the listing said {expected} (was it rewritten during the sync?)"
    )]
    SizeMismatch {
        /// The object's URL.
        url: String,
        /// The listed size.
        expected: u64,
        /// The bytes read.
        got: u64,
    },
    /// The manifest could not be read or written.
    #[error("cannot use the sync manifest {path}: {error}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// The error.
        #[source]
        error: std::io::Error,
    },
    /// A table's objects are local, not on S3: there is nothing to sync.
    #[error(
        "table {table}: {url} is not on S3 (a local path or a --mirror); sync copies from s3:// locations"
    )]
    NotOnS3 {
        /// The table.
        table: String,
        /// The first local object.
        url: String,
    },
    /// Listing the table's objects failed.
    #[error("table {table}: {error}")]
    Table {
        /// The table.
        table: String,
        /// The error.
        #[source]
        error: Box<crate::Error>,
    },
}

/// The counters of a running sync, readable from another thread for a progress display.
#[derive(Debug, Default)]
pub struct SyncProgress {
    /// Objects to copy or check, in all.
    pub objects_total: AtomicU64,
    /// Their bytes, in all.
    pub bytes_total: AtomicU64,
    /// Objects done (downloaded or skipped).
    pub objects_done: AtomicU64,
    /// Bytes done (downloaded so far, or skipped).
    pub bytes_done: AtomicU64,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Objects downloaded.
    pub downloaded: u64,
    /// Bytes downloaded.
    pub bytes_downloaded: u64,
    /// Objects already present and unchanged.
    pub skipped: u64,
    /// Bytes of the skipped objects.
    pub bytes_skipped: u64,
    /// The buckets copied from, each mirrored at `DIR/<bucket>`.
    pub buckets: Vec<String>,
}

/// Where a bucket's copy lives under the sync directory.
pub fn bucket_dir(dir: &Path, bucket: &str) -> PathBuf {
    dir.join(bucket)
}

/// The local path of `bucket`/`key` under the sync directory.
fn local_path(dir: &Path, bucket: &str, key: &str) -> PathBuf {
    let mut path = bucket_dir(dir, bucket);
    for segment in key.split('/').filter(|s| !s.is_empty()) {
        path.push(segment);
    }
    path
}

impl FlowLogSession {
    /// The objects every flow-log table of the session reads, within `since..=until`
    /// when given (tables without a date partition column are read whole), each once.
    pub async fn sync_objects(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<TableObject>, SyncError> {
        let state = self.context().state();
        let mut out: Vec<TableObject> = Vec::new();
        let mut seen = BTreeSet::new();
        for (name, provider) in self.tables_of_every_database().await {
            let table_err = |error: crate::Error| SyncError::Table {
                table: name.clone(),
                error: Box::new(error),
            };
            let Some(table) = provider.downcast_ref::<FlowLogTable>() else {
                continue;
            };
            let filters = if since.is_some() || until.is_some() {
                table.date_range_filters(since, until).unwrap_or_default()
            } else {
                Vec::new()
            };
            if (since.is_some() || until.is_some()) && filters.is_empty() {
                log::warn!(
                    "table {name} has no date partition column: --since/--until do not narrow it"
                );
            }
            let objects = table.objects(&state, &filters).await.map_err(table_err)?;
            for object in objects {
                if object.bucket.is_none() {
                    return Err(SyncError::NotOnS3 {
                        table: name.clone(),
                        url: object.url(),
                    });
                }
                if seen.insert(object.url()) {
                    out.push(object);
                }
            }
        }
        Ok(out)
    }

    /// Every table of every database, as `db.table` (or `table` in the default one).
    async fn tables_of_every_database(&self) -> Vec<(String, std::sync::Arc<dyn TableProvider>)> {
        let Some(catalog) = self.context().catalog("awsdatacatalog") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut databases = catalog.schema_names();
        databases.sort();
        for database in databases {
            let Some(schema) = catalog.schema(&database) else {
                continue;
            };
            let mut names = schema.table_names();
            names.sort();
            for name in names {
                if let Ok(Some(provider)) = schema.table(&name).await {
                    let shown = if database == crate::session::DEFAULT_DATABASE {
                        name
                    } else {
                        format!("{database}.{name}")
                    };
                    out.push((shown, provider));
                }
            }
        }
        out
    }
}

/// Copies `objects` (all on S3) into `dir`, `concurrency` at a time, counting into
/// `progress`.
pub async fn download(
    objects: Vec<TableObject>,
    dir: &Path,
    concurrency: usize,
    progress: &SyncProgress,
) -> Result<SyncSummary, SyncError> {
    let mut manifest = manifest::Manifest::open(dir)?;
    let mut summary = SyncSummary::default();
    let mut buckets = BTreeSet::new();
    progress
        .objects_total
        .fetch_add(objects.len() as u64, Ordering::Relaxed);
    progress
        .bytes_total
        .fetch_add(objects.iter().map(|o| o.size).sum(), Ordering::Relaxed);
    let mut to_get = Vec::new();
    for object in objects {
        let bucket = object.bucket.clone().unwrap_or_default();
        buckets.insert(bucket.clone());
        let path = local_path(dir, &bucket, object.key.as_ref());
        if is_current(&manifest, &bucket, &object, &path) {
            summary.skipped += 1;
            summary.bytes_skipped += object.size;
            progress.objects_done.fetch_add(1, Ordering::Relaxed);
            progress
                .bytes_done
                .fetch_add(object.size, Ordering::Relaxed);
        } else {
            to_get.push((bucket, object, path));
        }
    }
    let mut results =
        futures::stream::iter(to_get.into_iter().map(|(bucket, object, path)| async move {
            let written = fetch(&object, &path, progress).await?;
            Ok::<_, SyncError>((bucket, object, written))
        }))
        .buffer_unordered(concurrency.max(1));
    while let Some(result) = results.next().await {
        let (bucket, object, written) = result?;
        progress.objects_done.fetch_add(1, Ordering::Relaxed);
        summary.downloaded += 1;
        summary.bytes_downloaded += written;
        if let Some(e_tag) = &object.e_tag {
            manifest.record(&bucket, object.key.as_ref(), object.size, e_tag)?;
        }
    }
    summary.buckets = buckets.into_iter().collect();
    Ok(summary)
}

/// Whether the local copy at `path` is the listed object: the same size, and the same
/// ETag where the manifest recorded one for it.
fn is_current(
    manifest: &manifest::Manifest,
    bucket: &str,
    object: &TableObject,
    path: &Path,
) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != object.size {
        return false;
    }
    match (manifest.get(bucket, object.key.as_ref()), &object.e_tag) {
        (Some(entry), Some(e_tag)) => entry.size == object.size && &entry.e_tag == e_tag,
        _ => true,
    }
}

/// GETs one object into a temporary file next to `path`, then renames it into place.
async fn fetch(
    object: &TableObject,
    path: &Path,
    progress: &SyncProgress,
) -> Result<u64, SyncError> {
    let url = object.url();
    let write_err = |path: &Path, error| SyncError::Write {
        url: url.clone(),
        path: path.to_path_buf(),
        error,
    };
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| write_err(parent, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Not a flow-log name (no .log.parquet / .log.gz ending), so no query reads it.
    let temp = parent.join(format!(".{name}.{}.flowlog-sync-part", std::process::id()));
    let result = async {
        let get = object
            .store
            .get_opts(&object.key, GetOptions::default())
            .await
            .map_err(|error| SyncError::Get {
                url: url.clone(),
                error,
            })?;
        let mut file = std::fs::File::create(&temp).map_err(|e| write_err(&temp, e))?;
        let mut stream = get.into_stream();
        let mut written: u64 = 0;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|error| SyncError::Get {
                url: url.clone(),
                error,
            })?;
            file.write_all(&chunk).map_err(|e| write_err(&temp, e))?;
            written += chunk.len() as u64;
            progress
                .bytes_done
                .fetch_add(chunk.len() as u64, Ordering::Relaxed);
        }
        file.flush().map_err(|e| write_err(&temp, e))?;
        if written != object.size {
            return Err(SyncError::SizeMismatch {
                url: url.clone(),
                expected: object.size,
                got: written,
            });
        }
        std::fs::rename(&temp, path).map_err(|e| write_err(path, e))?;
        Ok(written)
    }
    .await;
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
