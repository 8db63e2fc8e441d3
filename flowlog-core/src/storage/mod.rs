//! Where a table's objects live: S3 itself, a local mirror of an S3 URL, or a local directory.
//!
//! Every location is resolved to an object store, the URL DataFusion knows that store by,
//! and the key prefix inside it. A mirror wins over S3 where one is given.
//!
//! ```text
//! s3://bucket/prefix/AWSLogs/...   --mirror s3://bucket=/data/bucket   ->  file:///data/bucket/prefix/AWSLogs/...
//! s3://bucket/prefix/AWSLogs/...   (no mirror)                          ->  s3://bucket  prefix/AWSLogs/...
//! ./logs/AWSLogs/...                                                    ->  file:///abs/logs/AWSLogs/...
//! ```
//!
//! Every store is wrapped in a [`CountingStore`], so the session's [`Progress`] counts
//! objects listed and bytes read.

#[cfg(feature = "aws")]
mod credentials;
mod opened;
mod progress;
pub mod s3;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use datafusion::execution::object_store::{ObjectStoreRegistry, ObjectStoreUrl};
use object_store::ObjectStore;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;

use crate::error::{Error, Result};

pub use opened::CountingReaderFactory;
pub use progress::{CountingStore, Progress, ProgressSnapshot};
pub use s3::{S3Options, StaticCredentials};

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
/// Holds the mirrors given by the user, one local file-system store shared by all local
/// locations, and one store per S3 bucket (created on first use, then reused). A custom
/// store can replace the local one or serve a bucket (tests use this to watch requests).
#[derive(Clone)]
pub struct StoreResolver {
    mirrors: Vec<Mirror>,
    local: Arc<dyn ObjectStore>,
    s3: S3Options,
    buckets: Arc<Mutex<HashMap<String, Arc<dyn ObjectStore>>>>,
    progress: Arc<Progress>,
    registry: Option<Arc<dyn ObjectStoreRegistry>>,
}

impl std::fmt::Debug for StoreResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreResolver")
            .field("mirrors", &self.mirrors)
            .field("s3", &self.s3)
            .finish_non_exhaustive()
    }
}

impl Default for StoreResolver {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl StoreResolver {
    /// A resolver with these mirrors, the local file system, and S3 with default options.
    pub fn new(mirrors: Vec<Mirror>) -> Self {
        let progress = Arc::new(Progress::default());
        Self {
            mirrors,
            local: Arc::new(CountingStore::new(
                Arc::new(LocalFileSystem::new()),
                Arc::clone(&progress),
            )),
            s3: S3Options::default(),
            buckets: Arc::new(Mutex::new(HashMap::new())),
            progress,
            registry: None,
        }
    }

    /// Replace the store used for local paths (it must address absolute paths, like
    /// [`LocalFileSystem::new`]).
    pub fn with_local_store(mut self, store: Arc<dyn ObjectStore>) -> Self {
        self.local = Arc::new(CountingStore::new(store, Arc::clone(&self.progress)));
        self
    }

    /// Read `s3://` locations that no mirror covers with these options.
    pub fn with_s3_options(mut self, options: S3Options) -> Self {
        self.s3 = options;
        self
    }

    /// Serve `s3://bucket` from `store` instead of a store built from the S3 options.
    pub fn with_bucket_store(self, bucket: &str, store: Arc<dyn ObjectStore>) -> Self {
        let counted: Arc<dyn ObjectStore> =
            Arc::new(CountingStore::new(store, Arc::clone(&self.progress)));
        if let Ok(mut buckets) = self.buckets.lock() {
            buckets.insert(bucket.to_string(), counted);
        }
        self
    }

    /// Count requests into `progress` (call before adding stores).
    pub fn with_progress(mut self, progress: Arc<Progress>) -> Self {
        self.local = Arc::new(CountingStore::new(
            Arc::new(LocalFileSystem::new()),
            Arc::clone(&progress),
        ));
        self.progress = progress;
        self
    }

