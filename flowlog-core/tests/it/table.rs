//! The table provider: pruning and listing, schema reconciliation, bad objects.

use std::sync::Arc;

use datafusion::arrow::array::{Int32Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::DataType;
use flowlog_core::storage::Mirror;
use flowlog_core::{FlowLogSession, SessionOptions};

use crate::support::{RecordingStore, csv, sample_options, schema, testdata, write_parquet};

const DDL: &str = "
CREATE EXTERNAL TABLE flows (
  `srcaddr` string, `dstport` int, `protocol` bigint, `packets` bigint, `log_status` string
)
PARTITIONED BY (`account` string, `date` string)
STORED AS PARQUET
LOCATION 's3://bucket/AWSLogs/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111111111111,222222222222',
  'projection.date.type' = 'date',
  'projection.date.range' = 'NOW-1DAYS,NOW',
  'projection.date.format' = 'yyyy/MM/dd',
  'storage.location.template' = 's3://bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/'
)";

fn session_over(dir: &std::path::Path, store: Option<Arc<RecordingStore>>) -> FlowLogSession {
    let mut options = SessionOptions {
        mirrors: vec![Mirror::new("s3://bucket", dir).unwrap()],
        ..sample_options()
    };
    options.local_store = store.map(|s| s as Arc<dyn object_store::ObjectStore>);
    FlowLogSession::new(options)
}

#[tokio::test]
async fn filters_on_date_and_account_list_only_their_prefixes() {
    let store = RecordingStore::new();
    let dir = testdata().join("s3/flowlog-sample-daily");
    let session = session_over(&dir, Some(store.clone()));
    session.register_ddl(DDL).unwrap();
    csv(
        &session,
        "select count(*) from flows where \"date\" = '2026/11/19' and account = '222222222222'",
    )
    .await
    .unwrap();
    assert_eq!(
        store.listed_below(&dir),
        vec!["list AWSLogs/222222222222/vpcflowlogs/ap-northeast-1/2026/11/19"]
    );

    store.listed.lock().unwrap().clear();
    csv(
        &session,
        "select count(*) from flows where account in ('111111111111') and \"date\" between '2026/11/19' and '2026/11/20'",
    )
    .await
    .unwrap();
    assert_eq!(
        store.listed_below(&dir),
        vec![
            "list AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19",
            "list AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/20",
        ]
    );

    store.listed.lock().unwrap().clear();
    csv(
        &session,
        "select count(*) from flows where not (account <> '111111111111') and (\"date\" < '2026/11/20' or \"date\" > '2026/11/30')",
    )
    .await
    .unwrap();
    assert_eq!(
        store.listed_below(&dir),
        vec!["list AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19"]
    );
}

#[tokio::test]
async fn discovery_prunes_accounts_before_listing_below_them() {
    let store = RecordingStore::new();
    let dir = testdata().join("s3/flowlog-sample-daily");
    let session = session_over(&dir, Some(store.clone()));
    session.register_logs("t", "s3://bucket").await.unwrap();
    store.listed.lock().unwrap().clear();
    csv(
        &session,
        "select count(*) from t where account = '111111111111' and \"date\" = '2026/11/20'",
    )
    .await
    .unwrap();
    let listed = store.listed_below(&dir);
    assert!(
        listed.iter().all(|p| !p.contains("222222222222")),
        "account 222222222222 was listed: {listed:?}"
    );
    assert!(
        listed.iter().all(|p| !p.contains("2026/11/19/")),
        "another day was listed: {listed:?}"
    );
}

#[tokio::test]
async fn a_projected_prefix_without_objects_gives_zero_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let session = session_over(tmp.path(), None);
    session.register_ddl(DDL).unwrap();
    let out = csv(&session, "select count(*) as n from flows")
        .await
        .unwrap();
    assert_eq!(out, "\"n\"\n\"0\"\n");
}

fn flow_batch(protocol_type: DataType, names: [&str; 3]) -> RecordBatch {
    let protocol: Arc<dyn datafusion::arrow::array::Array> = match protocol_type {
        DataType::Int32 => Arc::new(Int32Array::from(vec![6, 17])),
        _ => Arc::new(Int64Array::from(vec![6, 17])),
    };
    RecordBatch::try_new(
        schema(&[
            (names[0], DataType::Utf8),
            (names[1], protocol_type),
            (names[2], DataType::Utf8),
        ]),
        vec![
            Arc::new(StringArray::from(vec!["10.0.0.1", "10.0.0.2"])),
            protocol,
            Arc::new(StringArray::from(vec!["OK", "OK"])),
        ],
    )
    .unwrap()
}

