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
use datafusion::datasource::physical_plan::parquet::metadata::DFParquetMetadata;
use datafusion::error::Result as DfResult;
use datafusion::execution::cache::cache_manager::FileMetadataCache;
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_expr::expressions::{CastExpr, Column, Literal};
use datafusion::physical_expr_adapter::{PhysicalExprAdapter, PhysicalExprAdapterFactory};
use futures::FutureExt;
use futures::{StreamExt, TryStreamExt};
use object_store::ObjectStoreExt;

use super::listing::ListedFile;
use super::skipped::SkippedObjects;
use crate::ddl::HiveType;
use crate::error::{Error, Result};
use crate::schema::{can_read_as, describe};

/// Read every file's footer (through DataFusion's metadata cache, so the scan does not
/// read it again) and check its columns against the table's.
///
/// Returns, for each file, whether it is readable: always `true` unless `skip` is given,
/// when an unreadable object is recorded there and answered `false` instead of failing.
pub(crate) async fn check_files(
    files: &[ListedFile],
    table: &SchemaRef,
    hive_types: &[HiveType],
    cache: Arc<FileMetadataCache>,
    concurrency: usize,
    skip: Option<&SkippedObjects>,
) -> Result<Vec<bool>> {
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
                let footer_len = check_footer(&f, &key).await?;
                // The footer's exact length: the metadata is fetched in one ranged read.
                let metadata = DFParquetMetadata::new(f.store.as_ref(), &f.meta)
                    .with_metadata_size_hint(usize::try_from(footer_len).ok())
                    .with_file_metadata_cache(Some(cache));
                // The Parquet reader can panic on some corrupt footers; it must not take
                // the process down, the object is just not readable.
                let schema = std::panic::AssertUnwindSafe(metadata.fetch_schema())
                    .catch_unwind()
                    .await
                    .map_err(|_| Error::NotParquet {
                        key: key.clone(),
                        reason: "its footer is corrupt".into(),
                    })?
                    .map_err(|e| Error::NotParquet {
                        key: key.clone(),
                        reason: one_line(&e.to_string()),
                    })?;
                check_schema(&key, &schema, &table, &hive_types)
            }
            .map(move |checked| match (checked, skip) {
                (Ok(()), _) => Ok(true),
                (Err(e), Some(skip)) => match unreadable_object(&e) {
                    Some(key) => {
                        skip.record(key.to_string(), one_line(&e.to_string()));
                        Ok(false)
                    }
                    None => Err(e),
                },
                (Err(e), _) => Err(e),
            })
        })
        .collect();
    futures::stream::iter(tasks)
        .buffered(concurrency.max(1))
        .try_collect::<Vec<bool>>()
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

/// Check the 8-byte Parquet tail (metadata length and `PAR1`) before handing the
/// object to the Parquet reader, which does not guard every length against the size.
/// Returns the footer's length (metadata and tail).
async fn check_footer(f: &ListedFile, key: &str) -> Result<u64> {
    let size = f.meta.size;
    let not_parquet = |reason: String| Error::NotParquet {
        key: key.to_string(),
        reason,
    };
    if size < 12 {
        return Err(not_parquet(format!("it has only {size} bytes")));
    }
    let tail = f
        .store
        .get_range(&f.meta.location, size - 8..size)
        .await
        .map_err(|error| Error::ObjectStore {
            key: key.to_string(),
            error,
        })?;
    if tail.len() != 8 || &tail[4..8] != b"PAR1" {
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
    Ok(metadata_len + 8)
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
