//! The bad-input matrix of docs/RELIABILITY.md: each case gives one line on stderr naming
//! the object, directory, property or position, a non-zero exit (2) where the answer
//! cannot be trusted, and a warning naming what was left out where the rest is answered.

use crate::support::{flowlog, root, stderr};
use std::path::{Path, PathBuf};
use std::process::Output;

/// One real flow-log object of the sample tree (8 rows).
fn good_object() -> PathBuf {
    let dir = root().join(
        "testdata/s3/flowlog-sample-daily/AWSLogs/222222222222/vpcflowlogs/us-east-1/2026/11/19",
    );
    let mut objects: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".log.parquet"))
        .collect();
    objects.sort();
    objects.remove(0)
}

const DAY: &str = "AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/19";
const BAD: &str =
    "111111111111_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261119T0100Z_bad00001.log.parquet";

/// A log tree with one good object (8 rows) in `DAY`.
fn tree() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let day = tmp.path().join(DAY);
    std::fs::create_dir_all(&day).unwrap();
    std::fs::copy(
        good_object(),
        day.join("111111111111_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20261119T0000Z_good0001.log.parquet"),
    )
    .unwrap();
    tmp
}

fn count(tree: &Path) -> Output {
    let logs = tree.to_string_lossy().to_string();
    flowlog(&[
        "query",
        "--logs",
        &logs,
        "--format",
        "csv",
        "select count(*) as n from vpc_flow_logs",
    ])
}

/// The query over a tree with `bytes` as the bad object fails, naming it and `reason`.
fn refused_naming_the_object(bytes: &[u8], reason: &str) {
    let tmp = tree();
    std::fs::write(tmp.path().join(DAY).join(BAD), bytes).unwrap();
    let out = count(tmp.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(BAD) && err.contains(reason), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
}

fn good_bytes() -> Vec<u8> {
    std::fs::read(good_object()).unwrap()
}

#[test]
fn a_zero_byte_object_is_named() {
    refused_naming_the_object(b"", "only 0 bytes");
}

#[test]
fn a_truncated_object_is_named() {
    let bytes = good_bytes();
    refused_naming_the_object(&bytes[..bytes.len() / 2], "not a readable Parquet file");
}

#[test]
fn an_object_of_random_bytes_is_named() {
    // A fixed pseudo-random sequence (xorshift), so every run sees the same bytes.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..5000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    refused_naming_the_object(&bytes, "not a readable Parquet file");
}

#[test]
fn a_text_log_named_parquet_is_named() {
    refused_naming_the_object(
        b"version account-id interface-id srcaddr dstaddr\n2 111111111111 eni-1 10.0.0.1 10.0.0.2\n",
        "not a readable Parquet file",
    );
}

#[test]
fn a_gzip_text_log_named_parquet_is_named() {
    // `printf 'version account-id\n' | gzip -n`: the gzip magic, then deflate data.
    let gz: &[u8] = &[
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x2b, 0x4b, 0x2d, 0x2a, 0xce,
        0xcc, 0xcf, 0x53, 0x48, 0x4c, 0x4e, 0xce, 0x2f, 0xcd, 0x2b, 0xd1, 0xcd, 0x4c, 0xe1, 0x02,
        0x00, 0x42, 0x19, 0x65, 0xcb, 0x13, 0x00, 0x00, 0x00,
    ];
    refused_naming_the_object(gz, "not a readable Parquet file");
}

#[test]
fn a_directory_named_like_an_object_is_skipped_with_a_warning() {
    let tmp = tree();
    std::fs::create_dir(tmp.path().join(DAY).join(BAD)).unwrap();
    let out = count(tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"8\"\n");
    let err = stderr(&out);
    assert!(
        err.contains("warning: skipping") && err.contains(BAD),
        "{err}"
    );
}

/// A copy of the good object under `dir` (relative to the tree), named for `stamp`.
fn object_under(tmp: &Path, dir: &str, account: &str, stamp: &str) {
    let dir = tmp.join(dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        good_object(),
        dir.join(format!(
            "{account}_vpcflowlogs_us-east-1_fl-0123456789abcdef0_{stamp}T0000Z_a0000001.log.parquet"
        )),
    )
    .unwrap();
}

/// The tree answers 8 (its good object only) and warns about `skipped`, by name.
fn answered_without(tmp: &Path, skipped: &str, reason: &str) {
    let out = count(tmp);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"8\"\n");
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("warning: skipping") && l.contains(skipped) && l.contains(reason)),
        "{err}"
    );
}

