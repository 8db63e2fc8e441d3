//! `date_format(timestamp, format)` and `date_parse(string, format)`: MySQL-style specifiers,
//! as Trino implements them — by translating them to a Joda-Time pattern.
//!
//! ```text
//! %a Tue   %b Jan   %c 1   %d 09   %e 9   %f 321000   %H 13   %h %I 01   %i 04 (minutes)
//! %j 009   %k 13    %l 1   %M January   %m 01   %p PM   %r 01:04:05 PM   %S %s 05 (seconds)
//! %T 13:04:05   %v 02 (ISO week)   %W Tuesday   %x 2001 (week year)   %Y 2001   %y 01   %% %
//! %D %U %u %V %w %X: not supported (an error)   any other %c: the character c
//! ```
//!
//! `date_parse` returns a `timestamp(3)`; missing fields default to 1970-01-01 00:00:00.000, and
//! two-digit years fall in 1970-2069.

use std::sync::Arc;

use arrow::array::StringBuilder;
use arrow::datatypes::{DataType, TimeUnit};
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::time::TrinoZone;
use crate::time::joda::JodaPattern;

use super::value::{Temporal, build, finish, is_string, nanos, round_half_up, strings};
use crate::functions::support::{DATETIME, documented, scalar_udf, unexpected_parameters};

/// The Joda-Time pattern for a MySQL format, as Trino builds it. `%f` is Joda's
/// `appendFractionOfSecond(6, 9)`: six digits printed, up to nine parsed (`parsing`).
fn joda_pattern(format: &str, parsing: bool) -> Result<String> {
    let mut out = String::new();
    let mut literal = String::new();
    let flush = |out: &mut String, literal: &mut String| {
        if !literal.is_empty() {
            out.push('\'');
            out.push_str(&literal.replace('\'', "''"));
            out.push('\'');
            literal.clear();
        }
    };
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            literal.push(c);
            continue;
        }
        let Some(spec) = chars.next() else {
            break;
        };
        let joda = match spec {
            'a' => "EEE",
            'b' => "MMM",
            'c' => "M",
            'd' => "dd",
            'e' => "d",
            'f' if parsing => "SSSSSSSSS",
            'f' => "SSSSSS",
            'H' => "HH",
            'h' | 'I' => "hh",
            'i' => "mm",
            'j' => "DDD",
            'k' => "H",
            'l' => "h",
            'M' => "MMMM",
            'm' => "MM",
            'p' => "a",
            'r' => "hh:mm:ss a",
            'S' | 's' => "ss",
            'T' => "HH:mm:ss",
            'v' => "ww",
            'W' => "EEEE",
            'x' => "xxxx",
            'Y' => "yyyy",
            'y' => "yy",
            'D' | 'U' | 'u' | 'V' | 'w' | 'X' => {
                return exec_err!("%{spec} not supported in date format string");
            }
            other => {
                literal.push(other);
                continue;
            }
        };
        flush(&mut out, &mut literal);
        out.push_str(joda);
    }
    flush(&mut out, &mut literal);
    Ok(out)
}

/// Compile a MySQL format (two-digit years pivot to 1970-2069, as Trino's pivot year 2020).
fn compile(format: &str, function: &str) -> Result<JodaPattern> {
    let pattern = joda_pattern(format, function == "date_parse")?;
    if pattern.is_empty() {
        return exec_err!("{function}: Both printing and parsing not supported");
    }
    match JodaPattern::parse_in_year(&pattern, 2050) {
        Ok(p) => Ok(p),
        Err(e) => exec_err!("{function}: {e}"),
    }
}

scalar_udf! {
    /// `date_format(timestamp, format)`.
    pub struct DateFormat;
}

