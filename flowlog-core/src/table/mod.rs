//! The flow-log table provider: partitions → prefixes → objects → a Parquet scan.
//!
//! This is the only module that knows both DataFusion and `object_store`. A scan:
//!
//! ```text
//! query filters ──► prune ──► partitions (projection, or the AWSLogs tree)
//!                               │ only their prefixes are listed
//!                               ▼
//!                   listing ──► .log.parquet objects (others skipped with a warning)
//!                               │ footers checked against the table's columns
//!                               │ (unreadable ones skipped and recorded with
//!                               │ `--skip-bad-objects`, see [`SkippedObjects`])
//!                               ▼
//!                   reconcile ─► DataSourceExec (Parquet), columns matched by name
//! ```

mod added;
mod definition;
pub(crate) mod discover;
mod explain;
mod late_materialization;
pub(crate) mod listing;
mod objects;
mod prune;
pub(crate) mod pseudo;
pub(crate) mod reconcile;
mod skipped;
mod text;
mod text_source;

use std::fmt;
use std::sync::Arc;

use arrow::datatypes::{DataType, FieldRef, Schema, SchemaRef};
use async_trait::async_trait;
use datafusion::catalog::Session;
use datafusion::common::config::TableParquetOptions;
use datafusion::common::stats::Precision;
use datafusion::common::{DFSchema, ScalarValue, Statistics};
use datafusion::datasource::TableProvider;
use datafusion::datasource::TableType;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::parquet::CachedParquetFileReaderFactory;
use datafusion::datasource::physical_plan::{FileGroup, FileScanConfigBuilder, ParquetSource};
use datafusion::datasource::source::DataSourceExec;
use datafusion::datasource::table_schema::TableSchema;
use datafusion::error::Result as DfResult;
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::empty::EmptyExec;
use datafusion::physical_plan::union::UnionExec;

pub use added::PartitionSpec;
pub use definition::TableOptions;
pub use explain::{PartitionKind, ScanReport};
use listing::{ListedFile, PartitionTarget};
pub use objects::TableObject;
use prune::PartitionPruner;
pub use pseudo::is_pseudo_column;
pub use skipped::{SkippedObject, SkippedObjects};
pub use text::TextColumns;

use crate::ddl::HiveType;
use crate::error::{Error, Result};
use crate::layout::FileFormat;
use crate::projection::{Projection, ProjectionRule};
use crate::storage::StoreResolver;

/// How a table's partitions are found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum PartitionSource {
    /// Athena partition projection: partitions are computed from table properties.
    Projected {
        /// The projection.
        projection: Projection,
        /// The table's `LOCATION`, under which partitions are `col=value/` directories
        /// when the projection has no `storage.location.template` (unused otherwise).
        table_location: String,
    },
    /// An `AWSLogs` tree found by listing, in any of the four delivery layouts.
    AwsLogs {
        /// The directory or URL that holds the tree.
        root: String,
        /// Whether the table has an `hour` column.
        hourly: bool,
    },
    /// Hive-style `col=value` directories under the table location (no projection).
    HiveDirectories {
        /// The table's `LOCATION`.
        root: String,
    },
    /// No partitions: every object under the table location.
    Unpartitioned {
        /// The table's `LOCATION`.
        root: String,
    },
}

/// A table of VPC flow logs, readable by DataFusion.
pub struct FlowLogTable {
    name: String,
    schema: SchemaRef,
    file_schema: SchemaRef,
    hive_types: Vec<HiveType>,
    partition_fields: Vec<FieldRef>,
    source: PartitionSource,
    resolver: StoreResolver,
    options: TableOptions,
    /// Whether `.log.parquet` objects are read (not by a text DDL).
    reads_parquet: bool,
    /// How `.log.gz` objects are read, if they are.
    text: Option<TextColumns>,
    /// Partitions registered with `ALTER TABLE … ADD PARTITION` (tables without projection).
    added: added::AddedPartitions,
}

