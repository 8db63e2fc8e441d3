//! Text flow logs (`.log.gz`) give the answers the Parquet objects of the same records give.
//!
//! The text copies are written here from the bundled Parquet sample with the parquet crate
//! and flate2 (not through flowlog; `support::write_text_log`): each object becomes
//! `<same key>.log.gz` holding a header of its columns' hyphenated names, in the file's
//! column order, then one line per row, single spaces between fields, `-` for a NULL number. The sample's buckets use three
//! column orders (AWS's default 14 fields, all 29 in table order, all 29 sorted by name),
//! so the copies exercise headers in several orders.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::compute::concat_batches;
use flowlog_core::storage::Mirror;
use flowlog_core::table::TableOptions;
use flowlog_core::{FlowLogSession, SessionOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::support::{BUCKETS, csv, testdata, write_text_log};

/// Which objects of the sample a copy writes as text.
#[derive(Clone, Copy, PartialEq)]
enum Copy {
    AllText,
    /// Every other object of a bucket (in key order), the rest as Parquet.
    Mixed,
}

/// The bundled sample's files under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A Parquet flow-log file's rows written as a text flow log at `target`.
fn write_as_text(parquet_file: &Path, target: &Path) {
    let file = std::fs::File::open(parquet_file).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    let batch = concat_batches(&batches[0].schema(), &batches).unwrap();
    write_text_log(target, &batch);
}

/// A copy of the sample's `s3/` tree under `out`, with objects as text per `copy`.
fn copy_sample(out: &Path, copy: Copy) {
    let root = testdata().join("s3");
    for bucket in BUCKETS {
        for (i, path) in files_under(&root.join(bucket)).into_iter().enumerate() {
            let relative = path.strip_prefix(&root).unwrap();
            let target = out.join(relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            let name = target.file_name().unwrap().to_str().unwrap().to_string();
            let text = copy == Copy::AllText || i.is_multiple_of(2);
            match name.strip_suffix(".log.parquet") {
                Some(stem) if text => {
                    write_as_text(&path, &target.with_file_name(format!("{stem}.log.gz")));
                }
                _ => {
                    std::fs::copy(&path, &target).unwrap();
                }
            }
        }
    }
}

fn session(root: &Path, accept_text: bool) -> FlowLogSession {
    FlowLogSession::new(SessionOptions {
        now: Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap(),
        mirrors: BUCKETS
            .iter()
            .map(|b| Mirror::new(&format!("s3://{b}"), root.join(b)).unwrap())
            .collect(),
        table: TableOptions {
            accept_text,
            ..TableOptions::default()
        },
        ..SessionOptions::default()
    })
}

/// Every row of every bucket's discovered table, as CSV lines sorted.
async fn every_row(root: &Path) -> Vec<String> {
    let session = session(root, false);
    let mut out = Vec::new();
    for bucket in BUCKETS {
        let name = bucket.replace('-', "_");
        session
            .register_logs(&name, root.join(bucket).to_str().unwrap())
            .await
            .unwrap();
        let text = csv(&session, &format!("SELECT * FROM {name}"))
            .await
            .unwrap();
        out.extend(text.lines().map(|l| format!("{bucket},{l}")));
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_text_copy_of_the_sample_gives_every_row_the_parquet_objects_give() {
    let text = tempfile::tempdir().unwrap();
    copy_sample(text.path(), Copy::AllText);
    let mixed = tempfile::tempdir().unwrap();
    copy_sample(mixed.path(), Copy::Mixed);
    assert!(
        files_under(text.path())
            .iter()
            .all(|p| p.to_str().unwrap().ends_with(".log.gz"))
    );

    let parquet_rows = every_row(&testdata().join("s3")).await;
    // 4 headers and every record of testdata/records.csv (its header not counted).
    let records = std::fs::read_to_string(testdata().join("records.csv")).unwrap();
    assert_eq!(parquet_rows.len(), 4 + records.lines().count() - 1);
    assert_eq!(every_row(text.path()).await, parquet_rows);
    assert_eq!(every_row(mixed.path()).await, parquet_rows);
}

#[tokio::test]
async fn the_runbook_query_over_a_mixed_bucket_needs_accept_text_and_then_answers_as_athena() {
    let mixed = tempfile::tempdir().unwrap();
    copy_sample(mixed.path(), Copy::Mixed);
    let ddl =
        std::fs::read_to_string(testdata().join("runbook/create-table-multi-account.sql")).unwrap();
    let query = std::fs::read_to_string(testdata().join("runbook/query.sql")).unwrap();
    let expected =
        std::fs::read_to_string(testdata().join("expected/runbook-multi-account.csv")).unwrap();

    let with_text = session(mixed.path(), true);
    with_text.run_script(&ddl).await.unwrap();
    assert_eq!(csv(&with_text, &query).await.unwrap(), expected);

    // Without it, a Parquet table reads only the Parquet objects: fewer rows.
    let parquet_only = session(mixed.path(), false);
    parquet_only.run_script(&ddl).await.unwrap();
    let fewer = csv(&parquet_only, &query).await.unwrap();
    assert!(fewer.lines().count() < expected.lines().count());
}

#[tokio::test]
async fn a_text_ddl_maps_fields_by_position_and_reads_numbers_that_do_not_parse_as_null() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join(
        "b/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/19/\
         123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261119T0000Z_abcd1234.log.gz",
    );
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    let text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n\
                2 123456789012 eni-1 10.0.0.1 10.0.0.2 443 49152 6 10 840 1795046400 1795046460 ACCEPT OK\n\
                2 123456789012 eni-1 - - - - - - - 1795046400 1795046460 - NODATA\n\
                2 123456789012 eni-1 10.0.0.3 10.0.0.4 x 22 6 1 40 1795046400 1795046460 REJECT OK\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::write(&key, gz.finish().unwrap()).unwrap();
    let session = FlowLogSession::new(SessionOptions {
        mirrors: vec![Mirror::new("s3://b", dir.path().join("b")).unwrap()],
        ..SessionOptions::default()
    });
    // Columns named freely (text tables map by position), the last one past the fields.
    session
        .register_ddl(
            "CREATE EXTERNAL TABLE t (v int, acct string, eni string, src string, dst string, \
             sport int, dport int, proto bigint, pkts bigint, byts bigint, s bigint, e bigint, \
             act string, status string, extra string) \
             ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' \
             LOCATION 's3://b/AWSLogs/' \
             TBLPROPERTIES (\"skip.header.line.count\"=\"1\")",
        )
        .unwrap();
    let out = csv(
        &session,
        "SELECT src, sport, pkts, act, status, extra FROM t ORDER BY status, sport",
    )
    .await
    .unwrap();
    assert_eq!(
        out,
        "\"src\",\"sport\",\"pkts\",\"act\",\"status\",\"extra\"\n\
         \"-\",,,\"-\",\"NODATA\",\n\
         \"10.0.0.1\",\"443\",\"10\",\"ACCEPT\",\"OK\",\n\
         \"10.0.0.3\",,\"1\",\"REJECT\",\"OK\",\n"
    );

    // Without "skip.header.line.count" the header is a record, as in Athena: its number
    // fields are NULL, its strings are the field names.
    session
        .register_ddl(
            "CREATE EXTERNAL TABLE h (v int, acct string) \
             ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' LOCATION 's3://b/AWSLogs/'",
        )
        .unwrap();
    let out = csv(&session, "SELECT count(*), count(v), min(acct) FROM h")
        .await
        .unwrap();
    assert_eq!(
        out,
        "\"_col0\",\"_col1\",\"_col2\"\n\"4\",\"3\",\"123456789012\"\n"
    );
}

#[tokio::test]
async fn an_object_that_is_not_gzip_text_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let day = dir
        .path()
        .join("AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/19");
    std::fs::create_dir_all(&day).unwrap();
    let name = "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261119T0000Z_abcd1234.log.gz";
    std::fs::write(day.join(name), b"version srcaddr\n2 10.0.0.1\n").unwrap();
    let session = FlowLogSession::new(SessionOptions::default());
    session
        .register_logs("t", dir.path().to_str().unwrap())
        .await
        .unwrap();
    let err = csv(&session, "SELECT count(srcaddr) FROM t")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(name) && err.contains("gzip"), "{err}");
}

/// One text object under `s3://b/AWSLogs/…` (mirrored from a temporary directory), and a
/// session that mirrors it.
fn one_object(text: &str) -> (tempfile::TempDir, FlowLogSession) {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join(
        "b/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/19/\
         123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261119T0000Z_abcd1234.log.gz",
    );
    std::fs::create_dir_all(key.parent().unwrap()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::write(&key, gz.finish().unwrap()).unwrap();
    let session = FlowLogSession::new(SessionOptions {
        mirrors: vec![Mirror::new("s3://b", dir.path().join("b")).unwrap()],
        ..SessionOptions::default()
    });
    (dir, session)
}

#[tokio::test]
async fn the_lazy_simple_serde_form_and_the_default_delimiter_read_as_athena_reads_them() {
    let (_dir, session) =
        one_object("version account-id interface-id\n2 123456789012 eni-1\n2 123456789012 eni-2\n");
    // The SerDe spelled out, with its field.delim, and the input format class.
    session
        .register_ddl(
            "CREATE EXTERNAL TABLE s (version int, account_id string, interface_id string) \
             ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe' \
             WITH SERDEPROPERTIES ('field.delim' = ' ') \
             STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' \
             OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' \
             LOCATION 's3://b/AWSLogs/' TBLPROPERTIES ('skip.header.line.count' = '1')",
        )
        .unwrap();
    let out = csv(&session, "SELECT sum(version), max(interface_id) FROM s")
        .await
        .unwrap();
    assert_eq!(out, "\"_col0\",\"_col1\"\n\"4\",\"eni-2\"\n");

    // No delimiter given: Hive's default (\u0001), so each whole line is the first field.
    session
        .register_ddl(
            "CREATE EXTERNAL TABLE d (line string, other string) STORED AS TEXTFILE \
             LOCATION 's3://b/AWSLogs/' TBLPROPERTIES ('skip.header.line.count' = '1')",
        )
        .unwrap();
    let out = csv(&session, "SELECT min(line), count(other) FROM d")
        .await
        .unwrap();
    assert_eq!(out, "\"_col0\",\"_col1\"\n\"2 123456789012 eni-1\",\"0\"\n");

    // A delimiter of several characters is refused, naming the table.
    let err = session
        .register_ddl(
            "CREATE EXTERNAL TABLE m (a string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '::' \
             LOCATION 's3://b/AWSLogs/'",
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("table m") && err.contains("delimiter"),
        "{err}"
    );
}

#[tokio::test]
async fn a_bad_line_or_a_cut_gzip_stream_names_the_object() {
    let name = "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20261119T0000Z_abcd1234.log.gz";
    // Line 3 has a field more than the header.
    let (_dir, session) = one_object("version srcaddr\n2 10.0.0.1\n2 10.0.0.2 extra\n");
    session.register_logs("t", "s3://b").await.unwrap();
    let err = csv(&session, "SELECT count(srcaddr) FROM t")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(name) && err.contains("line 3"), "{err}");
    assert!(!err.contains("Arrow") && !err.contains("External"), "{err}");

    // The gzip stream ends early: the header reads, the rest does not.
    let mut text = String::from("version srcaddr\n");
    for i in 0..5000 {
        text.push_str(&format!("2 10.0.{}.{}\n", i / 250, i % 250));
    }
    let (dir, session) = one_object(&text);
    let path = std::fs::read_dir(
        dir.path()
            .join("b/AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/19"),
    )
    .unwrap()
    .next()
    .unwrap()
    .unwrap()
    .path();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    session.register_logs("t", "s3://b").await.unwrap();
    let err = csv(&session, "SELECT count(srcaddr) FROM t")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(name), "{err}");
}

