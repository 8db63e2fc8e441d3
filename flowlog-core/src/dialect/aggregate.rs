//! Trino aggregate functions that are another DataFusion aggregate under a different
//! name or shape, rewritten before planning.
//!
//! ```text
//! count_if(c)               ──► count(CASE WHEN c THEN 1 END)        (Trino's definition)
//! arbitrary(x)              ──► any_value(x)
//! max_by(x, y)              ──► first_value(x ORDER BY y DESC) FILTER (WHERE y IS NOT NULL)
//! min_by(x, y)              ──► first_value(x ORDER BY y ASC) FILTER (WHERE y IS NOT NULL)
//! max_by(x, y, n)           ──► array_slice(array_agg(x ORDER BY y DESC)
//!                                   FILTER (WHERE y IS NOT NULL), 1, n)
//! min_by(x, y, n)           ──► the same, ORDER BY y ASC
//! variance(x)               ──► var_samp(x)
//! approx_percentile(x, p)   ──► approx_percentile_cont(x, p)
//! approx_percentile(x, ARRAY[p1, p2])
//!                           ──► make_array(approx_percentile_cont(x, p1),
//!                                          approx_percentile_cont(x, p2))
//!                               (NULL when no non-NULL x)
//! approx_percentile(x, w, p) ──► "$approx_percentile_weighted"(x, w, p)   (Trino's rule,
//!                               functions/aggregate/approx_percentile_weighted.rs)
//! approx_percentile(x, w, ARRAY[p1, p2])
//!                           ──► the array form above, each element weighted
//! ```

use datafusion::sql::sqlparser::ast::FunctionArgumentClause;
use datafusion::sql::sqlparser::ast::helpers::attached_token::AttachedToken;
use datafusion::sql::sqlparser::ast::{
    BinaryOperator, CaseWhen, Expr, FunctionArguments, Ident, ObjectName, OrderByExpr,
    OrderByOptions, Value,
};

use super::ast::call;
use super::conditional::{function_name, plain_args};

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
        "variance" => rename(f, "var_samp"),
        "approx_percentile" => {
            // (x, p), (x, ARRAY[p…]), (x, w, p) or (x, w, ARRAY[p…]).
            let shape = plain_args(f).and_then(|args| match <[Expr; 3]>::try_from(args) {
                Ok([value, weight, last]) => Some((value, Some(weight), last)),
                Err(args) => <[Expr; 2]>::try_from(args)
                    .ok()
                    .map(|[value, last]| (value, None, last)),
            });
            let inner = match shape {
                Some((_, Some(_), _)) => crate::functions::aggregate::approx_percentile_weighted::APPROX_PERCENTILE_WEIGHTED,
                _ => "approx_percentile_cont",
            };
            let Some((value, weight, Expr::Array(list))) = shape else {
                rename(f, inner);
                return;
            };
            let filter = f.filter.take();
            let each = list
                .elem
                .into_iter()
                .map(|p| {
                    let mut args = vec![value.clone()];
                    args.extend(weight.clone());
                    args.push(p);
                    let mut one = call(inner, args);
                    if let Expr::Function(c) = &mut one {
                        c.filter = filter.clone();
                    }
                    one
                })
                .collect();
            // Trino answers NULL, not an array of NULLs, when no value was aggregated (a
            // row with a NULL weight is not aggregated either).
            let counted = match weight {
                Some(weight) => Expr::Case {
                    case_token: AttachedToken::empty(),
                    end_token: AttachedToken::empty(),
                    operand: None,
                    conditions: vec![CaseWhen {
                        condition: Expr::IsNotNull(Box::new(weight)),
                        result: value,
                    }],
                    else_result: None,
                },
                None => value,
            };
            let mut count = call("count", vec![counted]);
            if let Expr::Function(c) = &mut count {
                c.filter = filter;
            }
            let any = Expr::BinaryOp {
                left: Box::new(count),
                op: BinaryOperator::Gt,
                right: Box::new(Expr::Value(
                    Value::Number("0".into(), false).with_empty_span(),
                )),
            };
            *expr = Expr::Case {
                case_token: AttachedToken::empty(),
                end_token: AttachedToken::empty(),
                operand: None,
                conditions: vec![CaseWhen {
                    condition: any,
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
                    list.clauses
                        .push(FunctionArgumentClause::OrderBy(vec![OrderByExpr {
                            expr: key,
                            options: OrderByOptions {
                                asc: Some(name == "min_by"),
                                nulls_first: Some(false),
                            },
                            with_fill: None,
                        }]));
                }
            }
            *expr = match n {
                Some(n) => call(
                    "array_slice",
                    vec![
                        ordered,
                        Expr::Value(Value::Number("1".into(), false).with_empty_span()),
                        n,
                    ],
                ),
                None => ordered,
            };
        }
        _ => {}
    }
}
