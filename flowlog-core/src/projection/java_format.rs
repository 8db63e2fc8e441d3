//! The subset of `java.time.format.DateTimeFormatter` patterns that a date partition uses.
//!
//! Athena reads `projection.<col>.format` as a `java.time` pattern (`ofPattern`, English names,
//! `ResolverStyle.SMART`, strict parsing). This module compiles such a pattern once and then both
//! formats a [`NaiveDateTime`] and parses text back, following the same rules:
//!
//! * `y` (year-of-era) and `u` (year): `y`/`u` any width, `yy` two digits with base year 2000
//!   (`"26"` is 2026), `yyy` at least three digits, `yyyy`… exactly that many digits.
//! * `M` month (`M`, `MM`, `MMM` = `Jan`, `MMMM` = `January`), `d` day-of-month, `H` hour 0-23,
//!   `m` minute, `s` second (each one or two letters), `S`…`SSSSSSSSS` fraction of second.
//! * `'text'` quoted literal, `''` a single quote, any other non-letter character is literal.
//! * One letter means "as many digits as there are", two letters mean "exactly two digits".
//!   A variable-width number directly followed by fixed-width numbers leaves their digits to them
//!   (java.time's adjacent value parsing), so `yyyyMMdd` and `yMMdd` both read `20240115`.
//! * Parsing must consume the whole text. Missing fields default to 1970-01-01 00:00:00
//!   (the defaults of Java's date formatters). A day-of-month past the end of the month is
//!   moved back to the last day (`SMART`: `2021-02-30` reads as 2021-02-28), and `24:00:00` is
//!   midnight of the next day.
//!
//! ```text
//! pattern  yyyy/MM/dd          'dt='yyyy-MM-dd-HH      yyyyMM
//! value    2026/11/19          dt=2026-11-19-07        202611
//! ```

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use crate::time::calendar::days_in_month;
use crate::time::pattern::{MONTHS, MONTHS_SHORT, Quoting, Token, lex};

/// Letters that `java.time` defines but this module does not implement.
const UNSUPPORTED_LETTERS: &str = "GYQqwWEecFahKknNAVvzOXxZDLBgp";

/// How coarse the finest field of a pattern is.
///
/// Decides the default `projection.<col>.interval.unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// Only a year field (`yyyy`).
    Year,
    /// Finest field is the month (`yyyy-MM`).
    Month,
    /// Finest field is the day (`yyyy/MM/dd`).
    Day,
    /// The pattern has an hour, minute, second or fraction field.
    SubDay,
}

/// An error in a pattern string itself (not in a value).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// A letter that `java.time` does not define (Java rejects the pattern too).
    #[error("unknown pattern letter '{letter}' at byte {offset}")]
    UnknownLetter {
        /// The letter.
        letter: char,
        /// Byte offset in the pattern.
        offset: usize,
    },
    /// A `java.time` letter that this implementation does not support for partition dates.
    #[error("pattern letter '{letter}' at byte {offset} is not supported for partition dates")]
    UnsupportedLetter {
        /// The letter.
        letter: char,
        /// Byte offset in the pattern.
        offset: usize,
    },
    /// A letter repeated more often than allowed (`ddd`, ten `S`).
    #[error("too many pattern letters '{letter}' ({count}) at byte {offset}; at most {max}")]
    TooManyLetters {
        /// The letter.
        letter: char,
        /// How many times it was repeated.
        count: usize,
        /// The largest supported repetition.
        max: usize,
        /// Byte offset in the pattern.
        offset: usize,
    },
    /// A `'` that is never closed.
    #[error("quoted text starting at byte {offset} is not closed with '")]
    UnterminatedQuote {
        /// Byte offset of the opening quote.
        offset: usize,
    },
    /// `[`, `]` (optional sections) or the reserved `{`, `}`, `#`.
    #[error(
        "character '{character}' at byte {offset} is reserved or starts an optional section, which is not supported; quote it as '{character}'"
    )]
    ReservedCharacter {
        /// The character.
        character: char,
        /// Byte offset in the pattern.
        offset: usize,
    },
    /// A pattern with no characters at all.
    #[error("the pattern is empty")]
    Empty,
}

