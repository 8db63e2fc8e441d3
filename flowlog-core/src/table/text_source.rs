//! [`TextSource`]: DataFusion's CSV source for text flow logs, with errors that name the
//! object.
//!
//! The CSV reader reports a bad line as `incorrect number of fields for line 7, expected
//! 14 got 15` and a broken gzip stream as an I/O error, without saying which of a scan's
//! thousand objects it was reading. This source delegates everything to [`CsvSource`] and
//! wraps its file opener so that every error while opening or reading an object says
//! `object <key>: …`, as errors about Parquet objects do.

use std::fmt;
use std::sync::Arc;

use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::{
    CsvSource, FileOpenFuture, FileOpener, FileScanConfig, FileSource,
};
use datafusion::datasource::table_schema::TableSchema;
use datafusion::error::{DataFusionError, Result};
use datafusion::physical_expr::projection::ProjectionExprs;
use datafusion::physical_plan::metrics::ExecutionPlanMetricsSet;
use datafusion::physical_plan::{DisplayFormatType, PhysicalExpr};
use futures::{FutureExt, StreamExt};
use object_store::ObjectStore;

use crate::error::Error;

/// A [`CsvSource`] whose errors name the object being read.
#[derive(Clone)]
pub(crate) struct TextSource {
    inner: CsvSource,
    /// How keys are shown: `/` before a local path, the store URL before an S3 key.
    key_prefix: Arc<str>,
}

impl TextSource {
    /// Wraps `inner`, reading objects of the store at `store_url`.
    pub(crate) fn new(inner: CsvSource, store_url: &str) -> Self {
        let key_prefix = if store_url.starts_with("file") {
            "/".into()
        } else {
            store_url.into()
        };
        Self { inner, key_prefix }
    }

    fn wrap(&self, inner: Arc<dyn FileSource>) -> Arc<dyn FileSource> {
        match inner.downcast_ref::<CsvSource>() {
            Some(csv) => Arc::new(Self {
                inner: csv.clone(),
                key_prefix: Arc::clone(&self.key_prefix),
            }),
            None => inner,
        }
    }
}

impl fmt::Debug for TextSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextSource").finish_non_exhaustive()
    }
}

impl FileSource for TextSource {
    fn create_file_opener(
        &self,
        object_store: Arc<dyn ObjectStore>,
        base_config: &FileScanConfig,
        partition: usize,
    ) -> Result<Arc<dyn FileOpener>> {
        let inner = self
            .inner
            .create_file_opener(object_store, base_config, partition)?;
        Ok(Arc::new(NamingOpener {
            inner,
            key_prefix: Arc::clone(&self.key_prefix),
        }))
    }

    fn table_schema(&self) -> &TableSchema {
        self.inner.table_schema()
    }

    fn with_batch_size(&self, batch_size: usize) -> Arc<dyn FileSource> {
        self.wrap(self.inner.with_batch_size(batch_size))
    }

    fn try_pushdown_projection(
        &self,
        projection: &ProjectionExprs,
    ) -> Result<Option<Arc<dyn FileSource>>> {
        Ok(self
            .inner
            .try_pushdown_projection(projection)?
            .map(|s| self.wrap(s)))
    }

    fn projection(&self) -> Option<&ProjectionExprs> {
        self.inner.projection()
    }

    fn metrics(&self) -> &ExecutionPlanMetricsSet {
        self.inner.metrics()
    }

    fn file_type(&self) -> &str {
        "text flow log"
    }

    fn supports_repartitioning(&self) -> bool {
        // A gzip stream is read from its start: objects are never split.
        false
    }

    fn fmt_extra(&self, t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        self.inner.fmt_extra(t, f)
    }

    fn apply_expressions(
        &self,
        f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        self.inner.apply_expressions(f)
    }
}

/// Opens objects with the CSV opener; its errors are prefixed with the object's key.
struct NamingOpener {
    inner: Arc<dyn FileOpener>,
    key_prefix: Arc<str>,
}

impl FileOpener for NamingOpener {
    fn open(&self, file: PartitionedFile) -> Result<FileOpenFuture> {
        let key = format!("{}{}", self.key_prefix, file.object_meta.location);
        let future = self.inner.open(file).map_err(|e| named(&key, e))?;
        let opened = future.map(move |opened| match opened {
            Ok(stream) => Ok(stream.map(move |r| r.map_err(|e| named(&key, e))).boxed()),
            Err(e) => Err(named(&key, e)),
        });
        Ok(opened.boxed())
    }
}

/// `error` as [`Error::NotText`] naming the object `key`.
fn named(key: &str, error: DataFusionError) -> DataFusionError {
    DataFusionError::External(Box::new(Error::NotText {
        key: key.to_string(),
        reason: reason(&error),
    }))
}

/// The reader's complaint without DataFusion's and Arrow's wrapping (`Arrow error: Csv
/// error: …`, `External error: …`).
fn reason(error: &DataFusionError) -> String {
    let mut text = error.to_string();
    for prefix in [
        "External error: ",
        "Arrow error: ",
        "Csv error: ",
        "Parser error: ",
        "Io error: ",
        "IO error: ",
    ] {
        while let Some(rest) = text.strip_prefix(prefix) {
            text = rest.to_string();
        }
    }
    text
}
