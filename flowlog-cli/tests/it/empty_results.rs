//! An empty result is explained on stderr: the projected range, what the copy holds, a
//! date literal in the wrong format, a mirror one level too deep, a DDL without
//! projection, several AWSLogs trees under --logs, and duplicate objects.

use crate::support::{flowlog, root, stderr};
use std::path::Path;

const DDL: &str = "testdata/runbook/create-table-multi-account.sql";
const MIRROR: &str = "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily";

#[test]
fn projection_range_that_misses_the_copy_is_explained_with_a_now_hint() {
    let out = flowlog(&[
        "query",
        "--ddl",
        DDL,
        "--mirror",
        MIRROR,
        "--now",
        "2026-12-05T00:00:00Z",
        "-f",
        "testdata/runbook/query.sql",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let want = [
        "flowlog: note: the query read no objects: no partition it selected holds data",
        "flowlog: note: table vpc_flow_logs_sample: partition projection chose date 2026/12/04..2026/12/05 (2 values, format yyyy/MM/dd, NOW = 2026-12-05T00:00:00Z)",
        "flowlog: hint: the copy's dates are all outside the projected date range; pin NOW to the last day it holds with --now 2026-11-20",
    ];
    for line in want {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    assert!(
        err.contains("holds accounts 111111111111, 222222222222; regions ap-northeast-1, us-east-1; dates 2026/11/19..2026/11/20 (2 days)"),
        "{err}"
    );
}

#[test]
fn quiet_keeps_the_explanation_off_stderr() {
    let out = flowlog(&[
        "query",
        "--ddl",
        DDL,
        "--mirror",
        MIRROR,
        "--now",
        "2026-12-05T00:00:00Z",
        "-q",
        "-f",
        "testdata/runbook/query.sql",
    ]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_non_empty_result_says_nothing() {
    let out = flowlog(&[
        "query",
        "--ddl",
        DDL,
        "--mirror",
        MIRROR,
        "--now",
        "2026-11-20T00:00:00Z",
        "-f",
        "testdata/runbook/query.sql",
    ]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_dashed_date_gets_the_columns_format() {
    let out = flowlog(&[
        "query",
        "--logs",
        "testdata/s3/flowlog-sample-daily",
        "select count(*) from vpc_flow_logs where date = '2026-11-20'",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("hint: table vpc_flow_logs: date = '2026-11-20' matches no partition: date is written yyyy/MM/dd; write date = '2026/11/20'"),
        "{err}"
    );
    // The projected column gets the same hint, in its own format.
    let out = flowlog(&[
        "query",
        "--ddl",
        DDL,
        "--mirror",
        MIRROR,
        "--now",
        "2026-11-20T00:00:00Z",
        "select count(*) from vpc_flow_logs_sample where date = '2026-11-20'",
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("date = '2026-11-20' matches no partition: date is written yyyy/MM/dd; write date = '2026/11/20'"),
        "{err}"
    );
}

#[test]
fn a_mirror_one_level_too_deep_is_named_with_the_fix() {
    let out = flowlog(&[
        "query",
        "--ddl",
        DDL,
        "--mirror",
        "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily/AWSLogs",
        "--now",
        "2026-11-20T00:00:00Z",
        "-f",
        "testdata/runbook/query.sql",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: --mirror s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily/AWSLogs: the directory is inside the AWSLogs tree but the URL is not"),
        "{err}"
    );
    assert!(
        err.contains("write --mirror s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily\n"),
        "{err}"
    );
    assert!(
        err.contains("AWSLogs/AWSLogs, which does not exist"),
        "{err}"
    );
}

#[test]
fn a_partitioned_ddl_without_projection_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let ddl = tmp.path().join("no-projection.sql");
    std::fs::write(
        &ddl,
        "CREATE EXTERNAL TABLE flows (version int, action string)
PARTITIONED BY (`date` string)
STORED AS PARQUET
LOCATION 's3://flowlog-sample-daily/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/'",
    )
    .unwrap();
    let out = flowlog(&[
        "query",
        "--ddl",
        ddl.to_str().unwrap(),
        "--mirror",
        MIRROR,
        "select count(*) from flows",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("note: table flows is partitioned by (date) but has no partition projection"),
        "{err}"
    );
    assert!(err.contains("no MSCK REPAIR TABLE"), "{err}");
}

#[test]
fn several_aws_logs_trees_are_listed_and_refused() {
    let out = flowlog(&[
        "query",
        "--logs",
        "testdata/s3",
        "select count(*) from vpc_flow_logs",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("found 3 AWSLogs trees under testdata/s3 ("),
        "{err}"
    );
    assert!(err.contains("flowlog-sample-daily/AWSLogs"), "{err}");
    assert!(err.contains("--allow-multiple-roots"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn two_copies_of_a_download_are_merged_only_when_allowed_and_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = root().join("testdata/s3/flowlog-sample-daily");
    copy_tree(&sample, &tmp.path().join("download"));
    copy_tree(&sample, &tmp.path().join("download (1)"));
    let dir = tmp.path().to_str().unwrap();
    let sql = "select count(*) from vpc_flow_logs";
    let refused = flowlog(&["query", "--logs", dir, sql]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let out = flowlog(&[
        "query",
        "--logs",
        dir,
        "--allow-multiple-roots",
        "--format",
        "csv",
        sql,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("16 object names appear more than once"),
        "{err}"
    );
    assert!(err.contains("two copies of the same download?"), "{err}");
}

/// A filter that can never be true: the optimizer answers without planning a scan, so the
/// note says so instead of blaming partitions that were never looked at.
#[test]
fn a_filter_that_is_never_true_is_named_as_the_reason() {
    let out = flowlog(&[
        "query",
        "--logs",
        "testdata/s3/flowlog-sample-daily",
        "--format",
        "csv",
        "select srcaddr from vpc_flow_logs where 1 = 0",
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"srcaddr\"\n");
    assert!(err.contains("WHERE clause can never be true"), "{err}");
    assert!(!err.contains("no partition it selected"), "{err}");
}

/// With mirrors given, a table location no mirror covers is an error naming the bucket
/// — for EXPLAIN, EXPLAIN ANALYZE and SHOW PARTITIONS as for the query itself, never an
/// empty answer or a call to S3.
#[test]
fn explain_and_show_partitions_refuse_a_location_no_mirror_covers() {
    let other = tempfile::tempdir().unwrap();
    let mirror = format!("s3://another-bucket={}", other.path().display());
    for sql in [
        "select count(*) from vpc_flow_logs_sample",
        "explain select count(*) from vpc_flow_logs_sample",
        "explain analyze select count(*) from vpc_flow_logs_sample",
        "show partitions vpc_flow_logs_sample",
    ] {
        let out = flowlog(&[
            "query",
            "--ddl",
            DDL,
            "--mirror",
            &mirror,
            "--now",
            "2026-11-20T00:00:00Z",
            sql,
        ]);
        assert_eq!(out.status.code(), Some(2), "{sql}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("no --mirror covers bucket flowlog-sample-daily (the mirrors are s3://another-bucket)"),
            "{sql}: {err}"
        );
        assert!(out.stdout.is_empty(), "{sql}");
    }
}
