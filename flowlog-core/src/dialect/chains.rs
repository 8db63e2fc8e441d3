//! Long operator chains rebuilt before planning, so that planning stays linear.
//!
//! **`AND` / `OR`** chains become balanced trees.
//! The parser reads `a OR b OR c OR …` as a left-deep tree, one level per operator.
//! DataFusion types, names and hashes an expression by walking its subtree, at every
//! level and in several passes, so a 5,000-term chain took minutes to plan (and deep
//! recursion). `AND` and `OR` are associative in SQL's three-valued logic, so the same
//! operands, in the same left-to-right order, as a balanced tree give the same answer
//! with a depth of log₂ n:
//!
//! ```text
//! ((((a OR b) OR c) OR d) OR e)   ──►   ((a OR b) OR (c OR (d OR e)))
//! ```
//!
//! The text of the expression (and so any name derived from it) is unchanged: operators
//! of one precedence print without parentheses. Short chains are left as parsed.
//! Trino's evaluation order is kept by `session::evaluation_order`, which flattens a
//! chain of any shape.
//!
//! **`+ - *`** chains cannot be rebalanced (an overflow, or the type an integer step is
//! computed in, depends on the order), so a long left-deep one becomes one call of
//! `__flowlog_operator_chain` with its operands in order, expanded once the types are
//! known (see `functions::arithmetic::operator_chain`):
//!
//! ```text
//! a + b - c * d + …   ──►   __flowlog_operator_chain('+-+…', a, b, c * d, …)
//! ```

use std::ops::ControlFlow;

use datafusion::sql::sqlparser::ast::{
    BinaryOperator, Expr, Statement, Value, VisitMut, VisitorMut,
};

use super::ast::call;
use crate::functions::arithmetic::operator_chain::NAME as OPERATOR_CHAIN;

/// A chain whose left spine is longer than this is rebalanced. A balanced chain of a
/// million operands has a spine of 20, so rebalanced chains are never rebuilt again.
const LONGEST_SPINE: usize = 32;

/// Rebalance every long `AND` / `OR` chain of `statement`.
pub(super) fn balance(statement: &mut Statement) {
    let _ = statement.visit(&mut Balancer);
}

struct Balancer;

impl VisitorMut for Balancer {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<()> {
        if let Some(op) = long_chain(expr) {
            let whole = std::mem::replace(expr, Expr::value(Value::Null));
            *expr = balanced(operands(whole, &op), &op);
        } else if long_arithmetic(expr) {
            let whole = std::mem::replace(expr, Expr::value(Value::Null));
            *expr = operator_call(whole);
        }
        ControlFlow::Continue(())
    }
}

/// The operator of `expr` when it is an `AND` / `OR` chain with a long left spine.
fn long_chain(expr: &Expr) -> Option<BinaryOperator> {
    let Expr::BinaryOp { op, .. } = expr else {
        return None;
    };
    if !matches!(op, BinaryOperator::And | BinaryOperator::Or) {
        return None;
    }
    let mut spine = 0;
    let mut node = expr;
    while let Expr::BinaryOp { left, op: o, .. } = node {
        if o != op {
            break;
        }
        spine += 1;
        if spine > LONGEST_SPINE {
            return Some(op.clone());
        }
        node = left;
    }
    None
}

fn arithmetic(op: &BinaryOperator) -> Option<char> {
    match op {
        BinaryOperator::Plus => Some('+'),
        BinaryOperator::Minus => Some('-'),
        BinaryOperator::Multiply => Some('*'),
        _ => None,
    }
}

/// Whether `expr` is a `+ - *` chain with a long left spine.
fn long_arithmetic(expr: &Expr) -> bool {
    let mut spine = 0;
    let mut node = expr;
    while let Expr::BinaryOp { left, op, .. } = node {
        if arithmetic(op).is_none() {
            break;
        }
        spine += 1;
        if spine > LONGEST_SPINE {
            return true;
        }
        node = left;
    }
    false
}

