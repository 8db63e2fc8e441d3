//! The queries AWS publishes for VPC flow logs run unchanged.
//!
//! Source: awslabs/aws-security-analytics-bootstrap,
//! `AWSSecurityAnalyticsBootstrap/sql/dml/analytics/vpcflow/vpcflow_demo_queries.sql`
//! (Apache-2.0), kept verbatim in `testdata/aws-queries/vpcflow_demo_queries.sql`. They
//! run against a table with the columns of the same project's
//! `create_vpcflowlog_table.sql` over the rows generated below.

use std::path::Path;
use std::sync::Arc;

use arrow::array::{ArrayRef, Int16Array, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use flowlog_core::{FlowLogSession, SessionOptions};

/// One generated row: (source, destination, source port, destination port, bytes,
/// instance, log status).
type Row = (
    Option<&'static str>,
    Option<&'static str>,
    i32,
    i32,
    i64,
    &'static str,
    &'static str,
);

const ROWS: [Row; 6] = [
    (
        Some("192.0.2.1"),
        Some("203.0.113.2"),
        50000,
        443,
        1000,
        "i-000000000000000",
        "OK",
    ),
    (
        Some("203.0.113.2"),
        Some("192.0.2.1"),
        443,
        50000,
        5000,
        "i-000000000000000",
        "OK",
    ),
    (
        Some("172.16.0.5"),
        Some("172.31.0.9"),
        40000,
        22,
        300,
        "i-000000000000001",
        "OK",
    ),
    (
        Some("172.16.0.5"),
        Some("8.8.8.8"),
        40001,
        53,
        120,
        "i-000000000000001",
        "OK",
    ),
    (
        Some("192.0.2.254"),
        Some("192.0.2.1"),
        123,
        123,
        76,
        "i-000000000000002",
        "OK",
    ),
    (None, None, 0, 0, 0, "i-000000000000003", "NODATA"),
];

fn table() -> MemTable {
    let strings = [
        "account",
        "interfaceid",
        "sourceaddress",
        "destinationaddress",
    ];
    let mut fields = vec![Field::new("version", DataType::Int32, true)];
    fields.extend(strings.iter().map(|n| Field::new(*n, DataType::Utf8, true)));
    for n in ["sourceport", "destinationport", "protocol", "numpackets"] {
        fields.push(Field::new(n, DataType::Int32, true));
    }
    fields.push(Field::new("numbytes", DataType::Int64, true));
    fields.push(Field::new("starttime", DataType::Int32, true));
    fields.push(Field::new("endtime", DataType::Int32, true));
    for n in ["action", "logstatus", "vpcid", "subnetid", "instanceid"] {
        fields.push(Field::new(n, DataType::Utf8, true));
    }
    fields.push(Field::new("tcpflags", DataType::Int16, true));
    for n in [
        "type",
        "pktsrcaddr",
        "pktdstaddr",
        "region",
        "azid",
        "sublocationtype",
        "sublocationid",
        "pktsrcawsservice",
        "pktdstawsservice",
        "flowdirection",
        "trafficpath",
        "date_partition",
        "region_partition",
        "account_partition",
    ] {
        fields.push(Field::new(n, DataType::Utf8, true));
    }
    let schema = Arc::new(Schema::new(fields));
    let n = ROWS.len();
    let text = |v: &str| -> ArrayRef { Arc::new(StringArray::from(vec![v; n])) };
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from(vec![5; n])),
        text("111122223333"),
        text("eni-0123456789abcdef0"),
        Arc::new(StringArray::from(
            ROWS.iter().map(|r| r.0).collect::<Vec<_>>(),
        )),
        Arc::new(StringArray::from(
            ROWS.iter().map(|r| r.1).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(
            ROWS.iter().map(|r| r.2).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(
            ROWS.iter().map(|r| r.3).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(vec![6; n])),
        Arc::new(Int32Array::from(vec![3; n])),
        Arc::new(Int64Array::from(
            ROWS.iter().map(|r| r.4).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(
            (0..n as i32).map(|i| 1_594_000_000 + i).collect::<Vec<_>>(),
        )),
        Arc::new(Int32Array::from(
            (0..n as i32).map(|i| 1_594_000_060 + i).collect::<Vec<_>>(),
        )),
        text("ACCEPT"),
        Arc::new(StringArray::from(
            ROWS.iter().map(|r| r.6).collect::<Vec<_>>(),
        )),
        text("vpc-0123"),
        text("subnet-0123"),
        Arc::new(StringArray::from(
            ROWS.iter().map(|r| r.5).collect::<Vec<_>>(),
        )),
        Arc::new(Int16Array::from(vec![2; n])),
        text("IPv4"),
        Arc::new(StringArray::from(
            ROWS.iter().map(|r| r.0).collect::<Vec<_>>(),
        )),
        Arc::new(StringArray::from(
            ROWS.iter().map(|r| r.1).collect::<Vec<_>>(),
        )),
        text("us-east-1"),
        text("use1-az1"),
        text("-"),
        text("-"),
        text("-"),
        text("-"),
        text("ingress"),
        text("1"),
        text("2020/07/15"),
        text("us-east-1"),
        text("111122223333"),
    ];
    columns.truncate(schema.fields().len());
    let batch = RecordBatch::try_new(Arc::clone(&schema), columns).expect("valid batch");
    MemTable::try_new(schema, vec![vec![batch]]).expect("valid table")
}

/// The published file's queries, split where a line starts with `SELECT`.
fn queries() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/aws-queries/vpcflow_demo_queries.sql");
    let text = std::fs::read_to_string(path).expect("fixture exists");
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.to_ascii_uppercase().starts_with("SELECT") {
            out.push(String::new());
        }
        if let Some(q) = out.last_mut() {
            q.push_str(line);
            q.push('\n');
        }
    }
    out.into_iter()
        .map(|q| q.trim().trim_end_matches(';').to_string())
        .collect()
}

/// Queries that fail on Athena too: `vpcflow.event_date` and `flow_direction` are not
/// columns of the project's own table (`flowdirection` is).
const BROKEN_UPSTREAM: [&str; 2] = ["vpcflow.event_date", "flow_direction,"];

#[tokio::test]
async fn security_analytics_bootstrap_demo_queries_run_unchanged() {
    let session = FlowLogSession::new(SessionOptions::default());
    session
        .context()
        .register_table("vpcflow", Arc::new(table()))
        .expect("registered");
    let all = queries();
    assert_eq!(all.len(), 19, "every published query is found");
    let mut ran = 0;
    for q in &all {
        let expect_failure = BROKEN_UPSTREAM.iter().any(|b| q.contains(b));
        let result = async {
            let df = session.run_script(q).await?.expect("a query");
            Ok::<_, flowlog_core::Error>(df.collect().await?)
        }
        .await;
        match result {
            Ok(_) if expect_failure => panic!("expected to fail as on Athena:\n{q}"),
            Ok(_) => ran += 1,
            Err(e) if expect_failure => assert!(
                e.to_string().contains("event_date") || e.to_string().contains("flow_direction"),
                "{e}"
            ),
            Err(e) => panic!("{e}\n{q}"),
        }
    }
    assert_eq!(ran, 17);
}

#[tokio::test]
async fn the_172_16_internal_query_finds_the_internal_flow() {
    let session = FlowLogSession::new(SessionOptions::default());
    session
        .context()
        .register_table("vpcflow", Arc::new(table()))
        .expect("registered");
    let all = queries();
    let internal = all
        .iter()
        .find(|q| q.contains("AND contains('172.16.0.0/12', cast(destinationaddress"))
        .expect("published query");
    let rows = session
        .run_script(internal)
        .await
        .unwrap()
        .unwrap()
        .collect()
        .await
        .unwrap();
    // Only 172.16.0.5 -> 172.31.0.9 has both ends in 172.16.0.0/12.
    assert_eq!(rows.iter().map(|b| b.num_rows()).sum::<usize>(), 1);
    let except = all
        .iter()
        .find(|q| q.contains("AND NOT (contains('172.16.0.0/12'"))
        .expect("published query");
    let rows = session
        .run_script(except)
        .await
        .unwrap()
        .unwrap()
        .collect()
        .await
        .unwrap();
    // The five OK rows minus the internal one.
    assert_eq!(rows.iter().map(|b| b.num_rows()).sum::<usize>(), 4);
}