/// Why a text does not parse with a pattern.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseDateError {
    /// The text does not have what the pattern asks for at this position.
    #[error("expected {expected} at byte {offset}")]
    Mismatch {
        /// Byte offset in the text.
        offset: usize,
        /// What the pattern wanted there.
        expected: String,
    },
    /// The pattern was fully matched before the end of the text.
    #[error("unexpected text at byte {offset} after the end of the pattern")]
    TrailingText {
        /// Byte offset of the first unread character.
        offset: usize,
    },
    /// A field has a value outside its range (month 13, minute 60).
    #[error("{field} {value} is out of range")]
    OutOfRange {
        /// The field name.
        field: &'static str,
        /// The value read.
        value: u64,
    },
    /// The same field was read twice with different values.
    #[error("conflicting values for the {field}")]
    Conflict {
        /// The field name.
        field: &'static str,
    },
}

/// The date-time fields a pattern can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    YearOfEra,
    Year,
    ReducedYear,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Fraction,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::YearOfEra | Field::Year | Field::ReducedYear => "year",
            Field::Month => "month",
            Field::Day => "day-of-month",
            Field::Hour => "hour",
            Field::Minute => "minute",
            Field::Second => "second",
            Field::Fraction => "fraction-of-second",
        }
    }
}

/// One compiled element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Literal(String),
    Number {
        field: Field,
        /// Fewest digits read; also the zero-padded width when printing.
        min: usize,
        /// Most digits read.
        max: usize,
        /// Fixed width in java.time's sense (takes part in adjacent value parsing).
        fixed: bool,
        /// Letters as written, for messages.
        letters: String,
    },
    MonthText {
        full: bool,
    },
}

/// A compiled `java.time` date pattern (see the [module documentation](self)).
///
/// ```
/// # use flowlog_core::projection::DatePattern;
/// let p = DatePattern::compile("yyyy/MM/dd").unwrap();
/// let t = p.parse("2026/11/19").unwrap();
/// assert_eq!(t.to_string(), "2026-11-19 00:00:00");
/// assert_eq!(p.format(&t), "2026/11/19");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePattern {
    pattern: String,
    items: Vec<Item>,
}

