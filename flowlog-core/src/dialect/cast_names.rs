//! Aggregates, window functions and grouping keys that differ only by a cast.
//!
//! DataFusion names a cast after its operand, so in
//!
//! ```sql
//! SELECT sum(bytes), sum(CAST(bytes AS DOUBLE)) FROM flows
//! ```
//!
//! both aggregates are named `sum(flows.bytes)` and planning fails ("duplicate
//! unqualified field name"); so do `count(x), count(CAST(x AS varchar))`, `GROUP BY x,
//! CAST(x AS varchar)` and two such window functions. Trino answers them. Where a select
//! has such a pair, every cast of its select list, `GROUP BY`, `HAVING`, `QUALIFY` and
//! `ORDER BY` is wrapped in `"$cast"(CAST(…), '<the cast's text>')`
//! (`functions/misc/cast_label.rs`), which passes the value through under a name of its
//! own. The same cast is wrapped the same way wherever it appears, so a grouping key still
//! matches its select item. Selects without such a pair are left as they are (their
//! casts stay visible to the optimizer as casts).

use std::collections::HashMap;
use std::ops::ControlFlow;

use datafusion::sql::sqlparser::ast::{
    Expr, GroupByExpr, OrderByKind, Query, Select, SelectItem, SetExpr, Statement, Value, VisitMut,
    VisitorMut, visit_expressions, visit_expressions_mut,
};

use super::ast::call;
use crate::functions::misc::cast_label::CAST_LABEL;

/// Give the casts of every select that needs it a name of their own.
pub(crate) fn rewrite(statement: &mut Statement) {
    let _ = statement.visit(&mut CastNames);
}

struct CastNames;

impl VisitorMut for CastNames {
    type Break = ();

    fn post_visit_query(&mut self, query: &mut Query) -> ControlFlow<()> {
        let Query { body, order_by, .. } = query;
        match body.as_mut() {
            SetExpr::Select(select) => {
                let order_by = order_by.as_mut().and_then(|o| match &mut o.kind {
                    OrderByKind::Expressions(exprs) => Some(exprs),
                    OrderByKind::All(_) => None,
                });
                let mut order: Vec<&mut Expr> = order_by
                    .into_iter()
                    .flatten()
                    .map(|o| &mut o.expr)
                    .collect();
                name_select(select, &mut order);
            }
            other => name_set_expr(other),
        }
        ControlFlow::Continue(())
    }
}

/// The selects of a set operation's branches (their `ORDER BY` belongs to the whole).
fn name_set_expr(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => name_select(select, &mut []),
        SetExpr::SetOperation { left, right, .. } => {
            name_set_expr(left);
            name_set_expr(right);
        }
        _ => {}
    }
}

/// The expressions of a select whose names DataFusion checks for uniqueness.
fn named_parts<'a>(select: &'a mut Select, order_by: &'a mut [&mut Expr]) -> Vec<&'a mut Expr> {
    let mut parts: Vec<&mut Expr> = Vec::new();
    for item in &mut select.projection {
        match item {
            SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => parts.push(e),
            _ => {}
        }
    }
    if let GroupByExpr::Expressions(keys, _) = &mut select.group_by {
        parts.extend(keys.iter_mut());
    }
    parts.extend(select.having.iter_mut());
    parts.extend(select.qualify.iter_mut());
    parts.extend(order_by.iter_mut().map(|e| &mut **e));
    parts
}

fn name_select(select: &mut Select, order_by: &mut [&mut Expr]) {
    let grouping_keys: Vec<Expr> = match &select.group_by {
        GroupByExpr::Expressions(keys, _) => keys.clone(),
        GroupByExpr::All(_) => Vec::new(),
    };
    let mut parts = named_parts(select, order_by);
    if !differ_only_by_casts(&parts, &grouping_keys) {
        return;
    }
    for part in &mut parts {
        let _ = visit_expressions_mut(&mut **part, |e| {
            if matches!(e, Expr::Cast { .. }) {
                let label = Expr::Value(Value::SingleQuotedString(e.to_string()).with_empty_span());
                let cast = std::mem::replace(e, Expr::Value(Value::Null.with_empty_span()));
                *e = call(CAST_LABEL, vec![cast, label]);
            }
            ControlFlow::<()>::Continue(())
        });
    }
}

/// Whether two of the select's function calls (or grouping keys) are the same but for
/// their casts.
fn differ_only_by_casts(parts: &[&mut Expr], grouping_keys: &[Expr]) -> bool {
    // Each call's (text without casts, text), compared without regard to case.
    let mut named: Vec<(String, String)> = grouping_keys.iter().map(texts).collect();
    for part in parts {
        let _ = visit_expressions(&**part, |e| {
            if let Expr::Function(_) = e {
                named.push(texts(e));
            }
            ControlFlow::<()>::Continue(())
        });
    }
    let mut seen: HashMap<String, String> = HashMap::new();
    for (without, text) in named {
        match seen.get(&without) {
            Some(other) if *other != text => return true,
            Some(_) => {}
            None => {
                seen.insert(without, text);
            }
        }
    }
    false
}

fn texts(e: &Expr) -> (String, String) {
    (
        without_casts(e).to_lowercase(),
        e.to_string().to_lowercase(),
    )
}

/// `e`'s text with every cast replaced by its operand (the name DataFusion gives it).
fn without_casts(e: &Expr) -> String {
    let mut stripped = e.clone();
    let _ = visit_expressions_mut(&mut stripped, |e| {
        if let Expr::Cast { expr, .. } = e {
            let operand =
                std::mem::replace(expr.as_mut(), Expr::Value(Value::Null.with_empty_span()));
            *e = operand;
        }
        ControlFlow::<()>::Continue(())
    });
    stripped.to_string()
}
