//! Trino's casts between date/time types and their text: typed literals, `CAST(x AS
//! timestamp(p) [with time zone])`, `CAST(x AS DATE)` / `date(x)` and `CAST(x AS VARCHAR)`.
//!
//! `dialect::datetime` turns the literals and casts into calls of the functions here, and
//! [`TemporalCasts`] turns `CAST(<date/time> AS VARCHAR)` (which needs the argument's type) into
//! [`ToVarchar`]:
//!
//! ```text
//! TIMESTAMP '2001-01-22 03:04:05.321 +07:09'     → "$timestamp"('2001-01-22 03:04:05.321 +07:09')
//! CAST(x AS timestamp(6))                         → "$cast_timestamp"(x, 6)
//! CAST(x AS timestamp with time zone)             → "$cast_timestamp_tz"(x, 3)
//! DATE '2001-08-22', CAST(x AS DATE)              → date('2001-08-22'), date(x)
//! CAST(<date/time> AS VARCHAR)                    → CAST("$to_varchar"(x) AS VARCHAR)
//! ```

use std::sync::{Arc, OnceLock};

use arrow::array::{Array, StringArray};
use arrow::datatypes::{DataType, Field, FieldRef};
use arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, ScalarValue, exec_err, plan_err};
use datafusion::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::logical_expr::expr::{Cast, ScalarFunction, TryCast};
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{
    ColumnarValue, Expr, ExprSchemable, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature, Volatility,
};

use crate::time::TrinoZone;
use crate::time::text::{render_date, render_timestamp, render_timestamp_tz};

use super::interval::{interval_text, is_interval};
use super::literal::{parse_date, parse_timestamp};
use super::time::{is_time, time_text};
use super::value::{
    NANOS_PER_DAY, Temporal, build, constant_str, finish, instant, is_string, nanos, precision_of,
    round_half_up, strings, unit_for_precision, wall,
};
use crate::functions::support::{
    DATETIME, documented, scalar_udf, type_list, unexpected_parameters,
};

/// Name of the function that TIMESTAMP literals become.
pub const TIMESTAMP_LITERAL: &str = "$timestamp";
/// Name of the function that `CAST(x AS timestamp(p))` becomes.
pub const CAST_TIMESTAMP: &str = "$cast_timestamp";
/// Name of the function that `CAST(x AS timestamp(p) with time zone)` becomes.
pub const CAST_TIMESTAMP_TZ: &str = "$cast_timestamp_tz";
/// Name of the function that `CAST(<date/time> AS VARCHAR)` becomes.
pub const TO_VARCHAR: &str = "$to_varchar";

/// Nanoseconds in one unit of Trino precision `p` (0-9; finer precisions count as 9).
fn per_precision(p: u64) -> i128 {
    10_i128.pow(9 - p.min(9) as u32)
}

/// A constant precision argument.
fn precision_arg(arg: Option<&ScalarValue>, function: &str) -> Result<u64> {
    match arg {
        Some(ScalarValue::Int64(Some(p))) if (0..=12).contains(p) => Ok(*p as u64),
        Some(ScalarValue::Int64(Some(p))) => {
            plan_err!("{function}: TIMESTAMP precision must be in range [0, 12]: {p}")
        }
        _ => plan_err!("{function}: the precision must be a constant integer"),
    }
}

scalar_udf! {
    /// `TIMESTAMP '…'`: a `timestamp(p)` or `timestamp(p) with time zone` constant whose precision
    /// is the number of fraction digits written.
    pub struct TimestampLiteral;
}

