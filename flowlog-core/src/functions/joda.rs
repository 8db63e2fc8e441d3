//! Joda-Time `DateTimeFormat` patterns, as Trino's `format_datetime` (and `parse_datetime`) use them.
//!
//! A pattern is compiled once ([`JodaPattern::parse`]) into literal text and fields, following
//! Joda-Time's `DateTimeFormat.parsePatternTo`:
//!
//! ```text
//! G era (AD)          C century of era     Y year of era       x weekyear         w week of weekyear
//! e day of week (1-7) E day of week text   y year              D day of year      M month (07, Jul, July)
//! d day of month      a halfday (AM/PM)    K hour 0-11         h clockhour 1-12   H hour 0-23
//! k clockhour 1-24    m minute             s second            S fraction (truncated)
//! z zone name (JST, Japan Standard Time)   Z offset +0900 / ZZ +09:00 / ZZZ zone id
//! 'text' quoted text  '' a single quote    other non-letters are literal; other ASCII letters are errors
//! ```
//!
//! The count of letters chooses the form: text fields use the full form from four letters on;
//! `M` is a number below three letters; numbers are zero-padded to the count; `yy`, `YY` and `xx`
//! print the last two digits of the year; `S` prints exactly the count of digits, truncated.
//! Text is English (Athena's locale).
//!
//! [`JodaPattern::format`] prints an instant in a zone; [`JodaPattern::parse_instant`] reads text
//! back as Joda's `parseDateTime` does (fields set largest first, range errors, DST gaps, the
//! parsed offset or zone kept). Both were checked against Joda-Time itself on some 30,000
//! random instants, zones, patterns and texts; the remaining differences are time-zone data
//! (Joda's releases and chrono-tz's tzdata 2025b).

use super::zone::TrinoZone;
use std::fmt::Write as _;

/// A compiled Joda-Time pattern.
///
/// ```
/// use flowlog_core::functions::joda::JodaPattern;
/// use flowlog_core::functions::zone::TrinoZone;
/// let pattern = JodaPattern::parse("yyyy-MM-dd HH:mm:ss").unwrap();
/// let tokyo = TrinoZone::parse("+09:00").unwrap();
/// assert_eq!(pattern.format(1_418_530_010_000, &tokyo), "2014-12-14 13:06:50");
/// assert!(!pattern.has_zone_field());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JodaPattern {
    /// The pattern's elements, in order.
    items: Vec<Item>,
    /// Whether the pattern has an unquoted `z` or `Z` (Trino's own scan of the text).
    zone_field: bool,
    /// Two-digit years parse within 50 years of this year (Joda: the current year minus 30).
    pivot_year: i32,
}

/// Errors from compiling a Joda-Time pattern.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JodaError {
    /// The pattern is the empty string.
    #[error("Invalid pattern specification: Pattern is null or empty")]
    EmptyPattern,
    /// An ASCII letter that is not a Joda pattern letter (`F`, `W`, `u`, `c`, ...), repeated as
    /// written; Trino reports Joda's message as `INVALID_FUNCTION_ARGUMENT`.
    #[error("Illegal pattern component: {component}")]
    IllegalComponent {
        /// The run of the letter, e.g. `FF`.
        component: String,
        /// Character offset of the run in the pattern.
        position: usize,
    },
    /// Parsing: the text does not match the pattern at `position` (a character offset); the
    /// message quotes the text from there, as Joda's does.
    #[error("{}", malformed_message(.text, *.position))]
    Malformed {
        /// The text being parsed.
        text: String,
        /// Character offset where matching failed.
        position: usize,
    },
    /// Parsing: a field value outside its range for the date being built, such as month 13
    /// or February 30th.
    #[error(
        "Cannot parse \"{text}\": Value {value} for {field} must be in the range [{min},{max}]"
    )]
    FieldValue {
        /// The text being parsed.
        text: String,
        /// Joda's name of the field, e.g. `monthOfYear`.
        field: &'static str,
        /// The value parsed.
        value: i64,
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value.
        max: i64,
    },
    /// Parsing: a local time that does not exist in the zone (a daylight-saving gap).
    #[error("Cannot parse \"{text}\": Illegal instant due to time zone offset transition ({zone})")]
    IllegalInstant {
        /// The text being parsed.
        text: String,
        /// Joda's id of the zone.
        zone: String,
    },
    /// Parsing: a number too long for Java's `int` (Joda's `NumberFormatException`).
    #[error("For input string: \"{digits}\"")]
    NumberTooLong {
        /// The digits (and sign) read.
        digits: String,
    },
    /// Parsing with a pattern that contains a long zone name (`zzzz`), which Joda cannot parse.
    #[error("Parsing not supported")]
    ParsingNotSupported,
    /// Parsing: the parsed offset or zone has no Trino time-zone key (e.g. `+15:00`, `EST`).
    #[error("Time zone not supported: {zone}")]
    UnsupportedZone {
        /// Joda's id of the parsed zone.
        zone: String,
    },
}

/// Joda's `FormatUtils.createErrorMessage`: the text (cut 32 characters past the error), and
/// where it went wrong.
fn malformed_message(text: &str, position: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let sample_len = position + 32;
    let sample: String = if chars.len() <= sample_len + 3 {
        text.to_string()
    } else {
        chars[..sample_len].iter().collect::<String>() + "..."
    };
    if position == 0 {
        format!("Invalid format: \"{sample}\"")
    } else if position >= chars.len() {
        format!("Invalid format: \"{sample}\" is too short")
    } else {
        let rest: String = sample.chars().skip(position).collect();
        format!("Invalid format: \"{sample}\" is malformed at \"{rest}\"")
    }
}

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
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
struct Number {
    /// The field.
    field: NumberField,
    /// Minimum digits printed (zero-padded); the count of letters.
    min_digits: usize,
    /// Maximum digits parsed.
    max_digits: usize,
    /// Whether a sign may be parsed (year, weekyear, century).
    signed: bool,
}

/// The decimal fields of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberField {
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
enum TextField {
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
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A token of the pattern text (Joda's `parseToken`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A run of one ASCII letter.
    Letter {
        /// The letter.
        letter: char,
        /// How many times it repeats.
        count: usize,
    },
    /// Literal text, quotes removed.
    Literal(String),
}

/// Splits the pattern at `start` into its next token; returns it and the index after it.
fn next_token(chars: &[char], start: usize) -> (Token, usize) {
    let first = chars[start];
    if first.is_ascii_alphabetic() {
        let count = chars[start..].iter().take_while(|&&c| c == first).count();
        return (
            Token::Letter {
                letter: first,
                count,
            },
            start + count,
        );
    }
    let mut text = String::new();
    let mut quoted = false;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            if chars.get(i + 1) == Some(&'\'') {
                // '' is a quote, inside or outside quoted text.
                text.push('\'');
                i += 1;
            } else {
                quoted = !quoted;
            }
        } else if !quoted && c.is_ascii_alphabetic() {
            break;
        } else {
            text.push(c);
        }
        i += 1;
    }
    // An unterminated quote runs to the end of the pattern, as in Joda.
    (Token::Literal(text), i)
}

/// Joda's `isNumericToken`: whether a token is a field that reads digits.
fn is_numeric_token(token: &Token) -> bool {
    match token {
        Token::Letter { letter: 'M', count } => *count <= 2,
        Token::Letter { letter, .. } => "cCxyYdhHmsSeDFwWkK".contains(*letter),
        Token::Literal(_) => false,
    }
}

