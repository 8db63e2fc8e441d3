//! Trino's date/time syntax, rewritten into calls of `functions::datetime`.
//!
//! ```text
//! TIMESTAMP '2001-01-22 03:04:05.321 +07:09'   → "$timestamp"('2001-01-22 03:04:05.321 +07:09')
//! DATE '2001-08-22'                            → date('2001-08-22')
//! CAST(x AS timestamp(p))                      → "$cast_timestamp"(x, p)      (p defaults to 3)
//! CAST(x AS timestamp(p) with time zone)       → "$cast_timestamp_tz"(x, p)
//! CAST(x AS DATE)                              → date(x)
//! x AT TIME ZONE zone                          → at_timezone(x, zone)
//! EXTRACT(field FROM x)                        → field(x)   (year, dow, timezone_hour, …)
//! ```
//!
//! DataFusion would otherwise read every TIMESTAMP literal as nanoseconds without a zone,
//! `timestamp` as `timestamp(9)`, and `EXTRACT(DOW …)` with Sunday = 0. `current_date`,
//! `localtimestamp` and friends need no rewrite: they reach the functions of the same names.
//! `CAST(<date/time> AS VARCHAR)` needs the argument's type, so it is rewritten after planning
//! (`functions::datetime::cast::TemporalCasts`).

use std::ops::ControlFlow;

use super::ast::call;

use datafusion::sql::sqlparser::ast::{
    CastKind, DataType, Expr, Ident, Statement, TimezoneInfo, Value, visit_expressions_mut,
};

use crate::functions::datetime::cast::{CAST_TIMESTAMP, CAST_TIMESTAMP_TZ, TIMESTAMP_LITERAL};
use crate::functions::datetime::extract::DateField;

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
                DataType::Date => Some(call(Ident::new("date"), vec![literal])),
                _ => None,
            }
        }
        Expr::Cast {
            kind: CastKind::Cast | CastKind::TryCast | CastKind::DoubleColon,
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
                Some(call(
                    quoted(name),
                    vec![
                        (**inner).clone(),
                        Expr::value(Value::Number(p.to_string(), false)),
                    ],
                ))
            }
            DataType::Date => Some(call(Ident::new("date"), vec![(**inner).clone()])),
            _ => None,
        },
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

fn quoted(name: &str) -> Ident {
    Ident::with_quote('"', name)
}