impl DatePattern {
    /// Compiles `pattern`, rejecting letters outside the supported subset with their position.
    pub fn compile(pattern: &str) -> Result<Self, PatternError> {
        if pattern.is_empty() {
            return Err(PatternError::Empty);
        }
        let mut items: Vec<Item> = Vec::new();
        for lexeme in lex(pattern, Quoting::JavaTime) {
            let offset = lexeme.offset;
            match lexeme.token {
                Token::Letters { letter, count } => items.push(letter_item(letter, count, offset)?),
                Token::Quoted {
                    terminated: false, ..
                } => return Err(PatternError::UnterminatedQuote { offset }),
                Token::Quoted { text, .. } => push_literal(&mut items, &text),
                Token::Other(character @ ('[' | ']' | '{' | '}' | '#')) => {
                    return Err(PatternError::ReservedCharacter { character, offset });
                }
                Token::Other(c) => push_literal(&mut items, c.encode_utf8(&mut [0; 4])),
            }
        }
        Ok(DatePattern {
            pattern: pattern.to_owned(),
            items,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The finest field of the pattern (quoted text ignored).
    ///
    /// ```
    /// # use flowlog_core::projection::{DatePattern, Precision};
    /// assert_eq!(DatePattern::compile("yyyy/MM/dd").unwrap().precision(), Precision::Day);
    /// assert_eq!(DatePattern::compile("yyyy-MM").unwrap().precision(), Precision::Month);
    /// assert_eq!(DatePattern::compile("yyyy-MM-dd-HH").unwrap().precision(), Precision::SubDay);
    /// ```
    pub fn precision(&self) -> Precision {
        let mut precision = Precision::Year;
        for field in self.fields() {
            let p = match field {
                Field::Hour | Field::Minute | Field::Second | Field::Fraction => Precision::SubDay,
                Field::Day => Precision::Day,
                Field::Month => Precision::Month,
                Field::YearOfEra | Field::Year | Field::ReducedYear => Precision::Year,
            };
            precision = precision.max(p);
        }
        precision
    }

    /// True when every instant maps to text that reads back as the start of its own period:
    /// the pattern has a full year and no gap from the year down to its finest field.
    ///
    /// For such patterns the instants printing as one text form a single contiguous interval
    /// beginning at [`parse`](Self::parse) of that text.
    pub(crate) fn is_faithful(&self) -> bool {
        // Order: year, month, day, hour, minute, second, fraction.
        let mut present = [false; 7];
        for field in self.fields() {
            let slot = match field {
                Field::YearOfEra | Field::Year => 0,
                Field::ReducedYear => return false,
                Field::Month => 1,
                Field::Day => 2,
                Field::Hour => 3,
                Field::Minute => 4,
                Field::Second => 5,
                Field::Fraction => 6,
            };
            present[slot] = true;
        }
        let finest = present.iter().rposition(|&p| p);
        match finest {
            Some(last) => present[..=last].iter().all(|&p| p),
            None => false,
        }
    }

    fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.items.iter().filter_map(|item| match item {
            Item::Number { field, .. } => Some(*field),
            Item::MonthText { .. } => Some(Field::Month),
            Item::Literal(_) => None,
        })
    }

    /// Prints `value` with the pattern.
    pub fn format(&self, value: &NaiveDateTime) -> String {
        let mut out = String::new();
        for item in &self.items {
            match item {
                Item::Literal(text) => out.push_str(text),
                Item::MonthText { full } => {
                    let names = if *full { &MONTHS } else { &MONTHS_SHORT };
                    out.push_str(names[value.month0() as usize]);
                }
                Item::Number { field, min, .. } => format_number(&mut out, *field, *min, value),
            }
        }
        out
    }

    /// Parses `text` strictly: every pattern element must match and the whole text is consumed.
    pub fn parse(&self, text: &str) -> Result<NaiveDateTime, ParseDateError> {
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut parsed = Parsed::default();
        for (index, item) in self.items.iter().enumerate() {
            match item {
                Item::Literal(lit) => {
                    if text[pos..].starts_with(lit.as_str()) {
                        pos += lit.len();
                    } else {
                        return Err(ParseDateError::Mismatch {
                            offset: pos,
                            expected: format!("'{lit}'"),
                        });
                    }
                }
                Item::MonthText { full } => {
                    let names = if *full { &MONTHS } else { &MONTHS_SHORT };
                    let found = names.iter().enumerate().find_map(|(i, name)| {
                        text[pos..].starts_with(name).then_some((i, name.len()))
                    });
                    let Some((month0, len)) = found else {
                        return Err(ParseDateError::Mismatch {
                            offset: pos,
                            expected: if *full {
                                "an English month name (January)".to_owned()
                            } else {
                                "an English month abbreviation (Jan)".to_owned()
                            },
                        });
                    };
                    parsed.set(Field::Month, month0 as u64 + 1)?;
                    pos += len;
                }
                Item::Number {
                    field,
                    min,
                    max,
                    fixed,
                    letters,
                } => {
                    let reserved = if *fixed {
                        0
                    } else {
                        reserved_width(&self.items[index + 1..])
                    };
                    let available = bytes[pos..]
                        .iter()
                        .take(max + reserved)
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    let take = if *fixed {
                        *min
                    } else {
                        available.saturating_sub(reserved).max(*min).min(*max)
                    };
                    if available < take {
                        return Err(ParseDateError::Mismatch {
                            offset: pos,
                            expected: match (min == max, *min == 1) {
                                (true, _) => format!("{min} digits for {letters}"),
                                (false, true) => format!("a digit for {letters}"),
                                (false, false) => format!("at least {min} digits for {letters}"),
                            },
                        });
                    }
                    let digits = &text[pos..pos + take];
                    let value = digits.bytes().fold(0u64, |acc, b| {
                        acc.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                    });
                    let value = match field {
                        Field::ReducedYear => 2000 + value,
                        Field::Fraction => value * 10u64.pow(9 - take as u32),
                        _ => value,
                    };
                    parsed.set(*field, value)?;
                    pos += take;
                }
            }
        }
        if pos != text.len() {
            return Err(ParseDateError::TrailingText { offset: pos });
        }
        parsed.resolve()
    }
}

impl std::fmt::Display for DatePattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.pattern)
    }
}

