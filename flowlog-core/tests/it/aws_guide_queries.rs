//! The Athena user guide's "Querying Amazon VPC flow logs" examples run unchanged.
//!
//! Source: awsdocs/amazon-athena-user-guide `doc_source/vpc-flow-logs.md`, kept verbatim in
//! `testdata/aws-queries/athena-user-guide-vpc-flow-logs.sql` (commit in its header). The
//! page gives two tables with queries:
//!
//! - `vpc_flow_logs`, text, partitioned by a `date`-typed column loaded with
//!   `ALTER TABLE ADD PARTITION`, which flowlog accepts but does not record: the DDL is
//!   parsed, and the table is built from the parsed columns over a Parquet file written
//!   here, with `date` stored as a DATE column.
//! - `test_table_vpclogs`, text, with partition projection. Its DDL runs with the two
//!   fill-ins the page asks for (bucket, account id) over text objects (`.log.gz`) in the
//!   AWS key layout, and again with `STORED AS PARQUET` for the `ROW FORMAT DELIMITED`
//!   clause over Parquet objects of the same rows, read through a mirror of
//!   `s3://DOC-EXAMPLE-BUCKET`.
//!
//! The expected answers are worked out by hand from the rows below.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow::array::{ArrayRef, Date32Array, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use chrono::{Days, NaiveDate, TimeZone, Utc};
use flowlog_core::ddl::parse_create_table;
use flowlog_core::schema::arrow_type;
use flowlog_core::storage::Mirror;
use flowlog_core::{FlowLogSession, SessionOptions};

use crate::support::{csv, fixture_blocks, write_parquet, write_text_log};

const FIXTURE: &str = "athena-user-guide-vpc-flow-logs.sql";

/// One generated flow: the columns the page's queries look at.
#[derive(Clone)]
struct Flow {
    day: NaiveDate,
    region: &'static str,
    interface_id: &'static str,
    srcaddr: &'static str,
    dstaddr: &'static str,
    dstport: i32,
    protocol: i64,
    packets: i64,
    action: &'static str,
    start: i64,
}

fn flow(
    day: &str,
    region: &'static str,
    interface_id: &'static str,
    (srcaddr, dstaddr, dstport): (&'static str, &'static str, i32),
    (protocol, packets, action): (i64, i64, &'static str),
) -> Flow {
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("valid day");
    let start = Utc
        .from_utc_datetime(&day.and_hms_opt(10, 0, 0).expect("valid time"))
        .timestamp();
    Flow {
        day,
        region,
        interface_id,
        srcaddr,
        dstaddr,
        dstport,
        protocol,
        packets,
        action,
        start,
    }
}

/// A column of `flows` for the DDL column `name`: the generated value where the flow has
/// one, a fixed filler otherwise.
fn column(name: &str, data_type: &DataType, flows: &[Flow]) -> ArrayRef {
    let strings = |f: &dyn Fn(&Flow) -> String| -> ArrayRef {
        Arc::new(StringArray::from(flows.iter().map(f).collect::<Vec<_>>()))
    };
    match (name, data_type) {
        ("interface_id", _) => strings(&|f| f.interface_id.to_string()),
        ("srcaddr" | "pkt_srcaddr", _) => strings(&|f| f.srcaddr.to_string()),
        ("dstaddr" | "pkt_dstaddr", _) => strings(&|f| f.dstaddr.to_string()),
        ("action", _) => strings(&|f| f.action.to_string()),
        ("region", _) => strings(&|f| f.region.to_string()),
        ("account_id", _) => strings(&|_| "111122223333".to_string()),
        ("log_status", _) => strings(&|_| "OK".to_string()),
        ("date", DataType::Date32) => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
            Arc::new(Date32Array::from(
                flows
                    .iter()
                    .map(|f| (f.day - epoch).num_days() as i32)
                    .collect::<Vec<_>>(),
            ))
        }
        ("dstport", DataType::Int32) => Arc::new(Int32Array::from(
            flows.iter().map(|f| f.dstport).collect::<Vec<_>>(),
        )),
        ("srcport", DataType::Int32) => Arc::new(Int32Array::from(vec![49152; flows.len()])),
        ("protocol", DataType::Int64) => Arc::new(Int64Array::from(
            flows.iter().map(|f| f.protocol).collect::<Vec<_>>(),
        )),
        ("packets", DataType::Int64) => Arc::new(Int64Array::from(
            flows.iter().map(|f| f.packets).collect::<Vec<_>>(),
        )),
        ("bytes", DataType::Int64) => Arc::new(Int64Array::from(
            flows.iter().map(|f| f.packets * 100).collect::<Vec<_>>(),
        )),
        ("start", DataType::Int64) => Arc::new(Int64Array::from(
            flows.iter().map(|f| f.start).collect::<Vec<_>>(),
        )),
        ("end", DataType::Int64) => Arc::new(Int64Array::from(
            flows.iter().map(|f| f.start + 60).collect::<Vec<_>>(),
        )),
        (_, DataType::Int32) => Arc::new(Int32Array::from(vec![2; flows.len()])),
        (_, DataType::Int64) => Arc::new(Int64Array::from(vec![0; flows.len()])),
        (_, DataType::Utf8) => strings(&|_| "-".to_string()),
        (other, t) => panic!("no generator for column {other} of type {t}"),
    }
}