impl TimestampLiteral {
    fn parse(arg: Option<&ScalarValue>) -> Result<(Temporal, i128)> {
        let Some(Some(text)) = constant_str(arg) else {
            return plan_err!("TIMESTAMP literal: the value must be a string constant");
        };
        let invalid = || plan_err!("'{text}' is not a valid timestamp literal");
        let parsed = match parse_timestamp(&text) {
            Ok(p) => p,
            Err(e) if e.starts_with("Value cannot be cast") => return invalid(),
            Err(e) => return plan_err!("{e}"),
        };
        let unit = unit_for_precision(u64::from(parsed.precision));
        let value = match parsed.zone {
            Some(zone) => instant(parsed.wall, &zone),
            None => parsed.wall,
        };
        // Trino packs a short `timestamp with time zone` (precision 0-3) as milliseconds in 52
        // bits next to the zone key: instants past ±2^51 ms (about year ±71,000) are invalid.
        if parsed.zone.is_some()
            && parsed.precision <= 3
            && value.div_euclid(1_000_000).unsigned_abs() >= 1 << 51
        {
            return invalid();
        }
        Ok((
            Temporal::Timestamp {
                unit,
                zone: parsed.zone,
            },
            value,
        ))
    }
}

impl ScalarUDFImpl for TimestampLiteral {
    fn name(&self) -> &str {
        TIMESTAMP_LITERAL
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) => Ok(vec![DataType::Utf8]),
            _ => plan_err!("TIMESTAMP literal: expected a string"),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("TIMESTAMP literal: return_field_from_args should be used")
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let (temporal, _) = Self::parse(args.scalar_arguments.first().copied().flatten())?;
        Ok(Arc::new(Field::new(
            self.name(),
            temporal.data_type(),
            false,
        )))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let ColumnarValue::Scalar(s) = &args.args[0] else {
            return exec_err!("TIMESTAMP literal: the value must be a string constant");
        };
        let (temporal, value) = Self::parse(Some(s))?;
        let array = build(&[Some(value)], &temporal, "TIMESTAMP literal")?;
        Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
            &array, 0,
        )?))
    }
}

scalar_udf! {
    /// `CAST(x AS timestamp(p))` and `CAST(x AS timestamp(p) with time zone)` as Trino casts:
    /// a `timestamp with time zone` becomes its wall-clock time, a `timestamp` or DATE is read
    /// in the session zone, and a shorter precision rounds half up.
    pub struct CastTimestamp {
        /// The cast to `timestamp(p)` (`with_zone` false) or `timestamp(p) with time zone`.
        fn new(with_zone: bool, session_zone: TrinoZone);
    }
}

impl CastTimestamp {
    fn target(&self, args: &[Option<&ScalarValue>], types: &[DataType]) -> Result<Temporal> {
        let p = precision_arg(args.get(1).copied().flatten(), self.name())?;
        let unit = unit_for_precision(p);
        if !self.with_zone {
            return Ok(Temporal::Timestamp { unit, zone: None });
        }
        let zone = match Temporal::of(&types[0], self.name())? {
            Some(Temporal::Timestamp { zone: Some(z), .. }) => z,
            _ if is_string(&types[0]) => match constant_str(args[0]) {
                Some(Some(text)) => parse_timestamp(&text)
                    .ok()
                    .and_then(|t| t.zone)
                    .unwrap_or(self.session_zone),
                _ => self.session_zone,
            },
            _ => self.session_zone,
        };
        Ok(Temporal::tstz(unit, zone))
    }
}

