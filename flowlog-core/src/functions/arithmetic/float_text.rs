//! The text Trino gives a DOUBLE or REAL cast to VARCHAR.
//!
//! Trino formats with `java.text.DecimalFormat` patterns in scientific notation: one
//! integer digit, at least one fraction digit, `E` and the exponent (`37.7 → 3.77E1`,
//! `1200 → 1.2E3`, `0.001 → 1.0E-3`). Zeros print as `0E0` / `-0E0`, the infinities as
//! `Infinity` / `-Infinity`, NaN as `NaN`.
//!
//! * DOUBLE (pattern `0.0###################E0`): up to 21 significant digits, so the
//!   shortest digits that read back as the same double are printed unrounded.
//! * REAL (pattern `0.0#####E0`): the shortest digits of the float (`Float.toString`),
//!   read as a double, then rounded to 7 significant digits half-to-even, where a
//!   `5` that is the last digit counts as a tie only when the double equals that
//!   decimal exactly (Java's `DigitList`): `12345678.9 → 1.234568E7`.

use std::cmp::Ordering;

/// Significant digits of a DOUBLE's text (1 integer + 20 fraction digits).
const DOUBLE_DIGITS: usize = 21;
/// Significant digits of a REAL's text (1 integer + 6 fraction digits).
const REAL_DIGITS: usize = 7;

/// A finite non-zero magnitude as decimal digits (no leading zero) and the power of ten
/// of the first digit.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scientific {
    digits: Vec<u8>,
    exponent: i32,
}

impl Scientific {
    /// Parse Rust's `{:e}` text of a positive number (`3.77e1`, `1e-3`).
    fn parse(text: &str) -> Self {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let mut digits: Vec<u8> = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
        Self {
            digits,
            exponent: exponent.parse().unwrap_or(0),
        }
    }