/// A batch with the given columns (name, Hive type as Arrow) over `flows`.
fn batch(fields: &[(String, DataType)], flows: &[Flow]) -> RecordBatch {
    let schema = Arc::new(Schema::new(
        fields
            .iter()
            .map(|(n, t)| Field::new(n, t.clone(), true))
            .collect::<Vec<_>>(),
    ));
    let columns = fields.iter().map(|(n, t)| column(n, t, flows)).collect();
    RecordBatch::try_new(schema, columns).expect("valid batch")
}

fn blocks() -> BTreeMap<String, String> {
    let all = fixture_blocks(FIXTURE);
    assert_eq!(all.len(), 12, "2 DDL statements and 10 queries on the page");
    all.into_iter()
        .map(|(kind, name, text)| (format!("{kind} {name}"), text))
        .collect()
}

async fn rows(session: &FlowLogSession, sql: &str) -> Vec<String> {
    let text = csv(session, sql)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{sql}"));
    text.lines().skip(1).map(str::to_string).collect()
}

#[tokio::test]
async fn date_partitioned_table_examples_run_unchanged() {
    let blocks = blocks();
    let ddl_text = &blocks["ddl vpc_flow_logs"];
    // As written, the LOCATION holds the page's placeholders, and flowlog says so.
    let session = FlowLogSession::new(SessionOptions::default());
    let err = session.register_ddl(ddl_text).unwrap_err().to_string();
    assert!(
        err.contains("{account_id}") && err.contains("not filled in"),
        "{err}"
    );
    // The same columns over Parquet.
    let ddl = parse_create_table(ddl_text).expect("the page's DDL parses");
    let fields: Vec<(String, DataType)> = ddl
        .columns
        .iter()
        .chain(&ddl.partition_columns)
        .map(|c| (c.name.clone(), arrow_type(&c.data_type)))
        .collect();
    assert_eq!(fields.len(), 30);
    assert_eq!(fields[29], ("date".to_string(), DataType::Date32));
    let flows = date_flows();
    let dir = tempfile::tempdir().unwrap();
    write_parquet(&dir.path().join("flows.parquet"), &batch(&fields, &flows));
    session
        .context()
        .register_parquet(
            "vpc_flow_logs",
            dir.path().to_str().unwrap(),
            Default::default(),
        )
        .await
        .unwrap();

    date_examples(&session, &blocks).await;
}

