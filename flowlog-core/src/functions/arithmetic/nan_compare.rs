//! Comparisons of DOUBLE / REAL values with NaN, as Trino does them.
//!
//! Trino (IEEE 754): every comparison with NaN is false, except `<>`, which is true;
//! `x BETWEEN lo AND hi` is false when any of the three is NaN. DataFusion orders NaN
//! above every number and equal to itself (`NaN = NaN` is true, `NaN > 1` is true).
//!
//! ```text
//! a op b                ──► CASE WHEN isnan(a) OR isnan(b) THEN (op is <>) ELSE a op b END
//! x [NOT] BETWEEN l AND h ──► CASE WHEN isnan(x) OR isnan(l) OR isnan(h) THEN [NOT] false
//!                             ELSE x [NOT] BETWEEN l AND h END
//! ```
//!
//! NULL operands keep their NULL result: `isnan(NULL)` is NULL, so the `ELSE` branch
//! answers. `IS [NOT] DISTINCT FROM`, grouping and ordering keep DataFusion's NaN
//! handling, which is Trino's (NaN is identical to NaN and sorts above every number).

use datafusion::common::{DFSchema, ScalarValue};
use datafusion::logical_expr::expr::{Between, Case, ScalarFunction};
use datafusion::logical_expr::{BinaryExpr, Expr, ExprSchemable, Operator, lit};

fn floating(expr: &Expr, schema: &DFSchema) -> bool {
    expr.get_type(schema).is_ok_and(|t| t.is_floating())
}

fn is_nan(expr: &Expr) -> Expr {
    Expr::ScalarFunction(ScalarFunction::new_udf(
        datafusion::functions::math::isnan(),
        vec![expr.clone()],
    ))
}

/// `CASE WHEN any operand is NaN THEN on_nan ELSE expr END`.
fn guarded(operands: &[&Expr], on_nan: bool, expr: Expr) -> Expr {
    let condition = operands
        .iter()
        .map(|e| is_nan(e))
        .reduce(Expr::or)
        .unwrap_or_else(|| lit(false));
    Expr::Case(Case::new(
        None,
        vec![(
            Box::new(condition),
            Box::new(lit(ScalarValue::Boolean(Some(on_nan)))),
        )],
        Some(Box::new(expr)),
    ))
}

/// The NaN-aware form of a comparison of floating-point values; `None` when `expr` is
/// not one.
pub(crate) fn rewrite(expr: &Expr, schema: &DFSchema) -> Option<Expr> {
    match expr {
        Expr::BinaryExpr(BinaryExpr { left, op, right })
            if matches!(
                op,
                Operator::Eq
                    | Operator::NotEq
                    | Operator::Lt
                    | Operator::LtEq
                    | Operator::Gt
                    | Operator::GtEq
            ) && (floating(left, schema) || floating(right, schema)) =>
        {
            Some(guarded(
                &[left, right],
                *op == Operator::NotEq,
                expr.clone(),
            ))
        }
        Expr::Between(Between {
            expr: value,
            negated,
            low,
            high,
        }) if floating(value, schema) || floating(low, schema) || floating(high, schema) => {
            Some(guarded(&[value, low, high], *negated, expr.clone()))
        }
        _ => None,
    }
}
