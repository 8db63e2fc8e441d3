//! Joda-Time's element parsers: each reads one pattern element at a position of the text.

use super::pattern::TextField;
use crate::time::pattern::{DAYS, DAYS_SHORT, MONTHS, MONTHS_SHORT};

/// Why an element did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Failure {
    /// No match at this character offset.
    At(usize),
    /// Ten or more digits that overflow Java's `int` (the digits as read).
    TooLong(String),
}

/// Case-insensitive literal match (Joda's `CharacterLiteral` / `StringLiteral`).
pub(super) fn parse_literal(
    literal: &str,
    text: &[char],
    position: usize,
) -> Result<usize, Failure> {
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
pub(super) fn parse_number(
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
pub(super) fn parse_two_digit_year(
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
pub(super) fn parse_text(
    field: TextField,
    text: &[char],
    position: usize,
) -> Result<(i64, usize), Failure> {
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
pub(super) fn parse_fraction(
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
pub(super) fn parse_offset(text: &[char], position: usize) -> Result<(i32, usize), Failure> {
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
pub(super) fn parse_zone_id(
    text: &[char],
    position: usize,
) -> Result<(&'static str, usize), Failure> {
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
        None => crate::time::zone::joda_zone_ids()
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
            let group: Vec<&'static str> = crate::time::zone::joda_zone_ids()
                .filter(in_group)
                .collect();
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
    let canonical = crate::time::zone::joda_canonical_id(id).unwrap_or(id);
    Ok((canonical, position + id.chars().count()))
}

/// Joda's `TimeZoneName.parseInto` for `z`: the default names UT, UTC, GMT and the US zones'
/// EST, EDT, CST, CDT, MST, MDT, PST, PDT (case-sensitive).
pub(super) fn parse_zone_short_name(
    text: &[char],
    position: usize,
) -> Result<(&'static str, usize), Failure> {
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
