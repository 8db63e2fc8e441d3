//! `java.util.Formatter` (what `String.format` runs), for Trino's `format(fmt, args…)`.
//!
//! A format string is text and specifiers `%[index$][flags][width][.precision]conversion`.
//! The whole string is parsed first, as Java does, so a malformed specifier anywhere fails
//! before any argument is printed; then each specifier takes its argument (`%2$s` by index,
//! `%<s` the previous one, others in order) and prints it. Errors carry the name of Java's
//! exception without `Exception` and its message (`IllegalFormatPrecision: 4`), which Trino
//! puts in `Invalid format string: … (…)`.
//!
//! Supported: `b h s c d o x e f g %` `n` and the `t` date/time conversions, their upper-case
//! forms, the flags `-#+ 0,(<`. Not supported: `a` (hexadecimal floating point), which fails
//! with an `UnknownFormatConversion`.

use super::java_value::{Fields, JavaValue, shortest_digits};
use crate::time::TrinoZone;
use crate::time::calendar::day_of_week;

/// A Java formatting exception: its simple name without `Exception`, and its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct FormatError {
    /// `IllegalFormatPrecision`, `MissingFormatArgument`, …
    pub kind: &'static str,
    /// The exception's message (`4`, `Format specifier '%d'`).
    pub message: String,
}

fn error(kind: &'static str, message: impl Into<String>) -> FormatError {
    FormatError {
        kind,
        message: message.into(),
    }
}

/// The flags in Java's canonical order.
const FLAG_CHARS: [char; 8] = ['-', '#', '+', ' ', '0', ',', '(', '<'];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Flags(u8);

impl Flags {
    fn bit(c: char) -> u8 {
        FLAG_CHARS
            .iter()
            .position(|&f| f == c)
            .map_or(0, |i| 1 << i)
    }
    fn has(self, c: char) -> bool {
        self.0 & Self::bit(c) != 0
    }
    fn text(self) -> String {
        FLAG_CHARS.iter().filter(|&&c| self.has(c)).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    /// Explicit 1-based argument index (`%2$s`).
    index: Option<usize>,
    flags: Flags,
    width: Option<usize>,
    precision: Option<usize>,
    /// `%t…` / `%T…`: `conversion` is the date/time conversion.
    datetime: bool,
    /// The conversion, lower case.
    conversion: char,
    upper: bool,
}

impl Spec {
    /// Java's `FormatSpecifier.toString()`.
    fn text(&self) -> String {
        let mut s = String::from("%");
        s.push_str(&self.flags.text());
        if let Some(i) = self.index {
            s.push_str(&format!("{i}$"));
        }
        if let Some(w) = self.width {
            s.push_str(&w.to_string());
        }
        if let Some(p) = self.precision {
            s.push_str(&format!(".{p}"));
        }
        if self.datetime {
            s.push(if self.upper { 'T' } else { 't' });
            s.push(self.conversion);
        } else if self.upper {
            s.push(self.conversion.to_ascii_uppercase());
        } else {
            s.push(self.conversion);
        }
        s
    }

    fn mismatch(&self, flag: char) -> FormatError {
        let c = if self.upper && !self.datetime {
            self.conversion.to_ascii_uppercase()
        } else {
            self.conversion
        };
        error(
            "FormatFlagsConversionMismatch",
            format!("Conversion = {c}, Flags = {flag}"),
        )
    }

    fn check_bad_flags(&self, bad: &[char]) -> Result<(), FormatError> {
        match bad.iter().find(|&&f| self.flags.has(f)) {
            Some(&f) => Err(self.mismatch(f)),
            None => Ok(()),
        }
    }

    fn missing_width_if_left(&self) -> Result<(), FormatError> {
        if self.width.is_none() && self.flags.has('-') {
            return Err(error("MissingFormatWidth", self.text()));
        }
        Ok(())
    }

    fn no_precision(&self) -> Result<(), FormatError> {
        match self.precision {
            Some(p) => Err(error("IllegalFormatPrecision", p.to_string())),
            None => Ok(()),
        }
    }

    fn check_numeric(&self) -> Result<(), FormatError> {
        let f = self.flags;
        if self.width.is_none() && (f.has('-') || f.has('0')) {
            return Err(error("MissingFormatWidth", self.text()));
        }
        if (f.has('+') && f.has(' ')) || (f.has('-') && f.has('0')) {
            return Err(error(
                "IllegalFormatFlags",
                format!("Flags = '{}'", f.text()),
            ));
        }
        Ok(())
    }

