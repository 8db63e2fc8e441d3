//! The Java objects Trino's `format` hands to `java.util.Formatter`, and how Java prints
//! them with `%s` (`toString()`).
//!
//! | SQL type | Java object | `%s` |
//! |---|---|---|
//! | tinyint … bigint | `Long` | `1234` |
//! | real / double | `Float` / `Double` | `Float.toString` / `Double.toString`: `3.14`, `1.0E7` |
//! | decimal | `BigDecimal` | `9.12345678` |
//! | date | `LocalDate` | `2001-08-22` |
//! | timestamp | `LocalDateTime` | `1969-07-20T16:17`, `…T16:17:03.100` |
//! | timestamp with time zone | `ZonedDateTime` | `…T16:17-04:00[America/New_York]` |
//! | time | `LocalTime` | `16:17:13` |
//! | varchar, and any type cast to varchar | `String` | itself |

use std::fmt::Write as _;

use crate::time::TrinoZone;
use crate::time::calendar::civil_from_days_wide;

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// One `format` argument as the Java object Trino passes for it.
#[derive(Debug, Clone, PartialEq)]
pub enum JavaValue {
    /// SQL NULL (`null`).
    Null,
    /// `java.lang.Boolean`.
    Boolean(bool),
    /// `java.lang.Long`: every integer type.
    Long(i64),
    /// `java.lang.Float`: `real`.
    Float(f32),
    /// `java.lang.Double`: `double`.
    Double(f64),
    /// `java.math.BigDecimal`: `decimal(p, s)`, `unscaled × 10^-scale`.
    Decimal {
        /// The unscaled value.
        unscaled: i128,
        /// Digits after the point (never negative for SQL decimals).
        scale: u32,
    },
    /// `java.lang.String`: varchar, and the text of types Trino casts to varchar.
    Str(String),
    /// `java.time.LocalDate`, as days since 1970-01-01.
    Date {
        /// Days since the epoch.
        days: i64,
    },
    /// `java.time.LocalDateTime`, as wall-clock nanoseconds since 1970-01-01T00:00.
    DateTime {
        /// Wall-clock nanoseconds.
        local_nanos: i128,
    },
    /// `java.time.ZonedDateTime`: an instant and its zone.
    Zoned {
        /// Nanoseconds since the epoch (UTC).
        epoch_nanos: i128,
        /// The value's zone.
        zone: TrinoZone,
    },
    /// `java.time.LocalTime`, as nanoseconds since midnight.
    Time {
        /// Nanoseconds of the day.
        nanos_of_day: i64,
    },
}

/// The calendar and clock fields of a date/time value, for `%t` conversions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    /// Proleptic Gregorian year, when the value has a date.
    pub date: Option<(i128, u32, u32)>,
    /// Days since the epoch, when the value has a date.
    pub days: Option<i128>,
    /// Nanoseconds of the day, when the value has a time.
    pub nanos_of_day: Option<i64>,
    /// Offset from UTC in seconds, when the value has a zone.
    pub offset_seconds: Option<i32>,
    /// Nanoseconds since the epoch, when the value is an instant.
    pub epoch_nanos: Option<i128>,
}

