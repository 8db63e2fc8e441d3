//! Trino's `if(…)` and `try(…)`, rewritten to SQL DataFusion plans lazily.
//!
//! ```text
//! if(c, a)          ──► CASE WHEN c THEN a END
//! if(c, a, b)       ──► CASE WHEN c THEN a ELSE b END
//! try(CAST(x AS t)) ──► TRY_CAST(x AS t)
//! try(a / b)        ──► a / NULLIF(b, 0)        (also a % b)
//! ```
//!
//! `try` turns into NULL the failures of the casts and divisions inside it. Other
//! failures inside `try` (a function given a bad value) still fail the query: flowlog
//! cannot evaluate an arbitrary expression lazily row by row (see `DEVIATIONS.md`).

use std::ops::ControlFlow;

use datafusion::sql::sqlparser::ast::helpers::attached_token::AttachedToken;
use datafusion::sql::sqlparser::ast::{
    BinaryOperator, CaseWhen, CastKind, Expr, Function, FunctionArg, FunctionArgExpr,
    FunctionArguments, Value, visit_expressions_mut,
};
use datafusion::sql::sqlparser::tokenizer::Span;

use super::ast::call;

/// The lower-case name of a function call with a one-part name.
pub(crate) fn function_name(f: &Function) -> Option<String> {
    match f.name.0.as_slice() {
        [part] => part.as_ident().map(|i| i.value.to_lowercase()),
        _ => None,
    }
}

/// The plain positional arguments of a call, if it has only those.
pub(crate) fn plain_args(f: &Function) -> Option<Vec<Expr>> {
    let FunctionArguments::List(list) = &f.args else {
        return None;
    };
    if list.duplicate_treatment.is_some() || !list.clauses.is_empty() {
        return None;
    }
    list.args
        .iter()
        .map(|a| match a {
            FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

/// Rewrite `if` and `try` calls in `expr` (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::Function(f) = expr else {
        return;
    };
    if f.over.is_some() || f.filter.is_some() {
        return;
    }
    let (Some(name), Some(mut args)) = (function_name(f), plain_args(f)) else {
        return;
    };
    match (name.as_str(), args.len()) {
        ("if", 2 | 3) => {
            let otherwise = if args.len() == 3 { args.pop() } else { None };
            let then = args.pop().unwrap_or(Expr::Value(Value::Null.into()));
            let condition = args.pop().unwrap_or(Expr::Value(Value::Null.into()));
            *expr = Expr::Case {
                case_token: AttachedToken::empty(),
                end_token: AttachedToken::empty(),
                operand: None,
                conditions: vec![CaseWhen {
                    condition,
                    result: then,
                }],
                else_result: otherwise.map(Box::new),
            };
        }
        ("try", 1) => {
            let mut inner = args.pop().unwrap_or(Expr::Value(Value::Null.into()));
            let _ = visit_expressions_mut(&mut inner, |e| {
                make_lenient(e);
                ControlFlow::<()>::Continue(())
            });
            *expr = Expr::Nested(Box::new(inner));
        }
        _ => {}
    }
}

fn make_lenient(e: &mut Expr) {
    match e {
        Expr::Cast {
            kind: kind @ (CastKind::Cast | CastKind::DoubleColon),
            ..
        } => {
            *kind = CastKind::TryCast;
        }
        Expr::BinaryOp {
            op: BinaryOperator::Divide | BinaryOperator::Modulo,
            right,
            ..
        } => {
            let divisor = std::mem::replace(right.as_mut(), Expr::Value(Value::Null.into()));
            let zero = Expr::Value(Value::Number("0".into(), false).with_span(Span::empty()));
            **right = call("nullif", vec![divisor, zero]);
        }
        _ => {}
    }
}
