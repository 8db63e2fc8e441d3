//! Counting the Parquet objects a scan opens, for progress: a reader factory that wraps
//! another and counts each object (or byte range of one) it is asked to read into the
//! session's [`Progress`] before handing it on.
//!
//! Opening is the one step every planned object goes through, also one whose row groups
//! the statistics all rule out (it is then done without a data read); a scan that stops
//! early (`LIMIT`) opens fewer.

use std::sync::Arc;

use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::parquet::ParquetFileReaderFactory;
use datafusion::error::Result as DfResult;
use datafusion::physical_plan::metrics::ExecutionPlanMetricsSet;
use parquet::arrow::async_reader::AsyncFileReader;

use super::Progress;

/// A [`ParquetFileReaderFactory`] that counts the objects it opens into a [`Progress`].
#[derive(Debug)]
pub struct CountingReaderFactory {
    inner: Arc<dyn ParquetFileReaderFactory>,
    progress: Arc<Progress>,
}

impl CountingReaderFactory {
    /// Count the objects `inner` opens into `progress`.
    pub fn new(inner: Arc<dyn ParquetFileReaderFactory>, progress: Arc<Progress>) -> Self {
        Self { inner, progress }
    }
}

impl ParquetFileReaderFactory for CountingReaderFactory {
    fn create_reader(
        &self,
        partition_index: usize,
        partitioned_file: PartitionedFile,
        metadata_size_hint: Option<usize>,
        metrics: &ExecutionPlanMetricsSet,
    ) -> DfResult<Box<dyn AsyncFileReader + Send>> {
        let size = partitioned_file.object_meta.size;
        let (bytes, first) = match &partitioned_file.range {
            Some(r) => {
                let start = u64::try_from(r.start).unwrap_or(0).min(size);
                let end = u64::try_from(r.end).unwrap_or(0).min(size);
                (end.saturating_sub(start), start == 0)
            }
            None => (size, true),
        };
        let reader = self.inner.create_reader(
            partition_index,
            partitioned_file,
            metadata_size_hint,
            metrics,
        )?;
        self.progress.record_object_read(bytes, first);
        Ok(reader)
    }
}