impl JavaValue {
    /// The Java class name, as `IllegalFormatConversionException` prints it.
    pub fn class_name(&self) -> &'static str {
        match self {
            JavaValue::Null => "null",
            JavaValue::Boolean(_) => "java.lang.Boolean",
            JavaValue::Long(_) => "java.lang.Long",
            JavaValue::Float(_) => "java.lang.Float",
            JavaValue::Double(_) => "java.lang.Double",
            JavaValue::Decimal { .. } => "java.math.BigDecimal",
            JavaValue::Str(_) => "java.lang.String",
            JavaValue::Date { .. } => "java.time.LocalDate",
            JavaValue::DateTime { .. } => "java.time.LocalDateTime",
            JavaValue::Zoned { .. } => "java.time.ZonedDateTime",
            JavaValue::Time { .. } => "java.time.LocalTime",
        }
    }

    /// `String.valueOf(value)`: what `%s` prints.
    pub fn to_java_string(&self) -> String {
        match self {
            JavaValue::Null => "null".to_string(),
            JavaValue::Boolean(b) => b.to_string(),
            JavaValue::Long(v) => v.to_string(),
            JavaValue::Float(v) => java_floating(f64::from(*v), &format!("{:e}", v.abs())),
            JavaValue::Double(v) => java_floating(*v, &format!("{:e}", v.abs())),
            JavaValue::Decimal { unscaled, scale } => big_decimal_string(*unscaled, *scale),
            JavaValue::Str(s) => s.clone(),
            JavaValue::Date { days } => {
                let mut out = String::new();
                push_date(&mut out, i128::from(*days));
                out
            }
            JavaValue::DateTime { local_nanos } => local_date_time(*local_nanos),
            JavaValue::Zoned { epoch_nanos, zone } => {
                let offset = offset_at(*epoch_nanos, zone);
                let local = epoch_nanos + i128::from(offset) * NANOS_PER_SECOND;
                let mut out = local_date_time(local);
                push_offset_id(&mut out, offset);
                if !matches!(zone, TrinoZone::Offset(_)) {
                    let _ = write!(out, "[{}]", zone.id());
                }
                out
            }
            JavaValue::Time { nanos_of_day } => {
                let mut out = String::new();
                push_time(&mut out, i128::from(*nanos_of_day));
                out
            }
        }
    }

    /// The fields `%t` conversions read; `None` for values that are not dates or times.
    pub fn fields(&self) -> Option<Fields> {
        let split = |local: i128| {
            let days = local.div_euclid(NANOS_PER_SECOND * 86_400);
            let nanos = local.rem_euclid(NANOS_PER_SECOND * 86_400);
            (days, i64::try_from(nanos).unwrap_or(0))
        };
        match self {
            JavaValue::Date { days } => Some(Fields {
                date: Some(civil_from_days_wide(i128::from(*days))),
                days: Some(i128::from(*days)),
                nanos_of_day: None,
                offset_seconds: None,
                epoch_nanos: None,
            }),
            JavaValue::DateTime { local_nanos } => {
                let (days, nanos) = split(*local_nanos);
                Some(Fields {
                    date: Some(civil_from_days_wide(days)),
                    days: Some(days),
                    nanos_of_day: Some(nanos),
                    offset_seconds: None,
                    epoch_nanos: None,
                })
            }
            JavaValue::Zoned { epoch_nanos, zone } => {
                let offset = offset_at(*epoch_nanos, zone);
                let (days, nanos) = split(epoch_nanos + i128::from(offset) * NANOS_PER_SECOND);
                Some(Fields {
                    date: Some(civil_from_days_wide(days)),
                    days: Some(days),
                    nanos_of_day: Some(nanos),
                    offset_seconds: Some(offset),
                    epoch_nanos: Some(*epoch_nanos),
                })
            }
            JavaValue::Time { nanos_of_day } => Some(Fields {
                date: None,
                days: None,
                nanos_of_day: Some(*nanos_of_day),
                offset_seconds: None,
                epoch_nanos: None,
            }),
            _ => None,
        }
    }
}

/// The zone's offset in seconds at an instant.
pub fn offset_at(epoch_nanos: i128, zone: &TrinoZone) -> i32 {
    let seconds = epoch_nanos.div_euclid(NANOS_PER_SECOND);
    let seconds = i64::try_from(seconds).unwrap_or(if seconds < 0 { i64::MIN } else { i64::MAX });
    zone.offset_seconds_at(seconds)
}

/// `LocalDateTime.toString()`: `uuuu-MM-ddTHH:mm[:ss[.SSS|.SSSSSS|.SSSSSSSSS]]`.
fn local_date_time(local_nanos: i128) -> String {
    let day_nanos = NANOS_PER_SECOND * 86_400;
    let mut out = String::with_capacity(32);
    push_date(&mut out, local_nanos.div_euclid(day_nanos));
    out.push('T');
    push_time(&mut out, local_nanos.rem_euclid(day_nanos));
    out
}

/// `LocalDate.toString()`: four-digit years, `+` past 9999, `-` before year 0.
fn push_date(out: &mut String, days: i128) {
    let (year, month, day) = civil_from_days_wide(days);
    if year > 9999 {
        let _ = write!(out, "+{year}");
    } else if year < 0 {
        let _ = write!(out, "-{:04}", year.unsigned_abs());
    } else {
        let _ = write!(out, "{year:04}");
    }
    let _ = write!(out, "-{month:02}-{day:02}");
}