#[test]
fn an_impossible_month_in_a_key_is_named_in_a_warning() {
    let tmp = tree();
    object_under(
        tmp.path(),
        "AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/13/45",
        "111111111111",
        "20261345",
    );
    answered_without(tmp.path(), "us-east-1/2026/13", "not a flow-log directory");
}

#[test]
fn february_30_is_not_a_date() {
    let tmp = tree();
    object_under(
        tmp.path(),
        "AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/02/30",
        "111111111111",
        "20260230",
    );
    answered_without(
        tmp.path(),
        "us-east-1/2026/02/30",
        "2026/02/30 is not a date",
    );
}

#[test]
fn an_account_folder_that_is_not_12_digits_is_named_in_a_warning() {
    let tmp = tree();
    object_under(
        tmp.path(),
        "AWSLogs/12345/vpcflowlogs/us-east-1/2026/11/19",
        "12345",
        "20261119",
    );
    answered_without(tmp.path(), "AWSLogs/12345", "not an account directory");
}

// ---- SQL ----

fn query_error(args: &[&str]) -> String {
    let out = flowlog(args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    err
}

#[test]
fn division_by_zero_is_an_error() {
    let err = query_error(&["query", "select 1 / 0"]);
    assert!(err.contains("Division by zero"), "{err}");
}

#[test]
fn an_unknown_column_and_table_are_named_with_their_position() {
    let err = query_error(&["query", "select nosuch from (values (1)) t(x)"]);
    assert!(
        err.contains("line 1, column 8") && err.contains("nosuch"),
        "{err}"
    );
    let err = query_error(&["query", "select * from nosuch"]);
    assert!(
        err.contains("line 1, column 15") && err.contains("nosuch"),
        "{err}"
    );
}

#[test]
fn a_one_megabyte_statement_is_answered() {
    let tmp = tempfile::tempdir().unwrap();
    let sql = tmp.path().join("big.sql");
    let text = format!("select length('{}') as n", "x".repeat(1 << 20));
    std::fs::write(&sql, text).unwrap();
    let out = flowlog(&["query", "--format", "csv", "-f", &sql.to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"1048576\"\n");
}

#[test]
fn non_utf8_bytes_are_named_with_their_position() {
    let tmp = tempfile::tempdir().unwrap();
    let sql = tmp.path().join("q.sql");
    std::fs::write(&sql, b"select 1;\nselect '\xe9t\xe9' as x").unwrap();
    let err = query_error(&["query", "-f", &sql.to_string_lossy()]);
    assert!(
        err.contains("is not UTF-8: byte 0xe9 at line 2, column 9 (offset 18)"),
        "{err}"
    );
}

#[test]
fn empty_and_comment_only_scripts_say_there_is_no_query() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.sql", ""),
        ("comments.sql", "-- only a comment\n/* and another */\n"),
    ] {
        let sql = tmp.path().join(name);
        std::fs::write(&sql, text).unwrap();
        let err = query_error(&["query", "-f", &sql.to_string_lossy()]);
        assert!(err.contains("no query to run"), "{err}");
    }
}

// ---- DDL ----

/// The runbook's DDL with `from` replaced by `to`, refused with a message holding `said`.
fn ddl_refused(from: &str, to: &str, said: &[&str]) {
    let ddl =
        std::fs::read_to_string(root().join("testdata/runbook/create-table-multi-account.sql"))
            .unwrap();
    assert!(ddl.contains(from), "{from}");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("t.sql");
    std::fs::write(&path, ddl.replace(from, to)).unwrap();
    let err = query_error(&[
        "query",
        "--ddl",
        &path.to_string_lossy(),
        "--mirror",
        "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
        "--now",
        "2026-11-20T00:00:00Z",
        "select count(*) from vpc_flow_logs_sample",
    ]);
    for s in said {
        assert!(err.contains(s), "{s:?} not in {err}");
    }
}

