//! Compiling a Joda-Time pattern (`DateTimeFormat.parsePatternTo`) into literal text and fields.

use super::JodaError;
use crate::time::pattern::{Quoting, Token, lex};

/// A compiled Joda-Time pattern.
///
/// ```
/// use flowlog_core::time::joda::JodaPattern;
/// use flowlog_core::time::TrinoZone;
/// let pattern = JodaPattern::parse("yyyy-MM-dd HH:mm:ss").unwrap();
/// let tokyo = TrinoZone::parse("+09:00").unwrap();
/// assert_eq!(pattern.format(1_418_530_010_000, &tokyo), "2014-12-14 13:06:50");
/// assert!(!pattern.has_zone_field());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JodaPattern {
    /// The pattern's elements, in order.
    pub(super) items: Vec<Item>,
    /// Whether the pattern has an unquoted `z` or `Z` (Trino's own scan of the text).
    zone_field: bool,
    /// Two-digit years parse within 50 years of this year (Joda: the current year minus 30).
    pub(super) pivot_year: i32,
}

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Item {
    /// Text printed as is.
    Literal(String),
    /// A decimal field.
    Number(Number),
    /// The last two digits of the year (`yy`, `YY`) or weekyear (`xx`).
    TwoDigitYear {
        /// `xx` rather than `yy`.
        weekyear: bool,
        /// When parsing, whether more than two digits may be read (Joda's `lenientParse`:
        /// false when the next pattern element is numeric).
        lenient: bool,
    },
    /// A text field.
    Text(TextField),
    /// Fraction of the second, exactly `digits` digits, truncated.
    Fraction {
        /// The count of `S` letters.
        digits: usize,
    },
    /// The zone's name: `z` (short) or `zzzz` (long).
    ZoneName {
        /// Long form (four or more letters).
        long: bool,
    },
    /// The zone's offset: `Z` (`+0900`) or `ZZ` (`+09:00`).
    ZoneOffset {
        /// With a colon (`ZZ`).
        colon: bool,
    },
    /// The zone's id (`ZZZ` or more).
    ZoneId,
}

/// A decimal field with Joda's printing and parsing widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Number {
    /// The field.
    pub(super) field: NumberField,
    /// Minimum digits printed (zero-padded); the count of letters.
    pub(super) min_digits: usize,
    /// Maximum digits parsed.
    pub(super) max_digits: usize,
    /// Whether a sign may be parsed (year, weekyear, century).
    pub(super) signed: bool,
}

/// The decimal fields of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberField {
    /// `C`
    CenturyOfEra,
    /// `Y` (other than `YY`)
    YearOfEra,
    /// `y` (other than `yy`)
    Year,
    /// `x` (other than `xx`)
    Weekyear,
    /// `w`
    WeekOfWeekyear,
    /// `e`
    DayOfWeek,
    /// `D`
    DayOfYear,
    /// `M`, `MM`
    MonthOfYear,
    /// `d`
    DayOfMonth,
    /// `K`
    HourOfHalfday,
    /// `h`
    ClockhourOfHalfday,
    /// `H`
    HourOfDay,
    /// `k`
    ClockhourOfDay,
    /// `m`
    MinuteOfHour,
    /// `s`
    SecondOfMinute,
}

/// The text fields of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextField {
    /// `G`: `AD` / `BC`.
    Era,
    /// `a`: `AM` / `PM`.
    Halfday,
    /// `MMM`: `Jan`.
    MonthShort,
    /// `MMMM`: `January`.
    MonthLong,
    /// `E`, `EE`, `EEE`: `Tue`.
    DayOfWeekShort,
    /// `EEEE`: `Tuesday`.
    DayOfWeekLong,
}

/// Trino's `datetimeFormatSpecifiesZone`: an unquoted `z` or `Z` anywhere in the pattern.
///
/// Trino rejects such patterns for `TIMESTAMP` (no zone) before compiling them, with
/// `format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not
/// contain TZ information`.
///
/// ```
/// use flowlog_core::time::joda::pattern_specifies_zone;
/// assert!(pattern_specifies_zone("yyyy-MM-dd Z"));
/// assert!(!pattern_specifies_zone("yyyy-MM-dd 'Zulu'"));
/// ```
pub fn pattern_specifies_zone(pattern: &str) -> bool {
    let mut quoted = false;
    for c in pattern.chars() {
        if quoted {
            quoted = c != '\'';
            continue;
        }
        match c {
            'z' | 'Z' => return true,
            '\'' => quoted = true,
            _ => {}
        }
    }
    false
}

