//! Partition pruning: which partitions can hold rows that pass the query's filters.
//!
//! Filters that mention only partition columns are evaluated by DataFusion itself over a
//! small batch holding one row per candidate partition, so `=`, `IN`, `BETWEEN`, `<`,
//! `AND`, `OR`, `NOT` and even functions of partition columns prune with exactly the
//! semantics the query will apply to the rows. A partition is dropped only when the
//! filter is false or NULL for it, which is when `WHERE` would drop all its rows.
//!
//! Equality and `IN` lists at the top level also give the literal values a column must
//! take, so a projection need not be enumerated (injected columns need them).

use std::collections::BTreeSet;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, BooleanArray};
use arrow::datatypes::{FieldRef, Schema};
use arrow::record_batch::RecordBatch;
use datafusion::catalog::Session;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::{Column, DFSchema, ScalarValue};
use datafusion::error::Result;
use datafusion::logical_expr::utils::split_conjunction;
use datafusion::logical_expr::{BinaryExpr, Expr, Operator};

/// The query's filters that mention only partition columns, ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct PartitionPruner {
    columns: Vec<FieldRef>,
    /// Conjuncts with unqualified column references.
    conjuncts: Vec<Expr>,
}

impl PartitionPruner {
    /// Keep the conjuncts of `filters` whose columns are all partition columns.
    pub(crate) fn new(filters: &[Expr], columns: &[FieldRef]) -> Self {
        let names: BTreeSet<&str> = columns.iter().map(|f| f.name().as_str()).collect();
        let conjuncts = filters
            .iter()
            .flat_map(split_conjunction)
            .filter(|e| {
                let refs = e.column_refs();
                !refs.is_empty() && refs.iter().all(|c| names.contains(c.name.as_str()))
            })
            .filter_map(|e| unqualify(e.clone()).ok())
            .collect();
        Self {
            columns: columns.to_vec(),
            conjuncts,
        }
    }

    /// Whether any filter applies to the partition columns.
    pub(crate) fn is_empty(&self) -> bool {
        self.conjuncts.is_empty()
    }

    /// The string values a column must take, from top-level `col = 'x'` and
    /// `col IN ('x', 'y')` filters, or `None` when the filters do not pin it down.
    pub(crate) fn required_strings(&self, column: &str) -> Option<BTreeSet<String>> {
        let mut result: Option<BTreeSet<String>> = None;
        for c in &self.conjuncts {
            let Some(values) = literal_values(c, column) else {
                continue;
            };
            result = Some(match result {
                None => values,
                Some(prev) => prev.intersection(&values).cloned().collect(),
            });
        }
        result
    }

    /// For each candidate, whether it may hold matching rows. A candidate gives values
    /// for the first `known` partition columns; conjuncts mentioning other columns are
    /// not applied (they cannot be decided yet).
    pub(crate) fn retain(
        &self,
        session: &dyn Session,
        known: usize,
        candidates: &[Vec<ScalarValue>],
    ) -> Result<Vec<bool>> {
        let fields = &self.columns[..known.min(self.columns.len())];
        let names: BTreeSet<&str> = fields.iter().map(|f| f.name().as_str()).collect();
        let applicable: Vec<Expr> = self
            .conjuncts
            .iter()
            .filter(|e| {
                e.column_refs()
                    .iter()
                    .all(|c| names.contains(c.name.as_str()))
            })
            .cloned()
            .collect();
        if applicable.is_empty() || candidates.is_empty() {
            return Ok(vec![true; candidates.len()]);
        }
        let schema = Arc::new(Schema::new(fields.to_vec()));
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(fields.len());
        for (i, f) in fields.iter().enumerate() {
            let values = candidates.iter().map(|c| {
                c.get(i)
                    .cloned()
                    .unwrap_or(ScalarValue::Null)
                    .cast_to(f.data_type())
            });
            let values = values.collect::<Result<Vec<_>>>()?;
            arrays.push(ScalarValue::iter_to_array(values)?);
        }
        let batch = RecordBatch::try_new(Arc::clone(&schema), arrays)?;
        let df_schema = DFSchema::try_from(schema.as_ref().clone())?;
        let predicate = applicable
            .into_iter()
            .reduce(Expr::and)
            .unwrap_or_else(|| Expr::Literal(ScalarValue::Boolean(Some(true)), None));
        let physical = session.create_physical_expr(predicate, &df_schema)?;
        let result = physical.evaluate(&batch)?.into_array(batch.num_rows())?;
        let mask = result
            .as_any()
            .downcast_ref::<BooleanArray>()
            .map(|b| (0..b.len()).map(|i| b.is_valid(i) && b.value(i)).collect())
            .unwrap_or_else(|| vec![true; candidates.len()]);
        Ok(mask)
    }
}

/// Drop table qualifiers, so the expression can be evaluated over the partition batch.
pub(crate) fn unqualify(expr: Expr) -> Result<Expr> {
    expr.transform(|e| match e {
        Expr::Column(c) if c.relation.is_some() => Ok(Transformed::yes(Expr::Column(
            Column::new_unqualified(c.name),
        ))),
        other => Ok(Transformed::no(other)),
    })
    .map(|t| t.data)
}

/// The string literals `expr` pins `column` to, if it is `column = lit` or `column IN (lits)`.
fn literal_values(expr: &Expr, column: &str) -> Option<BTreeSet<String>> {
    let is_col = |e: &Expr| matches!(e, Expr::Column(c) if c.name == column);
    match expr {
        Expr::BinaryExpr(BinaryExpr {
            left,
            op: Operator::Eq,
            right,
        }) => {
            let lit = if is_col(left) {
                right
            } else if is_col(right) {
                left
            } else {
                return None;
            };
            string_literal(lit).map(|s| BTreeSet::from([s]))
        }
        Expr::InList(list) if !list.negated && is_col(&list.expr) => {
            list.list.iter().map(string_literal).collect()
        }
        _ => None,
    }
}

fn string_literal(e: &Expr) -> Option<String> {
    match e {
        Expr::Literal(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)),
            _,
        ) => Some(s.clone()),
        _ => None,
    }
}
