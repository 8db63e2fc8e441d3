//! DECIMAL values meeting DOUBLEs, and DECIMAL division, as Trino types them.
//!
//! A literal with a decimal point is a DECIMAL (`1024.0` is `decimal(5,1)`), as in Trino.
//! Two of DataFusion's rules for decimals differ from Trino's:
//!
//! * Where a DECIMAL and a DOUBLE must share one type (the branches of `CASE`, the
//!   elements of `ARRAY[…]`, `coalesce`, `greatest`, `IN` lists, comparisons), DataFusion
//!   turns the DOUBLE into a `decimal(30,15)`; Trino turns the DECIMAL into a DOUBLE
//!   (`CASE WHEN c THEN 1.1 ELSE 33.0E0 END` is `33.0`). The DECIMAL operands are cast to
//!   DOUBLE first.
//! * `decimal(p1,s1) / decimal(p2,s2)` is a `decimal(min(38, p1 + s2 + max(0, s2 - s1)),
//!   max(s1, s2))` in Trino, rounded half up (`9916360 / 1024.0` is `9683.9`), where
//!   DataFusion keeps more digits (`9683.9453`). Integer operands count as `decimal(19,0)`
//!   (BIGINT), `decimal(10,0)` (INTEGER), `decimal(5,0)` and `decimal(3,0)`. The division
//!   runs in [`DecimalDivide`] with Trino's rounding.
//! * `round(decimal(p,s), d)` keeps Trino's `decimal(min(38, p + 1), s)` (`round(1.55, 1)`
//!   is `1.60`), and `round`, `ceil` and `floor` of one DECIMAL give
//!   `decimal(p - s + min(s, 1), 0)` (`ceil(1.2)` is `2`, not `2.0`).

use std::sync::Arc;

use arrow::array::{Array, AsArray, Decimal128Array};
use arrow::datatypes::{DataType, Decimal128Type, i256};
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, Result, ScalarValue, exec_err};
use datafusion::logical_expr::expr::{Between, Case, Cast, InList, ScalarFunction};
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{
    BinaryExpr, ColumnarValue, Expr, ExprSchemable, Operator, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature,
};

use crate::functions::datetime::zoned_comparison::is_comparison;
use crate::functions::support::scalar_udf;

/// The name of the division function.
pub const DECIMAL_DIVIDE: &str = "$decimal_divide";

/// The functions whose arguments share one type.
const UNIFYING: [&str; 6] = [
    "make_array",
    "coalesce",
    "greatest",
    "least",
    "nullif",
    "array",
];

/// The functions whose DECIMAL result Trino types by its own rule.
const ROUNDING: [&str; 4] = ["round", "ceil", "ceiling", "floor"];

/// The analyzer rewrite of this module.
#[derive(Debug, Default)]
pub struct DecimalRules;

/// `decimal(p, s)` of a DECIMAL or integer type, as Trino widens integers.
fn as_decimal(t: &DataType) -> Option<(u8, i8)> {
    match t {
        DataType::Decimal128(p, s) => Some((*p, *s)),
        DataType::Int64 | DataType::UInt32 => Some((19, 0)),
        DataType::Int32 | DataType::UInt16 => Some((10, 0)),
        DataType::Int16 | DataType::UInt8 => Some((5, 0)),
        DataType::Int8 => Some((3, 0)),
        _ => None,
    }
}

fn is_double(t: &DataType) -> bool {
    matches!(t, DataType::Float64 | DataType::Float32)
}

fn is_decimal(t: &DataType) -> bool {
    matches!(t, DataType::Decimal128(..) | DataType::Decimal256(..))
}