/// Writes `text` gzip-compressed as a text flow log of account 123456789010 on 2026-11-19,
/// its file name ending in `_<tag>.log.gz`.
fn write_object(root: &Path, tag: &str, text: &str) {
    let day = root.join("AWSLogs/123456789010/vpcflowlogs/us-east-1/2026/11/19");
    std::fs::create_dir_all(&day).unwrap();
    let name =
        format!("123456789010_vpcflowlogs_us-east-1_fl-1234abcd_20261119T0000Z_{tag}.log.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::write(day.join(name), gz.finish().unwrap()).unwrap();
}

/// The records peer parsers test with (AWS's documentation samples and the formats they
/// cover, recreated here: shared/reference/peer-parsers.md), read by header in one table.
#[tokio::test]
async fn peer_parsers_cases_read_to_the_same_fields() {
    let dir = tempfile::tempdir().unwrap();
    // AWS's default format: an accepted SSH flow, ICMP, a NODATA record.
    write_object(
        dir.path(),
        "a0000001",
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n\
         2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n\
         2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK\n\
         2 12345678910 eni-0eb1e4178af74336c - - - - - - - 1431280876 1431280934 - NODATA\n",
    );
    // Version 5 fields in a custom order, services named, traffic-path not applicable.
    write_object(
        dir.path(),
        "a0000002",
        "version srcaddr dstaddr srcport dstport protocol start end type packets bytes account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type sublocation-id action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service traffic-path flow-direction log-status\n\
         5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK\n",
    );
    // Fields in alphabetical order (as one Python reader's fixtures have them).
    write_object(
        dir.path(),
        "a0000003",
        "account-id action bytes dstaddr dstport end interface-id log-status packets protocol srcaddr srcport start version\n\
         123456789010 REJECT 40 192.0.2.1 3389 1439387264 eni-102010ab OK 1 6 198.51.100.1 49152 1439387263 2\n",
    );
    // A Transit Gateway flow log: other fields, never rows of this table.
    write_object(
        dir.path(),
        "a0000004",
        "version account-id tgw-id tgw-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status\n\
         6 123456789010 tgw-0123 tgw-attach-0123 10.0.0.1 10.0.0.2 1 2 6 3 4 1616729292 1616729349 OK\n",
    );
    let session = FlowLogSession::new(SessionOptions::default());
    session
        .register_logs("t", dir.path().to_str().unwrap())
        .await
        .unwrap();
    let out = csv(
        &session,
        "SELECT account_id, srcaddr, srcport, protocol, packets, bytes, \
         format_datetime(from_unixtime(start), 'yyyy-MM-dd HH:mm:ss'), action, log_status, \
         tcp_flags, pkt_src_aws_service, pkt_dst_aws_service, traffic_path, flow_direction \
         FROM t ORDER BY start",
    )
    .await
    .unwrap();
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "\"123456789010\",\"172.31.16.139\",\"20641\",\"6\",\"20\",\"4249\",\"2014-12-14 04:06:50\",\"ACCEPT\",\"OK\",,,,,",
            "\"12345678910\",\"-\",,,,,\"2015-05-10 18:01:16\",\"-\",\"NODATA\",,,,,",
            "\"123456789010\",\"203.0.113.12\",\"0\",\"1\",\"4\",\"336\",\"2015-05-29 16:30:27\",\"ACCEPT\",\"OK\",,,,,",
            "\"123456789010\",\"198.51.100.1\",\"49152\",\"6\",\"1\",\"40\",\"2015-08-12 13:47:43\",\"REJECT\",\"OK\",,,,,",
            "\"123456789012\",\"52.95.128.179\",\"80\",\"6\",\"14\",\"15044\",\"2021-03-26 03:28:12\",\"ACCEPT\",\"OK\",\"19\",\"S3\",\"-\",,\"ingress\"",
        ]
    );
}

