//! `flowlog query`.

use crate::support::{flowlog, root, stderr};

const RUNBOOK: [&str; 10] = [
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
];

#[test]
fn runbook_query_prints_athenas_csv() {
    let mut args = RUNBOOK.to_vec();
    args.extend(["--format", "csv"]);
    let out = flowlog(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&want)
    );
    assert_eq!(out.stdout, want);
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let target_s = target.to_string_lossy().to_string();
    let mut args = RUNBOOK.to_vec();
    args.extend(["--format", "csv", "--output", &target_s]);
    let out = flowlog(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), want);

    // A failing query leaves neither the target nor a temporary file behind.
    let failed = tmp.path().join("failed.csv");
    let failed_s = failed.to_string_lossy().to_string();
    let out = flowlog(&[
        "query",
        "--output",
        &failed_s,
        "select no_such_column from (values (1)) as t(x)",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!failed.exists());
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only result.csv remains: {left:?}");
}

#[test]
fn errors_are_one_line_on_stderr_with_exit_2() {
    let out = flowlog(&["query", "selec 1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("flowlog: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn sql_errors_carry_line_and_column() {
    let out = flowlog(&["query", "select 1;\nselect x\nfrom (values (1)) as t(y)"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("line 2, column 8"), "{err}");
}

#[test]
fn the_runbooks_literal_table_name_is_refused() {
    let out = flowlog(&[
        "query",
        "--ddl",
        "testdata/runbook/verbatim/create-table-multi-account.sql",
        "select 1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("vpc_flow_logs_組織名") && err.contains("lowercase"),
        "{err}"
    );
}

#[test]
fn output_inside_the_log_tree_is_refused() {
    let out = flowlog(&[
        "query",
        "--logs",
        "testdata/s3/flowlog-sample-daily",
        "--output",
        "testdata/s3/flowlog-sample-daily/result.csv",
        "select 1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("inside the log tree"),
        "{}",
        stderr(&out)
    );
    assert!(
        !root()
            .join("testdata/s3/flowlog-sample-daily/result.csv")
            .exists()
    );
}

#[test]
fn logs_mode_discovers_the_tree_and_prints_a_table() {
    let out = flowlog(&[
        "query",
        "--logs",
        "testdata/s3/flowlog-sample-hive",
        "select account, count(*) as flows from vpc_flow_logs group by account order by account",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(" account      | flows \n"), "{text}");
    assert!(text.contains(" 111111111111 |"), "{text}");
    assert!(text.trim_end().ends_with("(2 rows)"), "{text}");
}

#[test]
fn skipped_objects_are_named_in_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let day = tmp
        .path()
        .join("AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/19");
    std::fs::create_dir_all(&day).unwrap();
    std::fs::write(day.join("stray.txt"), b"x").unwrap();
    let logs = tmp.path().to_string_lossy().to_string();
    let out = flowlog(&[
        "query",
        "--logs",
        &logs,
        "--format",
        "csv",
        "select count(*) as n from vpc_flow_logs",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"n\"\n\"0\"\n");
    let err = stderr(&out);
    assert!(
        err.contains("warning: skipping") && err.contains("stray.txt"),
        "{err}"
    );
}

#[test]
fn json_lines_output() {
    let out = flowlog(&[
        "query",
        "--format",
        "json",
        "select 1 as n, 'a\"b' as s, cast(null as varchar) as z",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"n\":1,\"s\":\"a\\\"b\",\"z\":null}\n"
    );
}

/// `--time-zone` sets the session zone: 0 is 1970-01-01 09:00 in Tokyo; SQL can change it.
#[test]
fn time_zone_option_sets_the_session_zone() {
    let sql = "select from_unixtime(0) as t, cast(current_date = date(current_timestamp) as varchar) as same";
    let out = flowlog(&["query", "--time-zone", "Asia/Tokyo", "--format", "csv", sql]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\"t\",\"same\"\n\"1970-01-01 09:00:00.000 Asia/Tokyo\",\"true\"\n"
    );
    let out = flowlog(&[
        "query",
        "--format",
        "csv",
        "SET TIME ZONE '+05:45'; select from_unixtime(0) as t",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\"t\"\n\"1970-01-01 05:45:00.000 +05:45\"\n"
    );
}

#[test]
fn an_unknown_time_zone_is_named() {
    let out = flowlog(&["query", "--time-zone", "Mars/Olympus", "select 1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--time-zone Mars/Olympus: 'Mars/Olympus' is not a valid time zone"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unaliased_expressions_are_named_as_athena_names_them() {
    // Athena's CSV header: column references keep their names, other unaliased
    // expressions are `_col<position>`.
    let out = flowlog(&[
        "query",
        "--format",
        "csv",
        "select x, count(*), x + 1 as y, max(x) from (values (1)) as t(x) group by 1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\"x\",\"_col1\",\"y\",\"_col3\"\n\"1\",\"1\",\"2\",\"1\"\n"
    );
}

#[test]
fn a_pinned_now_also_pins_current_date_and_current_timestamp() {
    let out = flowlog(&[
        "query",
        "--format",
        "csv",
        "--now",
        "2026-11-20T00:00:00Z",
        "select current_date as d, date_add('day', -30, current_timestamp) as m",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\"d\",\"m\"\n\"2026-11-20\",\"2026-10-21 00:00:00.000 UTC\"\n"
    );
}
