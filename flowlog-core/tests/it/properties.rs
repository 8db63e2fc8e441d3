//! Property tests (proptest) of the parsers that take user input, run as ordinary tests:
//! a bounded number of generated cases each (seconds), shrunk to a minimal failing input
//! when one fails, and every failure kept in `tests/it/proptest-regressions/properties.txt`
//! (committed; proptest replays those cases first on every run).
//!
//! * `FlowLogKey::render(parse(key)) == key` for generated keys in every naming and layout;
//! * every value a projection enumerates lies inside its range, in its interval, and is
//!   recognised by `contains`;
//! * `parse(format(t, p), p) == t` for complete Joda patterns (what `parse_datetime` and
//!   `format_datetime` run);
//! * the key parser, the DDL parser, the TBLPROPERTIES / projection parser, and the Joda,
//!   java.time (projection formats) and MySQL (`date_format`, `date_parse`) pattern parsers
//!   never panic on arbitrary input.
//!
//! `fuzz.rs` keeps the fixed-seed generators that came before (mutations of the runbook's
//! DDL and keys), which these extend.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

use flowlog_core::FlowLogSession;
use flowlog_core::ddl::parse_create_table;
use flowlog_core::layout::FlowLogKey;
use flowlog_core::projection::{
    DatePattern, DateProjection, IntegerProjection, IntervalUnit, PartitionColumn, PartitionKind,
    Projection,
};
use flowlog_core::time::TrinoZone;
use flowlog_core::time::joda::JodaPattern;

use crate::support::{sample_options, testdata};

/// `cases` generated inputs per property; failures persisted beside this file.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/it/proptest-regressions/properties.txt",
        ))),
        ..Config::default()
    }
}

// ---------------------------------------------------------------- keys

/// The parts of a flow-log object key.
#[derive(Debug, Clone)]
struct KeyParts {
    prefix: String,
    account: String,
    region: &'static str,
    date: NaiveDate,
    hour: Option<u32>,
    minute: u32,
    hive: bool,
    flow_log_id: u64,
    hash: u32,
    extension: &'static str,
}

impl KeyParts {
    fn render(&self) -> String {
        let (y, m, d) = (
            self.date.format("%Y"),
            self.date.format("%m"),
            self.date.format("%d"),
        );
        let h = self.hour.unwrap_or(0);
        let file = format!(
            "{}_vpcflowlogs_{}_fl-{:017x}_{y}{m}{d}T{h:02}{:02}Z_{:08x}.{}",
            self.account, self.region, self.flow_log_id, self.minute, self.hash, self.extension
        );
        let (account, region) = (&self.account, self.region);
        match (self.hive, self.hour) {
            (false, None) => format!(
                "{}AWSLogs/{account}/vpcflowlogs/{region}/{y}/{m}/{d}/{file}",
                self.prefix
            ),
            (false, Some(h)) => format!(
                "{}AWSLogs/{account}/vpcflowlogs/{region}/{y}/{m}/{d}/{h:02}/{file}",
                self.prefix
            ),
            (true, None) => format!(
                "{}AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/year={y}/month={m}/day={d}/{file}",
                self.prefix
            ),
            (true, Some(h)) => format!(
                "{}AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/year={y}/month={m}/day={d}/hour={h:02}/{file}",
                self.prefix
            ),
        }
    }
}