/// Cast the DECIMAL ones of `exprs` to DOUBLE when a DOUBLE is among them.
fn doubles_win(exprs: &mut [&mut Expr], schema: &DFSchema) -> bool {
    let types: Vec<Option<DataType>> = exprs.iter().map(|e| e.get_type(schema).ok()).collect();
    let has_double = types.iter().flatten().any(is_double);
    let has_decimal = types.iter().flatten().any(is_decimal);
    if !(has_double && has_decimal) {
        return false;
    }
    for (e, t) in exprs.iter_mut().zip(&types) {
        if t.as_ref().is_some_and(is_decimal) {
            let inner = std::mem::replace(&mut **e, Expr::Literal(ScalarValue::Null, None));
            **e = Expr::Cast(Cast::new(Box::new(inner), DataType::Float64));
        }
    }
    true
}

impl FunctionRewrite for DecimalRules {
    fn name(&self) -> &str {
        "trino_decimal_rules"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        let mut expr = expr;
        let changed = match &mut expr {
            Expr::Case(Case {
                when_then_expr,
                else_expr,
                ..
            }) => {
                let mut branches: Vec<&mut Expr> =
                    when_then_expr.iter_mut().map(|(_, t)| t.as_mut()).collect();
                branches.extend(else_expr.iter_mut().map(|e| e.as_mut()));
                doubles_win(&mut branches, schema)
            }
            Expr::ScalarFunction(ScalarFunction { func, args })
                if ROUNDING.contains(&func.name()) =>
            {
                let Some(Ok(DataType::Decimal128(p, s))) = args.first().map(|a| a.get_type(schema))
                else {
                    return Ok(Transformed::no(expr));
                };
                let target = if func.name() == "round" && args.len() == 2 {
                    DataType::Decimal128((p + 1).min(38), s)
                } else {
                    DataType::Decimal128((p as i16 - s as i16 + s.min(1) as i16).max(1) as u8, 0)
                };
                return Ok(Transformed::yes(Expr::Cast(Cast::new(
                    Box::new(expr),
                    target,
                ))));
            }
            Expr::ScalarFunction(ScalarFunction { func, args })
                if UNIFYING.contains(&func.name()) =>
            {
                let mut all: Vec<&mut Expr> = args.iter_mut().collect();
                doubles_win(&mut all, schema)
            }
            Expr::InList(InList { expr: e, list, .. }) => {
                let mut all: Vec<&mut Expr> = vec![e.as_mut()];
                all.extend(list.iter_mut());
                doubles_win(&mut all, schema)
            }
            Expr::Between(Between {
                expr: e, low, high, ..
            }) => doubles_win(&mut [e.as_mut(), low.as_mut(), high.as_mut()], schema),
            Expr::BinaryExpr(BinaryExpr { left, op, right }) if is_comparison(*op) => {
                doubles_win(&mut [left.as_mut(), right.as_mut()], schema)
            }
            Expr::BinaryExpr(BinaryExpr {
                left,
                op: Operator::Divide,
                right,
            }) => {
                let (Ok(lt), Ok(rt)) = (left.get_type(schema), right.get_type(schema)) else {
                    return Ok(Transformed::no(expr));
                };
                if !(is_decimal(&lt) || is_decimal(&rt)) {
                    return Ok(Transformed::no(expr));
                }
                let (Some(_), Some(_)) = (as_decimal(&lt), as_decimal(&rt)) else {
                    return Ok(Transformed::no(expr));
                };
                let left = std::mem::replace(left.as_mut(), Expr::Literal(ScalarValue::Null, None));
                let right =
                    std::mem::replace(right.as_mut(), Expr::Literal(ScalarValue::Null, None));
                return Ok(Transformed::yes(Expr::ScalarFunction(
                    ScalarFunction::new_udf(
                        Arc::new(ScalarUDF::new_from_impl(DecimalDivide::new())),
                        vec![left, right],
                    ),
                )));
            }
            _ => false,
        };
        Ok(if changed {
            Transformed::yes(expr)
        } else {
            Transformed::no(expr)
        })
    }
}

scalar_udf! {
    /// `"$decimal_divide"(a, b)`: Trino's DECIMAL division (type and rounding above).
    pub struct DecimalDivide;
}