impl fmt::Debug for FlowLogTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlowLogTable")
            .field("name", &self.name)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl FlowLogTable {
    /// The table's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How the table finds its partitions.
    pub fn partition_source(&self) -> &PartitionSource {
        &self.source
    }

    /// The partition columns.
    pub fn partition_fields(&self) -> &[FieldRef] {
        &self.partition_fields
    }

    /// The partition column holding the UTC day of a log's S3 prefix, and how it writes a
    /// day: a projected `date` column of day precision (the runbook's `date`,
    /// `yyyy/MM/dd`), or the `date` column of an `AWSLogs` tree. `None` when the table has
    /// no such column, or when it is not a `string` (a filter on the day must then use
    /// `start`).
    pub fn day_partition(&self) -> Option<(String, crate::projection::DatePattern)> {
        use crate::projection::{DatePattern, Precision, ProjectionRule};
        let is_string = |name: &str| {
            use arrow::datatypes::DataType::{LargeUtf8, Utf8, Utf8View};
            self.partition_fields
                .iter()
                .any(|f| f.name() == name && matches!(f.data_type(), Utf8 | LargeUtf8 | Utf8View))
        };
        match &self.source {
            PartitionSource::Projected { projection, .. } => {
                projection.columns().iter().find_map(|c| match &c.rule {
                    ProjectionRule::Date(d)
                        if d.pattern().precision() == Precision::Day && is_string(&c.name) =>
                    {
                        Some((c.name.clone(), d.pattern().clone()))
                    }
                    _ => None,
                })
            }
            PartitionSource::AwsLogs { .. } => self
                .partition_fields
                .iter()
                .find(|f| f.name() == "date")
                .and_then(|_| DatePattern::compile("yyyy/MM/dd").ok())
                .map(|p| ("date".to_string(), p)),
            _ => None,
        }
    }

    /// Registers partitions, as `ALTER TABLE … ADD [IF NOT EXISTS] PARTITION` does in
    /// Athena's catalog: for a partitioned table without projection, each partition's
    /// objects are read from then on (besides the `col=value/` folders found under its
    /// location). Returns how many partitions were new, or `None` when the table's
    /// partitions come from partition projection or an `AWSLogs` tree (Athena ignores
    /// registered partitions when projection is enabled).
    pub fn add_partitions(
        &self,
        specs: &[PartitionSpec],
        if_not_exists: bool,
    ) -> Result<Option<usize>> {
        match &self.source {
            PartitionSource::HiveDirectories { root } => self
                .added
                .add(
                    &self.name,
                    &self.partition_fields,
                    root,
                    specs,
                    if_not_exists,
                )
                .map(Some),
            PartitionSource::Unpartitioned { .. } => Err(Error::NotPartitioned {
                table: self.name.clone(),
            }),
            PartitionSource::Projected { .. } | PartitionSource::AwsLogs { .. } => Ok(None),
        }
    }

    /// The objects a query with these filters reads, with their partition values,
    /// without reading them. Used by `EXPLAIN`-like commands and tests.
    pub async fn plan_files(
        &self,
        session: &dyn Session,
        filters: &[Expr],
    ) -> Result<Vec<(String, Vec<ScalarValue>)>> {
        let files = self.list_files(session, filters).await?;
        Ok(files
            .into_iter()
            .map(|f| (f.meta.location.to_string(), f.values))
            .collect())
    }

    async fn list_files(&self, session: &dyn Session, filters: &[Expr]) -> Result<Vec<ListedFile>> {
        let mut files = self.list_all_files(session, filters).await?;
        let mut skipped: Vec<ListedFile> = Vec::new();
        files.retain(|f| {
            let reads = match f.format {
                FileFormat::Parquet => self.reads_parquet,
                FileFormat::TextGzip => self.text.is_some(),
            };
            if !reads {
                skipped.push(f.clone());
            }
            reads
        });
        warn_other_format(&skipped);
        self.retain_pseudo(session, filters, files)
    }

    /// The partition columns followed by the pseudo-columns: the per-file constant
    /// columns of a scan, whose values a scanned file carries in this order.
    fn constant_fields(&self) -> Vec<FieldRef> {
        let mut fields = self.partition_fields.clone();
        fields.extend(pseudo::fields());
        fields
    }

    /// Drops the objects that filters on the pseudo-columns (`"$path" = 's3://…'`)
    /// exclude, before any is read.
    fn retain_pseudo(
        &self,
        session: &dyn Session,
        filters: &[Expr],
        files: Vec<ListedFile>,
    ) -> Result<Vec<ListedFile>> {
        if !pseudo::filtered(filters) || files.is_empty() {
            return Ok(files);
        }
        let fields = self.constant_fields();
        let pruner = PartitionPruner::new(filters, &fields);
        let urls = pseudo::ObjectUrls::new(&self.resolver);
        let candidates: Vec<Vec<ScalarValue>> = files
            .iter()
            .map(|f| {
                let mut values = f.values.clone();
                values.resize(self.partition_fields.len(), ScalarValue::Null);
                values.extend(urls.values(f));
                values
            })
            .collect();
        let keep = pruner.retain(session, fields.len(), &candidates)?;
        let before = files.len();
        let files: Vec<ListedFile> = files
            .into_iter()
            .zip(keep)
            .filter_map(|(f, k)| k.then_some(f))
            .collect();
        log::debug!(
            "table {}: {} of {before} objects pass the filters on pseudo-columns",
            self.name,
            files.len()
        );
        Ok(files)
    }

    async fn list_all_files(
        &self,
        session: &dyn Session,
        filters: &[Expr],
    ) -> Result<Vec<ListedFile>> {
        let pruner = PartitionPruner::new(filters, &self.partition_fields);
        match &self.source {
            PartitionSource::Projected {
                projection,
                table_location,
            } => {
                let targets =
                    self.projected_targets(session, &pruner, projection, table_location)?;
                listing::list_targets(targets, self.options.list_concurrency).await
            }
            PartitionSource::AwsLogs { root, hourly } => {
                let root = self.resolver.resolve_data(root)?;
                discover::aws_logs_files(session, &pruner, &root, *hourly, &self.options).await
            }
            PartitionSource::HiveDirectories { root } => {
                let root = self.resolver.resolve_data(root)?;
                let mut files = discover::hive_files(
                    session,
                    &pruner,
                    &root,
                    &self.partition_fields,
                    &self.options,
                )
                .await?;
                let added = self.added.snapshot();
                if !added.is_empty() {
                    let values: Vec<Vec<ScalarValue>> =
                        added.iter().map(|p| p.values.clone()).collect();
                    let keep = pruner.retain(session, self.partition_fields.len(), &values)?;
                    let mut targets = Vec::new();
                    for (partition, keep) in added.into_iter().zip(keep) {
                        if keep {
                            targets.push(PartitionTarget {
                                values: partition.values,
                                location: self.resolver.resolve_data(&partition.location)?,
                            });
                        }
                    }
                    files.extend(
                        listing::list_targets(targets, self.options.list_concurrency).await?,
                    );
                    // A partition added at a `col=value/` folder is listed once.
                    files.sort_by(|a, b| a.meta.location.cmp(&b.meta.location));
                    files.dedup_by(|a, b| {
                        a.meta.location == b.meta.location && a.store_url == b.store_url
                    });
                }
                Ok(files)
            }
            PartitionSource::Unpartitioned { root } => {
                let location = self.resolver.resolve_data(root)?;
                listing::list_targets(
                    vec![PartitionTarget {
                        values: vec![],
                        location,
                    }],
                    1,
                )
                .await
            }
        }
    }

    /// The partitions a projection yields under the filters, with their locations.
    fn projected_targets(
        &self,
        session: &dyn Session,
        pruner: &PartitionPruner,
        projection: &Projection,
        table_location: &str,
    ) -> Result<Vec<PartitionTarget>> {
        let limit = self.options.partition_limit;
        let projection_err = |error| Error::Projection {
            table: self.name.clone(),
            error: Box::new(error),
        };
        // Values per column, narrowed by `=` / `IN` where the filters give them.
        let mut per_column: Vec<Vec<String>> = Vec::new();
        for (col, field) in projection.columns().iter().zip(&self.partition_fields) {
            // Only string columns are pinned by string literals; the others are enumerated
            // and pruned on their typed values.
            let required = match field.data_type() {
                DataType::Utf8 => pruner.required_strings(&col.name),
                _ => None,
            };
            let values = match (required, &col.rule) {
                (Some(set), _) => set.into_iter().filter(|v| col.contains(v)).collect(),
                (None, ProjectionRule::Injected(_)) => {
                    return Err(Error::InjectedNotFiltered {
                        table: self.name.clone(),
                        column: col.name.clone(),
                    });
                }
                (None, _) => col.values(limit).map_err(projection_err)?,
            };
            per_column.push(values);
        }
        let total: u128 = per_column.iter().map(|v| v.len() as u128).product();
        if total > limit as u128 {
            return Err(Error::TooManyPartitions {
                table: self.name.clone(),
                count: total,
                limit,
                columns: self
                    .partition_fields
                    .iter()
                    .map(|f| f.name().clone())
                    .collect(),
            });
        }
        let combos = cartesian(&per_column);
        let typed: Vec<Vec<ScalarValue>> = combos
            .iter()
            .map(|c| self.typed_values(projection, c))
            .collect::<Result<_>>()?;
        let keep = pruner.retain(session, self.partition_fields.len(), &typed)?;
        let mut targets = Vec::new();
        for ((strings, values), keep) in combos.iter().zip(typed).zip(keep) {
            if !keep {
                continue;
            }
            let refs: Vec<&str> = strings.iter().map(String::as_str).collect();
            let url = projection.location(table_location, &refs);
            targets.push(PartitionTarget {
                values,
                location: self.resolver.resolve_data(&url)?,
            });
        }
        log::debug!("table {}: {} partitions selected", self.name, targets.len());
        Ok(targets)
    }

    /// Partition strings as the partition columns' types: a `date` column's value is the
    /// date its projection format reads, other values are cast.
    fn typed_values(
        &self,
        projection: &Projection,
        strings: &[String],
    ) -> Result<Vec<ScalarValue>> {
        strings
            .iter()
            .zip(projection.columns())
            .zip(&self.partition_fields)
            .map(|((s, col), f)| {
                let typed = match (f.data_type(), &col.rule) {
                    (DataType::Date32, ProjectionRule::Date(dates)) => dates
                        .parse(s)
                        .map(|t| ScalarValue::Date32(Some(days_since_epoch(t.date())))),
                    (t, _) => ScalarValue::Utf8(Some(s.clone())).cast_to(t).ok(),
                };
                typed.ok_or_else(|| Error::InvalidPartitionValue {
                    table: self.name.clone(),
                    column: f.name().clone(),
                    value: s.clone(),
                    data_type: f.data_type().clone(),
                })
            })
            .collect()
    }
}

