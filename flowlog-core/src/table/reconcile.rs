//! Schema reconciliation: reading each file's columns as the table declares them.
//!
//! As Athena does for Parquet: columns are matched by name, exactly first and then
//! case-insensitively; a table column missing from a file reads as NULL; extra file
//! columns are ignored; widening (INT32 → bigint, float → double) is allowed and anything
//! else is an error naming the object, the column and both types.

use std::sync::Arc;

use arrow::datatypes::{Field, Schema, SchemaRef};
use datafusion::common::ScalarValue;
use datafusion::common::tree_node::{Transformed, TransformedResult, TreeNode};
use datafusion::datasource::physical_plan::parquet::metadata::{
    CachedParquetMetaData, DFParquetMetadata,
};
use datafusion::error::Result as DfResult;
use datafusion::execution::cache::cache_manager::{CachedFileMetadataEntry, FileMetadataCache};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_expr::expressions::{CastExpr, Column, Literal};
use datafusion::physical_expr_adapter::{PhysicalExprAdapter, PhysicalExprAdapterFactory};
use futures::FutureExt;
use futures::{StreamExt, TryStreamExt};
use object_store::ObjectStoreExt;
use parquet::arrow::parquet_to_arrow_schema;
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaData, ParquetMetaDataReader};

use super::listing::ListedFile;
use super::skipped::SkippedObjects;
use crate::ddl::HiveType;
use crate::error::{Error, Result};
use crate::schema::{can_read_as, describe};

/// Read every file's footer (into DataFusion's metadata cache, where the scan finds it
/// again) and check its columns against the table's.
///
/// Returns, for each file, its row count, or `None` for an unreadable object when `skip`
/// is given (it is recorded there instead of failing the query).
pub(crate) async fn check_files(
    files: &[ListedFile],
    table: &SchemaRef,
    hive_types: &[HiveType],
    cache: Arc<FileMetadataCache>,
    concurrency: usize,
    skip: Option<&SkippedObjects>,
) -> Result<Vec<Option<u64>>> {
    let hive_types: Arc<[HiveType]> = hive_types.into();
    let tasks: Vec<_> = files
        .iter()
        .cloned()
        .map(|f| {
            let cache = Arc::clone(&cache);
            let table = Arc::clone(table);
            let hive_types = Arc::clone(&hive_types);
            async move {
                let key = if f.store_url.as_str().starts_with("file") {
                    format!("/{}", f.meta.location)
                } else {
                    format!("{}{}", f.store_url.as_str(), f.meta.location)
                };
                let metadata = read_footer(&f, &key, &cache).await?;
                let file = metadata.file_metadata();
                let schema =
                    parquet_to_arrow_schema(file.schema_descr(), file.key_value_metadata())
                        .map_err(|e| Error::NotParquet {
                            key: key.clone(),
                            reason: one_line(&e.to_string()),
                        })?;
                check_schema(&key, &schema, &table, &hive_types)?;
                Ok(u64::try_from(file.num_rows()).unwrap_or(0))
            }
            .map(move |checked| match (checked, skip) {
                (Ok(rows), _) => Ok(Some(rows)),
                (Err(e), Some(skip)) => match unreadable_object(&e) {
                    Some(key) => {
                        skip.record(key.to_string(), one_line(&e.to_string()));
                        Ok(None)
                    }
                    None => Err(e),
                },
                (Err(e), _) => Err(e),
            })
        })
        .collect();
    futures::stream::iter(tasks)
        .buffered(concurrency.max(1))
        .try_collect::<Vec<Option<u64>>>()
        .await
}

/// The key of the object an error says cannot be read (its bytes, footer or columns).
fn unreadable_object(e: &Error) -> Option<&str> {
    match e {
        Error::NotParquet { key, .. }
        | Error::SchemaMismatch { key, .. }
        | Error::ObjectStore { key, .. } => Some(key),
        _ => None,
    }
}

/// How much of an object's end is read at once: the footers of flow-log objects (a few
/// KiB) fit, so one ranged read gets the tail and the metadata together.
const FOOTER_READ: u64 = 64 * 1024;