impl JodaPattern {
    /// Compiles a pattern as Joda-Time's `DateTimeFormat.forPattern` does.
    ///
    /// Errors: the empty pattern, and any ASCII letter outside the table in the module docs
    /// (`Illegal pattern component: F`). An unterminated quote is not an error: the quoted text
    /// runs to the end of the pattern.
    ///
    /// ```
    /// use flowlog_core::time::joda::{JodaError, JodaPattern};
    /// assert_eq!(
    ///     JodaPattern::parse("yyyy-MM-dd FF").unwrap_err().to_string(),
    ///     "Illegal pattern component: FF"
    /// );
    /// assert_eq!(JodaPattern::parse(""), Err(JodaError::EmptyPattern));
    /// ```
    pub fn parse(pattern: &str) -> Result<JodaPattern, JodaError> {
        use chrono::Datelike as _;
        JodaPattern::parse_in_year(pattern, chrono::Utc::now().year())
    }

    /// [`JodaPattern::parse`] as if the current year were `current_year`, which only matters
    /// for parsing two-digit years (`yy`): they fall within `current_year - 80` to
    /// `current_year + 19`, as in Joda (pivot `current_year - 30`).
    pub fn parse_in_year(pattern: &str, current_year: i32) -> Result<JodaPattern, JodaError> {
        if pattern.is_empty() {
            return Err(JodaError::EmptyPattern);
        }
        let lexemes = lex(pattern, Quoting::Joda);
        let mut items: Vec<Item> = Vec::new();
        for (n, lexeme) in lexemes.iter().enumerate() {
            let (letter, count) = match &lexeme.token {
                Token::Letters { letter, count } => (*letter, *count),
                Token::Quoted { text, .. } => {
                    push_literal(&mut items, text);
                    continue;
                }
                Token::Other(c) => {
                    push_literal(&mut items, c.encode_utf8(&mut [0; 4]));
                    continue;
                }
            };
            let next_is_numeric = lexemes
                .get(n + 1)
                .is_some_and(|l| is_numeric_token(&l.token));
            let item = compile_letter(letter, count, next_is_numeric).ok_or_else(|| {
                JodaError::IllegalComponent {
                    component: letter.to_string().repeat(count),
                    position: lexeme.index,
                }
            })?;
            items.push(item);
        }
        Ok(JodaPattern {
            items,
            zone_field: pattern_specifies_zone(pattern),
            pivot_year: current_year.saturating_sub(30),
        })
    }

    /// True if the pattern prints a zone (unquoted `z` or `Z`): Trino forbids those for
    /// `TIMESTAMP` without time zone (see [`pattern_specifies_zone`]).
    pub fn has_zone_field(&self) -> bool {
        self.zone_field
    }
}

/// The pattern element for a run of `count` letters (`None` for letters Joda does not know).
fn compile_letter(letter: char, count: usize, next_is_numeric: bool) -> Option<Item> {
    let number = |field, max_digits: usize, signed| {
        Item::Number(Number {
            field,
            min_digits: count,
            max_digits: max_digits.max(count),
            signed,
        })
    };
    // Years read up to nine digits unless a numeric field follows directly.
    let year_digits = if next_is_numeric { count } else { 9 };
    let item = match letter {
        'G' => Item::Text(TextField::Era),
        'C' => number(NumberField::CenturyOfEra, count, true),
        'x' | 'y' | 'Y' if count == 2 => Item::TwoDigitYear {
            weekyear: letter == 'x',
            lenient: !next_is_numeric,
        },
        'x' => number(NumberField::Weekyear, year_digits, true),
        'y' => number(NumberField::Year, year_digits, true),
        'Y' => number(NumberField::YearOfEra, year_digits, false),
        'M' if count >= 4 => Item::Text(TextField::MonthLong),
        'M' if count == 3 => Item::Text(TextField::MonthShort),
        'M' => number(NumberField::MonthOfYear, 2, false),
        'd' => number(NumberField::DayOfMonth, 2, false),
        'a' => Item::Text(TextField::Halfday),
        'h' => number(NumberField::ClockhourOfHalfday, 2, false),
        'H' => number(NumberField::HourOfDay, 2, false),
        'k' => number(NumberField::ClockhourOfDay, 2, false),
        'K' => number(NumberField::HourOfHalfday, 2, false),
        'm' => number(NumberField::MinuteOfHour, 2, false),
        's' => number(NumberField::SecondOfMinute, 2, false),
        'S' => Item::Fraction { digits: count },
        'e' => number(NumberField::DayOfWeek, 1, false),
        'E' if count >= 4 => Item::Text(TextField::DayOfWeekLong),
        'E' => Item::Text(TextField::DayOfWeekShort),
        'D' => number(NumberField::DayOfYear, 3, false),
        'w' => number(NumberField::WeekOfWeekyear, 2, false),
        'z' => Item::ZoneName { long: count >= 4 },
        'Z' if count <= 2 => Item::ZoneOffset { colon: count == 2 },
        'Z' => Item::ZoneId,
        _ => return None,
    };
    Some(item)
}

