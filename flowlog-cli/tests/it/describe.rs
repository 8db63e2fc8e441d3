//! `DESCRIBE` and `SHOW COLUMNS` as Athena prints them: Hive type names, and the
//! partition columns again under `# Partition Information`.

use crate::support::root;
use std::process::Command;

fn csv(sql: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .args([
            "query",
            "--ddl",
            "testdata/runbook/create-table-multi-account.sql",
            "--mirror",
            "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
            "--format",
            "csv",
            sql,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn describe_shows_hive_types_and_the_partition_block() {
    let text = csv("describe vpc_flow_logs_sample");
    assert!(
        text.starts_with("\"col_name\",\"data_type\",\"comment\"\n\"version\",\"int\",\"\"\n"),
        "{text}"
    );
    assert!(text.contains("\"packets\",\"bigint\",\"\"\n"), "{text}");
    assert!(text.contains("\"srcaddr\",\"string\",\"\"\n"), "{text}");
    assert!(
        text.ends_with(
            "\"\",\"\",\"\"\n\"# Partition Information\",\"\",\"\"\n\"# col_name\",\"data_type\",\"comment\"\n\"\",\"\",\"\"\n\"account\",\"string\",\"\"\n\"date\",\"string\",\"\"\n"
        ),
        "{text}"
    );
}

#[test]
fn show_columns_lists_every_column_with_the_partitions_last() {
    let text = csv("show columns in vpc_flow_logs_sample");
    assert!(text.starts_with("\"field\"\n\"version\"\n"), "{text}");
    assert!(text.ends_with("\"account\"\n\"date\"\n"), "{text}");
}
