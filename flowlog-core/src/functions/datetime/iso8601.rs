//! `to_iso8601(x)`, `from_iso8601_timestamp(string)` and `from_iso8601_date(string)`.
//!
//! ```text
//! to_iso8601(DATE '2001-08-22')                                  2001-08-22
//! to_iso8601(TIMESTAMP '2001-08-22 03:04:05.321')                2001-08-22T03:04:05.321
//! to_iso8601(TIMESTAMP '2020-05-01 12:34:56.123 Asia/Kathmandu') 2020-05-01T12:34:56.123+05:45
//! (a zero offset prints Z)
//! ```
//!
//! `from_iso8601_timestamp` reads `yyyy[-MM[-dd]][THH[:mm[:ss[.f…]]]][Z|±HH[:mm]]` and returns a
//! `timestamp(3) with time zone` in the offset written, else in the session zone. A column of
//! strings with different offsets gets the session zone (the instants are exact; see
//! `DEVIATIONS.md`).

use std::sync::{Arc, OnceLock};

use arrow::array::StringBuilder;
use arrow::datatypes::{DataType, Field, FieldRef, TimeUnit};
use datafusion::common::{exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature,
    Volatility,
};

use crate::time::TrinoZone;
use crate::time::calendar::{days_from_civil, is_valid_date};
use crate::time::text::{render_date, render_timestamp};

use super::value::{
    NANOS_PER_DAY, NANOS_PER_SECOND, Temporal, build, constant_str, finish, instant, is_string,
    nanos, precision_of, strings, wall,
};
use crate::functions::support::{DATETIME, doc, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `to_iso8601(x)`.
    pub struct ToIso8601;
}

fn iso(v: i128, t: &Temporal) -> String {
    match t {
        Temporal::Date => render_date(v.div_euclid(NANOS_PER_DAY) as i32),
        Temporal::Timestamp { unit, zone } => {
            let w = wall(v, zone.as_ref());
            let mut text = render_timestamp(w, precision_of(*unit)).replacen(' ', "T", 1);
            if zone.is_some() {
                let offset = ((w - v) / NANOS_PER_SECOND) as i64;
                if offset == 0 {
                    text.push('Z');
                } else {
                    let sign = if offset < 0 { '-' } else { '+' };
                    let a = offset.abs();
                    text.push_str(&format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60));
                }
            }
            text
        }
    }
}

impl ScalarUDFImpl for ToIso8601 {
    fn name(&self) -> &str {
        "to_iso8601"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ (DataType::Timestamp(..) | DataType::Date32)] => Ok(vec![t.clone()]),
            [DataType::Null] => Ok(vec![DataType::Date32]),
            _ => Err(unexpected_parameters(
                "to_iso8601",
                arg_types,
                &[
                    "to_iso8601(date)",
                    "to_iso8601(timestamp(p))",
                    "to_iso8601(timestamp(p) with time zone)",
                ],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let mut out = StringBuilder::new();
        for v in nanos(x.as_ref())? {
            match v {
                Some(v) => out.append_value(iso(v, &t)),
                None => out.append_null(),
            }
        }
        finish(Arc::new(out.finish()), &args.args)
    }
    documented!(
        DATETIME,
        "to_iso8601(x)",
        "Formats x as an ISO 8601 string. x can be date, timestamp, or timestamp with time zone.",
        "SELECT to_iso8601(from_unixtime(0)); -- 1970-01-01T00:00:00.000Z"
    );
}

/// An ISO 8601 text: wall-clock nanoseconds and the offset written, if any.
fn parse_iso(text: &str, date_only: bool) -> Option<(i128, Option<TrinoZone>)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let number = |at: &mut usize, n: usize| -> Option<i64> {
        let s = text.get(*at..*at + n)?;
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *at += n;
        s.parse().ok()
    };
    let year = number(&mut at, 4)?;
    let (mut month, mut day) = (1_u32, 1_u32);
    if bytes.get(at) == Some(&b'-') {
        at += 1;
        month = number(&mut at, 2)? as u32;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
            day = number(&mut at, 2)? as u32;
        }
    }
    if !is_valid_date(year, month, day) {
        return None;
    }
    let mut w = i128::from(days_from_civil(year, month, day)) * NANOS_PER_DAY;
    if date_only {
        return (at == text.len()).then_some((w, None));
    }
    if bytes.get(at) == Some(&b'T') {
        at += 1;
        let hour = number(&mut at, 2)?;
        let (mut minute, mut second, mut fraction) = (0, 0, 0_i128);
        if bytes.get(at) == Some(&b':') {
            at += 1;
            minute = number(&mut at, 2)?;
            if bytes.get(at) == Some(&b':') {
                at += 1;
                second = number(&mut at, 2)?;
                if matches!(bytes.get(at), Some(b'.' | b',')) {
                    at += 1;
                    let start = at;
                    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                        at += 1;
                    }
                    let d = text.get(start..at)?;
                    if d.is_empty() {
                        return None;
                    }
                    let nine: String = format!("{d:0<9}").chars().take(9).collect();
                    fraction = nine.parse().ok()?;
                }
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        w += i128::from(hour * 3600 + minute * 60 + second) * NANOS_PER_SECOND + fraction;
    }
    let rest = &text[at..];
    let zone = match rest {
        "" => None,
        "Z" => Some(TrinoZone::Utc),
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
                return None;
            }
            let hours: i64 = digits[..2].parse().ok()?;
            let minutes: i64 = digits.get(2..).map_or(Some(0), |m| m.parse().ok())?;
            Some(TrinoZone::from_offset_minutes(sign * (hours * 60 + minutes)).ok()?)
        }
    };
    Some((w, zone))
}

