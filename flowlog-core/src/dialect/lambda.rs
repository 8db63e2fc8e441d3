//! Lambda forms of functions whose plain name is a scalar function: DataFusion's planner
//! looks scalar functions up before higher-order ones, so the calls that pass a lambda
//! get the higher-order function's own name.
//!
//! ```text
//! array_sort(a, (x, y) -> …)       ──► "$array_sort_lambda"(a, (x, y) -> …)
//! regexp_replace(s, p, g -> …)     ──► "$regexp_replace_lambda"(s, p, g -> …)
//! ```

use datafusion::sql::sqlparser::ast::{
    Expr, FunctionArg, FunctionArgExpr, FunctionArguments, Ident, ObjectName,
};

use super::conditional::function_name;
use crate::functions::lambda::{regexp_replace, sort};

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::Function(f) = expr else {
        return;
    };
    let Some(name) = function_name(f) else {
        return;
    };
    let target = match name.as_str() {
        "array_sort" => sort::NAME,
        "regexp_replace" => regexp_replace::NAME,
        _ => return,
    };
    let FunctionArguments::List(list) = &f.args else {
        return;
    };
    let has_lambda = list.args.iter().any(|a| {
        matches!(a, FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Lambda(_))))
    });
    if has_lambda {
        f.name = ObjectName::from(vec![Ident::new(target)]);
    }
}
