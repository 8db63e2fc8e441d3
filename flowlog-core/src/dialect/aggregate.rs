//! Trino aggregate functions that are another DataFusion aggregate under a different
//! name or shape, rewritten before planning.
//!
//! ```text
//! every(x)                  ──► bool_and(x)
//! bitwise_and_agg(x)        ──► bit_and(x)      (bitwise_or_agg: bit_or)
//! geometric_mean(x)         ──► exp(avg(ln(x)))
//! min(x, n) / max(x, n)     ──► "$top_n"(array_agg(x ORDER BY x ASC / DESC)
//!                                   FILTER (WHERE x IS NOT NULL), n, 'min' / 'max')
//! count_if(c)               ──► count(CASE WHEN c THEN 1 END)        (Trino's definition)
//! arbitrary(x)              ──► any_value(x)
//! max_by(x, y)              ──► first_value(x ORDER BY "$is_nan"(y), y DESC)
//!                                   FILTER (WHERE y IS NOT NULL)   (NaN keys last, as Trino)
//! min_by(x, y)              ──► first_value(x ORDER BY y ASC) FILTER (WHERE y IS NOT NULL)
//! max_by(x, y, n)           ──► "$top_n"(array_agg(x ORDER BY "$is_nan"(y), y DESC)
//!                                   FILTER (WHERE y IS NOT NULL), n, 'max_by')
//!                               ("$top_n": the first n, n checked as Trino checks it)
//! min_by(x, y, n)           ──► the same, ORDER BY y ASC
//! variance(x)               ──► var_samp(x)
//! approx_percentile(x, w, p) ──► "$approx_percentile_weighted"(x, w, p)   (Trino's rule,
//!                               functions/aggregate/approx_percentile_weighted.rs)
//! approx_percentile(x, p)   ──► "$approx_percentile_weighted"(x, 1, p)
//! approx_percentile(x, w, ARRAY[p1, p2])
//!                           ──► CASE WHEN a1 IS NOT NULL THEN make_array(a1, a2) END
//!                               where ai = "$approx_percentile_weighted"(x, w, pi)
//!                               (NULL when no non-NULL x)
//! approx_percentile(x, ARRAY[p1, p2])
//!                           ──► the same with weight 1
//! ```

use datafusion::sql::sqlparser::ast::FunctionArgumentClause;
use datafusion::sql::sqlparser::ast::helpers::attached_token::AttachedToken;
use datafusion::sql::sqlparser::ast::{
    BinaryOperator, CaseWhen, Expr, FunctionArguments, Ident, ObjectName, OrderByExpr,
    OrderByOptions, Value,
};

use super::ast::call;
use crate::functions::aggregate::approx_percentile_weighted::APPROX_PERCENTILE_WEIGHTED as WEIGHTED;
use crate::functions::aggregate::nan_key::IS_NAN_KEY;
use crate::functions::aggregate::top_n::TOP_N;

fn number(n: &str) -> Expr {
    Expr::Value(Value::Number(n.into(), false).with_empty_span())
}
use super::conditional::{function_name, plain_args};

/// `"$top_n"(ordered, n, 'function')`: the first `n` values, `n` checked as Trino does.
fn top_n(ordered: Expr, n: Expr, function: &str) -> Expr {
    let function = Expr::Value(Value::SingleQuotedString(function.to_string()).with_empty_span());
    call(TOP_N, vec![ordered, n, function])
}

