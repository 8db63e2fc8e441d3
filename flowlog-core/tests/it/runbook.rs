//! The runbook's DDL and query over the bundled sample, against the answer computed
//! independently by `testdata/expected/runbook.py`.

use flowlog_core::FlowLogSession;

use crate::support::{csv, sample_options, testdata};

fn read(rel: &str) -> String {
    std::fs::read_to_string(testdata().join(rel)).unwrap()
}

#[tokio::test]
async fn multi_account_ddl_and_query_give_the_independent_answer() {
    let session = FlowLogSession::new(sample_options());
    session
        .run_script(&read("runbook/create-table-multi-account.sql"))
        .await
        .unwrap();
    let got = csv(&session, &read("runbook/query.sql")).await.unwrap();
    let want = read("expected/runbook-multi-account.csv");
    assert!(want.lines().count() > 10, "the expected answer has rows");
    assert_eq!(got, want);
}

#[tokio::test]
async fn single_account_ddl_reads_only_its_account() {
    let session = FlowLogSession::new(sample_options());
    session
        .run_script(&read("runbook/create-table-single-account.sql"))
        .await
        .unwrap();
    // The single-account table reads account 111111111111's prefix only; the runbook
    // query filters on that account, so the answer is the same as the multi-account one.
    let got = csv(&session, &read("runbook/query.sql")).await.unwrap();
    assert_eq!(got, read("expected/runbook-multi-account.csv"));
    let other = csv(
        &session,
        "select count(*) as n from vpc_flow_logs_sample where account_id = '222222222222'",
    )
    .await
    .unwrap();
    assert_eq!(other, "\"n\"\n\"0\"\n");
}

#[tokio::test]
async fn the_runbooks_literal_table_name_is_rejected_with_the_rule() {
    let session = FlowLogSession::new(sample_options());
    let err = session
        .run_script(&read("runbook/verbatim/create-table-multi-account.sql"))
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("vpc_flow_logs_組織名"), "{err}");
    assert!(err.contains("lowercase letters"), "{err}");
    assert!(err.contains("line 1"), "{err}");
}

#[tokio::test]
async fn an_unfilled_placeholder_in_the_template_is_named() {
    let session = FlowLogSession::new(sample_options());
    let ddl = read("runbook/verbatim/create-table-single-account.sql")
        .replace("vpc_flow_logs_組織名", "vpc_flow_logs_sample");
    let err = session.run_script(&ddl).await.unwrap_err().to_string();
    assert!(err.contains("{subscribe_account_id}"), "{err}");
}

#[tokio::test]
async fn the_multi_account_ddl_ignores_location_placeholders() {
    // LOCATION keeps the runbook's `{subscribe_account_id}`; with a template Athena never reads it.
    let ddl = read("runbook/create-table-multi-account.sql");
    assert!(ddl.contains("{subscribe_account_id}"));
    let session = FlowLogSession::new(sample_options());
    session.run_script(&ddl).await.unwrap();
}

#[tokio::test]
async fn no_ddl_logs_mode_answers_the_runbook_query() {
    let session = FlowLogSession::new(sample_options());
    session
        .register_logs("vpc_flow_logs_sample", "s3://flowlog-sample-hourly")
        .await
        .unwrap();
    let got = csv(&session, &read("runbook/query.sql")).await.unwrap();
    assert_eq!(got, read("expected/runbook-hourly-all.csv"));
}