    /// The checks Java's `FormatSpecifier` constructor makes for each conversion.
    fn check(&self) -> Result<(), FormatError> {
        if self.datetime {
            self.no_precision()?;
            self.check_bad_flags(&['#', '+', ' ', '0', ',', '('])?;
            return self.missing_width_if_left();
        }
        match self.conversion {
            'b' | 'h' | 's' => {
                if self.conversion != 's' && self.flags.has('#') {
                    return Err(self.mismatch('#'));
                }
                self.missing_width_if_left()?;
                self.check_bad_flags(&['+', ' ', '0', ',', '('])
            }
            'c' => {
                self.no_precision()?;
                self.check_bad_flags(&['#', '+', ' ', '0', ',', '('])?;
                self.missing_width_if_left()
            }
            'd' | 'o' | 'x' => {
                self.check_numeric()?;
                self.no_precision()?;
                self.check_bad_flags(if self.conversion == 'd' {
                    &['#']
                } else {
                    &[',']
                })
            }
            'e' | 'f' | 'g' => {
                self.check_numeric()?;
                match self.conversion {
                    'e' => self.check_bad_flags(&[',']),
                    'g' => self.check_bad_flags(&['#']),
                    _ => Ok(()),
                }
            }
            '%' => {
                self.no_precision()?;
                if self.flags.0 != 0 && self.flags != Flags(Flags::bit('-')) {
                    return Err(error(
                        "IllegalFormatFlags",
                        format!("Flags = '{}'", self.flags.text()),
                    ));
                }
                self.missing_width_if_left()
            }
            'n' => {
                self.no_precision()?;
                if let Some(w) = self.width {
                    return Err(error("IllegalFormatWidth", w.to_string()));
                }
                if self.flags.0 != 0 {
                    return Err(error(
                        "IllegalFormatFlags",
                        format!("Flags = '{}'", self.flags.text()),
                    ));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Spec(Spec),
}

const DATETIME_CONVERSIONS: &str = "HIklMSLNpzZsQBbhAaCYyjmdeRTrDFc";

fn parse(format: &str) -> Result<Vec<Piece>, FormatError> {
    let chars: Vec<char> = format.chars().collect();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let digits_at = |mut j: usize| {
        let start = j;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        (start, j)
    };
    while i < chars.len() {
        if chars[i] != '%' {
            text.push(chars[i]);
            i += 1;
            continue;
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        let mut j = i + 1;
        // [index$]
        let mut index = None;
        let (s, e) = digits_at(j);
        if e > s && e < chars.len() && chars[e] == '$' {
            let n: String = chars[s..e].iter().collect();
            index = n.parse::<usize>().ok().filter(|&n| n > 0);
            j = e + 1;
        }
        // [flags]
        let mut flags = Flags::default();
        while j < chars.len() && FLAG_CHARS.contains(&chars[j]) {
            let bit = Flags::bit(chars[j]);
            if flags.0 & bit != 0 {
                return Err(error(
                    "DuplicateFormatFlags",
                    format!("Flags = '{}'", chars[j]),
                ));
            }
            flags.0 |= bit;
            j += 1;
        }
        // [width]
        let (s, e) = digits_at(j);
        let width = (e > s)
            .then(|| chars[s..e].iter().collect::<String>().parse::<usize>().ok())
            .flatten();
        j = e;
        // [.precision]
        let mut precision = None;
        if j < chars.len() && chars[j] == '.' {
            let (s, e) = digits_at(j + 1);
            if e == s {
                return Err(error(
                    "UnknownFormatConversion",
                    format!("Conversion = '{}'", '.'),
                ));
            }
            precision = chars[s..e].iter().collect::<String>().parse::<usize>().ok();
            j = e;
        }
        let Some(&c) = chars.get(j) else {
            return Err(error("UnknownFormatConversion", "Conversion = '%'"));
        };
        let mut spec = Spec {
            index,
            flags,
            width,
            precision,
            datetime: false,
            conversion: c.to_ascii_lowercase(),
            upper: c.is_ascii_uppercase(),
        };
        if c == 't' || c == 'T' {
            let Some(&d) = chars.get(j + 1) else {
                return Err(error(
                    "UnknownFormatConversion",
                    format!("Conversion = '{c}'"),
                ));
            };
            if !DATETIME_CONVERSIONS.contains(d) {
                return Err(error(
                    "UnknownFormatConversion",
                    format!("Conversion = '{c}{d}'"),
                ));
            }
            spec.datetime = true;
            spec.conversion = d;
            j += 1;
        } else if !"bBhHsScCdoxXeEfgGnN%".contains(c) || c == 'N' {
            return Err(error(
                "UnknownFormatConversion",
                format!("Conversion = '{c}'"),
            ));
        }
        spec.check()?;
        pieces.push(Piece::Spec(spec));
        i = j + 1;
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// `String.format(Locale.ENGLISH, format, args)`.
///
/// ```
/// use flowlog_core::functions::string::java_formatter::java_format;
/// use flowlog_core::functions::string::java_value::JavaValue;
/// let args = [JavaValue::Long(8), JavaValue::Str("a".into())];
/// assert_eq!(java_format("%03d %2$s%%", &args).unwrap(), "008 a%");
/// assert_eq!(java_format("%.4d", &args).unwrap_err().to_string(), "IllegalFormatPrecision: 4");
/// ```
pub fn java_format(format: &str, args: &[JavaValue]) -> Result<String, FormatError> {
    let pieces = parse(format)?;
    let mut out = String::new();
    let mut last: Option<usize> = None;
    let mut ordinary: usize = 0;
    for piece in &pieces {
        let spec = match piece {
            Piece::Text(t) => {
                out.push_str(t);
                continue;
            }
            Piece::Spec(spec) => spec,
        };
        if !spec.datetime && spec.conversion == '%' {
            out.push_str(&justify("%".to_string(), spec));
            continue;
        }
        if !spec.datetime && spec.conversion == 'n' {
            out.push('\n');
            continue;
        }
        let position = if spec.flags.has('<') {
            last
        } else if let Some(i) = spec.index {
            Some(i - 1)
        } else {
            ordinary += 1;
            Some(ordinary - 1)
        };
        let Some(arg) = position.and_then(|p| args.get(p)) else {
            return Err(error(
                "MissingFormatArgument",
                format!("Format specifier '{}'", spec.text()),
            ));
        };
        last = position;
        out.push_str(&print(spec, arg)?);
    }
    Ok(out)
}

fn justify(body: String, spec: &Spec) -> String {
    let body = if spec.upper {
        body.to_uppercase()
    } else {
        body
    };
    let len = body.chars().count();
    match spec.width {
        Some(w) if w > len => {
            let pad = " ".repeat(w - len);
            if spec.flags.has('-') {
                body + &pad
            } else {
                pad + &body
            }
        }
        _ => body,
    }
}

fn truncate(body: String, spec: &Spec) -> String {
    match spec.precision {
        Some(p) => body.chars().take(p).collect(),
        None => body,
    }
}

fn illegal_conversion(spec: &Spec, arg: &JavaValue) -> FormatError {
    let c = if spec.datetime || !spec.upper {
        spec.conversion
    } else {
        spec.conversion.to_ascii_uppercase()
    };
    error(
        "IllegalFormatConversion",
        format!("{c} != {}", arg.class_name()),
    )
}

fn print(spec: &Spec, arg: &JavaValue) -> Result<String, FormatError> {
    if spec.datetime {
        return match arg {
            JavaValue::Null => Ok(justify("null".into(), spec)),
            _ => match arg.fields() {
                Some(fields) => Ok(justify(datetime(spec, &fields, arg)?, spec)),
                None => Err(illegal_conversion(spec, arg)),
            },
        };
    }
    match spec.conversion {
        'b' => {
            let text = match arg {
                JavaValue::Null => "false".to_string(),
                JavaValue::Boolean(b) => b.to_string(),
                _ => "true".to_string(),
            };
            Ok(justify(truncate(text, spec), spec))
        }
        'h' => {
            let text = match arg {
                JavaValue::Null => "null".to_string(),
                other => format!("{:x}", java_hash(other)),
            };
            Ok(justify(truncate(text, spec), spec))
        }
        's' => {
            if spec.flags.has('#') && *arg != JavaValue::Null {
                return Err(spec.mismatch('#'));
            }
            Ok(justify(truncate(arg.to_java_string(), spec), spec))
        }
        'c' => match arg {
            JavaValue::Null => Ok(justify("null".into(), spec)),
            _ => Err(illegal_conversion(spec, arg)),
        },
        'd' | 'o' | 'x' => match arg {
            JavaValue::Null => Ok(justify("null".into(), spec)),
            JavaValue::Long(v) => integer(spec, *v),
            _ => Err(illegal_conversion(spec, arg)),
        },
        'e' | 'f' | 'g' => {
            let (negative, number) = match arg {
                JavaValue::Null => return Ok(justify("null".into(), spec)),
                JavaValue::Double(v) => (v.is_sign_negative(), Number::of_double(*v)),
                JavaValue::Float(v) => (v.is_sign_negative(), Number::of_double(f64::from(*v))),
                JavaValue::Decimal { unscaled, scale } => {
                    (*unscaled < 0, Number::of_decimal(*unscaled, *scale))
                }
                _ => return Err(illegal_conversion(spec, arg)),
            };
            Ok(floating(spec, negative, number))
        }
        _ => Err(illegal_conversion(spec, arg)),
    }
}

/// `Object.hashCode()` of the boxed value.
fn java_hash(v: &JavaValue) -> u32 {
    let long_hash = |bits: u64| (bits ^ (bits >> 32)) as u32;
    match v {
        JavaValue::Boolean(true) => 1231,
        JavaValue::Boolean(false) => 1237,
        JavaValue::Long(n) => long_hash(*n as u64),
        JavaValue::Double(d) => long_hash(d.to_bits()),
        JavaValue::Float(f) => f.to_bits(),
        other => other.to_java_string().encode_utf16().fold(0u32, |h, unit| {
            h.wrapping_mul(31).wrapping_add(u32::from(unit))
        }),
    }
}

fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sign, magnitude (zero-padded to `width` when `0` is given) and trailing `)`.
fn signed(spec: &Spec, negative: bool, magnitude: &str, zero_width: Option<usize>) -> String {
    let f = spec.flags;
    let mut out = String::new();
    if negative {
        out.push(if f.has('(') { '(' } else { '-' });
    } else if f.has('+') {
        out.push('+');
    } else if f.has(' ') {
        out.push(' ');
    }
    let sign_len = out.len();
    out.push_str(magnitude);
    if let (true, Some(w)) = (f.has('0'), zero_width) {
        let target = if negative && f.has('(') {
            w.saturating_sub(1)
        } else {
            w
        };
        while out.chars().count() < target {
            out.insert(sign_len, '0');
        }
    }
    if negative && f.has('(') {
        out.push(')');
    }
    out
}

fn integer(spec: &Spec, v: i64) -> Result<String, FormatError> {
    if spec.conversion == 'd' {
        let digits = v.unsigned_abs().to_string();
        let digits = if spec.flags.has(',') {
            group(&digits)
        } else {
            digits
        };
        return Ok(justify(signed(spec, v < 0, &digits, spec.width), spec));
    }
    spec.check_bad_flags(&['(', ' ', '+'])?;
    let (digits, prefix) = if spec.conversion == 'x' {
        (format!("{:x}", v as u64), "0x")
    } else {
        (format!("{:o}", v as u64), "0")
    };
    let mut out = String::new();
    if spec.flags.has('#') {
        out.push_str(prefix);
    }
    if let (true, Some(w)) = (spec.flags.has('0'), spec.width) {
        let len = out.len() + digits.len();
        out.push_str(&"0".repeat(w.saturating_sub(len)));
    }
    out.push_str(&digits);
    Ok(justify(out, spec))
}

/// A finite non-negative decimal: `digits` = d1 d2 …, value = d1.d2… × 10^`exponent`.
#[derive(Debug, Clone)]
enum Number {
    Finite { digits: Vec<u8>, exponent: i32 },
    NaN,
    Infinite,
}

impl Number {
    fn of_double(v: f64) -> Number {
        if v.is_nan() {
            return Number::NaN;
        }
        if v.is_infinite() {
            return Number::Infinite;
        }
        let (digits, exponent) = shortest_digits(&format!("{:e}", v.abs()));
        Number::Finite {
            digits: digits.bytes().map(|b| b - b'0').collect(),
            exponent,
        }
    }

    fn of_decimal(unscaled: i128, scale: u32) -> Number {
        let text = unscaled.unsigned_abs().to_string();
        let len = i32::try_from(text.len()).unwrap_or(0);
        Number::Finite {
            digits: text.bytes().map(|b| b - b'0').collect(),
            exponent: len - 1 - i32::try_from(scale).unwrap_or(0),
        }
    }
}

/// Round half up so that the last digit kept has the power of ten `last`; returns the
/// digits (from the leading one down to `last`) and the leading power.
fn round_to(digits: &[u8], exponent: i32, last: i32) -> (Vec<u8>, i32) {
    if digits.iter().all(|&d| d == 0) {
        return (vec![0], 0);
    }
    let keep = exponent - last + 1;
    if keep <= 0 {
        let up = keep == 0 && digits[0] >= 5;
        return (vec![u8::from(up)], last);
    }
    let keep = usize::try_from(keep).unwrap_or(0);
    let mut kept: Vec<u8> = (0..keep)
        .map(|i| digits.get(i).copied().unwrap_or(0))
        .collect();
    let mut exponent = exponent;
    if digits.get(keep).is_some_and(|&d| d >= 5) {
        let mut i = keep;
        loop {
            if i == 0 {
                kept.insert(0, 1);
                exponent += 1;
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    (kept, exponent)
}

/// Fixed notation with `precision` digits after the point.
fn fixed(digits: &[u8], exponent: i32, precision: usize, alternate: bool) -> (String, String) {
    let last = -i32::try_from(precision).unwrap_or(0);
    let (kept, lead) = round_to(digits, exponent, last);
    let digit_at = |p: i32| {
        if p > lead {
            0
        } else {
            usize::try_from(lead - p)
                .ok()
                .and_then(|i| kept.get(i).copied())
                .unwrap_or(0)
        }
    };
    let int: String = (0..=lead.max(0))
        .rev()
        .map(|p| char::from(b'0' + digit_at(p)))
        .collect();
    let mut frac: String = (1..=precision)
        .map(|k| char::from(b'0' + digit_at(-i32::try_from(k).unwrap_or(0))))
        .collect();
    if precision > 0 || alternate {
        frac.insert(0, '.');
    }
    (int, frac)
}

/// Scientific notation with `precision` digits after the point: mantissa and exponent.
fn scientific(digits: &[u8], exponent: i32, precision: usize) -> (String, i32) {
    let zero = digits.iter().all(|&d| d == 0);
    let p = i32::try_from(precision).unwrap_or(0);
    let (mut kept, lead) = if zero {
        (vec![0; precision + 1], 0)
    } else {
        round_to(digits, exponent, exponent - p)
    };
    kept.truncate(precision + 1);
    let mut mantissa: String = kept.iter().map(|&d| char::from(b'0' + d)).collect();
    if precision > 0 {
        mantissa.insert(1, '.');
    }
    (mantissa, lead)
}

fn floating(spec: &Spec, negative: bool, number: Number) -> String {
    let (digits, exponent) = match number {
        Number::NaN => return justify("NaN".into(), spec),
        Number::Infinite => {
            let body = signed(spec, negative, "Infinity", None);
            return justify(body, spec);
        }
        Number::Finite { digits, exponent } => (digits, exponent),
    };
    let precision = spec.precision.unwrap_or(6);
    let alternate = spec.flags.has('#');
    let grouped = |int: String| {
        if spec.flags.has(',') {
            group(&int)
        } else {
            int
        }
    };
    let exponent_text =
        |e: i32| format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.unsigned_abs());
    let body = match spec.conversion {
        'f' => {
            let (int, frac) = fixed(&digits, exponent, precision, alternate);
            signed(spec, negative, &(grouped(int) + &frac), spec.width)
        }
        'e' => {
            let (mut mantissa, e) = scientific(&digits, exponent, precision);
            if alternate && precision == 0 {
                mantissa.push('.');
            }
            let exp = exponent_text(e);
            let width = spec.width.map(|w| w.saturating_sub(exp.len()));
            signed(spec, negative, &mantissa, width) + &exp
        }
        _ => {
            let precision = match spec.precision {
                None => 6,
                Some(0) => 1,
                Some(p) => p,
            };
            let zero = digits.iter().all(|&d| d == 0);
            let (_, rounded_exponent) = if zero {
                (String::new(), 0)
            } else {
                scientific(&digits, exponent, precision - 1)
            };
            let p = i32::try_from(precision).unwrap_or(6);
            if zero || (-4..p).contains(&rounded_exponent) {
                let decimals = usize::try_from(p - rounded_exponent - 1).unwrap_or(0);
                let (int, frac) = fixed(&digits, exponent, decimals, false);
                signed(spec, negative, &(grouped(int) + &frac), spec.width)
            } else {
                let (mantissa, e) = scientific(&digits, exponent, precision - 1);
                let exp = exponent_text(e);
                let width = spec.width.map(|w| w.saturating_sub(exp.len()));
                signed(spec, negative, &mantissa, width) + &exp
            }
        }
    };
    justify(body, spec)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn unsupported(field: &str) -> FormatError {
    error(
        "UnsupportedTemporalType",
        format!("Unsupported field: {field}"),
    )
}

/// One `%t` conversion of a date/time value.
fn datetime(spec: &Spec, f: &Fields, arg: &JavaValue) -> Result<String, FormatError> {
    let date = || f.date.ok_or_else(|| unsupported("Year"));
    let nanos = || f.nanos_of_day.ok_or_else(|| unsupported("HourOfDay"));
    let hour = || nanos().map(|n| n / 3_600_000_000_000);
    let twelve = |h: i64| if h % 12 == 0 { 12 } else { h % 12 };
    let sub = |c: char| {
        let s = Spec {
            conversion: c,
            upper: false,
            width: None,
            flags: Flags::default(),
            ..spec.clone()
        };
        datetime(&s, f, arg)
    };
    Ok(match spec.conversion {
        'H' => format!("{:02}", hour()?),
        'I' => format!("{:02}", twelve(hour()?)),
        'k' => hour()?.to_string(),
        'l' => twelve(hour()?).to_string(),
        'M' => format!("{:02}", nanos()? / 60_000_000_000 % 60),
        'S' => format!("{:02}", nanos()? / 1_000_000_000 % 60),
        'L' => format!("{:03}", nanos()? / 1_000_000 % 1000),
        'N' => format!("{:09}", nanos()? % 1_000_000_000),
        'p' => if hour()? < 12 { "am" } else { "pm" }.to_string(),
        'z' => {
            let o = f
                .offset_seconds
                .ok_or_else(|| unsupported("OffsetSeconds"))?;
            let minutes = o.unsigned_abs() / 60;
            let sign = if o < 0 { '-' } else { '+' };
            format!("{sign}{:04}", minutes / 60 * 100 + minutes % 60)
        }
        'Z' => match arg {
            JavaValue::Zoned { epoch_nanos, zone } => match zone {
                TrinoZone::Offset(_) => {
                    let text = arg.to_java_string();
                    let start = text.rfind(['+', '-', 'Z']).unwrap_or(0);
                    text[start..].to_string()
                }
                _ => {
                    let millis = epoch_nanos.div_euclid(1_000_000);
                    zone.joda_name(i64::try_from(millis).unwrap_or(0), false)
                }
            },
            _ => return Err(unsupported("ZoneId")),
        },
        's' | 'Q' => {
            let n = f.epoch_nanos.ok_or_else(|| unsupported("InstantSeconds"))?;
            let per = if spec.conversion == 's' {
                1_000_000_000
            } else {
                1_000_000
            };
            n.div_euclid(per).to_string()
        }
        'B' => MONTHS[date()?.1 as usize - 1].to_string(),
        'b' | 'h' => MONTHS[date()?.1 as usize - 1][..3].to_string(),
        'A' | 'a' => {
            let days = f.days.ok_or_else(|| unsupported("DayOfWeek"))?;
            let dow = day_of_week(i64::try_from(days).unwrap_or(0));
            let name = WEEKDAYS[usize::try_from(dow - 1).unwrap_or(0)];
            if spec.conversion == 'A' {
                name.to_string()
            } else {
                name[..3].to_string()
            }
        }
        'C' => format!("{:02}", date()?.0.div_euclid(100)),
        'Y' => format!("{:04}", date()?.0),
        'y' => format!("{:02}", date()?.0.rem_euclid(100)),
        'j' => {
            let (year, _, _) = date()?;
            let days = f.days.unwrap_or(0);
            let jan1 =
                crate::time::calendar::days_from_civil(i64::try_from(year).unwrap_or(0), 1, 1);
            format!("{:03}", days - i128::from(jan1) + 1)
        }
        'm' => format!("{:02}", date()?.1),
        'd' => format!("{:02}", date()?.2),
        'e' => date()?.2.to_string(),
        'R' => format!("{}:{}", sub('H')?, sub('M')?),
        'T' => format!("{}:{}:{}", sub('H')?, sub('M')?, sub('S')?),
        'r' => format!(
            "{}:{}:{} {}",
            sub('I')?,
            sub('M')?,
            sub('S')?,
            sub('p')?.to_uppercase()
        ),
        'D' => format!("{}/{}/{}", sub('m')?, sub('d')?, sub('y')?),
        'F' => format!("{}-{}-{}", sub('Y')?, sub('m')?, sub('d')?),
        'c' => format!(
            "{} {} {} {} {} {}",
            sub('a')?,
            sub('b')?,
            sub('d')?,
            sub('T')?,
            sub('Z')?,
            sub('Y')?
        ),
        other => {
            return Err(error(
                "UnknownFormatConversion",
                format!("Conversion = 't{other}'"),
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(f: &str, args: &[JavaValue]) -> String {
        match java_format(f, args) {
            Ok(s) => s,
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn numbers_print_as_java() {
        let pi = JavaValue::Double(std::f64::consts::PI);
        assert_eq!(fmt("%.4f", &[pi.clone()]), "3.1416");
        assert_eq!(fmt("%.5f", &[pi.clone()]), "3.14159");
        assert_eq!(fmt("%e", &[pi.clone()]), "3.141593e+00");
        assert_eq!(fmt("%g", &[pi]), "3.14159");
        assert_eq!(
            fmt("%,.2f", &[JavaValue::Double(1234567.89)]),
            "1,234,567.89"
        );
        assert_eq!(fmt("%.2f", &[JavaValue::Double(0.125)]), "0.13");
        assert_eq!(fmt("%.1f", &[JavaValue::Double(0.96)]), "1.0");
        assert_eq!(fmt("%.0f", &[JavaValue::Double(0.4)]), "0");
        assert_eq!(fmt("%08.2f", &[JavaValue::Double(-3.5)]), "-0003.50");
        assert_eq!(fmt("%(,d", &[JavaValue::Long(-1234)]), "(1,234)");
        assert_eq!(
            fmt(
                "%+d %x %#X %o",
                &[
                    JavaValue::Long(1234),
                    JavaValue::Long(1234),
                    JavaValue::Long(-1),
                    JavaValue::Long(8)
                ]
            ),
            "+1234 4d2 0XFFFFFFFFFFFFFFFF 10"
        );
        assert_eq!(fmt("%e", &[JavaValue::Double(0.0)]), "0.000000e+00");
        assert_eq!(fmt("%g", &[JavaValue::Double(0.0)]), "0.00000");
        assert_eq!(fmt("%g", &[JavaValue::Double(1e-5)]), "1.00000e-05");
        assert_eq!(fmt("%.3e", &[JavaValue::Double(99999.0)]), "1.000e+05");
    }

    #[test]
    fn errors_are_javas() {
        let eight = [JavaValue::Long(8)];
        assert_eq!(fmt("%-02d", &eight), "IllegalFormatFlags: Flags = '-0'");
        assert_eq!(fmt("%--2d", &eight), "DuplicateFormatFlags: Flags = '-'");
        assert_eq!(
            fmt("%+s", &eight),
            "FormatFlagsConversionMismatch: Conversion = s, Flags = +"
        );
        assert_eq!(fmt("%-s", &eight), "MissingFormatWidth: %-s");
        assert_eq!(fmt("%5n", &eight), "IllegalFormatWidth: 5");
        assert_eq!(
            fmt("%s %d", &eight),
            "MissingFormatArgument: Format specifier '%d'"
        );
        assert_eq!(
            fmt("%q", &eight),
            "UnknownFormatConversion: Conversion = 'q'"
        );
        assert_eq!(
            fmt("abc%", &eight),
            "UnknownFormatConversion: Conversion = '%'"
        );
    }
}
