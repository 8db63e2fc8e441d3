//! Helpers shared by the integration tests: the sample's location, sessions over it,
//! a store wrapper that records listings, and Parquet files written on the fly.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use flowlog_core::render::AthenaCsvWriter;
use flowlog_core::storage::Mirror;
use flowlog_core::{FlowLogSession, SessionOptions};
use futures::stream::BoxStream;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{
    CopyOptions, GetOptions, GetRange, GetResult, ListResult, MultipartUpload, ObjectMeta,
    ObjectStore, PutMultipartOptions, PutOptions, PutPayload, PutResult,
};

/// The repository's `testdata/` directory.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

/// The sample's buckets.
pub const BUCKETS: [&str; 4] = [
    "flowlog-sample-daily",
    "flowlog-sample-hourly",
    "flowlog-sample-hive",
    "flowlog-sample-hive-hourly",
];

/// Options with `NOW` = 2026-11-20T00:00:00Z and every sample bucket mirrored.
pub fn sample_options() -> SessionOptions {
    let root = testdata().join("s3");
    SessionOptions {
        now: Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap(),
        mirrors: BUCKETS
            .iter()
            .map(|b| Mirror::new(&format!("s3://{b}"), root.join(b)).unwrap())
            .collect(),
        ..SessionOptions::default()
    }
}

/// Run a script and render its result in Athena's CSV format.
pub async fn csv(session: &FlowLogSession, sql: &str) -> flowlog_core::Result<String> {
    let df = session.run_script(sql).await?.expect("a query");
    let batches = df.collect().await?;
    let mut w = AthenaCsvWriter::new(Vec::new());
    for b in &batches {
        w.write_batch(b).unwrap();
    }
    Ok(String::from_utf8(w.finish().unwrap()).unwrap())
}

/// A store (the local file system, or any other) that records every listing and read
/// asked of it.
#[derive(Debug)]
pub struct RecordingStore {
    inner: Arc<dyn ObjectStore>,
    pub listed: Mutex<Vec<String>>,
    /// Every read: the key, and the range asked (`None`: the whole object).
    pub reads: Mutex<Vec<(String, Option<GetRange>)>>,
}

impl RecordingStore {
    pub fn new() -> Arc<Self> {
        Self::wrap(Arc::new(LocalFileSystem::new()))
    }

    pub fn wrap(inner: Arc<dyn ObjectStore>) -> Arc<Self> {
        Arc::new(Self {
            inner,
            listed: Mutex::new(Vec::new()),
            reads: Mutex::new(Vec::new()),
        })
    }

    /// The listed prefixes, made relative to `root` and sorted.
    pub fn listed_below(&self, root: &Path) -> Vec<String> {
        let root = std::fs::canonicalize(root).unwrap();
        let root = root.to_string_lossy().trim_start_matches('/').to_string();
        let mut v: Vec<String> = self
            .listed
            .lock()
            .unwrap()
            .iter()
            .map(|p| {
                let (verb, path) = p.split_once(' ').unwrap_or(("", p));
                let path = path.strip_prefix(&root).unwrap_or(path);
                format!("{verb} {}", path.trim_start_matches('/'))
            })
            .collect();
        v.sort();
        v
    }
}

impl fmt::Display for RecordingStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordingStore({})", self.inner)
    }
}

#[async_trait]
impl ObjectStore for RecordingStore {
    async fn put_opts(
        &self,
        location: &ObjectPath,
        payload: PutPayload,
        opts: PutOptions,
    ) -> object_store::Result<PutResult> {
        self.inner.put_opts(location, payload, opts).await
    }

    async fn put_multipart_opts(
        &self,
        location: &ObjectPath,
        opts: PutMultipartOptions,
    ) -> object_store::Result<Box<dyn MultipartUpload>> {
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(
        &self,
        location: &ObjectPath,
        options: GetOptions,
    ) -> object_store::Result<GetResult> {
        if !options.head {
            self.reads
                .lock()
                .unwrap()
                .push((location.to_string(), options.range.clone()));
        }
        self.inner.get_opts(location, options).await
    }

    async fn get_ranges(
        &self,
        location: &ObjectPath,
        ranges: &[std::ops::Range<u64>],
    ) -> object_store::Result<Vec<bytes::Bytes>> {
        for r in ranges {
            self.reads
                .lock()
                .unwrap()
                .push((location.to_string(), Some(GetRange::Bounded(r.clone()))));
        }
        self.inner.get_ranges(location, ranges).await
    }

    fn delete_stream(
        &self,
        locations: BoxStream<'static, object_store::Result<ObjectPath>>,
    ) -> BoxStream<'static, object_store::Result<ObjectPath>> {
        self.inner.delete_stream(locations)
    }

