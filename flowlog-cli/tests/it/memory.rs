//! `flowlog query --memory-limit/--temp-dir`: spilling within a limit, and a clear error when
//! a query cannot fit.

use crate::support::{flowlog, root, stderr};

const RUNBOOK: [&str; 12] = [
    "query",
    "--ddl",
    "testdata/runbook/create-table-multi-account.sql",
    "--mirror",
    "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
    "--now",
    "2026-11-20T00:00:00Z",
    "-f",
    "testdata/runbook/query.sql",
    "--quiet",
    "--format",
    "csv",
];

#[test]
fn a_query_that_cannot_fit_names_the_limit_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let target_s = target.to_string_lossy().to_string();
    let spill = tmp.path().to_string_lossy().to_string();
    let mut args = RUNBOOK.to_vec();
    args.extend([
        "--memory-limit",
        "64KiB",
        "--temp-dir",
        &spill,
        "--output",
        &target_s,
    ]);
    let out = flowlog(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("limit of 64.0 KiB"), "{err}");
    assert!(err.contains("--memory-limit"), "{err}");
    assert!(!err.contains("Resources exhausted"), "{err}");
    assert!(!target.exists());
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn a_generous_limit_gives_the_same_answer() {
    let tmp = tempfile::tempdir().unwrap();
    let spill = tmp.path().to_string_lossy().to_string();
    let mut args = RUNBOOK.to_vec();
    args.extend(["--memory-limit", "256MiB", "--temp-dir", &spill]);
    let out = flowlog(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(out.stdout, want);
}

#[test]
fn bad_sizes_and_spill_directories_are_refused() {
    let mut args = RUNBOOK.to_vec();
    args.extend(["--memory-limit", "lots"]);
    let out = flowlog(&args);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("\"lots\" is not a size"),
        "{}",
        stderr(&out)
    );

    let mut args = RUNBOOK.to_vec();
    args.extend(["--temp-dir", "no/such/dir"]);
    let out = flowlog(&args);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--temp-dir no/such/dir: not a directory"),
        "{}",
        stderr(&out)
    );
}
