//! The objects a scan of a table reads, with what a copy of them needs (store, key,
//! size, ETag), and the filters that narrow a table to a range of dates.
//!
//! `flowlog sync` copies exactly these objects: the partitions are chosen and listed as
//! a query's scan chooses and lists them (projection, discovery, pruning).

use std::sync::Arc;

use arrow::datatypes::DataType;
use chrono::{DateTime, NaiveDate, Utc};
use datafusion::catalog::Session;
use datafusion::common::{Column, ScalarValue};
use datafusion::logical_expr::{BinaryExpr, Expr, Operator};
use object_store::ObjectStore;
use object_store::path::Path as ObjectPath;

use super::{FlowLogTable, PartitionSource};
use crate::error::Result;
use crate::projection::ProjectionRule;

/// One object a scan of the table reads.
#[derive(Debug, Clone)]
pub struct TableObject {
    /// The bucket, when the object is on S3 (not a local file or mirror).
    pub bucket: Option<String>,
    /// The key inside its store (for S3, the bucket's key).
    pub key: ObjectPath,
    /// Its size in bytes, as listed.
    pub size: u64,
    /// Its ETag, as listed, when the store gives one.
    pub e_tag: Option<String>,
    /// When it was last modified, as listed.
    pub last_modified: DateTime<Utc>,
    /// The store it is read from.
    pub store: Arc<dyn ObjectStore>,
}

impl TableObject {
    /// The object's URL: `s3://bucket/key`, or `/key` for a local file.
    pub fn url(&self) -> String {
        match &self.bucket {
            Some(bucket) => format!("s3://{bucket}/{}", self.key),
            None => format!("/{}", self.key),
        }
    }
}

impl FlowLogTable {
    /// The objects a query with these filters reads (partitions chosen, listed and
    /// pruned as the scan does), reading none of them.
    pub async fn objects(
        &self,
        session: &dyn Session,
        filters: &[Expr],
    ) -> Result<Vec<TableObject>> {
        let files = self.list_files(session, filters).await?;
        Ok(files
            .into_iter()
            .map(|f| {
                let bucket = f
                    .store_url
                    .as_str()
                    .strip_prefix("s3://")
                    .map(|rest| rest.trim_end_matches('/').to_string());
                TableObject {
                    bucket,
                    key: f.meta.location,
                    size: f.meta.size,
                    e_tag: f.meta.e_tag,
                    last_modified: f.meta.last_modified,
                    store: f.store,
                }
            })
            .collect())
    }

    /// Filters that keep the partitions whose date is within `since..=until` (either end
    /// open), or `None` when the table has no date partition column. The date column is
    /// the one projected as `type = date`, or `date` of a discovered `AWSLogs` tree.
    pub fn date_range_filters(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Option<Vec<Expr>> {
        let within = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
        match &self.source {
            PartitionSource::Projected { projection, .. } => {
                let (col, field) = projection
                    .columns()
                    .iter()
                    .zip(&self.partition_fields)
                    .find(|(c, _)| matches!(c.rule, ProjectionRule::Date(_)))?;
                let ProjectionRule::Date(dates) = &col.rule else {
                    return None;
                };
                let column = || Expr::Column(Column::new_unqualified(col.name.clone()));
                if field.data_type() == &DataType::Date32 {
                    return Some(date32_bounds(column, since, until));
                }
                // The projection's own values in the range: right whatever the format.
                let values: Vec<Expr> = dates
                    .iter()
                    .filter(|t| within(t.date()))
                    .map(|t| Expr::Literal(ScalarValue::Utf8(Some(dates.format(&t))), None))
                    .collect();
                Some(vec![Expr::InList(datafusion::logical_expr::expr::InList {
                    expr: Box::new(column()),
                    list: values,
                    negated: false,
                })])
            }
            PartitionSource::AwsLogs { .. } => {
                // Discovered dates are `yyyy/MM/dd`, whose text order is the dates' order.
                let column = || Expr::Column(Column::new_unqualified("date"));
                let bound = |op, d: NaiveDate| {
                    Expr::BinaryExpr(BinaryExpr::new(
                        Box::new(column()),
                        op,
                        Box::new(Expr::Literal(
                            ScalarValue::Utf8(Some(d.format("%Y/%m/%d").to_string())),
                            None,
                        )),
                    ))
                };
                let mut out = Vec::new();
                if let Some(s) = since {
                    out.push(bound(Operator::GtEq, s));
                }
                if let Some(u) = until {
                    out.push(bound(Operator::LtEq, u));
                }
                Some(out)
            }
            PartitionSource::HiveDirectories { .. } | PartitionSource::Unpartitioned { .. } => None,
        }
    }
}

/// `col >= since AND col <= until` on a `date` column.
fn date32_bounds(
    column: impl Fn() -> Expr,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Vec<Expr> {
    let bound = |op, d: NaiveDate| {
        Expr::BinaryExpr(BinaryExpr::new(
            Box::new(column()),
            op,
            Box::new(Expr::Literal(
                ScalarValue::Date32(Some(super::days_since_epoch(d))),
                None,
            )),
        ))
    };
    let mut out = Vec::new();
    if let Some(s) = since {
        out.push(bound(Operator::GtEq, s));
    }
    if let Some(u) = until {
        out.push(bound(Operator::LtEq, u));
    }
    out
}
