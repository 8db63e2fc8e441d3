//! A left-to-right chain of integer `+ - *` as one call: `a + b - c * d + …`, where every
//! operator applies to the result so far, is `checked_chain(a, b, …)` with the operators
//! kept in the function.
//!
//! ```text
//! ((a + b) - c) + d   ──►  checked_chain[+, -, +](a, b, c, d)
//! ```
//!
//! Nested calls (`checked_add(checked_subtract(checked_add(a, b), c), d)`) would give the
//! same answer, but DataFusion names and types a call by walking its whole subtree, at
//! every level and in several planning passes: a 5,000-term sum took minutes to plan.
//! One flat call keeps planning linear in the chain's length. Each step is Trino's: the
//! wider of its two operand types, and an overflow is an error naming that step's
//! operands (`bigint addition overflow: 9223372036854775807 + 1`).

use std::sync::Arc;

use arrow::array::ArrayRef;
use arrow::compute::cast;
use arrow::datatypes::DataType;
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::logical_expr::{
    ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

use super::checked::{self, CheckedArithmetic, Op};
use super::common_integer;
use crate::functions::support::{scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `a op₁ b op₂ c …` on integers, folded left to right, each step failing on
    /// overflow: what a chain of integer `+ - *` in a query is planned as.
    pub struct CheckedChain {
        /// The operators between consecutive arguments: one fewer than the arguments.
        fn new(ops: Vec<Op>);
    }
}

/// `left op right` as a checked call, extending `left` when it is a checked call already
/// (the rewrite runs bottom-up, so a left-deep chain grows one operand at a time).
pub fn combine(left: Expr, op: Op, right: Expr) -> Expr {
    if let Expr::ScalarFunction(ScalarFunction { func, args }) = &left {
        let ops = if let Some(chain) = func.inner().downcast_ref::<CheckedChain>() {
            Some(chain.ops.clone())
        } else {
            func.inner()
                .downcast_ref::<CheckedArithmetic>()
                .map(|single| vec![single.op()])
        };
        if let Some(mut ops) = ops.filter(|ops| ops.len() + 1 == args.len()) {
            let Expr::ScalarFunction(ScalarFunction { mut args, .. }) = left else {
                unreachable!("matched above")
            };
            ops.push(op);
            args.push(right);
            let udf = ScalarUDF::new_from_impl(CheckedChain::new(ops));
            return Expr::ScalarFunction(ScalarFunction::new_udf(Arc::new(udf), args));
        }
    }
    let udf = ScalarUDF::new_from_impl(CheckedArithmetic::new(op));
    Expr::ScalarFunction(ScalarFunction::new_udf(Arc::new(udf), vec![left, right]))
}

/// Whether `expr` is a call of this family (integer by construction).
pub fn is_checked_call(expr: &Expr) -> bool {
    match expr {
        Expr::ScalarFunction(f) => {
            f.func.inner().downcast_ref::<CheckedChain>().is_some()
                || f.func.inner().downcast_ref::<CheckedArithmetic>().is_some()
        }
        _ => false,
    }
}

impl CheckedChain {
    /// The operators between consecutive arguments, left to right.
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// The type of the result: each step's type is the wider of its operands'.
    fn result_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.split_first() {
            Some((first, rest)) if rest.len() == self.ops.len() => Ok(rest
                .iter()
                .fold(first.clone(), |acc, t| common_integer(&acc, t))),
            _ => plan_err!("{} takes {} arguments", self.name(), self.ops.len() + 1),
        }
    }
}

impl ScalarUDFImpl for CheckedChain {
    fn name(&self) -> &str {
        "checked_chain"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() == self.ops.len() + 1
            && arg_types.iter().all(|t| t.is_integer() || t.is_null())
        {
            // Each step widens its operands itself.
            return Ok(arg_types.to_vec());
        }
        let expected = format!("{}(bigint, bigint, …)", self.name());
        Err(unexpected_parameters(self.name(), arg_types, &[&expected]))
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.result_type(arg_types)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != self.ops.len() + 1 {
            return exec_err!("{} takes {} arguments", self.name(), self.ops.len() + 1);
        }
        let scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let rows = if scalar { 1 } else { args.number_rows };
        let arrays = args
            .args
            .iter()
            .map(|a| a.to_array(rows))
            .collect::<Result<Vec<ArrayRef>>>()?;
        let mut acc = Arc::clone(&arrays[0]);
        let mut acc_type = acc.data_type().clone();
        for (op, next) in self.ops.iter().zip(&arrays[1..]) {
            let t = common_integer(&acc_type, next.data_type());
            let a = cast(&acc, &t)?;
            let b = cast(next, &t)?;
            acc = checked::step(*op, &a, &b, &t)?;
            acc_type = t;
        }
        if scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&acc, 0)?));
        }
        Ok(ColumnarValue::Array(acc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::logical_expr::{col, lit};

    #[test]
    fn a_left_deep_chain_becomes_one_call() {
        let e = combine(col("a"), Op::Add, col("b"));
        let e = combine(e, Op::Subtract, col("c"));
        let e = combine(e, Op::Multiply, lit(2i64));
        let Expr::ScalarFunction(f) = &e else {
            panic!("a call: {e}")
        };
        let chain = f
            .func
            .inner()
            .downcast_ref::<CheckedChain>()
            .expect("a chain");
        assert_eq!(chain.ops, vec![Op::Add, Op::Subtract, Op::Multiply]);
        assert_eq!(f.args.len(), 4);
        assert!(is_checked_call(&e));
    }

    #[test]
    fn each_step_widens_as_trino_does() {
        let chain = CheckedChain::new(vec![Op::Add, Op::Add]);
        assert_eq!(
            chain
                .result_type(&[DataType::Int8, DataType::Int16, DataType::Int8])
                .unwrap(),
            DataType::Int16
        );
        assert_eq!(
            chain
                .result_type(&[DataType::Int32, DataType::Int32, DataType::Int64])
                .unwrap(),
            DataType::Int64
        );
    }
}