    /// Compare two magnitudes.
    fn cmp_value(&self, other: &Self) -> Ordering {
        self.exponent.cmp(&other.exponent).then_with(|| {
            let n = self.digits.len().max(other.digits.len());
            let at = |d: &[u8], i: usize| d.get(i).copied().unwrap_or(0);
            (0..n)
                .map(|i| at(&self.digits, i).cmp(&at(&other.digits, i)))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }

    /// `d.ddd…E<exponent>` with at least one fraction digit.
    fn render(&self, negative: bool) -> String {
        let mut out = String::new();
        if negative {
            out.push('-');
        }
        out.push(char::from(b'0' + self.digits[0]));
        out.push('.');
        if self.digits.len() == 1 {
            out.push('0');
        }
        for d in &self.digits[1..] {
            out.push(char::from(b'0' + d));
        }
        out.push('E');
        out.push_str(&self.exponent.to_string());
        out
    }
}

/// The text of a non-finite value or a zero, if `v` is one.
fn special(v: f64) -> Option<String> {
    if v.is_nan() {
        Some("NaN".into())
    } else if v.is_infinite() {
        Some(if v > 0.0 { "Infinity" } else { "-Infinity" }.into())
    } else if v == 0.0 {
        Some(if v.is_sign_negative() { "-0E0" } else { "0E0" }.into())
    } else {
        None
    }
}

/// Trino's text of a DOUBLE (`CAST(x AS VARCHAR)`).
pub fn double_text(v: f64) -> String {
    if let Some(s) = special(v) {
        return s;
    }
    let mut sci = Scientific::parse(&format!("{:e}", v.abs()));
    // Shortest digits never exceed 17; the pattern allows 21.
    sci.digits.truncate(DOUBLE_DIGITS);
    sci.render(v < 0.0)
}

/// Trino's text of a REAL (`CAST(x AS VARCHAR)`).
pub fn real_text(v: f32) -> String {
    if let Some(s) = special(f64::from(v)) {
        return s;
    }
    let shortest = format!("{:e}", v.abs());
    let mut sci = Scientific::parse(&shortest);
    if sci.digits.len() > REAL_DIGITS {
        // The double Java formats is the float's shortest text read back as a double.
        let as_double: f64 = shortest.parse().unwrap_or(f64::from(v.abs()));
        round_half_even(&mut sci, REAL_DIGITS, as_double);
    }
    sci.render(v < 0.0)
}

/// Round `sci` (the shortest digits of `value`) to `keep` significant digits as Java's
/// `DigitList` does with `HALF_EVEN`.
fn round_half_even(sci: &mut Scientific, keep: usize, value: f64) {
    let first_dropped = sci.digits[keep];
    let rest_zero = sci.digits[keep + 1..].iter().all(|d| *d == 0);
    let up = match first_dropped.cmp(&5) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal if !rest_zero => true,
        Ordering::Equal => {
            // The digits stop at this 5: a true tie only if `value` is exactly that
            // decimal; otherwise the exact binary value decides.
            let exact = Scientific::parse(&format!("{:.1100e}", value));
            match exact.cmp_value(sci) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => sci.digits[keep - 1] % 2 == 1,
            }
        }
    };
    sci.digits.truncate(keep);
    if up {
        let mut i = keep;
        loop {
            if i == 0 {
                sci.digits.insert(0, 1);
                sci.digits.truncate(keep);
                sci.exponent += 1;
                break;
            }
            i -= 1;
            if sci.digits[i] == 9 {
                sci.digits[i] = 0;
            } else {
                sci.digits[i] += 1;
                break;
            }
        }
    }
    while sci.digits.len() > 1 && sci.digits.last() == Some(&0) {
        sci.digits.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_as_trino_prints_them() {
        assert_eq!(double_text(37.7), "3.77E1");
        assert_eq!(double_text(17.1), "1.71E1");
        assert_eq!(double_text(1200.0), "1.2E3");
        assert_eq!(double_text(12345678.9), "1.23456789E7");
        assert_eq!(double_text(0.001), "1.0E-3");
        assert_eq!(double_text(-1.0), "-1.0E0");
        assert_eq!(double_text(0.0), "0E0");
        assert_eq!(double_text(-0.0), "-0E0");
        assert_eq!(double_text(f64::NAN), "NaN");
        assert_eq!(double_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(double_text(0.1 + 0.2), "3.0000000000000004E-1");
        assert_eq!(double_text(f64::MIN_POSITIVE), "2.2250738585072014E-308");
    }

    #[test]
    fn reals_round_to_seven_digits() {
        assert_eq!(real_text(12345678.9), "1.234568E7");
        assert_eq!(real_text(1200.0), "1.2E3");
        assert_eq!(real_text(37.7), "3.77E1");
        assert_eq!(real_text(-100000000017.0), "-1.0E11");
        // 16777215 is exact: the tie goes to the even 2.
        assert_eq!(real_text(16777215.0), "1.677722E7");
        // 12345685 is exact: the tie goes to the even 8.
        assert_eq!(real_text(12345685.0), "1.234568E7");
        // 12345675 is exact: the tie goes to the even 8.
        assert_eq!(real_text(12345675.0), "1.234568E7");
        assert_eq!(real_text(f32::INFINITY), "Infinity");
        assert_eq!(real_text(-0.0), "-0E0");
    }

    #[test]
    fn rounding_carries_into_the_exponent() {
        let mut sci = Scientific::parse("9.9999996e7");
        round_half_even(&mut sci, 7, 99999996.0);
        assert_eq!(sci.render(false), "1.0E8");
    }

    #[test]
    fn inexact_ties_follow_the_binary_value() {
        // 1.0000005 is not a double: the exact value decides the direction.
        let exact = Scientific::parse(&format!("{:.1100e}", 1.0000005_f64));
        let tie = Scientific::parse("1.0000005e0");
        let mut sci = tie.clone();
        round_half_even(&mut sci, 7, 1.0000005);
        let expected = if exact.cmp_value(&tie).is_gt() {
            "1.000001E0"
        } else {
            "1.0E0"
        };
        assert_eq!(sci.render(false), expected);
        assert_ne!(exact.cmp_value(&tie), Ordering::Equal);
    }
}