/// Appends literal text, joining it to a literal just before (so printing and parsing see one
/// run of text); empty text adds nothing.
fn push_literal(items: &mut Vec<Item>, text: &str) {
    if text.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(Item::Literal(previous)) => previous.push_str(text),
        _ => items.push(Item::Literal(text.to_string())),
    }
}

/// Joda's `isNumericToken`: whether a token is a field that reads digits.
fn is_numeric_token(token: &Token) -> bool {
    match token {
        Token::Letters { letter: 'M', count } => *count <= 2,
        Token::Letters { letter, .. } => "cCxyYdhHmsSeDFwWkK".contains(*letter),
        Token::Quoted { .. } | Token::Other(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn illegal_letters_are_errors() {
        for letter in ('A'..='Z').chain('a'..='z') {
            let legal = "GCYxwyDMdaKhHkmsSezZE".contains(letter) || letter == 'e';
            let result = JodaPattern::parse(&format!("yyyy {letter}{letter}"));
            if legal {
                assert!(result.is_ok(), "{letter}");
            } else {
                assert_eq!(
                    result,
                    Err(JodaError::IllegalComponent {
                        component: format!("{letter}{letter}"),
                        position: 5
                    }),
                    "{letter}"
                );
            }
        }
        assert_eq!(
            JodaPattern::parse("F").map_err(|e| e.to_string()),
            Err("Illegal pattern component: F".to_string())
        );
        // Joda rejects a bare T: ISO-style patterns must quote it.
        assert_eq!(
            JodaPattern::parse("yyyy-MM-ddTHH").map_err(|e| e.to_string()),
            Err("Illegal pattern component: T".to_string())
        );
        assert_eq!(JodaPattern::parse(""), Err(JodaError::EmptyPattern));
        assert_eq!(
            JodaError::EmptyPattern.to_string(),
            "Invalid pattern specification: Pattern is null or empty"
        );
    }

    #[test]
    fn zone_field_detection() {
        let has_zone = |p: &str| JodaPattern::parse(p).map(|c| c.has_zone_field());
        assert_eq!(has_zone("yyyy-MM-dd HH:mm:ss"), Ok(false));
        assert_eq!(has_zone("yyyy Z"), Ok(true));
        assert_eq!(has_zone("zzzz"), Ok(true));
        assert_eq!(has_zone("'Z' yyyy"), Ok(false));
        assert_eq!(has_zone("'it''s' z"), Ok(true));
        assert_eq!(has_zone("'unterminated z"), Ok(false));
        assert!(pattern_specifies_zone("F z"));
        assert!(!pattern_specifies_zone(""));
    }

    #[test]
    fn compiles_fields_like_joda() {
        let items = |p: &str| JodaPattern::parse(p).map(|c| c.items).unwrap_or_default();
        // A year followed directly by a number parses at most its own width.
        assert_eq!(
            items("yyyyMMdd")[0],
            Item::Number(Number {
                field: NumberField::Year,
                min_digits: 4,
                max_digits: 4,
                signed: true
            })
        );
        assert_eq!(
            items("yyyy-MM")[0],
            Item::Number(Number {
                field: NumberField::Year,
                min_digits: 4,
                max_digits: 9,
                signed: true
            })
        );
        assert_eq!(
            items("yyMM")[0],
            Item::TwoDigitYear {
                weekyear: false,
                lenient: false
            }
        );
        assert_eq!(
            items("yy-MM")[0],
            Item::TwoDigitYear {
                weekyear: false,
                lenient: true
            }
        );
        assert_eq!(
            items("YY")[0],
            Item::TwoDigitYear {
                weekyear: false,
                lenient: true
            }
        );
        assert_eq!(
            items("xx")[0],
            Item::TwoDigitYear {
                weekyear: true,
                lenient: true
            }
        );
        assert_eq!(items("MMM")[0], Item::Text(TextField::MonthShort));
        assert_eq!(items("ZZZZ")[0], Item::ZoneId);
        // Adjacent literal runs are merged.
        assert_eq!(items("'a'-'b'"), vec![Item::Literal("a-b".to_string())]);
    }
}
