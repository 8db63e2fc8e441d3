//! UNLOAD: files laid out as Athena lays them out, in a mirrored directory or on S3 (the
//! local moto server), read back with the parquet crate or byte for byte; nothing
//! written when the statement fails.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use datafusion::arrow::array::{AsArray, RecordBatch};
use datafusion::arrow::datatypes::Int64Type;
use flowlog_core::storage::s3::build_store;
use flowlog_core::storage::{Mirror, S3Options, StaticCredentials};
use flowlog_core::{FlowLogSession, SessionOptions};
use futures::StreamExt;
use object_store::ObjectStoreExt;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::s3_server::endpoint;
use crate::support::{csv, sample_options, testdata};

/// The sample mirrored, and `s3://unload-out` mirrored in `out`.
fn session(out: &Path) -> FlowLogSession {
    let mut options = sample_options();
    options
        .mirrors
        .push(Mirror::new("s3://unload-out", out).unwrap());
    FlowLogSession::new(options)
}

async fn with_sample_table(out: &Path) -> FlowLogSession {
    let s = session(out);
    let ddl =
        std::fs::read_to_string(testdata().join("runbook/create-table-multi-account.sql")).unwrap();
    s.run_script(&ddl).await.unwrap();
    s
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

fn parquet_batches(bytes: Bytes) -> (Vec<RecordBatch>, parquet::basic::Compression) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(bytes).unwrap();
    let codec = builder.metadata().row_group(0).column(0).compression();
    let batches = builder.build().unwrap().map(|b| b.unwrap()).collect();
    (batches, codec)
}

fn only_file(dir: &Path) -> PathBuf {
    let all = files(dir);
    assert_eq!(all.len(), 1, "{all:?}");
    dir.join(&all[0])
}

#[tokio::test]
async fn partitioned_parquet_lands_in_col_value_folders_of_the_mirror() {
    let tmp = tempfile::tempdir().unwrap();
    let s = with_sample_table(tmp.path()).await;
    // records.csv: account 111111111111 on 2026/11/19 has 45 ACCEPT and 6 REJECT records.
    let answer = csv(
        &s,
        "UNLOAD (SELECT srcaddr, packets, action FROM vpc_flow_logs_sample
                 WHERE account = '111111111111' AND \"date\" = '2026/11/19'
                   AND action IN ('ACCEPT', 'REJECT'))
         TO 's3://unload-out/flows/'
         WITH (format = 'PARQUET', compression = 'SNAPPY', partitioned_by = ARRAY['action'])",
    )
    .await
    .unwrap();
    assert_eq!(answer, "\"rows\"\n\"51\"\n");
    let out = tmp.path().join("flows");
    let all = files(&out);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0].starts_with("action=ACCEPT/"), "{all:?}");
    assert!(all[1].starts_with("action=REJECT/"), "{all:?}");
    for (file, want) in all.iter().zip([45, 6]) {
        let (batches, codec) = parquet_batches(std::fs::read(out.join(file)).unwrap().into());
        assert_eq!(codec, parquet::basic::Compression::SNAPPY);
        let names: Vec<String> = batches[0]
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        assert_eq!(names, ["srcaddr", "packets"]);
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), want);
    }
    // No staging directory is left beside the target.
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "{:?}",
        files(tmp.path())
    );
}

#[tokio::test]
async fn the_default_is_gzip_parquet_and_the_total_matches() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    csv(
        &s,
        "UNLOAD (SELECT n, n * 10 AS m FROM UNNEST(sequence(1, 100)) AS t(n)) TO 's3://unload-out/seq/'",
    )
    .await
    .unwrap();
    let (batches, codec) = parquet_batches(
        std::fs::read(only_file(&tmp.path().join("seq")))
            .unwrap()
            .into(),
    );
    assert!(
        matches!(codec, parquet::basic::Compression::GZIP(_)),
        "{codec:?}"
    );
    let total: i64 = batches
        .iter()
        .map(|b| {
            b.column(1)
                .as_primitive::<Int64Type>()
                .iter()
                .flatten()
                .sum::<i64>()
        })
        .sum();
    // 10 × (1 + … + 100)
    assert_eq!(total, 50_500);
}

const ROWS: &str = "SELECT n, s, d FROM (VALUES (2, 'b,c', 'x'), (1, 'a\"q', CAST(NULL AS varchar))) AS t(n, s, d) ORDER BY n";

#[tokio::test]
async fn textfile_is_delimited_with_backslash_n_for_null() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    csv(
        &s,
        &format!(
            "UNLOAD ({ROWS}) TO 's3://unload-out/t/' WITH (format = 'TEXTFILE', field_delimiter = ',', compression = 'NONE')"
        ),
    )
    .await
    .unwrap();
    let got = std::fs::read(only_file(&tmp.path().join("t"))).unwrap();
    assert_eq!(String::from_utf8(got).unwrap(), "1,a\"q,\\N\n2,b,c,x\n");

    // By default: the \001 delimiter, gzip-compressed, named .gz.
    csv(
        &s,
        &format!("UNLOAD ({ROWS}) TO 's3://unload-out/gz/' WITH (format = 'TEXTFILE')"),
    )
    .await
    .unwrap();
    let path = only_file(&tmp.path().join("gz"));
    assert!(path.to_string_lossy().ends_with(".gz"), "{path:?}");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "1\u{1}a\"q\u{1}\\N\n2\u{1}b,c\u{1}x\n");
}

