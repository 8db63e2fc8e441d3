//! `x[i]`, which DataFusion plans as `array_element` (NULL past the end) or a map lookup
//! (NULL for a missing key), rewritten to flowlog's `subscript(x, i)`, which fails there
//! as Trino does; and `expr.field` on an expression that is not a column name (`CAST(… AS
//! ROW(x bigint)).x`, `a[1].x`), which DataFusion's planner refuses, rewritten to
//! `get_field(expr, 'field')`. Chains of plain index subscripts and field names are
//! rewritten (`a[1][2]`, `f(x).y`, `t.a[1].y`); the names that start a chain (`t.a`) stay
//! a column reference for the planner; slices keep DataFusion's meaning.

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
    let mut chain = std::mem::take(access_chain).into_iter().peekable();
    // `t.col[1]`, `col.field[1]`: the leading names after a name are a column reference
    // (qualified, or a field of a row column), which the planner resolves.
    if let Expr::Identifier(first) = &out {
        let mut names = vec![first.clone()];
        while let Some(AccessExpr::Dot(Expr::Identifier(name))) = chain.peek() {
            names.push(name.clone());
            chain.next();
        }
        if names.len() > 1 {
            out = Expr::CompoundIdentifier(names);
        }
    }
    for access in chain {
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

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use datafusion::sql::sqlparser::ast::visit_expressions_mut;
    use datafusion::sql::sqlparser::parser::Parser;

    use crate::dialect::parser::TrinoDialect;

    fn rewritten(sql: &str) -> String {
        let mut statements = Parser::parse_sql(&TrinoDialect, sql).expect("parses");
        let _ = visit_expressions_mut(&mut statements, |e| {
            super::rewrite(e);
            ControlFlow::<()>::Continue(())
        });
        statements[0].to_string()
    }

    #[test]
    fn rewrites_subscripts_and_fields_after_the_column_reference() {
        assert_eq!(
            rewritten("SELECT t.a[1].Y, f(x).z, a[1][2], t.a.b FROM t"),
            "SELECT get_field(subscript(t.a, 1), 'y'), get_field(f(x), 'z'), \
             subscript(subscript(a, 1), 2), t.a.b FROM t"
        );
    }
}
