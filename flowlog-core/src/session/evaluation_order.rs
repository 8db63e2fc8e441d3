//! Trino's evaluation order: `AND` / `OR` evaluate their right operand only on the rows
//! the left one does not decide, so a cheap guard protects a fallible expression.
//!
//! ```text
//! WHERE srcaddr NOT LIKE '%:%' AND contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))
//!       └ guard: every row          └ only rows the guard keeps (IPv4 ones)
//! ```
//!
//! DataFusion's `AND` evaluates both operands on the whole batch, and its optimizer
//! merges, splits and pushes conjuncts around (filters of views and subqueries end up in
//! one predicate). So the rewrite happens on the *optimized* plan, just before physical
//! planning ([`TrinoQueryPlanner`]): in every expression of every plan node, a chain of
//! `AND`s (or `OR`s) whose operands include a fallible one is rebuilt as
//!
//! ```text
//! infallible operands, in their order, joined by plain AND (eager, cheap, prunable)
//! then each fallible operand f, in its order:
//!   CASE acc WHEN FALSE THEN FALSE WHEN TRUE THEN f ELSE f AND NULL END     (AND)
//!   CASE acc WHEN TRUE THEN TRUE WHEN FALSE THEN f ELSE f OR NULL END       (OR)
//! ```
//!
//! DataFusion evaluates a `CASE` branch only on the rows that reach it, so `f` runs only
//! where the operands before it did not decide the result, with Kleene's three-valued
//! logic kept (`NULL AND FALSE` is `FALSE`). `CASE`, `IF`, `COALESCE` and `TRY` are lazy in
//! DataFusion already; a boolean `CASE` that DataFusion's simplifier turned into
//! `AND`/`OR` is made lazy again by the same rewrite.
//!
//! Infallible operands (column references, literals, comparisons, `LIKE`, `IN` lists,
//! `IS NULL`, widening casts, …) are moved before the fallible ones: evaluating them first
//! cannot fail, and it can only spare a fallible operand rows. So an operand that Trino
//! would have evaluated first, and failed on, may be skipped here (listed in
//! `DEVIATIONS.md`).

use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::datatypes::DataType;
use datafusion::catalog::Session;
use datafusion::catalog::default_table_source::source_as_provider;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::{DFSchema, Result, ScalarValue};
use datafusion::execution::context::QueryPlanner;
use datafusion::logical_expr::expr_rewriter::NamePreserver;
use datafusion::logical_expr::{
    BinaryExpr, Case, Expr, ExprSchemable, LogicalPlan, Operator, TableScan,
};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_planner::{DefaultPhysicalPlanner, PhysicalPlanner};

/// DataFusion's physical planner, run on the plan with Trino's evaluation order.
#[derive(Debug, Default)]
pub struct TrinoQueryPlanner;

#[async_trait]
impl QueryPlanner for TrinoQueryPlanner {
    async fn create_physical_plan(
        &self,
        logical_plan: &LogicalPlan,
        session_state: &dyn Session,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let plan = lazy_plan(logical_plan.clone())?;
        DefaultPhysicalPlanner::default()
            .create_physical_plan(&plan, session_state)
            .await
    }
}

/// Rewrite every expression of `plan` (subqueries included) so that fallible operands
/// of `AND` / `OR` are evaluated only where needed.
pub fn lazy_plan(plan: LogicalPlan) -> Result<LogicalPlan> {
    plan.transform_up_with_subqueries(|node| {
        if let LogicalPlan::TableScan(scan) = node {
            return infallible_scan_filters(scan);
        }
        let schema = input_schema(&node)?;
        // Rewritten expressions keep their names: parents refer to them by name.
        let names = NamePreserver::new(&node);
        let rewritten = node.map_expressions(|e| {
            let saved = names.save(&e);
            Ok(lazy_expr(e, &schema)?.update_data(|e| saved.restore(e)))
        })?;
        if rewritten.transformed {
            rewritten.data.recompute_schema().map(Transformed::yes)
        } else {
            Ok(rewritten)
        }
    })
    .map(|t| t.data)
}

