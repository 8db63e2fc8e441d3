//! Time zones as Trino (Athena engine v3) names them, and Trino's text renderings of date/time values.
//!
//! Trino keeps a fixed index of time-zone keys (`zone-index.properties` in `trino-spi`): `UTC`, every
//! whole-minute offset from `-14:00` to `+14:00` except zero, and about 550 IANA names. A zone string is
//! looked up there **case-sensitively** (Trino made `TimeZoneKey` case-sensitive in 2020, PR #4522), and
//! failing that, normalised first:
//!
//! ```text
//! UTC, Z, Zulu, UT, UCT, GMT, GMT0, Greenwich, Universal, Etc/UTC, +00:00, -0000, ...   -> UTC
//! GMT+7  UT-7  UTC+07:35  Etc/UTC-7:35                                               -> +07:00 -07:00 +07:35 -07:35
//! Etc/GMT+7 (POSIX sign: west of Greenwich)                                          -> -07:00
//! +7  +07  +0735  +073500  +07:35:00 (java.time ZoneOffset forms)                    -> +07:00 ... +07:35
//! GMT7  Etc/UTC4  asia/tokyo  +14:01  +07:35:21                                      -> not a valid time zone
//! ```
//!
//! The renderings are those of Trino's `CAST(x AS varchar)`: `yyyy-MM-dd HH:mm:ss`, then `.` and exactly
//! `p` fractional digits when `p > 0`, then for `timestamp(p) with time zone` a space and the zone id.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, Tz};
use std::fmt::Write as _;

/// A Trino time-zone key: a named IANA zone (e.g. `Asia/Tokyo`), a fixed offset (e.g. `+09:00`), or `UTC`.
///
/// Invariants of values built by [`TrinoZone::parse`] and [`TrinoZone::from_offset_minutes`]:
/// an `Offset` is a non-zero whole number of minutes within ±14:00 (a zero offset is `Utc`), and a
/// `Named` zone is one of the names in Trino's zone index.
///
/// ```
/// use flowlog_core::functions::zone::TrinoZone;
/// assert_eq!(TrinoZone::parse("+09:00").unwrap().id(), "+09:00");
/// assert_eq!(TrinoZone::parse("Etc/GMT+5").unwrap().id(), "-05:00");
/// assert_eq!(TrinoZone::parse("Z").unwrap(), TrinoZone::Utc);
/// assert_eq!(TrinoZone::parse("Asia/Tokyo").unwrap().id(), "Asia/Tokyo");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrinoZone {
    /// The `UTC` key (Trino's key 0); every UTC-equivalent spelling maps here.
    Utc,
    /// A fixed offset from UTC, printed as `+HH:MM`.
    Offset(FixedOffset),
    /// A named IANA zone from Trino's zone index, printed by its name.
    Named(Tz),
}

/// Errors from resolving a time zone.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ZoneError {
    /// The string names no zone Trino knows (`with_timezone(ts, 'invalidzoneid')`, `AT TIME ZONE`, ...).
    #[error("'{zone}' is not a valid time zone")]
    InvalidZone {
        /// The zone string as given.
        zone: String,
    },
    /// An offset in minutes outside Trino's range of -14:00 to +14:00 (`from_unixtime(0, 100, 0)`).
    #[error("Invalid offset minutes {minutes}")]
    OffsetOutOfRange {
        /// The offset as given, in minutes.
        minutes: i64,
    },
}

/// The largest offset Trino has a key for, in minutes (14 hours).
const MAX_OFFSET_MINUTES: i64 = 14 * 60;

/// Zone strings Trino maps straight to UTC (`TimeZoneKey.UTC_EQUIVALENTS`).
const UTC_EQUIVALENTS: &[&str] = &[
    "GMT",
    "GMT0",
    "GMT+0",
    "GMT-0",
    "Etc/GMT",
    "Etc/GMT0",
    "Etc/GMT+0",
    "Etc/GMT-0",
    "UT",
    "UT+0",
    "UT-0",
    "Etc/UT",
    "Etc/UT+0",
    "Etc/UT-0",
    "UTC",
    "UTC+0",
    "UTC-0",
    "Etc/UTC",
    "Etc/UTC+0",
    "Etc/UTC-0",
    "+0000",
    "+00:00",
    "-0000",
    "-00:00",
    "Z",
    "Zulu",
    "UCT",
    "Greenwich",
    "Universal",
    "Etc/Universal",
    "Etc/UCT",
];

/// Prefixes after which Trino reads an hour offset itself, in the order it tries them.
const UTC_OFFSET_PREFIXES: &[&str] = &["Etc/GMT", "Etc/UTC", "Etc/UT", "GMT", "UTC", "UT"];

impl TrinoZone {
    /// Parses a zone string as Trino's `TimeZoneKey.getTimeZoneKey` does (see the module docs).
    ///
    /// Names are case-sensitive, as in Trino since 2020: `asia/tokyo` is rejected.
    ///
    /// ```
    /// use flowlog_core::functions::zone::{TrinoZone, ZoneError};
    /// assert_eq!(TrinoZone::parse("UTC+7").unwrap().id(), "+07:00");
    /// assert_eq!(
    ///     TrinoZone::parse("Mars/Olympus").unwrap_err().to_string(),
    ///     "'Mars/Olympus' is not a valid time zone"
    /// );
    /// ```
    pub fn parse(s: &str) -> Result<TrinoZone, ZoneError> {
        let invalid = || ZoneError::InvalidZone {
            zone: s.to_string(),
        };
        if s.is_empty() {
            return Err(invalid());
        }
        if let Some(zone) = lookup_key(s) {
            return Ok(zone);
        }
        lookup_key(&normalize_zone_id(s)).ok_or_else(invalid)
    }

    /// Trino's `TimeZoneKey.getTimeZoneKeyForOffset(minutes)`: `0` is `UTC`; beyond ±14:00 is an error.
    ///
    /// ```
    /// use flowlog_core::functions::zone::TrinoZone;
    /// assert_eq!(TrinoZone::from_offset_minutes(0).unwrap(), TrinoZone::Utc);
    /// assert_eq!(TrinoZone::from_offset_minutes(-270).unwrap().id(), "-04:30");
    /// assert!(TrinoZone::from_offset_minutes(14 * 60 + 1).is_err());
    /// ```
    pub fn from_offset_minutes(minutes: i64) -> Result<TrinoZone, ZoneError> {
        if minutes == 0 {
            return Ok(TrinoZone::Utc);
        }
        if !(-MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(&minutes) {
            return Err(ZoneError::OffsetOutOfRange { minutes });
        }
        // In range, so `minutes * 60` fits an i32 and is within FixedOffset's ±24h.
        FixedOffset::east_opt((minutes * 60) as i32)
            .map(TrinoZone::Offset)
            .ok_or(ZoneError::OffsetOutOfRange { minutes })
    }

    /// The id Trino prints after a `timestamp with time zone`: `UTC`, `+09:00`, `-04:30`, `Asia/Tokyo`.
    ///
    /// [`TrinoZone::parse`] of this id gives the zone back, so it is also the string to store as the
    /// time zone of an Arrow `Timestamp(_, Some(tz))` type.
    pub fn id(&self) -> String {
        match self {
            TrinoZone::Utc => "UTC".to_string(),
            TrinoZone::Offset(offset) => format_offset_id(offset.local_minus_utc()),
            TrinoZone::Named(tz) => tz.name().to_string(),
        }
    }

    /// Offset of this zone at a UTC instant.
    pub fn offset_at(&self, utc: NaiveDateTime) -> FixedOffset {
        match self {
            TrinoZone::Utc => utc_fixed(),
            TrinoZone::Offset(offset) => *offset,
            TrinoZone::Named(_) => {
                let seconds = self.offset_seconds_at(utc.and_utc().timestamp());
                FixedOffset::east_opt(seconds).unwrap_or_else(utc_fixed)
            }
        }
    }

    /// Local wall-clock date-time of a UTC instant in this zone.
    pub fn to_local(&self, utc: NaiveDateTime) -> NaiveDateTime {
        let seconds = i64::from(self.offset_at(utc).local_minus_utc());
        utc.checked_add_signed(chrono::TimeDelta::seconds(seconds))
            .unwrap_or(utc)
    }

    /// Offset in seconds east of UTC at an instant given as seconds since the epoch.
    ///
    /// Instants beyond chrono's range (±262,143 years) take the offset at the nearest end of it.
    ///
    /// ```
    /// use flowlog_core::functions::zone::TrinoZone;
    /// let tokyo = TrinoZone::parse("Asia/Tokyo").unwrap();
    /// assert_eq!(tokyo.offset_seconds_at(0), 9 * 3600);
    /// ```
    pub fn offset_seconds_at(&self, epoch_seconds: i64) -> i32 {
        match self {
            TrinoZone::Utc => 0,
            TrinoZone::Offset(offset) => offset.local_minus_utc(),
            TrinoZone::Named(tz) => tz
                .offset_from_utc_datetime(&clamped_utc(epoch_seconds))
                .fix()
                .local_minus_utc(),
        }
    }

    /// The zone id Joda-Time reports for this zone (`ZZZ` in a `format_datetime` pattern).
    ///
    /// Joda resolves IANA links to their target, so this differs from [`TrinoZone::id`] for
    /// aliases: `US/Pacific` gives `America/Los_Angeles`, `Asia/Calcutta` gives `Asia/Kolkata`.
    ///
    /// ```
    /// use flowlog_core::functions::zone::TrinoZone;
    /// assert_eq!(TrinoZone::parse("US/Pacific").unwrap().joda_id(), "America/Los_Angeles");
    /// assert_eq!(TrinoZone::parse("-04:30").unwrap().joda_id(), "-04:30");
    /// ```
    pub fn joda_id(&self) -> String {
        match self {
            TrinoZone::Named(tz) => joda_canonical_id(tz.name())
                .unwrap_or(tz.name())
                .to_string(),
            other => other.id(),
        }
    }

    /// The English zone name Joda-Time prints at an instant: the short form for `z`
    /// (`JST`, `PDT`) or the long form for `zzzz` (`Japan Standard Time`).
    ///
    /// Fixed offsets print their id (`+07:09`) in both forms; `UTC` prints `UTC` /
    /// `Coordinated Universal Time`. Names are the JDK's English zone strings that Joda uses.
    ///
    /// ```
    /// use flowlog_core::functions::zone::TrinoZone;
    /// let la = TrinoZone::parse("America/Los_Angeles").unwrap();
    /// assert_eq!(la.joda_name(1_595_000_000_000, false), "PDT"); // July 2020
    /// assert_eq!(la.joda_name(1_579_000_000_000, true), "Pacific Standard Time"); // January 2020
    /// ```
    pub fn joda_name(&self, epoch_millis: i64, long: bool) -> String {
        let tz = match self {
            TrinoZone::Named(tz) => tz,
            TrinoZone::Utc => {
                return if long {
                    "Coordinated Universal Time"
                } else {
                    "UTC"
                }
                .to_string();
            }
            TrinoZone::Offset(_) => return self.id(),
        };
        let epoch_seconds = epoch_millis.div_euclid(1000);
        let Some(names) =
            joda_zone_entry(tz.name()).and_then(|(_, _, i)| ZONE_NAMES.get(usize::from(i)))
        else {
            return joda_print_offset(self.offset_seconds_at(epoch_seconds));
        };
        let standard = joda_is_standard_time(*tz, epoch_seconds);
        let index = match (standard, long) {
            (true, false) => 0,
            (true, true) => 1,
            (false, false) => 2,
            (false, true) => 3,
        };
        names[index].to_string()
    }
}

/// A `FixedOffset` of zero (a fallback that never fails).
fn utc_fixed() -> FixedOffset {
    chrono::Utc.fix()
}

/// The date-time at which to look up chrono-tz's rules for `epoch_seconds` (UTC or local).
///
/// chrono-tz computes transitions only up to 2099, while Java and Joda-Time apply a zone's
/// last rules forever. A time from 2100 on is therefore moved, by whole days, to the year in
/// 2072-2099 with the same calendar (leap year, weekday of January 1st), where the same rules
/// give the same transitions. Times beyond chrono's range are clamped to it.
fn clamped_utc(epoch_seconds: i64) -> NaiveDateTime {
    let seconds = epoch_seconds + rules_shift_seconds(epoch_seconds);
    let min = NaiveDateTime::MIN.and_utc().timestamp();
    let max = NaiveDateTime::MAX.and_utc().timestamp();
    DateTime::from_timestamp(seconds.clamp(min, max), 0)
        .map(|dt| dt.naive_utc())
        .unwrap_or(NaiveDateTime::MIN)
}

/// Seconds to add to a time from 2100 on to reach its calendar twin in 2072-2099 (else 0).
fn rules_shift_seconds(epoch_seconds: i64) -> i64 {
    const FIRST_UNRULED_YEAR: i64 = 2100;
    let (year, _, _) = civil_from_days(epoch_seconds.div_euclid(86_400));
    if year < FIRST_UNRULED_YEAR {
        return 0;
    }
    let calendar = |y: i64| {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        (leap, (days_from_civil(y, 1, 1) + 3).rem_euclid(7))
    };
    let target = calendar(year);
    // Every (leap, weekday) pair occurs in any 28 years without a skipped leap day.
    (FIRST_UNRULED_YEAR - 28..FIRST_UNRULED_YEAR)
        .find(|y| calendar(*y) == target)
        .map_or(0, |twin| {
            (days_from_civil(twin, 1, 1) - days_from_civil(year, 1, 1)) * 86_400
        })
}

/// The instant (seconds since the epoch) of a local date-time (seconds since 1970-01-01T00:00
/// local) in a named zone, as Joda-Time resolves it: in an overlap the earlier instant; `None`
/// in a gap.
pub(crate) fn local_to_utc_seconds(tz: Tz, local_seconds: i64) -> Option<i64> {
    let shift = rules_shift_seconds(local_seconds);
    let shifted = clamped_utc(local_seconds);
    if shifted.and_utc().timestamp() != local_seconds.saturating_add(shift) {
        // Beyond chrono's range: the offset at its edge, with no gap check.
        let offset = TrinoZone::Named(tz).offset_seconds_at(local_seconds);
        return Some(local_seconds - i64::from(offset));
    }
    let instant = tz.from_local_datetime(&shifted).earliest()?;
    Some(instant.timestamp() - shift)
}

/// Whether Joda-Time calls the zone's offset at this instant standard time (`isStandardOffset`).
///
/// Both chrono-tz and Joda-Time compile IANA's "vanguard" data, where the Eire, Morocco and Namibia
/// rule sets have negative daylight saving. Joda's compiler rewrites every zone line that uses
/// such a rule set (over all its years): the standard offset becomes the base offset minus one
/// hour, so the offset is standard exactly when the vanguard save is -1:00. This makes Irish
/// winter time (and all Irish time since 1968) and Moroccan time outside Ramadan "summer" time
/// in Joda. Elsewhere the offset is standard exactly when there is no daylight saving.
fn joda_is_standard_time(tz: Tz, epoch_seconds: i64) -> bool {
    let dst = tz
        .offset_from_utc_datetime(&clamped_utc(epoch_seconds))
        .dst_offset()
        .num_seconds();
    let s = epoch_seconds;
    let negative_save_rules = match tz {
        // "1:00 Eire IST/GMT" from 1968-10-27 00:00 local (+01:00).
        Tz::Europe__Dublin | Tz::Eire => s >= -37_242_000,
        // "2:00 Namibia %s" from 1990-03-21 00:00 local (+02:00).
        Tz::Africa__Windhoek => s >= 637_970_400,
        // "0:00 Morocco" from 1913-10-26 00:00 LMT (-00:30:20) to 1984-03-16, then "1:00 -"
        // until 1986, then "0:00 Morocco" and "1:00 Morocco".
        Tz::Africa__Casablanca => (-1_773_012_580..448_243_200).contains(&s) || s >= 504_918_000,
        // "0:00 Morocco" from 1976-04-14 00:00 local (-01:00), then "1:00 Morocco".
        Tz::Africa__El_Aaiun => s >= 198_291_600,
        _ => false,
    };
    if negative_save_rules {
        dst == -3600
    } else {
        dst == 0
    }
}

/// Joda's `DateTimeZone.printOffset`: `+HH:MM`, with `:SS` and `.mmm` only when non-zero.
fn joda_print_offset(offset_seconds: i32) -> String {
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    let total = offset_seconds.unsigned_abs();
    let mut out = format!("{sign}{:02}:{:02}", total / 3600, total / 60 % 60);
    if !total.is_multiple_of(60) {
        let _ = write!(out, ":{:02}", total % 60);
    }
    out
}

/// `+HH:MM` (with `:SS` if the offset has seconds), the id of a fixed-offset zone.
fn format_offset_id(offset_seconds: i32) -> String {
    joda_print_offset(offset_seconds)
}

/// Whether `name` is one of the named zones of Trino's zone index.
fn is_trino_named_zone(name: &str) -> bool {
    TRINO_NAMED_ZONES.binary_search(&name).is_ok()
}

/// Joda-Time's entry for a zone id: (id, link target or empty, names index).
fn joda_zone_entry(id: &str) -> Option<(&'static str, &'static str, u16)> {
    JODA_ZONES
        .binary_search_by(|(joda_id, _, _)| (*joda_id).cmp(id))
        .ok()
        .and_then(|i| JODA_ZONES.get(i).copied())
}

/// The id Joda-Time's `DateTimeZone.forID(id).getID()` gives for a zone id it knows (links
/// resolved), or `None` for ids it does not know.
pub(crate) fn joda_canonical_id(id: &str) -> Option<&'static str> {
    // `forID("UTC")` is Joda's own UTC zone, whatever the link in the sources says.
    if id == "UTC" {
        return Some("UTC");
    }
    joda_zone_entry(id).map(|(joda_id, target, _)| if target.is_empty() { joda_id } else { target })
}

