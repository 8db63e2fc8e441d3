//! Named queries of the VPC console's Athena integration run unchanged.
//!
//! AWS's generated template is not public; four of its named queries are reproduced in
//! olkitu/aws-terraform `modules/vpc-flow-log-athena/main.tf`, kept verbatim in
//! `testdata/aws-queries/vpc-console-athena-integration.sql` (commit in its header).
//! Terraform replaces `${aws_glue_catalog_table.vpc_flow_logs.name}` by the table name;
//! so does this test. The table has the module's Glue columns (text there, Parquet here:
//! flowlog reads Parquet only), with a NODATA row whose addresses are `-` and whose
//! numbers are NULL, as LazySimpleSerDe reads a `-` in a number column.
//!
//! The expected answers are worked out by hand from the rows below.

use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::DataType;
use flowlog_core::{FlowLogSession, SessionOptions};

use crate::support::{csv, fixture_blocks, schema, write_parquet};

const TABLE_REFERENCE: &str = "${aws_glue_catalog_table.vpc_flow_logs.name}";

/// (srcaddr, dstaddr, srcport, dstport, bytes, action, start)
type Row = (
    &'static str,
    &'static str,
    Option<i32>,
    Option<i32>,
    Option<i64>,
    &'static str,
    i64,
);

const ROWS: [Row; 7] = [
    (
        "10.0.0.1",
        "10.0.0.2",
        Some(50000),
        Some(22),
        Some(100),
        "ACCEPT",
        300,
    ),
    (
        "10.0.0.1",
        "10.0.0.2",
        Some(50001),
        Some(443),
        Some(200),
        "ACCEPT",
        100,
    ),
    (
        "10.0.0.3",
        "10.0.0.1",
        Some(3389),
        Some(60000),
        Some(50),
        "ACCEPT",
        200,
    ),
    (
        "198.51.100.7",
        "10.0.0.1",
        Some(40000),
        Some(22),
        Some(40),
        "REJECT",
        400,
    ),
    (
        "198.51.100.7",
        "10.0.0.1",
        Some(40001),
        Some(23),
        Some(40),
        "REJECT",
        500,
    ),
    (
        "203.0.113.9",
        "10.0.0.2",
        Some(40002),
        Some(3389),
        Some(60),
        "REJECT",
        50,
    ),
    ("-", "-", None, None, None, "-", 600),
];

fn batch() -> RecordBatch {
    use DataType::{Int32, Int64, Utf8};
    let schema = schema(&[
        ("version", Int32),
        ("account_id", Utf8),
        ("interface_id", Utf8),
        ("srcaddr", Utf8),
        ("dstaddr", Utf8),
        ("srcport", Int32),
        ("dstport", Int32),
        ("protocol", Int32),
        ("packets", Int64),
        ("bytes", Int64),
        ("start", Int64),
        ("end", Int64),
        ("action", Utf8),
        ("log_status", Utf8),
        ("year", Utf8),
        ("month", Utf8),
        ("day", Utf8),
    ]);
    let n = ROWS.len();
    let text = |v: &str| -> ArrayRef { Arc::new(StringArray::from(vec![v; n])) };
    let strings = |f: fn(&Row) -> &'static str| -> ArrayRef {
        Arc::new(StringArray::from(ROWS.iter().map(f).collect::<Vec<_>>()))
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from(vec![2; n])),
        text("111122223333"),
        text("eni-0123456789abcdef0"),
        strings(|r| r.0),
        strings(|r| r.1),
        Arc::new(Int32Array::from(
            ROWS.iter().map(|r| r.2).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(
            ROWS.iter().map(|r| r.3).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(
            ROWS.iter()
                .map(|r| r.2.map(|_| 6))
                .collect::<Vec<Option<i32>>>(),
        )),
        Arc::new(Int64Array::from(
            ROWS.iter().map(|r| r.4.map(|_| 1)).collect::<Vec<_>>(),
        )),
        Arc::new(Int64Array::from(
            ROWS.iter().map(|r| r.4).collect::<Vec<_>>(),
        )),
        Arc::new(Int64Array::from(
            ROWS.iter().map(|r| Some(r.6)).collect::<Vec<_>>(),
        )),
        Arc::new(Int64Array::from(
            ROWS.iter()
                .map(|r| r.4.map(|_| r.6 + 60))
                .collect::<Vec<_>>(),
        )),
        strings(|r| r.5),
        strings(|r| if r.5 == "-" { "NODATA" } else { "OK" }),
        text("2025"),
        text("01"),
        text("14"),
    ];
    RecordBatch::try_new(schema, columns).expect("valid batch")
}

/// Each named query's rows in Athena's CSV format (header dropped).
async fn answers() -> Vec<(String, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    write_parquet(&dir.path().join("flows.log.parquet"), &batch());
    let session = FlowLogSession::new(SessionOptions::default());
    session
        .context()
        .register_parquet(
            "vpc_flow_logs",
            dir.path().to_str().unwrap(),
            Default::default(),
        )
        .await
        .unwrap();
    let mut out = Vec::new();
    for (kind, name, text) in fixture_blocks("vpc-console-athena-integration.sql") {
        assert_eq!(kind, "query");
        assert!(text.contains(TABLE_REFERENCE), "{name}");
        let sql = text.replace(TABLE_REFERENCE, "vpc_flow_logs");
        let result = csv(&session, &sql)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}\n{sql}"));
        let name = name.split(':').next().unwrap_or_default().to_string();
        out.push((name, result.lines().skip(1).map(str::to_string).collect()));
    }
    out
}

#[tokio::test]
async fn the_four_reproduced_named_queries_run_unchanged() {
    let answers = answers().await;
    let names: Vec<&str> = answers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "VpcFlowLogsTotalBytesTransferred",
            "VpcFlowLogsSshRdpTraffic",
            "VpcFlowLogsTopRejects",
            "VpcFlowLogsAdminPortTraffic",
        ]
    );
    // Sum of bytes per pair, ascending; the NODATA pair's sum is NULL and sorts last.
    assert_eq!(
        answers[0].1,
        [
            r#""50","10.0.0.3","10.0.0.1""#,
            r#""60","203.0.113.9","10.0.0.2""#,
            r#""80","198.51.100.7","10.0.0.1""#,
            r#""300","10.0.0.1","10.0.0.2""#,
            r#","-","-""#,
        ]
    );
    // Port 22 or 3389 at either end, by start: starts 50, 200, 300, 400.
    let starts: Vec<&str> = answers[1]
        .1
        .iter()
        .map(|r| r.split(',').nth(10).unwrap())
        .collect();
    assert_eq!(starts, [r#""50""#, r#""200""#, r#""300""#, r#""400""#]);
    assert_eq!(
        answers[2].1,
        [
            r#""198.51.100.7","10.0.0.1","2","REJECT""#,
            r#""203.0.113.9","10.0.0.2","1","REJECT""#,
        ]
    );
    // Bytes as destination plus bytes as source, per address, descending.
    assert_eq!(
        answers[3].1,
        [
            r#""10.0.0.1","430""#,
            r#""10.0.0.2","360""#,
            r#""198.51.100.7","80""#,
            r#""203.0.113.9","60""#,
            r#""10.0.0.3","50""#,
            r#""-","#,
        ]
    );
}