/// The flows of the date-partitioned examples: some on the page's fixed dates, some in the
/// last week (the page's queries are relative to today).
fn date_flows() -> Vec<Flow> {
    let today = Utc::now().date_naive();
    let ago = |n: u64| {
        today
            .checked_sub_days(Days::new(n))
            .expect("valid day")
            .format("%Y-%m-%d")
            .to_string()
    };
    let r = "us-east-1";
    vec![
        // 2020-05-04 is a Monday (ISO day 1), 2020-05-09 a Saturday (6).
        flow(
            "2020-05-04",
            r,
            "eni-1",
            ("10.0.0.1", "10.0.0.9", 22),
            (6, 3, "REJECT"),
        ),
        flow(
            "2020-05-04",
            r,
            "eni-1",
            ("10.0.0.2", "10.0.0.9", 22),
            (6, 4, "ACCEPT"),
        ),
        flow(
            "2020-05-09",
            r,
            "eni-2",
            ("10.0.0.3", "10.0.0.9", 22),
            (6, 5, "REJECT"),
        ),
        flow(
            "2020-05-10",
            r,
            "eni-2",
            ("10.0.0.4", "10.0.0.9", 53),
            (17, 6, "REJECT"),
        ),
        // The last week: packets to port 443.
        flow(
            &ago(1),
            r,
            "eni-3",
            ("10.1.0.1", "10.0.0.5", 443),
            (6, 10, "ACCEPT"),
        ),
        flow(
            &ago(3),
            r,
            "eni-3",
            ("10.1.0.2", "10.0.0.5", 443),
            (6, 5, "ACCEPT"),
        ),
        flow(
            &ago(2),
            r,
            "eni-3",
            ("10.1.0.3", "10.0.0.6", 443),
            (6, 7, "ACCEPT"),
        ),
        // Exactly seven days ago is not "> current_date - interval '7' day".
        flow(
            &ago(7),
            r,
            "eni-3",
            ("10.1.0.4", "10.0.0.5", 443),
            (6, 1000, "ACCEPT"),
        ),
        flow(
            &ago(1),
            r,
            "eni-3",
            ("10.1.0.5", "10.0.0.7", 80),
            (6, 99, "ACCEPT"),
        ),
    ]
}