fn key_parts() -> impl Strategy<Value = KeyParts> {
    (
        prop_oneof![
            Just(String::new()),
            "[a-z0-9][a-z0-9_.-]{0,10}/",
            "[a-z0-9]{1,6}/[a-z0-9-]{1,6}/",
        ],
        "[0-9]{12}",
        prop::sample::select(vec![
            "us-east-1",
            "ap-northeast-1",
            "eu-west-2",
            "us-gov-west-1",
            "cn-north-1",
        ]),
        (0i64..36_500)
            .prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(d)),
        prop::option::of(0u32..24),
        (0u32..12).prop_map(|m| m * 5),
        any::<bool>(),
        0u64..(1 << 60),
        any::<u32>(),
        prop::sample::select(vec!["log.parquet", "log.gz"]),
    )
        .prop_map(
            |(prefix, account, region, date, hour, minute, hive, flow_log_id, hash, extension)| {
                KeyParts {
                    prefix,
                    account,
                    region,
                    date,
                    hour,
                    minute,
                    hive,
                    flow_log_id,
                    hash,
                    extension,
                }
            },
        )
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn keys_render_as_they_were_parsed(parts in key_parts()) {
        let key = parts.render();
        let parsed = FlowLogKey::parse(&key);
        prop_assert!(parsed.is_ok(), "{key}: {parsed:?}");
        let parsed = parsed.unwrap();
        prop_assert_eq!(parsed.render(), key.clone());
        prop_assert!(parsed.parse_file_name().is_ok(), "{key}");
    }

    #[test]
    fn the_key_parser_never_panics(
        key in prop_oneof![
            any::<String>(),
            "[/=_.0-9AWSLogsawsT Zé-]{0,100}",
            key_parts().prop_map(|p| p.render()).prop_flat_map(|k| {
                let n = k.len();
                (Just(k), 0..n, "[/=_.0-9a-zA-Z-]{0,3}")
            }).prop_map(|(k, at, insert)| {
                let at = (0..=at).rev().find(|i| k.is_char_boundary(*i)).unwrap_or(0);
                format!("{}{insert}{}", &k[..at], &k[at..])
            }),
        ]
    ) {
        if let Ok(k) = FlowLogKey::parse(&key) {
            let _ = k.render();
            let _ = k.parse_file_name();
        }
    }
}

