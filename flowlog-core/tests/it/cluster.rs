//! The same DDL and SQL on a Ballista cluster started in this process (a scheduler and
//! two executors on loopback ports, every shuffle read over the network), each answer
//! compared with the local one, byte for byte in Athena's CSV.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use datafusion::arrow::array::{Int32Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::DataType;
use flowlog_core::cluster::server::{start_in_process_executor, start_in_process_scheduler};
use flowlog_core::cluster::{ClusterError, ClusterOptions, ClusterUrl, execute};
use flowlog_core::render::AthenaCsvWriter;
use flowlog_core::storage::{Mirror, S3Options, StaticCredentials};
use flowlog_core::{FlowLogSession, SessionOptions};
use futures::TryStreamExt;

use crate::support::{csv, sample_options, schema, testdata, write_parquet};

/// The moto server's options when the suite runs under `scripts/test`.
fn moto_s3() -> Option<S3Options> {
    let endpoint = std::env::var("FLOWLOG_TEST_S3_ENDPOINT").ok()?;
    Some(S3Options {
        endpoint: Some(endpoint),
        region: Some("us-east-1".into()),
        static_credentials: Some(StaticCredentials {
            key_id: "test".into(),
            secret_key: "test".into(),
            token: None,
        }),
        max_retries: 2,
        retry_timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(20),
        ..S3Options::default()
    })
}

/// The scheduler of the cluster all tests share; started once, on a runtime of its own
/// that outlives every test's runtime.
fn cluster() -> ClusterUrl {
    static SCHEDULER: OnceLock<SocketAddr> = OnceLock::new();
    let address = *SCHEDULER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(4)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let scheduler = start_in_process_scheduler().await.unwrap();
                let s3 = moto_s3().unwrap_or_default();
                for _ in 0..2 {
                    start_in_process_executor(scheduler, 2, s3.clone())
                        .await
                        .unwrap();
                }
                tx.send(scheduler).unwrap();
                std::future::pending::<()>().await
            })
        });
        rx.recv().unwrap()
    });
    ClusterUrl {
        host: address.ip().to_string(),
        port: address.port(),
    }
}

/// Run a script's last query on the cluster and render it in Athena's CSV format.
async fn cluster_csv(session: &FlowLogSession, sql: &str) -> String {
    let df = session.run_script(sql).await.unwrap().expect("a query");
    let options = ClusterOptions {
        force_remote_read: true,
    };
    let stream = execute(session, df, &cluster(), &options).await.unwrap();
    let batches: Vec<RecordBatch> = stream.try_collect().await.unwrap();
    let mut w = AthenaCsvWriter::new(Vec::new());
    for b in &batches {
        w.write_batch(b).unwrap();
    }
    String::from_utf8(w.finish().unwrap()).unwrap()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(testdata().join(rel)).unwrap()
}

