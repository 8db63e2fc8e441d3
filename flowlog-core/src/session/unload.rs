//! `UNLOAD (query) TO … WITH (…)` in a session: the query planned where it stands in
//! the script, the target resolved through the mirrors, table locations kept safe, and
//! the answer Trino gives for a statement that writes rows: one `rows` column.

use std::sync::Arc;

use datafusion::arrow::array::{Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::dataframe::DataFrame;

use super::FlowLogSession;
use crate::ddl::Located;
use crate::error::Result;
use crate::storage::ResolvedLocation;
use crate::table::{FlowLogTable, PartitionSource};
use crate::unload::{self, UnloadError, UnloadPlan, UnloadStatement};

impl FlowLogSession {
    /// Run an UNLOAD whose statement starts at `statement`'s line and column.
    pub(crate) async fn run_unload(
        &self,
        statement: &Located<String>,
        unload: UnloadStatement,
    ) -> Result<DataFrame> {
        let query = Located {
            value: unload.query.clone(),
            line: statement.line + unload.query_line.saturating_sub(1),
            column: if unload.query_line <= 1 {
                statement.column + unload.query_column.saturating_sub(1)
            } else {
                unload.query_column
            },
        };
        let df =
            Box::pin(self.run_statement(&query))
                .await?
                .ok_or_else(|| UnloadError::Syntax {
                    reason: "the parentheses hold no query".into(),
                })?;
        let target = self.resolver.resolve(&unload.target)?;
        self.refuse_table_locations(&target).await?;
        let stream = df
            .execute_stream()
            .await
            .map_err(|e| self.explain_error(e))?;
        let temp_dir = self
            .options
            .memory
            .temp_dir
            .clone()
            .unwrap_or_else(std::env::temp_dir);
        let summary = unload::write(
            stream,
            UnloadPlan {
                target: &target,
                options: &unload.options,
                temp_dir,
                query_id: unload::new_query_id(),
            },
        )
        .await
        .map_err(|e| match e {
            crate::Error::DataFusion(e) => self.explain_error(e),
            other => other,
        })?;
        log::info!(
            "UNLOAD wrote {} rows in {} files to {}",
            summary.rows,
            summary.files.len(),
            unload.target
        );
        let schema = Arc::new(Schema::new(vec![Field::new(
            "rows",
            DataType::Int64,
            false,
        )]));
        let rows = i64::try_from(summary.rows).unwrap_or(i64::MAX);
        let batch = RecordBatch::try_new(schema, vec![Arc::new(Int64Array::from(vec![rows]))])
            .map_err(datafusion::error::DataFusionError::from)?;
        Ok(self.ctx.read_batch(batch)?)
    }

    /// Refuses a target that overlaps the location of any flow-log table of the session.
    async fn refuse_table_locations(&self, target: &ResolvedLocation) -> Result<()> {
        let Some(catalog) = self.ctx.catalog("awsdatacatalog") else {
            return Ok(());
        };
        for database in catalog.schema_names() {
            let Some(schema) = catalog.schema(&database) else {
                continue;
            };
            for name in schema.table_names() {
                let Ok(Some(provider)) = schema.table(&name).await else {
                    continue;
                };
                let Some(table) = provider.downcast_ref::<FlowLogTable>() else {
                    continue;
                };
                let location = table_root(table.partition_source());
                let Ok(resolved) = self.resolver.resolve(&location) else {
                    continue;
                };
                let same_store = resolved.store_url == target.store_url;
                let overlaps = target.prefix.prefix_matches(&resolved.prefix)
                    || resolved.prefix.prefix_matches(&target.prefix);
                if same_store && overlaps {
                    return Err(UnloadError::TargetInTable {
                        target: target.original.clone(),
                        table: format!("{database}.{name}"),
                        location,
                    }
                    .into());
                }
            }
        }
        Ok(())
    }
}

/// The location under which a table's objects lie (a template's fixed start).
fn table_root(source: &PartitionSource) -> String {
    match source {
        PartitionSource::Projected {
            projection,
            table_location,
        } => match projection.template() {
            Some(template) => {
                let text = template.as_str();
                let fixed = text.find("${").map_or(text, |at| &text[..at]);
                // Up to the last whole folder before the first placeholder.
                match fixed.rfind('/') {
                    Some(slash) => fixed[..=slash].to_string(),
                    None => fixed.to_string(),
                }
            }
            None => table_location.clone(),
        },
        PartitionSource::AwsLogs { root, .. }
        | PartitionSource::HiveDirectories { root }
        | PartitionSource::Unpartitioned { root } => root.clone(),
        #[allow(unreachable_patterns)]
        _ => String::new(),
    }
}
