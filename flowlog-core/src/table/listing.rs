//! Listing: partition locations → the flow-log objects under them.
//!
//! Only the prefixes of the selected partitions are listed, a bounded number at a time.
//! Objects that are not flow-log files (`.log.parquet` or `.log.gz`) are skipped with a
//! warning that names them; nothing is read silently. Which of the two formats a table
//! reads is the table's decision ([`super::FlowLogTable`]), not the listing's.

use std::sync::Arc;

use datafusion::common::ScalarValue;
use datafusion::execution::object_store::ObjectStoreUrl;
use futures::{StreamExt, TryStreamExt};
use object_store::{ObjectMeta, ObjectStore};

use crate::error::{Error, Result};
use crate::layout::{FileFormat, ObjectKind, classify};
use crate::storage::ResolvedLocation;

/// A partition selected for reading: its values and where its objects are.
#[derive(Debug, Clone)]
pub(crate) struct PartitionTarget {
    /// One value per partition column, in declaration order.
    pub(crate) values: Vec<ScalarValue>,
    /// The location to list.
    pub(crate) location: ResolvedLocation,
}

/// A flow-log object to scan.
#[derive(Debug, Clone)]
pub(crate) struct ListedFile {
    pub(crate) meta: ObjectMeta,
    /// Parquet or gzip text, from the name's extension.
    pub(crate) format: FileFormat,
    pub(crate) values: Vec<ScalarValue>,
    pub(crate) store_url: ObjectStoreUrl,
    pub(crate) store: Arc<dyn ObjectStore>,
}

/// List every target's prefix (recursively, as Athena reads a partition's location),
/// `concurrency` at a time, keeping the flow-log objects (`.log.parquet`, `.log.gz`).
pub(crate) async fn list_targets(
    targets: Vec<PartitionTarget>,
    concurrency: usize,
) -> Result<Vec<ListedFile>> {
    let per_target = futures::stream::iter(targets.into_iter().map(|t| async move {
        let prefix = t.location.prefix.clone();
        let objects: Vec<ObjectMeta> =
            match t.location.store.list(Some(&prefix)).try_collect().await {
                Ok(v) => v,
                Err(object_store::Error::NotFound { .. }) => Vec::new(),
                Err(error) => {
                    return Err(Error::ObjectStore {
                        key: t.location.original.clone(),
                        error,
                    });
                }
            };
        log::debug!("listed {} ({} objects)", t.location.original, objects.len());
        let files: Vec<ListedFile> = objects
            .into_iter()
            .filter_map(|meta| keep_object(&t.location, meta, &t.values))
            .collect();
        Ok::<_, Error>(files)
    }))
    .buffered(concurrency.max(1));
    let mut out: Vec<ListedFile> = per_target
        .try_collect::<Vec<_>>()
        .await?
        .into_iter()
        .flatten()
        .collect();
    // Objects appear once even when two partitions' locations overlap.
    out.sort_by(|a, b| a.meta.location.cmp(&b.meta.location));
    out.dedup_by(|a, b| a.meta.location == b.meta.location && a.store_url == b.store_url);
    Ok(out)
}

/// The object as a file to scan, if it is a flow-log file (Parquet or gzip text);
/// otherwise a warning naming it, and `None`.
pub(crate) fn keep_object(
    location: &ResolvedLocation,
    meta: ObjectMeta,
    values: &[ScalarValue],
) -> Option<ListedFile> {
    let key = meta.location.as_ref();
    let format = match classify(key) {
        ObjectKind::Parquet => FileFormat::Parquet,
        ObjectKind::TextGzip => FileFormat::TextGzip,
        ObjectKind::Other => {
            log::warn!(
                "skipping {}: not a flow-log file (expected a name ending in .log.parquet or .log.gz)",
                display_key(location, key)
            );
            return None;
        }
    };
    Some(ListedFile {
        meta,
        format,
        values: values.to_vec(),
        store_url: location.store_url.clone(),
        store: Arc::clone(&location.store),
    })
}

/// How to name an object to the user: its local path for local stores, else its key.
pub(crate) fn display_key(location: &ResolvedLocation, key: &str) -> String {
    if location.local_dir.is_some() {
        format!("/{key}")
    } else {
        format!("{}{key}", location.store_url.as_str())
    }
}

/// How to name a listed object to the user: its local path, or its URL.
pub(crate) fn shown(f: &ListedFile) -> String {
    if f.store_url.as_str().starts_with("file://") {
        format!("/{}", f.meta.location)
    } else {
        format!("{}{}", f.store_url.as_str(), f.meta.location)
    }
}

/// Warns about objects that have the same file name in two places: flow-log file names
/// are unique (account, region, flow-log id, time and a hash), so the same name twice is
/// a second copy of a download, and every row in it would be counted twice.
pub(crate) fn warn_duplicate_names(files: &[ListedFile]) {
    let mut by_name: std::collections::BTreeMap<&str, Vec<&ListedFile>> =
        std::collections::BTreeMap::new();
    for f in files {
        if let Some(name) = f.meta.location.filename() {
            by_name.entry(name).or_default().push(f);
        }
    }
    let duplicates: Vec<(&str, Vec<&ListedFile>)> =
        by_name.into_iter().filter(|(_, v)| v.len() > 1).collect();
    let Some((name, copies)) = duplicates.first() else {
        return;
    };
    let places: Vec<String> = copies.iter().map(|f| shown(f)).collect();
    log::warn!(
        "{} object name{} appear{} more than once, so their rows are counted more than once \
         (two copies of the same download?); e.g. {name} at {}",
        duplicates.len(),
        if duplicates.len() == 1 { "" } else { "s" },
        if duplicates.len() == 1 { "s" } else { "" },
        places.join(" and ")
    );
}
