//! Result column names as Athena gives them.
//!
//! Trino names an output column after the column it selects (`srcaddr`, `t.srcaddr` →
//! `srcaddr`) or its alias; any other unaliased expression is named `_col<i>`, `i` being
//! its 0-based position in the select list. Athena writes those names in the CSV header,
//! so `select count(*) from t` gives the header `"_col0"`, not `"count(*)"`.
//!
//! Only the outermost query is renamed (for `UNION` and friends, its first branch, whose
//! names are the result's). A select list with a `*` before the expression is left as
//! it is: the position after expansion is not known here.

use datafusion::sql::sqlparser::ast::{Expr, Ident, Query, SelectItem, SetExpr, Statement};

/// Give the outermost select list's unaliased expressions Trino's `_col<i>` names.
pub(super) fn name_unaliased_columns(statement: &mut Statement) {
    if let Statement::Query(query) = statement {
        name_query(query);
    }
}

fn name_query(query: &mut Query) {
    name_set_expr(&mut query.body);
}

fn name_set_expr(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => {
            for (i, item) in select.projection.iter_mut().enumerate() {
                match item {
                    SelectItem::Wildcard(_) | SelectItem::QualifiedWildcard(_, _) => return,
                    SelectItem::UnnamedExpr(expr) if !is_column(expr) => {
                        *item = SelectItem::ExprWithAlias {
                            expr: expr.clone(),
                            alias: Ident::new(format!("_col{i}")),
                        };
                    }
                    _ => {}
                }
            }
        }
        SetExpr::Query(query) => name_query(query),
        SetExpr::SetOperation { left, .. } => name_set_expr(left),
        _ => {}
    }
}

/// A plain column reference keeps its own name.
fn is_column(expr: &Expr) -> bool {
    match expr {
        Expr::Identifier(_) | Expr::CompoundIdentifier(_) => true,
        Expr::Nested(inner) => is_column(inner),
        _ => false,
    }
}
