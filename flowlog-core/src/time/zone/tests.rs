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
    let zones: &[ZoneEntry] = &ZONES;
    let trino: Vec<&str> = zones.iter().filter(|e| e.trino).map(|e| e.id).collect();
    for name in &trino {
        assert_eq!(TrinoZone::parse(name).map(|z| z.id()), Ok(name.to_string()));
        // Every Trino zone is a Joda zone with English names.
        assert!(
            joda_zone_entry(name).is_some_and(|e| e.names.is_some()),
            "{name}"
        );
    }
    assert!(zones.windows(2).all(|w| w[0].id < w[1].id), "sorted");
    assert_eq!(trino.len(), 548);
    assert_eq!(zones.len(), 597);
    for entry in zones {
        assert_ne!(
            Some(entry.id),
            entry.link,
            "{}: a link target is only stored when it differs",
            entry.id
        );
        let resolved = entry
            .link
            .is_none_or(|link| joda_zone_entry(link).is_some_and(|t| t.link.is_none()));
        assert!(resolved, "{}", entry.id);
        // chrono-tz knows every zone Joda knows, for the rules.
        assert!(entry.id.parse::<Tz>().is_ok(), "{}", entry.id);
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
