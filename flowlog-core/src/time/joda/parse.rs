//! Reading text back with a compiled Joda-Time pattern, as Trino's `parse_datetime` does
//! (`parseDateTime` with the offset kept): elements read in order, fields resolved, then the
//! local time placed in the parsed or default zone.

use super::JodaError;
use super::pattern::{Item, JodaPattern};
use super::read::{
    Failure, parse_fraction, parse_literal, parse_number, parse_offset, parse_text,
    parse_two_digit_year, parse_zone_id, parse_zone_short_name,
};
use super::resolve::{Bucket, ParseField, SECOND};
use crate::time::zone::{TrinoZone, joda_offset_id};

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
    /// use flowlog_core::time::joda::JodaPattern;
    /// use flowlog_core::time::TrinoZone;
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
                let utc = crate::time::zone::local_to_utc_seconds(tz, seconds)?;
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
}
