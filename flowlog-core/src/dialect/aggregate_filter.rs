//! `FILTER (WHERE …)` on a call that is not an aggregate.
//!
//! The SQL planner drops the clause of a scalar call without a word, so
//! `round(sum(x), 1) FILTER (WHERE x > 1)` summed every row. Trino rejects it at the call
//! (`line 1:8: Filter is only valid for aggregation functions`); so does flowlog, after
//! the dialect rewrites (which move the clauses of the aggregates they rewrite onto the
//! aggregate they produce).

use std::ops::ControlFlow;

use datafusion::sql::parser::Statement;
use datafusion::sql::sqlparser::ast::{Expr, ObjectNamePart, Spanned, visit_expressions};

use crate::error::SqlPosition;

/// Trino's message for the clause on a call that is not an aggregate.
pub const MESSAGE: &str = "Filter is only valid for aggregation functions";

/// Where the statement attaches a `FILTER` clause to a call that `is_aggregate` says is
/// not an aggregate (window calls are left to the planner).
pub fn filter_on_scalar(
    statement: &Statement,
    is_aggregate: impl Fn(&str) -> bool,
) -> Option<SqlPosition> {
    let statement = match statement {
        Statement::Statement(statement) => statement,
        Statement::Explain(explain) => return filter_on_scalar(&explain.statement, is_aggregate),
        _ => return None,
    };
    let found = visit_expressions(statement.as_ref(), |expr| {
        if let Expr::Function(f) = expr
            && f.filter.is_some()
            && f.over.is_none()
            && let Some(ObjectNamePart::Identifier(name)) = f.name.0.last()
            && !is_aggregate(&name.value.to_lowercase())
        {
            let start = expr.span().start;
            return ControlFlow::Break(SqlPosition {
                line: start.line,
                column: start.column,
            });
        }
        ControlFlow::Continue(())
    });
    match found {
        ControlFlow::Break(position) => Some(position),
        ControlFlow::Continue(()) => None,
    }
}
