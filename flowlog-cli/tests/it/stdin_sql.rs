//! SQL piped into `flowlog query` with no SQL argument and no -f.

use crate::support::root;
use std::io::Write;
use std::process::{Command, Stdio};

fn piped(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowlog runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn piped_sql_is_run() {
    let query = std::fs::read_to_string(root().join("testdata/runbook/query.sql")).unwrap();
    let out = piped(
        &[
            "query",
            "--ddl",
            "testdata/runbook/create-table-multi-account.sql",
            "--mirror",
            "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
            "--now",
            "2026-11-20T00:00:00Z",
            "--format",
            "csv",
        ],
        &query,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(out.stdout, want);
}

#[test]
fn empty_stdin_says_how_to_give_sql() {
    let out = piped(&["query"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "flowlog: no SQL on stdin; give the SQL as an argument or with -f FILE\n"
    );
}
