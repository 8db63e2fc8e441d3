//! Athena fidelity, round 2: result column names, catalog statements and error messages.
// See: issue 15.

use flowlog_core::FlowLogSession;

use crate::support::{csv, sample_options};

async fn session() -> FlowLogSession {
    let session = FlowLogSession::new(sample_options());
    session
        .register_logs("vpc_flow_logs", "s3://flowlog-sample-daily")
        .await
        .unwrap();
    session
}

/// Result columns keep the query's spelling (Trino names an alias or a selected column as
/// written), while names resolve case-insensitively.
#[tokio::test]
async fn result_columns_keep_the_query_spelling() {
    let session = session().await;
    let out = csv(
        &session,
        "SELECT Action, sum(bytes) AS DataTransferred, count(*) FROM vpc_flow_logs \
         WHERE \"ACTION\" = 'REJECT' GROUP BY action ORDER BY \"DataTransferred\" DESC",
    )
    .await
    .unwrap();
    assert_eq!(
        out,
        "\"Action\",\"DataTransferred\",\"_col2\"\n\"REJECT\",\"5238\",\"34\"\n"
    );
    // `*` keeps the table's names; an alias after it keeps its spelling.
    let out = csv(
        &session,
        "SELECT *, bytes AS TotalBytes FROM vpc_flow_logs WHERE action = 'REJECT' LIMIT 1",
    )
    .await
    .unwrap();
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("\"version\",\"account_id\","),
        "{header}"
    );
    assert!(header.ends_with(",\"TotalBytes\""), "{header}");
}

/// The catalog statements of the Athena console.
#[tokio::test]
async fn catalog_statements() {
    let session = session().await;
    assert_eq!(
        csv(&session, "SHOW TABLES").await.unwrap(),
        "\"tab_name\"\n\"vpc_flow_logs\"\n"
    );
    assert_eq!(
        csv(&session, "show tables '*flow*'").await.unwrap(),
        "\"tab_name\"\n\"vpc_flow_logs\"\n"
    );
    let columns = csv(&session, "SHOW COLUMNS IN VPC_Flow_Logs")
        .await
        .unwrap();
    assert!(
        columns.starts_with("\"field\"\n\"version\"\n\"account_id\"\n"),
        "{columns}"
    );
    assert!(columns.ends_with("\"region\"\n\"date\"\n"), "{columns}");
    let describe = csv(&session, "DESCRIBE vpc_flow_logs").await.unwrap();
    assert!(
        describe.starts_with("\"col_name\",\"data_type\",\"comment\"\n\"version\",\"int\",\"\"\n"),
        "{describe}"
    );
    assert!(
        describe.ends_with(
            "\"# Partition Information\",\"\",\"\"\n\"# col_name\",\"data_type\",\"comment\"\n\"\",\"\",\"\"\n\"account\",\"string\",\"\"\n\"region\",\"string\",\"\"\n\"date\",\"string\",\"\"\n"
        ),
        "{describe}"
    );
    assert_eq!(
        csv(&session, "SHOW PARTITIONS vpc_flow_logs")
            .await
            .unwrap(),
        "\"partition\"\n\
         \"account=111111111111/region=ap-northeast-1/date=2026/11/19\"\n\
         \"account=111111111111/region=ap-northeast-1/date=2026/11/20\"\n\
         \"account=222222222222/region=ap-northeast-1/date=2026/11/19\"\n\
         \"account=222222222222/region=ap-northeast-1/date=2026/11/20\"\n\
         \"account=222222222222/region=us-east-1/date=2026/11/19\"\n"
    );
    // A table registered without DDL gets one written from its columns and root.
    let ddl = csv(&session, "SHOW CREATE TABLE vpc_flow_logs")
        .await
        .unwrap();
    assert!(
        ddl.starts_with(
            "\"createtab_stmt\"\n\"CREATE EXTERNAL TABLE `vpc_flow_logs`(\"\n\"  `version` int,\"\n"
        ),
        "{ddl}"
    );
    assert!(
        ddl.ends_with("\"STORED AS PARQUET\"\n\"LOCATION\"\n\"  's3://flowlog-sample-daily'\"\n"),
        "{ddl}"
    );
    for statement in [
        "MSCK REPAIR TABLE vpc_flow_logs",
        "ALTER TABLE vpc_flow_logs ADD IF NOT EXISTS PARTITION (date = '2026/11/21') LOCATION 's3://b/x/'",
    ] {
        let out = csv(&session, statement).await.unwrap();
        assert!(out.contains("nothing to do"), "{out}");
    }
    let err = csv(&session, "DESCRIBE nope")
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(err, "Table 'default.nope' does not exist");
}

/// Errors an analyst can provoke, in Athena's words: one line, position, what is wrong,
/// a hint; never a DataFusion setting.
#[tokio::test]
async fn error_messages() {
    let session = session().await;
    let cases = [
        (
            "SELECT srcadr FROM vpc_flow_logs",
            "SQL error at line 1, column 8: Column 'srcadr' cannot be resolved; did you mean 'srcaddr'?",
        ),
        (
            "SELECT count(*) FROM vpc_flow_log",
            "SQL error at line 1, column 22: Table 'awsdatacatalog.default.vpc_flow_log' does not exist; did you mean 'vpc_flow_logs'?",
        ),
        (
            "SELECT splitpart(srcaddr, '.', 1) FROM vpc_flow_logs",
            "SQL error at line 1, column 8: Function 'splitpart' not registered; did you mean 'split_part'?",
        ),
        (
            "SELECT count(*) FROM vpc_flow_logs f JOIN vpc_flow_logs g ON f.srcaddr = g.dstaddr WHERE action = 'REJECT'",
            "SQL error at line 1, column 90: Column 'action' is ambiguous",
        ),
        (
            "SELECT \"SrcAdr\" FROM vpc_flow_logs",
            "SQL error at line 1, column 8: Column 'srcadr' cannot be resolved; did you mean 'srcaddr'?",
        ),
    ];
    for (sql, expected) in cases {
        let err = csv(&session, sql).await.unwrap_err().to_string();
        assert_eq!(err, expected, "{sql}");
        assert!(!err.contains("datafusion."), "{err}");
    }
}

/// EXPLAIN reads Trino syntax; the guard is evaluated first, the fallible test lazily, and
/// the scan keeps only the guard (a row-level Parquet filter never evaluates the fallible
/// test unguarded).
#[tokio::test]
async fn explain_shows_the_guarded_plan() {
    let session = session().await;
    let out = csv(
        &session,
        "EXPLAIN SELECT srcaddr FROM vpc_flow_logs \
         WHERE contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) AND type = 'IPv4'",
    )
    .await
    .unwrap();
    assert!(
        out.contains("Filter: CASE vpc_flow_logs.type = Utf8View(\"\"IPv4\"\") WHEN Boolean(false) THEN Boolean(false) WHEN Boolean(true) THEN contains("),
        "{out}"
    );
    assert!(
        out.contains("partial_filters=[vpc_flow_logs.type = Utf8View(\"\"IPv4\"\")]"),
        "{out}"
    );
}
