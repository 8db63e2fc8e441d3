//! `x[i]`, which DataFusion plans as `array_element` (NULL past the end) or a map lookup
//! (NULL for a missing key), rewritten to flowlog's `subscript(x, i)`, which fails there
//! as Trino does. Only chains of plain index subscripts are rewritten (`a[1][2]`); slices
//! and dotted field access keep DataFusion's meaning.

use datafusion::sql::sqlparser::ast::{AccessExpr, Expr, Subscript, Value};

use super::ast::call;

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::CompoundFieldAccess { root, access_chain } = expr else {
        return;
    };
    let plain = access_chain
        .iter()
        .all(|a| matches!(a, AccessExpr::Subscript(Subscript::Index { .. })));
    if !plain || access_chain.is_empty() {
        return;
    }
    let mut out = std::mem::replace(root.as_mut(), Expr::Value(Value::Null.into()));
    for access in std::mem::take(access_chain) {
        if let AccessExpr::Subscript(Subscript::Index { index }) = access {
            out = call("subscript", vec![out, index]);
        }
    }
    *expr = out;
}