/// Fields past version 5 (ECS, reject-reason) are read where a table declares them.
#[tokio::test]
async fn version_7_and_8_fields_are_read_by_a_table_that_declares_them() {
    let dir = tempfile::tempdir().unwrap();
    write_object(
        dir.path(),
        "b0000001",
        "version account-id srcaddr dstaddr action log-status ecs-cluster-name ecs-service-name reject-reason\n\
         8 123456789010 2a02:cf40:: 1.128.0.0 REJECT OK backend-cluster payments-service BPA\n\
         8 123456789010 10.0.0.1 10.0.0.2 ACCEPT OK - - -\n",
    );
    let session = FlowLogSession::new(SessionOptions {
        mirrors: vec![Mirror::new("s3://b", dir.path()).unwrap()],
        table: TableOptions {
            accept_text: true,
            ..TableOptions::default()
        },
        ..SessionOptions::default()
    });
    session
        .register_ddl(
            "CREATE EXTERNAL TABLE v8 (version int, srcaddr string, action string, \
             ecs_service_name string, reject_reason string) STORED AS PARQUET \
             LOCATION 's3://b/AWSLogs/'",
        )
        .unwrap();
    let out = csv(
        &session,
        "SELECT srcaddr, ecs_service_name, reject_reason FROM v8 ORDER BY srcaddr",
    )
    .await
    .unwrap();
    assert_eq!(
        out,
        "\"srcaddr\",\"ecs_service_name\",\"reject_reason\"\n\
         \"10.0.0.1\",\"-\",\"-\"\n\
         \"2a02:cf40::\",\"payments-service\",\"BPA\"\n"
    );
}