/// The page's three queries on `vpc_flow_logs`, checked against the answers worked out
/// from [`date_flows`].
async fn date_examples(session: &FlowLogSession, blocks: &BTreeMap<String, String>) {
    let first = rows(session, &blocks["query date-partition-first-100"]).await;
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(
        first.iter().all(|r| r.ends_with(",\"2020-05-04\"")),
        "{first:?}"
    );

    let mut rejected = rows(session, &blocks["query rejected-tcp-day-of-week"]).await;
    rejected.sort();
    assert_eq!(
        rejected,
        [
            r#""1","2020-05-04","eni-1","10.0.0.1","REJECT","6""#,
            r#""6","2020-05-09","eni-2","10.0.0.3","REJECT","6""#,
        ]
    );

    let https = rows(session, &blocks["query top-https-last-week"]).await;
    assert_eq!(https, [r#""15","10.0.0.5""#, r#""7","10.0.0.6""#]);
}

/// The page's text table exactly as the page sets it up: its DDL with the two fill-ins the
/// page asks for, one `ALTER TABLE … ADD PARTITION (`date`='…') LOCATION '…/yyyy/MM/dd'` per
/// day as the page shows, and text objects (`.log.gz`) in the AWS key layout.
#[tokio::test]
async fn date_partitioned_text_table_runs_unchanged_with_its_partitions_added() {
    let blocks = blocks();
    let ddl_text = blocks["ddl vpc_flow_logs"]
        .replace("{account_id}", "111122223333")
        .replace("{region_code}", "us-east-1");
    let ddl = parse_create_table(&ddl_text).expect("the page's DDL parses");
    let fields: Vec<(String, DataType)> = ddl
        .columns
        .iter()
        .map(|c| (c.name.clone(), arrow_type(&c.data_type)))
        .collect();
    let flows = date_flows();
    let bucket = tempfile::tempdir().unwrap();
    let session = FlowLogSession::new(SessionOptions {
        mirrors: vec![Mirror::new("s3://DOC-EXAMPLE-BUCKET", bucket.path()).unwrap()],
        ..SessionOptions::default()
    });
    assert_eq!(session.register_ddl(&ddl_text).unwrap(), "vpc_flow_logs");
    let mut days: Vec<NaiveDate> = flows.iter().map(|f| f.day).collect();
    days.sort();
    days.dedup();
    for day in days {
        let folder = format!(
            "prefix/AWSLogs/111122223333/vpcflowlogs/us-east-1/{}",
            day.format("%Y/%m/%d")
        );
        let on_day: Vec<Flow> = flows.iter().filter(|f| f.day == day).cloned().collect();
        write_text_log(
            &bucket.path().join(&folder).join(format!(
                "111122223333_vpcflowlogs_us-east-1_fl-0_{}_0.log.gz",
                day.format("%Y%m%dT0000Z")
            )),
            &batch(&fields, &on_day),
        );
        let added = rows(
            &session,
            &format!(
                "ALTER TABLE vpc_flow_logs\nADD PARTITION (`date`='{}')\nLOCATION 's3://DOC-EXAMPLE-BUCKET/{folder}';",
                day.format("%Y-%m-%d")
            ),
        )
        .await;
        assert_eq!(
            added,
            [r#""ALTER TABLE ADD PARTITION default.vpc_flow_logs: 1 partition added""#]
        );
    }
    date_examples(&session, &blocks).await;
}

/// The page's DDL with what the page asks the reader to fill in; with `parquet`, Parquet
/// storage instead of its text format.
fn projected_ddl(page: &str, parquet: bool) -> String {
    let filled = page
        .replace("${account_id}", "111122223333")
        .replace("{account_id}", "111122223333");
    if !parquet {
        return filled;
    }
    let filled = filled.replace(
        "ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '",
        "STORED AS PARQUET",
    );
    assert!(filled.contains("STORED AS PARQUET"));
    filled
}

#[tokio::test]
async fn partition_projection_examples_run_unchanged() {
    projection_examples(true).await;
}

/// The page's own text table, over text objects (`.log.gz`, header, space-separated).
#[tokio::test]
async fn partition_projection_examples_run_unchanged_over_text_objects() {
    projection_examples(false).await;
}

async fn projection_examples(parquet: bool) {
    let blocks = blocks();
    let ddl_text = projected_ddl(&blocks["ddl test_table_vpclogs"], parquet);
    let ddl = parse_create_table(&ddl_text).expect("the page's DDL parses");
    let fields: Vec<(String, DataType)> = ddl
        .columns
        .iter()
        .map(|c| (c.name.clone(), arrow_type(&c.data_type)))
        .collect();
    let (e1, w2, s1, eu) = ("us-east-1", "us-west-2", "ap-south-1", "eu-west-1");
    let (acc, rej) = ("ACCEPT", "REJECT");
    let mut flows = vec![
        flow(
            "2021-01-15",
            e1,
            "eni-a",
            ("10.117.1.22", "10.0.1.14", 443),
            (6, 10, acc),
        ),
        flow(
            "2021-01-31",
            w2,
            "eni-b",
            ("10.1.2.3", "10.0.1.14", 22),
            (6, 5, acc),
        ),
        flow(
            "2021-02-01",
            e1,
            "eni-a",
            ("10.117.1.22", "10.0.2.20", 80),
            (6, 7, rej),
        ),
        flow(
            "2021-02-10",
            eu,
            "eni-c",
            ("192.168.0.9", "10.0.1.14", 3389),
            (6, 3, rej),
        ),
        flow(
            "2021-02-27",
            s1,
            "eni-d",
            ("10.117.9.9", "8.8.8.8", 53),
            (17, 2, rej),
        ),
        flow(
            "2021-02-28",
            e1,
            "eni-a",
            ("10.117.1.22", "10.0.2.20", 443),
            (6, 4, rej),
        ),
        flow(
            "2021-03-05",
            e1,
            "eni-a",
            ("10.117.1.22", "10.0.1.14", 443),
            (6, 100, acc),
        ),
        flow(
            "2021-03-12",
            w2,
            "eni-b",
            ("10.1.2.3", "10.0.1.15", 443),
            (6, 30, acc),
        ),
        flow(
            "2021-03-20",
            e1,
            "eni-a",
            ("10.118.0.1", "10.0.1.15", 443),
            (6, 50, acc),
        ),
        flow(
            "2021-03-31",
            e1,
            "eni-a",
            ("10.117.1.22", "10.0.1.14", 443),
            (6, 1000, acc),
        ),
        flow(
            "2021-04-10",
            e1,
            "eni-e",
            ("10.20.0.1", "10.0.1.14", 443),
            (6, 1, acc),
        ),
        // Not projected: a region outside the enum, a day after NOW.
        flow(
            "2021-02-15",
            "eu-central-1",
            "eni-f",
            ("10.117.5.5", "10.0.1.14", 443),
            (6, 1, rej),
        ),
        flow(
            "2021-05-02",
            e1,
            "eni-g",
            ("10.117.3.3", "10.0.1.14", 443),
            (6, 1, rej),
        ),
    ];
    // 2021-04-10T12:34:56Z.
    flows[10].start = 1_618_058_096;
    let bucket = tempfile::tempdir().unwrap();
    for (i, f) in flows.iter().enumerate() {
        let key = format!(
            "prefix/AWSLogs/111122223333/vpcflowlogs/{}/{}/111122223333_vpcflowlogs_{}_fl-0_{}_{i}.log.{}",
            f.region,
            f.day.format("%Y/%m/%d"),
            f.region,
            f.day.format("%Y%m%dT1000Z"),
            if parquet { "parquet" } else { "gz" },
        );
        let rows = batch(&fields, std::slice::from_ref(f));
        if parquet {
            write_parquet(&bucket.path().join(key), &rows);
        } else {
            write_text_log(&bucket.path().join(key), &rows);
        }
    }
    let session = FlowLogSession::new(SessionOptions {
        now: Utc.with_ymd_and_hms(2021, 5, 1, 12, 0, 0).unwrap(),
        mirrors: vec![Mirror::new("s3://DOC-EXAMPLE-BUCKET", bucket.path()).unwrap()],
        ..SessionOptions::default()
    });
    assert_eq!(
        session.register_ddl(&ddl_text).unwrap(),
        "test_table_vpclogs"
    );
    let q = |name: &str| blocks[&format!("query {name}")].clone();
    let day = |r: &str| r.rsplit(',').next().unwrap().to_string();

    // February 1 up to (not including) February 28, by day.
    let feb = rows(&session, &q("pp-first-100-chronological")).await;
    assert_eq!(
        feb.iter().map(|r| day(r)).collect::<Vec<_>>(),
        [r#""2021/02/01""#, r#""2021/02/10""#, r#""2021/02/27""#]
    );

    let march = rows(&session, &q("pp-top-https-march")).await;
    assert_eq!(march, [r#""100","10.0.1.14""#, r#""80","10.0.1.15""#]);

    let april = rows(&session, &q("pp-iso8601-times-april")).await;
    assert_eq!(
        april,
        [
            r#""eni-e","10.20.0.1","ACCEPT","6","2021-04-10T12:34:56.000Z","2021-04-10T12:35:56.000Z""#
        ]
    );

    let source = rows(&session, &q("pp-source-ip-february")).await;
    assert_eq!(source.len(), 1, "{source:?}");
    assert!(source[0].contains(r#""10.117.1.22","10.0.2.20""#));
    assert_eq!(day(&source[0]), r#""2021/02/01""#);

    let mut tcp = rows(&session, &q("pp-rejected-tcp-february")).await;
    tcp.sort();
    assert_eq!(
        tcp,
        [
            r#""2021/02/01","eni-a","10.117.1.22","REJECT","6""#,
            r#""2021/02/10","eni-c","192.168.0.9","REJECT","6""#,
        ]
    );

    let mut range: Vec<String> = rows(&session, &q("pp-range-10-117"))
        .await
        .iter()
        .map(|r| day(r))
        .collect();
    range.sort();
    assert_eq!(
        range,
        [
            r#""2021/01/15""#,
            r#""2021/02/01""#,
            r#""2021/02/27""#,
            r#""2021/02/28""#,
            r#""2021/03/05""#,
            r#""2021/03/31""#,
        ]
    );

    let dest = rows(&session, &q("pp-destination-ip-january")).await;
    assert_eq!(dest.len(), 1, "{dest:?}");
    assert_eq!(day(&dest[0]), r#""2021/01/15""#);
}
