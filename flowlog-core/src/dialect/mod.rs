//! Trino SQL that DataFusion parses but would plan differently, rewritten in the parsed
//! statement before planning.
//!
//! ```text
//! SQL text ──parse──► AST ──dialect::rewrite──► AST ──plan──► LogicalPlan
//! ```
//!
//! Each function family that needs a syntax rewrite (typed literals, `AT TIME ZONE`,
//! casts to types DataFusion lacks) adds one file here and one call in [`rewrite`].

pub mod datetime;

use datafusion::sql::parser::Statement;

use crate::error::Result;

/// Rewrite a parsed statement from Trino's meaning to DataFusion's.
pub fn rewrite(statement: &mut Statement) -> Result<()> {
    let Statement::Statement(statement) = statement else {
        return Ok(());
    };
    datetime::rewrite(statement);
    Ok(())
}