/// Trino's `datetimeFormatSpecifiesZone`: an unquoted `z` or `Z` anywhere in the pattern.
///
/// Trino rejects such patterns for `TIMESTAMP` (no zone) before compiling them, with
/// `format_datetime for TIMESTAMP type, cannot use 'Z' nor 'z' in format, as this type does not
/// contain TZ information`.
///
/// ```
/// use flowlog_core::functions::joda::pattern_specifies_zone;
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
    /// use flowlog_core::functions::joda::{JodaError, JodaPattern};
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
        let chars: Vec<char> = pattern.chars().collect();
        let mut items = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (token, next) = next_token(&chars, i);
            let next_is_numeric =
                next < chars.len() && is_numeric_token(&next_token(&chars, next).0);
            let (letter, count) = match token {
                Token::Literal(text) => {
                    if !text.is_empty() {
                        items.push(Item::Literal(text));
                    }
                    i = next;
                    continue;
                }
                Token::Letter { letter, count } => (letter, count),
            };
            items.push(
                compile_letter(letter, count, next_is_numeric).ok_or_else(|| {
                    JodaError::IllegalComponent {
                        component: letter.to_string().repeat(count),
                        position: i,
                    }
                })?,
            );
            i = next;
        }
        // Join adjacent literals so that printing and parsing see one run of text.
        let mut merged: Vec<Item> = Vec::with_capacity(items.len());
        for item in items {
            match (merged.last_mut(), item) {
                (Some(Item::Literal(previous)), Item::Literal(text)) => previous.push_str(&text),
                (_, item) => merged.push(item),
            }
        }
        Ok(JodaPattern {
            items: merged,
            zone_field: pattern_specifies_zone(pattern),
            pivot_year: current_year.saturating_sub(30),
        })
    }

    /// True if the pattern prints a zone (unquoted `z` or `Z`): Trino forbids those for
    /// `TIMESTAMP` without time zone (see [`pattern_specifies_zone`]).
    pub fn has_zone_field(&self) -> bool {
        self.zone_field
    }

    /// Formats an instant (`epoch_millis`, already rounded to milliseconds as Trino does) as
    /// seen in `zone`. For a `TIMESTAMP` without time zone pass the wall-clock value as if it
    /// were UTC, with [`TrinoZone::Utc`].
    ///
    /// ```
    /// use flowlog_core::functions::joda::JodaPattern;
    /// use flowlog_core::functions::zone::TrinoZone;
    /// let kathmandu = TrinoZone::parse("Asia/Kathmandu").unwrap();
    /// let pattern = JodaPattern::parse("yyyy-MM-dd HH:mm:ss.SSS Z").unwrap();
    /// // TIMESTAMP '2020-05-10 12:34:56.556 Asia/Kathmandu'
    /// assert_eq!(pattern.format(1_589_093_396_556, &kathmandu), "2020-05-10 12:34:56.556 +0545");
    /// ```
    pub fn format(&self, epoch_millis: i64, zone: &TrinoZone) -> String {
        let mut out = String::new();
        self.format_into(epoch_millis, zone, &mut out);
        out
    }

    /// Like [`Self::format`], appending to `out` (so a caller formatting many values can
    /// reuse one buffer).
    pub fn format_into(&self, epoch_millis: i64, zone: &TrinoZone, out: &mut String) {
        let offset_seconds = zone.offset_seconds_at(epoch_millis.div_euclid(1000));
        let local = LocalFields::new(i128::from(epoch_millis) + i128::from(offset_seconds) * 1000);
        for item in &self.items {
            match item {
                Item::Literal(text) => out.push_str(text),
                Item::Number(number) => {
                    push_padded(out, local.number(number.field), number.min_digits);
                }
                Item::TwoDigitYear { weekyear, .. } => {
                    let year = if *weekyear {
                        local.weekyear
                    } else {
                        local.year
                    };
                    let _ = write!(out, "{:02}", year.unsigned_abs() % 100);
                }
                Item::Text(field) => out.push_str(local.text(*field)),
                Item::Fraction { digits } => push_fraction(out, local.millis, *digits),
                Item::ZoneName { long } => out.push_str(&zone.joda_name(epoch_millis, *long)),
                Item::ZoneOffset { colon } => push_offset(out, offset_seconds, *colon),
                Item::ZoneId => out.push_str(&zone.joda_id()),
            }
        }
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

/// The calendar fields of a local date-time (ISO chronology, proleptic Gregorian).
#[derive(Debug, Clone, Copy)]
struct LocalFields {
    /// Proleptic year; 0 is 1 BC.
    year: i64,
    /// 1-12.
    month: u32,
    /// 1-31.
    day: u32,
    /// 1-366.
    day_of_year: u32,
    /// 1 (Monday) to 7 (Sunday).
    day_of_week: u32,
    /// ISO week-based year.
    weekyear: i64,
    /// ISO week, 1-53.
    week: u32,
    /// 0-23.
    hour: u32,
    /// 0-59.
    minute: u32,
    /// 0-59.
    second: u32,
    /// 0-999.
    millis: u32,
}

impl LocalFields {
    /// Fields of a local time given in milliseconds since 1970-01-01T00:00.
    fn new(local_millis: i128) -> LocalFields {
        let days =
            i64::try_from(local_millis.div_euclid(86_400_000)).unwrap_or(if local_millis < 0 {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            });
        // rem_euclid is within 0..86_400_000, so it fits a u32.
        let millis_of_day = local_millis.rem_euclid(86_400_000) as u32;
        let (year, month, day) = super::zone::civil_from_days(days);
        let day_of_year = (days - super::zone::days_from_civil(year, 1, 1) + 1) as u32;
        let day_of_week = (days + 3).rem_euclid(7) as u32 + 1;
        // The ISO week belongs to the year of its Thursday.
        let thursday = days - i64::from(day_of_week) + 4;
        let (weekyear, _, _) = super::zone::civil_from_days(thursday);
        let week = ((thursday - super::zone::days_from_civil(weekyear, 1, 1)) / 7 + 1) as u32;
        LocalFields {
            year,
            month,
            day,
            day_of_year,
            day_of_week,
            weekyear,
            week,
            hour: millis_of_day / 3_600_000,
            minute: millis_of_day / 60_000 % 60,
            second: millis_of_day / 1000 % 60,
            millis: millis_of_day % 1000,
        }
    }

    /// Year of era: 1 BC is 1, 2 BC is 2.
    fn year_of_era(&self) -> i64 {
        if self.year <= 0 {
            1 - self.year
        } else {
            self.year
        }
    }

    /// The value of a decimal field.
    fn number(&self, field: NumberField) -> i64 {
        let halfday_hour = self.hour % 12;
        match field {
            // Joda's ISO century drops the sign of the year (it does not use the year of era).
            NumberField::CenturyOfEra => self.year.abs() / 100,
            NumberField::YearOfEra => self.year_of_era(),
            NumberField::Year => self.year,
            NumberField::Weekyear => self.weekyear,
            NumberField::WeekOfWeekyear => i64::from(self.week),
            NumberField::DayOfWeek => i64::from(self.day_of_week),
            NumberField::DayOfYear => i64::from(self.day_of_year),
            NumberField::MonthOfYear => i64::from(self.month),
            NumberField::DayOfMonth => i64::from(self.day),
            NumberField::HourOfHalfday => i64::from(halfday_hour),
            NumberField::ClockhourOfHalfday => {
                i64::from(if halfday_hour == 0 { 12 } else { halfday_hour })
            }
            NumberField::HourOfDay => i64::from(self.hour),
            NumberField::ClockhourOfDay => i64::from(if self.hour == 0 { 24 } else { self.hour }),
            NumberField::MinuteOfHour => i64::from(self.minute),
            NumberField::SecondOfMinute => i64::from(self.second),
        }
    }

    /// The English text of a text field.
    fn text(&self, field: TextField) -> &'static str {
        let month = (self.month as usize).saturating_sub(1) % 12;
        let day = (self.day_of_week as usize).saturating_sub(1) % 7;
        match field {
            TextField::Era => {
                if self.year <= 0 {
                    "BC"
                } else {
                    "AD"
                }
            }
            TextField::Halfday => {
                if self.hour < 12 {
                    "AM"
                } else {
                    "PM"
                }
            }
            TextField::MonthShort => MONTHS_SHORT[month],
            TextField::MonthLong => MONTHS[month],
            TextField::DayOfWeekShort => DAYS_SHORT[day],
            TextField::DayOfWeekLong => DAYS[day],
        }
    }
}

/// Joda's `FormatUtils.appendPaddedInteger`: `-` for negatives, then the magnitude zero-padded
/// to `width` digits.
///
/// Joda counts the digits of values of 10,000 and more with a floating-point logarithm, which
/// counts one digit short for exactly 1,000,000 and 1,000,000,000, and so pads them with one zero
/// too many; this is reproduced.
fn push_padded(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let magnitude = value.unsigned_abs();
    let digits = magnitude.checked_ilog10().map_or(1, |log| log as usize + 1);
    let counted = if magnitude == 1_000_000 || magnitude == 1_000_000_000 {
        digits - 1
    } else {
        digits
    };
    for _ in counted..width {
        out.push('0');
    }
    // Dates and times are mostly one or two digits: skip the formatting machinery.
    match magnitude {
        0..=9 => out.push(char::from(b'0' + magnitude as u8)),
        10..=99 => {
            out.push(char::from(b'0' + (magnitude / 10) as u8));
            out.push(char::from(b'0' + (magnitude % 10) as u8));
        }
        _ => {
            let _ = write!(out, "{magnitude}");
        }
    }
}

/// Joda's `Fraction` printer for `digits` letters `S`, from the milliseconds of the second.
///
/// Digits past the milliseconds are zeros; at most 15 digits are computed (Joda scales within a
/// `long`), but a zero fraction prints all `digits` zeros.
fn push_fraction(out: &mut String, millis: u32, digits: usize) {
    if millis == 0 {
        out.extend(std::iter::repeat_n('0', digits));
        return;
    }
    let computed = digits.min(15);
    let scaled = u64::from(millis) * 10_u64.pow(computed as u32) / 1000;
    let _ = write!(out, "{scaled:0computed$}");
}

/// Joda's `TimeZoneOffset` printer with two fields: `+HHMM` or `+HH:MM` (seconds dropped).
fn push_offset(out: &mut String, offset_seconds: i32, colon: bool) {
    out.push(if offset_seconds < 0 { '-' } else { '+' });
    let total = offset_seconds.unsigned_abs();
    let separator = if colon { ":" } else { "" };
    let _ = write!(out, "{:02}{separator}{:02}", total / 3600, total / 60 % 60);
}

// ---------------------------------------------------------------------------------------------
// Parsing (Trino's parse_datetime)
// ---------------------------------------------------------------------------------------------

/// An instant parsed with a pattern, and the zone Trino attaches to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedInstant {
    /// The instant, in milliseconds since the epoch.
    pub epoch_millis: i64,
    /// The parsed offset (`Z`, `ZZ`) or zone (`ZZZ`, `z`), else the default zone.
    pub zone: TrinoZone,
}

impl JodaPattern {
    /// Parses `text` as Trino's `parse_datetime(text, pattern)` does with Joda-Time
    /// (`parseDateTime` with the offset kept, in `default_zone`, the session zone).
    ///
    /// Fields missing from the pattern default to 1970-01-01T00:00:00.000, except that a pattern
    /// whose largest field is a month, week or day takes the year 2000. Literal text and month,
    /// day and AM/PM names match in any case. The local time is read in the parsed offset or
    /// zone if the pattern has one, else in `default_zone`; the result carries that zone.
    ///
    /// ```
    /// use flowlog_core::functions::joda::JodaPattern;
    /// use flowlog_core::functions::zone::TrinoZone;
    /// let pattern = JodaPattern::parse("yyyy/MM/dd HH:mm Z").unwrap();
    /// let parsed = pattern.parse_instant("1960/01/22 03:04 +0500", &TrinoZone::Utc).unwrap();
    /// assert_eq!(parsed.epoch_millis, -313_811_760_000);
    /// assert_eq!(parsed.zone.id(), "+05:00");
    /// ```
    pub fn parse_instant(
        &self,
        text: &str,
        default_zone: &TrinoZone,
    ) -> Result<ParsedInstant, JodaError> {
        if self.items.contains(&Item::ZoneName { long: true }) {
            return Err(JodaError::ParsingNotSupported);
        }
        let chars: Vec<char> = text.chars().collect();
        let mut bucket = Bucket::default();
        let mut position = 0;
        for item in &self.items {
            position = self
                .parse_item(item, &chars, position, &mut bucket)
                .map_err(|failure| match failure {
                    Failure::At(position) => JodaError::Malformed {
                        text: text.to_string(),
                        position,
                    },
                    Failure::TooLong(digits) => JodaError::NumberTooLong { digits },
                })?;
        }
        if position < chars.len() {
            return Err(JodaError::Malformed {
                text: text.to_string(),
                position,
            });
        }
        let local = bucket.compute_local_millis(text)?;
        let utc_of_local = |zone_id: &str, rules: Rules| -> Result<i128, JodaError> {
            rules
                .local_to_utc(local)
                .ok_or_else(|| JodaError::IllegalInstant {
                    text: text.to_string(),
                    zone: zone_id.to_string(),
                })
        };
        let (utc, zone_id) = if let Some(offset) = bucket.offset_millis {
            let id = if offset == 0 {
                "UTC".to_string()
            } else {
                joda_offset_id(offset)
            };
            (local - i128::from(offset), id)
        } else if let Some(zone_id) = bucket.zone {
            (
                utc_of_local(zone_id, Rules::of_joda_id(zone_id))?,
                zone_id.to_string(),
            )
        } else {
            let zone_id = default_zone.joda_id();
            (
                utc_of_local(&zone_id, Rules::of_trino_zone(default_zone))?,
                zone_id,
            )
        };
        let zone =
            TrinoZone::parse(&zone_id).map_err(|_| JodaError::UnsupportedZone { zone: zone_id })?;
        let epoch_millis = i64::try_from(utc).map_err(|_| JodaError::Malformed {
            text: text.to_string(),
            position: 0,
        })?;
        Ok(ParsedInstant { epoch_millis, zone })
    }