const KEY_DIR: &str = "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19";
const FILE: &str = "111111111111_vpcflowlogs_ap-northeast-1_fl-0123456789abcdef0_20261119T0000Z_0a1b2c3d.log.parquet";

#[tokio::test]
async fn columns_match_by_name_case_insensitively_and_widen() {
    let tmp = tempfile::tempdir().unwrap();
    // Upper-case names, a different order, INT32 protocol, and no dstport/packets columns.
    write_parquet(
        &tmp.path().join(KEY_DIR).join(FILE),
        &flow_batch(DataType::Int32, ["SrcAddr", "PROTOCOL", "log_status"]),
    );
    let session = session_over(tmp.path(), None);
    session.register_ddl(DDL).unwrap();
    let out = csv(
        &session,
        "select srcaddr, protocol, dstport, packets, account, \"date\" from flows order by srcaddr",
    )
    .await
    .unwrap();
    assert_eq!(
        out,
        "\"srcaddr\",\"protocol\",\"dstport\",\"packets\",\"account\",\"date\"\n\
         \"10.0.0.1\",\"6\",,,\"111111111111\",\"2026/11/19\"\n\
         \"10.0.0.2\",\"17\",,,\"111111111111\",\"2026/11/19\"\n"
    );
}

#[tokio::test]
async fn narrowing_names_the_object_the_column_and_both_types() {
    let tmp = tempfile::tempdir().unwrap();
    let ddl = DDL.replace("`protocol` bigint", "`protocol` int");
    write_parquet(
        &tmp.path().join(KEY_DIR).join(FILE),
        &flow_batch(DataType::Int64, ["srcaddr", "protocol", "log_status"]),
    );
    let session = session_over(tmp.path(), None);
    session.register_ddl(&ddl).unwrap();
    let err = csv(&session, "select * from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(FILE), "{err}");
    assert!(err.contains("column protocol"), "{err}");
    assert!(
        err.contains("bigint (INT64)") && err.contains("int"),
        "{err}"
    );
}

#[tokio::test]
async fn an_object_named_parquet_that_is_not_parquet_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(KEY_DIR).join(FILE);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"this is not parquet at all, just text\n").unwrap();
    let session = session_over(tmp.path(), None);
    session.register_ddl(DDL).unwrap();
    let err = csv(&session, "select count(*) from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(FILE), "{err}");
    assert!(err.contains("not a readable Parquet file"), "{err}");
}

#[tokio::test]
async fn a_truncated_parquet_object_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.parquet");
    write_parquet(
        &good,
        &flow_batch(DataType::Int32, ["srcaddr", "protocol", "log_status"]),
    );
    let bytes = std::fs::read(&good).unwrap();
    let path = tmp.path().join(KEY_DIR).join(FILE);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Keep the magic at both ends but cut the middle: the footer length points nowhere.
    let mut corrupt = bytes[..bytes.len() / 2].to_vec();
    corrupt.extend_from_slice(&bytes[bytes.len() - 8..]);
    std::fs::write(&path, corrupt).unwrap();
    std::fs::remove_file(&good).unwrap();
    let session = session_over(tmp.path(), None);
    session.register_ddl(DDL).unwrap();
    let err = csv(&session, "select count(*) from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(FILE), "{err}");
}

#[tokio::test]
async fn stray_and_text_objects_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    write_parquet(
        &tmp.path().join(KEY_DIR).join(FILE),
        &flow_batch(DataType::Int32, ["srcaddr", "protocol", "log_status"]),
    );
    let dir = tmp.path().join(KEY_DIR);
    std::fs::write(dir.join("notes.txt"), b"hello").unwrap();
    std::fs::write(
        dir.join(FILE.replace(".log.parquet", ".log.gz")),
        b"\x1f\x8b",
    )
    .unwrap();
    let session = session_over(tmp.path(), None);
    session.register_ddl(DDL).unwrap();
    let out = csv(&session, "select count(*) as n from flows")
        .await
        .unwrap();
    assert_eq!(out, "\"n\"\n\"2\"\n");
}