    /// Register every store this resolver creates in `registry`, where DataFusion's
    /// scans look stores up by URL.
    pub fn with_registry(mut self, registry: Arc<dyn ObjectStoreRegistry>) -> Self {
        registry.register_store(
            ObjectStoreUrl::local_filesystem().as_ref(),
            Arc::clone(&self.local),
        );
        if let Ok(buckets) = self.buckets.lock() {
            for (bucket, store) in buckets.iter() {
                if let Ok(url) = ObjectStoreUrl::parse(format!("s3://{bucket}")) {
                    registry.register_store(url.as_ref(), Arc::clone(store));
                }
            }
        }
        self.registry = Some(registry);
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

    /// The request counters of every store of this resolver.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// Resolve an `s3://` URL (through a mirror where one covers it, else on S3) or a
    /// local path.
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
                None => self.resolve_s3(location, &bucket, &key),
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

    /// Resolve the location of a table's data: as [`Self::resolve`], except that when
    /// mirrors are given, an `s3://` location none of them covers (and whose bucket has
    /// no store of its own) is an error naming the bucket, never a silent read from S3.
    pub fn resolve_data(&self, location: &str) -> Result<ResolvedLocation> {
        let trimmed = location.trim();
        if !self.mirrors.is_empty()
            && (trimmed.starts_with("s3://") || trimmed.starts_with("s3a://"))
        {
            let (bucket, key) = split_s3_url(trimmed)?;
            let covered = self
                .mirrors
                .iter()
                .any(|m| m.map(&bucket, key.trim_end_matches('/')).is_some());
            let own_store = self
                .buckets
                .lock()
                .map(|b| b.contains_key(&bucket))
                .unwrap_or(false);
            if !covered && !own_store {
                let mirrored: Vec<String> = self.mirrors.iter().map(Mirror::url).collect();
                return Err(Error::Location {
                    location: trimmed.to_string(),
                    reason: format!(
                        "no --mirror covers bucket {bucket} (the mirrors are {}); flowlog does not read S3 when mirrors are given: add --mirror s3://{bucket}=DIR with a local copy, or drop every --mirror to read S3",
                        mirrored.join(", ")
                    ),
                });
            }
        }
        self.resolve(location)
    }

    fn resolve_s3(&self, original: &str, bucket: &str, key: &str) -> Result<ResolvedLocation> {
        let store_url =
            ObjectStoreUrl::parse(format!("s3://{bucket}")).map_err(|e| Error::Location {
                location: original.to_string(),
                reason: format!("{bucket:?} is not a valid bucket name: {e}"),
            })?;
        let store = self.bucket_store(original, bucket, &store_url)?;
        let prefix = ObjectPath::from_iter(key.split('/').filter(|s| !s.is_empty()));
        Ok(ResolvedLocation {
            original: original.to_string(),
            store_url,
            store,
            prefix,
            local_dir: None,
        })
    }

    /// The bucket's store: the one given, else one built from the S3 options (once).
    fn bucket_store(
        &self,
        original: &str,
        bucket: &str,
        url: &ObjectStoreUrl,
    ) -> Result<Arc<dyn ObjectStore>> {
        let mut buckets = self.buckets.lock().map_err(|_| Error::Location {
            location: original.to_string(),
            reason: "the store cache is unusable after a panic".into(),
        })?;
        if let Some(store) = buckets.get(bucket) {
            return Ok(Arc::clone(store));
        }
        let store: Arc<dyn ObjectStore> = Arc::new(CountingStore::new(
            self.new_s3_store(original, bucket)?,
            Arc::clone(&self.progress),
        ));
        if let Some(registry) = &self.registry {
            registry.register_store(url.as_ref(), Arc::clone(&store));
        }
        buckets.insert(bucket.to_string(), Arc::clone(&store));
        Ok(store)
    }

    #[cfg(feature = "aws")]
    fn new_s3_store(&self, _original: &str, bucket: &str) -> Result<Arc<dyn ObjectStore>> {
        Ok(s3::build_store(bucket, &self.s3))
    }

    #[cfg(not(feature = "aws"))]
    fn new_s3_store(&self, original: &str, _bucket: &str) -> Result<Arc<dyn ObjectStore>> {
        Err(Error::Location {
            location: original.to_string(),
            reason: "this build of flowlog cannot read S3 (built without the `aws` feature); \
                     give a local copy with --mirror s3://BUCKET[/PREFIX]=DIR"
                .to_string(),
        })
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
    fn unmirrored_s3_location_resolves_to_the_bucket_store() {
        let r = StoreResolver::new(vec!["s3://other=/data".parse().unwrap()]);
        let loc = r.resolve("s3://bucket/AWSLogs/1/").unwrap();
        assert_eq!(loc.store_url.as_str(), "s3://bucket/");
        assert_eq!(loc.prefix.as_ref(), "AWSLogs/1");
        assert!(loc.local_dir.is_none());
        // One store per bucket, reused.
        let again = r.resolve("s3://bucket/AWSLogs/2/").unwrap();
        assert!(Arc::ptr_eq(&loc.store, &again.store));
        let other = r.resolve("s3://bucket2/").unwrap();
        assert!(!Arc::ptr_eq(&loc.store, &other.store));
        assert_eq!(other.prefix.as_ref(), "");
    }

    #[test]
    fn table_data_no_mirror_covers_is_an_error_naming_the_bucket() {
        let r = StoreResolver::new(vec!["s3://other=/data".parse().unwrap()]);
        let err = r
            .resolve_data("s3://bucket/AWSLogs/1/")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no --mirror covers bucket bucket"), "{err}");
        assert!(err.contains("--mirror s3://bucket=DIR"), "{err}");
        assert!(r.resolve_data("s3://other/AWSLogs/").is_ok());
        // Without mirrors, S3 is read.
        assert!(
            StoreResolver::new(Vec::new())
                .resolve_data("s3://bucket/x/")
                .is_ok()
        );
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
