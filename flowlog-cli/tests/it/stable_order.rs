//! The same query over the same copy gives the same bytes on every run: locally and on S3
//! (the moto server `scripts/test` starts), with any number of threads. Rows that tie under
//! `ORDER BY`, and the rows of a query without `ORDER BY`, come in the objects' key order,
//! then each object's row order; the expected rows are computed from
//! `testdata/records.csv`, which lists every record, objects in key order and records in
//! file order.

use std::path::Path;
use std::process::{Command, Output};

use crate::s3_server::endpoint;
use crate::support::root;

/// Run flowlog with fake static credentials for the local S3 server (no real AWS account,
/// never a request beyond 127.0.0.1) and a clean HOME.
fn flowlog(home: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flowlog"));
    cmd.current_dir(root()).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("AWS_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOME", home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join(".aws/config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join(".aws/credentials"))
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1");
    cmd.output().expect("flowlog runs")
}

/// flowlog's stdout, after checking that it succeeded.
fn run(home: &Path, args: &[&str]) -> String {
    let out = flowlog(home, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The CSV flowlog writes for `columns` of the records of `bucket` that `keep` accepts,
/// in key order, then file order (records.csv's order).
fn expected_csv(
    bucket: &str,
    columns: &[&str],
    keep: impl Fn(&dyn Fn(&str) -> String) -> bool,
) -> String {
    let text = std::fs::read_to_string(root().join("testdata/records.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let index = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        if fields[0] != bucket {
            continue;
        }
        let get = |name: &str| fields[index(name)].to_string();
        if keep(&get) {
            rows.push((get("key"), columns.iter().map(|c| get(c)).collect()));
        }
    }
    // Stable: records of one object keep their file order.
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let quote = |v: &str| {
        if v.is_empty() {
            String::new()
        } else {
            format!("\"{v}\"")
        }
    };
    let mut out = columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(",")
        + "\n";
    for (_, values) in rows {
        out += &(values
            .iter()
            .map(|v| quote(v))
            .collect::<Vec<_>>()
            .join(",")
            + "\n");
    }
    out
}

#[test]
fn the_runbook_query_gives_the_same_bytes_on_a_mirror_and_on_s3_with_1_and_4_threads() {
    let home = tempfile::tempdir().unwrap();
    let endpoint = endpoint();
    let common = [
        "query",
        "--ddl",
        "testdata/runbook/create-table-multi-account.sql",
        "--now",
        "2026-11-20T00:00:00Z",
        "-f",
        "testdata/runbook/query.sql",
        "--format",
        "csv",
    ];
    fn with<'a>(common: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        [common, extra].concat()
    }
    let mirror = run(
        home.path(),
        &with(
            &common,
            &[
                "--mirror",
                "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
                "--threads",
                "3",
            ],
        ),
    );
    let s3_one = run(
        home.path(),
        &with(&common, &["--endpoint-url", &endpoint, "--threads", "1"]),
    );
    let s3_four = run(
        home.path(),
        &with(&common, &["--endpoint-url", &endpoint, "--threads", "4"]),
    );
    let want = std::fs::read_to_string(root().join("testdata/expected/runbook-multi-account.csv"))
        .unwrap();
    assert_eq!(mirror, want);
    assert_eq!(s3_one, want);
    assert_eq!(s3_four, want);
}

/// `--logs` locally and on S3, 1 and 4 threads: the same bytes, in key then row order.
fn logs_runs(home: &Path, sql: &str) -> Vec<String> {
    let endpoint = endpoint();
    let local = "testdata/s3/flowlog-sample-daily";
    let mut outs = Vec::new();
    for (logs, threads) in [
        (local, "1"),
        (local, "4"),
        ("s3://flowlog-sample-daily", "1"),
        ("s3://flowlog-sample-daily", "4"),
    ] {
        let mut args = vec![
            "query",
            "--logs",
            logs,
            "--threads",
            threads,
            "--format",
            "csv",
            "-q",
        ];
        if logs.starts_with("s3://") {
            args.extend(["--endpoint-url", &endpoint]);
        }
        args.push(sql);
        outs.push(run(home, &args));
    }
    outs
}

#[test]
fn rows_without_order_by_come_in_key_then_row_order_locally_and_on_s3() {
    let home = tempfile::tempdir().unwrap();
    let columns = ["interface_id", "srcaddr", "srcport", "action"];
    let want = expected_csv("flowlog-sample-daily", &columns, |_| true);
    let sql = "select interface_id, srcaddr, srcport, action from vpc_flow_logs";
    for (i, out) in logs_runs(home.path(), sql).iter().enumerate() {
        assert_eq!(*out, want, "run {i}");
    }
    // Through a filter, a computed column and a LIMIT: still the first rows in key order.
    let sql = "select interface_id, srcaddr, srcport, action from vpc_flow_logs \
               where action = 'REJECT' and srcport + 0 >= 0 limit 7";
    let all = expected_csv("flowlog-sample-daily", &columns, |get| {
        get("action") == "REJECT" && !get("srcport").is_empty()
    });
    let want: String = all.lines().take(8).map(|l| format!("{l}\n")).collect();
    for (i, out) in logs_runs(home.path(), sql).iter().enumerate() {
        assert_eq!(*out, want, "run {i}");
    }
}

#[test]
fn ties_under_order_by_limit_are_the_first_rows_in_key_then_row_order() {
    let home = tempfile::tempdir().unwrap();
    let columns = ["interface_id", "srcaddr", "srcport"];
    // 34 of the 289 records are REJECT, the last action in order: the ten that sort first
    // descending are the first ten REJECT records in key, then row order.
    let rejected = expected_csv("flowlog-sample-daily", &columns, |get| {
        get("action") == "REJECT"
    });
    let want: String = rejected
        .lines()
        .take(11)
        .map(|l| format!("{l}\n"))
        .collect();
    let sql =
        "select interface_id, srcaddr, srcport from vpc_flow_logs order by action desc limit 10";
    for (i, out) in logs_runs(home.path(), sql).iter().enumerate() {
        assert_eq!(*out, want, "run {i}");
    }
    // Without LIMIT, every tie keeps key then row order.
    let accepted = expected_csv("flowlog-sample-daily", &columns, |get| {
        get("action") == "ACCEPT"
    });
    let sql = "select interface_id, srcaddr, srcport from vpc_flow_logs \
               where action = 'ACCEPT' order by log_status";
    for (i, out) in logs_runs(home.path(), sql).iter().enumerate() {
        assert_eq!(*out, accepted, "run {i}");
    }
}

#[test]
fn groups_without_order_by_come_in_the_order_of_their_values() {
    let home = tempfile::tempdir().unwrap();
    let sql = "select action, count(*) as n from vpc_flow_logs group by action";
    let want = "\"action\",\"n\"\n\"-\",\"9\"\n\"ACCEPT\",\"246\"\n\"REJECT\",\"34\"\n";
    for (i, out) in logs_runs(home.path(), sql).iter().enumerate() {
        assert_eq!(out, want, "run {i}");
    }
}

#[test]
fn the_hidden_position_never_shows() {
    let home = tempfile::tempdir().unwrap();
    let local = "testdata/s3/flowlog-sample-daily";
    let star = run(
        home.path(),
        &[
            "query",
            "--logs",
            local,
            "--format",
            "csv",
            "-q",
            "select * from vpc_flow_logs limit 1",
        ],
    );
    assert!(!star.contains("__flowlog"), "{star}");
    let header = star.lines().next().unwrap();
    let described = run(
        home.path(),
        &[
            "query",
            "--logs",
            local,
            "--format",
            "csv",
            "-q",
            "describe vpc_flow_logs",
        ],
    );
    assert!(!described.contains("__flowlog"), "{described}");
    // The runbook's 28 columns and account, region, date: nothing more.
    assert_eq!(header.split(',').count(), 31, "{header}");
    for name in header.split(',') {
        assert!(
            described.contains(&format!("{name},")),
            "{name}: {described}"
        );
    }
}
