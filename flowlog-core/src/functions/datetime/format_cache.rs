//! Format each distinct value once: a per-batch cache for `format_datetime` over columns whose
//! pattern is coarser than the values (`'yyyy-MM-dd HH'` over epoch seconds).
//!
//! A pattern without zone letters prints only fields of the local wall-clock time. Two instants
//! whose local times fall in the same unit of the pattern's finest field (the same local hour
//! for `HH`, the same local second for `ss`) therefore print the same text, whatever their
//! offsets. The cache keys rows by that local unit and formats the first row of each key.
//!
//! The finest field is read from the pattern text by [`Granularity::of_pattern`]; any letter it
//! does not know, and the zone letters `z`/`Z`, turn the cache off (every row is formatted).

use std::collections::HashMap;

use arrow::array::{ArrayRef, GenericStringBuilder};

use crate::time::TrinoZone;
use crate::time::joda::JodaPattern;

/// The length, in milliseconds, of the unit of a pattern's finest field: rows whose local
/// times agree after truncation to it print the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Granularity {
    /// Milliseconds per unit (1,000 for seconds, 3,600,000 for hours, ...).
    unit_millis: i64,
}

impl Granularity {
    /// The granularity of a Joda pattern, or `None` when caching would not pay or might be
    /// wrong: fractions of a second (`S`), zone fields (`z`, `Z`), letters not listed here.
    ///
    /// ```
    /// use flowlog_core::functions::datetime::format_cache::Granularity;
    /// assert_eq!(Granularity::of_pattern("yyyy-MM-dd HH").unwrap().unit_millis(), 3_600_000);
    /// assert_eq!(Granularity::of_pattern("yyyy-MM-dd'T'HH:mm:ss").unwrap().unit_millis(), 1_000);
    /// assert_eq!(Granularity::of_pattern("'hour' dd").unwrap().unit_millis(), 86_400_000);
    /// assert!(Granularity::of_pattern("HH:mm:ss.SSS").is_none());
    /// assert!(Granularity::of_pattern("yyyy-MM-dd Z").is_none());
    /// ```
    pub fn of_pattern(pattern: &str) -> Option<Granularity> {
        const SECOND: i64 = 1_000;
        const MINUTE: i64 = 60 * SECOND;
        const HOUR: i64 = 60 * MINUTE;
        const DAY: i64 = 24 * HOUR;
        let mut unit = DAY;
        let mut quoted = false;
        for c in pattern.chars() {
            if c == '\'' {
                // `''` toggles twice: a literal quote, inside or outside quoted text.
                quoted = !quoted;
                continue;
            }
            if quoted || !c.is_ascii_alphabetic() {
                continue;
            }
            let letter_unit = match c {
                // Era, century, years, week-years, months, weeks and days.
                'G' | 'C' | 'Y' | 'x' | 'y' | 'M' | 'w' | 'e' | 'E' | 'D' | 'd' => DAY,
                'a' | 'h' | 'H' | 'k' | 'K' => HOUR,
                'm' => MINUTE,
                's' => SECOND,
                _ => return None,
            };
            unit = unit.min(letter_unit);
        }
        Some(Granularity { unit_millis: unit })
    }

    /// Milliseconds per unit of the finest field.
    pub fn unit_millis(&self) -> i64 {
        self.unit_millis
    }
}

/// Formats a column of epoch milliseconds with one pattern, formatting each distinct local
/// unit (see [`Granularity`]) once and copying its text to the other rows.
///
/// `zone` is the zone the instants are shown in (UTC for a `TIMESTAMP` without zone).
pub fn format_column(
    millis: &[Option<i64>],
    pattern: &JodaPattern,
    granularity: Granularity,
    zone: &TrinoZone,
) -> ArrayRef {
    let unit = granularity.unit_millis;
    // Texts of the keys seen so far, end to end in `texts`; `spans[k]` is key k's range.
    let mut texts = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut last: Option<(i64, usize)> = None;
    let mut out = GenericStringBuilder::<i32>::with_capacity(millis.len(), millis.len() * 8);
    for m in millis {
        let Some(m) = *m else {
            out.append_null();
            continue;
        };
        let offset = i64::from(zone.offset_seconds_at(m.div_euclid(1000))) * 1000;
        let Some(local) = m.checked_add(offset) else {
            // Beyond the range of keys: format this row on its own.
            let start = texts.len();
            pattern.format_into(m, zone, &mut texts);
            out.append_value(&texts[start..]);
            texts.truncate(start);
            continue;
        };
        let key = local.div_euclid(unit);
        let slot = match last {
            Some((k, slot)) if k == key => slot,
            _ => {
                let slot = *index.entry(key).or_insert_with(|| {
                    let start = texts.len();
                    pattern.format_into(m, zone, &mut texts);
                    spans.push((start, texts.len()));
                    spans.len() - 1
                });
                last = Some((key, slot));
                slot
            }
        };
        let (start, end) = spans[slot];
        out.append_value(&texts[start..end]);
    }
    std::sync::Arc::new(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(millis: &[Option<i64>], pattern: &str, zone: &TrinoZone) -> Vec<Option<String>> {
        let p = JodaPattern::parse(pattern).unwrap();
        millis
            .iter()
            .map(|m| m.map(|m| p.format(m, zone)))
            .collect()
    }

    fn cached(millis: &[Option<i64>], pattern: &str, zone: &TrinoZone) -> Vec<Option<String>> {
        use arrow::array::{Array, AsArray};
        let p = JodaPattern::parse(pattern).unwrap();
        let g = Granularity::of_pattern(pattern).unwrap();
        let a = format_column(millis, &p, g, zone);
        let s = a.as_string::<i32>();
        (0..s.len())
            .map(|i| (!s.is_null(i)).then(|| s.value(i).to_string()))
            .collect()
    }

    #[test]
    fn cached_text_equals_per_row_text_across_zones_and_transitions() {
        // Every 7 minutes 13 seconds over 3 days around the 2026 US DST end, plus negatives
        // and nulls; zones with whole, half and quarter-hour offsets and DST.
        let start = 1_793_400_000_000_i64;
        let mut millis: Vec<Option<i64>> = (0..600).map(|i| Some(start + i * 433_123)).collect();
        millis.extend([None, Some(-1), Some(-86_400_001), Some(0), None]);
        let zones = [
            "UTC",
            "+09:00",
            "Asia/Kathmandu",
            "America/New_York",
            "Australia/Lord_Howe",
        ];
        let patterns = [
            "yyyy-MM-dd HH",
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd",
            "EEE, dd MMM yyyy hh a",
            "'at' HH'h' mm''",
            "xxxx-ww-e",
        ];
        for zone in zones {
            let zone = TrinoZone::parse(zone).unwrap();
            for pattern in patterns {
                assert_eq!(
                    cached(&millis, pattern, &zone),
                    plain(&millis, pattern, &zone),
                    "{pattern} in {zone:?}"
                );
            }
        }
    }

    #[test]
    fn granularity_follows_the_finest_unquoted_letter() {
        let unit = |p: &str| Granularity::of_pattern(p).map(|g| g.unit_millis());
        assert_eq!(unit("yyyy"), Some(86_400_000));
        assert_eq!(unit("HH 'mm ss'"), Some(3_600_000));
        assert_eq!(unit("HH '' mm"), Some(60_000));
        assert_eq!(unit("a"), Some(3_600_000));
        assert_eq!(unit("zzz"), None);
        assert_eq!(unit("ss.S"), None);
    }
}
