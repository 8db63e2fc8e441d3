//! Where a table's objects live: an S3 URL mapped to a local mirror, or a local directory.
//!
//! Every location is resolved to an object store, the URL DataFusion knows that store by,
//! and the key prefix inside it. Local directories go through `object_store`'s local file
//! system store, so listing and reading use the same code path S3 will use.
//!
//! ```text
//! s3://bucket/prefix/AWSLogs/...   --mirror s3://bucket=/data/bucket   ->  file:///data/bucket/prefix/AWSLogs/...
//! ./logs/AWSLogs/...                                                    ->  file:///abs/logs/AWSLogs/...
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::execution::object_store::ObjectStoreUrl;
use object_store::ObjectStore;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;

use crate::error::{Error, Result};

/// A local copy of an S3 location: keys under `url` are read from `dir`.
///
/// ```
/// use flowlog_core::storage::Mirror;
/// let m: Mirror = "s3://my-logs/prefix=./logs".parse().unwrap();
/// assert_eq!(m.url(), "s3://my-logs/prefix");
/// assert_eq!(m.dir(), std::path::Path::new("./logs"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    bucket: String,
    prefix: String,
    dir: PathBuf,
}

impl Mirror {
    /// A mirror of `s3://bucket/prefix` (prefix may be empty) in `dir`.
    pub fn new(url: &str, dir: impl Into<PathBuf>) -> Result<Self> {
        let (bucket, prefix) = split_s3_url(url)?;
        Ok(Self {
            bucket,
            prefix: prefix.trim_end_matches('/').to_string(),
            dir: dir.into(),
        })
    }

    /// The S3 URL this mirror stands for, without a trailing slash.
    pub fn url(&self) -> String {
        if self.prefix.is_empty() {
            format!("s3://{}", self.bucket)
        } else {
            format!("s3://{}/{}", self.bucket, self.prefix)
        }
    }

    /// The local directory holding the copy.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The local path for `s3://bucket/key`, if this mirror covers it.
    fn map(&self, bucket: &str, key: &str) -> Option<PathBuf> {
        if bucket != self.bucket {
            return None;
        }
        let rest = if self.prefix.is_empty() {
            key
        } else if key == self.prefix {
            ""
        } else {
            key.strip_prefix(&self.prefix)?.strip_prefix('/')?
        };
        let mut path = self.dir.clone();
        for segment in rest.split('/').filter(|s| !s.is_empty()) {
            path.push(segment);
        }
        Some(path)
    }
}

impl std::str::FromStr for Mirror {
    type Err = Error;

    /// Parses `s3://bucket[/prefix]=DIR`.
    fn from_str(s: &str) -> Result<Self> {
        let (url, dir) = s.split_once('=').ok_or_else(|| Error::Location {
            location: s.to_string(),
            reason: "a mirror is written s3://bucket[/prefix]=DIR".to_string(),
        })?;
        if dir.is_empty() {
            return Err(Error::Location {
                location: s.to_string(),
                reason: "the mirror's directory is empty; write s3://bucket[/prefix]=DIR"
                    .to_string(),
            });
        }
        Mirror::new(url, dir)
    }
}

/// Split `s3://bucket/key` into bucket and key.
pub fn split_s3_url(url: &str) -> Result<(String, String)> {
    let rest = url
        .strip_prefix("s3://")
        .or_else(|| url.strip_prefix("s3a://"))
        .ok_or_else(|| Error::Location {
            location: url.to_string(),
            reason: "expected an s3:// URL".to_string(),
        })?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        return Err(Error::Location {
            location: url.to_string(),
            reason: "the URL names no bucket".to_string(),
        });
    }
    Ok((bucket.to_string(), key.to_string()))
}

/// A location resolved to a store and a key prefix inside it.
#[derive(Debug, Clone)]
pub struct ResolvedLocation {
    /// The location as the user wrote it (for messages).
    pub original: String,
    /// The URL DataFusion knows the store by.
    pub store_url: ObjectStoreUrl,
    /// The store.
    pub store: Arc<dyn ObjectStore>,
    /// Key prefix inside the store (no leading or trailing slash).
    pub prefix: ObjectPath,
    /// The local directory, when the location is on the local file system.
    pub local_dir: Option<PathBuf>,
}

impl ResolvedLocation {
    /// The key prefix for `relative` (a `/`-separated path below this location).
    pub fn child(&self, relative: &str) -> ObjectPath {
        let mut parts: Vec<String> = self
            .prefix
            .parts()
            .map(|p| p.as_ref().to_string())
            .collect();
        parts.extend(
            relative
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        ObjectPath::from_iter(parts)
    }
}

/// Resolves locations to object stores.
///
/// Holds the mirrors given by the user and one local file-system store shared by all
/// local locations. A custom store can replace the local one (tests use this to watch
/// which prefixes are listed).
#[derive(Debug, Clone)]
pub struct StoreResolver {
    mirrors: Vec<Mirror>,
    local: Arc<dyn ObjectStore>,
}

impl Default for StoreResolver {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl StoreResolver {
    /// A resolver with these mirrors and the local file system.
    pub fn new(mirrors: Vec<Mirror>) -> Self {
        Self {
            mirrors,
            local: Arc::new(LocalFileSystem::new()),
        }
    }

