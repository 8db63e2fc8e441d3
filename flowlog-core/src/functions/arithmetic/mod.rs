//! Arithmetic as Trino does it, where DataFusion differs.
//!
//! * `+ - *` on integers: overflow is an error (`bigint addition overflow: …`), never
//!   a wrap-around. DataFusion's binary expressions wrap by default, so integer
//!   operations are rewritten to [`checked::CheckedArithmetic`] calls before planning;
//!   a longer left-to-right chain to one [`checked_chain::CheckedChain`] call.
//! * `CAST(double AS bigint|integer|smallint|tinyint)` rounds half away from zero
//!   (`37.7 → 38`, `-17.5 → -18`); DataFusion truncates. The cast is rewritten to
//!   `CAST(round(x) AS …)`. An out-of-range value is an error, as in Trino.
//! * Comparisons with a DOUBLE / REAL NaN are false (`<>` true), see [`nan_compare`].
//! * `CAST(double|real AS VARCHAR)` prints Trino's text (`3.77E1`), see [`float_cast`].
//! * `sqrt(x)` is a DOUBLE, NaN for a negative `x` (DataFusion fails), see [`sqrt`].
//! * Integer division truncates toward zero in both engines; division by zero is an
//!   error in both.
//!
//! The rewrite runs in DataFusion's analyzer, which keeps each column's name, so a
//! result header reads `a + b` as written.

pub mod checked;
pub mod checked_chain;
pub mod decimal_rules;
pub mod float_cast;
pub mod float_text;
mod nan_compare;
pub mod operator_chain;
pub mod sqrt;

use std::sync::Arc;

use arrow::datatypes::DataType;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, Result};
use datafusion::logical_expr::expr::{Cast, ScalarFunction, TryCast};
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{BinaryExpr, Expr, ExprSchemable, Operator, ScalarUDF};

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    let mut all: Vec<Arc<ScalarUDF>> = checked::Op::ALL
        .iter()
        .map(|op| {
            Arc::new(ScalarUDF::new_from_impl(checked::CheckedArithmetic::new(
                *op,
            )))
        })
        .collect();
    all.push(Arc::new(ScalarUDF::new_from_impl(sqrt::Sqrt::new())));
    all.push(Arc::new(ScalarUDF::new_from_impl(
        decimal_rules::DecimalDivide::new(),
    )));
    all
}

/// Rewrites integer `+ - *` to checked calls and double → integer casts to rounding
/// casts.
#[derive(Debug, Default)]
pub struct TrinoArithmetic;

/// Whether `expr` has an integer type. The rewrite runs bottom-up, so the operands of a
/// long `a + b + …` chain are already checked calls, which are integer by construction:
/// answering that without asking the call's type (which descends the whole chain again)
/// keeps the rewrite linear in the chain's length instead of quadratic.
fn integer(expr: &Expr, schema: &DFSchema) -> bool {
    checked_chain::is_checked_call(expr) || expr.get_type(schema).is_ok_and(|t| t.is_integer())
}

fn float(expr: &Expr, schema: &DFSchema) -> bool {
    expr.get_type(schema).is_ok_and(|t| t.is_floating())
}

fn rounded(expr: Expr) -> Expr {
    Expr::ScalarFunction(ScalarFunction::new_udf(
        datafusion::functions::math::round(),
        vec![expr],
    ))
}

impl FunctionRewrite for TrinoArithmetic {
    fn name(&self) -> &str {
        "trino_arithmetic"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        match expr {
            Expr::BinaryExpr(BinaryExpr { left, op, right })
                if matches!(op, Operator::Plus | Operator::Minus | Operator::Multiply)
                    && integer(&left, schema)
                    && integer(&right, schema) =>
            {
                let op = match op {
                    Operator::Plus => checked::Op::Add,
                    Operator::Minus => checked::Op::Subtract,
                    _ => checked::Op::Multiply,
                };
                Ok(Transformed::yes(checked_chain::combine(*left, op, *right)))
            }
            Expr::Cast(Cast { expr, field })
                if field.data_type().is_integer() && float(&expr, schema) =>
            {
                Ok(Transformed::yes(Expr::Cast(Cast {
                    expr: Box::new(rounded(*expr)),
                    field,
                })))
            }
            Expr::TryCast(TryCast { expr, field })
                if field.data_type().is_integer() && float(&expr, schema) =>
            {
                Ok(Transformed::yes(Expr::TryCast(TryCast {
                    expr: Box::new(rounded(*expr)),
                    field,
                })))
            }
            other => {
                if let Some(expanded) = operator_chain::expand(&other, schema) {
                    return expanded.map(Transformed::yes);
                }
                match nan_compare::rewrite(&other, schema) {
                    Some(guarded) => Ok(Transformed::yes(guarded)),
                    None => Ok(Transformed::no(other)),
                }
            }
        }
    }
}

/// The integer type Trino gives `a op b` for integer operands: the wider of the two.
pub(crate) fn common_integer(a: &DataType, b: &DataType) -> DataType {
    fn rank(t: &DataType) -> u8 {
        match t {
            DataType::Int8 => 1,
            DataType::Int16 => 2,
            DataType::Int32 => 3,
            DataType::Null => 0,
            _ => 4,
        }
    }
    match rank(a).max(rank(b)) {
        0 | 3 => DataType::Int32,
        1 => DataType::Int8,
        2 => DataType::Int16,
        _ => DataType::Int64,
    }
}
