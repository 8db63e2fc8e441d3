//! `FROM t TABLESAMPLE BERNOULLI (p)` and `TABLESAMPLE SYSTEM (p)`.
//!
//! The SQL planner reads the clause and drops it, so a sample gave every row. Trino keeps
//! each row with probability `p` percent (BERNOULLI) or each split (SYSTEM); flowlog keeps
//! each row with probability `p` percent for both (a split is not a unit here):
//!
//! ```text
//! FROM t [AS a] TABLESAMPLE BERNOULLI (p)  ──►  FROM (SELECT * FROM t WHERE random() * 100 < p) AS a
//! ```
//!
//! A sample percentage outside 0–100 fails as in Trino.

use datafusion::sql::sqlparser::ast::{
    Ident, Query, SetExpr, Spanned, Statement, TableAlias, TableFactor, TableSampleKind,
    TableSampleUnit, Value, VisitMut, VisitorMut,
};
use datafusion::sql::sqlparser::parser::Parser;
use std::ops::ControlFlow;

use super::parser::TrinoDialect;
use crate::error::{Error, Result, SqlPosition};

/// Rewrite every sampled table of `statement` into a filtered subquery.
pub(crate) fn rewrite(statement: &mut Statement) -> Result<()> {
    let mut sampler = Sampler { error: None };
    let _ = statement.visit(&mut sampler);
    match sampler.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

struct Sampler {
    error: Option<Error>,
}

impl VisitorMut for Sampler {
    type Break = ();

    fn post_visit_table_factor(&mut self, factor: &mut TableFactor) -> ControlFlow<()> {
        let TableFactor::Table {
            name,
            alias,
            sample,
            ..
        } = factor
        else {
            return ControlFlow::Continue(());
        };
        let Some(kind) = sample.take() else {
            return ControlFlow::Continue(());
        };
        let (TableSampleKind::BeforeTableAlias(spec) | TableSampleKind::AfterTableAlias(spec)) =
            kind;
        let start = name.span().start;
        let position = SqlPosition {
            line: start.line,
            column: start.column,
        };
        let Some(quantity) = spec
            .quantity
            .as_ref()
            .filter(|q| !matches!(q.unit, Some(TableSampleUnit::Rows)) && spec.bucket.is_none())
        else {
            self.error = Some(Error::Sql {
                position: Some(position),
                message: "TABLESAMPLE needs a percentage: TABLESAMPLE BERNOULLI (10)".into(),
            });
            return ControlFlow::Break(());
        };
        if let datafusion::sql::sqlparser::ast::Expr::Value(v) = &quantity.value
            && let Value::Number(n, _) = &v.value
            && n.parse::<f64>().is_ok_and(|p| !(0.0..=100.0).contains(&p))
        {
            self.error = Some(Error::Sql {
                position: Some(position),
                message: "Sample percentage must be between 0 and 100".into(),
            });
            return ControlFlow::Break(());
        }
        let sql = format!(
            "SELECT * FROM {name} WHERE random() * 100 < ({})",
            quantity.value
        );
        let Some(subquery) = parse_query(&sql) else {
            return ControlFlow::Continue(());
        };
        let alias = alias.take().unwrap_or_else(|| TableAlias {
            explicit: true,
            name: name
                .0
                .last()
                .and_then(|part| part.as_ident().cloned())
                .unwrap_or_else(|| Ident::new("sampled")),
            columns: Vec::new(),
            at: None,
        });
        *factor = TableFactor::Derived {
            lateral: false,
            subquery,
            alias: Some(alias),
            sample: None,
        };
        ControlFlow::Continue(())
    }
}

fn parse_query(sql: &str) -> Option<Box<Query>> {
    match Parser::parse_sql(&TrinoDialect, sql).ok()?.pop()? {
        Statement::Query(query) if matches!(*query.body, SetExpr::Select(_)) => Some(query),
        _ => None,
    }
}