/// Every zone id Joda-Time knows, sorted (links included).
pub(crate) fn joda_zone_ids() -> impl Iterator<Item = &'static str> {
    JODA_ZONES.iter().map(|(id, _, _)| *id)
}

/// An exact key of Trino's zone index: `UTC`, `±HH:MM` within ±14:00 (not zero), or a listed name.
fn lookup_key(id: &str) -> Option<TrinoZone> {
    if id == "UTC" {
        return Some(TrinoZone::Utc);
    }
    if let Some(minutes) = parse_index_offset(id) {
        return TrinoZone::from_offset_minutes(minutes).ok();
    }
    if !is_trino_named_zone(id) {
        return None;
    }
    id.parse::<Tz>().ok().map(TrinoZone::Named)
}

/// `±HH:MM` exactly as the zone index spells offsets; `None` for zero or out-of-range offsets.
fn parse_index_offset(id: &str) -> Option<i64> {
    let b = id.as_bytes();
    if b.len() != 6 || b[3] != b':' {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = two_digits(b[1], b[2])?;
    let minutes = two_digits(b[4], b[5])?;
    let total = hours * 60 + minutes;
    if minutes > 59 || total == 0 || total > MAX_OFFSET_MINUTES {
        return None;
    }
    Some(sign * total)
}

/// Two ASCII digits as a number.
fn two_digits(tens: u8, ones: u8) -> Option<i64> {
    if tens.is_ascii_digit() && ones.is_ascii_digit() {
        Some(i64::from(tens - b'0') * 10 + i64::from(ones - b'0'))
    } else {
        None
    }
}

/// Trino's `TimeZoneKey.normalizeZoneId`: the spelling to look up again after a miss.
fn normalize_zone_id(zone_id: &str) -> String {
    if UTC_EQUIVALENTS.contains(&zone_id) {
        return "UTC".to_string();
    }
    // Trino reads GMT-7, Etc/GMT+00:00, UTC+7:35 itself (the JDK does not know them all).
    for prefix in UTC_OFFSET_PREFIXES {
        let Some(rest) = zone_id.strip_prefix(prefix) else {
            continue;
        };
        if !(rest.starts_with('+') || rest.starts_with('-')) {
            // GMT7, Etc/UTC4: invalid; left to the caller's second lookup to reject.
            return zone_id.to_string();
        }
        let (hour, minute) = if let Some(colon) = rest.find(':') {
            match (
                java_parse_int(&rest[..colon]),
                java_parse_int(&rest[colon + 1..]),
            ) {
                (Some(hour), Some(minute)) => (hour, minute),
                _ => return zone_id.to_string(),
            }
        } else if rest.len() <= 3 {
            match java_parse_int(rest) {
                Some(hour) => (hour, 0),
                None => return zone_id.to_string(),
            }
        } else {
            // +0735 and longer: Trino leaves these to the JDK below.
            break;
        };
        if hour == 0 && minute == 0 {
            return "UTC".to_string();
        }
        let hour = if *prefix == "Etc/GMT" { -hour } else { hour };
        return trino_format_zone_offset(hour, minute);
    }
    // java.time's ZoneId.of normalises +7, +0735, +07:35:00 and GMT+0000.
    match jdk_zone_id(zone_id) {
        Some(id) if UTC_EQUIVALENTS.contains(&id.as_str()) => "UTC".to_string(),
        Some(id) => id,
        None => zone_id.to_string(),
    }
}

/// Java's `Integer.parseInt` on a slice: an optional sign, then one or more ASCII digits.
fn java_parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = s.strip_prefix('+').unwrap_or(s).parse().ok()?;
    i32::try_from(value).ok().map(i64::from)
}

/// Trino's `formatZoneOffset(hour, minute)`, quirks included (a negative minute stays in the text).
fn trino_format_zone_offset(hour: i64, minute: i64) -> String {
    let mut out = String::with_capacity(6);
    out.push(if hour >= 0 { '+' } else { '-' });
    let hour = hour.abs();
    if hour < 10 {
        out.push('0');
    }
    let _ = write!(out, "{hour}:");
    if minute < 10 {
        out.push('0');
    }
    let _ = write!(out, "{minute}");
    out
}

/// The id `java.time.ZoneId.of(zone_id).getId()` gives, for the forms that can matter to Trino;
/// `None` where the JDK throws.
fn jdk_zone_id(zone_id: &str) -> Option<String> {
    if zone_id.len() <= 1 || zone_id.starts_with('+') || zone_id.starts_with('-') {
        return jdk_offset_seconds(zone_id).map(jdk_offset_id);
    }
    let prefix_len = if zone_id.starts_with("UTC") || zone_id.starts_with("GMT") {
        3
    } else if zone_id.starts_with("UT") {
        2
    } else {
        // A region id: the JDK returns it unchanged when it knows it.
        return Some(zone_id.to_string());
    };
    let (prefix, rest) = zone_id.split_at(prefix_len);
    if rest.is_empty() {
        return Some(prefix.to_string());
    }
    if !(rest.starts_with('+') || rest.starts_with('-')) {
        return Some(zone_id.to_string());
    }
    let seconds = jdk_offset_seconds(rest)?;
    if seconds == 0 {
        Some(prefix.to_string())
    } else {
        Some(format!("{prefix}{}", jdk_offset_id(seconds)))
    }
}

/// `java.time.ZoneOffset.of`: `Z`, `±h`, `±hh`, `±hhmm`, `±hh:mm`, `±hhmmss`, `±hh:mm:ss`, up to ±18:00.
fn jdk_offset_seconds(s: &str) -> Option<i32> {
    if s == "Z" {
        return Some(0);
    }
    let b = s.as_bytes();
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| i32::from(c - b'0'))
    };
    let pair = |i: usize| Some(digit(i)? * 10 + digit(i + 1)?);
    let colon = |i: usize| b.get(i) == Some(&b':');
    let (hours, minutes, seconds) = match b.len() {
        2 => (digit(1)?, 0, 0),
        3 => (pair(1)?, 0, 0),
        5 => (pair(1)?, pair(3)?, 0),
        6 if colon(3) => (pair(1)?, pair(4)?, 0),
        7 => (pair(1)?, pair(3)?, pair(5)?),
        9 if colon(3) && colon(6) => (pair(1)?, pair(4)?, pair(7)?),
        _ => return None,
    };
    let sign = match b.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    if hours > 18 || minutes > 59 || seconds > 59 || (hours == 18 && (minutes != 0 || seconds != 0))
    {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60 + seconds))
}

/// `ZoneOffset.getId()`: `Z` for zero, else `±hh:mm` and `:ss` when there are seconds.
fn jdk_offset_id(total_seconds: i32) -> String {
    if total_seconds == 0 {
        "Z".to_string()
    } else {
        joda_print_offset(total_seconds)
    }
}

// ---------------------------------------------------------------------------------------------
// Renderings
// ---------------------------------------------------------------------------------------------

/// Render `timestamp(p) with time zone` as Trino prints it (CAST to varchar / CLI / CSV):
/// `yyyy-MM-dd HH:mm:ss[.fff…p digits] ZONEID`.
///
/// `epoch_nanos` is the instant; digits beyond `p` are truncated, not printed (the caller rounds to
/// `p` first). `p` is 0 to 9; 10 to 12 (Trino's picosecond precisions) print zeros past the
/// nanoseconds, and larger values print as 12. Years print as java.time's `uuuu` does: at least
/// four digits, `-0001` before year 0, `+10000` after 9999.
///
/// ```
/// use flowlog_core::functions::zone::{render_timestamp_tz, TrinoZone};
/// let zone = TrinoZone::parse("+07:09").unwrap();
/// // 2001-01-22 03:04:05.321 +07:09 is 2001-01-21T19:55:05.321Z.
/// let nanos = 980_106_905_321_000_000_i128;
/// assert_eq!(render_timestamp_tz(nanos, 3, &zone), "2001-01-22 03:04:05.321 +07:09");
/// assert_eq!(render_timestamp_tz(nanos, 0, &zone), "2001-01-22 03:04:05 +07:09");
/// ```
pub fn render_timestamp_tz(epoch_nanos: i128, precision: u8, zone: &TrinoZone) -> String {
    let seconds = epoch_nanos.div_euclid(NANOS_PER_SECOND);
    let offset = zone.offset_seconds_at(saturating_i64(seconds));
    let local = epoch_nanos + i128::from(offset) * NANOS_PER_SECOND;
    let mut out = render_timestamp(local, precision);
    out.push(' ');
    out.push_str(&zone.id());
    out
}

/// Render `timestamp(p)` (no zone) as Trino prints it: `yyyy-MM-dd HH:mm:ss[.fff…]`, for a
/// wall-clock value given as nanoseconds since 1970-01-01T00:00 (no zone).
///
/// Same rules as [`render_timestamp_tz`] for the precision and the year.
///
/// ```
/// use flowlog_core::functions::zone::render_timestamp;
/// assert_eq!(render_timestamp(0, 6), "1970-01-01 00:00:00.000000");
/// assert_eq!(render_timestamp(-1, 9), "1969-12-31 23:59:59.999999999");
/// ```
pub fn render_timestamp(local_nanos: i128, precision: u8) -> String {
    let seconds = local_nanos.div_euclid(NANOS_PER_SECOND);
    let nanos = local_nanos.rem_euclid(NANOS_PER_SECOND);
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days_wide(days);
    let mut out = String::with_capacity(40);
    push_java_time_year(&mut out, year);
    let _ = write!(
        out,
        "-{month:02}-{day:02} {:02}:{:02}:{:02}",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    );
    let precision = usize::from(precision.min(12));
    if precision > 0 {
        let digits = format!("{nanos:09}000");
        out.push('.');
        out.push_str(&digits[..precision]);
    }
    out
}

