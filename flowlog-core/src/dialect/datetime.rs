//! Trino's date/time syntax, rewritten into calls of `functions::datetime`.
//!
//! ```text
//! TIMESTAMP '2001-01-22 03:04:05.321 +07:09'   → "$timestamp"('2001-01-22 03:04:05.321 +07:09')
//! DATE '2001-08-22'                            → "$date"('2001-08-22')
//! TIME '03:04:05.321'                          → "$time"('03:04:05.321')
//! CAST(x AS timestamp(p))                      → "$cast_timestamp"(x, p)      (p defaults to 3)
//! CAST(x AS timestamp(p) with time zone)       → "$cast_timestamp_tz"(x, p)
//! CAST(x AS DATE)                              → date(x)
//! TRY_CAST(x AS timestamp(p))                  → "$cast_timestamp"(x, p, true)   (NULL on bad text)
//! TRY_CAST(x AS DATE)                          → "$try_date"(x)
//! CAST(x AS varchar(n))                        → "$varchar_length"(x, CAST(x AS varchar), n)
//! x AT TIME ZONE zone                          → at_timezone(x, zone)
//! EXTRACT(field FROM x)                        → field(x)   (year, dow, timezone_hour, …)
//! INTERVAL '12 10:45' DAY TO SECOND            → INTERVAL '12 days 38700.000000000 seconds'
//! -INTERVAL '12 days 38700… seconds'           → INTERVAL '-12 days -38700… seconds'
//! CAST(x AS INTERVAL DAY TO SECOND)            → CAST(x AS INTERVAL)
//! INTERVAL '…' … * n, n * INTERVAL …, INTERVAL … / n
//!                                              → "$interval_scale"(interval, n, divide)
//! ```
//!
//! DataFusion reads no interval qualifier with two fields, negates only the first number of
//! an interval's text, and cannot multiply an interval. It would also read every TIMESTAMP
//! literal as nanoseconds without a zone,
//! `timestamp` as `timestamp(9)`, and `EXTRACT(DOW …)` with Sunday = 0. `current_date`,
//! `localtimestamp` and friends need no rewrite: they reach the functions of the same names.
//! `CAST(<date/time> AS VARCHAR)` needs the argument's type, so it is rewritten after planning
//! (`functions::datetime::cast::TemporalCasts`).

use std::ops::ControlFlow;

use super::ast::call;

use datafusion::sql::sqlparser::ast::{
    BinaryOperator, CastKind, CharacterLength, DataType, DateTimeField, Expr, Ident, Interval,
    Statement, TimezoneInfo, UnaryOperator, Value, visit_expressions_mut,
};

use crate::functions::datetime::cast::{
    CAST_TIMESTAMP, CAST_TIMESTAMP_TZ, TIMESTAMP_LITERAL, TRY_DATE,
};
use crate::functions::datetime::date_literal::DATE_LITERAL;
use crate::functions::datetime::extract::DateField;
use crate::functions::datetime::interval::{IntervalField, literal_text};
use crate::functions::datetime::interval_ops::INTERVAL_SCALE;
use crate::functions::datetime::time::TIME_LITERAL;
use crate::functions::datetime::varchar_length::VARCHAR_LENGTH;

/// Rewrite the date/time syntax of one statement (see the module docs).
pub fn rewrite(statement: &mut Statement) {
    let _ = visit_expressions_mut(statement, |expr| {
        if let Some(new) = rewrite_expr(expr) {
            *expr = new;
        }
        ControlFlow::<()>::Continue(())
    });
}

