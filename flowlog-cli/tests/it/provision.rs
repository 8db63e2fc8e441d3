//! `flowlog provision`.

use crate::support::flowlog;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn generated_ddl_is_accepted_by_query() {
    let tmp = tempfile::tempdir().unwrap();
    let ddl = tmp.path().join("create-table.sql");
    let ddl_s = ddl.to_string_lossy().to_string();
    let out = flowlog(&[
        "provision",
        "ddl",
        "--bucket",
        "flowlog-sample-daily",
        "--account",
        "111111111111",
        "--account",
        "222222222222",
        "--region",
        "ap-northeast-1",
        "--since",
        "2026/11/19",
        "--output",
        &ddl_s,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let out = flowlog(&[
        "query",
        "--ddl",
        &ddl_s,
        "--mirror",
        "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
        "--now",
        "2026-11-21T00:00:00Z",
        "--format",
        "csv",
        "--quiet",
        "select count(*) as n from vpc_flow_logs",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // testdata/expected/provision-roundtrip.csv: 53 + 83 + 46 + 58 rows in ap-northeast-1.
    assert_eq!(text(&out.stdout), "\"n\"\n\"240\"\n");
}

#[test]
fn config_file_and_flag_override() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("setup.toml");
    std::fs::write(
        &cfg,
        "bucket = \"central-log-bucket\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]\n",
    )
    .unwrap();
    let cfg_s = cfg.to_string_lossy().to_string();
    let out = flowlog(&["provision", "flow-log", "--config", &cfg_s, "--hourly"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("PerHourPartition=true"));
    let out = flowlog(&[
        "provision",
        "flow-log",
        "--config",
        &cfg_s,
        "--format",
        "cloudformation",
    ]);
    assert!(text(&out.stdout).contains("\"Type\": \"AWS::EC2::FlowLog\""));
}

#[test]
fn check_reports_the_runbooks_mistakes_and_fails() {
    let out = flowlog(&[
        "provision",
        "check",
        "--policy",
        "testdata/runbook/verbatim/bucket-policy.json",
        "--ddl",
        "testdata/runbook/verbatim/create-table-multi-account.sql",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    for needle in [
        "error[duplicate-sid]",
        "error[single-account-grant]",
        "warning[column-type] ddl column protocol",
        "{subscribe_account_id}",
        "vpc_flow_logs_組織名",
    ] {
        assert!(stdout.contains(needle), "{needle} in {stdout}");
    }
    assert!(
        text(&out.stderr).starts_with("flowlog: check found "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_input_is_one_line_on_stderr() {
    let out = flowlog(&[
        "provision",
        "policy",
        "--bucket",
        "logs",
        "--account",
        "12345",
        "--region",
        "us-east-1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "flowlog: account \"12345\" is not valid: an AWS account id is exactly 12 digits, e.g. 111111111111\n"
    );
    let out = flowlog(&[
        "provision",
        "ddl",
        "--bucket",
        "logs",
        "--account",
        "111111111111",
        "--region",
        "us-east-1",
        "--log-format",
        "${version} ${bogus}",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("\"${bogus}\" at byte 11"),
        "{}",
        text(&out.stderr)
    );
}
