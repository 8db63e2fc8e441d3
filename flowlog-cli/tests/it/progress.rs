//! `--progress`: the final line to a pipe with `on`, nothing with `auto`.

use crate::support::root;
use std::process::{Command, Output};

fn runbook(progress: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .args([
            "query",
            "--ddl",
            "testdata/runbook/create-table-multi-account.sql",
            "--mirror",
            "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
            "--now",
            "2026-11-20T00:00:00Z",
            "-f",
            "testdata/runbook/query.sql",
            "--format",
            "csv",
            "--progress",
            progress,
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn on_to_a_pipe_prints_the_final_line() {
    let out = runbook("on", &[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("flowlog: listed "))
        .unwrap_or_else(|| panic!("no progress line: {stderr}"));
    assert!(line.contains(" objects, "), "{line}");
    assert!(line.contains(" read · "), "{line}");
    assert!(line.contains(" rows · "), "{line}");
    assert!(line.ends_with(" s"), "{line}");
    // The answer is the same.
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(out.stdout, want);
}

#[test]
fn auto_to_a_pipe_and_quiet_print_nothing() {
    for (mode, extra) in [("auto", &[][..]), ("on", &["-q"][..]), ("off", &[][..])] {
        let out = runbook(mode, extra);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("listed "), "{mode} {extra:?}: {stderr}");
    }
}

#[test]
fn auto_to_a_pipe_writes_nothing_to_stderr() {
    let out = runbook("auto", &[]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
