//! Progress counters: objects listed and bytes read, shared by every store of a session.
//!
//! Every store the resolver hands out (local or S3) is wrapped in a [`CountingStore`], so
//! a long listing or scan can be watched from another task while it runs, and the totals
//! reported when it ends.
//!
//! ```
//! use flowlog_core::storage::Progress;
//! let p = Progress::default();
//! assert_eq!(p.snapshot().bytes_read, 0);
//! ```

use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use futures::StreamExt;
use futures::stream::BoxStream;
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore,
    PutMultipartOptions, PutOptions, PutPayload, PutResult,
};

/// Counters of the requests a session's stores served. Cheap to update from many tasks.
#[derive(Debug, Default)]
pub struct Progress {
    list_requests: AtomicU64,
    objects_listed: AtomicU64,
    get_requests: AtomicU64,
    bytes_read: AtomicU64,
    objects_read: AtomicU64,
    object_bytes_read: AtomicU64,
    scans: AtomicU64,
    objects_scanned: AtomicU64,
    bytes_scanned: AtomicU64,
}

/// The counters at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgressSnapshot {
    /// Listing calls (a paginated listing counts once).
    pub list_requests: u64,
    /// Objects and common prefixes returned by listings.
    pub objects_listed: u64,
    /// Reads (each ranged read counts once).
    pub get_requests: u64,
    /// Bytes requested by reads.
    pub bytes_read: u64,
    /// Objects a scan opened to read (a Parquet object whose row groups statistics
    /// all ruled out counts too: it was looked at and is done), or read whole (a text
    /// object). Footers and header lines read while planning do not count.
    pub objects_read: u64,
    /// The total size of the objects in `objects_read`: of `bytes_scanned`, how much
    /// the scans have reached.
    pub object_bytes_read: u64,
    /// Scans of flow-log tables planned. None when the optimizer removed every scan
    /// (a filter that is never true, `LIMIT 0`) or the query reads no flow-log table.
    pub scans: u64,
    /// Objects that scans planned to read (after partition pruning), as Athena's
    /// "data scanned" counts files.
    pub objects_scanned: u64,
    /// The total size of the objects scans planned to read.
    pub bytes_scanned: u64,
}

impl Progress {
    /// The counters now.
    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            list_requests: self.list_requests.load(Ordering::Relaxed),
            objects_listed: self.objects_listed.load(Ordering::Relaxed),
            get_requests: self.get_requests.load(Ordering::Relaxed),
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            objects_read: self.objects_read.load(Ordering::Relaxed),
            object_bytes_read: self.object_bytes_read.load(Ordering::Relaxed),
            scans: self.scans.load(Ordering::Relaxed),
            objects_scanned: self.objects_scanned.load(Ordering::Relaxed),
            bytes_scanned: self.bytes_scanned.load(Ordering::Relaxed),
        }
    }

    /// Count a scan that will read `objects` objects of `bytes` bytes in all.
    pub fn record_scan(&self, objects: u64, bytes: u64) {
        self.scans.fetch_add(1, Ordering::Relaxed);
        self.objects_scanned.fetch_add(objects, Ordering::Relaxed);
        self.bytes_scanned.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Count a part of `bytes` bytes of an object a scan opened or read, in
    /// `object_bytes_read`, and in `objects_read` when it is the object's `first` part
    /// (a large object may be read in byte ranges by several partitions).
    pub(crate) fn record_object_read(&self, bytes: u64, first: bool) {
        if first {
            self.objects_read.fetch_add(1, Ordering::Relaxed);
        }
        self.object_bytes_read.fetch_add(bytes, Ordering::Relaxed);
    }
}