/// One warning for the objects of a format the table does not read (a text table over
/// Parquet objects, a Parquet table over text ones), naming the first.
fn warn_other_format(skipped: &[ListedFile]) {
    let Some(first) = skipped.first() else {
        return;
    };
    let n = skipped.len();
    let (what, extension, hint) = match first.format {
        FileFormat::TextGzip => (
            "text flow log",
            ".log.gz",
            "the table is Parquet; add --accept-text to read text objects too",
        ),
        FileFormat::Parquet => (
            "Parquet object",
            ".log.parquet",
            "the table is a text table (ROW FORMAT DELIMITED); declare a Parquet table to read them",
        ),
    };
    log::warn!(
        "skipping {n} {what}{} ({extension}): {hint} (e.g. {})",
        if n == 1 { "" } else { "s" },
        listing::shown(first)
    );
}

/// Days from 1970-01-01 to `date`, as Arrow's `Date32` counts them.
fn days_since_epoch(date: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    // 1970-01-01 is day 719,163 counted from 0001-01-01.
    date.num_days_from_ce() - 719_163
}

/// Every combination of one value per column, in order.
fn cartesian(columns: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for values in columns {
        let mut next = Vec::with_capacity(out.len() * values.len());
        for prefix in &out {
            for v in values {
                let mut row = prefix.clone();
                row.push(v.clone());
                next.push(row);
            }
        }
        out = next;
    }
    out
}

