//! `=` and `<>` between arrays and between maps with Trino's semantics, by a rewrite of
//! the comparison to `structural_equal(a, b)`:
//!
//! * arrays: equal lengths and pairwise equal elements; false as soon as a pair differs,
//!   else NULL if a pair involves a NULL (`ARRAY[1, NULL] = ARRAY[1, NULL]` is NULL);
//! * maps: the same keys, in any order, with equal values (NULL values as for arrays).
//!
//! DataFusion compares both as plain values: NULL elements equal, map entries in order.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray};
use arrow::datatypes::DataType;
use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::type_coercion::binary::comparison_coercion;
use datafusion::logical_expr::{
    BinaryExpr, ColumnarValue, Expr, ExprSchemable, Operator, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature,
};

use super::lists::{element_keys, element_type, list_of, null_at};
use crate::functions::map::{key_value_types, map_type};
use crate::functions::support::{Rows, booleans, documented, scalar_udf};

scalar_udf! {
    /// `structural_equal(a, b)`: Trino's `a = b` for arrays and maps (internal; the
    /// rewrite of `=` and `<>` produces it).
    pub struct StructuralEqual;
}

fn structural(t: &DataType) -> bool {
    matches!(
        t,
        DataType::List(_)
            | DataType::LargeList(_)
            | DataType::FixedSizeList(_, _)
            | DataType::Map(_, _)
    )
}

/// The type both sides are compared in.
fn common(a: &DataType, b: &DataType) -> Option<DataType> {
    if a == b {
        return Some(a.clone());
    }
    if let (Some((ka, va)), Some((kb, vb))) = (key_value_types(a), key_value_types(b)) {
        return Some(map_type(common(&ka, &kb)?, common(&va, &vb)?));
    }
    if structural(a) && structural(b) {
        return Some(list_of(common(&element_type(a), &element_type(b))?));
    }
    match (a, b) {
        // Instants in different zones compare as instants.
        (DataType::Timestamp(unit, Some(_)), DataType::Timestamp(_, Some(_))) => {
            Some(DataType::Timestamp(*unit, Some("UTC".into())))
        }
        _ => comparison_coercion(a, b),
    }
}

impl ScalarUDFImpl for StructuralEqual {
    fn name(&self) -> &str {
        "structural_equal"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, b] => match common(a, b) {
                Some(t) => Ok(vec![t.clone(), t]),
                None => exec_err!("cannot compare {a} with {b}"),
            },
            _ => exec_err!("structural_equal takes two arguments"),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let (a, b) = (rows.array(0), rows.array(1));
        booleans(&rows, |r| equal(a, r, b, r))
    }

    documented!(
        "Comparison Functions",
        "structural_equal(x, y)",
        "Trino's equality of two arrays or two maps: NULL when only NULL elements or values could make them differ.",
        "SELECT structural_equal(ARRAY[1, NULL], ARRAY[1, NULL]); -- NULL"
    );
}

/// Trino's `a[i] = b[j]` for two values of one type: `None` when indeterminate.
fn equal(a: &ArrayRef, i: usize, b: &ArrayRef, j: usize) -> Result<Option<bool>> {
    if null_at(a.as_ref(), i) || null_at(b.as_ref(), j) {
        return Ok(None);
    }
    match a.data_type() {
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _) => {
            let x = super::lists::Lists::new(&a.slice(i, 1))?;
            let y = super::lists::Lists::new(&b.slice(j, 1))?;
            let (rx, ry) = (x.range(0).unwrap_or(0..0), y.range(0).unwrap_or(0..0));
            if rx.len() != ry.len() {
                return Ok(Some(false));
            }
            let mut result = Some(true);
            for (p, q) in rx.zip(ry) {
                match equal(x.values(), p, y.values(), q)? {
                    Some(false) => return Ok(Some(false)),
                    None => result = None,
                    Some(true) => {}
                }
            }
            Ok(result)
        }
        DataType::Map(_, _) => {
            let (x, y) = (a.as_map(), b.as_map());
            let (ox, oy) = (x.value_offsets(), y.value_offsets());
            let rx = usize::try_from(ox[i]).unwrap_or(0)..usize::try_from(ox[i + 1]).unwrap_or(0);
            let ry = usize::try_from(oy[j]).unwrap_or(0)..usize::try_from(oy[j + 1]).unwrap_or(0);
            if rx.len() != ry.len() {
                return Ok(Some(false));
            }
            let keys = element_keys(&[x.keys(), y.keys()])?;
            let mut result = Some(true);
            for p in rx {
                let Some(q) = ry.clone().find(|&q| keys[0][p] == keys[1][q]) else {
                    return Ok(Some(false));
                };
                match equal(x.values(), p, y.values(), q)? {
                    Some(false) => return Ok(Some(false)),
                    None => result = None,
                    Some(true) => {}
                }
            }
            Ok(result)
        }
        _ => {
            let eq: BooleanArray =
                arrow::compute::kernels::cmp::eq(&a.slice(i, 1), &b.slice(j, 1))?;
            Ok(Some(eq.value(0)))
        }
    }
}

/// The rewrite of `=` / `<>` between arrays or maps to [`StructuralEqual`].
#[derive(Debug)]
pub struct StructuralComparisons;

impl FunctionRewrite for StructuralComparisons {
    fn name(&self) -> &str {
        "structural_comparisons"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        match expr {
            Expr::BinaryExpr(BinaryExpr { left, op, right })
                if matches!(op, Operator::Eq | Operator::NotEq)
                    && left.get_type(schema).is_ok_and(|t| structural(&t))
                    && right.get_type(schema).is_ok_and(|t| structural(&t)) =>
            {
                let udf = Arc::new(ScalarUDF::new_from_impl(StructuralEqual::new()));
                let call = Expr::ScalarFunction(ScalarFunction::new_udf(udf, vec![*left, *right]));
                Ok(Transformed::yes(if op == Operator::NotEq {
                    Expr::Not(Box::new(call))
                } else {
                    call
                }))
            }
            other => Ok(Transformed::no(other)),
        }
    }
}
