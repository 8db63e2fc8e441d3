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
//!
//! ```text
//! pattern   compiling: letter runs → fields, quoted text → literals
//! format    printing an instant in a zone
//! parse     reading text back: the elements in order, then the zone
//! resolve   Joda's field resolution (computeMillis) on the ISO calendar
//! read      the element parsers: numbers, names, fractions, offsets, zone ids
//! ```

mod format;
mod parse;
mod pattern;
mod read;
mod resolve;

pub use parse::ParsedInstant;
pub use pattern::{JodaPattern, pattern_specifies_zone};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