fn rename(f: &mut datafusion::sql::sqlparser::ast::Function, name: &str) {
    f.name = ObjectName::from(vec![Ident::new(name)]);
}

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::Function(f) = expr else {
        return;
    };
    if f.over.is_some() {
        return;
    }
    let Some(name) = function_name(f) else {
        return;
    };
    match name.as_str() {
        "arbitrary" => rename(f, "any_value"),
        "every" => rename(f, "bool_and"),
        "bitwise_and_agg" => rename(f, "bit_and"),
        "bitwise_or_agg" => rename(f, "bit_or"),
        "geometric_mean" => {
            // Trino: exp of the mean of the natural logarithms.
            let Some([x]) = plain_args(f)
                .map(<[Expr; 1]>::try_from)
                .and_then(Result::ok)
            else {
                return;
            };
            let mut mean = call("avg", vec![call("ln", vec![x])]);
            if let Expr::Function(c) = &mut mean {
                c.filter = f.filter.take();
            }
            *expr = call("exp", vec![mean]);
        }
        "min" | "max" => {
            // min(x, n) / max(x, n): the n smallest (largest) values, in that order.
            let Some([x, n]) = plain_args(f)
                .map(<[Expr; 2]>::try_from)
                .and_then(Result::ok)
            else {
                return;
            };
            let present = Expr::IsNotNull(Box::new(x.clone()));
            let filter = match f.filter.take() {
                Some(given) => Expr::BinaryOp {
                    left: Box::new(Expr::Nested(given)),
                    op: BinaryOperator::And,
                    right: Box::new(present),
                },
                None => present,
            };
            let mut ordered = call("array_agg", vec![x.clone()]);
            if let Expr::Function(c) = &mut ordered {
                c.filter = Some(Box::new(filter));
                if let FunctionArguments::List(list) = &mut c.args {
                    list.clauses
                        .push(FunctionArgumentClause::OrderBy(vec![OrderByExpr {
                            expr: x,
                            options: OrderByOptions {
                                asc: Some(name == "min"),
                                nulls_first: Some(false),
                            },
                            with_fill: None,
                        }]));
                }
            }
            *expr = top_n(ordered, n, &name);
        }
        "variance" => rename(f, "var_samp"),
        "approx_percentile" => {
            // (x, p), (x, ARRAY[p…]), (x, w, p) or (x, w, ARRAY[p…]); the unweighted forms
            // are the weighted ones with weight 1 (Trino's digest gives each input weight 1).
            let shape = plain_args(f).and_then(|args| match <[Expr; 3]>::try_from(args) {
                Ok([value, weight, last]) => Some((value, weight, last)),
                Err(args) => <[Expr; 2]>::try_from(args)
                    .ok()
                    .map(|[value, last]| (value, number("1"), last)),
            });
            let Some((value, weight, last)) = shape else {
                return;
            };
            let filter = f.filter.take();
            let one = |p: Expr| {
                let mut one = call(WEIGHTED, vec![value.clone(), weight.clone(), p]);
                if let Expr::Function(c) = &mut one {
                    c.filter = filter.clone();
                }
                one
            };
            let Expr::Array(list) = last else {
                *expr = one(last);
                return;
            };
            let each: Vec<Expr> = list.elem.into_iter().map(one).collect();
            // Trino answers NULL, not an array of NULLs, when no value was aggregated: then
            // every element is NULL, the first one too (the same aggregate, computed once).
            let Some(first) = each.first().cloned() else {
                *expr = call("make_array", each);
                return;
            };
            *expr = Expr::Case {
                case_token: AttachedToken::empty(),
                end_token: AttachedToken::empty(),
                operand: None,
                conditions: vec![CaseWhen {
                    condition: Expr::IsNotNull(Box::new(first)),
                    result: call("make_array", each),
                }],
                else_result: None,
            };
        }
        "count_if" => {
            let Some([condition]) = plain_args(f)
                .map(<[Expr; 1]>::try_from)
                .and_then(Result::ok)
            else {
                return;
            };
            let case = Expr::Case {
                case_token: AttachedToken::empty(),
                end_token: AttachedToken::empty(),
                operand: None,
                conditions: vec![CaseWhen {
                    condition,
                    result: Expr::Value(Value::Number("1".into(), false).with_empty_span()),
                }],
                else_result: None,
            };
            let mut counted = call("count", vec![case]);
            if let Expr::Function(c) = &mut counted {
                c.filter = f.filter.take();
            }
            *expr = counted;
        }
        "max_by" | "min_by" => {
            let Some(args) = plain_args(f) else {
                return;
            };
            let (value, key, n) = match <[Expr; 3]>::try_from(args) {
                Ok([value, key, n]) => (value, key, Some(n)),
                Err(args) => match <[Expr; 2]>::try_from(args) {
                    Ok([value, key]) => (value, key, None),
                    Err(_) => return,
                },
            };
            // Trino ignores rows whose key is NULL: all-NULL keys give NULL.
            let key_present = Expr::IsNotNull(Box::new(key.clone()));
            let filter = match f.filter.take() {
                Some(given) => Expr::BinaryOp {
                    left: Box::new(Expr::Nested(given)),
                    op: BinaryOperator::And,
                    right: Box::new(key_present),
                },
                None => key_present,
            };
            let inner = if n.is_some() {
                "array_agg"
            } else {
                "first_value"
            };
            let mut ordered = call(inner, vec![value]);
            if let Expr::Function(c) = &mut ordered {
                c.filter = Some(Box::new(filter));
                if let FunctionArguments::List(list) = &mut c.args {
                    let mut order = Vec::new();
                    if name == "max_by" {
                        // Trino never picks a NaN key while another key is there.
                        order.push(OrderByExpr {
                            expr: call(IS_NAN_KEY, vec![key.clone()]),
                            options: OrderByOptions {
                                asc: Some(true),
                                nulls_first: Some(false),
                            },
                            with_fill: None,
                        });
                    }
                    order.push(OrderByExpr {
                        expr: key,
                        options: OrderByOptions {
                            asc: Some(name == "min_by"),
                            nulls_first: Some(false),
                        },
                        with_fill: None,
                    });
                    list.clauses.push(FunctionArgumentClause::OrderBy(order));
                }
            }
            *expr = match n {
                Some(n) => top_n(ordered, n, &name),
                None => ordered,
            };
        }
        _ => {}
    }
}
