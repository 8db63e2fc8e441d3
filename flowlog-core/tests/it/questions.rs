//! The built-in questions' SQL on rows written for the cases the sample lacks: which
//! source addresses count as public for `admin-exposure`, which ports name a service,
//! and the start-column period of a table without a date partition.

use flowlog_core::questions::{self, Params, Period, PeriodColumn};
use flowlog_core::{FlowLogSession, SessionOptions};

use crate::support::csv;

/// A view with the columns the questions read, one row per case.
const FLOWS: &str = "CREATE VIEW flows AS
SELECT * FROM (VALUES
  ('203.0.113.9',  '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '100', BIGINT '1795046400'),
  ('203.0.113.9',  '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '50',  BIGINT '1795046401'),
  ('198.51.100.7', '10.0.0.6', 3389,  6,  'ACCEPT', 'OK', BIGINT '70',  BIGINT '1795046402'),
  ('2001:db8::1',  '10.0.0.6', 5432,  6,  'ACCEPT', 'OK', BIGINT '7',   BIGINT '1795046403'),
  ('10.1.2.3',     '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046404'),
  ('172.16.0.1',   '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046405'),
  ('172.32.0.1',   '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '9',   BIGINT '1795046406'),
  ('192.168.9.9',  '10.0.0.5', 3306,  6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046407'),
  ('100.64.0.1',   '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046408'),
  ('100.128.0.1',  '10.0.0.5', 6379,  6,  'ACCEPT', 'OK', BIGINT '3',   BIGINT '1795046409'),
  ('fd00::1',      '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046410'),
  ('fe80::1',      '10.0.0.5', 22,    6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046411'),
  ('203.0.113.9',  '10.0.0.5', 22,    17, 'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046412'),
  ('203.0.113.9',  '10.0.0.5', 22,    6,  'REJECT', 'OK', BIGINT '1',   BIGINT '1795046413'),
  ('203.0.113.9',  '10.0.0.5', 8080,  6,  'ACCEPT', 'OK', BIGINT '1',   BIGINT '1795046414'),
  ('-',            '-',        NULL,  NULL, '-',    'NODATA', NULL,     BIGINT '1795132800')
) AS t (srcaddr, dstaddr, dstport, protocol, action, log_status, bytes, start)";

async fn session() -> FlowLogSession {
    let session = FlowLogSession::new(SessionOptions::default());
    session.run_script(FLOWS).await.expect("view");
    session
}

#[tokio::test]
async fn admin_exposure_counts_public_sources_on_admin_ports_only() {
    let session = session().await;
    let sql = questions::find("admin-exposure")
        .unwrap()
        .sql(&Params::new("flows"));
    // Public: 203.0.113.9 (TCP 22, twice), 198.51.100.7 (3389), 2001:db8::1 (5432),
    // 172.32.0.1 (outside 172.16/12), 100.128.0.1 (outside 100.64/10, Redis). Not: 10/8,
    // 172.16/12, 192.168/16, 100.64/10, fd00::/8, fe80::, UDP, REJECT, port 8080.
    assert_eq!(
        csv(&session, &sql).await.unwrap(),
        "\"service\",\"dstport\",\"srcaddr\",\"flows\",\"bytes\"\n\
         \"SSH\",\"22\",\"203.0.113.9\",\"2\",\"150\"\n\
         \"SSH\",\"22\",\"172.32.0.1\",\"1\",\"9\"\n\
         \"RDP\",\"3389\",\"198.51.100.7\",\"1\",\"70\"\n\
         \"PostgreSQL\",\"5432\",\"2001:db8::1\",\"1\",\"7\"\n\
         \"Redis\",\"6379\",\"100.128.0.1\",\"1\",\"3\"\n"
    );
}

#[tokio::test]
async fn a_table_without_a_date_partition_is_cut_by_start() {
    let session = session().await;
    let day = |s| Period::parse_day(s).unwrap();
    let mut params = Params::new("flows");
    // 1795132800 = 2026-11-20T00:00:00Z: only the NODATA row is on that day.
    params.period = Period::new(Some(day("2026/11/20")), None, PeriodColumn::Start).unwrap();
    let sql = questions::find("log-status").unwrap().sql(&params);
    assert_eq!(
        csv(&session, &sql).await.unwrap(),
        "\"log_status\",\"records\",\"all_records\"\n\"NODATA\",\"1\",\"1\"\n"
    );
    params.period = Period::new(None, Some(day("2026/11/19")), PeriodColumn::Start).unwrap();
    let sql = questions::find("log-status").unwrap().sql(&params);
    assert_eq!(
        csv(&session, &sql).await.unwrap(),
        "\"log_status\",\"records\",\"all_records\"\n\"OK\",\"15\",\"15\"\n"
    );
}

/// A projected day partition is used for the period only when it is a `string` (the
/// runbook's): a `date`-typed one would be compared with text, so `start` is used.
#[tokio::test]
async fn only_a_string_day_partition_carries_the_period() {
    let ddl = |ty: &str, format: &str, range: &str| {
        format!(
            "CREATE EXTERNAL TABLE t_{ty} (`start` bigint) PARTITIONED BY (`date` {ty})
             STORED AS PARQUET LOCATION 's3://b/AWSLogs/'
             TBLPROPERTIES ('projection.enabled'='true', 'projection.date.type'='date',
               'projection.date.range'='{range}',
               'projection.date.format'='{format}',
               'storage.location.template'='s3://b/AWSLogs/${{date}}/')"
        )
    };
    let session = FlowLogSession::new(SessionOptions::default());
    session
        .register_ddl(&ddl("string", "yyyy/MM/dd", "2026/11/01,2026/11/30"))
        .expect("string day");
    session
        .register_ddl(&ddl("date", "yyyy-MM-dd", "2026-11-01,2026-11-30"))
        .expect("date day");
    let (column, pattern) = session
        .day_partition("t_string")
        .await
        .expect("a string day");
    assert_eq!((column.as_str(), pattern.as_str()), ("date", "yyyy/MM/dd"));
    assert!(session.day_partition("t_date").await.is_none());
}
