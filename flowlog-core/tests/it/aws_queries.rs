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
    let batch = rows_batch(false);
    MemTable::try_new(batch.schema(), vec![vec![batch]]).expect("valid table")
}

/// The generated rows with every column of the project's table, partition columns last;
/// `dashes`: a string that does not apply is `-` (as in a text flow log) instead of NULL.
fn rows_batch(dashes: bool) -> RecordBatch {
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
    if dashes {
        columns = columns
            .into_iter()
            .map(|c| match c.as_any().downcast_ref::<StringArray>() {
                Some(s) => Arc::new(StringArray::from_iter_values(
                    s.iter().map(|v| v.unwrap_or("-")),
                )) as ArrayRef,
                None => c,
            })
            .collect();
    }
    RecordBatch::try_new(Arc::clone(&schema), columns).expect("valid batch")
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

/// The project's own DDL (`create_vpcflowlog_table.sql`: a text table with partition
/// projection) with its TODOs filled in, over text objects (`.log.gz`) holding the same
/// rows: every published query gives the answer the in-memory table gives, where a string
/// that does not apply is `-` in both (a text flow log writes `-`).
#[tokio::test]
async fn the_projects_text_table_gives_the_same_answers_over_text_objects() {
    use chrono::{TimeZone, Utc};
    use datafusion::arrow::compute::kernels::cast::cast;
    use flowlog_core::storage::Mirror;

    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../testdata/aws-queries/create_vpcflowlog_table.sql");
    let ddl = std::fs::read_to_string(fixture)
        .expect("fixture exists")
        .replace("<bucket_name>/<optional_prefix>", "central-logs/PROD")
        .replace("<YYYY>/<MM>/<DD>", "2020/07/01")
        .replace("<account_num_1>,<account_num_2>,...", "111122223333");

    // The rows as one text object in the AWS key layout, fields in the DDL's order.
    let batch = rows_batch(true);
    let data_columns = batch.num_columns() - 3;
    let data = batch
        .project(&(0..data_columns).collect::<Vec<_>>())
        .unwrap();
    // The text writer takes 32/64-bit integers: tcpflags (SMALLINT) as INT.
    let columns: Vec<ArrayRef> = data
        .columns()
        .iter()
        .map(|c| match c.data_type() {
            DataType::Int16 => cast(c, &DataType::Int32).unwrap(),
            _ => Arc::clone(c),
        })
        .collect();
    let fields: Vec<Field> = data
        .schema()
        .fields()
        .iter()
        .zip(&columns)
        .map(|(f, c)| Field::new(f.name(), c.data_type().clone(), true))
        .collect();
    let text_batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
    let bucket = tempfile::tempdir().unwrap();
    crate::support::write_text_log(
        &bucket.path().join(
            "PROD/AWSLogs/111122223333/vpcflowlogs/us-east-1/2020/07/15/\
             111122223333_vpcflowlogs_us-east-1_fl-0123456789abcdef0_20200715T0000Z_0a1b2c3d.log.gz",
        ),
        &text_batch,
    );
    let text = FlowLogSession::new(SessionOptions {
        now: Utc.with_ymd_and_hms(2020, 7, 31, 0, 0, 0).unwrap(),
        current_time: Some(Utc.with_ymd_and_hms(2020, 7, 31, 0, 0, 0).unwrap()),
        mirrors: vec![Mirror::new("s3://central-logs", bucket.path()).unwrap()],
        ..SessionOptions::default()
    });
    text.run_script(&ddl)
        .await
        .expect("the project's DDL registers");

    let memory = FlowLogSession::new(SessionOptions {
        current_time: Some(Utc.with_ymd_and_hms(2020, 7, 31, 0, 0, 0).unwrap()),
        ..SessionOptions::default()
    });
    let dashed = rows_batch(true);
    memory
        .context()
        .register_table(
            "vpcflow",
            Arc::new(MemTable::try_new(dashed.schema(), vec![vec![dashed]]).unwrap()),
        )
        .expect("registered");

    let mut compared = 0;
    for q in queries() {
        if BROKEN_UPSTREAM.iter().any(|b| q.contains(b)) {
            continue;
        }
        let sorted = |csv: String| {
            let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
            lines.sort();
            lines
        };
        let expected = sorted(crate::support::csv(&memory, &q).await.unwrap());
        let got = sorted(
            crate::support::csv(&text, &q)
                .await
                .unwrap_or_else(|e| panic!("{e}\n{q}")),
        );
        assert_eq!(got, expected, "{q}");
        compared += 1;
    }
    assert_eq!(compared, 17);
}