/// `from_iso8601_timestamp(string)` or `from_iso8601_date(string)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct FromIso8601 {
    signature: Signature,
    date: bool,
    session_zone: TrinoZone,
}

impl FromIso8601 {
    /// `from_iso8601_timestamp`, defaulting to `session_zone`.
    pub fn timestamp(session_zone: TrinoZone) -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            date: false,
            session_zone,
        }
    }

    /// `from_iso8601_date`.
    pub fn date() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            date: true,
            session_zone: TrinoZone::Utc,
        }
    }
}

impl ScalarUDFImpl for FromIso8601 {
    fn name(&self) -> &str {
        if self.date {
            "from_iso8601_date"
        } else {
            "from_iso8601_timestamp"
        }
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) => Ok(vec![DataType::Utf8]),
            _ => {
                let expected = format!("{}(varchar)", self.name());
                Err(unexpected_parameters(self.name(), arg_types, &[&expected]))
            }
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("{}: return_field_from_args should be used", self.name())
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let t = if self.date {
            Temporal::Date
        } else {
            let zone = match constant_str(args.scalar_arguments[0]) {
                Some(Some(text)) => parse_iso(&text, false).and_then(|(_, z)| z),
                _ => None,
            };
            Temporal::tstz(TimeUnit::Millisecond, zone.unwrap_or(self.session_zone))
        };
        Ok(Arc::new(Field::new(self.name(), t.data_type(), true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let target =
            Temporal::of(args.return_field.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let mut values = Vec::with_capacity(args.number_rows);
        for s in strings(&args.args[0], args.number_rows)? {
            let Some(s) = s else {
                values.push(None);
                continue;
            };
            let Some((w, zone)) = parse_iso(&s, self.date) else {
                return exec_err!("Invalid format: \"{s}\"");
            };
            values.push(Some(if self.date {
                w
            } else {
                instant(w, &zone.unwrap_or(self.session_zone))
            }));
        }
        finish(build(&values, &target, self.name())?, &args.args)
    }
    fn documentation(&self) -> Option<&Documentation> {
        static TS: OnceLock<Documentation> = OnceLock::new();
        static DATE: OnceLock<Documentation> = OnceLock::new();
        Some(if self.date {
            DATE.get_or_init(|| {
                doc(
                    DATETIME,
                    "from_iso8601_date(string)",
                    "Parses the ISO 8601 formatted date string into a date.",
                    "SELECT from_iso8601_date('2020-05-11'); -- 2020-05-11",
                )
            })
        } else {
            TS.get_or_init(|| {
                doc(
                DATETIME,
                    "from_iso8601_timestamp(string)",
                    "Parses the ISO 8601 formatted date string, optionally with time and time zone, into a timestamp(3) with time zone. The time defaults to 00:00:00.000, and the time zone defaults to the session time zone.",
                    "SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00'); -- 2020-05-11 11:15:05.055 +01:00",
                )
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_texts() {
        let (w, z) = parse_iso("2001-08-22T03:04:05.321-11:00", false).unwrap();
        assert_eq!(z.unwrap().id(), "-11:00");
        assert_eq!(render_timestamp(w, 3), "2001-08-22 03:04:05.321");
        assert_eq!(parse_iso("2001-08-22", false).unwrap().1, None);
        assert!(parse_iso("2001-08-22T", false).is_none());
        assert!(parse_iso("2001-08-22T03:04", true).is_none());
    }
}
