//! Comparisons between a `timestamp with time zone` and a `timestamp` or DATE, read as Trino
//! reads them: the plain operand is a wall-clock time in the session zone.
//!
//! ```text
//! tz_value = plain      (also <>, <, <=, >, >=, IS [NOT] DISTINCT FROM, BETWEEN, IN (…))
//!   ──►  tz_value = "$cast_timestamp_tz"(plain, p)      (cast in the session zone)
//! tz_value - plain, plain - tz_value                    (the same, an interval results)
//! ```
//!
//! Trino coerces the plain operand to `timestamp with time zone` with the session zone
//! (TestTimestampWithTimeZone.testEqual … testBetween, TestDate.
//! testDateToTimestampWithZoneCoercing). DataFusion's own coercion would cast it to the other
//! operand's column type, reading the wall-clock time in that operand's zone. The rewrite runs
//! before DataFusion's type coercion, so the comparison it leaves has two zoned operands,
//! which compare by instant.
//!
//! The session zone changes with `SET TIME ZONE`; the rewrite reads it through a
//! [`SessionZone`] the session shares with it.

use std::sync::{Arc, RwLock};

use arrow::datatypes::DataType;
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::logical_expr::expr::{InList, ScalarFunction};
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{Between, BinaryExpr, Expr, ExprSchemable, Operator, ScalarUDF};

use super::cast::CastTimestamp;
use super::value::precision_of;
use crate::time::TrinoZone;

/// The session zone, shared between the session (which `SET TIME ZONE` updates) and the
/// rewrites that read it while planning.
#[derive(Debug, Clone)]
pub struct SessionZone(Arc<RwLock<TrinoZone>>);

impl SessionZone {
    /// A shared cell holding `zone`.
    pub fn new(zone: TrinoZone) -> Self {
        Self(Arc::new(RwLock::new(zone)))
    }

