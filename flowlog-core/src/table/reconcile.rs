//! Schema reconciliation: reading each file's columns as the table declares them.
//!
//! As Athena does for Parquet: columns are matched by name, exactly first and then
//! case-insensitively; a table column missing from a file reads as NULL; extra file
//! columns are ignored; widening (INT32 → bigint, float → double) is allowed and anything
//! else is an error naming the object, the column and both types.

use std::sync::Arc;

use arrow::datatypes::{Field, Schema, SchemaRef};
use datafusion::datasource::physical_plan::parquet::metadata::DFParquetMetadata;
use datafusion::error::Result as DfResult;
use datafusion::execution::cache::cache_manager::FileMetadataCache;
use datafusion::physical_expr_adapter::{
    DefaultPhysicalExprAdapter, PhysicalExprAdapter, PhysicalExprAdapterFactory,
};
use futures::{StreamExt, TryStreamExt};

use super::listing::ListedFile;
use crate::error::{Error, Result};
use crate::schema::{can_read_as, describe};

/// Read every file's footer (through DataFusion's metadata cache, so the scan does not
/// read it again) and check its columns against the table's.
pub(crate) async fn check_files(
    files: &[ListedFile],
    table: &SchemaRef,
    hive_types: &[String],
    cache: Arc<FileMetadataCache>,
    concurrency: usize,
) -> Result<()> {
    futures::stream::iter(files.iter().map(|f| {
        let cache = Arc::clone(&cache);
        async move {
            let key = format!("/{}", f.meta.location);
            let key = if f.store_url.as_str().starts_with("file") {
                key
            } else {
                format!("{}{}", f.store_url.as_str(), f.meta.location)
            };
            let schema = DFParquetMetadata::new(f.store.as_ref(), &f.meta)
                .with_file_metadata_cache(Some(cache))
                .fetch_schema()
                .await
                .map_err(|e| Error::NotParquet {
                    key: key.clone(),
                    reason: one_line(&e.to_string()),
                })?;
            check_schema(&key, &schema, table, hive_types)
        }
    }))
    .buffer_unordered(concurrency.max(1))
    .try_collect::<Vec<()>>()
    .await?;
    Ok(())
}

/// Check one file's schema against the table's data columns.
pub(crate) fn check_schema(
    key: &str,
    file: &Schema,
    table: &SchemaRef,
    hive_types: &[String],
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
                    .cloned()
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
/// It gives the file's columns the table's spelling and then lets DataFusion's default
/// adapter insert the casts and NULL columns; positions stay those of the file.
#[derive(Debug, Default)]
pub(crate) struct CaseInsensitiveAdapterFactory;

impl PhysicalExprAdapterFactory for CaseInsensitiveAdapterFactory {
    fn create(
        &self,
        logical_file_schema: SchemaRef,
        physical_file_schema: SchemaRef,
    ) -> DfResult<Arc<dyn PhysicalExprAdapter>> {
        let renamed: Vec<Field> = physical_file_schema
            .fields()
            .iter()
            .map(|f| {
                if logical_file_schema.field_with_name(f.name()).is_ok() {
                    return f.as_ref().clone();
                }
                match logical_file_schema
                    .fields()
                    .iter()
                    .find(|l| l.name().eq_ignore_ascii_case(f.name()))
                {
                    // Only rename when the file has no exact match of its own.
                    Some(l) if physical_file_schema.field_with_name(l.name()).is_err() => {
                        f.as_ref().clone().with_name(l.name())
                    }
                    _ => f.as_ref().clone(),
                }
            })
            .collect();
        let renamed = Arc::new(Schema::new_with_metadata(
            renamed,
            physical_file_schema.metadata().clone(),
        ));
        Ok(Arc::new(DefaultPhysicalExprAdapter::new(
            logical_file_schema,
            renamed,
        )))
    }
}
