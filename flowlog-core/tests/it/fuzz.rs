//! Property and robustness tests of the parsers that take user input, run as ordinary
//! tests: a fixed-seed generator, so every run tries the same cases, and bounded case
//! counts, so they take seconds. (No fuzzing crate: a failing case is reproduced by its
//! seed and index, printed in the assertion.)
//!
//! * `FlowLogKey::render(parse(key)) == key` for generated valid keys;
//! * the key parser, the DDL parser (TBLPROPERTIES and projections included, through
//!   `register_ddl`) and the Joda pattern parser never panic on mutated or arbitrary input.

use flowlog_core::FlowLogSession;
use flowlog_core::ddl::parse_create_table;
use flowlog_core::layout::FlowLogKey;
use flowlog_core::time::joda::JodaPattern;

use crate::support::{sample_options, testdata};

/// xorshift64*: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// A valid flow-log object key, default or Hive naming, daily or hourly.
fn valid_key(rng: &mut Rng) -> String {
    let account = rng.digits(12);
    let region = *rng.pick(&["us-east-1", "ap-northeast-1", "eu-west-2", "us-gov-west-1"]);
    let (y, m, d, h) = (
        2000 + rng.below(40),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
    );
    let prefix = *rng.pick(&["", "logs/", "a/b-c/"]);
    let hourly = rng.below(2) == 0;
    let hive = rng.below(2) == 0;
    let stamp = format!("{y:04}{m:02}{d:02}T{h:02}{:02}Z", 5 * rng.below(12));
    let hash = format!("{:08x}", rng.next() as u32);
    let ext = *rng.pick(&["log.parquet", "log.gz"]);
    let file = format!(
        "{account}_vpcflowlogs_{region}_fl-{:017x}_{stamp}_{hash}.{ext}",
        rng.next() >> 4
    );
    let hour = |hive: bool| match (hourly, hive) {
        (false, _) => String::new(),
        (true, false) => format!("{h:02}/"),
        (true, true) => format!("hour={h:02}/"),
    };
    if hive {
        format!(
            "{prefix}AWSLogs/aws-account-id={account}/aws-service=vpcflowlogs/aws-region={region}/year={y:04}/month={m:02}/day={d:02}/{}{file}",
            hour(true)
        )
    } else {
        format!(
            "{prefix}AWSLogs/{account}/vpcflowlogs/{region}/{y:04}/{m:02}/{d:02}/{}{file}",
            hour(false)
        )
    }
}

/// `text` with a few random edits: bytes deleted, duplicated or replaced by `alphabet`.
fn mutate(rng: &mut Rng, text: &str, alphabet: &[char]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        if chars.is_empty() {
            chars.push(*rng.pick(alphabet));
            continue;
        }
        let i = rng.below(chars.len());
        match rng.below(3) {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(i, chars[i]),
            _ => chars[i] = *rng.pick(alphabet),
        }
    }
    chars.into_iter().collect()
}

fn arbitrary(rng: &mut Rng, alphabet: &[char], max: usize) -> String {
    (0..rng.below(max + 1))
        .map(|_| *rng.pick(alphabet))
        .collect()
}

const KEY_CHARS: &[char] = &[
    '/', '=', '_', '-', '.', '0', '1', '9', 'A', 'W', 'S', 'a', 'z', 'T', 'Z', ' ', 'é', '\0',
];

#[test]
fn keys_round_trip_and_mutations_never_panic() {
    let mut rng = Rng(0x5eed_0001);
    for i in 0..3000 {
        let key = valid_key(&mut rng);
        let parsed = FlowLogKey::parse(&key).unwrap_or_else(|e| panic!("case {i}: {key}: {e}"));
        assert_eq!(parsed.render(), key, "case {i}");
        let _ = parsed.parse_file_name();
        let bad = mutate(&mut rng, &key, KEY_CHARS);
        if let Ok(k) = FlowLogKey::parse(&bad) {
            let _ = k.parse_file_name();
            let _ = k.render();
        }
        let _ = FlowLogKey::parse(&arbitrary(&mut rng, KEY_CHARS, 80));
    }
}

const DDL_CHARS: &[char] = &[
    '(', ')', ',', '`', '"', '\'', '=', ';', '$', '{', '}', '<', '>', ':', '-', ' ', '\n', 'a',
    'Z', '0', '9', '/', '*', '\\', 'é',
];

#[test]
fn the_ddl_parser_and_projections_never_panic() {
    let ddl = std::fs::read_to_string(testdata().join("runbook/create-table-multi-account.sql"))
        .expect("the runbook DDL");
    let mut rng = Rng(0x5eed_0002);
    let session = FlowLogSession::new(sample_options());
    for _ in 0..600 {
        let text = mutate(&mut rng, &ddl, DDL_CHARS);
        let _ = parse_create_table(&text);
        // Registering reads the TBLPROPERTIES: projections, ranges, formats, templates.
        let _ = session.register_ddl(&text);
        let _ = parse_create_table(&arbitrary(&mut rng, DDL_CHARS, 200));
    }
}

/// Property values the projection parser reads, broken in turn.
#[test]
fn projection_properties_never_panic() {
    let ddl = std::fs::read_to_string(testdata().join("runbook/create-table-multi-account.sql"))
        .expect("the runbook DDL");
    let values = [
        "\"NOW-1DAYS,NOW\"",
        "\"yyyy/MM/dd\"",
        "\"111111111111,222222222222\"",
        "\"enum\"",
        "\"date\"",
    ];
    let alphabet: &[char] = &[
        'y', 'M', 'd', 'H', 'm', 's', 'S', 'N', 'O', 'W', '+', '-', ',', '/', '\'', '0', '9', ' ',
        'D', 'A', 'Y', 'X', 'Z', 'z',
    ];
    let mut rng = Rng(0x5eed_0003);
    let session = FlowLogSession::new(sample_options());
    for _ in 0..600 {
        let value = *rng.pick(&values);
        let broken = format!(
            "\"{}\"",
            mutate(&mut rng, value.trim_matches('"'), alphabet)
        );
        let _ = session.register_ddl(&ddl.replace(value, &broken));
    }
}

#[test]
fn the_joda_pattern_parser_never_panics() {
    let alphabet: &[char] = &[
        'y', 'Y', 'x', 'M', 'd', 'D', 'H', 'h', 'k', 'K', 'm', 's', 'S', 'a', 'E', 'e', 'z', 'Z',
        'G', 'C', 'w', '\'', '\'', '-', ':', ' ', '/', 'T', '.', 'é',
    ];
    let mut rng = Rng(0x5eed_0004);
    for _ in 0..5000 {
        let pattern = arbitrary(&mut rng, alphabet, 24);
        if let Ok(p) = JodaPattern::parse(&pattern) {
            let _ = p.has_zone_field();
        }
        let _ = JodaPattern::parse_in_year(&pattern, 2026);
    }
}
