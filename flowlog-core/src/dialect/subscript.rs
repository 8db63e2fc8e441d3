//! `x[i]`, which DataFusion plans as `array_element` (NULL past the end) or a map lookup
//! (NULL for a missing key), rewritten to flowlog's `subscript(x, i)`, which fails there
//! as Trino does; and `expr.field` on an expression that is not a column name (`CAST(… AS
//! ROW(x bigint)).x`, `a[1].x`), which DataFusion's planner refuses, rewritten to
//! `get_field(expr, 'field')`. Chains of plain index subscripts and field names are
//! rewritten (`a[1][2]`, `r.x.y`); slices keep DataFusion's meaning.

use datafusion::sql::sqlparser::ast::{AccessExpr, Expr, Subscript, Value};

use super::ast::call;

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::CompoundFieldAccess { root, access_chain } = expr else {
        return;
    };
    let plain = access_chain.iter().all(|a| {
        matches!(
            a,
            AccessExpr::Subscript(Subscript::Index { .. }) | AccessExpr::Dot(Expr::Identifier(_))
        )
    });
    if !plain || access_chain.is_empty() {
        return;
    }
    let mut out = std::mem::replace(root.as_mut(), Expr::Value(Value::Null.into()));
    for access in std::mem::take(access_chain) {
        match access {
            AccessExpr::Subscript(Subscript::Index { index }) => {
                out = call("subscript", vec![out, index]);
            }
            AccessExpr::Dot(Expr::Identifier(field)) => {
                // Unquoted names are case-insensitive: the planner lower-cases row field
                // names as it does column names.
                let name = match field.quote_style {
                    Some(_) => field.value,
                    None => field.value.to_lowercase(),
                };
                out = call(
                    "get_field",
                    vec![out, Expr::value(Value::SingleQuotedString(name))],
                );
            }
            _ => {}
        }
    }
    *expr = out;
}