impl ProgressSnapshot {
    /// What was counted after `earlier` (each counter's difference), for one statement
    /// of a session that runs many.
    pub fn since(&self, earlier: &ProgressSnapshot) -> ProgressSnapshot {
        ProgressSnapshot {
            list_requests: self.list_requests.saturating_sub(earlier.list_requests),
            objects_listed: self.objects_listed.saturating_sub(earlier.objects_listed),
            get_requests: self.get_requests.saturating_sub(earlier.get_requests),
            bytes_read: self.bytes_read.saturating_sub(earlier.bytes_read),
            objects_read: self.objects_read.saturating_sub(earlier.objects_read),
            object_bytes_read: self
                .object_bytes_read
                .saturating_sub(earlier.object_bytes_read),
            scans: self.scans.saturating_sub(earlier.scans),
            objects_scanned: self.objects_scanned.saturating_sub(earlier.objects_scanned),
            bytes_scanned: self.bytes_scanned.saturating_sub(earlier.bytes_scanned),
        }
    }
}

impl fmt::Display for ProgressSnapshot {
    /// `listed 12 objects (3 listings), read 4096 bytes (7 reads)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "listed {} objects ({} listings), read {} bytes ({} reads)",
            self.objects_listed, self.list_requests, self.bytes_read, self.get_requests
        )
    }
}

/// An object store that counts what it serves into a [`Progress`].
#[derive(Debug)]
pub struct CountingStore {
    inner: Arc<dyn ObjectStore>,
    progress: Arc<Progress>,
}

impl CountingStore {
    /// Count the requests served by `inner` into `progress`.
    pub fn new(inner: Arc<dyn ObjectStore>, progress: Arc<Progress>) -> Self {
        Self { inner, progress }
    }
}

impl fmt::Display for CountingStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Counting({})", self.inner)
    }
}

fn range_len(r: &Range<u64>) -> u64 {
    r.end.saturating_sub(r.start)
}

#[async_trait]
impl ObjectStore for CountingStore {
    async fn put_opts(
        &self,
        location: &Path,
        payload: PutPayload,
        opts: PutOptions,
    ) -> object_store::Result<PutResult> {
        self.inner.put_opts(location, payload, opts).await
    }

    async fn put_multipart_opts(
        &self,
        location: &Path,
        opts: PutMultipartOptions,
    ) -> object_store::Result<Box<dyn MultipartUpload>> {
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(
        &self,
        location: &Path,
        options: GetOptions,
    ) -> object_store::Result<GetResult> {
        let head = options.head;
        let whole = options.range.is_none();
        let result = self.inner.get_opts(location, options).await?;
        if !head {
            self.progress.get_requests.fetch_add(1, Ordering::Relaxed);
            self.progress
                .bytes_read
                .fetch_add(range_len(&result.range), Ordering::Relaxed);
            if whole {
                self.progress.record_object_read(result.meta.size, true);
            }
        }
        Ok(result)
    }

    async fn get_ranges(
        &self,
        location: &Path,
        ranges: &[Range<u64>],
    ) -> object_store::Result<Vec<bytes::Bytes>> {
        let out = self.inner.get_ranges(location, ranges).await?;
        self.progress
            .get_requests
            .fetch_add(ranges.len() as u64, Ordering::Relaxed);
        self.progress
            .bytes_read
            .fetch_add(out.iter().map(|b| b.len() as u64).sum(), Ordering::Relaxed);
        Ok(out)
    }

    fn delete_stream(
        &self,
        locations: BoxStream<'static, object_store::Result<Path>>,
    ) -> BoxStream<'static, object_store::Result<Path>> {
        self.inner.delete_stream(locations)
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
        self.progress.list_requests.fetch_add(1, Ordering::Relaxed);
        let progress = Arc::clone(&self.progress);
        self.inner
            .list(prefix)
            .inspect(move |r| {
                if r.is_ok() {
                    progress.objects_listed.fetch_add(1, Ordering::Relaxed);
                }
            })
            .boxed()
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> object_store::Result<ListResult> {
        self.progress.list_requests.fetch_add(1, Ordering::Relaxed);
        let result = self.inner.list_with_delimiter(prefix).await?;
        self.progress.objects_listed.fetch_add(
            (result.objects.len() + result.common_prefixes.len()) as u64,
            Ordering::Relaxed,
        );
        Ok(result)
    }

    async fn copy_opts(
        &self,
        from: &Path,
        to: &Path,
        options: CopyOptions,
    ) -> object_store::Result<()> {
        self.inner.copy_opts(from, to, options).await
    }
}
