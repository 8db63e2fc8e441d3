//! Literals a query compares partition columns with, and why one can match no partition:
//! a date in another format than the column's (`'2026-11-21'` for `yyyy/MM/dd`), a date
//! outside the projected range, an account not among the projected values.

use chrono::{NaiveDate, NaiveDateTime};
use datafusion::common::ScalarValue;
use datafusion::common::tree_node::{TreeNode, TreeNodeRecursion};
use datafusion::logical_expr::{BinaryExpr, Expr, LogicalPlan, Operator};

use crate::projection::{ColumnProjection, ProjectionRule};

/// `column = 'value'` (or one value of `column IN (…)`) somewhere in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ColumnLiteral {
    /// The column's name, unqualified.
    pub(super) column: String,
    /// The string literal.
    pub(super) value: String,
}

/// Why a literal matches no partition.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LiteralProblem {
    /// A date written in another format than the column's.
    WrongFormat {
        /// The column's format (a java.time pattern such as `yyyy/MM/dd`).
        format: String,
        /// The same date in the column's format.
        rewritten: String,
    },
    /// Not a value of the column's format at all.
    NotInFormat {
        /// The column's format.
        format: String,
    },
    /// A date in the right format, outside the projected range.
    OutsideRange {
        /// The first value of the range.
        first: String,
        /// The last value of the range.
        last: String,
    },
    /// Not one of the projected values (`projection.<column>.values` or its range).
    NotProjected {
        /// Up to ten of the projected values.
        some_values: Vec<String>,
    },
}

/// Every `column = 'literal'` and `column IN ('literal', …)` of the plan and its subqueries.
pub(super) fn partition_literals(plan: &LogicalPlan) -> Vec<ColumnLiteral> {
    let mut out: Vec<ColumnLiteral> = Vec::new();
    let _ = plan.apply_with_subqueries(|node| {
        let mut exprs = node.expressions();
        if let LogicalPlan::TableScan(scan) = node {
            exprs.extend(scan.filters.iter().cloned());
        }
        for expr in exprs {
            let _ = expr.apply(|e| {
                for lit in column_literals(e) {
                    if !out.contains(&lit) {
                        out.push(lit);
                    }
                }
                Ok(TreeNodeRecursion::Continue)
            });
        }
        Ok(TreeNodeRecursion::Continue)
    });
    out
}

fn column_literals(e: &Expr) -> Vec<ColumnLiteral> {
    let pair = |c: &Expr, l: &Expr| match (c, string_literal(l)) {
        (Expr::Column(col), Some(value)) => Some(ColumnLiteral {
            column: col.name.clone(),
            value,
        }),
        _ => None,
    };
    match e {
        Expr::BinaryExpr(BinaryExpr {
            left,
            op: Operator::Eq,
            right,
        }) => pair(left, right)
            .or_else(|| pair(right, left))
            .into_iter()
            .collect(),
        Expr::InList(list) if !list.negated => list
            .list
            .iter()
            .filter_map(|l| pair(&list.expr, l))
            .collect(),
        _ => Vec::new(),
    }
}

fn string_literal(e: &Expr) -> Option<String> {
    match e {
        Expr::Literal(
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)),
            _,
        ) => Some(s.clone()),
        Expr::Cast(c) => string_literal(&c.expr),
        _ => None,
    }
}

/// Why `value` matches none of a projected column's values, if it does not.
pub(super) fn check_projected(column: &ColumnProjection, value: &str) -> Option<LiteralProblem> {
    if column.contains(value) {
        return None;
    }
    match &column.rule {
        ProjectionRule::Date(dates) => {
            let format = dates.pattern().as_str().to_string();
            if dates.parse(value).is_some() {
                return Some(LiteralProblem::OutsideRange {
                    first: dates.format(&dates.start()),
                    last: dates.format(&dates.end()),
                });
            }
            Some(match any_date(value) {
                Some(t) => LiteralProblem::WrongFormat {
                    format,
                    rewritten: dates.format(&t),
                },
                None => LiteralProblem::NotInFormat { format },
            })
        }
        ProjectionRule::Enum(e) => Some(LiteralProblem::NotProjected {
            some_values: e.values().iter().take(10).cloned().collect(),
        }),
        ProjectionRule::Integer(_) => Some(LiteralProblem::NotProjected {
            some_values: column.values(10).unwrap_or_default(),
        }),
        ProjectionRule::Injected(_) => None,
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// Why `value` matches no partition of a table discovered from an `AWSLogs` tree, whose
/// `date` is `yyyy/MM/dd` and `hour` is `HH`, if it cannot.
pub(super) fn check_discovered(column: &str, value: &str) -> Option<LiteralProblem> {
    match column {
        "date" => {
            let ok = NaiveDate::parse_from_str(value, "%Y/%m/%d").is_ok() && value.len() == 10;
            if ok {
                return None;
            }
            let format = "yyyy/MM/dd".to_string();
            Some(match any_date(value) {
                Some(t) => LiteralProblem::WrongFormat {
                    format,
                    rewritten: t.format("%Y/%m/%d").to_string(),
                },
                None => LiteralProblem::NotInFormat { format },
            })
        }
        "hour" => {
            let ok = value.len() == 2 && value.parse::<u32>().is_ok_and(|h| h < 24);
            if ok {
                return None;
            }
            let format = "HH".to_string();
            Some(match value.parse::<u32>() {
                Ok(h) if h < 24 => LiteralProblem::WrongFormat {
                    format,
                    rewritten: format!("{h:02}"),
                },
                _ => LiteralProblem::NotInFormat { format },
            })
        }
        _ => None,
    }
}

/// A date (or date and time) written in one of the usual ways.
fn any_date(value: &str) -> Option<NaiveDateTime> {
    let value = value.trim();
    const DATE_TIMES: [&str; 6] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d/%H",
        "%Y-%m-%d-%H",
    ];
    const DATES: [&str; 4] = ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"];
    DATE_TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
        .or_else(|| {
            DATES
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(value, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dashed_date_is_rewritten_in_the_columns_format() {
        assert_eq!(
            check_discovered("date", "2026-11-21"),
            Some(LiteralProblem::WrongFormat {
                format: "yyyy/MM/dd".into(),
                rewritten: "2026/11/21".into()
            })
        );
        assert_eq!(check_discovered("date", "2026/11/21"), None);
        assert_eq!(
            check_discovered("hour", "7"),
            Some(LiteralProblem::WrongFormat {
                format: "HH".into(),
                rewritten: "07".into()
            })
        );
        assert_eq!(check_discovered("account", "x"), None);
    }
}