// ---------------------------------------------------------------- projections

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn integer_projections_enumerate_inside_their_range(
        min in -1_000_000i64..1_000_000,
        span in 0i64..5_000,
        interval in 1i64..50,
        digits in prop::option::of(1usize..12),
    ) {
        let max = min + span;
        let p = IntegerProjection::new(min, max, interval, digits).unwrap();
        let values = p.values();
        prop_assert_eq!(values.len() as u64, p.len());
        prop_assert!(!values.is_empty());
        let mut previous = None;
        for v in &values {
            let n: i64 = v.parse().unwrap();
            prop_assert!((min..=max).contains(&n), "{v} outside {min}..={max}");
            prop_assert_eq!((n - min) % interval, 0, "{} is off the interval", v);
            prop_assert!(previous.is_none_or(|p| p < n), "{} not ascending", v);
            prop_assert!(p.contains(v), "{} not recognised", v);
            previous = Some(n);
        }
    }

    #[test]
    fn date_projections_enumerate_inside_their_range(
        (format, unit) in prop::sample::select(vec![
            ("yyyy/MM/dd", "DAYS"),
            ("yyyy-MM-dd", "DAYS"),
            ("yyyyMMdd", "DAYS"),
            ("yyyy/MM/dd/HH", "HOURS"),
            ("yyyy-MM-dd-HH-mm", "MINUTES"),
            ("yyyy/MM", "MONTHS"),
            ("yyyy", "YEARS"),
        ]),
        start_minutes in 0i64..(60 * 24 * 365 * 40),
        span in 0i64..400,
        interval in 1i64..4,
    ) {
        let unit = IntervalUnit::parse(unit).unwrap();
        let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let pattern = DatePattern::compile(format).unwrap();
        // Both ends written in the projection's own format, as Athena's ranges are.
        let start = base + Duration::minutes(start_minutes);
        let start_text = pattern.format(&start);
        let start = pattern.parse(&start_text).unwrap();
        let end = match unit {
            IntervalUnit::Minutes => start + Duration::minutes(span),
            IntervalUnit::Hours => start + Duration::hours(span),
            IntervalUnit::Days => start + Duration::days(span),
            IntervalUnit::Months => start.checked_add_months(chrono::Months::new(span as u32)).unwrap(),
            _ => start.checked_add_months(chrono::Months::new(12 * (span as u32 % 50))).unwrap(),
        };
        let range = format!("{start_text},{}", pattern.format(&end));
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap();
        let p = DateProjection::new(format, &range, interval, unit, now).unwrap();
        let values = p.values();
        prop_assert!(!values.is_empty());
        prop_assert_eq!(values.len() as u64, p.len());
        let mut previous: Option<NaiveDateTime> = None;
        for v in &values {
            let t = p.parse(v);
            prop_assert!(t.is_some(), "{v} does not parse as {format}");
            let t = t.unwrap();
            prop_assert!(start <= t && t <= end, "{v} outside {range}");
            prop_assert!(previous.is_none_or(|p| p < t), "{} not ascending", v);
            prop_assert!(p.contains(v), "{} not recognised", v);
            previous = Some(t);
        }
    }

    #[test]
    fn the_projection_parser_never_panics(
        properties in prop::collection::vec(
            (
                prop::sample::select(vec![
                    "projection.enabled",
                    "projection.date.type",
                    "projection.date.range",
                    "projection.date.format",
                    "projection.date.interval",
                    "projection.date.interval.unit",
                    "projection.account.type",
                    "projection.account.values",
                    "projection.n.type",
                    "projection.n.range",
                    "projection.n.interval",
                    "projection.n.digits",
                    "projection.nosuch.type",
                    "storage.location.template",
                ]),
                prop_oneof![
                    any::<String>(),
                    "(true|false|enum|date|integer|injected)",
                    "(NOW|[0-9]{1,8})([+-][0-9]{1,6}(DAYS|HOURS|YEARS|MONTHS|MINUTES|WEEKS))?,(NOW|[0-9/-]{1,12})",
                    "[yMdHmsSa/ :'.-]{0,16}",
                    "[0-9,-]{0,20}",
                    "s3://b/[a-z/${}=]{0,30}",
                ],
            ),
            0..8,
        ),
    ) {
        let columns = [
            PartitionColumn::new("date", PartitionKind::String),
            PartitionColumn::new("account", PartitionKind::String),
            PartitionColumn::new("n", PartitionKind::Integer),
        ];
        let properties: Vec<(String, String)> = std::iter::once(("projection.enabled".to_string(), "true".to_string()))
            .chain(properties.into_iter().map(|(k, v)| (k.to_string(), v)))
            .collect();
        let now = DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap();
        if let Ok(Some(p)) = Projection::from_properties(&columns, &properties, now) {
            for column in p.columns() {
                if let Ok(values) = column.values(10_000) {
                    for v in values.iter().take(50) {
                        prop_assert!(column.contains(v), "{v}");
                    }
                }
            }
            let _ = p.location("s3://b/t/", &["2026/11/20", "111111111111", "1"]);
        }
    }
}

// ---------------------------------------------------------------- Joda patterns