    /// The zone now in effect.
    pub fn get(&self) -> TrinoZone {
        match self.0.read() {
            Ok(zone) => *zone,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    /// Change the zone (`SET TIME ZONE`).
    pub fn set(&self, zone: TrinoZone) {
        match self.0.write() {
            Ok(mut current) => *current = zone,
            Err(poisoned) => *poisoned.into_inner() = zone,
        }
    }
}

/// Reads the plain operand of a comparison with a `timestamp with time zone` in the session
/// zone (see the module docs).
#[derive(Debug)]
pub struct ZonedComparisons {
    zone: SessionZone,
}

impl ZonedComparisons {
    /// The rewrite, reading the session zone from `zone`.
    pub fn new(zone: SessionZone) -> Self {
        Self { zone }
    }

    /// `plain` as a `timestamp with time zone` in the session zone.
    fn in_session_zone(&self, plain: Expr, plain_type: &DataType) -> Expr {
        let precision = match plain_type {
            DataType::Timestamp(unit, None) => i64::from(precision_of(*unit)),
            _ => 0,
        };
        let udf = Arc::new(ScalarUDF::new_from_impl(CastTimestamp::new(
            true,
            self.zone.get(),
        )));
        Expr::ScalarFunction(ScalarFunction::new_udf(
            udf,
            vec![
                plain,
                Expr::Literal(ScalarValue::Int64(Some(precision)), None),
            ],
        ))
    }
}

/// What kind of date/time an operand is, for this rewrite.
#[derive(PartialEq)]
enum Kind {
    Zoned,
    Plain,
    Other,
}

fn kind(t: &DataType) -> Kind {
    match t {
        DataType::Timestamp(_, Some(_)) => Kind::Zoned,
        DataType::Timestamp(_, None) | DataType::Date32 => Kind::Plain,
        _ => Kind::Other,
    }
}

/// Whether `op` compares its operands (`=`, `<>`, `<`, `<=`, `>`, `>=`, `IS [NOT] DISTINCT FROM`).
pub(crate) fn is_comparison(op: Operator) -> bool {
    matches!(
        op,
        Operator::Eq
            | Operator::NotEq
            | Operator::Lt
            | Operator::LtEq
            | Operator::Gt
            | Operator::GtEq
            | Operator::IsDistinctFrom
            | Operator::IsNotDistinctFrom
    )
}

impl FunctionRewrite for ZonedComparisons {
    fn name(&self) -> &str {
        "trino_zoned_comparisons"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        match expr {
            Expr::BinaryExpr(BinaryExpr { left, op, right })
                if is_comparison(op) || op == Operator::Minus =>
            {
                let (Ok(lt), Ok(rt)) = (left.get_type(schema), right.get_type(schema)) else {
                    return Ok(Transformed::no(Expr::BinaryExpr(BinaryExpr {
                        left,
                        op,
                        right,
                    })));
                };
                let (left, right, changed) = match (kind(&lt), kind(&rt)) {
                    (Kind::Zoned, Kind::Plain) => {
                        (left, Box::new(self.in_session_zone(*right, &rt)), true)
                    }
                    (Kind::Plain, Kind::Zoned) => {
                        (Box::new(self.in_session_zone(*left, &lt)), right, true)
                    }
                    _ => (left, right, false),
                };
                let out = Expr::BinaryExpr(BinaryExpr { left, op, right });
                Ok(if changed {
                    Transformed::yes(out)
                } else {
                    Transformed::no(out)
                })
            }
            Expr::Between(Between {
                expr,
                negated,
                low,
                high,
            }) => {
                let types = [&expr, &low, &high].map(|e| e.get_type(schema).ok());
                let kinds = types
                    .each_ref()
                    .map(|t| t.as_ref().map_or(Kind::Other, kind));
                let any_zoned = kinds.contains(&Kind::Zoned);
                let any_plain = kinds.contains(&Kind::Plain);
                if !(any_zoned && any_plain) {
                    return Ok(Transformed::no(Expr::Between(Between {
                        expr,
                        negated,
                        low,
                        high,
                    })));
                }
                let mut parts = [expr, low, high];
                for (part, t) in parts.iter_mut().zip(types.iter()) {
                    if let Some(t) = t
                        && kind(t) == Kind::Plain
                    {
                        let plain = std::mem::replace(
                            part.as_mut(),
                            Expr::Literal(ScalarValue::Null, None),
                        );
                        **part = self.in_session_zone(plain, t);
                    }
                }
                let [expr, low, high] = parts;
                Ok(Transformed::yes(Expr::Between(Between {
                    expr,
                    negated,
                    low,
                    high,
                })))
            }
            Expr::InList(InList {
                expr,
                list,
                negated,
            }) => {
                let mut parts: Vec<Expr> = std::iter::once(*expr).chain(list).collect();
                let types: Vec<Option<DataType>> =
                    parts.iter().map(|e| e.get_type(schema).ok()).collect();
                let kinds: Vec<Kind> = types
                    .iter()
                    .map(|t| t.as_ref().map_or(Kind::Other, kind))
                    .collect();
                let mixed = kinds.contains(&Kind::Zoned) && kinds.contains(&Kind::Plain);
                if mixed {
                    parts = parts
                        .into_iter()
                        .zip(types.iter())
                        .map(|(part, t)| match t {
                            Some(t) if kind(t) == Kind::Plain => self.in_session_zone(part, t),
                            _ => part,
                        })
                        .collect();
                }
                let mut parts = parts.into_iter();
                let expr = Box::new(
                    parts
                        .next()
                        .unwrap_or(Expr::Literal(ScalarValue::Null, None)),
                );
                let out = Expr::InList(InList {
                    expr,
                    list: parts.collect(),
                    negated,
                });
                Ok(if mixed {
                    Transformed::yes(out)
                } else {
                    Transformed::no(out)
                })
            }
            other => Ok(Transformed::no(other)),
        }
    }
}