fn rewrite_expr(expr: &Expr) -> Option<Expr> {
    match expr {
        Expr::TypedString(typed) => {
            let text = typed.value.value.clone().into_string()?;
            let literal = Expr::value(Value::SingleQuotedString(text));
            match &typed.data_type {
                DataType::Timestamp(_, _) => Some(call(quoted(TIMESTAMP_LITERAL), vec![literal])),
                DataType::Date => Some(call(quoted(DATE_LITERAL), vec![literal])),
                DataType::Time(_, _) => Some(call(quoted(TIME_LITERAL), vec![literal])),
                _ => None,
            }
        }
        Expr::Cast {
            kind: kind @ (CastKind::Cast | CastKind::TryCast | CastKind::DoubleColon),
            expr: inner,
            data_type,
            format: None,
            ..
        } => match data_type {
            DataType::Timestamp(precision, zone) => {
                let name = match zone {
                    TimezoneInfo::WithTimeZone | TimezoneInfo::Tz => CAST_TIMESTAMP_TZ,
                    _ => CAST_TIMESTAMP,
                };
                let p = precision.unwrap_or(3);
                let mut args = vec![
                    (**inner).clone(),
                    Expr::value(Value::Number(p.to_string(), false)),
                ];
                if *kind == CastKind::TryCast {
                    // NULL instead of an error on text that is not a timestamp.
                    args.push(Expr::value(Value::Boolean(true)));
                }
                Some(call(quoted(name), args))
            }
            DataType::Varchar(Some(CharacterLength::IntegerLength { length, .. })) => {
                let mut unbounded = expr.clone();
                if let Expr::Cast { data_type, .. } = &mut unbounded {
                    *data_type = DataType::Varchar(None);
                }
                let mut args = vec![
                    (**inner).clone(),
                    unbounded,
                    Expr::value(Value::Number(length.to_string(), false)),
                ];
                if *kind == CastKind::TryCast {
                    args.push(Expr::value(Value::Boolean(true)));
                }
                Some(call(quoted(VARCHAR_LENGTH), args))
            }
            DataType::Date if *kind == CastKind::TryCast => {
                Some(call(quoted(TRY_DATE), vec![(**inner).clone()]))
            }
            DataType::Date => Some(call(Ident::new("date"), vec![(**inner).clone()])),
            DataType::Interval {
                fields: Some(_), ..
            } => {
                let mut cast = expr.clone();
                if let Expr::Cast { data_type, .. } = &mut cast {
                    *data_type = DataType::Interval {
                        fields: None,
                        precision: None,
                    };
                }
                Some(cast)
            }
            _ => None,
        },
        Expr::Interval(interval) => qualified_interval(interval),
        // DataFusion negates an unqualified interval by negating its first number only.
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr: inner,
        } => match inner.as_ref() {
            Expr::Interval(
                interval @ Interval {
                    leading_field: None,
                    ..
                },
            ) => negated_interval(interval),
            _ => None,
        },
        Expr::BinaryOp { left, op, right } => {
            let (interval, factor, divide) = match op {
                BinaryOperator::Multiply if is_interval_literal(left) => (left, right, false),
                BinaryOperator::Multiply if is_interval_literal(right) => (right, left, false),
                BinaryOperator::Divide if is_interval_literal(left) => (left, right, true),
                _ => return None,
            };
            Some(call(
                quoted(INTERVAL_SCALE),
                vec![
                    (**interval).clone(),
                    (**factor).clone(),
                    Expr::value(Value::Boolean(divide)),
                ],
            ))
        }
        Expr::AtTimeZone {
            timestamp,
            time_zone,
        } => Some(call(
            Ident::new("at_timezone"),
            vec![(**timestamp).clone(), (**time_zone).clone()],
        )),
        Expr::Extract { field, expr, .. } => {
            let name = field.to_string();
            let name = match name.to_ascii_lowercase().as_str() {
                "day_of_month" => "day".to_string(),
                other => other.to_string(),
            };
            let field = DateField::from_extract_name(&name)?;
            Some(call(Ident::new(field.names().0), vec![(**expr).clone()]))
        }
        _ => None,
    }
}

/// Whether `expr` is an interval literal (possibly negated or parenthesized).
fn is_interval_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Interval(_) => true,
        Expr::UnaryOp {
            op: UnaryOperator::Minus | UnaryOperator::Plus,
            expr,
        }
        | Expr::Nested(expr) => is_interval_literal(expr),
        _ => false,
    }
}

fn interval_field(field: &DateTimeField) -> Option<IntervalField> {
    Some(match field {
        DateTimeField::Year | DateTimeField::Years => IntervalField::Year,
        DateTimeField::Month | DateTimeField::Months => IntervalField::Month,
        DateTimeField::Day | DateTimeField::Days => IntervalField::Day,
        DateTimeField::Hour | DateTimeField::Hours => IntervalField::Hour,
        DateTimeField::Minute | DateTimeField::Minutes => IntervalField::Minute,
        DateTimeField::Second | DateTimeField::Seconds => IntervalField::Second,
        _ => return None,
    })
}

/// `INTERVAL '…' <from> TO <to>`, which DataFusion does not read, as an unqualified interval
/// of the same value; `None` for the forms DataFusion reads itself (and for bad text, which
/// DataFusion then rejects).
fn qualified_interval(interval: &Interval) -> Option<Expr> {
    let last = interval.last_field.as_ref()?;
    let leading = interval.leading_field.as_ref()?;
    let Expr::Value(value) = interval.value.as_ref() else {
        return None;
    };
    let text = value.value.clone().into_string()?;
    let normalized = literal_text(&text, interval_field(leading)?, interval_field(last)?)?;
    Some(Expr::Interval(Interval {
        value: Box::new(Expr::value(Value::SingleQuotedString(normalized))),
        leading_field: None,
        leading_precision: None,
        last_field: None,
        fractional_seconds_precision: None,
    }))
}

/// `-INTERVAL '<n> <unit> <n> <unit> …'` as one interval with every number negated.
fn negated_interval(interval: &Interval) -> Option<Expr> {
    let Expr::Value(value) = interval.value.as_ref() else {
        return None;
    };
    let text = value.value.clone().into_string()?;
    let negated: Vec<String> = text
        .split_whitespace()
        .map(|word| match word.strip_prefix('-') {
            Some(positive) => positive.to_string(),
            None if word.starts_with(|c: char| c.is_ascii_digit() || c == '.') => {
                format!("-{word}")
            }
            None => word.to_string(),
        })
        .collect();
    Some(Expr::Interval(Interval {
        value: Box::new(Expr::value(Value::SingleQuotedString(negated.join(" ")))),
        ..interval.clone()
    }))
}

fn quoted(name: &str) -> Ident {
    Ident::with_quote('"', name)
}
