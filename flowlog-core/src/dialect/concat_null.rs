//! `x || NULL` and `NULL || x`: NULL, as in Trino.
//!
//! The SQL planner turns `array || NULL` into `array_append(array, NULL)`, so
//! `ARRAY[1] || NULL` gave `[1, NULL]`; Trino reads the bare NULL as a NULL array and the
//! concatenation as NULL (so do strings: `'a' || NULL` is NULL). The operation becomes
//! a NULL of the other operand's type (`CASE WHEN false THEN x END`).

use datafusion::sql::sqlparser::ast::helpers::attached_token::AttachedToken;
use datafusion::sql::sqlparser::ast::{BinaryOperator, CaseWhen, Expr, Value};

fn is_null_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Value(v) => v.value == Value::Null,
        Expr::Nested(inner) => is_null_literal(inner),
        _ => false,
    }
}

/// A NULL of `typed`'s type.
fn null_like(typed: Expr) -> Expr {
    Expr::Case {
        case_token: AttachedToken::empty(),
        end_token: AttachedToken::empty(),
        operand: None,
        conditions: vec![CaseWhen {
            condition: Expr::Value(Value::Boolean(false).with_empty_span()),
            result: typed,
        }],
        else_result: None,
    }
}

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::BinaryOp {
        left,
        op: BinaryOperator::StringConcat,
        right,
    } = expr
    else {
        return;
    };
    let typed = if is_null_literal(right) {
        left
    } else if is_null_literal(left) {
        right
    } else {
        return;
    };
    let typed = std::mem::replace(typed.as_mut(), Expr::Value(Value::Null.with_empty_span()));
    *expr = null_like(typed);
}
