//! The same DDL and SQL directly on S3 (the local moto server that `scripts/test`
//! starts, loaded from `testdata/s3/`), with no mirror: same answers, pruned listings,
//! ranged reads only, and clear errors.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use flowlog_core::storage::s3::build_store;
use flowlog_core::storage::{S3Options, StaticCredentials};
use flowlog_core::{FlowLogSession, SessionOptions};
use object_store::GetRange;

use crate::s3_server::{StoppingProxy, auth_endpoint, endpoint, server_var};
use crate::support::{RecordingStore, csv, testdata};

fn read(rel: &str) -> String {
    std::fs::read_to_string(testdata().join(rel)).unwrap()
}

fn s3(endpoint: String, key: &str, secret: &str) -> S3Options {
    S3Options {
        endpoint: Some(endpoint),
        region: Some("us-east-1".into()),
        static_credentials: Some(StaticCredentials {
            key_id: key.into(),
            secret_key: secret.into(),
            token: None,
        }),
        max_retries: 2,
        retry_timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(20),
        ..S3Options::default()
    }
}

/// `NOW` = 2026-11-20T00:00:00Z, no mirror: every `s3://` location is read on the server.
fn options(s3: S3Options) -> SessionOptions {
    SessionOptions {
        now: Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap(),
        s3,
        ..SessionOptions::default()
    }
}

fn on_server() -> SessionOptions {
    options(s3(endpoint(), "test", "test"))
}

#[tokio::test]
async fn the_runbook_on_s3_gives_the_same_csv_as_on_local_files() {
    let session = FlowLogSession::new(on_server());
    session
        .run_script(&read("runbook/create-table-multi-account.sql"))
        .await
        .unwrap();
    let got = csv(&session, &read("runbook/query.sql")).await.unwrap();
    assert_eq!(got, read("expected/runbook-multi-account.csv"));
    let progress = session.progress().snapshot();
    assert!(
        progress.objects_listed > 0 && progress.bytes_read > 0,
        "{progress}"
    );
}

#[tokio::test]
async fn logs_mode_discovers_the_tree_on_s3() {
    let session = FlowLogSession::new(on_server());
    session
        .register_logs("vpc_flow_logs_sample", "s3://flowlog-sample-hourly")
        .await
        .unwrap();
    let got = csv(&session, &read("runbook/query.sql")).await.unwrap();
    assert_eq!(got, read("expected/runbook-hourly-all.csv"));
}

const DDL: &str = "
CREATE EXTERNAL TABLE flows (`srcaddr` string, `bytes` bigint, `log_status` string)
PARTITIONED BY (`account` string, `date` string)
STORED AS PARQUET
LOCATION 's3://flowlog-sample-daily/AWSLogs/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111111111111,222222222222',
  'projection.date.type' = 'date',
  'projection.date.range' = 'NOW-1DAYS,NOW',
  'projection.date.format' = 'yyyy/MM/dd',
  'storage.location.template' = 's3://flowlog-sample-daily/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/'
)";

#[tokio::test]
async fn one_account_and_one_day_list_only_that_prefix_and_read_only_ranges() {
    let options = on_server();
    let store = RecordingStore::wrap(build_store("flowlog-sample-daily", &options.s3));
    let session = FlowLogSession::new(SessionOptions {
        bucket_stores: vec![(
            "flowlog-sample-daily".into(),
            store.clone() as Arc<dyn object_store::ObjectStore>,
        )],
        ..options
    });
    session.register_ddl(DDL).unwrap();
    let got = csv(
        &session,
        "select count(*) as n, sum(bytes) as b from flows where account = '222222222222' and \"date\" = '2026/11/19'",
    )
    .await
    .unwrap();
    // 46 rows, computed from testdata/records.csv (account 222222222222, ap-northeast-1, 2026/11/19).
    assert!(got.starts_with("\"n\",\"b\"\n\"46\","), "{got}");

    let prefix = "AWSLogs/222222222222/vpcflowlogs/ap-northeast-1/2026/11/19";
    assert_eq!(
        *store.listed.lock().unwrap(),
        vec![format!("list {prefix}")]
    );
    let reads = store.reads.lock().unwrap().clone();
    assert!(!reads.is_empty(), "the query read nothing");
    for (key, range) in &reads {
        assert!(key.starts_with(prefix), "read outside the partition: {key}");
        assert!(
            matches!(
                range,
                Some(GetRange::Bounded(_)) | Some(GetRange::Suffix(_))
            ),
            "{key} was read without a byte range: {range:?}"
        );
    }
    // The three objects of that partition (testdata/s3/flowlog-sample-daily).
    let mut objects: Vec<&String> = reads.iter().map(|(k, _)| k).collect();
    objects.sort();
    objects.dedup();
    assert_eq!(objects.len(), 3, "{objects:?}");
}

#[tokio::test]
async fn a_missing_bucket_is_named_and_not_read_as_empty() {
    let session = FlowLogSession::new(on_server());
    session
        .register_ddl(&DDL.replace("flowlog-sample-daily", "no-such-bucket"))
        .unwrap();
    let err = csv(&session, "select count(*) from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("s3://no-such-bucket/"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains('\n'), "{err}");
}

fn analyst() -> S3Options {
    s3(
        auth_endpoint(),
        &server_var("FLOWLOG_TEST_S3_AUTH_KEY_ID"),
        &server_var("FLOWLOG_TEST_S3_AUTH_SECRET"),
    )
}

#[tokio::test]
async fn a_denied_key_is_named_with_what_to_do() {
    let session = FlowLogSession::new(options(analyst()));
    session.register_ddl(DDL).unwrap();
    // The analyst may read 2026/11/19 …
    let ok = csv(
        &session,
        "select count(*) as n from flows where account = '111111111111' and \"date\" = '2026/11/19'",
    )
    .await
    .unwrap();
    assert_eq!(ok, "\"n\"\n\"53\"\n");
    // … but not account 111111111111's 2026/11/20 (an explicit Deny in the IAM policy).
    let err = csv(
        &session,
        "select count(*) from flows where account = '111111111111' and \"date\" = '2026/11/20'",
    )
    .await
    .unwrap_err()
    .to_string();
    let denied = server_var("FLOWLOG_TEST_S3_AUTH_DENIED_PREFIX");
    assert!(
        err.contains(&format!("s3://flowlog-sample-daily/{denied}")),
        "{err}"
    );
    assert!(err.contains("access denied"), "{err}");
    assert!(err.contains("s3:GetObject"), "{err}");
}

#[tokio::test]
async fn rejected_credentials_say_so() {
    let session = FlowLogSession::new(options(s3(auth_endpoint(), "AKIANOSUCHKEY", "nope")));
    session.register_ddl(DDL).unwrap();
    let err = csv(&session, "select count(*) from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("s3://flowlog-sample-daily/"), "{err}");
    assert!(err.contains("rejected the credentials"), "{err}");
}

#[tokio::test]
async fn the_server_stopping_mid_query_is_a_clear_error() {
    let proxy = StoppingProxy::start(&endpoint());
    let session = FlowLogSession::new(options(s3(proxy.endpoint.clone(), "test", "test")));
    session.register_ddl(DDL).unwrap();
    let started = std::time::Instant::now();
    let err = csv(&session, "select count(*) from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        proxy.stopped.load(std::sync::atomic::Ordering::SeqCst),
        "the proxy never saw a read"
    );
    assert!(err.contains("s3://flowlog-sample-daily/AWSLogs/"), "{err}");
    assert!(err.contains("cannot reach"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}
