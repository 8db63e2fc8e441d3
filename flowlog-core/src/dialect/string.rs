//! `SUBSTR(…)`, `SUBSTRING(… FROM … FOR …)` and `POSITION(… IN …)`, which the SQL
//! parser turns into special syntax that DataFusion plans with its own (PostgreSQL)
//! functions, rewritten to calls of flowlog's Trino `substr` and `strpos`.

use datafusion::sql::sqlparser::ast::{Expr, Value};

use super::ast::call;

fn take(e: &mut Expr) -> Expr {
    std::mem::replace(e, Expr::Value(Value::Null.into()))
}

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    match expr {
        Expr::Substring {
            expr: string,
            substring_from,
            substring_for,
            ..
        } => {
            let mut args = vec![take(string)];
            match (substring_from, substring_for) {
                (Some(from), Some(count)) => {
                    args.push(take(from));
                    args.push(take(count));
                }
                (Some(from), None) => args.push(take(from)),
                (None, Some(count)) => {
                    args.push(Expr::Value(
                        Value::Number("1".into(), false).with_empty_span(),
                    ));
                    args.push(take(count));
                }
                (None, None) => return,
            }
            *expr = call("substr", args);
        }
        Expr::Position { expr: needle, r#in } => {
            let args = vec![take(r#in), take(needle)];
            *expr = call("strpos", args);
        }
        _ => {}
    }
}