impl ScalarUDFImpl for DateFormat {
    fn name(&self) -> &str {
        "date_format"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ DataType::Timestamp(..), f] if is_string(f) => Ok(vec![t.clone(), DataType::Utf8]),
            [DataType::Date32 | DataType::Null, f] if is_string(f) => Ok(vec![
                DataType::Timestamp(TimeUnit::Millisecond, None),
                DataType::Utf8,
            ]),
            _ => Err(unexpected_parameters(
                "date_format",
                arg_types,
                &[
                    "date_format(timestamp(p), varchar)",
                    "date_format(timestamp(p) with time zone, varchar)",
                ],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let x = args.args[0].to_array(n)?;
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let zone = t.zone().unwrap_or(TrinoZone::Utc);
        let formats = strings(&args.args[1], n)?;
        let mut compiled: Option<(String, JodaPattern)> = None;
        let mut out = StringBuilder::new();
        for (v, format) in nanos(x.as_ref())?.into_iter().zip(formats) {
            let (Some(v), Some(format)) = (v, format) else {
                out.append_null();
                continue;
            };
            if compiled.as_ref().is_none_or(|(f, _)| *f != format) {
                compiled = Some((format.clone(), compile(&format, self.name())?));
            }
            let Some((_, joda)) = &compiled else {
                continue;
            };
            let millis = round_half_up(v, 1_000_000) / 1_000_000;
            let Ok(millis) = i64::try_from(millis) else {
                return exec_err!("date_format: the value is out of range");
            };
            out.append_value(joda.format(millis, &zone));
        }
        finish(Arc::new(out.finish()), &args.args)
    }
    documented!(
        DATETIME,
        "date_format(timestamp, format)",
        "Formats timestamp as a string using format (MySQL-compatible specifiers: %i is minutes, %s seconds).",
        "SELECT date_format(TIMESTAMP '2022-10-20 05:10:00', '%m-%d-%Y %H'); -- 10-20-2022 05"
    );
}

scalar_udf! {
    /// `date_parse(string, format)`.
    pub struct DateParse;
}

impl ScalarUDFImpl for DateParse {
    fn name(&self) -> &str {
        "date_parse"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [s, f] if is_string(s) && is_string(f) => Ok(vec![DataType::Utf8, DataType::Utf8]),
            _ => Err(unexpected_parameters(
                "date_parse",
                arg_types,
                &["date_parse(varchar, varchar)"],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Timestamp(TimeUnit::Millisecond, None))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let texts = strings(&args.args[0], n)?;
        let formats = strings(&args.args[1], n)?;
        let mut compiled: Option<(String, JodaPattern)> = None;
        let mut values = Vec::with_capacity(n);
        for (text, format) in texts.into_iter().zip(formats) {
            let (Some(text), Some(format)) = (text, format) else {
                values.push(None);
                continue;
            };
            if compiled.as_ref().is_none_or(|(f, _)| *f != format) {
                compiled = Some((format.clone(), compile(&format, self.name())?));
            }
            let Some((_, joda)) = &compiled else {
                continue;
            };
            match joda.parse_instant(&text, &TrinoZone::Utc) {
                Ok(parsed) => values.push(Some(i128::from(parsed.epoch_millis) * 1_000_000)),
                // Trino reports the parser's own words: `Invalid format: "abc"`.
                Err(e) => return exec_err!("{e}"),
            }
        }
        let target = Temporal::Timestamp {
            unit: TimeUnit::Millisecond,
            zone: None,
        };
        finish(build(&values, &target, self.name())?, &args.args)
    }
    documented!(
        DATETIME,
        "date_parse(string, format)",
        "Parses string into a timestamp using format (MySQL-compatible specifiers).",
        "SELECT date_parse('2022/10/20/05', '%Y/%m/%d/%H'); -- 2022-10-20 05:00:00.000"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mysql_specifiers_become_joda_letters() {
        assert_eq!(
            joda_pattern("%Y-%m-%d %H:%i:%s", false).unwrap(),
            "yyyy'-'MM'-'dd' 'HH':'mm':'ss"
        );
        assert_eq!(joda_pattern("%g%%it's", false).unwrap(), "'g%it''s'");
        assert!(joda_pattern("%D", false).is_err());
        assert_eq!(joda_pattern("%s.%f", false).unwrap(), "ss'.'SSSSSS");
        assert_eq!(joda_pattern("%s.%f", true).unwrap(), "ss'.'SSSSSSSSS");
    }
}