/// Maps a run of `count` copies of `letter` to an item, as `DateTimeFormatter.ofPattern` does.
fn letter_item(letter: char, count: usize, offset: usize) -> Result<Item, PatternError> {
    let too_many = |max| PatternError::TooManyLetters {
        letter,
        count,
        max,
        offset,
    };
    let letters: String = std::iter::repeat_n(letter, count).collect();
    let number = |field, min, max, fixed| Item::Number {
        field,
        min,
        max,
        fixed,
        letters: letters.clone(),
    };
    match letter {
        'y' | 'u' => {
            let field = if letter == 'y' {
                Field::YearOfEra
            } else {
                Field::Year
            };
            match count {
                1 => Ok(number(field, 1, 19, false)),
                2 => Ok(number(Field::ReducedYear, 2, 2, true)),
                3 => Ok(number(field, 3, 19, false)),
                4..=19 => Ok(number(field, count, count, false)),
                _ => Err(too_many(19)),
            }
        }
        'M' => match count {
            1 => Ok(number(Field::Month, 1, 19, false)),
            2 => Ok(number(Field::Month, 2, 2, true)),
            3 => Ok(Item::MonthText { full: false }),
            4 => Ok(Item::MonthText { full: true }),
            5 => Err(PatternError::UnsupportedLetter { letter, offset }),
            _ => Err(too_many(4)),
        },
        'd' | 'H' | 'm' | 's' => {
            let field = match letter {
                'd' => Field::Day,
                'H' => Field::Hour,
                'm' => Field::Minute,
                _ => Field::Second,
            };
            match count {
                1 => Ok(number(field, 1, 19, false)),
                2 => Ok(number(field, 2, 2, true)),
                _ => Err(too_many(2)),
            }
        }
        'S' => match count {
            1..=9 => Ok(number(Field::Fraction, count, count, true)),
            _ => Err(too_many(9)),
        },
        other if UNSUPPORTED_LETTERS.contains(other) => {
            Err(PatternError::UnsupportedLetter { letter, offset })
        }
        _ => Err(PatternError::UnknownLetter { letter, offset }),
    }
}

fn push_literal(items: &mut Vec<Item>, text: &str) {
    if let Some(Item::Literal(prev)) = items.last_mut() {
        prev.push_str(text);
    } else {
        items.push(Item::Literal(text.to_owned()));
    }
}

/// Digits a variable-width number leaves to the fixed-width numbers right after it.
fn reserved_width(rest: &[Item]) -> usize {
    rest.iter()
        .map_while(|item| match item {
            Item::Number {
                fixed: true, min, ..
            } => Some(*min),
            _ => None,
        })
        .sum()
}

fn format_number(out: &mut String, field: Field, min: usize, value: &NaiveDateTime) {
    use std::fmt::Write as _;
    let year = i64::from(value.year());
    let n: i64 = match field {
        Field::YearOfEra => {
            if year >= 1 {
                year
            } else {
                1 - year
            }
        }
        Field::Year => year,
        Field::ReducedYear => year.rem_euclid(100),
        Field::Month => i64::from(value.month()),
        Field::Day => i64::from(value.day()),
        Field::Hour => i64::from(value.hour()),
        Field::Minute => i64::from(value.minute()),
        Field::Second => i64::from(value.second()),
        Field::Fraction => {
            // Digits beyond the width are truncated, never rounded.
            let nanos = i64::from(value.nanosecond() % 1_000_000_000);
            nanos / 10i64.pow(9 - min as u32)
        }
    };
    let digits = n.unsigned_abs().to_string();
    if n < 0 {
        out.push('-');
    } else if min >= 4 && digits.len() > min && matches!(field, Field::YearOfEra | Field::Year) {
        // java.time's EXCEEDS_PAD sign style for four or more year letters.
        out.push('+');
    }
    let _ = write!(out, "{digits:0>min$}");
}