/// A flow-log table's scan keeps only its infallible filters.
///
/// The filters of a scan are copies of the conjuncts of the filter above it (flow-log
/// tables answer `Inexact`, so that filter stays and decides). They serve to prune
/// partitions, files and row groups, and a Parquet reader that filters rows would
/// evaluate them on every row, unguarded. Fallible ones do not prune anyway.
fn infallible_scan_filters(mut scan: TableScan) -> Result<Transformed<LogicalPlan>> {
    let ours = source_as_provider(&scan.source)
        .is_ok_and(|p| p.downcast_ref::<crate::table::FlowLogTable>().is_some());
    if !ours || scan.filters.is_empty() {
        return Ok(Transformed::no(LogicalPlan::TableScan(scan)));
    }
    let schema =
        DFSchema::try_from_qualified_schema(scan.table_name.clone(), &scan.source.schema())?;
    let before = scan.filters.len();
    scan.filters.retain(|f| is_infallible(f, &schema));
    let changed = scan.filters.len() != before;
    let plan = LogicalPlan::TableScan(scan);
    Ok(if changed {
        Transformed::yes(plan)
    } else {
        Transformed::no(plan)
    })
}

/// The columns a node's expressions can refer to: those of its inputs.
fn input_schema(node: &LogicalPlan) -> Result<DFSchema> {
    let mut schema = DFSchema::empty();
    for input in node.inputs() {
        schema.merge(input.schema());
    }
    Ok(schema)
}

/// Rewrite one expression, bottom-up.
pub fn lazy_expr(expr: Expr, schema: &DFSchema) -> Result<Transformed<Expr>> {
    let op = match &expr {
        Expr::BinaryExpr(BinaryExpr {
            op: op @ (Operator::And | Operator::Or),
            ..
        }) => *op,
        _ => return expr.map_children(|child| lazy_expr(child, schema)),
    };
    let mut operands = Vec::new();
    flatten(expr, op, &mut operands);
    let mut transformed = false;
    let mut safe = Vec::new();
    let mut fallible = Vec::new();
    for operand in operands {
        let operand = lazy_expr(operand, schema)?;
        transformed |= operand.transformed;
        if is_infallible(&operand.data, schema) {
            safe.push(operand.data);
        } else {
            fallible.push(operand.data);
        }
    }
    let mut acc = joined(safe, op);
    if fallible.is_empty() {
        let acc = acc.unwrap_or_else(|| Expr::Literal(ScalarValue::Boolean(None), None));
        return Ok(if transformed {
            Transformed::yes(acc)
        } else {
            Transformed::no(acc)
        });
    }
    for f in fallible {
        acc = Some(match acc {
            None => f,
            Some(a) => lazy(a, op, f),
        });
    }
    let acc = acc.unwrap_or_else(|| Expr::Literal(ScalarValue::Boolean(None), None));
    Ok(Transformed::yes(acc))
}

/// The operands of a chain of `op`, left to right.
fn flatten(expr: Expr, op: Operator, out: &mut Vec<Expr>) {
    match expr {
        Expr::BinaryExpr(BinaryExpr { left, op: o, right }) if o == op => {
            flatten(*left, op, out);
            flatten(*right, op, out);
        }
        other => out.push(other),
    }
}

/// More operands than this are joined as a balanced tree rather than a left-deep chain.
const LONG_CHAIN: usize = 32;

/// The operands joined by `op` in their order: left-deep as parsed when there are few,
/// balanced when there are many (a left-deep chain of thousands costs the physical
/// planner time quadratic in its length; `AND` / `OR` are associative).
fn joined(mut operands: Vec<Expr>, op: Operator) -> Option<Expr> {
    if operands.len() <= LONG_CHAIN {
        return operands.into_iter().reduce(|a, b| binary(a, op, b));
    }
    let right = operands.split_off(operands.len() / 2);
    Some(binary(joined(operands, op)?, op, joined(right, op)?))
}

fn binary(left: Expr, op: Operator, right: Expr) -> Expr {
    Expr::BinaryExpr(BinaryExpr::new(Box::new(left), op, Box::new(right)))
}

/// `left op right`, with `right` evaluated only where `left` does not decide.
fn lazy(left: Expr, op: Operator, right: Expr) -> Expr {
    let decides = op == Operator::Or;
    let boolean = |b: bool| Expr::Literal(ScalarValue::Boolean(Some(b)), None);
    let null = Expr::Literal(ScalarValue::Boolean(None), None);
    Expr::Case(Case {
        expr: Some(Box::new(left)),
        when_then_expr: vec![
            (Box::new(boolean(decides)), Box::new(boolean(decides))),
            (Box::new(boolean(!decides)), Box::new(right.clone())),
        ],
        else_expr: Some(Box::new(binary(right, op, null))),
    })
}

