//! Quantified comparisons with a subquery (`v > ALL (SELECT …)`, `ANY`, `SOME`).
//! DataFusion plans them as `EXISTS` subqueries, which it runs only as conjuncts of a
//! `WHERE` clause, and there it confuses a column of the subquery with an outer column
//! of the same name (`dstport = ANY (SELECT dstport FROM t …)` keeps every row). So
//! flowlog plans them itself: as a conjunct of a `WHERE` clause, `= ANY` is `IN` and
//! `<> ALL` is `NOT IN` (semi and anti joins); everything else is a match over the
//! subquery's values gathered into an array, which gives SQL's NULL rules
//! (`all_match` / `any_match` have those of `ALL` / `ANY`):
//!
//! ```text
//! v > ALL (Q)  ──►  all_match(coalesce((SELECT array_agg("$value") FROM (Q) AS "$quantified"("$value")),
//!                                     ARRAY[]),
//!                            "$element" -> v > "$element")
//! v = ANY (Q)  ──►  any_match(…same…, "$element" -> v = "$element")
//! ```
//!
//! (`array_agg` of no rows is NULL, hence the `coalesce`: `all_match` of an empty array
//! is true, `any_match` false, as `ALL` and `ANY` of an empty subquery.) The match reads
//! the whole subquery result for every row: fine for the short lists quantified
//! comparisons are written with, slow for a large subquery (write `IN` there).

use std::collections::HashSet;
use std::ops::ControlFlow;

use datafusion::sql::sqlparser::ast::{
    Array, BinaryOperator, Expr, Ident, LambdaFunction, LambdaFunctionParameter, LambdaSyntax,
    OneOrManyWithParens, Query, Select, SetExpr, Statement, TableFactor, VisitMut, VisitorMut,
};
use datafusion::sql::sqlparser::parser::Parser;

use super::ast::call;
use super::parser::TrinoDialect;

const VALUE: &str = "$value";
const ELEMENT: &str = "$element";

/// Rewrite the quantified comparisons of `statement` that DataFusion cannot run.
pub(crate) fn rewrite(statement: &mut Statement) {
    let _ = statement.visit(&mut Quantified::default());
}

#[derive(Default)]
struct Quantified {
    /// The top-level `WHERE` conjuncts seen so far, by address (where `IN` runs).
    in_where: HashSet<*const Expr>,
}

impl VisitorMut for Quantified {
    type Break = ();

    fn pre_visit_select(&mut self, select: &mut Select) -> ControlFlow<()> {
        if let Some(selection) = &select.selection {
            collect_conjuncts(selection, &mut self.in_where);
        }
        ControlFlow::Continue(())
    }

    fn post_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<()> {
        let in_where = self.in_where.contains(&(expr as *const Expr));
        let (left, op, right, all) = match expr {
            Expr::AllOp {
                left,
                compare_op,
                right,
            } => (left, compare_op, right, true),
            Expr::AnyOp {
                left,
                compare_op,
                right,
                ..
            } => (left, compare_op, right, false),
            _ => return ControlFlow::Continue(()),
        };
        let Expr::Subquery(query) = right.as_ref() else {
            return ControlFlow::Continue(());
        };
        let negated = match (&*op, all) {
            (BinaryOperator::Eq, false) => Some(false),
            (BinaryOperator::NotEq, true) => Some(true),
            _ => None,
        };
        if let (true, Some(negated)) = (in_where, negated) {
            *expr = Expr::InSubquery {
                expr: left.clone(),
                subquery: query.clone(),
                negated,
            };
        } else if let Some(rewritten) = as_match(left, op, query, all) {
            *expr = rewritten;
        }
        ControlFlow::Continue(())
    }
}

/// The conjuncts of a `WHERE` clause (through `AND` and parentheses).
fn collect_conjuncts(expr: &Expr, into: &mut HashSet<*const Expr>) {
    match expr {
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            collect_conjuncts(left, into);
            collect_conjuncts(right, into);
        }
        Expr::Nested(inner) => collect_conjuncts(inner, into),
        other => {
            into.insert(other as *const Expr);
        }
    }
}

/// `all_match(coalesce(values, ARRAY[]), "$element" -> left op "$element")` (or
/// `any_match`).
fn as_match(left: &Expr, op: &BinaryOperator, query: &Query, all: bool) -> Option<Expr> {
    let values = values_of(query)?;
    let element = Expr::Identifier(Ident::with_quote('"', ELEMENT));
    let body = Expr::BinaryOp {
        left: Box::new(left.clone()),
        op: op.clone(),
        right: Box::new(element),
    };
    let mut lambda = Expr::Lambda(LambdaFunction {
        params: OneOrManyWithParens::One(LambdaFunctionParameter {
            name: Ident::with_quote('"', ELEMENT),
            data_type: None,
        }),
        body: Box::new(body),
        syntax: LambdaSyntax::Arrow,
    });
    super::lambda::rewrite(&mut lambda);
    let name = if all { "all_match" } else { "any_match" };
    let empty = Expr::Array(Array {
        elem: Vec::new(),
        named: true,
    });
    Some(call(
        name,
        vec![call("coalesce", vec![values, empty]), lambda],
    ))
}

/// `(SELECT array_agg("$value") FROM (query) AS "$quantified"("$value"))`.
fn values_of(query: &Query) -> Option<Expr> {
    let template =
        format!("SELECT array_agg(\"{VALUE}\") FROM (SELECT 1) AS \"$quantified\"(\"{VALUE}\")");
    let mut statement = Parser::parse_sql(&TrinoDialect, &template).ok()?.pop()?;
    let Statement::Query(outer) = &mut statement else {
        return None;
    };
    let SetExpr::Select(select) = outer.body.as_mut() else {
        return None;
    };
    let factor = &mut select.from.first_mut()?.relation;
    let TableFactor::Derived { subquery, .. } = factor else {
        return None;
    };
    **subquery = query.clone();
    Some(Expr::Subquery(outer.clone()))
}