#[tokio::test]
async fn plan_files_names_the_objects_a_filtered_query_reads() {
    use datafusion::prelude::{col, lit};
    use flowlog_core::table::FlowLogTable;

    let dir = testdata().join("s3/flowlog-sample-daily");
    let session = session_over(&dir, None);
    session.register_ddl(DDL).unwrap();
    let provider = session.context().table_provider("flows").await.unwrap();
    let table = provider
        .downcast_ref::<FlowLogTable>()
        .expect("a flow-log table");
    let state = session.context().state();
    let filters = [
        col("date").eq(lit("2026/11/19")),
        col("account").eq(lit("222222222222")),
    ];
    let files = table.plan_files(&state, &filters).await.unwrap();
    // Independently: the sample's records.csv lists the objects under that prefix.
    let records = std::fs::read_to_string(testdata().join("records.csv")).unwrap();
    let mut want: Vec<String> = records
        .lines()
        .filter_map(|l| {
            let mut f = l.split(',');
            let (bucket, key) = (f.next()?, f.next()?);
            (bucket == "flowlog-sample-daily"
                && key.starts_with("AWSLogs/222222222222/vpcflowlogs/ap-northeast-1/2026/11/19/"))
            .then(|| key.to_string())
        })
        .collect();
    want.sort();
    want.dedup();
    let mut got: Vec<String> = files
        .iter()
        .map(|(key, values)| {
            assert_eq!(values.len(), 2);
            assert_eq!(values[0].to_string(), "222222222222");
            assert_eq!(values[1].to_string(), "2026/11/19");
            key.split_once("flowlog-sample-daily/")
                .unwrap()
                .1
                .to_string()
        })
        .collect();
    got.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}

/// A `date`-typed partition column with a date projection (Athena allows it): its values
/// are dates, filters compare dates, and it selects the same rows as a string column with
/// the same projection.
#[tokio::test]
async fn a_date_typed_partition_column_is_projected_as_dates() {
    let ddl = |name: &str, kind: &str| {
        format!(
            "CREATE EXTERNAL TABLE {name} (`srcaddr` string, `bytes` bigint)
PARTITIONED BY (`day` {kind})
STORED AS PARQUET
LOCATION 's3://flowlog-sample-daily/AWSLogs/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.day.type' = 'date',
  'projection.day.range' = '2026/11/18,NOW',
  'projection.day.format' = 'yyyy/MM/dd',
  'storage.location.template' = 's3://flowlog-sample-daily/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/${{day}}/'
)"
        )
    };
    let session = FlowLogSession::new(sample_options());
    session.register_ddl(&ddl("by_date", "date")).unwrap();
    session.register_ddl(&ddl("by_string", "string")).unwrap();

    let typed = csv(
        &session,
        "select \"day\", typeof(\"day\") as t, count(*) as n, sum(bytes) as b from by_date \
         where \"day\" >= DATE '2026-11-19' group by 1, 2 order by 1",
    )
    .await
    .unwrap();
    let strings = csv(
        &session,
        "select count(*) as n, sum(bytes) as b from by_string \
         where \"day\" = '2026/11/19'",
    )
    .await
    .unwrap();
    let lines: Vec<&str> = typed.lines().collect();
    assert_eq!(lines[0], "\"day\",\"t\",\"n\",\"b\"");
    let counts = strings.lines().nth(1).unwrap();
    assert_eq!(
        lines[1],
        format!("\"2026-11-19\",\"date\",{counts}"),
        "{typed}"
    );
    assert!(lines[2].starts_with("\"2026-11-20\",\"date\","), "{typed}");
    assert_eq!(lines.len(), 3, "{typed}");
}

#[tokio::test]
async fn a_location_no_mirror_covers_is_an_error_naming_the_bucket() {
    // The sample buckets are mirrored; the table's template names another bucket.
    let session = FlowLogSession::new(sample_options());
    session
        .register_ddl(&DDL.replace("s3://bucket/", "s3://not-mirrored-bucket/"))
        .unwrap();
    let err = csv(&session, "select count(*) from flows")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no --mirror covers bucket not-mirrored-bucket"),
        "{err}"
    );
    assert!(
        err.contains("--mirror s3://not-mirrored-bucket=DIR"),
        "{err}"
    );
}
