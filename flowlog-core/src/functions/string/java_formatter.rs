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

use super::java_datetime::datetime;
use super::java_decimal::{Number, fixed, scientific};
use super::java_value::JavaValue;

/// A Java formatting exception: its simple name without `Exception`, and its message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct FormatError {
    /// `IllegalFormatPrecision`, `MissingFormatArgument`, …
    pub kind: &'static str,
    /// The exception's message (`4`, `Format specifier '%d'`).
    pub message: String,
}

/// A [`FormatError`] of the given kind.
pub(crate) fn error(kind: &'static str, message: impl Into<String>) -> FormatError {
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

    /// Java reports the conversion in lower case (`%+S` → `Conversion = s`).
    fn mismatch(&self, flag: char) -> FormatError {
        error(
            "FormatFlagsConversionMismatch",
            format!("Conversion = {}, Flags = {flag}", self.conversion),
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

/// Java names the conversion in lower case (`%X` → `x != java.lang.String`), or the
/// date/time conversion as written (`%tT` → `T != java.lang.String`).
fn illegal_conversion(spec: &Spec, arg: &JavaValue) -> FormatError {
    error(
        "IllegalFormatConversion",
        format!("{} != {}", spec.conversion, arg.class_name()),
    )
}

fn print(spec: &Spec, arg: &JavaValue) -> Result<String, FormatError> {
    if spec.datetime {
        return match arg {
            JavaValue::Null => Ok(justify("null".into(), spec)),
            _ => match arg.fields() {
                Some(fields) => Ok(justify(datetime(spec.conversion, &fields, arg)?, spec)),
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
            if spec.flags.has('#') {
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
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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
        let pi = || JavaValue::Double(std::f64::consts::PI);
        assert_eq!(fmt("%.4f", &[pi()]), "3.1416");
        assert_eq!(fmt("%.5f", &[pi()]), "3.14159");
        assert_eq!(fmt("%e", &[pi()]), "3.141593e+00");
        assert_eq!(fmt("%g", &[pi()]), "3.14159");
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
        let text = [JavaValue::Str("a".into())];
        assert_eq!(
            fmt("%+S", &eight),
            "FormatFlagsConversionMismatch: Conversion = s, Flags = +"
        );
        assert_eq!(
            fmt("%X", &text),
            "IllegalFormatConversion: x != java.lang.String"
        );
        assert_eq!(
            fmt("%tT", &text),
            "IllegalFormatConversion: T != java.lang.String"
        );
        assert_eq!(
            fmt("%#s", &[JavaValue::Null]),
            "FormatFlagsConversionMismatch: Conversion = s, Flags = #"
        );
    }
}
