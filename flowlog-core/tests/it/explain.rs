//! `EXPLAIN` and `EXPLAIN ANALYZE`: the partitions chosen, the prefixes listed and the
//! objects read, snapshot-tested against `tests/golden/explain/` (`UPDATE_GOLDEN=1`
//! rewrites them; review the diff). The snapshots stop before DataFusion's plan text,
//! which follows and is checked only for its sections.
// See: issue 15, deliverable 4.

use flowlog_core::FlowLogSession;

use crate::support::{sample_options, testdata};

/// The `Query Plan` lines of a statement's answer.
async fn plan_lines(session: &FlowLogSession, sql: &str) -> Vec<String> {
    let df = session.run_script(sql).await.unwrap().expect("rows");
    assert_eq!(df.schema().field(0).name(), "Query Plan");
    let batches = df.collect().await.unwrap();
    let mut lines = Vec::new();
    for b in &batches {
        let column = b
            .column(0)
            .as_any()
            .downcast_ref::<arrow::array::StringArray>()
            .unwrap();
        lines.extend(column.iter().map(|l| l.unwrap_or_default().to_string()));
    }
    lines
}

/// The flowlog part of the plan (up to the logical plan), with the elapsed time and the
/// reads blanked (their number depends on the machine's parallelism).
fn snapshot(lines: &[String]) -> String {
    assert!(lines.iter().any(|l| l == "Logical plan"), "{lines:#?}");
    assert!(lines.iter().any(|l| l == "Physical plan"), "{lines:#?}");
    let mut out = String::new();
    for line in lines.iter().take_while(|l| *l != "Logical plan") {
        let line = if line.starts_with("    Elapsed: ") {
            "    Elapsed: … ms"
        } else if let Some(read) = line.strip_prefix("    Read: ") {
            assert!(!read.starts_with("0 "), "{line}");
            "    Read: … bytes (… reads)"
        } else {
            line
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/explain")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(actual, want, "{name} differs from its golden file");
}

async fn projected() -> FlowLogSession {
    let session = FlowLogSession::new(sample_options());
    let ddl =
        std::fs::read_to_string(testdata().join("runbook/create-table-multi-account.sql")).unwrap();
    session.run_script(&ddl).await.unwrap();
    session
}

#[tokio::test]
async fn explain_shows_projected_partitions_prefixes_and_objects() {
    let session = projected().await;
    let lines = plan_lines(
        &session,
        "EXPLAIN SELECT action, count(*) FROM vpc_flow_logs_sample \
         WHERE account = '111111111111' AND date = '2026/11/19' GROUP BY action",
    )
    .await;
    golden("projection.txt", &snapshot(&lines));
}

#[tokio::test]
async fn explain_analyze_adds_what_was_read() {
    let session = projected().await;
    let lines = plan_lines(
        &session,
        "EXPLAIN ANALYZE SELECT count(*) FROM vpc_flow_logs_sample WHERE date = '2026/11/20'",
    )
    .await;
    golden("projection-analyze.txt", &snapshot(&lines));
    // The physical plan carries each operator's metrics.
    assert!(lines.iter().any(|l| l.contains("metrics=[")), "{lines:#?}");
}

#[tokio::test]
async fn explain_of_a_discovered_tree_lists_its_partitions_with_data() {
    let session = FlowLogSession::new(sample_options());
    session
        .register_logs("vpc_flow_logs", "s3://flowlog-sample-daily")
        .await
        .unwrap();
    let lines = plan_lines(
        &session,
        "EXPLAIN SELECT srcaddr FROM vpc_flow_logs \
         WHERE region = 'us-east-1' AND contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))",
    )
    .await;
    golden("discovery.txt", &snapshot(&lines));
}