impl ScalarUDFImpl for CastTimestamp {
    fn name(&self) -> &str {
        if self.with_zone {
            CAST_TIMESTAMP_TZ
        } else {
            CAST_TIMESTAMP
        }
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [x, p, ..] if p.is_integer() && arg_types.len() <= 3 => {
                let x = if is_string(x) {
                    DataType::Utf8
                } else if matches!(x, DataType::Timestamp(..) | DataType::Date32) {
                    x.clone()
                } else {
                    return plan_err!(
                        "Cannot cast {} to timestamp",
                        type_list(std::slice::from_ref(x))
                    );
                };
                let mut types = vec![x, DataType::Int64];
                if arg_types.len() == 3 {
                    types.push(DataType::Boolean);
                }
                Ok(types)
            }
            _ => plan_err!(
                "CAST to timestamp: unexpected arguments ({})",
                type_list(arg_types)
            ),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("CAST to timestamp: return_field_from_args should be used")
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<DataType> = args
            .arg_fields
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        let target = self.target(args.scalar_arguments, &types)?;
        Ok(Arc::new(Field::new(self.name(), target.data_type(), true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let target =
            Temporal::of(args.return_field.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let ColumnarValue::Scalar(ScalarValue::Int64(Some(p))) = &args.args[1] else {
            return exec_err!("{}: the precision must be a constant", self.name());
        };
        let per = per_precision(*p as u64);
        let lenient = matches!(
            args.args.get(2),
            Some(ColumnarValue::Scalar(ScalarValue::Boolean(Some(true))))
        );
        let x = args.args[0].to_array(n)?;
        let source = Temporal::of(x.data_type(), self.name())?;
        // Wall-clock time and the zone it is read in (None: already an instant).
        let mut walls: Vec<Option<(i128, Option<TrinoZone>)>> = Vec::with_capacity(n);
        match source {
            Some(Temporal::Timestamp { zone: Some(z), .. }) => {
                for v in nanos(x.as_ref())? {
                    walls.push(v.map(|v| (wall(v, Some(&z)), Some(z))));
                }
            }
            Some(_) => {
                for v in nanos(x.as_ref())? {
                    walls.push(v.map(|v| (v, None)));
                }
            }
            None => {
                for s in strings(&args.args[0], n)? {
                    walls.push(match s {
                        None => None,
                        Some(s) => match parse_timestamp(&s) {
                            Ok(t) => Some((t.wall, t.zone)),
                            Err(_) if lenient => None,
                            Err(e) => return exec_err!("{e}"),
                        },
                    });
                }
            }
        }
        let values: Vec<Option<i128>> = walls
            .into_iter()
            .map(|v| {
                v.map(|(w, zone)| {
                    let w = round_half_up(w, per);
                    match target.zone() {
                        None => w,
                        Some(_) => instant(w, &zone.unwrap_or(self.session_zone)),
                    }
                })
            })
            .collect();
        finish(build(&values, &target, self.name())?, &args.args)
    }
}

scalar_udf! {
    /// `date(x)`, also `DATE '…'` and `CAST(x AS DATE)`: the date of a timestamp (in its own zone for
    /// `timestamp with time zone`) or of a `yyyy-MM-dd` string.
    pub struct DateCast {
        /// `date` (`lenient` false), or `TRY_CAST(x AS DATE)`, which answers NULL for text
        /// that is not a date.
        fn new(lenient: bool);
    }
}

impl Default for DateCast {
    fn default() -> Self {
        Self::new(false)
    }
}

/// The name `TRY_CAST(x AS DATE)` is rewritten to.
pub const TRY_DATE: &str = "$try_date";

impl ScalarUDFImpl for DateCast {
    fn name(&self) -> &str {
        if self.lenient { TRY_DATE } else { "date" }
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) => Ok(vec![DataType::Utf8]),
            [t @ (DataType::Timestamp(..) | DataType::Date32)] => Ok(vec![t.clone()]),
            [DataType::Date64] => Ok(vec![DataType::Date32]),
            _ => Err(unexpected_parameters(
                "date",
                arg_types,
                &[
                    "date(varchar)",
                    "date(timestamp(p))",
                    "date(timestamp(p) with time zone)",
                ],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Date32)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let x = args.args[0].to_array(n)?;
        let values: Vec<Option<i128>> = match Temporal::of(x.data_type(), "date")? {
            Some(t) => nanos(x.as_ref())?
                .into_iter()
                .map(|v| v.map(|v| wall(v, t.zone().as_ref())))
                .collect(),
            None => {
                let mut out = Vec::with_capacity(n);
                for s in strings(&args.args[0], n)? {
                    out.push(match s {
                        None => None,
                        // Past DATE's range (32-bit days) is not a date either.
                        Some(s) => match parse_date(&s).filter(|d| i32::try_from(*d).is_ok()) {
                            Some(d) => Some(i128::from(d) * NANOS_PER_DAY),
                            None if self.lenient => None,
                            None => return exec_err!("Value cannot be cast to date: {s}"),
                        },
                    });
                }
                out
            }
        };
        finish(build(&values, &Temporal::Date, "date")?, &args.args)
    }
    documented!(
        DATETIME,
        "date(x)",
        "This is an alias for CAST(x AS date).",
        "SELECT date('2001-08-22'); -- 2001-08-22"
    );
}

/// The text of a date/time value as Trino's `CAST(x AS VARCHAR)` writes it.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ToVarchar {
    signature: Signature,
}

impl Default for ToVarchar {
    fn default() -> Self {
        Self {
            signature: Signature::any(1, Volatility::Immutable),
        }
    }
}

impl ScalarUDFImpl for ToVarchar {
    fn name(&self) -> &str {
        TO_VARCHAR
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let temporal = match x.data_type() {
            DataType::Date32 | DataType::Timestamp(..) => {
                Temporal::of(x.data_type(), TO_VARCHAR).ok().flatten()
            }
            _ => None,
        };
        if is_interval(x.data_type()) || is_time(x.data_type()) {
            let text: StringArray = (0..x.len())
                .map(|row| {
                    (!x.is_null(row))
                        .then(|| interval_text(&x, row).or_else(|| time_text(&x, row)))
                        .flatten()
                })
                .collect();
            return finish(Arc::new(text), &args.args);
        }
        let text: StringArray = match temporal {
            Some(t) => nanos(&x)?
                .into_iter()
                .map(|v| v.map(|v| trino_text(v, &t)))
                .collect(),
            // DATE64, or a zone Trino does not know: Arrow's text.
            None => {
                let formatter = ArrayFormatter::try_new(x.as_ref(), &FormatOptions::default())?;
                (0..x.len())
                    .map(|row| (!x.is_null(row)).then(|| formatter.value(row).to_string()))
                    .collect()
            }
        };
        finish(Arc::new(text), &args.args)
    }
}

/// Trino's text of a date/time value (nanoseconds, as `value` holds them).
fn trino_text(v: i128, t: &Temporal) -> String {
    match t {
        Temporal::Date => render_date(v.div_euclid(NANOS_PER_DAY) as i32),
        Temporal::Timestamp {
            unit,
            zone: Some(zone),
        } => render_timestamp_tz(v, precision_of(*unit), zone),
        Temporal::Timestamp { unit, zone: None } => render_timestamp(v, precision_of(*unit)),
    }
}

/// Rewrites `CAST(<date/time> AS VARCHAR)` to Trino's text (DataFusion writes RFC 3339).
#[derive(Debug, Default)]
pub struct TemporalCasts;

impl TemporalCasts {
    fn to_varchar(inner: Expr) -> Expr {
        static UDF: OnceLock<Arc<ScalarUDF>> = OnceLock::new();
        let udf = UDF.get_or_init(|| Arc::new(ScalarUDF::new_from_impl(ToVarchar::default())));
        Expr::ScalarFunction(ScalarFunction::new_udf(Arc::clone(udf), vec![inner]))
    }
}

fn is_temporal(expr: &Expr, schema: &DFSchema) -> bool {
    matches!(
        expr.get_type(schema),
        Ok(DataType::Timestamp(..)
            | DataType::Date32
            | DataType::Date64
            | DataType::Interval(_)
            | DataType::Duration(_)
            | DataType::Time32(_)
            | DataType::Time64(_))
    )
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

impl FunctionRewrite for TemporalCasts {
    fn name(&self) -> &str {
        "trino_temporal_casts"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        Ok(match expr {
            Expr::Cast(Cast { expr, field })
                if is_text(field.data_type()) && is_temporal(&expr, schema) =>
            {
                Transformed::yes(Expr::Cast(Cast::new_from_field(
                    Box::new(Self::to_varchar(*expr)),
                    field,
                )))
            }
            Expr::TryCast(TryCast { expr, field })
                if is_text(field.data_type()) && is_temporal(&expr, schema) =>
            {
                Transformed::yes(Expr::Cast(Cast::new_from_field(
                    Box::new(Self::to_varchar(*expr)),
                    field,
                )))
            }
            other => Transformed::no(other),
        })
    }
}
