//! The relative bounds of a date projection's range: `NOW`, `NOW-3DAYS`, `NOW + 1 MONTH`.

use chrono::{Months, NaiveDateTime, TimeDelta};

use super::date::{IntervalUnit, Size};

/// `NOW`, or `NOW` plus or minus an amount of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NowExpr {
    Now,
    Shift {
        add: bool,
        amount: u64,
        unit: IntervalUnit,
    },
}

impl NowExpr {
    pub(super) fn apply(self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let NowExpr::Shift { add, amount, unit } = self else {
            return Some(now);
        };
        match unit.size() {
            Size::Months(per) => {
                let months = u32::try_from(u128::from(amount) * per as u128).ok()?;
                if add {
                    now.checked_add_months(Months::new(months))
                } else {
                    now.checked_sub_months(Months::new(months))
                }
            }
            Size::Millis(per) => {
                let millis = i64::try_from(i128::from(amount) * per).ok()?;
                let delta = TimeDelta::try_milliseconds(millis)?;
                if add {
                    now.checked_add_signed(delta)
                } else {
                    now.checked_sub_signed(delta)
                }
            }
        }
    }
}

/// Java's `\s`: space, tab, newline, vertical tab, form feed, carriage return.
fn is_java_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r')
}

/// Matches `\s*NOW\s*(([+-])\s*([0-9]+)\s*(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND)S?\s*)?`,
/// ignoring letter case.
pub(super) fn parse_now(text: &str) -> Option<NowExpr> {
    let text = text.trim_matches(is_java_space);
    let head = text.get(..3)?;
    if !head.eq_ignore_ascii_case("NOW") {
        return None;
    }
    let rest = text[3..].trim_start_matches(is_java_space);
    if rest.is_empty() {
        return Some(NowExpr::Now);
    }
    let add = match rest.as_bytes()[0] {
        b'+' => true,
        b'-' => false,
        _ => return None,
    };
    let rest = rest[1..].trim_start_matches(is_java_space);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    // Saturate: an absurd amount fails later as out of range.
    let amount = rest[..digits].parse::<u64>().unwrap_or(u64::MAX);
    let word = rest[digits..].trim_start_matches(is_java_space);
    let singular = if word.len() > 1 && word.ends_with(['s', 'S']) {
        &word[..word.len() - 1]
    } else {
        word
    };
    let unit = [
        ("YEAR", IntervalUnit::Years),
        ("MONTH", IntervalUnit::Months),
        ("WEEK", IntervalUnit::Weeks),
        ("DAY", IntervalUnit::Days),
        ("HOUR", IntervalUnit::Hours),
        ("MINUTE", IntervalUnit::Minutes),
        ("SECOND", IntervalUnit::Seconds),
    ]
    .into_iter()
    .find_map(|(name, unit)| singular.eq_ignore_ascii_case(name).then_some(unit))?;
    Some(NowExpr::Shift { add, amount, unit })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn now_arithmetic_with_every_unit() {
        let now = dt(2024, 3, 31, 12, 34, 56);
        let shifted = |expr: &str| parse_now(expr).unwrap().apply(now).unwrap();
        assert_eq!(shifted("NOW"), now);
        assert_eq!(shifted("NOW-1YEAR"), dt(2023, 3, 31, 12, 34, 56));
        assert_eq!(shifted("NOW+1YEARS"), dt(2025, 3, 31, 12, 34, 56));
        // March 31 minus one month: February has 29 days in 2024.
        assert_eq!(shifted("NOW-1MONTH"), dt(2024, 2, 29, 12, 34, 56));
        assert_eq!(shifted("NOW+1MONTHS"), dt(2024, 4, 30, 12, 34, 56));
        assert_eq!(shifted("NOW-2WEEKS"), dt(2024, 3, 17, 12, 34, 56));
        assert_eq!(shifted("NOW+1WEEK"), dt(2024, 4, 7, 12, 34, 56));
        assert_eq!(shifted("NOW-3DAYS"), dt(2024, 3, 28, 12, 34, 56));
        assert_eq!(shifted("NOW+1DAY"), dt(2024, 4, 1, 12, 34, 56));
        assert_eq!(shifted("NOW-13HOURS"), dt(2024, 3, 30, 23, 34, 56));
        assert_eq!(shifted("NOW+12HOUR"), dt(2024, 4, 1, 0, 34, 56));
        assert_eq!(shifted("NOW-35MINUTES"), dt(2024, 3, 31, 11, 59, 56));
        assert_eq!(shifted("NOW+1MINUTE"), dt(2024, 3, 31, 12, 35, 56));
        assert_eq!(shifted("NOW-57SECONDS"), dt(2024, 3, 31, 12, 33, 59));
        assert_eq!(shifted("NOW+4SECOND"), dt(2024, 3, 31, 12, 35, 0));
    }

    #[test]
    fn now_expression_whitespace_and_case() {
        let now = dt(2024, 3, 31, 12, 0, 0);
        let shifted = |expr: &str| parse_now(expr).map(|e| e.apply(now).unwrap());
        assert_eq!(shifted("  NOW  "), Some(now));
        assert_eq!(shifted("NOW - 3 DAYS"), Some(dt(2024, 3, 28, 12, 0, 0)));
        assert_eq!(shifted("\tNOW+ 1\tMONTH "), Some(dt(2024, 4, 30, 12, 0, 0)));
        assert_eq!(shifted("now-3days"), Some(dt(2024, 3, 28, 12, 0, 0)));
        assert_eq!(shifted("Now-1Day"), Some(dt(2024, 3, 30, 12, 0, 0)));
        assert_eq!(shifted("NOW-3"), None);
        assert_eq!(shifted("NOW-DAYS"), None);
        assert_eq!(shifted("NOW*3DAYS"), None);
        assert_eq!(shifted("NOW-3FORTNIGHTS"), None);
        assert_eq!(shifted("NOW-3MILLISECONDS"), None);
        assert_eq!(shifted("NOW-3DAYSS"), None);
        assert_eq!(shifted("NOW-3S"), None);
        assert_eq!(shifted("2024/01/01"), None);
    }
}