/// DATE as Trino prints it, `yyyy-MM-dd`, from days since 1970-01-01.
///
/// Years below 1000 are zero-padded (`0013-02-02`); years before 0 print as `-0001`; years after
/// 9999 print all their digits with no sign (Joda's ISO date printer).
///
/// ```
/// use flowlog_core::functions::zone::render_date;
/// assert_eq!(render_date(0), "1970-01-01");
/// assert_eq!(render_date(-719_528), "0000-01-01");
/// ```
pub fn render_date(days: i32) -> String {
    let (year, month, day) = civil_from_days(i64::from(days));
    let mut out = String::with_capacity(12);
    push_signed_padded(&mut out, year, 4);
    let _ = write!(out, "-{month:02}-{day:02}");
    out
}

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// An i128 clamped into i64.
fn saturating_i64(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

/// java.time's `uuuu` (`SignStyle.EXCEEDS_PAD`, width 4): `0999`, `-0001`, `+10000`.
fn push_java_time_year(out: &mut String, year: i128) {
    if year > 9999 {
        let _ = write!(out, "+{year}");
    } else if year < 0 {
        let _ = write!(out, "-{:04}", year.unsigned_abs());
    } else {
        let _ = write!(out, "{year:04}");
    }
}

/// Joda's padded signed number: `-` then the magnitude zero-padded to `width` digits.
fn push_signed_padded(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let _ = write!(out, "{:0width$}", value.unsigned_abs());
}

// ---------------------------------------------------------------------------------------------
// Proleptic Gregorian calendar arithmetic (shared with `joda`)
// ---------------------------------------------------------------------------------------------

/// (year, month 1-12, day 1-31) of a day count since 1970-01-01, proleptic Gregorian, year 0 = 1 BC.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let (year, month, day) = civil_from_days_wide(i128::from(days));
    // |days| <= i64::MAX gives |year| < i64::MAX / 365, so this cannot saturate.
    (saturating_i64(year), month, day)
}