/// Whether evaluating `expr` can never fail, whatever the row.
fn is_infallible(expr: &Expr, schema: &DFSchema) -> bool {
    let mut infallible = true;
    let _ = expr.apply(|e| {
        let ok = match e {
            Expr::Column(_)
            | Expr::Literal(..)
            | Expr::Alias(_)
            | Expr::Not(_)
            | Expr::IsNull(_)
            | Expr::IsNotNull(_)
            | Expr::IsTrue(_)
            | Expr::IsFalse(_)
            | Expr::IsUnknown(_)
            | Expr::IsNotTrue(_)
            | Expr::IsNotFalse(_)
            | Expr::IsNotUnknown(_)
            | Expr::Between(_)
            | Expr::InList(_)
            | Expr::Like(_)
            | Expr::SimilarTo(_)
            | Expr::TryCast(_)
            | Expr::Case(_)
            | Expr::OuterReferenceColumn(..)
            | Expr::ScalarVariable(..) => true,
            Expr::BinaryExpr(b) => !matches!(
                b.op,
                Operator::Divide
                    | Operator::Modulo
                    | Operator::IntegerDivide
                    | Operator::RegexMatch
                    | Operator::RegexIMatch
                    | Operator::RegexNotMatch
                    | Operator::RegexNotIMatch
            ),
            Expr::Cast(cast) => cast
                .expr
                .get_type(schema)
                .is_ok_and(|from| is_safe_cast(&from, cast.field.data_type())),
            Expr::ScalarFunction(f) => INFALLIBLE_FUNCTIONS.contains(&f.func.name()),
            _ => false,
        };
        if ok {
            Ok(datafusion::common::tree_node::TreeNodeRecursion::Continue)
        } else {
            infallible = false;
            Ok(datafusion::common::tree_node::TreeNodeRecursion::Stop)
        }
    });
    infallible
}

/// Functions that cannot fail on any argument value.
const INFALLIBLE_FUNCTIONS: &[&str] = &[
    "lower",
    "upper",
    "trim",
    "btrim",
    "ltrim",
    "rtrim",
    "length",
    "character_length",
    "char_length",
    "octet_length",
    "concat",
    "concat_ws",
    "starts_with",
    "ends_with",
    "coalesce",
    "nullif",
    "isnan",
    "abs",
    "greatest",
    "least",
    "reverse",
];

/// Casts that succeed for every value: to text, to the same type, and widening ones.
fn is_safe_cast(from: &DataType, to: &DataType) -> bool {
    use DataType::*;
    if from == to || from.is_null() {
        return true;
    }
    match (from, to) {
        (_, Utf8 | LargeUtf8 | Utf8View) => !from.is_nested(),
        (Int8, Int16 | Int32 | Int64 | Float32 | Float64)
        | (Int16, Int32 | Int64 | Float32 | Float64)
        | (Int32, Int64 | Float64)
        | (Int64, Float64)
        | (UInt8, Int16 | Int32 | Int64 | UInt16 | UInt32 | UInt64 | Float64)
        | (UInt16, Int32 | Int64 | UInt32 | UInt64 | Float64)
        | (UInt32, Int64 | UInt64 | Float64)
        | (Float32, Float64) => true,
        (Dictionary(_, value), _) => is_safe_cast(value, to),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::datatypes::{Field, Schema};
    use datafusion::logical_expr::{cast, col, lit};

    fn schema() -> DFSchema {
        DFSchema::try_from(Schema::new(vec![
            Field::new("a", DataType::Utf8, true),
            Field::new("n", DataType::Int32, true),
        ]))
        .expect("schema")
    }

    #[test]
    fn infallible_chains_are_left_alone() {
        let e = col("a").like(lit("%:%")).and(col("n").gt(lit(1)));
        let out = lazy_expr(e.clone(), &schema()).expect("rewrites");
        assert!(!out.transformed);
        assert_eq!(out.data, e);
    }

    #[test]
    fn fallible_operands_go_last_and_lazy() {
        let fallible = cast(col("a"), DataType::Int64).gt(lit(1i64));
        let guard = col("a").not_like(lit("%x%"));
        let e = fallible.clone().and(guard.clone());
        let out = lazy_expr(e, &schema()).expect("rewrites");
        assert!(out.transformed);
        let expected = lazy(guard, Operator::And, fallible);
        assert_eq!(out.data, expected);
    }

    #[test]
    fn widening_casts_are_safe() {
        assert!(is_safe_cast(&DataType::Int32, &DataType::Int64));
        assert!(is_safe_cast(&DataType::Int64, &DataType::Utf8));
        assert!(!is_safe_cast(&DataType::Utf8, &DataType::Int64));
        assert!(!is_safe_cast(&DataType::Int64, &DataType::Int32));
    }
}
