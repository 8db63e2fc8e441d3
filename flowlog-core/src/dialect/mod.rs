//! Trino SQL that DataFusion parses but would plan differently, rewritten in the parsed
//! statement before planning.
//!
//! ```text
//! SQL text ──parse──► AST ──dialect::rewrite──► AST ──plan──► LogicalPlan
//! ```
//!
//! Each function family that needs a syntax rewrite (typed literals, `AT TIME ZONE`,
//! casts to types DataFusion lacks) adds one file here and one call in [`rewrite`].

pub(crate) mod aggregate;
pub mod aggregate_filter;
mod ast;
mod cast_names;
mod chains;
mod concat_null;
mod conditional;
pub mod datetime;
mod double_literals;
mod interval_unit;
mod ipaddress;
mod lambda;
mod like;
mod listagg;
mod naming;
pub mod parser;
mod quantified;
mod string;
mod subscript;
mod tablesample;
pub mod type_planner;
mod type_syntax;
mod values;
mod varbinary;

use std::ops::ControlFlow;

use datafusion::sql::parser::Statement;
use datafusion::sql::sqlparser::ast::visit_expressions_mut;

use crate::error::Result;

/// Rewrite Trino syntax the SQL parser cannot read into syntax it can, keeping the
/// statement's line breaks (so error positions keep their line):
/// `IPADDRESS '10.0.0.1'` becomes `to_ipaddress('10.0.0.1')`, `VALUES 1, 2` becomes
/// `VALUES (1), (2)`.
pub fn rewrite_text(sql: &str) -> std::borrow::Cow<'_, str> {
    match values::rewrite(sql) {
        std::borrow::Cow::Borrowed(_) => ipaddress::rewrite_literals(sql),
        std::borrow::Cow::Owned(rewritten) => {
            std::borrow::Cow::Owned(ipaddress::rewrite_literals(&rewritten).into_owned())
        }
    }
}

/// Rewrite a parsed statement from Trino's meaning to DataFusion's.
pub fn rewrite(statement: &mut Statement) -> Result<()> {
    let statement = match statement {
        Statement::Statement(statement) => statement,
        // `EXPLAIN [ANALYZE] query` explains the rewritten query.
        Statement::Explain(explain) => return rewrite(&mut explain.statement),
        _ => return Ok(()),
    };
    interval_unit::check(statement.as_ref())?;
    tablesample::rewrite(statement.as_mut())?;
    chains::balance(statement);
    naming::name_unaliased_columns(statement);
    datetime::rewrite(statement);
    let _ = visit_expressions_mut(statement.as_mut(), |expr| {
        double_literals::rewrite(expr);
        concat_null::rewrite(expr);
        conditional::rewrite(expr);
        ipaddress::rewrite(expr);
        varbinary::rewrite(expr);
        string::rewrite(expr);
        subscript::rewrite(expr);
        type_syntax::rewrite(expr);
        like::rewrite(expr);
        aggregate::rewrite(expr);
        listagg::rewrite(expr);
        lambda::rewrite(expr);
        ControlFlow::<()>::Continue(())
    });
    quantified::rewrite(statement.as_mut());
    cast_names::rewrite(statement.as_mut());
    Ok(())
}
