//! Text flow logs (`.log.gz`) from the command line: a Parquet table says which text objects
//! it leaves out and how to read them (`--accept-text`), and then reads them.

use crate::support::{flowlog, root};
use std::io::Write;
use std::path::Path;
use std::process::Output;

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The daily sample bucket plus one text object of two records of account 111111111111 on
/// 2026-11-19 (bytes 1000 and 2000).
fn bucket_with_a_text_object() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("testdata/s3/flowlog-sample-daily"), dir.path());
    let day = dir
        .path()
        .join("AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19");
    let text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n\
                2 111111111111 eni-0a 10.0.0.1 10.0.0.2 443 50000 6 10 1000 1795046400 1795046460 ACCEPT OK\n\
                2 111111111111 eni-0a 10.0.0.2 10.0.0.1 50000 443 6 12 2000 1795046400 1795046460 ACCEPT OK\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::write(
        day.join("111111111111_vpcflowlogs_ap-northeast-1_fl-0text0000000000_20261119T2355Z_0a0b0c0d.log.gz"),
        gz.finish().unwrap(),
    )
    .unwrap();
    dir
}

#[test]
fn a_parquet_table_names_the_text_objects_it_skips_and_reads_them_with_accept_text() {
    let bucket = bucket_with_a_text_object();
    let mirror = format!(
        "s3://flowlog-sample-daily={}",
        bucket.path().to_str().unwrap()
    );
    let sql = "SELECT count(*), sum(bytes) FROM vpc_flow_logs_sample WHERE account_id = '111111111111' AND date = '2026/11/19'";
    let base = [
        "query",
        "--ddl",
        "testdata/runbook/create-table-multi-account.sql",
        "--mirror",
        &mirror,
        "--now",
        "2026-11-20",
        "--format",
        "csv",
        sql,
    ];
    let without = flowlog(&base);
    assert!(without.status.success());
    let err = String::from_utf8_lossy(&without.stderr);
    assert!(
        err.contains("skipping 1 text flow log (.log.gz)") && err.contains("--accept-text"),
        "{err}"
    );
    let mut args = base.to_vec();
    args.push("--accept-text");
    let with = flowlog(&args);
    assert!(with.status.success());
    assert!(String::from_utf8_lossy(&with.stderr).is_empty());
    let parse = |o: &Output| -> (i64, i64) {
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let row = text.lines().nth(1).unwrap().replace('"', "");
        let (c, b) = row.split_once(',').unwrap();
        (c.parse().unwrap(), b.parse().unwrap())
    };
    let (c0, b0) = parse(&without);
    let (c1, b1) = parse(&with);
    assert_eq!((c1 - c0, b1 - b0), (2, 3000));
}