/// Complete Joda patterns: every field from the year to the millisecond.
const COMPLETE_PATTERNS: &[&str] = &[
    "yyyy-MM-dd HH:mm:ss.SSS",
    "yyyy/MM/dd'T'HH:mm:ss.SSS",
    "dd.MM.yyyy HH:mm:ss.SSS",
    "yyyyMMddHHmmssSSS",
    "yyyy-MM-dd hh:mm:ss.SSS a",
    "yyyy-DDD HH:mm:ss.SSS",
    "MMM dd yyyy HH:mm:ss.SSS",
    "EEEE, MMMM d, yyyy H:m:s.SSS",
    "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
    "yyyy-MM-dd HH:mm:ss.SSS ZZ",
];

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn joda_parse_reads_what_format_wrote(
        pattern in prop::sample::select(COMPLETE_PATTERNS.to_vec()),
        // Years 1900 to 9999: four-digit years print and parse without a sign, and no zone
        // is on local mean time, whose offsets have seconds that `Z` cannot print (Tokyo
        // was +09:18:59 until 1887; proptest found it).
        millis in -2_208_988_800_000i64..253_402_300_799_999,
        zone in prop::sample::select(vec!["UTC", "Asia/Tokyo", "America/New_York", "+05:45"]),
    ) {
        let p = JodaPattern::parse(pattern).unwrap();
        // A pattern without an offset is read in the zone it was written in; local times
        // that a transition makes ambiguous are written with an offset only.
        let zone_text = if pattern.contains('Z') { zone } else { "UTC" };
        let zone = TrinoZone::parse(zone_text).unwrap();
        let text = p.format(millis, &zone);
        let parsed = p.parse_instant(&text, &zone);
        prop_assert!(parsed.is_ok(), "{pattern}: {text}: {parsed:?}");
        prop_assert_eq!(parsed.unwrap().epoch_millis, millis, "{} {}", pattern, text);
    }

    #[test]
    fn the_joda_pattern_parser_never_panics(
        pattern in prop_oneof![any::<String>(), "[yYxMdDHhkKmsSaEezZGCw'/:. T-]{0,24}"],
        text in prop_oneof![any::<String>(), "[0-9A-Za-z:+/. -]{0,30}"],
        millis in any::<i64>(),
    ) {
        if let Ok(p) = JodaPattern::parse(&pattern) {
            let _ = p.has_zone_field();
            // Formatting is defined for the instants Trino's timestamps hold.
            let _ = p.format(millis % 253_402_300_799_999, &TrinoZone::Utc);
            let _ = p.parse_instant(&text, &TrinoZone::Utc);
        }
        let _ = JodaPattern::parse_in_year(&pattern, 2026);
    }

    #[test]
    fn the_java_time_pattern_parser_never_panics(
        pattern in prop_oneof![any::<String>(), "[yMdHhmsSaEuLXxZz'\\[\\]{}#/:. T-]{0,24}"],
        text in prop_oneof![any::<String>(), "[0-9A-Za-z:+/. -]{0,30}"],
        minutes in -10_000_000i64..100_000_000,
    ) {
        if let Ok(p) = DatePattern::compile(&pattern) {
            let t = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
                + Duration::minutes(minutes);
            let written = p.format(&t);
            let _ = p.parse(&written);
            let _ = p.parse(&text);
            let _ = p.precision();
        }
    }
}

// ---------------------------------------------------------------- DDL and SQL functions

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn the_ddl_parser_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[(),`\"'=;${}<>:\\- \na-zA-Z0-9/*\\\\é]{0,4}", 0usize..4), 1..6),
        arbitrary in any::<String>(),
    ) {
        let mut ddl = std::fs::read_to_string(testdata().join("runbook/create-table-multi-account.sql")).unwrap();
        for (at, insert, delete) in edits {
            let mut at = at.index(ddl.len() + 1);
            while !ddl.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + delete).min(ddl.len());
            while !ddl.is_char_boundary(end) {
                end += 1;
            }
            ddl.replace_range(at..end, &insert);
        }
        let _ = parse_create_table(&ddl);
        let _ = parse_create_table(&arbitrary);
        // Registering reads the TBLPROPERTIES: projections, ranges, formats, templates.
        let session = FlowLogSession::new(sample_options());
        let _ = session.register_ddl(&ddl);
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// MySQL formats reach their parser through SQL only: an error is fine, a panic (which
    /// DataFusion may turn into an error naming it) is not.
    #[test]
    fn the_mysql_format_parser_never_panics(
        format in prop_oneof![any::<String>(), "[%a-zA-Z0-9 :/.-]{0,16}"],
        text in "[0-9A-Za-z :/.-]{0,20}",
    ) {
        let quote = |s: &str| s.replace('\'', "''");
        let sql = format!(
            "select date_format(timestamp '2026-11-20 01:02:03.456', '{f}'), \
             date_parse('{t}', '{f}')",
            f = quote(&format),
            t = quote(&text),
        );
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let session = FlowLogSession::new(sample_options());
        let result = runtime.block_on(crate::support::csv(&session, &sql));
        if let Err(e) = result {
            prop_assert!(!e.to_string().to_lowercase().contains("panic"), "{sql}: {e}");
        }
    }
}
