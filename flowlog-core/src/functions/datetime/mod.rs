//! Trino's date and time functions (Athena engine v3), replacing DataFusion's namesakes.
//!
//! # Representation
//!
//! ```text
//! Trino type                     Arrow type                          value
//! DATE                           Date32                              days since 1970-01-01
//! timestamp(p)                   Timestamp(unit(p), None)            wall-clock time
//! timestamp(p) with time zone    Timestamp(unit(p), Some(zone id))   instant (UTC) in the zone
//! unit(p): 0 → s, 1-3 → ms, 4-6 → µs, 7-12 → ns
//! ```
//!
//! Arrow keeps one zone per column where Trino keeps one per value. The zone of a result is
//! therefore decided when the query is planned: the session zone, the zone of the argument, or
//! a constant zone argument (`at_timezone(x, 'Asia/Tokyo')`, `TIMESTAMP '… +07:09'`). Where a
//! zone would come from each row's data (`parse_datetime` or `from_iso8601_timestamp` of a
//! column of texts with different offsets), the instant is exact and the column shows it in the
//! session zone; zone arguments must be constants. Both are listed in `DEVIATIONS.md`. Ordering
//! and equality of `timestamp with time zone` are by instant, as Arrow compares the UTC values.
//!
//! # Session time zone
//!
//! Functions that depend on it (`from_unixtime(x)`, `current_date`, reading a `timestamp` as an
//! instant, …) are built for one zone; [`scalar_functions`] is called again when the session's
//! zone changes (`SET TIME ZONE`), replacing them.
//!
//! # Syntax
//!
//! `dialect::datetime` rewrites the syntax DataFusion plans differently (typed literals,
//! `AT TIME ZONE`, `EXTRACT`, casts to timestamp types and DATE) into calls of these functions,
//! and [`cast::TemporalCasts`] rewrites `CAST(<date/time> AS VARCHAR)`.

pub mod arithmetic;
pub mod cast;
pub mod current;
pub mod date_literal;
pub mod duration;
pub mod extract;
pub mod format_cache;
pub mod format_datetime;
pub mod from_unixtime;
pub mod interval;
pub mod interval_ops;
pub mod iso8601;
pub mod last_day_of_month;
pub(crate) mod literal;
pub mod mysql_format;
pub mod parse_datetime;
pub mod time;
pub mod timestamp_difference;
pub mod unixtime;
pub(crate) mod value;
pub mod varchar_length;
pub mod zoned_comparison;
pub mod zones;

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;

use crate::time::TrinoZone;

/// Every date/time scalar function, for a session whose time zone is `zone`.
pub fn scalar_functions(zone: TrinoZone) -> Vec<Arc<ScalarUDF>> {
    let mut all = vec![
        ScalarUDF::new_from_impl(from_unixtime::FromUnixtime::new(zone)),
        ScalarUDF::new_from_impl(format_datetime::FormatDatetime::default()),
        ScalarUDF::new_from_impl(unixtime::ToUnixtime::new(zone)),
        ScalarUDF::new_from_impl(unixtime::FromUnixtimeNanos::new(zone)),
        ScalarUDF::new_from_impl(parse_datetime::ParseDatetime::new(zone)),
        ScalarUDF::new_from_impl(mysql_format::DateFormat::default()),
        ScalarUDF::new_from_impl(mysql_format::DateParse::default()),
        ScalarUDF::new_from_impl(iso8601::ToIso8601::default()),
        ScalarUDF::new_from_impl(iso8601::FromIso8601::timestamp(zone)),
        ScalarUDF::new_from_impl(iso8601::FromIso8601::date()),
        ScalarUDF::new_from_impl(zones::ChangeZone::at_timezone(zone)),
        ScalarUDF::new_from_impl(zones::ChangeZone::with_timezone()),
        ScalarUDF::new_from_impl(arithmetic::DateTrunc::default()),
        ScalarUDF::new_from_impl(arithmetic::DateAdd::default()),
        ScalarUDF::new_from_impl(arithmetic::DateDiff::default()),
        ScalarUDF::new_from_impl(last_day_of_month::LastDayOfMonth::default()),
        ScalarUDF::new_from_impl(cast::DateCast::default()),
        ScalarUDF::new_from_impl(cast::DateCast::new(true)),
        ScalarUDF::new_from_impl(cast::TimestampLiteral::default()),
        ScalarUDF::new_from_impl(cast::CastTimestamp::new(false, zone)),
        ScalarUDF::new_from_impl(cast::CastTimestamp::new(true, zone)),
        ScalarUDF::new_from_impl(cast::ToVarchar::default()),
        ScalarUDF::new_from_impl(interval_ops::IntervalScale::default()),
        ScalarUDF::new_from_impl(timestamp_difference::TimestampDifference::default()),
        ScalarUDF::new_from_impl(time::TimeLiteral::default()),
        ScalarUDF::new_from_impl(date_literal::DateLiteral::default()),
        ScalarUDF::new_from_impl(duration::ParseDuration::default()),
        ScalarUDF::new_from_impl(duration::ToMilliseconds::default()),
        ScalarUDF::new_from_impl(varchar_length::VarcharLength::default()),
    ];
    all.extend(
        extract::DateField::ALL
            .into_iter()
            .map(|f| ScalarUDF::new_from_impl(extract::Extract::new(f, zone))),
    );
    all.extend(
        current::functions(zone)
            .into_iter()
            .map(ScalarUDF::new_from_impl),
    );
    all.into_iter().map(Arc::new).collect()
}

/// The expression rewrites this family needs (registered once per session).
pub fn function_rewrites(
    session_zone: &zoned_comparison::SessionZone,
) -> Vec<Arc<dyn FunctionRewrite + Send + Sync>> {
    vec![
        Arc::new(zoned_comparison::ZonedComparisons::new(
            session_zone.clone(),
        )),
        Arc::new(cast::TemporalCasts),
        Arc::new(interval_ops::IntervalOperators),
    ]
}
