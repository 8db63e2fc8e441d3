//! Trino's `listagg`, rewritten into an ordered `array_agg` joined by the separator.
//!
//! ```text
//! listagg([DISTINCT] x [, sep] [ON OVERFLOW …]) WITHIN GROUP (ORDER BY o…) [FILTER (WHERE c)]
//!   ──► array_join(array_agg([DISTINCT] x ORDER BY o…) FILTER (WHERE (c) AND x IS NOT NULL), sep)
//! ```
//!
//! The separator defaults to `''`. NULL values are skipped; a group with none left is
//! NULL (Trino's `ListaggAggregationFunction`). Trino's limit of 1,048,576 bytes on the
//! result (the overflow clause chooses an error or a truncation past it) is not applied:
//! the clause is accepted and the whole string returned.

use datafusion::sql::sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArgumentClause, FunctionArguments,
    Value,
};

use super::ast::call;
use super::conditional::function_name;

/// Rewrite one `listagg … WITHIN GROUP (…)` call (called bottom-up on every expression).
/// A call without `WITHIN GROUP` is left alone (Trino rejects it too).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::Function(f) = expr else {
        return;
    };
    if f.over.is_some() || f.within_group.is_empty() {
        return;
    }
    if function_name(f).as_deref() != Some("listagg") {
        return;
    }
    let FunctionArguments::List(list) = &f.args else {
        return;
    };
    if list
        .clauses
        .iter()
        .any(|c| !matches!(c, FunctionArgumentClause::OnOverflow(_)))
    {
        return;
    }
    let args: Option<Vec<Expr>> = list
        .args
        .iter()
        .map(|a| match a {
            FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Some(e.clone()),
            _ => None,
        })
        .collect();
    let (value, separator) = match args.as_deref() {
        Some([value]) => (
            value.clone(),
            Expr::Value(Value::SingleQuotedString(String::new()).with_empty_span()),
        ),
        Some([value, separator]) => (value.clone(), separator.clone()),
        _ => return,
    };
    let present = Expr::IsNotNull(Box::new(value.clone()));
    let filter = match f.filter.take() {
        Some(given) => Expr::BinaryOp {
            left: Box::new(Expr::Nested(given)),
            op: BinaryOperator::And,
            right: Box::new(present),
        },
        None => present,
    };
    let distinct = list.duplicate_treatment;
    let order = std::mem::take(&mut f.within_group);
    let mut agg = call("array_agg", vec![value]);
    if let Expr::Function(a) = &mut agg {
        a.filter = Some(Box::new(filter));
        if let FunctionArguments::List(l) = &mut a.args {
            l.duplicate_treatment = distinct;
            l.clauses.push(FunctionArgumentClause::OrderBy(order));
        }
    }
    *expr = call("array_join", vec![agg, separator]);
}
