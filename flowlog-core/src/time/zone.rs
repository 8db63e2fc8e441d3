//! Time zones as Trino (Athena engine v3) names them, and as Joda-Time reports them.
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
//! The zone tables (Trino's index, Joda-Time's ids and links, the JDK's English names) are data,
//! in `zones.tsv` next to this file, read once on first use.

use std::fmt::Write as _;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, Tz};

use super::calendar::{civil_from_days, days_from_civil, is_leap};

/// A Trino time-zone key: a named IANA zone (e.g. `Asia/Tokyo`), a fixed offset (e.g. `+09:00`), or `UTC`.
///
/// Invariants of values built by [`TrinoZone::parse`] and [`TrinoZone::from_offset_minutes`]:
/// an `Offset` is a non-zero whole number of minutes within ±14:00 (a zero offset is `Utc`), and a
/// `Named` zone is one of the names in Trino's zone index.
///
/// ```
/// use flowlog_core::time::TrinoZone;
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
#[rustfmt::skip]
const UTC_EQUIVALENTS: &[&str] = &[
    "GMT", "GMT0", "GMT+0", "GMT-0", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "UT", "UT+0",
    "UT-0", "Etc/UT", "Etc/UT+0", "Etc/UT-0", "UTC", "UTC+0", "UTC-0", "Etc/UTC", "Etc/UTC+0",
    "Etc/UTC-0", "+0000", "+00:00", "-0000", "-00:00", "Z", "Zulu", "UCT", "Greenwich",
    "Universal", "Etc/Universal", "Etc/UCT",
];

/// Prefixes after which Trino reads an hour offset itself, in the order it tries them.
const UTC_OFFSET_PREFIXES: &[&str] = &["Etc/GMT", "Etc/UTC", "Etc/UT", "GMT", "UTC", "UT"];

impl TrinoZone {
    /// Parses a zone string as Trino's `TimeZoneKey.getTimeZoneKey` does (see the module docs).
    ///
    /// Names are case-sensitive, as in Trino since 2020: `asia/tokyo` is rejected.
    ///
    /// ```
    /// use flowlog_core::time::{TrinoZone, ZoneError};
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
    /// use flowlog_core::time::TrinoZone;
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
            TrinoZone::Offset(offset) => joda_offset_id(offset.local_minus_utc() * 1000),
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
    /// use flowlog_core::time::TrinoZone;
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
    /// use flowlog_core::time::TrinoZone;
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
    /// use flowlog_core::time::TrinoZone;
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
        let Some(names) = joda_zone_entry(tz.name()).and_then(|entry| entry.names) else {
            return joda_offset_id(self.offset_seconds_at(epoch_seconds) * 1000);
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
    let calendar = |y: i64| (is_leap(y), (days_from_civil(y, 1, 1) + 3).rem_euclid(7));
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

/// Joda's `DateTimeZone.printOffset`, the id of a fixed offset given in milliseconds: `+05:00`,
/// `-03:30:15`, `+01:00:00.500` (seconds and milliseconds only when non-zero).
pub(crate) fn joda_offset_id(offset_millis: i32) -> String {
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

/// Whether `name` is one of the named zones of Trino's zone index.
fn is_trino_named_zone(name: &str) -> bool {
    joda_zone_entry(name).is_some_and(|entry| entry.trino)
}

/// One line of `zones.tsv`: a zone id Joda-Time knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ZoneEntry {
    /// The id.
    id: &'static str,
    /// The zone it is a link to, if it is a link.
    link: Option<&'static str>,
    /// Whether the id is a named key of Trino's zone index.
    trino: bool,
    /// English names of the zone it resolves to: [standard short, standard long, daylight
    /// short, daylight long].
    names: Option<[&'static str; 4]>,
}

/// The zone table, sorted by id (see the header of `zones.tsv`).
static ZONES: LazyLock<Vec<ZoneEntry>> = LazyLock::new(|| {
    include_str!("zones.tsv")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let field = |i: usize| fields.get(i).copied().unwrap_or("-");
            ZoneEntry {
                id: field(0),
                link: Some(field(1)).filter(|link| *link != "-"),
                trino: field(2) == "T",
                names: match fields.get(3..7) {
                    Some(&[a, b, c, d]) => Some([a, b, c, d]),
                    _ => None,
                },
            }
        })
        .collect()
});

/// Joda-Time's entry for a zone id.
fn joda_zone_entry(id: &str) -> Option<&'static ZoneEntry> {
    let zones: &'static [ZoneEntry] = &ZONES;
    zones
        .binary_search_by(|entry| entry.id.cmp(id))
        .ok()
        .map(|i| &zones[i])
}

/// The id Joda-Time's `DateTimeZone.forID(id).getID()` gives for a zone id it knows (links
/// resolved), or `None` for ids it does not know.
pub(crate) fn joda_canonical_id(id: &str) -> Option<&'static str> {
    // `forID("UTC")` is Joda's own UTC zone, whatever the link in the sources says.
    if id == "UTC" {
        return Some("UTC");
    }
    joda_zone_entry(id).map(|entry| entry.link.unwrap_or(entry.id))
}

/// Every zone id Joda-Time knows, sorted (links included).
pub(crate) fn joda_zone_ids() -> impl Iterator<Item = &'static str> {
    let zones: &'static [ZoneEntry] = &ZONES;
    zones.iter().map(|entry| entry.id)
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
        joda_offset_id(total_seconds * 1000)
    }
}

#[cfg(test)]
mod tests;
