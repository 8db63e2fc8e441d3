//! A question's answer as text cells: the values exactly as Athena's CSV writes them.

use arrow::record_batch::RecordBatch;

use crate::render::render_value;

/// The rows of a query's result, every value as Athena prints it (`None` for NULL).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerTable {
    /// The column names, as in the CSV header.
    pub columns: Vec<String>,
    /// The rows; each holds one cell per column.
    pub rows: Vec<Vec<Option<String>>>,
}

impl AnswerTable {
    /// The text of every value of `batches` (which share one schema).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow::array::{Int64Array, StringArray};
    /// use arrow::record_batch::RecordBatch;
    /// use flowlog_core::report::AnswerTable;
    /// let batch = RecordBatch::try_from_iter([
    ///     ("srcaddr", Arc::new(StringArray::from(vec!["10.0.0.1"])) as _),
    ///     ("bytes", Arc::new(Int64Array::from(vec![None])) as _),
    /// ])
    /// .unwrap();
    /// let t = AnswerTable::from_batches(&[batch]);
    /// assert_eq!(t.columns, ["srcaddr", "bytes"]);
    /// assert_eq!(t.rows, [vec![Some("10.0.0.1".to_string()), None]]);
    /// ```
    pub fn from_batches(batches: &[RecordBatch]) -> Self {
        let columns = batches
            .first()
            .map(|b| {
                b.schema()
                    .fields()
                    .iter()
                    .map(|f| f.name().clone())
                    .collect()
            })
            .unwrap_or_default();
        let mut rows = Vec::new();
        for batch in batches {
            for row in 0..batch.num_rows() {
                rows.push(
                    batch
                        .columns()
                        .iter()
                        .map(|c| render_value(c.as_ref(), row))
                        .collect(),
                );
            }
        }
        Self { columns, rows }
    }

    /// The position of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Whether the column's every non-NULL value is a number (it is right-aligned).
    pub(crate) fn is_numeric(&self, column: usize) -> bool {
        self.rows
            .iter()
            .filter_map(|r| r[column].as_deref())
            .all(|v| v.parse::<f64>().is_ok())
    }
}