/// Trino's result type of `decimal(p1,s1) / decimal(p2,s2)`.
fn quotient_type((p1, s1): (u8, i8), (_, s2): (u8, i8)) -> (u8, i8) {
    let (p1, s1, s2) = (i32::from(p1), i32::from(s1), i32::from(s2));
    let p = (p1 + s2 + (s2 - s1).max(0)).min(38);
    let s = s1.max(s2);
    (p as u8, s as i8)
}

impl ScalarUDFImpl for DecimalDivide {
    fn name(&self) -> &str {
        DECIMAL_DIVIDE
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        arg_types
            .iter()
            .map(|t| match as_decimal(t) {
                Some((p, s)) => Ok(DataType::Decimal128(p, s)),
                None => exec_err!("{DECIMAL_DIVIDE}: not a decimal: {t}"),
            })
            .collect()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match (
            arg_types.first().and_then(as_decimal),
            arg_types.get(1).and_then(as_decimal),
        ) {
            (Some(a), Some(b)) => {
                let (p, s) = quotient_type(a, b);
                Ok(DataType::Decimal128(p, s))
            }
            _ => exec_err!("{DECIMAL_DIVIDE} takes two decimals"),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let types: Vec<DataType> = args.args.iter().map(|a| a.data_type()).collect();
        let (Some(a), Some(b)) = (
            types.first().and_then(as_decimal),
            types.get(1).and_then(as_decimal),
        ) else {
            return exec_err!("{DECIMAL_DIVIDE} takes two decimals");
        };
        let (p, s) = quotient_type(a, b);
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(x), Some(y)) = (
            arrays[0].as_primitive_opt::<Decimal128Type>(),
            arrays[1].as_primitive_opt::<Decimal128Type>(),
        ) else {
            return exec_err!("{DECIMAL_DIVIDE} takes two decimals");
        };
        // quotient = x / 10^s1 ÷ (y / 10^s2), at scale s: x · 10^(s - s1 + s2) ÷ y.
        let shift = i32::from(s) - i32::from(a.1) + i32::from(b.1);
        let factor = i256::from_i128(10).wrapping_pow(shift.max(0) as u32);
        let limit = i256::from_i128(10).wrapping_pow(u32::from(p));
        let mut out = Vec::with_capacity(rows);
        for i in 0..x.len() {
            if x.is_null(i) || y.is_null(i) {
                out.push(None);
                continue;
            }
            let divisor = i256::from_i128(y.value(i));
            if divisor == i256::ZERO {
                return exec_err!("Division by zero");
            }
            let dividend = i256::from_i128(x.value(i)).wrapping_mul(factor);
            let q = half_up(dividend, divisor);
            if q.wrapping_abs() >= limit {
                return exec_err!("Decimal overflow");
            }
            out.push(q.to_i128());
        }
        let result = Decimal128Array::from(out).with_precision_and_scale(p, s)?;
        Ok(if scalar {
            ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?)
        } else {
            ColumnarValue::Array(Arc::new(result))
        })
    }
}

/// `n / d` rounded half away from zero (Trino's HALF_UP on decimals).
fn half_up(n: i256, d: i256) -> i256 {
    let q = n.wrapping_div(d);
    let r = n.wrapping_rem(d);
    if r.wrapping_abs().wrapping_mul(i256::from_i128(2)) >= d.wrapping_abs() {
        if (n < i256::ZERO) == (d < i256::ZERO) {
            q.wrapping_add(i256::ONE)
        } else {
            q.wrapping_sub(i256::ONE)
        }
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trino_types_and_rounding() {
        assert_eq!(quotient_type((19, 0), (5, 1)), (21, 1));
        assert_eq!(quotient_type((10, 5), (10, 5)), (15, 5));
        assert_eq!(quotient_type((38, 0), (5, 2)), (38, 2));
        let h = |n: i128, d: i128| half_up(i256::from_i128(n), i256::from_i128(d)).to_i128();
        assert_eq!(h(15, 10), Some(2));
        assert_eq!(h(-15, 10), Some(-2));
        assert_eq!(h(14, 10), Some(1));
        assert_eq!(h(-14, 10), Some(-1));
        assert_eq!(h(15, -10), Some(-2));
    }
}