    /// Replace the store used for local paths (it must address absolute paths, like
    /// [`LocalFileSystem::new`]).
    pub fn with_local_store(mut self, store: Arc<dyn ObjectStore>) -> Self {
        self.local = store;
        self
    }

    /// The mirrors.
    pub fn mirrors(&self) -> &[Mirror] {
        &self.mirrors
    }

    /// The store used for local paths.
    pub fn local_store(&self) -> Arc<dyn ObjectStore> {
        Arc::clone(&self.local)
    }

    /// Resolve an `s3://` URL (through a mirror) or a local path.
    pub fn resolve(&self, location: &str) -> Result<ResolvedLocation> {
        let location = location.trim();
        if location.starts_with("s3://") || location.starts_with("s3a://") {
            let (bucket, key) = split_s3_url(location)?;
            // The longest matching mirror wins.
            let mapped = self
                .mirrors
                .iter()
                .filter_map(|m| m.map(&bucket, key.trim_end_matches('/')).map(|p| (m, p)))
                .max_by_key(|(m, _)| m.prefix.len());
            match mapped {
                Some((_, path)) => self.resolve_local(location, &path),
                None => Err(Error::Location {
                    location: location.to_string(),
                    reason: "flowlog reads S3 locations from a local copy in this version; \
                             give one with --mirror s3://BUCKET[/PREFIX]=DIR"
                        .to_string(),
                }),
            }
        } else if let Some(path) = location.strip_prefix("file://") {
            self.resolve_local(location, Path::new(path))
        } else if location.contains("://") {
            Err(Error::Location {
                location: location.to_string(),
                reason: "unsupported URL scheme; use s3:// or a local path".to_string(),
            })
        } else {
            self.resolve_local(location, Path::new(location))
        }
    }

    fn resolve_local(&self, original: &str, path: &Path) -> Result<ResolvedLocation> {
        let absolute = absolute_path(path).map_err(|e| Error::Location {
            location: original.to_string(),
            reason: format!("cannot resolve {}: {e}", path.display()),
        })?;
        let prefix = ObjectPath::from_iter(
            absolute
                .components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        );
        Ok(ResolvedLocation {
            original: original.to_string(),
            store_url: ObjectStoreUrl::local_filesystem(),
            store: Arc::clone(&self.local),
            prefix,
            local_dir: Some(absolute),
        })
    }
}

/// An absolute, lexically normalised path (symbolic links are resolved when the path exists).
pub fn absolute_path(path: &Path) -> std::io::Result<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Ok(p);
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirror_maps_keys_below_its_prefix() {
        let m: Mirror = "s3://b/p=/data".parse().unwrap();
        assert_eq!(
            m.map("b", "p/AWSLogs/x"),
            Some(PathBuf::from("/data/AWSLogs/x"))
        );
        assert_eq!(m.map("b", "p"), Some(PathBuf::from("/data")));
        assert_eq!(m.map("b", "px/AWSLogs"), None);
        assert_eq!(m.map("c", "p/AWSLogs"), None);
        let whole: Mirror = "s3://b=/d".parse().unwrap();
        assert_eq!(
            whole.map("b", "AWSLogs/1"),
            Some(PathBuf::from("/d/AWSLogs/1"))
        );
    }

    #[test]
    fn mirror_syntax_errors_name_the_input() {
        let err = "s3://b/p".parse::<Mirror>().unwrap_err().to_string();
        assert!(err.contains("s3://b/p"), "{err}");
        let err = "http://b=/x".parse::<Mirror>().unwrap_err().to_string();
        assert!(err.contains("expected an s3:// URL"), "{err}");
    }

    #[test]
    fn unmirrored_s3_location_says_what_to_do() {
        let r = StoreResolver::new(vec![]);
        let err = r.resolve("s3://bucket/AWSLogs/").unwrap_err().to_string();
        assert!(err.contains("--mirror"), "{err}");
    }

    #[test]
    fn local_paths_become_absolute_prefixes() {
        let r = StoreResolver::new(vec!["s3://b/p=/data/b".parse().unwrap()]);
        let loc = r.resolve("s3://b/p/AWSLogs/1/").unwrap();
        assert_eq!(loc.prefix.as_ref(), "data/b/AWSLogs/1");
        assert_eq!(
            loc.child("2026/11/19/").as_ref(),
            "data/b/AWSLogs/1/2026/11/19"
        );
    }
}