#[tokio::test]
async fn json_is_one_object_per_line() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    csv(
        &s,
        &format!(
            "UNLOAD ({ROWS}) TO 's3://unload-out/j/' WITH (format = 'JSON', compression = 'none')"
        ),
    )
    .await
    .unwrap();
    let got = std::fs::read_to_string(only_file(&tmp.path().join("j"))).unwrap();
    assert_eq!(
        got,
        "{\"n\":1,\"s\":\"a\\\"q\",\"d\":null}\n{\"n\":2,\"s\":\"b,c\",\"d\":\"x\"}\n"
    );
}

#[tokio::test]
async fn a_target_that_holds_data_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("busy")).unwrap();
    std::fs::write(tmp.path().join("busy/old"), "keep").unwrap();
    let s = session(tmp.path());
    let err = csv(&s, "UNLOAD (SELECT 1 AS x) TO 's3://unload-out/busy/'")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not empty"), "{err}");
    assert_eq!(files(&tmp.path().join("busy")), ["old"]);
}

#[tokio::test]
async fn a_table_location_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let s = with_sample_table(tmp.path()).await;
    let err = csv(
        &s,
        "UNLOAD (SELECT 1 AS x) TO 's3://flowlog-sample-daily/AWSLogs/111111111111/copy/'",
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("overlaps the location of table default.vpc_flow_logs_sample"),
        "{err}"
    );
    assert!(
        !testdata()
            .join("s3/flowlog-sample-daily/AWSLogs/111111111111/copy")
            .exists()
    );
}

#[tokio::test]
async fn a_query_that_fails_while_running_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let s = with_sample_table(tmp.path()).await;
    let err = csv(
        &s,
        "UNLOAD (SELECT CAST(srcaddr AS integer) AS n FROM vpc_flow_logs_sample) TO 's3://unload-out/bad/'",
    )
    .await
    .unwrap_err();
    assert!(!err.to_string().is_empty());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[tokio::test]
async fn mistakes_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let s = session(tmp.path());
    let err = |sql: &'static str| {
        let s = &s;
        async move { csv(s, sql).await.unwrap_err().to_string() }
    };
    assert!(
        err("UNLOAD (SELECT 1 AS x) TO 's3://unload-out/o/' WITH (format = 'ORC')")
            .await
            .contains("cannot write format 'ORC'")
    );
    assert!(
        err("UNLOAD (SELECT 1 AS a, 2 AS b) TO 's3://unload-out/o/' WITH (partitioned_by = ARRAY['a'])")
            .await
            .contains("must be the last columns")
    );
    assert!(
        err("UNLOAD (SELECT ARRAY[1] AS a) TO 's3://unload-out/o/' WITH (format = 'TEXTFILE')")
            .await
            .contains("cannot hold column a")
    );
    assert!(
        err("UNLOAD (SELECT n, n AS p FROM UNNEST(sequence(1, 101)) AS t(n)) TO 's3://unload-out/o/' WITH (partitioned_by = ARRAY['p'])")
            .await
            .contains("more than 100 partitions")
    );
    assert!(!tmp.path().join("o").exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

/// Creates a bucket on the local moto server (which takes unsigned requests).
fn create_bucket(endpoint: &str, bucket: &str) {
    use std::io::Write;
    let host = endpoint.trim_start_matches("http://").trim_end_matches('/');
    let mut conn = std::net::TcpStream::connect(host).unwrap();
    write!(
        conn,
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[tokio::test]
async fn unload_to_s3_uploads_the_files_under_the_prefix() {
    let s3 = S3Options {
        endpoint: Some(endpoint()),
        region: Some("us-east-1".into()),
        static_credentials: Some(StaticCredentials {
            key_id: "test".into(),
            secret_key: "test".into(),
            token: None,
        }),
        max_retries: 2,
        retry_timeout: Duration::from_secs(10),
        ..S3Options::default()
    };
    let bucket = format!("flowlog-unload-{}", std::process::id());
    create_bucket(&endpoint(), &bucket);
    let session = FlowLogSession::new(SessionOptions {
        s3: s3.clone(),
        ..SessionOptions::default()
    });
    let answer = csv(
        &session,
        &format!(
            "UNLOAD (SELECT n, CAST(n % 2 AS varchar) AS odd FROM UNNEST(sequence(1, 9)) AS t(n))
             TO 's3://{bucket}/out/' WITH (format = 'PARQUET', partitioned_by = ARRAY['odd'])"
        ),
    )
    .await
    .unwrap();
    assert_eq!(answer, "\"rows\"\n\"9\"\n");
    let store = build_store(&bucket, &s3);
    let mut keys: Vec<String> = store
        .list(Some(&"out".into()))
        .map(|m| m.unwrap().location.to_string())
        .collect()
        .await;
    keys.sort();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys[0].starts_with("out/odd=0/"), "{keys:?}");
    assert!(keys[1].starts_with("out/odd=1/"), "{keys:?}");
    let mut sums = Vec::new();
    for key in &keys {
        let bytes = store
            .get(&key.as_str().into())
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let (batches, _) = parquet_batches(bytes);
        sums.push(
            batches
                .iter()
                .map(|b| {
                    b.column(0)
                        .as_primitive::<Int64Type>()
                        .iter()
                        .flatten()
                        .sum::<i64>()
                })
                .sum::<i64>(),
        );
    }
    // Even: 2+4+6+8; odd: 1+3+5+7+9.
    assert_eq!(sums, [20, 25]);
    // A second UNLOAD to the same (now non-empty) prefix, unpartitioned, is refused.
    let err = csv(
        &session,
        &format!("UNLOAD (SELECT 1 AS x) TO 's3://{bucket}/out/'"),
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(err.contains("is not empty"), "{err}");
}