/// One object's Parquet metadata (without the page index, which the scan reads only when
/// a predicate can use it), from the metadata cache or from the object, then cached.
///
/// The 8-byte tail (metadata length and `PAR1`) is checked before any decoding: the
/// Parquet reader does not guard every length against the object's size. A panic while
/// decoding a corrupt footer is caught: the object is just not readable.
async fn read_footer(
    f: &ListedFile,
    key: &str,
    cache: &Arc<FileMetadataCache>,
) -> Result<Arc<ParquetMetaData>> {
    if let Some(entry) = cache.get(&f.meta.location)
        && entry.is_valid_for(&f.meta)
        && let Some(cached) = entry
            .file_metadata
            .as_any()
            .downcast_ref::<CachedParquetMetaData>()
    {
        return Ok(Arc::clone(cached.parquet_metadata()));
    }
    let size = f.meta.size;
    let not_parquet = |reason: String| Error::NotParquet {
        key: key.to_string(),
        reason,
    };
    if size < 12 {
        return Err(not_parquet(format!("it has only {size} bytes")));
    }
    let suffix = f
        .store
        .get_range(&f.meta.location, size.saturating_sub(FOOTER_READ)..size)
        .await
        .map_err(|error| Error::ObjectStore {
            key: key.to_string(),
            error,
        })?;
    let Some(tail) = suffix.len().checked_sub(8).map(|at| &suffix[at..]) else {
        return Err(not_parquet("its end could not be read".into()));
    };
    if &tail[4..8] != b"PAR1" {
        return Err(not_parquet(
            "it does not end with the Parquet magic bytes PAR1".into(),
        ));
    }
    let metadata_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if metadata_len + 12 > size {
        return Err(not_parquet(format!(
            "its footer claims {metadata_len} bytes of metadata but the object has {size} bytes"
        )));
    }
    let corrupt = || not_parquet("its footer is corrupt".into());
    let metadata = match usize::try_from(metadata_len)
        .ok()
        .and_then(|len| suffix.len().checked_sub(8 + len))
    {
        // The whole footer came with the tail.
        Some(at) => {
            let bytes = &suffix[at..suffix.len() - 8];
            std::panic::catch_unwind(|| ParquetMetaDataReader::decode_metadata(bytes))
                .map_err(|_| corrupt())?
                .map_err(|e| not_parquet(one_line(&e.to_string())))?
        }
        // A larger footer: one more read, of its exact length.
        None => {
            let reader = DFParquetMetadata::new(f.store.as_ref(), &f.meta)
                .with_metadata_size_hint(usize::try_from(metadata_len + 8).ok())
                .with_page_index_policy(Some(PageIndexPolicy::Skip));
            let metadata = std::panic::AssertUnwindSafe(reader.fetch_metadata())
                .catch_unwind()
                .await
                .map_err(|_| corrupt())?
                .map_err(|e| not_parquet(one_line(&e.to_string())))?;
            Arc::unwrap_or_clone(metadata)
        }
    };
    let metadata = Arc::new(metadata);
    cache.put(
        &f.meta.location,
        CachedFileMetadataEntry::new(
            f.meta.clone(),
            Arc::new(CachedParquetMetaData::new(Arc::clone(&metadata))),
        ),
    );
    Ok(metadata)
}

/// Check one file's schema against the table's data columns.
pub(crate) fn check_schema(
    key: &str,
    file: &Schema,
    table: &SchemaRef,
    hive_types: &[HiveType],
) -> Result<()> {
    for (i, column) in table.fields().iter().enumerate() {
        let Some(found) = find_field(file, column.name()) else {
            continue;
        };
        if !can_read_as(found.data_type(), column.data_type()) {
            return Err(Error::SchemaMismatch {
                key: key.to_string(),
                column: column.name().clone(),
                file_type: describe(found.data_type()),
                table_type: hive_types
                    .get(i)
                    .map(HiveType::to_string)
                    .unwrap_or_else(|| describe(column.data_type())),
            });
        }
    }
    Ok(())
}

/// The file field for a table column: the exact name, else the only case-insensitive match.
fn find_field<'a>(file: &'a Schema, name: &str) -> Option<&'a Field> {
    if let Ok(f) = file.field_with_name(name) {
        return Some(f);
    }
    file.fields()
        .iter()
        .find(|f| f.name().eq_ignore_ascii_case(name))
        .map(|f| f.as_ref())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adapts the scan's expressions to each file, matching names case-insensitively.
///
/// A table column becomes the file's column of the same name (exactly, else ignoring
/// case), cast to the table's type when the file's type is narrower; a column the file
/// lacks becomes a NULL of the table's type. Columns keep the file's own spelling, which
/// the Parquet reader needs.
#[derive(Debug, Default)]
pub(crate) struct CaseInsensitiveAdapterFactory;

impl PhysicalExprAdapterFactory for CaseInsensitiveAdapterFactory {
    fn create(
        &self,
        logical_file_schema: SchemaRef,
        physical_file_schema: SchemaRef,
    ) -> DfResult<Arc<dyn PhysicalExprAdapter>> {
        Ok(Arc::new(CaseInsensitiveAdapter {
            logical: logical_file_schema,
            physical: physical_file_schema,
        }))
    }
}

#[derive(Debug)]
struct CaseInsensitiveAdapter {
    logical: SchemaRef,
    physical: SchemaRef,
}

impl PhysicalExprAdapter for CaseInsensitiveAdapter {
    fn rewrite(&self, expr: Arc<dyn PhysicalExpr>) -> DfResult<Arc<dyn PhysicalExpr>> {
        expr.transform(|e| {
            let Some(column) = e.downcast_ref::<Column>() else {
                return Ok(Transformed::no(e));
            };
            let Ok(logical) = self.logical.field_with_name(column.name()) else {
                return Ok(Transformed::no(e));
            };
            let index = self.physical.index_of(column.name()).ok().or_else(|| {
                self.physical
                    .fields()
                    .iter()
                    .position(|f| f.name().eq_ignore_ascii_case(column.name()))
            });
            let Some(index) = index else {
                let null = ScalarValue::Null.cast_to(logical.data_type())?;
                return Ok(Transformed::yes(
                    Arc::new(Literal::new(null)) as Arc<dyn PhysicalExpr>
                ));
            };
            let physical = self.physical.field(index);
            let read: Arc<dyn PhysicalExpr> = Arc::new(Column::new(physical.name(), index));
            if physical.data_type() == logical.data_type() {
                return Ok(Transformed::yes(read));
            }
            Ok(Transformed::yes(Arc::new(CastExpr::new(
                read,
                logical.data_type().clone(),
                None,
            ))))
        })
        .data()
    }
}