/// A table found with no DDL takes its columns from a flow log's format when given one.
#[tokio::test]
async fn a_log_format_names_the_columns_of_a_discovered_table() {
    let dir = tempfile::tempdir().unwrap();
    write_object(
        dir.path(),
        "c0000001",
        "version account-id srcaddr action ecs-service-name reject-reason\n\
         8 123456789010 2a02:cf40:: REJECT payments-service BPA\n",
    );
    let format = flowlog_core::provision::fields::LogFormat::parse(
        "${version} ${srcaddr} ${region} ${ecs-service-name} ${reject-reason}",
    )
    .unwrap();
    let session = FlowLogSession::new(SessionOptions {
        table: TableOptions {
            log_format: Some(format),
            ..TableOptions::default()
        },
        ..SessionOptions::default()
    });
    session
        .register_logs("t", dir.path().to_str().unwrap())
        .await
        .unwrap();
    let out = csv(&session, "SELECT * FROM t").await.unwrap();
    assert_eq!(
        out,
        "\"version\",\"srcaddr\",\"ecs_service_name\",\"reject_reason\",\"account\",\"region\",\"date\"\n\
         \"8\",\"2a02:cf40::\",\"payments-service\",\"BPA\",\"123456789010\",\"us-east-1\",\"2026/11/19\"\n"
    );
}
