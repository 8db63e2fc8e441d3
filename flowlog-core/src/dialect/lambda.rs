//! Lambda forms of functions whose plain name is a scalar function: DataFusion's planner
//! looks scalar functions up before higher-order ones, so the calls that pass a lambda
//! get the higher-order function's own name.
//!
//! ```text
//! array_sort(a, (x, y) -> …)       ──► "$array_sort_lambda"(a, (x, y) -> …)
//! regexp_replace(s, p, g -> …)     ──► "$regexp_replace_lambda"(s, p, g -> …)
//! ```
//!
//! DataFusion 55 plans the elements of an `ARRAY[…]` literal without the lambda's
//! parameters in scope (`Column 'x' cannot be resolved` for `x -> ARRAY[x]`), so inside a
//! lambda body the literal becomes the call it is planned as anyway:
//!
//! ```text
//! x -> ARRAY[x, 1]                 ──► x -> make_array(x, 1)
//! ```

use std::ops::ControlFlow;

use datafusion::sql::sqlparser::ast::{
    Expr, FunctionArg, FunctionArgExpr, FunctionArguments, Ident, ObjectName, visit_expressions_mut,
};

use super::ast::call;

use super::conditional::function_name;
use crate::functions::lambda::{regexp_replace, sort};

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    if let Expr::Lambda(lambda) = expr {
        let _ = visit_expressions_mut(lambda.body.as_mut(), |e| {
            if let Expr::Array(array) = e {
                *e = call("make_array", std::mem::take(&mut array.elem));
            }
            ControlFlow::<()>::Continue(())
        });
        return;
    }
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
        matches!(
            a,
            FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Lambda(_)))
        )
    });
    if has_lambda {
        f.name = ObjectName::from(vec![Ident::new(target)]);
    }
}
