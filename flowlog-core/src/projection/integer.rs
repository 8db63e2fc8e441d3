//! `projection.<col>.type` = `integer`: a stepped range of whole numbers.
//!
//! * `projection.<col>.range` (required): `min,max`, inclusive, in the range of a Java `long`;
//!   negative numbers, leading zeros and whitespace around each number are allowed.
//! * `projection.<col>.interval` (optional, default 1): a positive step.
//! * `projection.<col>.digits` (optional): a positive width; values are zero-padded to it the way
//!   Java's `String.format("%0<digits>d")` does (the sign counts toward the width, wider values
//!   are not cut).
//!
//! ```text
//! range 1,3  interval 1  digits 2   ->  01 02 03      (Athena docs)
//! range 1,3  interval 2             ->  1 3
//! range -5,5 interval 5  digits 3   ->  -05 000 005
//! ```
//!
//! Unlike Trino (whose range is a Java `int` and which yields nothing for `min > max`), the
//! range is a 64-bit integer as Athena documents, and `min > max` is an error.

use super::{ColumnProperties, ProjectionError, Suffix};

/// Largest accepted `digits` (a sanity bound; Athena documents none).
const MAX_DIGITS: usize = 1000;

/// An `integer` projection.
///
/// Invariants: `min <= max`, `interval > 0`, `digits` is `None` or `1..=1000`.
///
/// ```
/// # use flowlog_core::projection::IntegerProjection;
/// let hours = IntegerProjection::new(0, 23, 1, Some(2)).unwrap();
/// assert_eq!(hours.len(), 24);
/// assert_eq!(hours.values()[..3], ["00", "01", "02"]);
/// assert!(hours.contains("05"));
/// assert!(!hours.contains("5"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerProjection {
    min: i64,
    max: i64,
    interval: i64,
    digits: Option<usize>,
}

impl IntegerProjection {
    /// A projection from its parts; `None` unless `min <= max`, `interval > 0` and `digits`
    /// is absent or within `1..=1000`.
    pub fn new(min: i64, max: i64, interval: i64, digits: Option<usize>) -> Option<Self> {
        let digits_ok = digits.is_none_or(|d| (1..=MAX_DIGITS).contains(&d));
        (min <= max && interval > 0 && digits_ok).then_some(IntegerProjection {
            min,
            max,
            interval,
            digits,
        })
    }

    /// Reads `range`, `interval` and `digits` of one column.
    pub(super) fn from_properties(props: &ColumnProperties<'_>) -> Result<Self, ProjectionError> {
        let range = props.require(
            Suffix::Range,
            "integer",
            "`min,max`, two integers such as 0,23",
        )?;
        let invalid_range = |reason: String| ProjectionError::InvalidValue {
            property: props.key(Suffix::Range),
            value: range.to_owned(),
            reason,
        };
        let parts: Vec<&str> = range
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let [low, high] = parts.as_slice() else {
            return Err(invalid_range(format!(
                "expected two integers `min,max` separated by one comma, found {}",
                parts.len()
            )));
        };
        let parse = |text: &str| {
            text.parse::<i64>().map_err(|_| {
                invalid_range(format!(
                    "`{text}` is not an integer between -9223372036854775808 and 9223372036854775807"
                ))
            })
        };
        let min = parse(low)?;
        let max = parse(high)?;
        if min > max {
            return Err(invalid_range(format!(
                "the minimum {min} is greater than the maximum {max}; write the smaller number first"
            )));
        }

        let positive = |suffix: Suffix, upper: i64| -> Result<Option<i64>, ProjectionError> {
            let Some(text) = props.get(suffix) else {
                return Ok(None);
            };
            match text.trim().parse::<i64>() {
                Ok(n) if (1..=upper).contains(&n) => Ok(Some(n)),
                _ => Err(ProjectionError::InvalidValue {
                    property: props.key(suffix),
                    value: text.to_owned(),
                    reason: if upper == i64::MAX {
                        "expected a positive integer".to_owned()
                    } else {
                        format!("expected a positive integer of at most {upper}")
                    },
                }),
            }
        };
        let interval = positive(Suffix::Interval, i64::MAX)?.unwrap_or(1);
        let digits = positive(Suffix::Digits, MAX_DIGITS as i64)?.map(|d| d as usize);
        Ok(IntegerProjection {
            min,
            max,
            interval,
            digits,
        })
    }

    /// Smallest value.
    pub fn min(&self) -> i64 {
        self.min
    }

    /// Upper bound (inclusive; reached only if it is on the interval grid).
    pub fn max(&self) -> i64 {
        self.max
    }

