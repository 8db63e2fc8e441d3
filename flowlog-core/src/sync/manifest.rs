//! The sync manifest: the ETag of every object a sync wrote, kept outside the log tree
//! (`DIR/.flowlog-sync/manifest.tsv`, next to the `DIR/<bucket>/` mirrors), so that a
//! later sync can tell an unchanged object from one rewritten with the same size.
//!
//! One line per object, `bucket<TAB>key<TAB>size<TAB>etag`; a later line for the same
//! object replaces an earlier one. Lines are appended as objects are written, so an
//! interrupted sync keeps what it recorded.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::SyncError;

/// The folder under the sync directory that holds the manifest (never a bucket's name:
/// bucket names cannot start with a dot).
pub(crate) const FOLDER: &str = ".flowlog-sync";

/// What the manifest says about one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The size written.
    pub(crate) size: u64,
    /// The ETag listed when it was written.
    pub(crate) e_tag: String,
}

/// The manifest of a sync directory: read once, appended to as objects are written.
#[derive(Debug)]
pub(crate) struct Manifest {
    path: PathBuf,
    entries: HashMap<(String, String), Entry>,
    file: Option<std::fs::File>,
}

impl Manifest {
    /// Reads the manifest of `dir` (none yet is an empty one).
    pub(crate) fn open(dir: &Path) -> Result<Self, SyncError> {
        let path = dir.join(FOLDER).join("manifest.tsv");
        let mut entries = HashMap::new();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                for line in text.lines() {
                    let mut fields = line.split('\t');
                    if let (Some(bucket), Some(key), Some(size), Some(e_tag)) =
                        (fields.next(), fields.next(), fields.next(), fields.next())
                        && let Ok(size) = size.parse()
                    {
                        entries.insert(
                            (bucket.to_string(), key.to_string()),
                            Entry {
                                size,
                                e_tag: e_tag.to_string(),
                            },
                        );
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(SyncError::Manifest { path, error }),
        }
        Ok(Self {
            path,
            entries,
            file: None,
        })
    }

    /// What the manifest recorded for `bucket`/`key`.
    pub(crate) fn get(&self, bucket: &str, key: &str) -> Option<&Entry> {
        self.entries.get(&(bucket.to_string(), key.to_string()))
    }

    /// Records that `bucket`/`key` was written with this size and ETag.
    pub(crate) fn record(
        &mut self,
        bucket: &str,
        key: &str,
        size: u64,
        e_tag: &str,
    ) -> Result<(), SyncError> {
        let path = self.path.clone();
        let err = |error| SyncError::Manifest {
            path: path.clone(),
            error,
        };
        if self.file.is_none() {
            if let Some(parent) = self.path.parent() {
                std::fs::create_dir_all(parent).map_err(err)?;
            }
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .map_err(err)?;
            self.file = Some(file);
        }
        if let Some(file) = &mut self.file {
            writeln!(file, "{bucket}\t{key}\t{size}\t{e_tag}").map_err(err)?;
        }
        self.entries.insert(
            (bucket.to_string(), key.to_string()),
            Entry {
                size,
                e_tag: e_tag.to_string(),
            },
        );
        Ok(())
    }
}