    /// Parses one pattern element at `position`; returns the position after it.
    fn parse_item(
        &self,
        item: &Item,
        text: &[char],
        position: usize,
        bucket: &mut Bucket,
    ) -> Result<usize, Failure> {
        match item {
            Item::Literal(literal) => parse_literal(literal, text, position),
            Item::Number(number) => {
                let (value, next) = parse_number(text, position, number.max_digits, number.signed)?;
                bucket.fields.push((ParseField::from(number.field), value));
                Ok(next)
            }
            Item::TwoDigitYear { weekyear, lenient } => {
                let (value, next) =
                    parse_two_digit_year(text, position, *lenient, self.pivot_year)?;
                let field = if *weekyear {
                    ParseField::Weekyear
                } else {
                    ParseField::Year
                };
                bucket.fields.push((field, value));
                Ok(next)
            }
            Item::Text(field) => {
                let (value, next) = parse_text(*field, text, position)?;
                bucket.fields.push((ParseField::from(*field), value));
                Ok(next)
            }
            Item::Fraction { digits } => {
                let (millis, next) = parse_fraction(text, position, (*digits).min(18))?;
                bucket.fields.push((ParseField::MillisOfSecond, millis));
                Ok(next)
            }
            Item::ZoneOffset { .. } => {
                let (offset, next) = parse_offset(text, position)?;
                bucket.offset_millis = Some(offset);
                Ok(next)
            }
            Item::ZoneId => {
                let (zone, next) = parse_zone_id(text, position)?;
                bucket.zone = Some(zone);
                Ok(next)
            }
            Item::ZoneName { .. } => {
                let (zone, next) = parse_zone_short_name(text, position)?;
                bucket.zone = Some(zone);
                Ok(next)
            }
        }
    }
}

/// Why an element did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    /// No match at this character offset.
    At(usize),
    /// Ten or more digits that overflow Java's `int` (the digits as read).
    TooLong(String),
}

/// What the elements parsed: fields in parse order, and an offset or zone.
#[derive(Debug, Default)]
struct Bucket {
    /// Field values in the order they were parsed.
    fields: Vec<(ParseField, i64)>,
    /// A parsed offset (`Z`, `ZZ`), in milliseconds.
    offset_millis: Option<i32>,
    /// A parsed zone (`ZZZ`, `z`), as Joda's canonical id.
    zone: Option<&'static str>,
}

/// The fields a parse can set, with Joda's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParseField {
    Era,
    CenturyOfEra,
    YearOfEra,
    Year,
    Weekyear,
    WeekOfWeekyear,
    DayOfWeek,
    DayOfYear,
    MonthOfYear,
    DayOfMonth,
    HalfdayOfDay,
    HourOfHalfday,
    ClockhourOfHalfday,
    HourOfDay,
    ClockhourOfDay,
    MinuteOfHour,
    SecondOfMinute,
    MillisOfSecond,
}

impl From<NumberField> for ParseField {
    fn from(field: NumberField) -> ParseField {
        match field {
            NumberField::CenturyOfEra => ParseField::CenturyOfEra,
            NumberField::YearOfEra => ParseField::YearOfEra,
            NumberField::Year => ParseField::Year,
            NumberField::Weekyear => ParseField::Weekyear,
            NumberField::WeekOfWeekyear => ParseField::WeekOfWeekyear,
            NumberField::DayOfWeek => ParseField::DayOfWeek,
            NumberField::DayOfYear => ParseField::DayOfYear,
            NumberField::MonthOfYear => ParseField::MonthOfYear,
            NumberField::DayOfMonth => ParseField::DayOfMonth,
            NumberField::HourOfHalfday => ParseField::HourOfHalfday,
            NumberField::ClockhourOfHalfday => ParseField::ClockhourOfHalfday,
            NumberField::HourOfDay => ParseField::HourOfDay,
            NumberField::ClockhourOfDay => ParseField::ClockhourOfDay,
            NumberField::MinuteOfHour => ParseField::MinuteOfHour,
            NumberField::SecondOfMinute => ParseField::SecondOfMinute,
        }
    }
}

impl From<TextField> for ParseField {
    fn from(field: TextField) -> ParseField {
        match field {
            TextField::Era => ParseField::Era,
            TextField::Halfday => ParseField::HalfdayOfDay,
            TextField::MonthShort | TextField::MonthLong => ParseField::MonthOfYear,
            TextField::DayOfWeekShort | TextField::DayOfWeekLong => ParseField::DayOfWeek,
        }
    }
}

const SECOND: i128 = 1000;
const MINUTE: i128 = 60 * SECOND;
const HOUR: i128 = 60 * MINUTE;
const HALFDAY: i128 = 12 * HOUR;
const DAY: i128 = 24 * HOUR;
const WEEK: i128 = 7 * DAY;
/// Joda's average Gregorian year, month and century, for ordering fields.
const YEAR: i128 = 31_556_952_000;
const MONTH: i128 = YEAR / 12;
const CENTURY: i128 = 100 * YEAR;
/// Joda's ISO year range (`setExtended` allows one more at each end).
const MIN_YEAR: i64 = -292_275_054;
const MAX_YEAR: i64 = 292_278_993;

impl ParseField {
    /// Joda's field name, as in its error messages.
    fn name(self) -> &'static str {
        match self {
            ParseField::Era => "era",
            ParseField::CenturyOfEra => "centuryOfEra",
            ParseField::YearOfEra => "yearOfEra",
            ParseField::Year => "year",
            ParseField::Weekyear => "weekyear",
            ParseField::WeekOfWeekyear => "weekOfWeekyear",
            ParseField::DayOfWeek => "dayOfWeek",
            ParseField::DayOfYear => "dayOfYear",
            ParseField::MonthOfYear => "monthOfYear",
            ParseField::DayOfMonth => "dayOfMonth",
            ParseField::HalfdayOfDay => "halfdayOfDay",
            ParseField::HourOfHalfday => "hourOfHalfday",
            ParseField::ClockhourOfHalfday => "clockhourOfHalfday",
            ParseField::HourOfDay => "hourOfDay",
            ParseField::ClockhourOfDay => "clockhourOfDay",
            ParseField::MinuteOfHour => "minuteOfHour",
            ParseField::SecondOfMinute => "secondOfMinute",
            ParseField::MillisOfSecond => "millisOfSecond",
        }
    }

    /// (unit of the field's range, unit of the field), `None` where Joda has none (eras).
    fn durations(self) -> (Option<i128>, Option<i128>) {
        match self {
            ParseField::Era => (None, None),
            ParseField::CenturyOfEra => (None, Some(CENTURY)),
            ParseField::YearOfEra | ParseField::Year | ParseField::Weekyear => (None, Some(YEAR)),
            ParseField::WeekOfWeekyear => (Some(YEAR), Some(WEEK)),
            ParseField::MonthOfYear => (Some(YEAR), Some(MONTH)),
            ParseField::DayOfYear => (Some(YEAR), Some(DAY)),
            ParseField::DayOfMonth => (Some(MONTH), Some(DAY)),
            ParseField::DayOfWeek => (Some(WEEK), Some(DAY)),
            ParseField::HalfdayOfDay => (Some(DAY), Some(HALFDAY)),
            ParseField::HourOfDay | ParseField::ClockhourOfDay => (Some(DAY), Some(HOUR)),
            ParseField::HourOfHalfday | ParseField::ClockhourOfHalfday => {
                (Some(HALFDAY), Some(HOUR))
            }
            ParseField::MinuteOfHour => (Some(HOUR), Some(MINUTE)),
            ParseField::SecondOfMinute => (Some(MINUTE), Some(SECOND)),
            ParseField::MillisOfSecond => (Some(SECOND), Some(1)),
        }
    }
}

/// Joda's `DateTimeParserBucket.compareReverse`: larger units first, no unit before any.
fn compare_reverse(a: Option<i128>, b: Option<i128>) -> std::cmp::Ordering {
    match (a, b) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(a), Some(b)) => b.cmp(&a),
    }
}

impl Bucket {
    /// Joda's `computeMillis(true, text)` before the zone: the local milliseconds since
    /// 1970-01-01T00:00 that the parsed fields give.
    fn compute_local_millis(&mut self, text: &str) -> Result<i128, JodaError> {
        let order = |a: &(ParseField, i64), b: &(ParseField, i64)| {
            let ((range_a, unit_a), (range_b, unit_b)) = (a.0.durations(), b.0.durations());
            compare_reverse(range_a, range_b).then(compare_reverse(unit_a, unit_b))
        };
        // Stable, as Joda's insertion sort and merge sort are.
        self.fields.sort_by(order);
        if let Some((first, _)) = self.fields.first() {
            // A month, week or day as the largest field: the year defaults to 2000.
            if let (_, Some(unit)) = first.durations()
                && (DAY..=MONTH).contains(&unit)
            {
                self.fields.push((ParseField::Year, 2000));
                self.fields.sort_by(order);
            }
        }
        let invalid = |field: ParseField, value: i64, min: i64, max: i64| JodaError::FieldValue {
            text: text.to_string(),
            field: field.name(),
            value,
            min,
            max,
        };
        let mut millis: i128 = 0;
        for &(field, value) in &self.fields {
            millis = set_field(field, millis, value)
                .map_err(|(min, max)| invalid(field, value, min, max))?;
            millis = round_floor(field, millis);
        }
        let last = self.fields.len().saturating_sub(1);
        for (i, &(field, value)) in self.fields.iter().enumerate() {
            millis = set_field(field, millis, value)
                .map_err(|(min, max)| invalid(field, value, min, max))?;
            if i == last {
                millis = round_floor(field, millis);
            }
        }
        Ok(millis)
    }
}

/// Calendar view of local milliseconds (ISO chronology).
#[derive(Debug, Clone, Copy)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    /// Milliseconds into the day.
    time: i128,
    /// Days since 1970-01-01.
    days: i64,
}

impl Civil {
    fn of(millis: i128) -> Civil {
        let days = i64::try_from(millis.div_euclid(DAY)).unwrap_or(if millis < 0 {
            i64::MIN / 4
        } else {
            i64::MAX / 4
        });
        let (year, month, day) = super::zone::civil_from_days(days);
        Civil {
            year,
            month,
            day,
            time: millis.rem_euclid(DAY),
            days,
        }
    }