    /// Step between values.
    pub fn interval(&self) -> i64 {
        self.interval
    }

    /// Zero-padding width, if any.
    pub fn digits(&self) -> Option<usize> {
        self.digits
    }

    /// Prints a number as the projection does (zero-padded to `digits`).
    ///
    /// ```
    /// # use flowlog_core::projection::IntegerProjection;
    /// let p = IntegerProjection::new(-100, 100, 1, Some(5)).unwrap();
    /// assert_eq!(p.format(1), "00001");
    /// assert_eq!(p.format(-42), "-0042");
    /// ```
    pub fn format(&self, value: i64) -> String {
        match self.digits {
            Some(width) => format!("{value:0width$}"),
            None => value.to_string(),
        }
    }

    /// Number of values.
    pub fn len(&self) -> u64 {
        let span = i128::from(self.max) - i128::from(self.min);
        let count = span / i128::from(self.interval) + 1;
        u64::try_from(count).unwrap_or(u64::MAX)
    }

    /// Always false: `min <= max` gives at least one value.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The numbers, from `min` in steps of `interval` while not above `max`.
    pub fn iter(&self) -> impl Iterator<Item = i64> + '_ {
        std::iter::successors(Some(self.min), move |n| {
            n.checked_add(self.interval)
                .filter(|next| *next <= self.max)
        })
    }

    /// All values as printed, in order.
    pub fn values(&self) -> Vec<String> {
        self.iter().map(|n| self.format(n)).collect()
    }

    /// Whether `value` is exactly one of the printed values (so `"5"` is not in a range with
    /// `digits` 2, but `"05"` is).
    pub fn contains(&self, value: &str) -> bool {
        let Ok(n) = value.parse::<i64>() else {
            return false;
        };
        let on_grid = (i128::from(n) - i128::from(self.min)) % i128::from(self.interval) == 0;
        (self.min..=self.max).contains(&n) && on_grid && self.format(n) == value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(pairs: &[(Suffix, &str)]) -> Result<IntegerProjection, ProjectionError> {
        let mut props = ColumnProperties::new("n");
        for (suffix, value) in pairs {
            props.set(*suffix, value);
        }
        IntegerProjection::from_properties(&props)
    }

    fn values(pairs: &[(Suffix, &str)]) -> Vec<String> {
        build(pairs).unwrap().values()
    }

    fn assert_agreement(p: &IntegerProjection, probes: &[&str]) {
        let values = p.values();
        assert_eq!(p.len(), values.len() as u64);
        for v in &values {
            assert!(p.contains(v), "{v}");
        }
        for probe in probes {
            assert_eq!(
                p.contains(probe),
                values.iter().any(|v| v == probe),
                "{probe}"
            );
        }
    }

    #[test]
    fn athena_documented_examples() {
        // Athena docs: range 1,3 interval 1 gives 1, 2, 3; interval 2 gives 1 and 3;
        // digits 1 gives 1, 2, 3; digits 2 gives 01, 02, 03.
        assert_eq!(values(&[(Suffix::Range, "1,3")]), ["1", "2", "3"]);
        assert_eq!(
            values(&[(Suffix::Range, "1,3"), (Suffix::Interval, "2")]),
            ["1", "3"]
        );
        assert_eq!(
            values(&[(Suffix::Range, "1,3"), (Suffix::Digits, "1")]),
            ["1", "2", "3"]
        );
        assert_eq!(
            values(&[(Suffix::Range, "1,3"), (Suffix::Digits, "2")]),
            ["01", "02", "03"]
        );
        // Athena docs: a digits value of 5 and an integer value of 1 is 00001.
        assert_eq!(
            values(&[(Suffix::Range, "1,1"), (Suffix::Digits, "5")]),
            ["00001"]
        );
    }

    #[test]
    fn documented_range_forms() {
        // Athena docs examples: `0,10`, `-1,8675309`, `0001,9999`, with whitespace allowed.
        assert_eq!(build(&[(Suffix::Range, "0,10")]).unwrap().len(), 11);
        let p = build(&[(Suffix::Range, "-1,8675309")]).unwrap();
        assert_eq!((p.min(), p.max(), p.len()), (-1, 8_675_309, 8_675_311));
        let p = build(&[(Suffix::Range, " 0001 , 9999 ")]).unwrap();
        assert_eq!((p.min(), p.max()), (1, 9999));
        assert_eq!(p.values()[0], "1");
        let p = build(&[
            (Suffix::Range, "0,10"),
            (Suffix::Interval, " 5 "),
            (Suffix::Digits, " 2 "),
        ])
        .unwrap();
        assert_eq!(p.values(), ["00", "05", "10"]);
    }

    #[test]
    fn negative_values_are_padded_like_java() {
        // Java: String.format("%03d", -5) is "-05"; the sign counts toward the width.
        assert_eq!(
            values(&[
                (Suffix::Range, "-5,5"),
                (Suffix::Interval, "5"),
                (Suffix::Digits, "3")
            ]),
            ["-05", "000", "005"]
        );
        // Wider values are not cut.
        assert_eq!(
            values(&[(Suffix::Range, "998,1001"), (Suffix::Digits, "2")]),
            ["998", "999", "1000", "1001"]
        );
    }

    #[test]
    fn the_last_value_stays_on_the_grid() {
        let p = build(&[(Suffix::Range, "0,10"), (Suffix::Interval, "3")]).unwrap();
        assert_eq!(p.values(), ["0", "3", "6", "9"]);
        assert_agreement(&p, &["10", "2", "-3", "12", "03", "+3", " 3", "3.0"]);
    }

    #[test]
    fn contains_respects_digits() {
        let p = build(&[(Suffix::Range, "0,23"), (Suffix::Digits, "2")]).unwrap();
        assert!(p.contains("05"));
        assert!(!p.contains("5"));
        assert!(!p.contains("005"));
        assert!(!p.contains("24"));
        assert_agreement(&p, &["-1", "00", "23", "7", "", "x"]);
    }

    #[test]
    fn extreme_ranges_do_not_overflow() {
        let p = build(&[(Suffix::Range, "-9223372036854775808,9223372036854775807")]).unwrap();
        assert_eq!(p.len(), u64::MAX);
        assert!(p.contains("9223372036854775807"));
        assert!(p.contains("-9223372036854775808"));
        let p = build(&[
            (Suffix::Range, "9223372036854775806,9223372036854775807"),
            (Suffix::Interval, "1"),
        ])
        .unwrap();
        assert_eq!(p.values(), ["9223372036854775806", "9223372036854775807"]);
        let p = build(&[
            (Suffix::Range, "0,9223372036854775807"),
            (Suffix::Interval, "9223372036854775807"),
        ])
        .unwrap();
        assert_eq!(p.values(), ["0", "9223372036854775807"]);
    }

    #[test]
    fn errors_name_the_property() {
        let err = |pairs: &[(Suffix, &str)]| build(pairs).unwrap_err().to_string();
        assert_eq!(
            err(&[]),
            "missing table property `projection.n.range`, required by projection type integer; expected `min,max`, two integers such as 0,23"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1")]),
            "invalid value \"1\" for table property `projection.n.range`: expected two integers `min,max` separated by one comma, found 1"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,2,3")]),
            "invalid value \"1,2,3\" for table property `projection.n.range`: expected two integers `min,max` separated by one comma, found 3"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,x")]),
            "invalid value \"1,x\" for table property `projection.n.range`: `x` is not an integer between -9223372036854775808 and 9223372036854775807"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,9223372036854775808")]),
            "invalid value \"1,9223372036854775808\" for table property `projection.n.range`: `9223372036854775808` is not an integer between -9223372036854775808 and 9223372036854775807"
        );
        assert_eq!(
            err(&[(Suffix::Range, "5,1")]),
            "invalid value \"5,1\" for table property `projection.n.range`: the minimum 5 is greater than the maximum 1; write the smaller number first"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,5"), (Suffix::Interval, "0")]),
            "invalid value \"0\" for table property `projection.n.interval`: expected a positive integer"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,5"), (Suffix::Interval, "-2")]),
            "invalid value \"-2\" for table property `projection.n.interval`: expected a positive integer"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,5"), (Suffix::Digits, "0")]),
            "invalid value \"0\" for table property `projection.n.digits`: expected a positive integer of at most 1000"
        );
        assert_eq!(
            err(&[(Suffix::Range, "1,5"), (Suffix::Digits, "two")]),
            "invalid value \"two\" for table property `projection.n.digits`: expected a positive integer of at most 1000"
        );
    }

    #[test]
    fn new_checks_invariants() {
        assert!(IntegerProjection::new(1, 0, 1, None).is_none());
        assert!(IntegerProjection::new(0, 1, 0, None).is_none());
        assert!(IntegerProjection::new(0, 1, 1, Some(0)).is_none());
        let p = IntegerProjection::new(0, 1, 1, None).unwrap();
        assert_eq!((p.interval(), p.digits(), p.is_empty()), (1, None, false));
    }
}