    fn list(
        &self,
        prefix: Option<&ObjectPath>,
    ) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
        self.listed
            .lock()
            .unwrap()
            .push(format!("list {}", prefix.map(|p| p.as_ref()).unwrap_or("")));
        self.inner.list(prefix)
    }

    async fn list_with_delimiter(
        &self,
        prefix: Option<&ObjectPath>,
    ) -> object_store::Result<ListResult> {
        self.listed
            .lock()
            .unwrap()
            .push(format!("dir {}", prefix.map(|p| p.as_ref()).unwrap_or("")));
        self.inner.list_with_delimiter(prefix).await
    }

    async fn copy_opts(
        &self,
        from: &ObjectPath,
        to: &ObjectPath,
        options: CopyOptions,
    ) -> object_store::Result<()> {
        self.inner.copy_opts(from, to, options).await
    }
}

/// Write a small GZIP Parquet file with the given columns (all nullable).
pub fn write_parquet(path: &Path, batch: &RecordBatch) {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, GzipLevel};
    use parquet::file::properties::WriterProperties;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let props = WriterProperties::builder()
        .set_compression(Compression::GZIP(GzipLevel::default()))
        .build();
    let mut w = ArrowWriter::try_new(file, batch.schema(), Some(props)).unwrap();
    w.write(batch).unwrap();
    w.close().unwrap();
}

/// Write a batch as a text flow log (`.log.gz`), as AWS delivers them: a header of the
/// columns' names with `-` for `_`, then one line per row, fields separated by one space,
/// `-` for NULL. Integer and string columns only.
pub fn write_text_log(path: &Path, batch: &RecordBatch) {
    use datafusion::arrow::array::{Array, AsArray};
    use datafusion::arrow::datatypes::{Int32Type, Int64Type};
    use std::io::Write;
    let header: Vec<String> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().replace('_', "-"))
        .collect();
    let mut text = header.join(" ") + "\n";
    for row in 0..batch.num_rows() {
        let fields: Vec<String> = batch
            .columns()
            .iter()
            .map(|c| {
                if c.is_null(row) {
                    return "-".to_string();
                }
                match c.data_type() {
                    DataType::Int32 => c.as_primitive::<Int32Type>().value(row).to_string(),
                    DataType::Int64 => c.as_primitive::<Int64Type>().value(row).to_string(),
                    DataType::Utf8 => c.as_string::<i32>().value(row).to_string(),
                    other => panic!("write_text_log: column type {other} is not a flow-log type"),
                }
            })
            .collect();
        text.push_str(&fields.join(" "));
        text.push('\n');
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, gz.finish().unwrap()).unwrap();
}

/// A schema of nullable fields.
pub fn schema(fields: &[(&str, DataType)]) -> Arc<Schema> {
    Arc::new(Schema::new(
        fields
            .iter()
            .map(|(n, t)| Field::new(*n, t.clone(), true))
            .collect::<Vec<_>>(),
    ))
}

/// The blocks of a fixture under `testdata/aws-queries/`: each starts at a line
/// `-- @<kind> <name>` and runs to the next such line; its text is trimmed of the blank
/// lines around it. Returns `(kind, name, text)` in file order.
pub fn fixture_blocks(file: &str) -> Vec<(String, String, String)> {
    let path = testdata().join("aws-queries").join(file);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let mut out: Vec<(String, String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(marker) = line.strip_prefix("-- @") {
            let (kind, name) = marker.split_once(' ').expect("-- @kind name");
            out.push((kind.to_string(), name.to_string(), String::new()));
        } else if let Some((_, _, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    for block in &mut out {
        block.2 = block.2.trim_matches('\n').to_string();
    }
    out
}
