//! The questions themselves: titles, descriptions and SQL templates.
//!
//! Templates are Athena SQL with four placeholders: `{table}` (a quoted identifier),
//! `{period}` (a condition, `1 = 1` when no period is given), `{zone}` (a quoted zone
//! name) and `{limit}`. Every `ORDER BY` breaks ties on the remaining columns, so the
//! answer's rows are in one order on every engine.

use super::{Chart, Question, Text};

/// Every built-in question, in the order a report shows them.
pub static QUESTIONS: &[Question] = &[
    Question {
        name: "traffic-per-hour",
        title: Text {
            en: "Traffic per hour",
            ja: "時間帯別のトラフィック",
        },
        description: Text {
            en: "Bytes, packets and flows of the records with log_status OK, per hour of their start in the report's time zone.",
            ja: "log_status が OK のレコードのバイト数・パケット数・フロー数を、開始時刻の時間帯 (レポートのタイムゾーン) ごとに集計します。",
        },
        chart: Chart::Line { value: "bytes" },
        limited: false,
        template: r#"SELECT
  format_datetime(from_unixtime("start", {zone}), 'yyyy-MM-dd HH:00') AS hour,
  sum(bytes) AS bytes,
  sum(packets) AS packets,
  count(*) AS flows
FROM {table}
WHERE {period}
  AND log_status = 'OK'
GROUP BY 1
ORDER BY 1"#,
    },
    Question {
        name: "top-talkers",
        title: Text {
            en: "Top talkers",
            ja: "通信量の多い送信元・宛先",
        },
        description: Text {
            en: "Source and destination address pairs that sent the most bytes.",
            ja: "送信バイト数の多い送信元アドレスと宛先アドレスの組です。",
        },
        chart: Chart::Bar {
            label: &["srcaddr", "dstaddr"],
            value: "bytes",
        },
        limited: true,
        template: r#"SELECT
  srcaddr,
  dstaddr,
  sum(bytes) AS bytes,
  sum(packets) AS packets,
  count(*) AS flows
FROM {table}
WHERE {period}
  AND log_status = 'OK'
GROUP BY srcaddr, dstaddr
ORDER BY 3 DESC, 1, 2
LIMIT {limit}"#,
    },
    Question {
        name: "rejected-sources",
        title: Text {
            en: "Top rejected sources",
            ja: "拒否された通信の多い送信元",
        },
        description: Text {
            en: "Source addresses with the most rejected flows, and how many destination ports they tried.",
            ja: "拒否 (REJECT) されたフローの多い送信元アドレスと、試した宛先ポートの数です。",
        },
        chart: Chart::Bar {
            label: &["srcaddr"],
            value: "flows",
        },
        limited: true,
        template: r#"SELECT
  srcaddr,
  count(*) AS flows,
  sum(packets) AS packets,
  count(DISTINCT dstport) AS ports
FROM {table}
WHERE {period}
  AND action = 'REJECT'
GROUP BY srcaddr
ORDER BY 2 DESC, 1
LIMIT {limit}"#,
    },
    Question {
        name: "rejected-ports",
        title: Text {
            en: "Top rejected ports",
            ja: "拒否された通信の多い宛先ポート",
        },
        description: Text {
            en: "Destination ports and protocols (6 = TCP, 17 = UDP) with the most rejected flows, and from how many sources.",
            ja: "拒否されたフローの多い宛先ポートとプロトコル (6 = TCP、17 = UDP)、その送信元の数です。",
        },
        chart: Chart::Bar {
            label: &["dstport", "protocol"],
            value: "flows",
        },
        limited: true,
        template: r#"SELECT
  dstport,
  protocol,
  count(*) AS flows,
  count(DISTINCT srcaddr) AS sources
FROM {table}
WHERE {period}
  AND action = 'REJECT'
GROUP BY dstport, protocol
ORDER BY 3 DESC, 1, 2
LIMIT {limit}"#,
    },
    Question {
        name: "admin-exposure",
        title: Text {
            en: "SSH, RDP and database ports reached from public addresses",
            ja: "パブリックアドレスから到達した SSH・RDP・データベースのポート",
        },
        description: Text {
            en: "Accepted TCP flows to administrative and database ports from addresses outside the private, loopback, link-local and shared ranges.",
            ja: "プライベート・ループバック・リンクローカル・共有アドレス以外から、管理用ポートやデータベースのポートへ許可 (ACCEPT) された TCP フローです。",
        },
        chart: Chart::Bar {
            label: &["service", "srcaddr"],
            value: "flows",
        },
        limited: true,
        template: r#"SELECT
  CASE dstport
    WHEN 22 THEN 'SSH'
    WHEN 3389 THEN 'RDP'
    WHEN 3306 THEN 'MySQL'
    WHEN 5432 THEN 'PostgreSQL'
    WHEN 1433 THEN 'SQL Server'
    WHEN 1521 THEN 'Oracle'
    WHEN 27017 THEN 'MongoDB'
    WHEN 6379 THEN 'Redis'
  END AS service,
  dstport,
  srcaddr,
  count(*) AS flows,
  sum(bytes) AS bytes
FROM {table}
WHERE {period}
  AND action = 'ACCEPT'
  AND protocol = 6
  AND dstport IN (22, 3389, 3306, 5432, 1433, 1521, 27017, 6379)
  AND srcaddr <> '-'
  AND NOT regexp_like(srcaddr, '^(10\.|172\.(1[6-9]|2[0-9]|3[01])\.|192\.168\.|127\.|169\.254\.|100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.|f[cd]|fe80:)')
GROUP BY 1, 2, 3
ORDER BY 4 DESC, 2, 3
LIMIT {limit}"#,
    },
    Question {
        name: "traffic-per-eni",
        title: Text {
            en: "Traffic per network interface",
            ja: "ネットワークインターフェイス (ENI) 別のトラフィック",
        },
        description: Text {
            en: "Bytes, packets and flows per ENI, the largest first.",
            ja: "ENI ごとのバイト数・パケット数・フロー数 (多い順) です。",
        },
        chart: Chart::Bar {
            label: &["interface_id"],
            value: "bytes",
        },
        limited: true,
        template: r#"SELECT
  interface_id,
  sum(bytes) AS bytes,
  sum(packets) AS packets,
  count(*) AS flows
FROM {table}
WHERE {period}
  AND log_status = 'OK'
GROUP BY interface_id
ORDER BY 2 DESC, 1
LIMIT {limit}"#,
    },
    Question {
        name: "traffic-per-subnet",
        title: Text {
            en: "Traffic per subnet",
            ja: "サブネット別のトラフィック",
        },
        description: Text {
            en: "Bytes, packets and flows per subnet (and its VPC), the largest first.",
            ja: "サブネット (とその VPC) ごとのバイト数・パケット数・フロー数 (多い順) です。",
        },
        chart: Chart::Bar {
            label: &["subnet_id"],
            value: "bytes",
        },
        limited: true,
        template: r#"SELECT
  vpc_id,
  subnet_id,
  sum(bytes) AS bytes,
  sum(packets) AS packets,
  count(*) AS flows
FROM {table}
WHERE {period}
  AND log_status = 'OK'
GROUP BY vpc_id, subnet_id
ORDER BY 3 DESC, 1, 2
LIMIT {limit}"#,
    },
    Question {
        name: "traffic-per-vpc",
        title: Text {
            en: "Traffic per VPC",
            ja: "VPC 別のトラフィック",
        },
        description: Text {
            en: "Bytes, packets and flows per VPC, the largest first.",
            ja: "VPC ごとのバイト数・パケット数・フロー数 (多い順) です。",
        },
        chart: Chart::Bar {
            label: &["vpc_id"],
            value: "bytes",
        },
        limited: true,
        template: r#"SELECT
  vpc_id,
  sum(bytes) AS bytes,
  sum(packets) AS packets,
  count(*) AS flows
FROM {table}
WHERE {period}
  AND log_status = 'OK'
GROUP BY vpc_id
ORDER BY 2 DESC, 1
LIMIT {limit}"#,
    },
    Question {
        name: "log-status",
        title: Text {
            en: "Records by log status (NODATA, SKIPDATA)",
            ja: "ログステータス別のレコード数 (NODATA・SKIPDATA)",
        },
        description: Text {
            en: "How many records are OK, NODATA (no traffic in the window) or SKIPDATA (records skipped by AWS), out of all records.",
            ja: "OK・NODATA (集約期間に通信なし)・SKIPDATA (AWS がレコードを記録できなかった) のレコード数と全レコード数です。",
        },
        chart: Chart::Bar {
            label: &["log_status"],
            value: "records",
        },
        limited: false,
        template: r#"SELECT
  log_status,
  count(*) AS records,
  sum(count(*)) OVER () AS all_records
FROM {table}
WHERE {period}
GROUP BY log_status
ORDER BY 2 DESC, 1"#,
    },
];
