//! Late materialisation: whether the Parquet reader should apply the query's filters while
//! it decodes, and decode the other columns only for the rows that pass.
//!
//! It pays when the filters read few of the scanned columns: a wide `SELECT *` with a
//! selective `WHERE` then decodes two columns instead of thirty (measured: 6.5 s → 0.9 s
//! over 30M rows). It costs when nearly every row passes and the other columns are few
//! (`sum(bytes) … WHERE log_status = 'OK' GROUP BY srcaddr, dstaddr`: 3.4 s → 3.9 s), because
//! the reader then decodes the filter columns, selects, and decodes the rest in pieces. The
//! rule below follows those measurements (benches/RESULTS.md): filter while decoding when
//! at least [`MIN_DEFERRED_COLUMNS`] scanned columns are not read by any filter.
//!
//! When the reader filters, the filters it applies are DataFusion's own `FilterExec`
//! predicates, pushed into the scan by the physical optimizer after flowlog's evaluation
//! order has made fallible expressions lazy, so `WHERE a AND f(b)` still evaluates `f`
//! only on the rows where `a` holds.

use std::collections::BTreeSet;

use arrow::datatypes::Schema;
use datafusion::logical_expr::Expr;

/// The number of scanned columns, outside the filters' own, from which filtering while
/// decoding is chosen.
pub(crate) const MIN_DEFERRED_COLUMNS: usize = 4;

/// Whether a scan of `file_schema`'s columns `projection` (all when `None`) under `filters`
/// should filter while decoding. Filters on partition columns are not counted: partitions
/// are pruned before any object is opened.
pub(crate) fn pays(file_schema: &Schema, projection: Option<&[usize]>, filters: &[Expr]) -> bool {
    let data_columns: BTreeSet<&str> = file_schema
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect();
    let filtered: BTreeSet<String> = filters
        .iter()
        .flat_map(|e| e.column_refs())
        .map(|c| c.name.clone())
        .filter(|n| data_columns.contains(n.as_str()))
        .collect();
    if filtered.is_empty() {
        return false;
    }
    let scanned: Vec<&str> = match projection {
        Some(indices) => indices
            .iter()
            .filter_map(|&i| file_schema.fields().get(i))
            .map(|f| f.name().as_str())
            .collect(),
        None => data_columns.iter().copied().collect(),
    };
    let deferred = scanned.iter().filter(|n| !filtered.contains(**n)).count();
    deferred >= MIN_DEFERRED_COLUMNS
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::datatypes::{DataType, Field};
    use datafusion::prelude::{col, lit};

    fn schema() -> Schema {
        Schema::new(
            [
                "srcaddr",
                "dstaddr",
                "dstport",
                "packets",
                "bytes",
                "action",
                "log_status",
            ]
            .into_iter()
            .map(|n| Field::new(n, DataType::Utf8View, true))
            .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_wide_scan_under_a_filter_filters_while_decoding() {
        let filters = [col("action").eq(lit("REJECT"))];
        assert!(pays(&schema(), None, &filters));
        assert!(pays(&schema(), Some(&[0, 1, 2, 3, 5]), &filters));
    }

    #[test]
    fn a_narrow_scan_decodes_everything_then_filters() {
        let filters = [col("log_status").eq(lit("OK"))];
        // srcaddr, dstaddr, bytes + the filter's column: three deferred columns.
        assert!(!pays(&schema(), Some(&[0, 1, 4, 6]), &filters));
    }

    #[test]
    fn no_data_filter_means_nothing_to_filter_while_decoding() {
        assert!(!pays(&schema(), None, &[]));
        // A filter on a partition column only (not in the file schema).
        assert!(!pays(&schema(), None, &[col("day").eq(lit("2026/11/20"))]));
    }
}
