//! Decimal digits for `java.util.Formatter`'s `%e`, `%f` and `%g`: a number as its significant
//! digits and the power of ten of the first, rounded half up as Java rounds (on the shortest
//! digits of a double, on the exact digits of a `BigDecimal`).

use super::java_value::shortest_digits;

/// A finite non-negative decimal: `digits` = d1 d2 …, value = d1.d2… × 10^`exponent`.
#[derive(Debug, Clone)]
pub(crate) enum Number {
    /// A finite value.
    Finite {
        /// The significant digits, 0-9.
        digits: Vec<u8>,
        /// The power of ten of the first digit.
        exponent: i32,
    },
    /// Not a number.
    NaN,
    /// Infinity (the sign is kept apart).
    Infinite,
}

impl Number {
    /// The digits of a double (Java formats `Double.toString`'s digits).
    pub(crate) fn of_double(v: f64) -> Number {
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

    /// The exact digits of `unscaled × 10^-scale`.
    pub(crate) fn of_decimal(unscaled: i128, scale: u32) -> Number {
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
pub(crate) fn fixed(
    digits: &[u8],
    exponent: i32,
    precision: usize,
    alternate: bool,
) -> (String, String) {
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
pub(crate) fn scientific(digits: &[u8], exponent: i32, precision: usize) -> (String, i32) {
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