/// `__flowlog_operator_chain('ops', operands…)` for a left-deep `+ - *` chain.
fn operator_call(expr: Expr) -> Expr {
    let mut symbols = Vec::new();
    let mut rights = Vec::new();
    let mut node = expr;
    loop {
        match node {
            Expr::BinaryOp { left, op, right } if arithmetic(&op).is_some() => {
                symbols.extend(arithmetic(&op));
                rights.push(*right);
                node = *left;
            }
            first => {
                rights.push(first);
                break;
            }
        }
    }
    let symbols: String = symbols.into_iter().rev().collect();
    let mut args = Vec::with_capacity(rights.len() + 1);
    args.push(Expr::value(Value::SingleQuotedString(symbols)));
    args.extend(rights.into_iter().rev());
    call(OPERATOR_CHAIN, args)
}

/// The operands of a chain of `op`, left to right, without recursion.
fn operands(expr: Expr, op: &BinaryOperator) -> Vec<Expr> {
    let mut out = Vec::new();
    let mut pending = vec![expr];
    while let Some(e) = pending.pop() {
        match e {
            Expr::BinaryOp { left, op: o, right } if &o == op => {
                pending.push(*right);
                pending.push(*left);
            }
            other => out.push(other),
        }
    }
    out
}

/// The operands joined by `op` as a balanced tree, in their order.
fn balanced(mut operands: Vec<Expr>, op: &BinaryOperator) -> Expr {
    if operands.len() == 1 {
        return operands.pop().expect("one operand");
    }
    let right = operands.split_off(operands.len() / 2);
    Expr::BinaryOp {
        left: Box::new(balanced(operands, op)),
        op: op.clone(),
        right: Box::new(balanced(right, op)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::sql::sqlparser::dialect::GenericDialect;
    use datafusion::sql::sqlparser::parser::Parser;

    fn depth(e: &Expr) -> usize {
        match e {
            Expr::BinaryOp { left, right, .. } => 1 + depth(left).max(depth(right)),
            _ => 0,
        }
    }

    #[test]
    fn a_long_chain_is_balanced_and_prints_the_same() {
        // 200 terms: a left spine far longer than the limit, shallow enough for a test
        // thread's stack (the CLI plans on a big one).
        let terms: Vec<String> = (0..200).map(|i| format!("x = {i}")).collect();
        let sql = format!("SELECT 1 FROM t WHERE {}", terms.join(" OR "));
        let mut statement = Parser::parse_sql(&GenericDialect {}, &sql)
            .expect("parses")
            .remove(0);
        let before = statement.to_string();
        balance(&mut statement);
        assert_eq!(statement.to_string(), before);
        let Statement::Query(q) = &statement else {
            panic!("a query")
        };
        let datafusion::sql::sqlparser::ast::SetExpr::Select(s) = q.body.as_ref() else {
            panic!("a select")
        };
        let selection = s.selection.as_ref().expect("a where clause");
        assert!(depth(selection) <= 9, "depth {}", depth(selection));
    }

    #[test]
    fn a_long_sum_becomes_one_call_with_its_operators_in_order() {
        let terms: Vec<String> = (0..40).map(|i| format!("x{i}")).collect();
        let mut sql = format!("SELECT {} FROM t", terms.join(" + "));
        sql = sql.replacen("x1 +", "x1 * y -", 1);
        let mut statement = Parser::parse_sql(&GenericDialect {}, &sql)
            .expect("parses")
            .remove(0);
        balance(&mut statement);
        let text = statement.to_string();
        let ops = format!("'+-{}'", "+".repeat(37));
        assert!(
            text.starts_with(&format!(
                "SELECT __flowlog_operator_chain({ops}, x0, x1 * y, x2, x3,"
            )),
            "{text}"
        );
        assert!(text.ends_with(", x39) FROM t"), "{text}");
    }

    #[test]
    fn short_chains_and_mixed_operators_are_left_alone() {
        let sql = "SELECT 1 FROM t WHERE a AND b OR c AND (d OR e)";
        let mut statement = Parser::parse_sql(&GenericDialect {}, sql)
            .expect("parses")
            .remove(0);
        let before = statement.clone();
        balance(&mut statement);
        assert_eq!(statement, before);
    }
}