#[async_trait]
impl TableProvider for FlowLogTable {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> DfResult<Vec<TableProviderFilterPushDown>> {
        // Pruning never proves a filter, so DataFusion re-checks every row.
        Ok(vec![TableProviderFilterPushDown::Inexact; filters.len()])
    }

    async fn scan(
        &self,
        state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        let mut files = self.list_files(state, filters).await?;
        // Each file carries its pseudo-columns' values after its partition values.
        let urls = pseudo::ObjectUrls::new(&self.resolver);
        for f in &mut files {
            let values = urls.values(f);
            f.values
                .resize(self.partition_fields.len(), ScalarValue::Null);
            f.values.extend(values);
        }
        let bytes = files.iter().map(|f| f.meta.size).sum::<u64>();
        log::info!(
            "table {}: {} objects to read, {} bytes",
            self.name,
            files.len(),
            bytes
        );
        self.resolver
            .progress()
            .record_scan(files.len() as u64, bytes);
        listing::warn_duplicate_names(&files);
        let (text_files, files): (Vec<ListedFile>, Vec<ListedFile>) = files
            .into_iter()
            .partition(|f| f.format == FileFormat::TextGzip);
        let cache = state.runtime_env().cache_manager.get_file_metadata_cache();
        let row_counts = reconcile::check_files(
            &files,
            &self.file_schema,
            &self.hive_types,
            Arc::clone(&cache),
            self.options.footer_concurrency,
            self.options.skip_bad_objects.as_deref(),
        )
        .await?;
        let mut files: Vec<(ListedFile, u64)> = files
            .into_iter()
            .zip(row_counts)
            .filter_map(|(f, rows)| Some((f, rows?)))
            .collect();

        let projected_schema = match projection {
            Some(p) => Arc::new(self.schema.project(p)?),
            None => Arc::clone(&self.schema),
        };
        if files.is_empty() && text_files.is_empty() {
            return Ok(Arc::new(EmptyExec::new(projected_schema)));
        }
        // When the reader filters while decoding, it applies the FilterExec's predicates
        // (lazy where they must be, see late_materialization); a predicate of our own would
        // be applied eagerly, so it is given only for row-group pruning otherwise.
        let filter_while_decoding =
            late_materialization::pays(&self.file_schema, projection.map(Vec::as_slice), filters);
        let predicate = if filter_while_decoding {
            None
        } else {
            self.file_predicate(state, filters)
        };
        let target_partitions = state.config().target_partitions().max(1);

        // One scan per store (a single local store today; several buckets later).
        let mut groups: Vec<(
            datafusion::execution::object_store::ObjectStoreUrl,
            Vec<PartitionedFile>,
            u64,
        )> = Vec::new();
        for (f, rows) in files.drain(..) {
            let pf = PartitionedFile::new_from_meta(f.meta).with_partition_values(f.values);
            match groups.iter_mut().find(|(u, _, _)| *u == f.store_url) {
                Some((_, v, n)) => {
                    v.push(pf);
                    *n += rows;
                }
                None => groups.push((f.store_url, vec![pf], rows)),
            }
        }
        let mut plans: Vec<Arc<dyn ExecutionPlan>> = Vec::new();
        for (url, files, rows) in groups {
            let table_schema = TableSchema::builder(Arc::clone(&self.file_schema))
                .with_table_partition_cols(self.constant_fields())
                .build();
            // The footers' row counts are exact: `count(*)` with no filter is answered
            // from them without reading the data.
            let mut statistics = Statistics::new_unknown(table_schema.table_schema());
            statistics.num_rows = Precision::Exact(usize::try_from(rows).unwrap_or(usize::MAX));
            let mut parquet_options = TableParquetOptions {
                global: state.config().options().execution.parquet.clone(),
                ..TableParquetOptions::default()
            };
            parquet_options.global.pushdown_filters |= filter_while_decoding;
            let mut source =
                ParquetSource::new(table_schema).with_table_parquet_options(parquet_options);
            if let Some(p) = &predicate {
                source = source.with_predicate(Arc::clone(p));
            }
            // The footers checked above are in the metadata cache: the scan reads them
            // from there, not from the store again.
            let store = state.runtime_env().object_store(&url)?;
            source = source.with_parquet_file_reader_factory(Arc::new(
                crate::storage::CountingReaderFactory::new(
                    Arc::new(CachedParquetFileReaderFactory::new(
                        store,
                        Arc::clone(&cache),
                    )),
                    self.resolver.progress(),
                ),
            ));
            let file_groups = FileGroup::new(files).split_files(target_partitions);
            let config = FileScanConfigBuilder::new(url, Arc::new(source))
                .with_file_groups(file_groups)
                .with_statistics(statistics)
                .with_projection_indices(projection.cloned())?
                .with_limit(limit)
                .with_expr_adapter(Some(Arc::new(reconcile::CaseInsensitiveAdapterFactory)))
                .build();
            plans.push(DataSourceExec::from_data_source(config));
        }
        if let (Some(mode), false) = (self.text, text_files.is_empty()) {
            let columns: Vec<String> = self
                .file_schema
                .fields()
                .iter()
                .map(|f| f.name().clone())
                .collect();
            let groups =
                text::group_files(text_files, &columns, mode, self.options.footer_concurrency)
                    .await?;
            for group in groups {
                plans.push(text::scan_group(
                    state,
                    group,
                    &self.schema,
                    &self.constant_fields(),
                    projection,
                    limit,
                    target_partitions,
                )?);
            }
        }
        UnionExec::try_new(plans)
    }
}

impl FlowLogTable {
    /// Filters on data columns, for row-group pruning inside the Parquet files.
    fn file_predicate(
        &self,
        state: &dyn Session,
        filters: &[Expr],
    ) -> Option<Arc<dyn datafusion::physical_plan::PhysicalExpr>> {
        let names: Vec<&str> = self
            .file_schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        let conjunction = filters
            .iter()
            .filter(|e| {
                e.column_refs()
                    .iter()
                    .all(|c| names.contains(&c.name.as_str()))
            })
            .filter_map(|e| prune::unqualify(e.clone()).ok())
            .reduce(Expr::and)?;
        let df_schema = DFSchema::try_from(Schema::clone(&self.schema)).ok()?;
        state.create_physical_expr(conjunction, &df_schema).ok()
    }
}