/// Field values read from a text, before resolution.
#[derive(Debug, Default)]
struct Parsed {
    year_of_era: Option<u64>,
    year: Option<u64>,
    month: Option<u64>,
    day: Option<u64>,
    hour: Option<u64>,
    minute: Option<u64>,
    second: Option<u64>,
    nano: Option<u64>,
}

impl Parsed {
    fn set(&mut self, field: Field, value: u64) -> Result<(), ParseDateError> {
        let slot = match field {
            Field::YearOfEra => &mut self.year_of_era,
            Field::Year | Field::ReducedYear => &mut self.year,
            Field::Month => &mut self.month,
            Field::Day => &mut self.day,
            Field::Hour => &mut self.hour,
            Field::Minute => &mut self.minute,
            Field::Second => &mut self.second,
            Field::Fraction => &mut self.nano,
        };
        match slot {
            Some(old) if *old != value => Err(ParseDateError::Conflict {
                field: field.name(),
            }),
            _ => {
                *slot = Some(value);
                Ok(())
            }
        }
    }

    /// `ResolverStyle.SMART` resolution with 1970-01-01T00:00 defaults.
    fn resolve(self) -> Result<NaiveDateTime, ParseDateError> {
        let out_of_range =
            |field: &'static str, value: u64| ParseDateError::OutOfRange { field, value };
        if let Some(yoe) = self.year_of_era {
            if yoe == 0 {
                return Err(out_of_range("year-of-era", 0));
            }
            if self.year.is_some_and(|y| y != yoe) {
                return Err(ParseDateError::Conflict { field: "year" });
            }
        }
        let year = self.year.or(self.year_of_era).unwrap_or(1970);
        let year = i32::try_from(year)
            .ok()
            .filter(|y| *y <= 262_000)
            .ok_or(out_of_range("year", year))?;
        let month = self.month.unwrap_or(1);
        if !(1..=12).contains(&month) {
            return Err(out_of_range("month", month));
        }
        let day = self.day.unwrap_or(1);
        if !(1..=31).contains(&day) {
            return Err(out_of_range("day-of-month", day));
        }
        let hour = self.hour.unwrap_or(0);
        let minute = self.minute.unwrap_or(0);
        let second = self.second.unwrap_or(0);
        let nano = self.nano.unwrap_or(0);
        if minute > 59 {
            return Err(out_of_range("minute", minute));
        }
        if second > 59 {
            return Err(out_of_range("second", second));
        }
        let end_of_day = hour == 24 && minute == 0 && second == 0 && nano == 0;
        if hour > 23 && !end_of_day {
            return Err(out_of_range("hour", hour));
        }
        // Values are range-checked above, so the narrowing casts are lossless.
        let month = month as u32;
        let first =
            NaiveDate::from_ymd_opt(year, month, 1).ok_or(out_of_range("year", year as u64))?;
        let last_day = days_in_month(i64::from(year), month);
        let date = first
            .with_day((day as u32).min(last_day))
            .ok_or(out_of_range("day-of-month", day))?;
        let time = NaiveTime::from_hms_nano_opt(
            if end_of_day { 0 } else { hour as u32 },
            minute as u32,
            second as u32,
            nano as u32,
        )
        .ok_or(out_of_range("fraction-of-second", nano))?;
        let mut result = date.and_time(time);
        if end_of_day {
            result = result
                .checked_add_signed(TimeDelta::days(1))
                .ok_or(out_of_range("year", year as u64))?;
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests;
