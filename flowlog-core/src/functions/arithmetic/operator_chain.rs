//! A long chain of `+ - *` as the SQL planner sees it: one call, expanded by the
//! arithmetic rewrite once the operands' types are known.
//!
//! ```text
//! a + b - c * d + … (more than 32 operators, left to right)
//!   ──dialect──►  __flowlog_operator_chain('+-+…', a, b, c * d, …)
//!   ──TrinoArithmetic──►  checked_chain[+, -, +, …](a, b, c * d, …)      integer operands
//!                         ((a + b) - c * d) + …                          any other types
//! ```
//!
//! DataFusion's SQL planner names every level of a left-deep `a + b + …` tree, each name
//! spelling the whole subtree: a 5,000-term sum took minutes before any rewrite of ours
//! could run. The call keeps that planning linear; its type is the one the operators
//! would have had, so the plan's schema does not change when it is expanded.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DFSchema, ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::binary::BinaryTypeCoercer;
use datafusion::logical_expr::{
    BinaryExpr, ColumnarValue, Documentation, Expr, ExprSchemable, Operator, ReturnFieldArgs,
    ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

use super::checked::Op;
use super::{checked_chain, common_integer, integer};
use crate::functions::support::{doc, scalar_udf};

/// The name the dialect rewrite calls.
pub const NAME: &str = "__flowlog_operator_chain";

scalar_udf! {
    /// `__flowlog_operator_chain('+-*…', a, b, c, …)`: `a + b - c * …` folded left to
    /// right; only ever planned, never run (the arithmetic rewrite expands it).
    pub struct OperatorChain;
}

/// The function, for registering.
pub fn udf() -> Arc<ScalarUDF> {
    Arc::new(ScalarUDF::new_from_impl(OperatorChain::new()))
}

/// The operator the dialect wrote as `symbol`.
fn operator(symbol: char) -> Option<Operator> {
    match symbol {
        '+' => Some(Operator::Plus),
        '-' => Some(Operator::Minus),
        '*' => Some(Operator::Multiply),
        _ => None,
    }
}

fn checked(op: Operator) -> Op {
    match op {
        Operator::Plus => Op::Add,
        Operator::Minus => Op::Subtract,
        _ => Op::Multiply,
    }
}

/// The operators of a call, from its first argument.
fn operators(symbols: Option<&ScalarValue>) -> Result<Vec<Operator>> {
    let Some(ScalarValue::Utf8(Some(s))) = symbols else {
        return plan_err!("{NAME} takes a string of operators first");
    };
    s.chars()
        .map(|c| operator(c).ok_or(c))
        .collect::<std::result::Result<Vec<_>, _>>()
        .or_else(|c| plan_err!("{NAME}: unknown operator {c:?}"))
}

/// The type of `l op r`: Trino's for integers (the checked rewrite), DataFusion's else.
fn step_type(l: &DataType, op: Operator, r: &DataType) -> Result<DataType> {
    if l.is_integer() && r.is_integer() {
        return Ok(common_integer(l, r));
    }
    BinaryTypeCoercer::new(l, &op, r).get_result_type()
}

/// Expand a call of this function into what its operators would have been planned as.
/// `None` when `expr` is not such a call.
pub(super) fn expand(expr: &Expr, schema: &DFSchema) -> Option<Result<Expr>> {
    let Expr::ScalarFunction(f) = expr else {
        return None;
    };
    f.func.inner().downcast_ref::<OperatorChain>()?;
    let symbols = match f.args.first() {
        Some(Expr::Literal(v, _)) => Some(v),
        _ => None,
    };
    let ops = match operators(symbols) {
        Ok(ops) => ops,
        Err(e) => return Some(Err(e)),
    };
    let mut operands = f.args.iter().skip(1).cloned();
    let Some(mut acc) = operands.next() else {
        return Some(plan_err!("{NAME} takes operands"));
    };
    let mut acc_integer = integer(&acc, schema);
    for (op, next) in ops.into_iter().zip(operands) {
        if acc_integer && integer(&next, schema) {
            acc = checked_chain::combine(acc, checked(op), next);
        } else {
            acc = Expr::BinaryExpr(BinaryExpr::new(Box::new(acc), op, Box::new(next)));
            acc_integer = acc.get_type(schema).is_ok_and(|t| t.is_integer());
        }
    }
    Some(Ok(acc))
}

impl ScalarUDFImpl for OperatorChain {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("{NAME} needs its operators")
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let ops = operators(args.scalar_arguments.first().copied().flatten())?;
        let Some((first, rest)) = args.arg_fields.get(1..).and_then(|f| f.split_first()) else {
            return plan_err!("{NAME} takes operands");
        };
        if rest.len() != ops.len() {
            return plan_err!(
                "{NAME}: {} operators for {} operands",
                ops.len(),
                rest.len() + 1
            );
        }
        let mut t = first.data_type().clone();
        let mut nullable = first.is_nullable();
        for (op, field) in ops.into_iter().zip(rest) {
            t = step_type(&t, op, field.data_type())?;
            nullable |= field.is_nullable();
        }
        Ok(Arc::new(Field::new(self.name(), t, nullable)))
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        exec_err!("{NAME} is expanded before it runs")
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOC: std::sync::OnceLock<Documentation> = std::sync::OnceLock::new();
        Some(DOC.get_or_init(|| {
            doc(
                "Mathematical Operators",
                "__flowlog_operator_chain('+-', a, b, c)",
                "A long left-to-right chain of `+ - *` as planned (internal): expanded to the operators before it runs.",
                "SELECT 1 + 2 - 3; -- a chain of more than 32 operators is planned through this",
            )
        }))
    }
}
