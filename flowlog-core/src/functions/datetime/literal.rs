//! Trino's text forms of DATE and TIMESTAMP values, as literals and casts from varchar read them.
//!
//! ```text
//! DATE       [+-]y…y-M[M]-d[d]
//! TIMESTAMP  [+-]y…y-M[M]-d[d][( |T)H[H]:m[m][:s[s][.f…f]]][ ZONE]
//! ```
//!
//! The precision of a TIMESTAMP literal is the number of fraction digits written (0 to 12);
//! `ZONE` is anything [`TrinoZone::parse`] accepts and makes the value a `timestamp with time zone`.

use crate::time::TrinoZone;
use crate::time::calendar::{days_from_civil, is_valid_date};

use super::value::{NANOS_PER_DAY, NANOS_PER_SECOND};

/// A parsed TIMESTAMP text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimestampText {
    /// Wall-clock nanoseconds since 1970-01-01T00:00 (fraction digits past 9 are dropped).
    pub(crate) wall: i128,
    /// Number of fraction digits written.
    pub(crate) precision: u8,
    /// The zone written after the time, if any.
    pub(crate) zone: Option<TrinoZone>,
}

/// Parse a DATE text; `None` if it is not one.
pub(crate) fn parse_date(text: &str) -> Option<i64> {
    let mut cursor = Cursor::new(java_trim(text));
    let days = cursor.date()?;
    cursor.at_end().then_some(days)
}

/// Parse a TIMESTAMP text; the error says what is wrong.
pub(crate) fn parse_timestamp(text: &str) -> Result<TimestampText, String> {
    let invalid = || format!("Value cannot be cast to timestamp: {text}");
    let mut cursor = Cursor::new(java_trim(text));
    let days = cursor.date().ok_or_else(invalid)?;
    let mut time = 0_i128;
    let mut precision = 0_u8;
    // A zone may follow the date directly (`2001-1-22 +07:09`, `2001-1-2+07:09`).
    if cursor.time_follows() {
        cursor.eat(' ');
        cursor.eat('T');
        let hour = cursor.number(1, 2).ok_or_else(invalid)?;
        if !cursor.eat(':') {
            return Err(invalid());
        }
        let minute = cursor.number(1, 2).ok_or_else(invalid)?;
        let mut second = 0;
        if cursor.eat(':') {
            second = cursor.number(1, 2).ok_or_else(invalid)?;
            if cursor.eat('.') {
                let digits = cursor.digits();
                if digits.is_empty() {
                    return Err(invalid());
                }
                if digits.len() > 12 {
                    return Err(format!(
                        "TIMESTAMP precision must be in range [0, 12]: {}",
                        digits.len()
                    ));
                }
                precision = digits.len() as u8;
                let nine: String = format!("{digits:0<9}").chars().take(9).collect();
                time += nine.parse::<i128>().map_err(|_| invalid())?;
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(invalid());
        }
        time += (i128::from(hour) * 3600 + i128::from(minute) * 60 + i128::from(second))
            * NANOS_PER_SECOND;
    }
    let rest = cursor.rest().trim();
    let zone = if rest.is_empty() {
        None
    } else {
        Some(TrinoZone::parse(rest).map_err(|e| e.to_string())?)
    };
    Ok(TimestampText {
        wall: i128::from(days) * NANOS_PER_DAY + time,
        precision,
        zone,
    })
}

/// `text` without the leading and trailing characters up to U+0020, as Java's `String.trim`
/// (so the control characters U+001C-U+001F go too).
fn java_trim(text: &str) -> &str {
    text.trim_matches(|c: char| c <= ' ')
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.text[self.at..].starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn digits(&mut self) -> &'a str {
        let rest = &self.text[self.at..];
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        self.at += n;
        &rest[..n]
    }

    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let d = self.digits();
        if d.len() < min || d.len() > max {
            return None;
        }
        d.parse().ok()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Whether a time (`' '` or `'T'` then a digit) comes next.
    fn time_follows(&self) -> bool {
        let mut rest = self.rest().chars();
        matches!(rest.next(), Some(' ' | 'T')) && rest.next().is_some_and(|c| c.is_ascii_digit())
    }

    fn at_end(&self) -> bool {
        self.at == self.text.len()
    }

    /// `[+-]year-month-day` as days since 1970-01-01.
    fn date(&mut self) -> Option<i64> {
        let negative = self.eat('-');
        if !negative {
            self.eat('+');
        }
        let year = self.digits();
        if year.is_empty() || year.len() > 9 {
            return None;
        }
        let year: i64 = year.parse().ok()?;
        let year = if negative { -year } else { year };
        if !self.eat('-') {
            return None;
        }
        let month = self.number(1, 2)?;
        if !self.eat('-') {
            return None;
        }
        let day = self.number(1, 2)?;
        is_valid_date(year, month, day).then(|| days_from_civil(year, month, day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_take_their_precision_from_the_digits() {
        let t = parse_timestamp("2001-1-22 03:04:05.321 +07:09").unwrap();
        assert_eq!(t.precision, 3);
        assert_eq!(t.zone.unwrap().id(), "+07:09");
        // 2001-01-22 is day 11344 since the epoch.
        let expected =
            11_344 * NANOS_PER_DAY + (3 * 3600 + 4 * 60 + 5) * NANOS_PER_SECOND + 321_000_000;
        assert_eq!(t.wall, expected);
        assert_eq!(parse_timestamp("2020-05-01 12:34:56").unwrap().precision, 0);
        assert_eq!(parse_timestamp("2020-05-01 12:34").unwrap().zone, None);
        assert!(parse_timestamp("2020-05-01 12:34:56.1234567890123").is_err());
        assert!(parse_timestamp("2020-13-01").is_err());
    }

    #[test]
    fn a_zone_may_follow_the_date() {
        let berlin = parse_timestamp("2001-01-02 Europe/Berlin").unwrap();
        assert_eq!(
            berlin.wall,
            i128::from(days_from_civil(2001, 1, 2)) * NANOS_PER_DAY
        );
        assert!(berlin.zone.is_some());
        let offset = parse_timestamp("2001-1-2+07:09").unwrap();
        assert_eq!(offset.precision, 0);
        assert!(offset.zone.is_some());
        assert!(parse_timestamp("2001-1-2 x").is_err());
    }

    #[test]
    fn dates_allow_short_years() {
        assert_eq!(parse_date("13-2-2"), Some(days_from_civil(13, 2, 2)));
        assert_eq!(parse_date("2001-02-29"), None);
    }
}
