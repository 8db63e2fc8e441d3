//! `INTERVAL '…'` without a unit.
//!
//! Trino's grammar requires the unit (`INTERVAL '3' DAY`, `INTERVAL '1' HOUR TO SECOND`).
//! The SQL parser accepts an interval without one and reads the next word as the
//! column's alias, so `INTERVAL '1' fortnight` was one second named `fortnight`, a wrong
//! answer without a word. Athena rejects such a query, and so does flowlog, at the
//! literal.

use std::ops::ControlFlow;

use datafusion::sql::sqlparser::ast::{Expr, Spanned, Statement, visit_expressions};

use crate::error::{Error, Result, SqlPosition};

/// The message for an interval literal without a unit.
const MESSAGE: &str = "INTERVAL literal needs a unit: write INTERVAL '1' DAY (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND, or a range such as DAY TO SECOND)";

/// Fail at the first interval literal of `statement` that has no unit.
pub(crate) fn check(statement: &Statement) -> Result<()> {
    let found = visit_expressions(statement, |expr| match expr {
        Expr::Interval(interval) if interval.leading_field.is_none() => {
            let start = expr.span().start;
            ControlFlow::Break(SqlPosition {
                line: start.line,
                column: start.column,
            })
        }
        _ => ControlFlow::Continue(()),
    });
    match found {
        ControlFlow::Break(position) => Err(Error::Sql {
            position: Some(position),
            message: MESSAGE.into(),
        }),
        ControlFlow::Continue(()) => Ok(()),
    }
}