/// `LocalTime.toString()`: seconds only when not zero, the fraction in groups of three.
fn push_time(out: &mut String, nanos_of_day: i128) {
    let seconds = nanos_of_day / NANOS_PER_SECOND;
    let nanos = nanos_of_day % NANOS_PER_SECOND;
    let _ = write!(out, "{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
    if seconds % 60 > 0 || nanos > 0 {
        let _ = write!(out, ":{:02}", seconds % 60);
        if nanos % 1_000_000 == 0 && nanos > 0 {
            let _ = write!(out, ".{:03}", nanos / 1_000_000);
        } else if nanos % 1000 == 0 && nanos > 0 {
            let _ = write!(out, ".{:06}", nanos / 1000);
        } else if nanos > 0 {
            let _ = write!(out, ".{nanos:09}");
        }
    }
}

/// `ZoneOffset.getId()`: `Z`, `+05:45`, `-04:00`, `+01:02:03`.
fn push_offset_id(out: &mut String, offset_seconds: i32) {
    if offset_seconds == 0 {
        out.push('Z');
        return;
    }
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let a = offset_seconds.unsigned_abs();
    let _ = write!(out, "{sign}{:02}:{:02}", a / 3600, a / 60 % 60);
    if !a.is_multiple_of(60) {
        let _ = write!(out, ":{:02}", a % 60);
    }
}

/// The shortest decimal digits of a finite, non-negative number written by Rust as `d.ddde±x`:
/// the digits (no point) and the power of ten of the first digit.
pub fn shortest_digits(scientific: &str) -> (String, i32) {
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exponent.parse().unwrap_or(0))
}

/// `Double.toString` / `Float.toString`: plain between 10^-3 and 10^7, else `d.dddE±n`.
fn java_floating(v: f64, scientific: &str) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, exponent) = shortest_digits(scientific);
    let magnitude = v.abs();
    if (1e-3..1e7).contains(&magnitude) {
        let mut out = String::from(sign);
        if exponent >= 0 {
            let int_len = usize::try_from(exponent).unwrap_or(0) + 1;
            let padded = format!("{digits:0<int_len$}");
            out.push_str(&padded[..int_len]);
            out.push('.');
            let frac = &padded[int_len..];
            out.push_str(if frac.is_empty() { "0" } else { frac });
        } else {
            out.push_str("0.");
            for _ in 0..(-exponent - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
        out
    } else {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        format!("{sign}{first}.{rest}E{exponent}")
    }
}

/// `BigDecimal.toString()`: plain when the adjusted exponent is at least -6, else scientific.
fn big_decimal_string(unscaled: i128, scale: u32) -> String {
    let digits = unscaled.unsigned_abs().to_string();
    let sign = if unscaled < 0 { "-" } else { "" };
    let scale_i = i64::from(scale);
    let len = i64::try_from(digits.len()).unwrap_or(0);
    let adjusted = len - 1 - scale_i;
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    if adjusted >= -6 {
        let scale_u = scale as usize;
        if digits.len() > scale_u {
            let (int, frac) = digits.split_at(digits.len() - scale_u);
            format!("{sign}{int}.{frac}")
        } else {
            format!("{sign}0.{digits:0>scale_u$}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        format!("{sign}{first}{point}{rest}E{adjusted}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_as_java() {
        assert_eq!(JavaValue::Double(2.5).to_java_string(), "2.5");
        assert_eq!(JavaValue::Double(100.0).to_java_string(), "100.0");
        assert_eq!(JavaValue::Double(1e7).to_java_string(), "1.0E7");
        assert_eq!(JavaValue::Double(0.0001234).to_java_string(), "1.234E-4");
        assert_eq!(JavaValue::Double(0.001).to_java_string(), "0.001");
        assert_eq!(JavaValue::Double(-0.0).to_java_string(), "-0.0");
        assert_eq!(JavaValue::Float(0.1).to_java_string(), "0.1");
    }

    #[test]
    fn decimals_print_as_big_decimal() {
        let d = |unscaled, scale| JavaValue::Decimal { unscaled, scale }.to_java_string();
        assert_eq!(d(912_345_678, 8), "9.12345678");
        assert_eq!(d(-5, 2), "-0.05");
        assert_eq!(d(1, 7), "1E-7");
        assert_eq!(d(12, 0), "12");
    }

    #[test]
    fn times_print_as_java_time() {
        let t = |nanos_of_day| JavaValue::Time { nanos_of_day }.to_java_string();
        assert_eq!(t(58_633_000_000_000), "16:17:13");
        assert_eq!(t(58_620_000_000_000), "16:17");
        assert_eq!(t(58_620_100_000_000), "16:17:00.100");
        assert_eq!(t(58_620_000_001_000), "16:17:00.000001");
    }
}