const RANGE: &str = "\"projection.date.range\" = \"NOW-1DAYS,NOW\",";

#[test]
fn a_broken_clause_is_named_with_its_position() {
    ddl_refused(
        "PARTITIONED BY",
        "PARTITIONED BYY",
        &["line 31, column 1", "PARTITIONED"],
    );
    ddl_refused(
        "`srcport` int",
        "`srcport` integ",
        &["line 7, column 11", "integ"],
    );
}

#[test]
fn a_reversed_range_is_named() {
    ddl_refused(
        "\"NOW-1DAYS,NOW\"",
        "\"NOW,NOW-1DAYS\"",
        &["projection.date.range", "is after the end"],
    );
}

#[test]
fn a_zero_interval_is_named() {
    let to = format!("{RANGE} \"projection.date.interval\" = \"0\",");
    ddl_refused(
        RANGE,
        &to,
        &["projection.date.interval", "positive integer"],
    );
}

#[test]
fn an_empty_enum_is_named() {
    ddl_refused(
        "\"111111111111,222222222222\"",
        "\"\"",
        &["projection.account.values", "at least one value"],
    );
}

#[test]
fn an_unknown_projection_type_is_named() {
    ddl_refused(
        "\"projection.account.type\" = \"enum\"",
        "\"projection.account.type\" = \"nosuch\"",
        &["projection.account.type", "unknown projection type"],
    );
}

#[test]
fn an_unknown_template_column_is_named() {
    ddl_refused(
        "${date}/\"",
        "${date}/${nosuch}/\"",
        &["storage.location.template", "${nosuch}"],
    );
}

#[test]
fn a_projection_of_millions_of_partitions_is_refused() {
    let to = "\"projection.date.range\" = \"2000/01/01,NOW\", \"projection.date.interval\" = \"1\", \"projection.date.interval.unit\" = \"MINUTES\",";
    ddl_refused(
        RANGE,
        to,
        &[
            "14140801 values",
            "more than the limit of 1000000",
            "narrow",
        ],
    );
}

// ---- --skip-bad-objects ----

#[test]
fn skip_bad_objects_answers_from_the_rest_lists_the_skipped_and_exits_3() {
    let tmp = tree();
    let day = tmp.path().join(DAY);
    std::fs::write(day.join(BAD), b"not parquet").unwrap();
    let second = BAD.replace("bad00001", "bad00002");
    std::fs::write(day.join(&second), b"").unwrap();
    let logs = tmp.path().to_string_lossy().to_string();
    let out = flowlog(&[
        "query",
        "--logs",
        &logs,
        "--skip-bad-objects",
        "--format",
        "csv",
        "select count(*) as n from vpc_flow_logs",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"8\"\n");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("flowlog: skipped ") && lines[0].contains(BAD),
        "{err}"
    );
    assert!(
        lines[1].contains(&second) && lines[1].contains("only 0 bytes"),
        "{err}"
    );
    assert!(
        lines[2].contains("leaves out 2 unreadable objects"),
        "{err}"
    );
}

#[test]
fn skip_bad_objects_exits_0_when_nothing_was_skipped() {
    let tmp = tree();
    let logs = tmp.path().to_string_lossy().to_string();
    let out = flowlog(&[
        "query",
        "--logs",
        &logs,
        "--skip-bad-objects",
        "--format",
        "csv",
        "select count(*) as n from vpc_flow_logs",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"8\"\n");
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn skip_bad_objects_names_skipped_objects_with_verbose_as_they_are_skipped() {
    let tmp = tree();
    std::fs::write(tmp.path().join(DAY).join(BAD), b"").unwrap();
    let logs = tmp.path().to_string_lossy().to_string();
    let out = flowlog(&[
        "query",
        "-v",
        "--logs",
        &logs,
        "--skip-bad-objects",
        "select count(*) as n from vpc_flow_logs",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.contains("skipping unreadable object") && l.contains(BAD)),
        "{err}"
    );
}
