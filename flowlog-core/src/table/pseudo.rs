//! Athena's pseudo-columns: `"$path"`, `"$file_size"` and `"$file_modified_time"`.
//!
//! Every flow-log table has them, after its partition columns. Each row's value is a
//! property of the object the row was read from, so they are scanned as per-file constant
//! columns, exactly like partition columns: each [`PartitionedFile`] carries its partition
//! values followed by these three.
//!
//! ```text
//! "$path"               varchar                   s3://bucket/AWSLogs/…/x.log.parquet
//! "$file_size"          bigint                    the object's size in bytes
//! "$file_modified_time" timestamp(3) with time zone  its last-modified time, in UTC
//! ```
//!
//! `"$path"` is always the object's `s3://bucket/key`, also when it is read from a
//! `--mirror` copy; a local tree that no mirror maps to a bucket gives its `file://` URL.
//! A filter on the pseudo-columns drops objects after listing, before any is read.
//! They are hidden from `SELECT *`, `DESCRIBE` and `SHOW COLUMNS`
//! (see `session::hidden_columns`).
//!
//! [`PartitionedFile`]: datafusion::datasource::listing::PartitionedFile

use std::path::PathBuf;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, TimeUnit};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::Expr;

use super::listing::ListedFile;
use crate::storage::{StoreResolver, absolute_path};

/// The name of the pseudo-column holding the object's `s3://bucket/key`.
pub(crate) const PATH: &str = "$path";
/// The name of the pseudo-column holding the object's size in bytes.
pub(crate) const FILE_SIZE: &str = "$file_size";
/// The name of the pseudo-column holding the object's last-modified time.
pub(crate) const FILE_MODIFIED_TIME: &str = "$file_modified_time";

/// The pseudo-columns' names, in the order they follow the partition columns.
pub(crate) const NAMES: [&str; 3] = [PATH, FILE_SIZE, FILE_MODIFIED_TIME];

/// Whether `name` is one of the pseudo-columns (names compare case-insensitively, as
/// Athena's do).
///
/// ```
/// # use flowlog_core::table::is_pseudo_column;
/// assert!(is_pseudo_column("$PATH"));
/// assert!(!is_pseudo_column("path"));
/// ```
pub fn is_pseudo_column(name: &str) -> bool {
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The pseudo-columns' fields, in order.
pub(crate) fn fields() -> Vec<FieldRef> {
    vec![
        Arc::new(Field::new(PATH, DataType::Utf8, false)),
        Arc::new(Field::new(FILE_SIZE, DataType::Int64, false)),
        Arc::new(Field::new(
            FILE_MODIFIED_TIME,
            DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
            false,
        )),
    ]
}

/// Whether any of `filters` mentions a pseudo-column.
pub(crate) fn filtered(filters: &[Expr]) -> bool {
    filters
        .iter()
        .flat_map(Expr::column_refs)
        .any(|c| is_pseudo_column(&c.name))
}

/// Names objects as Athena's `"$path"` does: `s3://bucket/key`, mapping files of a
/// `--mirror` copy back to the bucket they mirror.
#[derive(Debug, Clone)]
pub(crate) struct ObjectUrls {
    /// Each mirror's local directory (absolute) and the `s3://bucket[/prefix]` it copies,
    /// the deepest directory first.
    mirrors: Vec<(PathBuf, String)>,
}

impl ObjectUrls {
    /// The URLs of objects found through `resolver`'s stores.
    pub(crate) fn new(resolver: &StoreResolver) -> Self {
        let mut mirrors: Vec<(PathBuf, String)> = resolver
            .mirrors()
            .iter()
            .filter_map(|m| Some((absolute_path(m.dir()).ok()?, m.url())))
            .collect();
        mirrors.sort_by_key(|(dir, _)| std::cmp::Reverse(dir.components().count()));
        Self { mirrors }
    }

    /// The object's `s3://bucket/key`, or its `file://` URL when it is a local file that
    /// no mirror maps to a bucket.
    pub(crate) fn url(&self, file: &ListedFile) -> String {
        let key = file.meta.location.as_ref();
        let store = file.store_url.as_str();
        if !store.starts_with("file://") {
            return format!("{}/{key}", store.trim_end_matches('/'));
        }
        let path = PathBuf::from(format!("/{key}"));
        for (dir, url) in &self.mirrors {
            if let Ok(rest) = path.strip_prefix(dir) {
                let rest = rest.to_string_lossy();
                return if rest.is_empty() {
                    url.clone()
                } else {
                    format!("{}/{rest}", url.trim_end_matches('/'))
                };
            }
        }
        format!("file:///{key}")
    }

    /// The pseudo-columns' values for `file`, in order.
    pub(crate) fn values(&self, file: &ListedFile) -> Vec<ScalarValue> {
        vec![
            ScalarValue::Utf8(Some(self.url(file))),
            ScalarValue::Int64(Some(i64::try_from(file.meta.size).unwrap_or(i64::MAX))),
            ScalarValue::TimestampMillisecond(
                Some(file.meta.last_modified.timestamp_millis()),
                Some("UTC".into()),
            ),
        ]
    }
}
