//! Result column names as Athena gives them.
//!
//! Trino names an output column after the column it selects (`srcaddr`, `t.srcaddr` →
//! `srcaddr`) or its alias; any other unaliased expression is named `_col<i>`, `i` being
//! its 0-based position in the select list. Athena writes those names in the CSV header,
//! so `select count(*) from t` gives the header `"_col0"`, not `"count(*)"`.
//!
//! A `VALUES` query names its columns the same way (`VALUES 1, 2` has the column
//! `_col0`; DataFusion would name it `column1`).
//!
//! Only the outermost query is renamed (for `UNION` and friends, its first branch, whose
//! names are the result's). A select list with a `*` before the expression is left as
//! it is: the position after expansion is not known here.

use datafusion::sql::sqlparser::ast::{
    Expr, Ident, Query, SelectItem, SetExpr, Statement, TableFactor,
};
use datafusion::sql::sqlparser::parser::Parser;

use super::parser::TrinoDialect;

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
        SetExpr::Values(_) => {
            if let Some(select) = select_from_values(body) {
                *body = select;
            }
        }
        _ => {}
    }
}

/// `VALUES …` as `SELECT column1 AS _col0, … FROM (VALUES …) AS "$values"`.
fn select_from_values(body: &SetExpr) -> Option<SetExpr> {
    let SetExpr::Values(values) = body else {
        return None;
    };
    let width = values.rows.first()?.content.len();
    let items: Vec<String> = (0..width)
        .map(|i| format!("column{} AS _col{i}", i + 1))
        .collect();
    let template = format!(
        "SELECT {} FROM (VALUES (1)) AS \"$values\"",
        items.join(", ")
    );
    let Statement::Query(mut query) = Parser::parse_sql(&TrinoDialect, &template).ok()?.pop()?
    else {
        return None;
    };
    let SetExpr::Select(select) = query.body.as_mut() else {
        return None;
    };
    let TableFactor::Derived { subquery, .. } = &mut select.from.first_mut()?.relation else {
        return None;
    };
    *subquery.body = body.clone();
    Some(*query.body)
}

/// A plain column reference keeps its own name.
fn is_column(expr: &Expr) -> bool {
    match expr {
        Expr::Identifier(_) | Expr::CompoundIdentifier(_) => true,
        Expr::Nested(inner) => is_column(inner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use datafusion::sql::sqlparser::parser::Parser;

    use super::name_unaliased_columns;
    use crate::dialect::parser::TrinoDialect;

    #[test]
    fn values_columns_are_named_as_select_items() {
        let mut statement =
            Parser::parse_sql(&TrinoDialect, "VALUES (1, 'a'), (2, 'b') ORDER BY 1")
                .expect("parses")
                .remove(0);
        name_unaliased_columns(&mut statement);
        assert_eq!(
            statement.to_string(),
            "SELECT column1 AS _col0, column2 AS _col1 FROM (VALUES (1, 'a'), (2, 'b')) AS \"$values\" ORDER BY 1"
        );
    }
}