/// [`civil_from_days`] over i128, for nanosecond timestamps far from the epoch.
fn civil_from_days_wide(days: i128) -> (i128, u32, u32) {
    // Days are counted in 400-year eras starting on 0000-03-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // 0..=146_096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365, from March 1st
    let mp = (5 * doy + 2) / 153; // 0..=11, March = 0
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i128::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (inverse of [`civil_from_days`]).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/// The named zones of Trino's zone index (`zone-index.properties` in trino-spi, including the 2023
/// additions `Pacific/Kanton`, `Europe/Kyiv` and `America/Ciudad_Juarez`), sorted.
#[rustfmt::skip]
const TRINO_NAMED_ZONES: &[&str] = &[
    "Africa/Abidjan", "Africa/Accra", "Africa/Addis_Ababa", "Africa/Algiers", "Africa/Asmara",
    "Africa/Asmera", "Africa/Bamako", "Africa/Bangui", "Africa/Banjul", "Africa/Bissau",
    "Africa/Blantyre", "Africa/Brazzaville", "Africa/Bujumbura", "Africa/Cairo",
    "Africa/Casablanca", "Africa/Ceuta", "Africa/Conakry", "Africa/Dakar", "Africa/Dar_es_Salaam",
    "Africa/Djibouti", "Africa/Douala", "Africa/El_Aaiun", "Africa/Freetown", "Africa/Gaborone",
    "Africa/Harare", "Africa/Johannesburg", "Africa/Juba", "Africa/Kampala", "Africa/Khartoum",
    "Africa/Kigali", "Africa/Kinshasa", "Africa/Lagos", "Africa/Libreville", "Africa/Lome",
    "Africa/Luanda", "Africa/Lubumbashi", "Africa/Lusaka", "Africa/Malabo", "Africa/Maputo",
    "Africa/Maseru", "Africa/Mbabane", "Africa/Mogadishu", "Africa/Monrovia", "Africa/Nairobi",
    "Africa/Ndjamena", "Africa/Niamey", "Africa/Nouakchott", "Africa/Ouagadougou",
    "Africa/Porto-Novo", "Africa/Sao_Tome", "Africa/Timbuktu", "Africa/Tripoli", "Africa/Tunis",
    "Africa/Windhoek", "America/Adak", "America/Anchorage", "America/Anguilla", "America/Antigua",
    "America/Araguaina", "America/Argentina/Buenos_Aires", "America/Argentina/Catamarca",
    "America/Argentina/ComodRivadavia", "America/Argentina/Cordoba", "America/Argentina/Jujuy",
    "America/Argentina/La_Rioja", "America/Argentina/Mendoza", "America/Argentina/Rio_Gallegos",
    "America/Argentina/Salta", "America/Argentina/San_Juan", "America/Argentina/San_Luis",
    "America/Argentina/Tucuman", "America/Argentina/Ushuaia", "America/Aruba", "America/Asuncion",
    "America/Atikokan", "America/Atka", "America/Bahia", "America/Bahia_Banderas",
    "America/Barbados", "America/Belem", "America/Belize", "America/Blanc-Sablon",
    "America/Boa_Vista", "America/Bogota", "America/Boise", "America/Buenos_Aires",
    "America/Cambridge_Bay", "America/Campo_Grande", "America/Cancun", "America/Caracas",
    "America/Catamarca", "America/Cayenne", "America/Cayman", "America/Chicago",
    "America/Chihuahua", "America/Ciudad_Juarez", "America/Coral_Harbour", "America/Cordoba",
    "America/Costa_Rica", "America/Creston", "America/Cuiaba", "America/Curacao",
    "America/Danmarkshavn", "America/Dawson", "America/Dawson_Creek", "America/Denver",
    "America/Detroit", "America/Dominica", "America/Edmonton", "America/Eirunepe",
    "America/El_Salvador", "America/Ensenada", "America/Fort_Nelson", "America/Fort_Wayne",
    "America/Fortaleza", "America/Glace_Bay", "America/Godthab", "America/Goose_Bay",
    "America/Grand_Turk", "America/Grenada", "America/Guadeloupe", "America/Guatemala",
    "America/Guayaquil", "America/Guyana", "America/Halifax", "America/Havana",
    "America/Hermosillo", "America/Indiana/Indianapolis", "America/Indiana/Knox",
    "America/Indiana/Marengo", "America/Indiana/Petersburg", "America/Indiana/Tell_City",
    "America/Indiana/Vevay", "America/Indiana/Vincennes", "America/Indiana/Winamac",
    "America/Indianapolis", "America/Inuvik", "America/Iqaluit", "America/Jamaica", "America/Jujuy",
    "America/Juneau", "America/Kentucky/Louisville", "America/Kentucky/Monticello",
    "America/Knox_IN", "America/Kralendijk", "America/La_Paz", "America/Lima",
    "America/Los_Angeles", "America/Louisville", "America/Lower_Princes", "America/Maceio",
    "America/Managua", "America/Manaus", "America/Marigot", "America/Martinique",
    "America/Matamoros", "America/Mazatlan", "America/Mendoza", "America/Menominee",
    "America/Merida", "America/Metlakatla", "America/Mexico_City", "America/Miquelon",
    "America/Moncton", "America/Monterrey", "America/Montevideo", "America/Montreal",
    "America/Montserrat", "America/Nassau", "America/New_York", "America/Nipigon", "America/Nome",
    "America/Noronha", "America/North_Dakota/Beulah", "America/North_Dakota/Center",
    "America/North_Dakota/New_Salem", "America/Nuuk", "America/Ojinaga", "America/Panama",
    "America/Pangnirtung", "America/Paramaribo", "America/Phoenix", "America/Port-au-Prince",
    "America/Port_of_Spain", "America/Porto_Acre", "America/Porto_Velho", "America/Puerto_Rico",
    "America/Punta_Arenas", "America/Rainy_River", "America/Rankin_Inlet", "America/Recife",
    "America/Regina", "America/Resolute", "America/Rio_Branco", "America/Rosario",
    "America/Santa_Isabel", "America/Santarem", "America/Santiago", "America/Santo_Domingo",
    "America/Sao_Paulo", "America/Scoresbysund", "America/Shiprock", "America/Sitka",
    "America/St_Barthelemy", "America/St_Johns", "America/St_Kitts", "America/St_Lucia",
    "America/St_Thomas", "America/St_Vincent", "America/Swift_Current", "America/Tegucigalpa",
    "America/Thule", "America/Thunder_Bay", "America/Tijuana", "America/Toronto", "America/Tortola",
    "America/Vancouver", "America/Virgin", "America/Whitehorse", "America/Winnipeg",
    "America/Yakutat", "America/Yellowknife", "Antarctica/Casey", "Antarctica/Davis",
    "Antarctica/DumontDUrville", "Antarctica/Macquarie", "Antarctica/Mawson", "Antarctica/McMurdo",
    "Antarctica/Palmer", "Antarctica/Rothera", "Antarctica/South_Pole", "Antarctica/Syowa",
    "Antarctica/Troll", "Antarctica/Vostok", "Arctic/Longyearbyen", "Asia/Aden", "Asia/Almaty",
    "Asia/Amman", "Asia/Anadyr", "Asia/Aqtau", "Asia/Aqtobe", "Asia/Ashgabat", "Asia/Ashkhabad",
    "Asia/Atyrau", "Asia/Baghdad", "Asia/Bahrain", "Asia/Baku", "Asia/Bangkok", "Asia/Barnaul",
    "Asia/Beirut", "Asia/Bishkek", "Asia/Brunei", "Asia/Calcutta", "Asia/Chita", "Asia/Choibalsan",
    "Asia/Chongqing", "Asia/Chungking", "Asia/Colombo", "Asia/Dacca", "Asia/Damascus", "Asia/Dhaka",
    "Asia/Dili", "Asia/Dubai", "Asia/Dushanbe", "Asia/Famagusta", "Asia/Gaza", "Asia/Harbin",
    "Asia/Hebron", "Asia/Ho_Chi_Minh", "Asia/Hong_Kong", "Asia/Hovd", "Asia/Irkutsk",
    "Asia/Istanbul", "Asia/Jakarta", "Asia/Jayapura", "Asia/Jerusalem", "Asia/Kabul",
    "Asia/Kamchatka", "Asia/Karachi", "Asia/Kashgar", "Asia/Kathmandu", "Asia/Katmandu",
    "Asia/Khandyga", "Asia/Kolkata", "Asia/Krasnoyarsk", "Asia/Kuala_Lumpur", "Asia/Kuching",
    "Asia/Kuwait", "Asia/Macao", "Asia/Macau", "Asia/Magadan", "Asia/Makassar", "Asia/Manila",
    "Asia/Muscat", "Asia/Nicosia", "Asia/Novokuznetsk", "Asia/Novosibirsk", "Asia/Omsk",
    "Asia/Oral", "Asia/Phnom_Penh", "Asia/Pontianak", "Asia/Pyongyang", "Asia/Qatar",
    "Asia/Qostanay", "Asia/Qyzylorda", "Asia/Rangoon", "Asia/Riyadh", "Asia/Saigon",
    "Asia/Sakhalin", "Asia/Samarkand", "Asia/Seoul", "Asia/Shanghai", "Asia/Singapore",
    "Asia/Srednekolymsk", "Asia/Taipei", "Asia/Tashkent", "Asia/Tbilisi", "Asia/Tehran",
    "Asia/Tel_Aviv", "Asia/Thimbu", "Asia/Thimphu", "Asia/Tokyo", "Asia/Tomsk",
    "Asia/Ujung_Pandang", "Asia/Ulaanbaatar", "Asia/Ulan_Bator", "Asia/Urumqi", "Asia/Ust-Nera",
    "Asia/Vientiane", "Asia/Vladivostok", "Asia/Yakutsk", "Asia/Yangon", "Asia/Yekaterinburg",
    "Asia/Yerevan", "Atlantic/Azores", "Atlantic/Bermuda", "Atlantic/Canary", "Atlantic/Cape_Verde",
    "Atlantic/Faeroe", "Atlantic/Faroe", "Atlantic/Jan_Mayen", "Atlantic/Madeira",
    "Atlantic/Reykjavik", "Atlantic/South_Georgia", "Atlantic/St_Helena", "Atlantic/Stanley",
    "Australia/ACT", "Australia/Adelaide", "Australia/Brisbane", "Australia/Broken_Hill",
    "Australia/Canberra", "Australia/Currie", "Australia/Darwin", "Australia/Eucla",
    "Australia/Hobart", "Australia/LHI", "Australia/Lindeman", "Australia/Lord_Howe",
    "Australia/Melbourne", "Australia/NSW", "Australia/North", "Australia/Perth",
    "Australia/Queensland", "Australia/South", "Australia/Sydney", "Australia/Tasmania",
    "Australia/Victoria", "Australia/West", "Australia/Yancowinna", "Brazil/Acre",
    "Brazil/DeNoronha", "Brazil/East", "Brazil/West", "CET", "CST6CDT", "Canada/Atlantic",
    "Canada/Central", "Canada/Eastern", "Canada/Mountain", "Canada/Newfoundland", "Canada/Pacific",
    "Canada/Saskatchewan", "Canada/Yukon", "Chile/Continental", "Chile/EasterIsland", "Cuba", "EET",
    "EST5EDT", "Egypt", "Eire", "Europe/Amsterdam", "Europe/Andorra", "Europe/Astrakhan",
    "Europe/Athens", "Europe/Belfast", "Europe/Belgrade", "Europe/Berlin", "Europe/Bratislava",
    "Europe/Brussels", "Europe/Bucharest", "Europe/Budapest", "Europe/Busingen", "Europe/Chisinau",
    "Europe/Copenhagen", "Europe/Dublin", "Europe/Gibraltar", "Europe/Guernsey", "Europe/Helsinki",
    "Europe/Isle_of_Man", "Europe/Istanbul", "Europe/Jersey", "Europe/Kaliningrad", "Europe/Kiev",
    "Europe/Kirov", "Europe/Kyiv", "Europe/Lisbon", "Europe/Ljubljana", "Europe/London",
    "Europe/Luxembourg", "Europe/Madrid", "Europe/Malta", "Europe/Mariehamn", "Europe/Minsk",
    "Europe/Monaco", "Europe/Moscow", "Europe/Nicosia", "Europe/Oslo", "Europe/Paris",
    "Europe/Podgorica", "Europe/Prague", "Europe/Riga", "Europe/Rome", "Europe/Samara",
    "Europe/San_Marino", "Europe/Sarajevo", "Europe/Saratov", "Europe/Simferopol", "Europe/Skopje",
    "Europe/Sofia", "Europe/Stockholm", "Europe/Tallinn", "Europe/Tirane", "Europe/Tiraspol",
    "Europe/Ulyanovsk", "Europe/Uzhgorod", "Europe/Vaduz", "Europe/Vatican", "Europe/Vienna",
    "Europe/Vilnius", "Europe/Volgograd", "Europe/Warsaw", "Europe/Zagreb", "Europe/Zaporozhye",
    "Europe/Zurich", "GB", "GB-Eire", "Hongkong", "Iceland", "Indian/Antananarivo", "Indian/Chagos",
    "Indian/Christmas", "Indian/Cocos", "Indian/Comoro", "Indian/Kerguelen", "Indian/Mahe",
    "Indian/Maldives", "Indian/Mauritius", "Indian/Mayotte", "Indian/Reunion", "Iran", "Israel",
    "Jamaica", "Japan", "Kwajalein", "Libya", "MET", "MST7MDT", "Mexico/BajaNorte",
    "Mexico/BajaSur", "Mexico/General", "NZ", "NZ-CHAT", "Navajo", "PRC", "PST8PDT", "Pacific/Apia",
    "Pacific/Auckland", "Pacific/Bougainville", "Pacific/Chatham", "Pacific/Chuuk",
    "Pacific/Easter", "Pacific/Efate", "Pacific/Enderbury", "Pacific/Fakaofo", "Pacific/Fiji",
    "Pacific/Funafuti", "Pacific/Galapagos", "Pacific/Gambier", "Pacific/Guadalcanal",
    "Pacific/Guam", "Pacific/Honolulu", "Pacific/Johnston", "Pacific/Kanton", "Pacific/Kiritimati",
    "Pacific/Kosrae", "Pacific/Kwajalein", "Pacific/Majuro", "Pacific/Marquesas", "Pacific/Midway",
    "Pacific/Nauru", "Pacific/Niue", "Pacific/Norfolk", "Pacific/Noumea", "Pacific/Pago_Pago",
    "Pacific/Palau", "Pacific/Pitcairn", "Pacific/Pohnpei", "Pacific/Ponape",
    "Pacific/Port_Moresby", "Pacific/Rarotonga", "Pacific/Saipan", "Pacific/Samoa",
    "Pacific/Tahiti", "Pacific/Tarawa", "Pacific/Tongatapu", "Pacific/Truk", "Pacific/Wake",
    "Pacific/Wallis", "Pacific/Yap", "Poland", "Portugal", "ROK", "Singapore", "Turkey",
    "US/Alaska", "US/Aleutian", "US/Arizona", "US/Central", "US/East-Indiana", "US/Eastern",
    "US/Hawaii", "US/Indiana-Starke", "US/Michigan", "US/Mountain", "US/Pacific", "US/Samoa",
    "W-SU", "WET",
];

/// No English names known for a Joda zone (none of Trino's zones is such).
const NO_NAMES: u16 = u16::MAX;

/// Every zone id Joda-Time knows, sorted: (id, the zone it is a link to, or empty, index into
/// [`ZONE_NAMES`] for the zone it resolves to, or [`NO_NAMES`]).
///
/// Sources: the `Zone` and `Link` lines of Joda-Time's time-zone sources (tzdata 2025b
/// "global-tz"); the English names the JDK (17) gives Joda-Time's `DefaultNameProvider` for
/// each zone.
#[rustfmt::skip]
const JODA_ZONES: &[(&str, &str, u16)] = &[
    ("Africa/Abidjan", "", 62),
    ("Africa/Accra", "", 61),
    ("Africa/Addis_Ababa", "", 45),
    ("Africa/Algiers", "", 28),
    ("Africa/Asmara", "", 45),
    ("Africa/Asmera", "Africa/Asmara", 45),
    ("Africa/Bamako", "", 62),
    ("Africa/Bangui", "", 158),
    ("Africa/Banjul", "", 62),
    ("Africa/Bissau", "", 62),
    ("Africa/Blantyre", "", 25),
    ("Africa/Brazzaville", "", 158),
    ("Africa/Bujumbura", "", 25),
    ("Africa/Cairo", "", 47),
    ("Africa/Casablanca", "", 160),
    ("Africa/Ceuta", "", 28),
    ("Africa/Conakry", "", 62),
    ("Africa/Dakar", "", 62),
    ("Africa/Dar_es_Salaam", "", 45),
    ("Africa/Djibouti", "", 45),
    ("Africa/Douala", "", 158),
    ("Africa/El_Aaiun", "", 160),
    ("Africa/Freetown", "", 62),
    ("Africa/Gaborone", "", 25),
    ("Africa/Harare", "", 25),
    ("Africa/Johannesburg", "", 132),
    ("Africa/Juba", "", 25),
    ("Africa/Kampala", "", 45),
    ("Africa/Khartoum", "", 25),
    ("Africa/Kigali", "", 25),
    ("Africa/Kinshasa", "", 158),
    ("Africa/Lagos", "", 158),
    ("Africa/Libreville", "", 158),
    ("Africa/Lome", "", 62),
    ("Africa/Luanda", "", 158),
    ("Africa/Lubumbashi", "", 25),
    ("Africa/Lusaka", "", 25),
    ("Africa/Malabo", "", 158),
    ("Africa/Maputo", "", 25),
    ("Africa/Maseru", "", 132),
    ("Africa/Mbabane", "", 132),
    ("Africa/Mogadishu", "", 45),
    ("Africa/Monrovia", "", 62),
    ("Africa/Nairobi", "", 45),
    ("Africa/Ndjamena", "", 158),
    ("Africa/Niamey", "", 158),
    ("Africa/Nouakchott", "", 62),
    ("Africa/Ouagadougou", "", 62),
    ("Africa/Porto-Novo", "", 158),
    ("Africa/Sao_Tome", "", 62),
    ("Africa/Timbuktu", "Africa/Bamako", 62),
    ("Africa/Tripoli", "", 47),
    ("Africa/Tunis", "", 28),
    ("Africa/Windhoek", "", 26),
    ("America/Adak", "", 75),
    ("America/Anchorage", "", 5),
    ("America/Anguilla", "", 14),
    ("America/Antigua", "", 14),
    ("America/Araguaina", "", 22),
    ("America/Argentina/Buenos_Aires", "", 12),
    ("America/Argentina/Catamarca", "", 12),
    ("America/Argentina/ComodRivadavia", "America/Argentina/Catamarca", 12),
    ("America/Argentina/Cordoba", "", 12),
    ("America/Argentina/Jujuy", "", 12),
    ("America/Argentina/La_Rioja", "", 12),
    ("America/Argentina/Mendoza", "", 12),
    ("America/Argentina/Rio_Gallegos", "", 12),
    ("America/Argentina/Salta", "", 12),
    ("America/Argentina/San_Juan", "", 12),
    ("America/Argentina/San_Luis", "", 12),
    ("America/Argentina/Tucuman", "", 12),
    ("America/Argentina/Ushuaia", "", 12),
    ("America/Aruba", "", 14),
    ("America/Asuncion", "", 125),
    ("America/Atikokan", "", 50),
    ("America/Atka", "America/Adak", 75),
    ("America/Bahia", "", 22),
    ("America/Bahia_Banderas", "", 35),
    ("America/Barbados", "", 14),
    ("America/Belem", "", 22),
    ("America/Belize", "", 35),
    ("America/Blanc-Sablon", "", 14),
    ("America/Boa_Vista", "", 7),
    ("America/Bogota", "", 34),
    ("America/Boise", "", 101),
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires", 12),
    ("America/Cambridge_Bay", "", 101),
    ("America/Campo_Grande", "", 7),
    ("America/Cancun", "", 50),
    ("America/Caracas", "", 153),
    ("America/Catamarca", "America/Argentina/Catamarca", 12),
    ("America/Cayenne", "", 57),
    ("America/Cayman", "", 50),
    ("America/Chicago", "", 35),
    ("America/Chihuahua", "", 35),
    ("America/Ciudad_Juarez", "", 101),
    ("America/Coral_Harbour", "America/Atikokan", 50),
    ("America/Cordoba", "America/Argentina/Cordoba", 12),
    ("America/Costa_Rica", "", 35),
    ("America/Coyhaique", "", NO_NAMES),
    ("America/Creston", "", 101),
    ("America/Cuiaba", "", 7),
    ("America/Curacao", "", 14),
    ("America/Danmarkshavn", "", 62),
    ("America/Dawson", "", 101),
    ("America/Dawson_Creek", "", 101),
    ("America/Denver", "", 101),
    ("America/Detroit", "", 50),
    ("America/Dominica", "", 14),
    ("America/Edmonton", "", 101),
    ("America/Eirunepe", "", 1),
    ("America/El_Salvador", "", 35),
    ("America/Ensenada", "America/Tijuana", 121),
    ("America/Fort_Nelson", "", 101),
    ("America/Fort_Wayne", "America/Indiana/Indianapolis", 50),
    ("America/Fortaleza", "", 22),
    ("America/Glace_Bay", "", 14),
    ("America/Godthab", "America/Nuuk", 162),
    ("America/Goose_Bay", "", 14),
    ("America/Grand_Turk", "", 50),
    ("America/Grenada", "", 14),
    ("America/Guadeloupe", "", 14),
    ("America/Guatemala", "", 35),
    ("America/Guayaquil", "", 46),
    ("America/Guyana", "", 74),
    ("America/Halifax", "", 14),
    ("America/Havana", "", 37),
    ("America/Hermosillo", "", 100),
    ("America/Indiana/Indianapolis", "", 50),
    ("America/Indiana/Knox", "", 35),
    ("America/Indiana/Marengo", "", 50),
    ("America/Indiana/Petersburg", "", 50),
    ("America/Indiana/Tell_City", "", 35),
    ("America/Indiana/Vevay", "", 50),
    ("America/Indiana/Vincennes", "", 50),
    ("America/Indiana/Winamac", "", 50),
    ("America/Indianapolis", "America/Indiana/Indianapolis", 50),
    ("America/Inuvik", "", 101),
    ("America/Iqaluit", "", 50),
    ("America/Jamaica", "", 50),
    ("America/Jujuy", "America/Argentina/Jujuy", 12),
    ("America/Juneau", "", 5),
    ("America/Kentucky/Louisville", "", 50),
    ("America/Kentucky/Monticello", "", 50),
    ("America/Knox_IN", "America/Indiana/Knox", 35),
    ("America/Kralendijk", "America/Curacao", 14),
    ("America/La_Paz", "", 21),
    ("America/Lima", "", 115),
    ("America/Los_Angeles", "", 121),
    ("America/Louisville", "America/Kentucky/Louisville", 50),
    ("America/Lower_Princes", "America/Curacao", 14),
    ("America/Maceio", "", 22),
    ("America/Managua", "", 35),
    ("America/Manaus", "", 7),
    ("America/Marigot", "America/Port_of_Spain", 14),
    ("America/Martinique", "", 14),
    ("America/Matamoros", "", 35),
    ("America/Mazatlan", "", 100),
    ("America/Mendoza", "America/Argentina/Mendoza", 12),
    ("America/Menominee", "", 35),
    ("America/Merida", "", 35),
    ("America/Metlakatla", "", 5),
    ("America/Mexico_City", "", 35),
    ("America/Miquelon", "", 119),
    ("America/Moncton", "", 14),
    ("America/Monterrey", "", 35),
    ("America/Montevideo", "", 151),
    ("America/Montreal", "America/Toronto", 50),
    ("America/Montserrat", "", 14),
    ("America/Nassau", "", 50),
    ("America/New_York", "", 50),
    ("America/Nipigon", "America/Toronto", 50),
    ("America/Nome", "", 5),
    ("America/Noronha", "", 53),
    ("America/North_Dakota/Beulah", "", 35),
    ("America/North_Dakota/Center", "", 35),
    ("America/North_Dakota/New_Salem", "", 35),
    ("America/Nuuk", "", 162),
    ("America/Ojinaga", "", 35),
    ("America/Panama", "", 50),
    ("America/Pangnirtung", "America/Iqaluit", 50),
    ("America/Paramaribo", "", 137),
    ("America/Phoenix", "", 101),
    ("America/Port-au-Prince", "", 50),
    ("America/Port_of_Spain", "", 14),
    ("America/Porto_Acre", "America/Rio_Branco", 1),
    ("America/Porto_Velho", "", 7),
    ("America/Puerto_Rico", "", 14),
    ("America/Punta_Arenas", "", 71),
    ("America/Rainy_River", "America/Winnipeg", 35),
    ("America/Rankin_Inlet", "", 35),
    ("America/Recife", "", 22),
    ("America/Regina", "", 35),
    ("America/Resolute", "", 35),
    ("America/Rio_Branco", "", 1),
    ("America/Rosario", "America/Argentina/Cordoba", 12),
    ("America/Santa_Isabel", "America/Tijuana", 121),
    ("America/Santarem", "", 22),
    ("America/Santiago", "", 32),
    ("America/Santo_Domingo", "", 14),
    ("America/Sao_Paulo", "", 22),
    ("America/Scoresbysund", "", 49),
    ("America/Shiprock", "America/Denver", 101),
    ("America/Sitka", "", 5),
    ("America/St_Barthelemy", "America/Port_of_Spain", 14),
    ("America/St_Johns", "", 110),
    ("America/St_Kitts", "", 14),
    ("America/St_Lucia", "", 14),
    ("America/St_Thomas", "", 14),
    ("America/St_Vincent", "", 14),
    ("America/Swift_Current", "", 35),
    ("America/Tegucigalpa", "", 35),
    ("America/Thule", "", 14),
    ("America/Thunder_Bay", "America/Toronto", 50),
    ("America/Tijuana", "", 121),
    ("America/Toronto", "", 50),
    ("America/Tortola", "", 14),
    ("America/Vancouver", "", 121),
    ("America/Virgin", "America/St_Thomas", 14),
    ("America/Whitehorse", "", 101),
    ("America/Winnipeg", "", 35),
    ("America/Yakutat", "", 5),
    ("America/Yellowknife", "America/Edmonton", 101),
    ("Antarctica/Casey", "", 16),
    ("Antarctica/Davis", "", 42),
    ("Antarctica/DumontDUrville", "", 43),
    ("Antarctica/Macquarie", "", 3),
    ("Antarctica/Mawson", "", 94),
    ("Antarctica/McMurdo", "", 112),
    ("Antarctica/Palmer", "", 33),
    ("Antarctica/Rothera", "", 129),
    ("Antarctica/South_Pole", "Antarctica/McMurdo", 112),
    ("Antarctica/Syowa", "", 139),
    ("Antarctica/Troll", "", 60),
    ("Antarctica/Vostok", "", 155),
    ("Arctic/Longyearbyen", "Europe/Oslo", 28),
    ("Asia/Aden", "", 13),
    ("Asia/Almaty", "", 6),
    ("Asia/Amman", "", 47),
    ("Asia/Anadyr", "", 9),
    ("Asia/Aqtau", "", 10),
    ("Asia/Aqtobe", "", 11),
    ("Asia/Ashgabat", "", 145),
    ("Asia/Ashkhabad", "Asia/Ashgabat", 145),
    ("Asia/Atyrau", "", 67),
    ("Asia/Baghdad", "", 13),
    ("Asia/Bahrain", "", 13),
    ("Asia/Baku", "", 18),
    ("Asia/Bangkok", "", 79),
    ("Asia/Barnaul", "", 68),
    ("Asia/Beirut", "", 47),
    ("Asia/Bishkek", "", 86),
    ("Asia/Brunei", "", 20),
    ("Asia/Calcutta", "Asia/Kolkata", 83),
    ("Asia/Chita", "", 168),
    ("Asia/Choibalsan", "Asia/Ulaanbaatar", 149),
    ("Asia/Chongqing", "Asia/Shanghai", 36),
    ("Asia/Chungking", "Asia/Shanghai", 36),
    ("Asia/Colombo", "", 83),
    ("Asia/Dacca", "Asia/Dhaka", 19),
    ("Asia/Damascus", "", 47),
    ("Asia/Dhaka", "", 19),
    ("Asia/Dili", "", 144),
    ("Asia/Dubai", "", 72),
    ("Asia/Dushanbe", "", 142),
    ("Asia/Famagusta", "", 48),
    ("Asia/Gaza", "", 47),
    ("Asia/Harbin", "Asia/Shanghai", 36),
    ("Asia/Hebron", "", 47),
    ("Asia/Ho_Chi_Minh", "", 79),
    ("Asia/Hong_Kong", "", 76),
    ("Asia/Hovd", "", 77),
    ("Asia/Irkutsk", "", 81),
    ("Asia/Istanbul", "Europe/Istanbul", 147),
    ("Asia/Jakarta", "", 163),
    ("Asia/Jayapura", "", 164),
    ("Asia/Jerusalem", "", 84),
    ("Asia/Kabul", "", 4),
    ("Asia/Kamchatka", "", 116),
    ("Asia/Karachi", "", 118),
    ("Asia/Kashgar", "Asia/Urumqi", 167),
    ("Asia/Kathmandu", "", 108),
    ("Asia/Katmandu", "Asia/Kathmandu", 108),
    ("Asia/Khandyga", "", 168),
    ("Asia/Kolkata", "", 83),
    ("Asia/Krasnoyarsk", "", 88),
    ("Asia/Kuala_Lumpur", "", 104),
    ("Asia/Kuching", "", 104),
    ("Asia/Kuwait", "", 13),
    ("Asia/Macao", "Asia/Macau", 36),
    ("Asia/Macau", "", 36),
    ("Asia/Magadan", "", 92),
    ("Asia/Makassar", "", 165),
    ("Asia/Manila", "", 122),
    ("Asia/Muscat", "", 72),
    ("Asia/Nicosia", "", 47),
    ("Asia/Novokuznetsk", "", 88),
    ("Asia/Novosibirsk", "", 107),
    ("Asia/Omsk", "", 113),
    ("Asia/Oral", "", 114),
    ("Asia/Phnom_Penh", "", 79),
    ("Asia/Pontianak", "", 163),
    ("Asia/Pyongyang", "", 89),
    ("Asia/Qatar", "", 13),
    ("Asia/Qostanay", "", 126),
    ("Asia/Qyzylorda", "", 127),
    ("Asia/Rangoon", "Asia/Yangon", 96),
    ("Asia/Riyadh", "", 13),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh", 79),
    ("Asia/Sakhalin", "", 130),
    ("Asia/Samarkand", "", 152),
    ("Asia/Seoul", "", 89),
    ("Asia/Shanghai", "", 36),
    ("Asia/Singapore", "", 135),
    ("Asia/Srednekolymsk", "", 136),
    ("Asia/Taipei", "", 38),
    ("Asia/Tashkent", "", 152),
    ("Asia/Tbilisi", "", 56),
    ("Asia/Tehran", "", 82),
    ("Asia/Tel_Aviv", "Asia/Jerusalem", 84),
    ("Asia/Thimbu", "Asia/Thimphu", 24),
    ("Asia/Thimphu", "", 24),
    ("Asia/Tokyo", "", 85),
    ("Asia/Tomsk", "", 69),
    ("Asia/Ujung_Pandang", "Asia/Makassar", 165),
    ("Asia/Ulaanbaatar", "", 149),
    ("Asia/Ulan_Bator", "Asia/Ulaanbaatar", 149),
    ("Asia/Urumqi", "", 167),
    ("Asia/Ust-Nera", "", 154),
    ("Asia/Vientiane", "", 79),
    ("Asia/Vladivostok", "", 154),
    ("Asia/Yakutsk", "", 168),
    ("Asia/Yangon", "", 96),
    ("Asia/Yekaterinburg", "", 169),
    ("Asia/Yerevan", "", 8),
    ("Atlantic/Azores", "", 17),
    ("Atlantic/Bermuda", "", 14),
    ("Atlantic/Canary", "", 159),
    ("Atlantic/Cape_Verde", "", 39),
    ("Atlantic/Faeroe", "Atlantic/Faroe", 159),
    ("Atlantic/Faroe", "", 159),
    ("Atlantic/Jan_Mayen", "Europe/Oslo", 28),
    ("Atlantic/Madeira", "", 159),
    ("Atlantic/Reykjavik", "", 62),
    ("Atlantic/South_Georgia", "", 73),
    ("Atlantic/St_Helena", "", 62),
    ("Atlantic/Stanley", "", 52),
    ("Australia/ACT", "Australia/Sydney", 3),
    ("Australia/Adelaide", "", 0),
    ("Australia/Brisbane", "", 3),
    ("Australia/Broken_Hill", "", 0),
    ("Australia/Canberra", "Australia/Sydney", 3),
    ("Australia/Currie", "Australia/Hobart", 3),
    ("Australia/Darwin", "", 0),
    ("Australia/Eucla", "", 2),
    ("Australia/Hobart", "", 3),
    ("Australia/LHI", "Australia/Lord_Howe", 90),
    ("Australia/Lindeman", "", 3),
    ("Australia/Lord_Howe", "", 90),
    ("Australia/Melbourne", "", 3),
    ("Australia/NSW", "Australia/Sydney", 3),
    ("Australia/North", "Australia/Darwin", 0),
    ("Australia/Perth", "", 15),
    ("Australia/Queensland", "Australia/Brisbane", 3),
    ("Australia/South", "Australia/Adelaide", 0),
    ("Australia/Sydney", "", 3),
    ("Australia/Tasmania", "Australia/Hobart", 3),
    ("Australia/Victoria", "Australia/Melbourne", 3),
    ("Australia/West", "Australia/Perth", 15),
    ("Australia/Yancowinna", "Australia/Broken_Hill", 0),
    ("Brazil/Acre", "America/Rio_Branco", 1),
    ("Brazil/DeNoronha", "America/Noronha", 53),
    ("Brazil/East", "America/Sao_Paulo", 22),
    ("Brazil/West", "America/Manaus", 7),
    ("CET", "Europe/Brussels", 28),
    ("CST6CDT", "America/Chicago", 35),
    ("Canada/Atlantic", "America/Halifax", 14),
    ("Canada/Central", "America/Winnipeg", 35),
    ("Canada/Eastern", "America/Toronto", 50),
    ("Canada/Mountain", "America/Edmonton", 101),
    ("Canada/Newfoundland", "America/St_Johns", 110),
    ("Canada/Pacific", "America/Vancouver", 121),
    ("Canada/Saskatchewan", "America/Regina", 35),
    ("Canada/Yukon", "America/Whitehorse", 101),
    ("Chile/Continental", "America/Santiago", 32),
    ("Chile/EasterIsland", "Pacific/Easter", 44),
    ("Cuba", "America/Havana", 37),
    ("EET", "Europe/Athens", 47),
    ("EST", "America/Panama", 50),
    ("EST5EDT", "America/New_York", 50),
    ("Egypt", "Africa/Cairo", 47),
    ("Eire", "Europe/Dublin", 63),
    ("Etc/GMT", "", NO_NAMES),
    ("Etc/GMT+0", "Etc/GMT", NO_NAMES),
    ("Etc/GMT+1", "", NO_NAMES),
    ("Etc/GMT+10", "", NO_NAMES),
    ("Etc/GMT+11", "", NO_NAMES),
    ("Etc/GMT+12", "", NO_NAMES),
    ("Etc/GMT+2", "", NO_NAMES),
    ("Etc/GMT+3", "", NO_NAMES),
    ("Etc/GMT+4", "", NO_NAMES),
    ("Etc/GMT+5", "", NO_NAMES),
    ("Etc/GMT+6", "", NO_NAMES),
    ("Etc/GMT+7", "", NO_NAMES),
    ("Etc/GMT+8", "", NO_NAMES),
    ("Etc/GMT+9", "", NO_NAMES),
    ("Etc/GMT-0", "Etc/GMT", NO_NAMES),
    ("Etc/GMT-1", "", NO_NAMES),
    ("Etc/GMT-10", "", NO_NAMES),
    ("Etc/GMT-11", "", NO_NAMES),
    ("Etc/GMT-12", "", NO_NAMES),
    ("Etc/GMT-13", "", NO_NAMES),
    ("Etc/GMT-14", "", NO_NAMES),
    ("Etc/GMT-2", "", NO_NAMES),
    ("Etc/GMT-3", "", NO_NAMES),
    ("Etc/GMT-4", "", NO_NAMES),
    ("Etc/GMT-5", "", NO_NAMES),
    ("Etc/GMT-6", "", NO_NAMES),
    ("Etc/GMT-7", "", NO_NAMES),
    ("Etc/GMT-8", "", NO_NAMES),
    ("Etc/GMT-9", "", NO_NAMES),
    ("Etc/GMT0", "Etc/GMT", NO_NAMES),
    ("Etc/Greenwich", "Etc/GMT", NO_NAMES),
    ("Etc/UCT", "Etc/UTC", NO_NAMES),
    ("Etc/UTC", "", NO_NAMES),
    ("Etc/Universal", "Etc/UTC", NO_NAMES),
    ("Etc/Zulu", "Etc/UTC", NO_NAMES),
    ("Europe/Amsterdam", "", 28),
    ("Europe/Andorra", "", 28),
    ("Europe/Astrakhan", "", 64),
    ("Europe/Athens", "", 47),
    ("Europe/Belfast", "Europe/London", 59),
    ("Europe/Belgrade", "", 28),
    ("Europe/Berlin", "", 28),
    ("Europe/Bratislava", "Europe/Prague", 28),
    ("Europe/Brussels", "", 28),
    ("Europe/Bucharest", "", 47),
    ("Europe/Budapest", "", 28),
    ("Europe/Busingen", "Europe/Zurich", 28),
    ("Europe/Chisinau", "", 47),
    ("Europe/Copenhagen", "", 28),
    ("Europe/Dublin", "", 63),
    ("Europe/Gibraltar", "", 28),
    ("Europe/Guernsey", "", 59),
    ("Europe/Helsinki", "", 47),
    ("Europe/Isle_of_Man", "", 59),
    ("Europe/Istanbul", "", 147),
    ("Europe/Jersey", "", 59),
    ("Europe/Kaliningrad", "", 47),
    ("Europe/Kiev", "Europe/Kyiv", 47),
    ("Europe/Kirov", "", 97),
    ("Europe/Kyiv", "", 47),
    ("Europe/Lisbon", "", 159),
    ("Europe/Ljubljana", "", 28),
    ("Europe/London", "", 59),
    ("Europe/Luxembourg", "", 28),
    ("Europe/Madrid", "", 28),
    ("Europe/Malta", "", 28),
    ("Europe/Mariehamn", "Europe/Helsinki", 47),
    ("Europe/Minsk", "", 98),
    ("Europe/Monaco", "", 28),
    ("Europe/Moscow", "", 98),
    ("Europe/Nicosia", "Asia/Nicosia", 47),
    ("Europe/Oslo", "", 28),
    ("Europe/Paris", "", 28),
    ("Europe/Podgorica", "Europe/Belgrade", 28),
    ("Europe/Prague", "", 28),
    ("Europe/Riga", "", 47),
    ("Europe/Rome", "", 28),
    ("Europe/Samara", "", 131),
    ("Europe/San_Marino", "Europe/Rome", 28),
    ("Europe/Sarajevo", "", 28),
    ("Europe/Saratov", "", 65),
    ("Europe/Simferopol", "", 98),
    ("Europe/Skopje", "", 28),
    ("Europe/Sofia", "", 47),
    ("Europe/Stockholm", "", 28),
    ("Europe/Tallinn", "", 47),
    ("Europe/Tirane", "", 28),
    ("Europe/Tiraspol", "Europe/Chisinau", 47),
    ("Europe/Ulyanovsk", "", 66),
    ("Europe/Uzhgorod", "Europe/Kyiv", 47),
    ("Europe/Vaduz", "", 28),
    ("Europe/Vatican", "Europe/Rome", 28),
    ("Europe/Vienna", "", 28),
    ("Europe/Vilnius", "", 47),
    ("Europe/Volgograd", "", 99),
    ("Europe/Warsaw", "", 28),
    ("Europe/Zagreb", "", 28),
    ("Europe/Zaporozhye", "Europe/Kyiv", 47),
    ("Europe/Zurich", "", 28),
    ("GB", "Europe/London", 59),
    ("GB-Eire", "Europe/London", 59),
    ("GMT", "Etc/GMT", NO_NAMES),
    ("GMT+0", "Etc/GMT", NO_NAMES),
    ("GMT-0", "Etc/GMT", NO_NAMES),
    ("GMT0", "Etc/GMT", NO_NAMES),
    ("Greenwich", "Etc/GMT", NO_NAMES),
    ("HST", "Pacific/Honolulu", 78),
    ("Hongkong", "Asia/Hong_Kong", 76),
    ("Iceland", "Atlantic/Reykjavik", 62),
    ("Indian/Antananarivo", "", 45),
    ("Indian/Chagos", "", 80),
    ("Indian/Christmas", "", 40),
    ("Indian/Cocos", "", 27),
    ("Indian/Comoro", "", 45),
    ("Indian/Kerguelen", "", 141),
    ("Indian/Mahe", "", 134),
    ("Indian/Maldives", "", 103),
    ("Indian/Mauritius", "", 102),
    ("Indian/Mayotte", "", 45),
    ("Indian/Reunion", "", 128),
    ("Iran", "Asia/Tehran", 82),
    ("Israel", "Asia/Jerusalem", 84),
    ("Jamaica", "America/Jamaica", 50),
    ("Japan", "Asia/Tokyo", 85),
    ("Kwajalein", "Pacific/Kwajalein", 95),
    ("Libya", "Africa/Tripoli", 47),
    ("MET", "Europe/Brussels", 28),
    ("MST", "America/Phoenix", 101),
    ("MST7MDT", "America/Denver", 101),
    ("Mexico/BajaNorte", "America/Tijuana", 121),
    ("Mexico/BajaSur", "America/Mazatlan", 100),
    ("Mexico/General", "America/Mexico_City", 35),
    ("NZ", "Pacific/Auckland", 112),
    ("NZ-CHAT", "Pacific/Chatham", 29),
    ("Navajo", "America/Denver", 101),
    ("PRC", "Asia/Shanghai", 36),
    ("PST8PDT", "America/Los_Angeles", 121),
    ("Pacific/Apia", "", 166),
    ("Pacific/Auckland", "", 112),
    ("Pacific/Bougainville", "", 23),
    ("Pacific/Chatham", "", 29),
    ("Pacific/Chuuk", "", 30),
    ("Pacific/Easter", "", 44),
    ("Pacific/Efate", "", 156),
    ("Pacific/Enderbury", "Pacific/Kanton", 70),
    ("Pacific/Fakaofo", "", 143),
    ("Pacific/Fiji", "", 51),
    ("Pacific/Funafuti", "", 148),
    ("Pacific/Galapagos", "", 54),
    ("Pacific/Gambier", "", 55),
    ("Pacific/Guadalcanal", "", 133),
    ("Pacific/Guam", "", 41),
    ("Pacific/Honolulu", "", 78),
    ("Pacific/Johnston", "Pacific/Honolulu", 78),
    ("Pacific/Kanton", "", 70),
    ("Pacific/Kiritimati", "", 91),
    ("Pacific/Kosrae", "", 87),
    ("Pacific/Kwajalein", "", 95),
    ("Pacific/Majuro", "", 95),
    ("Pacific/Marquesas", "", 93),
    ("Pacific/Midway", "", 138),
    ("Pacific/Nauru", "", 109),
    ("Pacific/Niue", "", 111),
    ("Pacific/Norfolk", "", 106),
    ("Pacific/Noumea", "", 105),
    ("Pacific/Pago_Pago", "", 138),
    ("Pacific/Palau", "", 124),
    ("Pacific/Pitcairn", "", 123),
    ("Pacific/Pohnpei", "", 120),
    ("Pacific/Ponape", "Pacific/Pohnpei", 120),
    ("Pacific/Port_Moresby", "", 117),
    ("Pacific/Rarotonga", "", 31),
    ("Pacific/Saipan", "", 41),
    ("Pacific/Samoa", "Pacific/Pago_Pago", 138),
    ("Pacific/Tahiti", "", 140),
    ("Pacific/Tarawa", "", 58),
    ("Pacific/Tongatapu", "", 146),
    ("Pacific/Truk", "Pacific/Chuuk", 30),
    ("Pacific/Wake", "", 157),
    ("Pacific/Wallis", "", 161),
    ("Pacific/Yap", "Pacific/Chuuk", 30),
    ("Poland", "Europe/Warsaw", 28),
    ("Portugal", "Europe/Lisbon", 159),
    ("ROC", "Asia/Taipei", 38),
    ("ROK", "Asia/Seoul", 89),
    ("Singapore", "Asia/Singapore", 135),
    ("Turkey", "Europe/Istanbul", 147),
    ("UCT", "Etc/UTC", NO_NAMES),
    ("US/Alaska", "America/Anchorage", 5),
    ("US/Aleutian", "America/Adak", 75),
    ("US/Arizona", "America/Phoenix", 101),
    ("US/Central", "America/Chicago", 35),
    ("US/East-Indiana", "America/Indiana/Indianapolis", 50),
    ("US/Eastern", "America/New_York", 50),
    ("US/Hawaii", "Pacific/Honolulu", 78),
    ("US/Indiana-Starke", "America/Indiana/Knox", 35),
    ("US/Michigan", "America/Detroit", 50),
    ("US/Mountain", "America/Denver", 101),
    ("US/Pacific", "America/Los_Angeles", 121),
    ("US/Samoa", "Pacific/Pago_Pago", 138),
    ("UTC", "Etc/UTC", NO_NAMES),
    ("Universal", "Etc/UTC", NO_NAMES),
    ("W-SU", "Europe/Moscow", 98),
    ("WET", "Europe/Lisbon", 159),
    ("Zulu", "Etc/UTC", NO_NAMES),
];

/// English zone names: [standard short, standard long, daylight short, daylight long].
#[rustfmt::skip]
const ZONE_NAMES: &[[&str; 4]] = &[
    ["ACST", "Australian Central Standard Time", "ACDT", "Australian Central Daylight Time"],
    ["ACT", "Acre Standard Time", "ACST", "Acre Summer Time"],
    ["ACWST", "Australian Central Western Standard Time", "ACWDT", "Australian Central Western Daylight Time"],
    ["AEST", "Australian Eastern Standard Time", "AEDT", "Australian Eastern Daylight Time"],
    ["AFT", "Afghanistan Time", "AFST", "Afghanistan Summer Time"],
    ["AKST", "Alaska Standard Time", "AKDT", "Alaska Daylight Time"],
    ["ALMT", "East Kazakhstan Time", "ALMST", "Alma-Ata Summer Time"],
    ["AMT", "Amazon Standard Time", "AMST", "Amazon Summer Time"],
    ["AMT", "Armenia Standard Time", "AMST", "Armenia Summer Time"],
    ["ANAT", "Anadyr Standard Time", "ANAST", "Anadyr Summer Time"],
    ["AQTT", "West Kazakhstan Time", "AQTST", "Aqtau Summer Time"],
    ["AQTT", "West Kazakhstan Time", "AQTST", "Aqtobe Summer Time"],
    ["ART", "Argentina Standard Time", "ARST", "Argentina Summer Time"],
    ["AST", "Arabian Standard Time", "ADT", "Arabian Daylight Time"],
    ["AST", "Atlantic Standard Time", "ADT", "Atlantic Daylight Time"],
    ["AWST", "Australian Western Standard Time", "AWDT", "Australian Western Daylight Time"],
    ["AWST", "Casey Time", "AWDT", "Australian Western Daylight Time"],
    ["AZOT", "Azores Standard Time", "AZOST", "Azores Summer Time"],
    ["AZT", "Azerbaijan Standard Time", "AZST", "Azerbaijan Summer Time"],
    ["BDT", "Bangladesh Standard Time", "BDST", "Bangladesh Summer Time"],
    ["BNT", "Brunei Darussalam Time", "BNST", "Brunei Summer Time"],
    ["BOT", "Bolivia Time", "BOST", "Bolivia Summer Time"],
    ["BRT", "Brasilia Standard Time", "BRST", "Brasilia Summer Time"],
    ["BST", "Bougainville Standard Time", "BST", "Bougainville Daylight Time"],
    ["BTT", "Bhutan Time", "BTST", "Bhutan Summer Time"],
    ["CAT", "Central Africa Time", "CAST", "Central African Summer Time"],
    ["CAT", "Central Africa Time", "WAT", "Western African Time"],
    ["CCT", "Cocos Islands Time", "CCST", "Cocos Islands Summer Time"],
    ["CET", "Central European Standard Time", "CEST", "Central European Summer Time"],
    ["CHAST", "Chatham Standard Time", "CHADT", "Chatham Daylight Time"],
    ["CHUT", "Chuuk Time", "CHUST", "Chuuk Summer Time"],
    ["CKT", "Cook Islands Standard Time", "CKHST", "Cook Islands Half Summer Time"],
    ["CLT", "Chile Standard Time", "CLST", "Chile Summer Time"],
    ["CLT", "Chile Time", "CLST", "Chile Summer Time"],
    ["COT", "Colombia Standard Time", "COST", "Colombia Summer Time"],
    ["CST", "Central Standard Time", "CDT", "Central Daylight Time"],
    ["CST", "China Standard Time", "CDT", "China Daylight Time"],
    ["CST", "Cuba Standard Time", "CDT", "Cuba Daylight Time"],
    ["CST", "Taipei Standard Time", "CDT", "Taipei Daylight Time"],
    ["CVT", "Cape Verde Standard Time", "CVST", "Cape Verde Summer Time"],
    ["CXT", "Christmas Island Time", "CXST", "Christmas Island Summer Time"],
    ["ChST", "Chamorro Standard Time", "ChDT", "Chamorro Daylight Time"],
    ["DAVT", "Davis Time", "DAVST", "Davis Summer Time"],
    ["DDUT", "Dumont-d’Urville Time", "DDUST", "Dumont-d'Urville Summer Time"],
    ["EAST", "Easter Island Standard Time", "EASST", "Easter Island Summer Time"],
    ["EAT", "East Africa Time", "EAST", "Eastern African Summer Time"],
    ["ECT", "Ecuador Time", "ECST", "Ecuador Summer Time"],
    ["EET", "Eastern European Standard Time", "EEST", "Eastern European Summer Time"],
    ["EET", "Eastern European Time", "EEST", "Eastern European Summer Time"],
    ["EGT", "East Greenland Standard Time", "EGST", "East Greenland Summer Time"],
    ["EST", "Eastern Standard Time", "EDT", "Eastern Daylight Time"],
    ["FJT", "Fiji Standard Time", "FJST", "Fiji Summer Time"],
    ["FKT", "Falkland Islands Standard Time", "FKST", "Falkland Islands Summer Time"],
    ["FNT", "Fernando de Noronha Standard Time", "FNST", "Fernando de Noronha Summer Time"],
    ["GALT", "Galapagos Time", "GALST", "Galapagos Summer Time"],
    ["GAMT", "Gambier Time", "GAMST", "Gambier Summer Time"],
    ["GET", "Georgia Standard Time", "GEST", "Georgia Summer Time"],
    ["GFT", "French Guiana Time", "GFST", "French Guiana Summer Time"],
    ["GILT", "Gilbert Islands Time", "GILST", "Gilbert Is. Summer Time"],
    ["GMT", "Greenwich Mean Time", "BST", "British Summer Time"],
    ["GMT", "Greenwich Mean Time", "CEST", "Central European Summer Time"],
    ["GMT", "Greenwich Mean Time", "GHST", "Ghana Summer Time"],
    ["GMT", "Greenwich Mean Time", "GMT", "Greenwich Mean Time"],
    ["GMT", "Greenwich Mean Time", "IST", "Irish Standard Time"],
    ["GMT+04:00", "Astrakhan Standard Time", "GMT+04:00", "Astrakhan Standard Time"],
    ["GMT+04:00", "Saratov Standard Time", "GMT+04:00", "Saratov Standard Time"],
    ["GMT+04:00", "Ulyanovsk Standard Time", "GMT+04:00", "Ulyanovsk Standard Time"],
    ["GMT+05:00", "West Kazakhstan Time", "GMT+05:00", "Atyrau Daylight Time"],
    ["GMT+07:00", "Barnaul Standard Time", "GMT+07:00", "Barnaul Daylight Time"],
    ["GMT+07:00", "Tomsk Standard Time", "GMT+07:00", "Tomsk Daylight Time"],
    ["GMT+13:00", "Kanton Standard Time", "GMT+13:00", "Kanton Daylight Time"],
    ["GMT-03:00", "Punta Arenas Standard Time", "GMT-03:00", "Punta Arenas Standard Time"],
    ["GST", "Gulf Standard Time", "GDT", "Gulf Daylight Time"],
    ["GST", "South Georgia Time", "GDT", "South Georgia Daylight Time"],
    ["GYT", "Guyana Time", "GYST", "Guyana Summer Time"],
    ["HAST", "Hawaii-Aleutian Standard Time", "HADT", "Hawaii-Aleutian Daylight Time"],
    ["HKT", "Hong Kong Standard Time", "HKST", "Hong Kong Summer Time"],
    ["HOVT", "Hovd Standard Time", "HOVST", "Hovd Summer Time"],
    ["HST", "Hawaii-Aleutian Standard Time", "HDT", "Hawaii-Aleutian Daylight Time"],
    ["ICT", "Indochina Time", "ICST", "Indochina Summer Time"],
    ["IOT", "Indian Ocean Time", "IOST", "Indian Ocean Territory Summer Time"],
    ["IRKT", "Irkutsk Standard Time", "IRKST", "Irkutsk Summer Time"],
    ["IRST", "Iran Standard Time", "IRDT", "Iran Daylight Time"],
    ["IST", "India Standard Time", "IDT", "India Daylight Time"],
    ["IST", "Israel Standard Time", "IDT", "Israel Daylight Time"],
    ["JST", "Japan Standard Time", "JDT", "Japan Daylight Time"],
    ["KGT", "Kyrgyzstan Time", "KGST", "Kirgizstan Summer Time"],
    ["KOST", "Kosrae Time", "KOSST", "Kosrae Summer Time"],
    ["KRAT", "Krasnoyarsk Standard Time", "KRAST", "Krasnoyarsk Summer Time"],
    ["KST", "Korean Standard Time", "KDT", "Korean Daylight Time"],
    ["LHST", "Lord Howe Standard Time", "LHDT", "Lord Howe Daylight Time"],
    ["LINT", "Line Islands Time", "LINST", "Line Is. Summer Time"],
    ["MAGT", "Magadan Standard Time", "MAGST", "Magadan Summer Time"],
    ["MART", "Marquesas Time", "MARST", "Marquesas Summer Time"],
    ["MAWT", "Mawson Time", "MAWST", "Mawson Summer Time"],
    ["MHT", "Marshall Islands Time", "MHST", "Marshall Islands Summer Time"],
    ["MMT", "Myanmar Time", "MMST", "Myanmar Summer Time"],
    ["MSK", "Moscow Standard Time", "MSD", "Moscow Daylight Time"],
    ["MSK", "Moscow Standard Time", "MSD", "Moscow Summer Time"],
    ["MSK", "Volgograd Standard Time", "MSD", "Volgograd Summer Time"],
    ["MST", "Mexican Pacific Standard Time", "MDT", "Mexican Pacific Daylight Time"],
    ["MST", "Mountain Standard Time", "MDT", "Mountain Daylight Time"],
    ["MUT", "Mauritius Standard Time", "MUST", "Mauritius Summer Time"],
    ["MVT", "Maldives Time", "MVST", "Maldives Summer Time"],
    ["MYT", "Malaysia Time", "MYST", "Malaysia Summer Time"],
    ["NCT", "New Caledonia Standard Time", "NCST", "New Caledonia Summer Time"],
    ["NFT", "Norfolk Island Standard Time", "NFST", "Norfolk Island Daylight Time"],
    ["NOVT", "Novosibirsk Standard Time", "NOVST", "Novosibirsk Summer Time"],
    ["NPT", "Nepal Time", "NPST", "Nepal Summer Time"],
    ["NRT", "Nauru Time", "NRST", "Nauru Summer Time"],
    ["NST", "Newfoundland Standard Time", "NDT", "Newfoundland Daylight Time"],
    ["NUT", "Niue Time", "NUST", "Niue Summer Time"],
    ["NZST", "New Zealand Standard Time", "NZDT", "New Zealand Daylight Time"],
    ["OMST", "Omsk Standard Time", "OMSST", "Omsk Summer Time"],
    ["ORAT", "West Kazakhstan Time", "ORAST", "Oral Summer Time"],
    ["PET", "Peru Standard Time", "PEST", "Peru Summer Time"],
    ["PETT", "Petropavlovsk-Kamchatski Standard Time", "PETST", "Petropavlovsk-Kamchatski Summer Time"],
    ["PGT", "Papua New Guinea Time", "PGST", "Papua New Guinea Summer Time"],
    ["PKT", "Pakistan Standard Time", "PKST", "Pakistan Summer Time"],
    ["PMST", "St. Pierre & Miquelon Standard Time", "PMDT", "St. Pierre & Miquelon Daylight Time"],
    ["PONT", "Ponape Time", "PONST", "Pohnpei Summer Time"],
    ["PST", "Pacific Standard Time", "PDT", "Pacific Daylight Time"],
    ["PST", "Philippine Standard Time", "PDT", "Philippine Summer Time"],
    ["PST", "Pitcairn Time", "PDT", "Pitcairn Daylight Time"],
    ["PWT", "Palau Time", "PWST", "Palau Summer Time"],
    ["PYT", "Paraguay Standard Time", "PYST", "Paraguay Summer Time"],
    ["QOST", "East Kazakhstan Time", "QOSST", "Kostanay Summer Time"],
    ["QYZT", "West Kazakhstan Time", "QYZST", "Qyzylorda Summer Time"],
    ["RET", "Réunion Time", "REST", "Reunion Summer Time"],
    ["ROTT", "Rothera Time", "ROTST", "Rothera Summer Time"],
    ["SAKT", "Sakhalin Standard Time", "SAKST", "Sakhalin Summer Time"],
    ["SAMT", "Samara Standard Time", "SAMST", "Samara Summer Time"],
    ["SAST", "South Africa Standard Time", "SAST", "South Africa Summer Time"],
    ["SBT", "Solomon Islands Time", "SBST", "Solomon Is. Summer Time"],
    ["SCT", "Seychelles Time", "SCST", "Seychelles Summer Time"],
    ["SGT", "Singapore Standard Time", "SGST", "Singapore Summer Time"],
    ["SRET", "Srednekolymsk Time", "SREDT", "Srednekolymsk Daylight Time"],
    ["SRT", "Suriname Time", "SRST", "Suriname Summer Time"],
    ["SST", "Samoa Standard Time", "SDT", "Samoa Daylight Time"],
    ["SYOT", "Syowa Time", "SYOST", "Syowa Summer Time"],
    ["TAHT", "Tahiti Time", "TAHST", "Tahiti Summer Time"],
    ["TFT", "French Southern & Antarctic Time", "TFST", "French Southern & Antarctic Lands Summer Time"],
    ["TJT", "Tajikistan Time", "TJST", "Tajikistan Summer Time"],
    ["TKT", "Tokelau Time", "TKST", "Tokelau Summer Time"],
    ["TLT", "East Timor Time", "TLST", "Timor-Leste Summer Time"],
    ["TMT", "Turkmenistan Standard Time", "TMST", "Turkmenistan Summer Time"],
    ["TOT", "Tonga Standard Time", "TOST", "Tonga Summer Time"],
    ["TRT", "Turkey Time", "TRST", "Turkey Summer Time"],
    ["TVT", "Tuvalu Time", "TVST", "Tuvalu Summer Time"],
    ["ULAT", "Ulaanbaatar Standard Time", "ULAST", "Ulaanbaatar Summer Time"],
    ["UTC", "Coordinated Universal Time", "UTC", "Coordinated Universal Time"],
    ["UYT", "Uruguay Standard Time", "UYST", "Uruguay Summer Time"],
    ["UZT", "Uzbekistan Standard Time", "UZST", "Uzbekistan Summer Time"],
    ["VET", "Venezuela Time", "VEST", "Venezuela Summer Time"],
    ["VLAT", "Vladivostok Standard Time", "VLAST", "Vladivostok Summer Time"],
    ["VOST", "Vostok Time", "VOSST", "Vostok Summer Time"],
    ["VUT", "Vanuatu Standard Time", "VUST", "Vanuatu Summer Time"],
    ["WAKT", "Wake Island Time", "WAKST", "Wake Summer Time"],
    ["WAT", "West Africa Standard Time", "WAST", "West Africa Summer Time"],
    ["WET", "Western European Standard Time", "WEST", "Western European Summer Time"],
    ["WET", "Western European Time", "WEST", "Western European Summer Time"],
    ["WFT", "Wallis & Futuna Time", "WFST", "Wallis & Futuna Summer Time"],
    ["WGT", "West Greenland Standard Time", "WGST", "West Greenland Summer Time"],
    ["WIB", "Western Indonesia Time", "WIST", "West Indonesia Summer Time"],
    ["WIT", "Eastern Indonesia Time", "EIST", "East Indonesia Summer Time"],
    ["WITA", "Central Indonesia Time", "CIST", "Central Indonesia Summer Time"],
    ["WSST", "Apia Standard Time", "WSDT", "Apia Daylight Time"],
    ["XJT", "Xinjiang Standard Time", "XJDT", "Xinjiang Daylight Time"],
    ["YAKT", "Yakutsk Standard Time", "YAKST", "Yakutsk Summer Time"],
    ["YEKT", "Yekaterinburg Standard Time", "YEKST", "Yekaterinburg Summer Time"],
];

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(s: &str) -> TrinoZone {
        match TrinoZone::parse(s) {
            Ok(zone) => zone,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    fn id(s: &str) -> String {
        zone(s).id()
    }

    fn invalid(s: &str) -> bool {
        TrinoZone::parse(s)
            == Err(ZoneError::InvalidZone {
                zone: s.to_string(),
            })
    }

    // Expected values below come from Trino's TestTimeZoneKey (testUTC, testHourOffsetZone),
    // TestDateTimeFunctions (with_timezone, from_unixtime), java.time.ZoneOffset's documented
    // formats, and java.time/Joda printing run on the JDK, as noted per test.

    #[test]
    fn utc_equivalents_map_to_utc() {
        for s in [
            "UTC",
            "Z",
            "Zulu",
            "UT",
            "UCT",
            "Universal",
            "GMT",
            "GMT0",
            "GMT+0",
            "GMT-0",
            "GMT+00:00",
            "GMT-00:00",
            "+00:00",
            "-00:00",
            "+0000",
            "-0000",
            "Etc/UTC",
            "Etc/GMT",
            "Etc/GMT+0",
            "Etc/GMT+00:00",
            "Etc/GMT-00:00",
            "Etc/UT",
            "Etc/UCT",
            "Etc/Universal",
            "Greenwich",
            "Etc/GMT0",
            "UT+0",
            "UT-0",
            "UTC+0",
            "UTC-0",
            "Etc/UT+0",
            "Etc/UTC-0",
        ] {
            assert_eq!(TrinoZone::parse(s), Ok(TrinoZone::Utc), "{s}");
        }
    }

    #[test]
    fn hour_offset_prefixes() {
        for prefix in ["GMT", "UT", "UTC", "Etc/UT", "Etc/UTC"] {
            assert_eq!(id(&format!("{prefix}+7")), "+07:00", "{prefix}");
            assert_eq!(id(&format!("{prefix}-7")), "-07:00", "{prefix}");
            assert!(invalid(&format!("{prefix}7")), "{prefix}");
        }
        // Etc/GMT uses the POSIX sign convention.
        assert_eq!(id("Etc/GMT+7"), "-07:00");
        assert_eq!(id("Etc/GMT-7"), "+07:00");
        assert!(invalid("Etc/GMT7"));
        assert!(invalid("UT0"));
        assert!(invalid("UTC0"));
        assert!(invalid("Etc/UTC0"));
        assert_eq!(id("Etc/UTC-7:00"), "-07:00");
        assert_eq!(id("Etc/UTC-07:00"), "-07:00");
        assert_eq!(id("Etc/UTC+7:00"), "+07:00");
        assert_eq!(id("Etc/UTC+07:35"), "+07:35");
        assert_eq!(id("Etc/UTC-7:35"), "-07:35");
        assert_eq!(id("Etc/UTC-07:35"), "-07:35");
        assert_eq!(id("Etc/UTC+7:35"), "+07:35");
        assert_eq!(id("GMT+14"), "+14:00");
        assert!(invalid("GMT+15"));
        assert!(invalid("UTC+7:"));
    }

    #[test]
    fn jdk_offset_forms() {
        assert_eq!(id("+0735"), "+07:35");
        assert_eq!(id("-0735"), "-07:35");
        assert_eq!(id("+13"), "+13:00");
        assert_eq!(id("-14"), "-14:00");
        assert_eq!(id("+00:45"), "+00:45");
        assert_eq!(id("+7"), "+07:00");
        assert_eq!(id("+09"), "+09:00");
        assert_eq!(id("+0900"), "+09:00");
        assert_eq!(id("+09:00"), "+09:00");
        assert_eq!(id("+090000"), "+09:00");
        assert_eq!(id("+09:00:00"), "+09:00");
        assert_eq!(TrinoZone::parse("+00"), Ok(TrinoZone::Utc));
        assert_eq!(TrinoZone::parse("-0"), Ok(TrinoZone::Utc));
        assert_eq!(TrinoZone::parse("UTC+0000"), Ok(TrinoZone::Utc));
        assert_eq!(TrinoZone::parse("GMT-000000"), Ok(TrinoZone::Utc));
        // The JDK accepts these, but Trino has no key for them.
        assert!(invalid("+07:35:21"));
        assert!(invalid("+14:01"));
        assert!(invalid("-18:00"));
        assert!(invalid("UTC+0735"));
        // The JDK rejects these.
        assert!(invalid("+9:00"));
        assert!(invalid("+09:0"));
        assert!(invalid("+0960"));
        assert!(invalid("+"));
    }

    #[test]
    fn named_zones_are_case_sensitive() {
        assert_eq!(id("Asia/Tokyo"), "Asia/Tokyo");
        assert_eq!(id("America/Los_Angeles"), "America/Los_Angeles");
        assert_eq!(id("US/Pacific"), "US/Pacific");
        assert_eq!(id("Asia/Calcutta"), "Asia/Calcutta");
        assert_eq!(id("Pacific/Apia"), "Pacific/Apia");
        assert_eq!(id("America/Nuuk"), "America/Nuuk");
        assert!(invalid("asia/tokyo"));
        assert!(invalid("utc"));
        assert!(invalid("invalidzoneid"));
        assert!(invalid(""));
        // Removed from Trino's index: not in java.time.
        assert!(invalid("EST"));
        assert!(invalid("MST"));
        assert!(invalid("HST"));
        assert!(invalid("US/Pacific-New"));
        // IANA names Trino never indexed.
        assert!(invalid("Etc/GMT+0735"));
        assert!(invalid("Etc/Unknown"));
    }

    #[test]
    fn error_message_names_the_input() {
        assert_eq!(
            TrinoZone::parse("invalidzoneid").map_err(|e| e.to_string()),
            Err("'invalidzoneid' is not a valid time zone".to_string())
        );
    }

    #[test]
    fn every_indexed_name_resolves() {
        for name in TRINO_NAMED_ZONES {
            assert_eq!(TrinoZone::parse(name).map(|z| z.id()), Ok(name.to_string()));
            // Every Trino zone is a Joda zone with English names.
            let names = joda_zone_entry(name).map(|(_, _, names)| usize::from(names));
            assert!(names.is_some_and(|i| i < ZONE_NAMES.len()), "{name}");
        }
        assert!(TRINO_NAMED_ZONES.windows(2).all(|w| w[0] < w[1]), "sorted");
        assert!(JODA_ZONES.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert_eq!(TRINO_NAMED_ZONES.len(), 548);
        for (id, target, _) in JODA_ZONES {
            assert_ne!(
                id, target,
                "{id}: a link target is only stored when it differs"
            );
            let resolved = joda_zone_entry(target).is_some_and(|(_, t, _)| t.is_empty());
            assert!(target.is_empty() || resolved, "{id}");
            // chrono-tz knows every zone Joda knows, for the rules.
            assert!(id.parse::<Tz>().is_ok(), "{id}");
        }
        assert_eq!(joda_canonical_id("UTC"), Some("UTC"));
        assert_eq!(joda_canonical_id("Etc/UCT"), Some("Etc/UTC"));
        assert_eq!(joda_canonical_id("US/Pacific"), Some("America/Los_Angeles"));
        assert_eq!(joda_canonical_id("Mars/Olympus"), None);
    }

    #[test]
    fn offsets_from_minutes() {
        assert_eq!(TrinoZone::from_offset_minutes(0), Ok(TrinoZone::Utc));
        assert_eq!(
            TrinoZone::from_offset_minutes(70).map(|z| z.id()),
            Ok("+01:10".to_string())
        );
        assert_eq!(
            TrinoZone::from_offset_minutes(540).map(|z| z.id()),
            Ok("+09:00".to_string())
        );
        // from_unixtime(x, -5, 30) sums to -270 minutes.
        assert_eq!(
            TrinoZone::from_offset_minutes(-270).map(|z| z.id()),
            Ok("-04:30".to_string())
        );
        assert_eq!(
            TrinoZone::from_offset_minutes(345).map(|z| z.id()),
            Ok("+05:45".to_string())
        );
        assert_eq!(
            TrinoZone::from_offset_minutes(840).map(|z| z.id()),
            Ok("+14:00".to_string())
        );
        assert_eq!(
            TrinoZone::from_offset_minutes(-840).map(|z| z.id()),
            Ok("-14:00".to_string())
        );
        // from_unixtime(0, 1, 10000), (0, 10000, 0), (0, -100, 100) fail.
        for minutes in [60 + 10_000, 600_000, -6_000 + 100, 841, -841] {
            assert_eq!(
                TrinoZone::from_offset_minutes(minutes),
                Err(ZoneError::OffsetOutOfRange { minutes })
            );
        }
        assert_eq!(
            ZoneError::OffsetOutOfRange { minutes: 600_000 }.to_string(),
            "Invalid offset minutes 600000"
        );
    }

    #[test]
    fn offsets_and_local_time() {
        let utc = |s: i64| clamped_utc(s);
        let tokyo = zone("Asia/Tokyo");
        assert_eq!(tokyo.offset_at(utc(7200)).local_minus_utc(), 9 * 3600);
        assert_eq!(tokyo.to_local(utc(7200)), utc(7200 + 9 * 3600));
        let la = zone("America/Los_Angeles");
        // 2021-03-14T10:30Z is 03:30 PDT, just after the spring-forward gap.
        assert_eq!(la.offset_seconds_at(1_615_717_800), -7 * 3600);
        assert_eq!(la.offset_seconds_at(1_615_717_800 - 3 * 3600), -8 * 3600);
        assert_eq!(zone("-04:30").offset_seconds_at(0), -(4 * 3600 + 1800));
        assert_eq!(TrinoZone::Utc.offset_seconds_at(i64::MAX), 0);
        // Far beyond chrono's range: the offset at the edge, no panic.
        assert_eq!(tokyo.offset_seconds_at(i64::MAX), 9 * 3600);
        assert_eq!(
            zone("Asia/Shanghai").offset_seconds_at(i64::MIN),
            8 * 3600 + 5 * 60 + 43
        );
    }

    #[test]
    fn joda_ids_and_names() {
        assert_eq!(zone("Asia/Tokyo").joda_id(), "Asia/Tokyo");
        assert_eq!(zone("Japan").joda_id(), "Asia/Tokyo");
        assert_eq!(zone("Europe/Kiev").joda_id(), "Europe/Kyiv");
        assert_eq!(zone("UTC").joda_id(), "UTC");
        assert_eq!(zone("+07:09").joda_id(), "+07:09");

        // Printed by Joda-Time 2.10 with Locale.ENGLISH on JDK 17.
        let winter = 1_610_712_000_000; // 2021-01-15T12:00Z
        let summer = 1_626_350_400_000; // 2021-07-15T12:00Z
        assert_eq!(zone("Asia/Tokyo").joda_name(winter, false), "JST");
        assert_eq!(
            zone("Asia/Tokyo").joda_name(summer, true),
            "Japan Standard Time"
        );
        assert_eq!(zone("Asia/Kathmandu").joda_name(winter, false), "NPT");
        assert_eq!(zone("Europe/Dublin").joda_name(winter, false), "GMT");
        assert_eq!(
            zone("Europe/Dublin").joda_name(summer, true),
            "Irish Standard Time"
        );
        // Joda's compiler makes all Irish time since 1968 summer time: 1970 was +01:00 all year.
        assert_eq!(zone("Europe/Dublin").joda_name(0, false), "IST");
        // ... and Moroccan time outside Ramadan, even before 2018 (El Aaiun, December 2015).
        assert_eq!(
            zone("Africa/El_Aaiun").joda_name(1_450_678_762_016, true),
            "Western European Summer Time"
        );
        assert_eq!(zone("Africa/Casablanca").joda_name(winter, false), "WEST");
        // 2021-04-25: Ramadan, Morocco on +00:00.
        assert_eq!(
            zone("Africa/Casablanca").joda_name(1_619_352_000_000, false),
            "WET"
        );
        // Namibia's winter "standard" time in 2010 (names as the JDK has them).
        assert_eq!(
            zone("Africa/Windhoek").joda_name(1_279_195_200_000, false),
            "CAT"
        );
        assert_eq!(
            zone("Africa/Windhoek").joda_name(1_263_556_800_000, false),
            "WAT"
        );
        assert_eq!(zone("UTC").joda_name(winter, false), "UTC");
        assert_eq!(
            zone("UTC").joda_name(winter, true),
            "Coordinated Universal Time"
        );
        assert_eq!(zone("+07:09").joda_name(winter, false), "+07:09");
        assert_eq!(zone("+07:09").joda_name(winter, true), "+07:09");
    }

    #[test]
    fn rules_continue_after_2099() {
        // java.time's offsets (ZoneRules.getOffset) for these instants.
        assert_eq!(
            zone("America/Los_Angeles").offset_seconds_at(5_695_963_200),
            -25_200
        );
        assert_eq!(
            zone("Australia/Sydney").offset_seconds_at(7_259_328_000),
            39_600
        );
        assert_eq!(
            zone("America/New_York").offset_seconds_at(4_108_708_800),
            -14_400
        );
        assert_eq!(
            zone("America/New_York").offset_seconds_at(13_596_206_400),
            -18_000
        );
        assert_eq!(rules_shift_seconds(4_102_444_799), 0);
        assert_ne!(rules_shift_seconds(4_102_444_800), 0);
    }

    #[test]
    fn negative_save_era_boundaries() {
        let at = |y, m, d, h: i64| days_from_civil(y, m, d) * 86_400 + h * 3600;
        assert_eq!(at(1968, 10, 26, 23), -37_242_000);
        assert_eq!(at(1990, 3, 20, 22), 637_970_400);
        assert_eq!(at(1913, 10, 26, 0) + 30 * 60 + 20, -1_773_012_580);
        assert_eq!(at(1984, 3, 16, 0), 448_243_200);
        assert_eq!(at(1985, 12, 31, 23), 504_918_000);
        assert_eq!(at(1976, 4, 14, 1), 198_291_600);
    }

    #[test]
    fn renders_timestamp_with_time_zone() {
        // TestTimestampWithTimeZone.testCastToVarchar.
        let weird = zone("+07:09");
        let nanos = 980_106_905_321_000_000;
        assert_eq!(
            render_timestamp_tz(nanos, 3, &weird),
            "2001-01-22 03:04:05.321 +07:09"
        );
        assert_eq!(
            render_timestamp_tz(nanos - 321_000_000, 0, &weird),
            "2001-01-22 03:04:05 +07:09"
        );
        // from_unixtime(980172245, 1, 10).
        let plus_0110 = TrinoZone::from_offset_minutes(70).unwrap_or(TrinoZone::Utc);
        assert_eq!(
            render_timestamp_tz(980_172_245_000_000_000, 3, &plus_0110),
            "2001-01-22 15:14:05.000 +01:10"
        );
        // from_unixtime(7200, zone) in TestDateTimeFunctions.
        let at_7200 = 7_200_000_000_000;
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("Asia/Tokyo")),
            "1970-01-01 11:00:00.000 Asia/Tokyo"
        );
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("Asia/Shanghai")),
            "1970-01-01 10:00:00.000 Asia/Shanghai"
        );
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("Europe/Moscow")),
            "1970-01-01 05:00:00.000 Europe/Moscow"
        );
        assert_eq!(
            render_timestamp_tz(at_7200, 3, &zone("America/New_York")),
            "1969-12-31 21:00:00.000 America/New_York"
        );
        // Athena docs: 2012-10-30 18:00:00.000 America/Los_Angeles.
        assert_eq!(
            render_timestamp_tz(1_351_645_200_000_000_000, 3, &zone("America/Los_Angeles")),
            "2012-10-30 18:00:00.000 America/Los_Angeles"
        );
        // The runbook's from_unixtime(start, 9, 0).
        assert_eq!(
            render_timestamp_tz(1_418_530_010_000_000_000, 3, &zone("+09:00")),
            "2014-12-14 13:06:50.000 +09:00"
        );
        assert_eq!(
            render_timestamp_tz(1_418_530_010_000_000_000, 0, &TrinoZone::Utc),
            "2014-12-14 04:06:50 UTC"
        );
    }

    #[test]
    fn renders_precisions_and_offsets() {
        let kathmandu = zone("Asia/Kathmandu");
        let nanos = 1_588_315_796_123_456_789;
        assert_eq!(
            render_timestamp_tz(nanos, 9, &kathmandu),
            "2020-05-01 12:34:56.123456789 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(nanos, 6, &kathmandu),
            "2020-05-01 12:34:56.123456 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(nanos, 1, &kathmandu),
            "2020-05-01 12:34:56.1 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(nanos, 12, &kathmandu),
            "2020-05-01 12:34:56.123456789000 Asia/Kathmandu"
        );
        assert_eq!(
            render_timestamp_tz(1_588_352_696_123_456_000, 6, &zone("-04:30")),
            "2020-05-01 12:34:56.123456 -04:30"
        );
        assert_eq!(
            render_timestamp_tz(1_588_315_796_000_000_000, 0, &zone("+05:45")),
            "2020-05-01 12:34:56 +05:45"
        );
    }

    #[test]
    fn renders_far_years() {
        // testDateTimeOutputString, with instants computed by java.time.
        assert_eq!(
            render_timestamp_tz(-62_167_158_220 * 1_000_000_000, 0, &zone("Asia/Shanghai")),
            "0000-01-02 01:02:03 Asia/Shanghai"
        );
        assert_eq!(
            render_timestamp_tz(
                -23_214_962_619 * 1_000_000_000 + 233_000_000,
                3,
                &zone("America/Los_Angeles")
            ),
            "1234-05-06 23:23:23.233 America/Los_Angeles"
        );
        assert_eq!(
            render_timestamp_tz(11_459_804_399_999_000_000, 3, &zone("Asia/Tokyo")),
            "2333-02-23 23:59:59.999 Asia/Tokyo"
        );
        // java.time "uuuu-MM-dd HH:mm:ss" on the JDK.
        let day = 86_400 * 1_000_000_000_i128;
        let hms = 3723 * 1_000_000_000_i128;
        assert_eq!(
            render_timestamp(-719_529 * day + hms, 0),
            "-0001-12-31 01:02:03"
        );
        assert_eq!(
            render_timestamp(-1_000_000 * day + hms, 0),
            "-0768-02-04 01:02:03"
        );
        assert_eq!(
            render_timestamp(2_932_897 * day + hms, 0),
            "+10000-01-01 01:02:03"
        );
        assert_eq!(
            render_timestamp(2_932_896 * day + hms, 0),
            "9999-12-31 01:02:03"
        );
        assert_eq!(
            render_timestamp(-678_941 * day + hms, 0),
            "0111-02-15 01:02:03"
        );
        assert_eq!(
            render_timestamp(-3_000_000 * day + hms, 0),
            "-6244-04-12 01:02:03"
        );
        assert_eq!(
            render_timestamp(-62_167_219_201 * 1_000_000_000 + 500_000_000, 1),
            "-0001-12-31 23:59:59.5"
        );
        // Extreme inputs do not panic.
        assert!(!render_timestamp(i128::MAX, 9).is_empty());
        assert!(!render_timestamp_tz(i128::MIN, 9, &zone("Asia/Tokyo")).is_empty());
    }

    #[test]
    fn renders_timestamp_without_zone() {
        // TestDateTimeFunctions.testDateTimeOutputString.
        let day = 86_400 * 1_000_000_000_i128;
        assert_eq!(render_timestamp(15_705 * day, 0), "2012-12-31 00:00:00");
        assert_eq!(render_timestamp(0, 3), "1970-01-01 00:00:00.000");
        assert_eq!(render_timestamp(-1_000_000, 3), "1969-12-31 23:59:59.999");
        assert_eq!(
            render_timestamp(1_588_336_496_123_456_789, 9),
            "2020-05-01 12:34:56.123456789"
        );
        assert_eq!(
            render_timestamp(1_588_336_496_123_456_789, 6),
            "2020-05-01 12:34:56.123456"
        );
    }

    #[test]
    fn renders_dates() {
        // Joda ISODateTimeFormat.date() on the JDK, and TestDateTimeOperators (DATE '13-2-2').
        assert_eq!(render_date(0), "1970-01-01");
        assert_eq!(render_date(-719_528), "0000-01-01");
        assert_eq!(render_date(-719_529), "-0001-12-31");
        assert_eq!(render_date(-719_893), "-0001-01-01");
        assert_eq!(render_date(-1_000_000), "-0768-02-04");
        assert_eq!(render_date(2_932_897), "10000-01-01");
        assert_eq!(render_date(2_932_896), "9999-12-31");
        assert_eq!(render_date(-25_567), "1900-01-01");
        assert_eq!(render_date(16_436), "2015-01-01");
        assert_eq!(render_date(-678_941), "0111-02-15");
        assert_eq!(render_date(days_from_civil(13, 2, 2) as i32), "0013-02-02");
        assert_eq!(render_date(15_705), "2012-12-31");
        assert!(!render_date(i32::MIN).is_empty());
        assert!(!render_date(i32::MAX).is_empty());
    }

    #[test]
    fn calendar_round_trips() {
        for days in (-800_000..800_000)
            .step_by(997)
            .chain([-1, 0, 1, 59, 60, 365, 11_016])
        {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        // 2000-02-29 and 1900-03-01 (1900 is not a leap year).
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
    }
}