/// The same query locally and on the cluster, in one session (after `setup`).
async fn both(session: &FlowLogSession, setup: &str, sql: &str) -> (String, String) {
    session.run_script(setup).await.unwrap();
    let local = csv(session, sql).await.unwrap();
    let remote = cluster_csv(session, sql).await;
    (local, remote)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runbook_query_gives_the_local_answer() {
    let session = FlowLogSession::new(sample_options());
    let (local, remote) = both(
        &session,
        &read("runbook/create-table-multi-account.sql"),
        &read("runbook/query.sql"),
    )
    .await;
    assert_eq!(local, read("expected/runbook-multi-account.csv"));
    assert_eq!(remote, local);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_zone_and_pinned_now_reach_the_executors() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap();
    let session = FlowLogSession::new(SessionOptions {
        current_time: Some(now),
        ..sample_options()
    });
    let setup = read("runbook/create-table-multi-account.sql") + ";\nSET TIME ZONE 'Asia/Tokyo'";
    let sql = "select srcaddr, from_unixtime(\"start\") as started, \
               hour(from_unixtime(\"start\")) as h, current_timestamp as now, \
               date_format(from_unixtime(\"start\"), '%Y-%m-%d %H:%i') as shown \
               from vpc_flow_logs_sample where account_id = '111111111111' \
               order by started, srcaddr limit 30";
    let (local, remote) = both(&session, &setup, sql).await;
    assert!(local.contains("Asia/Tokyo"), "{local}");
    assert!(
        local.contains("2026-11-20 09:00:00.000 Asia/Tokyo"),
        "{local}"
    );
    assert_eq!(remote, local);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mixed_case_and_int32_columns_are_reconciled_on_the_executors() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = RecordBatch::try_new(
        schema(&[
            ("SrcAddr", DataType::Utf8),
            ("PROTOCOL", DataType::Int32),
            ("Bytes", DataType::Int64),
        ]),
        vec![
            Arc::new(StringArray::from(vec!["10.0.0.1", "10.0.0.2", "10.0.0.3"])),
            Arc::new(Int32Array::from(vec![6, 17, 6])),
            Arc::new(Int64Array::from(vec![100, 200, 300])),
        ],
    )
    .unwrap();
    let dir = "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19";
    for (i, name) in ["0a1b2c3d", "1b2c3d4e"].iter().enumerate() {
        let file = format!(
            "111111111111_vpcflowlogs_ap-northeast-1_fl-0123456789abcdef0_20261119T0{i}00Z_{name}.log.parquet"
        );
        write_parquet(&tmp.path().join(dir).join(file), &batch);
    }
    let session = FlowLogSession::new(SessionOptions {
        mirrors: vec![Mirror::new("s3://bucket", tmp.path()).unwrap()],
        ..sample_options()
    });
    let ddl = "CREATE EXTERNAL TABLE flows (
  `srcaddr` string, `dstport` int, `protocol` bigint, `bytes` bigint
)
PARTITIONED BY (`date` string)
STORED AS PARQUET
LOCATION 's3://bucket/AWSLogs/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.date.type' = 'date',
  'projection.date.range' = 'NOW-1DAYS,NOW',
  'projection.date.format' = 'yyyy/MM/dd',
  'storage.location.template' = 's3://bucket/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/${date}/'
)";
    let sql = "select srcaddr, protocol, dstport, bytes, \"date\" from flows";
    let (local, remote) = both(&session, ddl, sql).await;
    assert!(local.contains("\"10.0.0.2\",\"17\",,\"200\""), "{local}");
    assert_eq!(remote, local);
    let grouped = "select protocol, count(*) as n, sum(bytes) as b from flows group by protocol order by protocol";
    assert_eq!(
        cluster_csv(&session, grouped).await,
        "\"protocol\",\"n\",\"b\"\n\"6\",\"4\",\"800\"\n\"17\",\"2\",\"400\"\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flowlogs_aggregates_give_the_local_answer() {
    let session = FlowLogSession::new(sample_options());
    let sql = "select action, count_if(dstport = 443) as https, max_by(srcaddr, bytes) as top, \
               approx_percentile(bytes, 0.5) as median, count(*) as n \
               from vpc_flow_logs_sample group by action order by action";
    let (local, remote) = both(
        &session,
        &read("runbook/create-table-multi-account.sql"),
        sql,
    )
    .await;
    assert!(local.lines().count() >= 2, "{local}");
    assert_eq!(remote, local);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runbook_on_s3_gives_the_local_answer() {
    let s3 = moto_s3().unwrap_or_else(|| {
        panic!(
            "FLOWLOG_TEST_S3_ENDPOINT is not set: this test needs the local S3 server; run the suite with scripts/test"
        )
    });
    let session = FlowLogSession::new(SessionOptions {
        now: Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap(),
        s3,
        ..SessionOptions::default()
    });
    let (local, remote) = both(
        &session,
        &read("runbook/create-table-multi-account.sql"),
        &read("runbook/query.sql"),
    )
    .await;
    assert_eq!(local, read("expected/runbook-multi-account.csv"));
    assert_eq!(remote, local);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_scheduler_is_named_with_what_to_start() {
    let session = FlowLogSession::new(sample_options());
    session
        .run_script(&read("runbook/create-table-multi-account.sql"))
        .await
        .unwrap();
    let df = session
        .run_script("select srcaddr from vpc_flow_logs_sample where bytes > 0")
        .await
        .unwrap()
        .unwrap();
    // A port nothing listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url: ClusterUrl = format!("df://127.0.0.1:{port}").parse().unwrap();
    let err = match execute(&session, df, &url, &ClusterOptions::default()).await {
        Ok(_) => panic!("a query ran with no scheduler"),
        Err(e) => e,
    };
    let found = ClusterError::find(&err).expect("a cluster error");
    let message = found.to_string();
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
    assert!(message.contains("flowlog cluster scheduler"), "{message}");
}