    fn day_of_year(&self) -> i64 {
        self.days - super::zone::days_from_civil(self.year, 1, 1) + 1
    }

    /// 1 (Monday) to 7.
    fn day_of_week(&self) -> i64 {
        (self.days + 3).rem_euclid(7) + 1
    }
}

fn is_leap(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

fn days_in_month(year: i64, month: u32) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Local milliseconds of a date and a time of day.
fn millis_of(year: i64, month: u32, day: i64, time: i128) -> i128 {
    i128::from(super::zone::days_from_civil(year, month, 1) + day - 1) * DAY + time
}

/// Joda's `BasicChronology.setYear`: the same day of the year (Feb 29 aware) and time.
fn set_year(millis: i128, year: i64) -> i128 {
    let civil = Civil::of(millis);
    let mut day_of_year = civil.day_of_year();
    if day_of_year > 31 + 28 {
        if is_leap(civil.year) && !is_leap(year) {
            day_of_year -= 1;
        } else if !is_leap(civil.year) && is_leap(year) {
            day_of_year += 1;
        }
    }
    millis_of(year, 1, day_of_year, civil.time)
}

/// Monday 00:00 of week 1 of an ISO week-based year.
fn first_week_millis(weekyear: i64) -> i128 {
    let jan1 = super::zone::days_from_civil(weekyear, 1, 1);
    let dow = (jan1 + 3).rem_euclid(7) + 1;
    let start = if dow > 4 {
        jan1 + 8 - dow
    } else {
        jan1 - (dow - 1)
    };
    i128::from(start) * DAY
}

/// (weekyear, week) of local milliseconds.
fn week_date(millis: i128) -> (i64, i64) {
    let civil = Civil::of(millis);
    let thursday = civil.days - civil.day_of_week() + 4;
    let (weekyear, _, _) = super::zone::civil_from_days(thursday);
    let week = (thursday - super::zone::days_from_civil(weekyear, 1, 1)) / 7 + 1;
    (weekyear, week)
}

fn weeks_in_weekyear(weekyear: i64) -> i64 {
    ((first_week_millis(weekyear + 1) - first_week_millis(weekyear)) / WEEK) as i64
}

/// Floor to a multiple of `unit`.
fn floor_to(millis: i128, unit: i128) -> i128 {
    millis.div_euclid(unit) * unit
}

/// Joda's `set(instant, value)` (`setExtended` for the year) for one field; `Err((min, max))`
/// when the value is out of range.
fn set_field(field: ParseField, millis: i128, value: i64) -> Result<i128, (i64, i64)> {
    let check = |min: i64, max: i64| {
        if (min..=max).contains(&value) {
            Ok(())
        } else {
            Err((min, max))
        }
    };
    let civil = Civil::of(millis);
    let precise = |unit: i128, current: i64| millis + i128::from(value - current) * unit;
    let hour = (civil.time / HOUR) as i64;
    Ok(match field {
        ParseField::Era => {
            check(0, 1)?;
            let era = i64::from(civil.year > 0);
            if era == value {
                millis
            } else {
                set_year(millis, -civil.year)
            }
        }
        ParseField::CenturyOfEra => {
            check(0, MAX_YEAR / 100)?;
            let year_of_era = value * 100 + civil.year.abs() % 100;
            set_year(
                millis,
                if civil.year < 0 {
                    -year_of_era
                } else {
                    year_of_era
                },
            )
        }
        ParseField::YearOfEra => {
            check(1, MAX_YEAR)?;
            set_year(millis, if civil.year <= 0 { 1 - value } else { value })
        }
        ParseField::Year => {
            check(MIN_YEAR - 1, MAX_YEAR + 1)?;
            set_year(millis, value)
        }
        ParseField::Weekyear => {
            if value.abs() > MAX_YEAR {
                return Err((MIN_YEAR, MAX_YEAR));
            }
            set_weekyear(millis, value)
        }
        ParseField::WeekOfWeekyear => {
            let (weekyear, week) = week_date(millis);
            check(
                1,
                if value > 52 {
                    weeks_in_weekyear(weekyear)
                } else {
                    52
                },
            )?;
            precise(WEEK, week)
        }
        ParseField::DayOfWeek => {
            check(1, 7)?;
            precise(DAY, civil.day_of_week())
        }
        ParseField::DayOfYear => {
            let days_in_year = if is_leap(civil.year) { 366 } else { 365 };
            check(
                1,
                if !(1..=365).contains(&value) {
                    days_in_year
                } else {
                    365
                },
            )?;
            precise(DAY, civil.day_of_year())
        }
        ParseField::MonthOfYear => {
            check(1, 12)?;
            let month = value as u32;
            let day = i64::from(civil.day).min(days_in_month(civil.year, month));
            millis_of(civil.year, month, day, civil.time)
        }
        ParseField::DayOfMonth => {
            let days = days_in_month(civil.year, civil.month);
            check(1, if !(1..=28).contains(&value) { days } else { 28 })?;
            precise(DAY, i64::from(civil.day))
        }
        ParseField::HalfdayOfDay => {
            check(0, 1)?;
            precise(HALFDAY, hour / 12)
        }
        ParseField::HourOfHalfday => {
            check(0, 11)?;
            precise(HOUR, hour % 12)
        }
        ParseField::ClockhourOfHalfday => {
            check(1, 12)?;
            let value = if value == 12 { 0 } else { value };
            millis + i128::from(value - hour % 12) * HOUR
        }
        ParseField::HourOfDay => {
            check(0, 23)?;
            precise(HOUR, hour)
        }
        ParseField::ClockhourOfDay => {
            check(1, 24)?;
            let value = if value == 24 { 0 } else { value };
            millis + i128::from(value - hour) * HOUR
        }
        ParseField::MinuteOfHour => {
            check(0, 59)?;
            precise(MINUTE, (civil.time / MINUTE % 60) as i64)
        }
        ParseField::SecondOfMinute => {
            check(0, 59)?;
            precise(SECOND, (civil.time / SECOND % 60) as i64)
        }
        ParseField::MillisOfSecond => {
            check(0, 999)?;
            precise(1, (civil.time % SECOND) as i64)
        }
    })
}

/// Joda's `BasicWeekyearDateTimeField.set`: same week number (capped) and day of week.
fn set_weekyear(millis: i128, weekyear: i64) -> i128 {
    let (this_weekyear, this_week) = week_date(millis);
    if this_weekyear == weekyear {
        return millis;
    }
    let day_of_week = Civil::of(millis).day_of_week();
    let max_weeks = weeks_in_weekyear(this_weekyear).min(weeks_in_weekyear(weekyear));
    let week = this_week.min(max_weeks);
    let mut work = set_year(millis, weekyear);
    let (work_weekyear, _) = week_date(work);
    if work_weekyear < weekyear {
        work += WEEK;
    } else if work_weekyear > weekyear {
        work -= WEEK;
    }
    let (_, current_week) = week_date(work);
    work += i128::from(week - current_week) * WEEK;
    work + i128::from(day_of_week - Civil::of(work).day_of_week()) * DAY
}

/// Joda's `roundFloor` for one field.
fn round_floor(field: ParseField, millis: i128) -> i128 {
    let civil = Civil::of(millis);
    match field {
        // Joda: the start of year 1 for AD, Long.MIN_VALUE for BC.
        ParseField::Era => {
            if civil.year > 0 {
                millis_of(1, 1, 1, 0)
            } else {
                i128::from(i64::MIN)
            }
        }
        ParseField::CenturyOfEra => {
            let century_start = civil.year.abs() / 100 * 100;
            let year = if civil.year < 0 {
                -century_start
            } else {
                century_start
            };
            millis_of(year, 1, 1, 0)
        }
        ParseField::YearOfEra | ParseField::Year => millis_of(civil.year, 1, 1, 0),
        ParseField::Weekyear => {
            let monday = floor_to(millis + 3 * DAY, WEEK) - 3 * DAY;
            let (_, week) = week_date(monday);
            monday - i128::from(week - 1) * WEEK
        }
        ParseField::WeekOfWeekyear => floor_to(millis + 3 * DAY, WEEK) - 3 * DAY,
        ParseField::MonthOfYear => millis_of(civil.year, civil.month, 1, 0),
        ParseField::DayOfWeek | ParseField::DayOfYear | ParseField::DayOfMonth => {
            floor_to(millis, DAY)
        }
        ParseField::HalfdayOfDay => floor_to(millis, HALFDAY),
        ParseField::HourOfHalfday
        | ParseField::ClockhourOfHalfday
        | ParseField::HourOfDay
        | ParseField::ClockhourOfDay => floor_to(millis, HOUR),
        ParseField::MinuteOfHour => floor_to(millis, MINUTE),
        ParseField::SecondOfMinute => floor_to(millis, SECOND),
        ParseField::MillisOfSecond => millis,
    }
}

/// Case-insensitive literal match (Joda's `CharacterLiteral` / `StringLiteral`).
fn parse_literal(literal: &str, text: &[char], position: usize) -> Result<usize, Failure> {
    let mut i = position;
    for expected in literal.chars() {
        let matches = text
            .get(i)
            .is_some_and(|&actual| chars_equal_ignore_case(actual, expected));
        if !matches {
            return Err(Failure::At(position));
        }
        i += 1;
    }
    Ok(i)
}

/// Java's `Character.toUpperCase`/`toLowerCase` comparison of two characters.
fn chars_equal_ignore_case(a: char, b: char) -> bool {
    let single = |mut it: std::char::ToUppercase| match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    let lower = |c: char| {
        let mut it = c.to_lowercase();
        match (it.next(), it.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    };
    let (ua, ub) = (
        single(a.to_uppercase()).unwrap_or(a),
        single(b.to_uppercase()).unwrap_or(b),
    );
    a == b || ua == ub || lower(ua) == lower(ub)
}

/// Joda's `NumberFormatter.parseInto`: up to `max_digits` digits, with a sign if `signed`.
fn parse_number(
    text: &[char],
    position: usize,
    max_digits: usize,
    signed: bool,
) -> Result<(i64, usize), Failure> {
    let remaining = text.len() - position.min(text.len());
    let mut limit = max_digits.min(remaining);
    let mut length = 0;
    let mut negative = false;
    let mut positive = false;
    while length < limit {
        let c = text[position + length];
        if length == 0 && (c == '-' || c == '+') && signed {
            negative = c == '-';
            positive = c == '+';
            let next_is_digit = length + 1 < limit && text[position + length + 1].is_ascii_digit();
            if !next_is_digit {
                break;
            }
            length += 1;
            // The sign does not count towards the digits.
            limit = (limit + 1).min(remaining);
            continue;
        }
        if !c.is_ascii_digit() {
            break;
        }
        length += 1;
    }
    if length == 0 {
        return Err(Failure::At(position));
    }
    let digits: String = text[position..position + length].iter().collect();
    let value = if length >= 9 {
        // Joda hands nine or more characters to Integer.parseInt, which rejects overflow.
        let java_input = if positive {
            &digits[1..]
        } else {
            digits.as_str()
        };
        java_input
            .parse::<i32>()
            .map(i64::from)
            .map_err(|_| Failure::TooLong(java_input.to_string()))?
    } else {
        let magnitude: i64 = digits
            .trim_start_matches(['+', '-'])
            .parse()
            .map_err(|_| Failure::At(position))?;
        if negative { -magnitude } else { magnitude }
    };
    Ok((value, position + length))
}

/// Joda's `TwoDigitYear.parseInto`.
fn parse_two_digit_year(
    text: &[char],
    position: usize,
    lenient: bool,
    pivot_year: i32,
) -> Result<(i64, usize), Failure> {
    let mut position = position;
    if lenient {
        let mut limit = text.len() - position.min(text.len());
        let mut length = 0;
        let mut has_sign = false;
        let mut negative = false;
        while length < limit {
            let c = text[position + length];
            if length == 0 && (c == '-' || c == '+') {
                has_sign = true;
                negative = c == '-';
                if negative {
                    length += 1;
                } else {
                    // Joda skips a '+' entirely.
                    position += 1;
                    limit -= 1;
                }
                continue;
            }
            if !c.is_ascii_digit() {
                break;
            }
            length += 1;
        }
        if length == 0 {
            return Err(Failure::At(position));
        }
        if has_sign || length != 2 {
            let digits: String = text[position..position + length].iter().collect();
            let value = if length >= 9 {
                digits
                    .parse::<i32>()
                    .map(i64::from)
                    .map_err(|_| Failure::TooLong(digits.clone()))?
            } else {
                let magnitude: i64 = digits
                    .trim_start_matches('-')
                    .parse()
                    .map_err(|_| Failure::At(position))?;
                if negative { -magnitude } else { magnitude }
            };
            return Ok((value, position + length));
        }
    } else if text.len() < position + 2 {
        return Err(Failure::At(position));
    }
    let digit = |i: usize| {
        text.get(i)
            .and_then(|c| c.to_digit(10))
            .filter(|_| text[i].is_ascii_digit())
    };
    let (Some(tens), Some(ones)) = (digit(position), digit(position + 1)) else {
        return Err(Failure::At(position));
    };
    let year = i64::from(tens * 10 + ones);
    let low = i64::from(pivot_year) - 50;
    let t = if low >= 0 {
        low % 100
    } else {
        99 + (low + 1) % 100
    };
    Ok((
        year + low + if year < t { 100 } else { 0 } - t,
        position + 2,
    ))
}

/// English texts a text field accepts, each as written, lower-cased and upper-cased, with
/// their values, and the longest text length to try.
fn text_candidates(field: TextField) -> (Vec<(String, i64)>, usize) {
    let mut out: Vec<(String, i64)> = Vec::new();
    let mut add = |text: &str, value: i64| {
        for form in [text.to_string(), text.to_lowercase(), text.to_uppercase()] {
            out.push((form, value));
        }
    };
    let max_len = match field {
        TextField::Era => {
            add("BC", 0);
            add("AD", 1);
            // Joda accepts BCE and CE in English.
            add("BCE", 0);
            add("CE", 1);
            3
        }
        TextField::Halfday => {
            add("AM", 0);
            add("PM", 1);
            2
        }
        TextField::MonthShort | TextField::MonthLong => {
            for (i, (long, short)) in MONTHS.iter().zip(MONTHS_SHORT).enumerate() {
                add(short, i as i64 + 1);
                add(long, i as i64 + 1);
            }
            9
        }
        TextField::DayOfWeekShort | TextField::DayOfWeekLong => {
            for (i, (long, short)) in DAYS.iter().zip(DAYS_SHORT).enumerate() {
                add(short, i as i64 + 1);
                add(long, i as i64 + 1);
            }
            9
        }
    };
    (out, max_len)
}

/// Joda's `TextField.parseInto`: the longest accepted text at `position`.
fn parse_text(field: TextField, text: &[char], position: usize) -> Result<(i64, usize), Failure> {
    let (candidates, max_len) = text_candidates(field);
    let end = text.len().min(position + max_len);
    for stop in (position + 1..=end).rev() {
        let slice: String = text[position..stop].iter().collect();
        if let Some((_, value)) = candidates.iter().find(|(candidate, _)| *candidate == slice) {
            return Ok((*value, stop));
        }
    }
    Err(Failure::At(position))
}

/// Joda's `Fraction.parseInto`: up to `max_digits` digits, truncated to milliseconds.
fn parse_fraction(
    text: &[char],
    position: usize,
    max_digits: usize,
) -> Result<(i64, usize), Failure> {
    let remaining = text.len() - position.min(text.len());
    let limit = max_digits.min(remaining);
    let mut value: i64 = 0;
    let mut scale: i64 = 10_000;
    let mut length = 0;
    while length < limit {
        let Some(digit) = text[position + length]
            .to_digit(10)
            .filter(|_| text[position + length].is_ascii_digit())
        else {
            break;
        };
        length += 1;
        scale /= 10;
        value += i64::from(digit) * scale;
    }
    if length == 0 {
        return Err(Failure::At(position));
    }
    Ok((value / 10, position + length))
}

/// Joda's `TimeZoneOffset.parseInto` for `Z`/`ZZ`: `Z` (any case), or a sign and
/// `hh`, `hhmm`, `hh:mm`, `hhmmss`, `hh:mm:ss`, with optional milliseconds.
fn parse_offset(text: &[char], position: usize) -> Result<(i32, usize), Failure> {
    if text.get(position).is_some_and(|c| *c == 'Z' || *c == 'z') {
        return Ok((0, position + 1));
    }
    if text.len() < position + 2 {
        return Err(Failure::At(position));
    }
    let negative = match text[position] {
        '-' => true,
        '+' => false,
        _ => return Err(Failure::At(position)),
    };
    let mut pos = position + 1;
    let digits_at = |pos: usize, max: usize| {
        text[pos.min(text.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let two = |pos: usize| -> i32 {
        text[pos].to_digit(10).map_or(0, |d| d as i32) * 10
            + text[pos + 1].to_digit(10).map_or(0, |d| d as i32)
    };
    if digits_at(pos, 2) < 2 {
        return Err(Failure::At(pos));
    }
    let hours = two(pos);
    if hours > 23 {
        return Err(Failure::At(pos));
    }
    let mut offset = hours * 3_600_000;
    pos += 2;
    'fields: {
        let Some(&c) = text.get(pos) else {
            break 'fields;
        };
        let separators = match c {
            ':' => {
                pos += 1;
                true
            }
            '0'..='9' => false,
            _ => break 'fields,
        };
        let count = digits_at(pos, 2);
        if count == 0 && !separators {
            break 'fields;
        }
        if count < 2 {
            return Err(Failure::At(pos));
        }
        let minutes = two(pos);
        if minutes > 59 {
            return Err(Failure::At(pos));
        }
        offset += minutes * 60_000;
        pos += 2;
        if pos >= text.len() {
            break 'fields;
        }
        if separators {
            if text[pos] != ':' {
                break 'fields;
            }
            pos += 1;
        }
        let count = digits_at(pos, 2);
        if count == 0 && !separators {
            break 'fields;
        }
        if count < 2 {
            return Err(Failure::At(pos));
        }
        let seconds = two(pos);
        if seconds > 59 {
            return Err(Failure::At(pos));
        }
        offset += seconds * 1000;
        pos += 2;
        if pos >= text.len() {
            break 'fields;
        }
        if separators {
            if text[pos] != '.' && text[pos] != ',' {
                break 'fields;
            }
            pos += 1;
        }
        let count = digits_at(pos, 3);
        if count == 0 && !separators {
            break 'fields;
        }
        if count < 1 {
            return Err(Failure::At(pos));
        }
        let mut scale = 100;
        for _ in 0..count {
            offset += text[pos].to_digit(10).map_or(0, |d| d as i32) * scale;
            scale /= 10;
            pos += 1;
        }
    }
    Ok((if negative { -offset } else { offset }, pos))
}

/// Joda's `TimeZoneId.parseInto` (`ZZZ`): the longest zone id at `position`, looked for among
/// the ids sharing the text's prefix up to the first `/` and the character after it (or among
/// ids without `/` when the next 11 characters have none).
fn parse_zone_id(text: &[char], position: usize) -> Result<(&'static str, usize), Failure> {
    const MAX_PREFIX_LENGTH: usize = "Antarctica/".len();
    let window_end = text.len().min(position + MAX_PREFIX_LENGTH);
    let slash = text[position.min(text.len())..window_end]
        .iter()
        .position(|c| *c == '/');
    let starts_with = |id: &str| {
        let mut i = position;
        id.chars().all(|c| {
            let ok = text.get(i) == Some(&c);
            i += 1;
            ok
        })
    };
    let best = match slash {
        None => super::zone::joda_zone_ids()
            .filter(|id| !id.contains('/') && starts_with(id))
            .max_by_key(|id| id.len()),
        Some(offset) => {
            // The group key: the prefix through the slash, plus the next character.
            let key: String = text[position..(position + offset + 2).min(text.len())]
                .iter()
                .collect();
            let in_group = |id: &&str| {
                id.find('/') == Some(offset)
                    && id.starts_with(&key)
                    && key.chars().count() == offset + 2
            };
            let group: Vec<&'static str> = super::zone::joda_zone_ids().filter(in_group).collect();
            if group.is_empty() {
                return Err(Failure::At(position));
            }
            group
                .into_iter()
                .filter(|id| starts_with(id))
                .max_by_key(|id| id.len())
        }
    };
    let Some(id) = best else {
        return Err(Failure::At(position));
    };
    let canonical = super::zone::joda_canonical_id(id).unwrap_or(id);
    Ok((canonical, position + id.chars().count()))
}

/// Joda's `TimeZoneName.parseInto` for `z`: the default names UT, UTC, GMT and the US zones'
/// EST, EDT, CST, CDT, MST, MDT, PST, PDT (case-sensitive).
fn parse_zone_short_name(text: &[char], position: usize) -> Result<(&'static str, usize), Failure> {
    const NAMES: [(&str, &str); 11] = [
        ("UT", "UTC"),
        ("UTC", "UTC"),
        ("GMT", "UTC"),
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("CST", "America/Chicago"),
        ("CDT", "America/Chicago"),
        ("MST", "America/Denver"),
        ("MDT", "America/Denver"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
    ];
    let rest: String = text[position.min(text.len())..].iter().collect();
    NAMES
        .iter()
        .filter(|(name, _)| rest.starts_with(name))
        .max_by_key(|(name, _)| name.len())
        .map(|(name, zone)| (*zone, position + name.len()))
        .ok_or(Failure::At(position))
}

/// Joda's id for a fixed offset in milliseconds: `+05:00`, `-03:30:15`, `+01:00:00.500`.
fn joda_offset_id(offset_millis: i32) -> String {
    let sign = if offset_millis < 0 { '-' } else { '+' };
    let total = offset_millis.unsigned_abs();
    let mut id = format!("{sign}{:02}:{:02}", total / 3_600_000, total / 60_000 % 60);
    let rest = total % 60_000;
    if rest != 0 {
        let _ = write!(id, ":{:02}", rest / 1000);
        if !rest.is_multiple_of(1000) {
            let _ = write!(id, ".{:03}", rest % 1000);
        }
    }
    id
}

/// A zone's rules for turning local time into an instant.
#[derive(Debug, Clone, Copy)]
enum Rules {
    /// A fixed offset in seconds.
    Fixed(i32),
    /// IANA rules.
    Tz(chrono_tz::Tz),
}

impl Rules {
    fn of_trino_zone(zone: &TrinoZone) -> Rules {
        match zone {
            TrinoZone::Utc => Rules::Fixed(0),
            TrinoZone::Offset(offset) => Rules::Fixed(offset.local_minus_utc()),
            TrinoZone::Named(tz) => Rules::Tz(*tz),
        }
    }

    fn of_joda_id(id: &str) -> Rules {
        if id == "UTC" {
            return Rules::Fixed(0);
        }
        id.parse::<chrono_tz::Tz>()
            .map_or(Rules::Fixed(0), Rules::Tz)
    }

    /// Joda's local-to-UTC conversion: in an overlap the earlier instant; `None` in a gap.
    fn local_to_utc(self, local: i128) -> Option<i128> {
        match self {
            Rules::Fixed(seconds) => Some(local - i128::from(seconds) * SECOND),
            Rules::Tz(tz) => {
                let seconds = i64::try_from(local.div_euclid(SECOND)).ok()?;
                let utc = super::zone::local_to_utc_seconds(tz, seconds)?;
                Some(local + (i128::from(utc) - i128::from(seconds)) * SECOND)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(s: &str) -> TrinoZone {
        TrinoZone::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn format(pattern: &str, epoch_millis: i64, zone_id: &str) -> String {
        match JodaPattern::parse(pattern) {
            Ok(compiled) => compiled.format(epoch_millis, &zone(zone_id)),
            Err(e) => panic!("{pattern}: {e}"),
        }
    }

    /// (epoch millis, zone, pattern, expected). Expected values were printed by Joda-Time 2.10.14
    /// (`DateTimeFormat.forPattern(p).withChronology(ISOChronology.getInstance(zone))
    /// .withLocale(Locale.ENGLISH).print(millis)`, as Trino calls it) on JDK 17.
    #[rustfmt::skip]
    const JODA_PRINTED: &[(i64, &str, &str, &str)] = &[
        (998449445321, "UTC", "YYYY/MM/dd HH:mm", "2001/08/22 03:04"),
        (998449445321, "UTC", "G C CC Y YY YYY YYYY YYYYY", "AD 20 20 2001 01 2001 2001 02001"),
        (998449445321, "UTC", "x xx xxx xxxx w ww www e ee E EE EEE EEEE", "2001 01 2001 2001 34 34 034 3 03 Wed Wed Wed Wednesday"),
        (998449445321, "UTC", "y yy yyy yyyy yyyyy D DD DDD DDDD", "2001 01 2001 2001 02001 234 234 234 0234"),
        (998449445321, "UTC", "M MM MMM MMMM MMMMM d dd ddd", "8 08 Aug August August 22 22 022"),
        (998449445321, "UTC", "a K KK h hh H HH k kk m mm s ss", "AM 3 03 3 03 3 03 3 03 4 04 5 05"),
        (998449445321, "UTC", "S SS SSS SSSS SSSSSS SSSSSSSSS", "3 32 321 3210 321000 321000000"),
        (998449445321, "UTC", "z zz zzz zzzz Z ZZ ZZZ ZZZZ", "UTC UTC UTC Coordinated Universal Time +0000 +00:00 UTC UTC"),
        (998449445321, "UTC", "'T' '' 'it''s' 'unterminated", "T ' it's unterminated"),
        (998449445321, "UTC", "yyyy-MM-dd'T'HH:mm:ss.SSSZZ", "2001-08-22T03:04:05.321+00:00"),
        (998449445321, "UTC", "yyyy年MM月dd日", "2001年08月22日"),
        (998449445321, "UTC", "[yyyy] #!? ~", "[2001] #!? ~"),
        (998423705321, "+07:09", "YYYY/MM/dd HH:mm ZZZZ", "2001/08/22 03:04 +07:09"),
        (998423705321, "+07:09", "z zzzz Z ZZ ZZZ", "+07:09 +07:09 +0709 +07:09 +07:09"),
        (1589093396556, "Asia/Kathmandu", "yyyy-MM-dd HH:mm:ss.SSS Z", "2020-05-10 12:34:56.556 +0545"),
        (1589093396556, "Asia/Kathmandu", "z zzzz ZZ ZZZ", "NPT Nepal Time +05:45 Asia/Kathmandu"),
        (979045445321, "UTC", "EEE", "Tue"),
        (979045445321, "UTC", "EEEE", "Tuesday"),
        (979045445321, "UTC", "a", "PM"),
        (979045445321, "UTC", "MMM", "Jan"),
        (979045445321, "UTC", "MMMM", "January"),
        (1418530010000, "+09:00", "yyyy-MM-dd HH:mm:ss", "2014-12-14 13:06:50"),
        (1418530010000, "UTC", "yyyy-MM-dd HH:mm:ss", "2014-12-14 04:06:50"),
        (1418566010000, "+09:00", "yyyy-MM-dd HH:mm:ss", "2014-12-14 23:06:50"),
        (1418566010000, "UTC", "yyyy-MM-dd", "2014-12-14"),
        (1418569200000, "+09:00", "yyyy-MM-dd HH:mm:ss", "2014-12-15 00:00:00"),
        (1418569199999, "+09:00", "yyyy-MM-dd HH:mm:ss.SSS", "2014-12-14 23:59:59.999"),
        (1420086599000, "-04:30", "yyyy-MM-dd HH:mm:ss Z", "2014-12-31 23:59:59 -0430"),
        (1420086600000, "-04:30", "yyyy-MM-dd HH:mm:ss ZZ", "2015-01-01 00:00:00 -04:30"),
        (1614816306000, "UTC", "H k K h a", "0 24 0 12 AM"),
        (1614819906000, "UTC", "H k K h a", "1 1 1 1 AM"),
        (1614855906000, "UTC", "H k K h a", "11 11 11 11 AM"),
        (1614859506000, "UTC", "H k K h a", "12 12 0 12 PM"),
        (1614863106000, "UTC", "H k K h a", "13 13 1 1 PM"),
        (1614899106000, "UTC", "H k K h a", "23 23 11 11 PM"),
        (1230552000000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2009-01-1 2008-12-29 Mon 09"),
        (1230811200000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2009-01-4 2009-01-01 Thu 09"),
        (1262520000000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2009-53-7 2010-01-03 Sun 09"),
        (1262606400000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2010-01-1 2010-01-04 Mon 10"),
        (1451563200000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2015-53-4 2015-12-31 Thu 15"),
        (1451822400000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2015-53-7 2016-01-03 Sun 15"),
        (1609416000000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2020-53-4 2020-12-31 Thu 20"),
        (1609675200000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2020-53-7 2021-01-03 Sun 20"),
        (1798718400000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2026-53-4 2026-12-31 Thu 26"),
        (1798804800000, "UTC", "xxxx-ww-e yyyy-MM-dd EEE xx", "2026-53-5 2027-01-01 Fri 26"),
        (-1, "UTC", "yyyy-MM-dd HH:mm:ss.SSS", "1969-12-31 23:59:59.999"),
        (-1001, "UTC", "yyyy-MM-dd HH:mm:ss.SSS S SS", "1969-12-31 23:59:58.999 9 99"),
        (-995, "UTC", "SSS SS S", "005 00 0"),
        (-62135596800000, "UTC", "G yyyy YYYY C yy", "AD 0001 0001 0 01"),
        (-62135596800001, "UTC", "G yyyy YYYY C yy", "BC 0000 0001 0 00"),
        (-62198755200000, "UTC", "G y yyyy Y YYYY C CC yy YY xxxx", "BC -1 -0001 2 0002 0 00 01 01 -0002"),
        (-66951331200000, "UTC", "G y yyyy Y YYYY C CC yy x", "BC -152 -0152 153 0153 1 01 52 -152"),
        (-5000000000000, "UTC", "G y Y C yy", "AD 1811 1811 18 11"),
        (1609459200000, "UTC", "S SS SSS SSSS", "0 00 000 0000"),
        (1609459200000, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "000000000000000 0000000000000000"),
        (1609459200007, "UTC", "S SS SSS SSSS", "0 00 007 0070"),
        (1609459200007, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "007000000000000 007000000000000"),
        (1609459200070, "UTC", "S SS SSS SSSS", "0 07 070 0700"),
        (1609459200070, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "070000000000000 070000000000000"),
        (1609459200999, "UTC", "S SS SSS SSSS", "9 99 999 9990"),
        (1609459200999, "UTC", "SSSSSSSSSSSSSSS SSSSSSSSSSSSSSSS", "999000000000000 999000000000000"),
        (1610712000000, "Asia/Tokyo", "z|zzzz|Z|ZZ|ZZZ", "JST|Japan Standard Time|+0900|+09:00|Asia/Tokyo"),
        (1626350400000, "Asia/Tokyo", "z|zzzz|Z|ZZ|ZZZ", "JST|Japan Standard Time|+0900|+09:00|Asia/Tokyo"),
        (1610712000000, "America/Los_Angeles", "z|zzzz|Z|ZZ|ZZZ", "PST|Pacific Standard Time|-0800|-08:00|America/Los_Angeles"),
        (1626350400000, "America/Los_Angeles", "z|zzzz|Z|ZZ|ZZZ", "PDT|Pacific Daylight Time|-0700|-07:00|America/Los_Angeles"),
        (1610712000000, "America/New_York", "z|zzzz|Z|ZZ|ZZZ", "EST|Eastern Standard Time|-0500|-05:00|America/New_York"),
        (1626350400000, "America/New_York", "z|zzzz|Z|ZZ|ZZZ", "EDT|Eastern Daylight Time|-0400|-04:00|America/New_York"),
        (1610712000000, "Europe/London", "z|zzzz|Z|ZZ|ZZZ", "GMT|Greenwich Mean Time|+0000|+00:00|Europe/London"),
        (1626350400000, "Europe/London", "z|zzzz|Z|ZZ|ZZZ", "BST|British Summer Time|+0100|+01:00|Europe/London"),
        (1610712000000, "Europe/Dublin", "z|zzzz|Z|ZZ|ZZZ", "GMT|Greenwich Mean Time|+0000|+00:00|Europe/Dublin"),
        (1626350400000, "Europe/Dublin", "z|zzzz|Z|ZZ|ZZZ", "IST|Irish Standard Time|+0100|+01:00|Europe/Dublin"),
        (1610712000000, "Australia/Sydney", "z|zzzz|Z|ZZ|ZZZ", "AEDT|Australian Eastern Daylight Time|+1100|+11:00|Australia/Sydney"),
        (1626350400000, "Australia/Sydney", "z|zzzz|Z|ZZ|ZZZ", "AEST|Australian Eastern Standard Time|+1000|+10:00|Australia/Sydney"),
        (1610712000000, "US/Pacific", "z|zzzz|Z|ZZ|ZZZ", "PST|Pacific Standard Time|-0800|-08:00|America/Los_Angeles"),
        (1626350400000, "US/Pacific", "z|zzzz|Z|ZZ|ZZZ", "PDT|Pacific Daylight Time|-0700|-07:00|America/Los_Angeles"),
        (1610712000000, "Asia/Calcutta", "z|zzzz|Z|ZZ|ZZZ", "IST|India Standard Time|+0530|+05:30|Asia/Kolkata"),
        (1626350400000, "Asia/Calcutta", "z|zzzz|Z|ZZ|ZZZ", "IST|India Standard Time|+0530|+05:30|Asia/Kolkata"),
        (1610712000000, "Pacific/Apia", "z|zzzz|Z|ZZ|ZZZ", "WSDT|Apia Daylight Time|+1400|+14:00|Pacific/Apia"),
        (1626350400000, "Pacific/Apia", "z|zzzz|Z|ZZ|ZZZ", "WSST|Apia Standard Time|+1300|+13:00|Pacific/Apia"),
        (1614834367000, "UTC", "dddd MMMMM HHHH yyyyyyyy eeee DDDDD", "0004 March 0005 00002021 0004 00063"),
        (253402300799999, "UTC", "yyyy yyyyyy YYYYYY xxxxxx C", "9999 009999 009999 009999 99"),
        (1614834367000, "UTC", "yyyyyyyyyyyy", "000000002021"),
        (-3786825600000, "America/Los_Angeles", "yyyy-MM-dd HH:mm:ss Z ZZ z", "1849-12-31 16:07:02 -0752 -07:52 PST"),
    ];

    #[test]
    fn matches_joda_output() {
        for (millis, zone_id, pattern, expected) in JODA_PRINTED {
            assert_eq!(
                format(pattern, *millis, zone_id),
                *expected,
                "{pattern} at {millis} in {zone_id}"
            );
        }
    }

    #[test]
    fn trino_format_datetime_cases() {
        // TestDateTimeFunctions.testFormatDatetime: TIMESTAMP '2001-08-22 03:04:05.321' (UTC) and
        // TIMESTAMP '2001-08-22 03:04:05.321 +07:09'.
        assert_eq!(
            format("YYYY/MM/dd HH:mm", 998_449_445_321, "UTC"),
            "2001/08/22 03:04"
        );
        assert_eq!(
            format("YYYY/MM/dd HH:mm", 998_423_705_321, "+07:09"),
            "2001/08/22 03:04"
        );
        assert_eq!(
            format("YYYY/MM/dd HH:mm ZZZZ", 998_423_705_321, "+07:09"),
            "2001/08/22 03:04 +07:09"
        );
        // TestTimestampWithTimeZone.testFormatDateTime (the value rounded to .556 first).
        assert_eq!(
            format(
                "yyyy-MM-dd HH:mm:ss.SSS Z",
                1_589_093_396_556,
                "Asia/Kathmandu"
            ),
            "2020-05-10 12:34:56.556 +0545"
        );
        // testLocale's fields, in English: TIMESTAMP '2001-01-09 13:04:05.321'.
        let t = 979_045_445_321;
        assert_eq!(format("EEE", t, "UTC"), "Tue");
        assert_eq!(format("EEEE", t, "UTC"), "Tuesday");
        assert_eq!(format("a", t, "UTC"), "PM");
        assert_eq!(format("MMM", t, "UTC"), "Jan");
        assert_eq!(format("MMMM", t, "UTC"), "January");
    }

    #[test]
    fn runbook_pattern_on_from_unixtime_start_9_0() {
        // from_unixtime(1418530010, 9, 0) is 2014-12-14 13:06:50.000 +09:00.
        let plus_nine = TrinoZone::from_offset_minutes(9 * 60).unwrap_or(TrinoZone::Utc);
        let pattern = JodaPattern::parse("yyyy-MM-dd HH:mm:ss").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            pattern.format(1_418_530_010_000, &plus_nine),
            "2014-12-14 13:06:50"
        );
        // 14:59:59 UTC is the last second of the day at +09:00; 15:00:00 is the next day.
        assert_eq!(
            pattern.format(1_418_569_199_000, &plus_nine),
            "2014-12-14 23:59:59"
        );
        assert_eq!(
            pattern.format(1_418_569_200_000, &plus_nine),
            "2014-12-15 00:00:00"
        );
        assert_eq!(
            pattern.format(1_418_569_200_000, &TrinoZone::Utc),
            "2014-12-14 15:00:00"
        );
    }

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
    fn quoting() {
        assert_eq!(format("'T'", 0, "UTC"), "T");
        assert_eq!(format("''", 0, "UTC"), "'");
        assert_eq!(format("'", 0, "UTC"), "");
        assert_eq!(format("'o''clock' h", 0, "UTC"), "o'clock 12");
        assert_eq!(format("'yyyy", 0, "UTC"), "yyyy");
        assert_eq!(format("HH'h'mm", 0, "UTC"), "00h00");
        assert_eq!(format("日付: yyyy", 0, "UTC"), "日付: 1970");
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

    #[test]
    fn extreme_instants_do_not_panic() {
        let pattern =
            JodaPattern::parse("G yyyy-MM-dd HH:mm:ss.SSS xxxx-ww-e C YY z zzzz Z ZZ ZZZ")
                .unwrap_or_else(|e| panic!("{e}"));
        for zone_id in ["UTC", "+14:00", "-14:00", "Asia/Tokyo", "Europe/Dublin"] {
            for millis in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX] {
                assert!(!pattern.format(millis, &zone(zone_id)).is_empty());
            }
        }
    }

    /// (pattern, text, default zone, Ok((epoch millis, zone id)) or Err(message)). Expected
    /// values are Joda-Time 2.10.14's `parseDateTime` with `withOffsetParsed()`, Locale.ENGLISH,
    /// ISO chronology in the default zone, in the year 2026 (two-digit years: 1946-2045),
    /// as Trino's `parse_datetime` calls it.
    #[allow(clippy::type_complexity)]
    #[rustfmt::skip]
    const JODA_PARSED: &[(&str, &str, &str, Result<(i64, &str), &str>)] = &[
        ("yyyy-MM-dd HH:mm:ss.SSS", "2020-08-18 03:04:05.678", "Pacific/Apia", Ok((1597673045678, "Pacific/Apia"))),
        ("yyyy/MM/dd HH:mm", "1960/01/22 03:04", "Pacific/Apia", Ok((-313754160000, "Pacific/Apia"))),
        ("yyyy/MM/dd HH:mm ZZZZZ", "1960/01/22 03:04 Asia/Oral", "Pacific/Apia", Ok((-313811760000, "Asia/Oral"))),
        ("yyyy/MM/dd HH:mm Z", "1960/01/22 03:04 +0500", "Pacific/Apia", Ok((-313811760000, "+05:00"))),
        ("yyyy-MM-dd HH:mm:ss", "2014-12-14 13:06:50", "+09:00", Ok((1418530010000, "+09:00"))),
        ("yyyy-MM-dd HH:mm:ss", "2014-12-14 13:06:50", "UTC", Ok((1418562410000, "UTC"))),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSZZ", "2020-05-01T12:34:56.789+05:45", "UTC", Ok((1588315796789, "+05:45"))),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSZZ", "2020-05-01T12:34:56.789Z", "Asia/Tokyo", Ok((1588336496789, "UTC"))),
        ("yyyy-MM-dd HH:mm", "2021-11-07 01:30", "America/Los_Angeles", Ok((1636273800000, "America/Los_Angeles"))),
        ("yyyy-MM-dd HH:mm", "2021-03-14 02:30", "America/Los_Angeles", Err("Cannot parse \"2021-03-14 02:30\": Illegal instant due to time zone offset transition (America/Los_Angeles)")),
        ("yyyy-MM-dd HH:mm", "2021-03-28 01:30", "Europe/Dublin", Err("Cannot parse \"2021-03-28 01:30\": Illegal instant due to time zone offset transition (Europe/Dublin)")),
        ("yyyy-MM-dd", "2020-02-30", "UTC", Err("Cannot parse \"2020-02-30\": Value 30 for dayOfMonth must be in the range [1,29]")),
        ("yyyy-MM-dd", "2020-13-01", "UTC", Err("Cannot parse \"2020-13-01\": Value 13 for monthOfYear must be in the range [1,12]")),
        ("yyyy-MM-dd", "2021-02-29", "UTC", Err("Cannot parse \"2021-02-29\": Value 29 for dayOfMonth must be in the range [1,28]")),
        ("D", "0", "UTC", Err("Cannot parse \"0\": Value 0 for dayOfYear must be in the range [1,366]")),
        ("yyyy D", "2021 366", "UTC", Err("Cannot parse \"2021 366\": Value 366 for dayOfYear must be in the range [1,365]")),
        ("hh:mm", "13:00", "UTC", Err("Cannot parse \"13:00\": Value 13 for clockhourOfHalfday must be in the range [1,12]")),
        ("kk:mm", "25:00", "UTC", Err("Cannot parse \"25:00\": Value 25 for clockhourOfDay must be in the range [1,24]")),
        ("yyyy-MM-dd HH:mm:ss zzzz", "2020-01-01 00:00:00 UTC", "UTC", Err("Parsing not supported")),
        ("yyyyyyyyyy", "99999999999", "UTC", Err("For input string: \"9999999999\"")),
        ("yyyy", "+2020", "UTC", Ok((1577836800000, "UTC"))),
        ("yyyy", "-2020", "UTC", Ok((-125912275200000, "UTC"))),
        ("yy", "20", "UTC", Ok((1577836800000, "UTC"))),
        ("yy", "75", "UTC", Ok((157766400000, "UTC"))),
        ("yy", "45", "UTC", Ok((2366841600000, "UTC"))),
        ("yy", "46", "UTC", Ok((-757382400000, "UTC"))),
        ("yy", "2020", "UTC", Ok((1577836800000, "UTC"))),
        ("yy", "+20", "UTC", Ok((-61536067200000, "UTC"))),
        ("yy", "-5", "UTC", Ok((-62324985600000, "UTC"))),
        ("yyMM", "2001", "UTC", Ok((1577836800000, "UTC"))),
        ("MMM dd", "JAN 05", "UTC", Ok((947030400000, "UTC"))),
        ("MMM dd", "jan 05", "UTC", Ok((947030400000, "UTC"))),
        ("MMM dd", "jAn 05", "UTC", Err("Invalid format: \"jAn 05\"")),
        ("MMMM", "September", "UTC", Ok((967766400000, "UTC"))),
        ("MMM", "Sept", "UTC", Err("Invalid format: \"Sept\" is malformed at \"t\"")),
        ("EEE yyyy-MM-dd", "Mon 2021-03-04", "UTC", Ok((1614556800000, "UTC"))),
        ("hh:mm a", "12:30 AM", "UTC", Ok((1800000, "UTC"))),
        ("hh:mm a", "12:30 pm", "UTC", Ok((45000000, "UTC"))),
        ("hh:mm", "12:30", "UTC", Ok((1800000, "UTC"))),
        ("kk:mm", "24:00", "UTC", Ok((0, "UTC"))),
        ("G yyyy", "AD 2020", "UTC", Ok((1577836800000, "UTC"))),
        ("G yyyy", "CE 2020", "UTC", Ok((1577836800000, "UTC"))),
        ("yyyy D", "2020 366", "UTC", Ok((1609372800000, "UTC"))),
        ("xxxx ww e", "2020 53 7", "UTC", Ok((1609632000000, "UTC"))),
        ("xxxx-ww-e", "2009-53-7", "UTC", Ok((1262476800000, "UTC"))),
        ("xxxx ww e", "2021 53 1", "UTC", Err("Cannot parse \"2021 53 1\": Value 53 for weekOfWeekyear must be in the range [1,52]")),
        ("C", "20", "UTC", Err("Invalid format: \"20\" is malformed at \"0\"")),
        ("C yy", "19 99", "UTC", Err("Invalid format: \"19 99\" is malformed at \"9 99\"")),
        ("SSS", "5", "UTC", Ok((500, "UTC"))),
        ("ss.SSS", "1.123456", "UTC", Err("Invalid format: \"1.123456\" is malformed at \"456\"")),
        ("ss.SSSSSS", "1.123456", "UTC", Ok((1123, "UTC"))),
        ("HH:mm:ss", "", "UTC", Err("Invalid format: \"\"")),
        ("HH:mm:ss", "1", "UTC", Err("Invalid format: \"1\" is too short")),
        ("yyyy-MM-dd", "2020-01-01 extra text that is long enough to be cut off by the sampler", "UTC", Err("Invalid format: \"2020-01-01 extra text that is long enough ...\" is malformed at \" extra text that is long enough ...\"")),
        ("yyyy-MM-dd z", "2020-07-01 PST", "UTC", Ok((1593586800000, "America/Los_Angeles"))),
        ("yyyy-MM-dd z", "2020-07-01 JST", "UTC", Err("Invalid format: \"2020-07-01 JST\" is malformed at \"JST\"")),
        ("MM-dd", "02-29", "UTC", Ok((951782400000, "UTC"))),
        ("MM", "02", "America/Los_Angeles", Ok((949392000000, "America/Los_Angeles"))),
        ("ww", "1", "UTC", Ok((946857600000, "UTC"))),
        ("EEE", "Wed", "UTC", Ok((977875200000, "UTC"))),
        ("a", "PM", "UTC", Ok((43200000, "UTC"))),
        ("yyyy-MM-dd HH:mm ZZZ", "2020-07-01 00:00 US/Pacific", "UTC", Ok((1593586800000, "America/Los_Angeles"))),
        ("yyyy-MM-dd HH:mm ZZZ", "2020-07-01 00:00 Asia/Calcutta", "UTC", Ok((1593541800000, "Asia/Kolkata"))),
        ("ZZZ yyyy/MM/dd", "UTC 2020/01/01", "UTC", Err("Invalid format: \"UTC 2020/01/01\"")),
        ("yyyy-MM-dd ZZZ", "2020-01-01 Mars/Base", "UTC", Err("Invalid format: \"2020-01-01 Mars/Base\" is malformed at \"Mars/Base\"")),
        ("yyyy-MM-dd", "2020-1-1", "UTC", Ok((1577836800000, "UTC"))),
        ("yyyyMMdd", "20200101", "UTC", Ok((1577836800000, "UTC"))),
        ("yyyyMMdd", "2020011", "UTC", Ok((1577836800000, "UTC"))),
        ("dd.MM.yyyy", "1.1.2020", "UTC", Ok((1577836800000, "UTC"))),
        ("HH:mm", "7:5", "UTC", Ok((25500000, "UTC"))),
        ("yyyy-MM-dd", "2020-01-01", "US/Pacific", Ok((1577865600000, "America/Los_Angeles"))),
        ("yyyy-MM-dd HH:mm Z", "2020-01-01 00:00 -00", "+09:00", Ok((1577836800000, "UTC"))),
        ("yyyy-MM-dd HH:mm ZZ", "2020-01-01 00:00 +05:30", "UTC", Ok((1577817000000, "+05:30"))),
        ("yyyy-MM-dd HH:mm Z", "2020-01-01 00:00 -0430", "UTC", Ok((1577853000000, "-04:30"))),
        ("dd/MMM/yyyy:HH:mm:ss Z", "10/Oct/2000:13:55:36 -0700", "UTC", Ok((971211336000, "-07:00"))),
        ("EEE MMM dd HH:mm:ss yyyy", "Tue Aug 22 03:04:05 2001", "UTC", Ok((998363045000, "UTC"))),
        ("yyyy-MM-dd HH:mm", "2500-07-01 12:00", "America/New_York", Ok((16740921600000, "America/New_York"))),
    ];

    #[test]
    fn parses_like_joda() {
        for (pattern, text, default_zone, expected) in JODA_PARSED {
            let compiled = JodaPattern::parse_in_year(pattern, 2026)
                .unwrap_or_else(|e| panic!("{pattern}: {e}"));
            let actual = compiled
                .parse_instant(text, &zone(default_zone))
                .map(|parsed| (parsed.epoch_millis, parsed.zone.id()))
                .map_err(|e| e.to_string());
            let expected = expected
                .map(|(millis, zone)| (millis, zone.to_string()))
                .map_err(str::to_string);
            assert_eq!(
                actual, expected,
                "{pattern:?} on {text:?} in {default_zone}"
            );
        }
    }

    #[test]
    fn parse_results_need_a_trino_zone() {
        // Joda accepts offsets up to 23:59 and zones Trino has no key for.
        let pattern = JodaPattern::parse_in_year("yyyy-MM-dd HH:mm Z", 2026)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            pattern.parse_instant("2020-01-01 00:00 +1500", &TrinoZone::Utc),
            Err(JodaError::UnsupportedZone {
                zone: "+15:00".to_string()
            })
        );
        let pattern =
            JodaPattern::parse_in_year("yyyy-MM-dd ZZZ", 2026).unwrap_or_else(|e| panic!("{e}"));
        // Etc/GMT+5 is a Joda zone that Trino normalises to -05:00.
        let parsed = pattern.parse_instant("2020-01-01 Etc/GMT+5", &TrinoZone::Utc);
        assert_eq!(
            parsed.map(|p| (p.epoch_millis, p.zone.id())),
            Ok((1_577_854_800_000, "-05:00".to_string()))
        );
        // Joda resolves EST as a link to America/Panama (tzdata 2024b).
        let parsed = pattern.parse_instant("2020-01-01 EST", &TrinoZone::Utc);
        assert_eq!(
            parsed.map(|p| p.zone.id()),
            Ok("America/Panama".to_string())
        );
    }

    #[test]
    fn malformed_messages() {
        assert_eq!(malformed_message("", 0), "Invalid format: \"\"");
        assert_eq!(
            malformed_message("12", 2),
            "Invalid format: \"12\" is too short"
        );
        assert_eq!(
            malformed_message("12x", 2),
            "Invalid format: \"12x\" is malformed at \"x\""
        );
        let long = "a".repeat(40);
        assert_eq!(
            malformed_message(&long, 1),
            format!(
                "Invalid format: \"{}...\" is malformed at \"{}...\"",
                "a".repeat(33),
                "a".repeat(32)
            )
        );
    }

    #[test]
    fn far_future_keeps_daylight_saving() {
        // chrono-tz stops at 2099; Joda applies the rules forever: 2500-07-01 is EDT.
        let pattern = JodaPattern::parse_in_year("yyyy-MM-dd HH:mm z", 2026)
            .unwrap_or_else(|e| panic!("{e}"));
        let new_york = zone("America/New_York");
        let parsed = pattern.parse_instant("2500-07-01 12:00 EST", &TrinoZone::Utc);
        assert_eq!(parsed.map(|p| p.epoch_millis), Ok(16_740_921_600_000));
        assert_eq!(
            pattern.format(16_740_921_600_000, &new_york),
            "2500-07-01 12:00 EDT"
        );
    }

    #[test]
    fn padding_quirk_for_powers_of_ten() {
        // Joda's appendPaddedInteger counts 1,000,000 as six digits, so pads one zero too many.
        let mut out = String::new();
        push_padded(&mut out, 1_000_000, 8);
        assert_eq!(out, "001000000");
        out.clear();
        push_padded(&mut out, 999_999, 8);
        assert_eq!(out, "00999999");
        out.clear();
        push_padded(&mut out, -5, 4);
        assert_eq!(out, "-0005");
    }
}
