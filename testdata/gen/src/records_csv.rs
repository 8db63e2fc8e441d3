//! `testdata/records.csv`: every generated record, the ground truth for checks that do not trust
//! flowlog's own Parquet reading (`testdata/expected/runbook.py`).
//!
//! Columns: `bucket,key,` then the 29 fields in AWS table order. An empty field is NULL — either a
//! NULL integer in the file, or a column the bucket's files do not have (the default-format
//! `flowlog-sample-hourly` files carry only the first 14), which a DDL-based read also sees as
//! NULL. No generated string is empty, so empty never means `''`. Lines end with `\n`.

use crate::fields::TABLE_ORDER;
use crate::generate::LogFile;

/// One CSV field, quoted only when it contains a comma, a quote or a line break.
fn escape(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The whole CSV text for `files`, in the given order.
pub fn render(files: &[LogFile]) -> String {
    let mut out = String::from("bucket,key");
    for f in TABLE_ORDER {
        out.push(',');
        out.push_str(f.name());
    }
    out.push('\n');
    for file in files {
        let present = file.bucket.columns.fields();
        for r in &file.records {
            out.push_str(&escape(file.bucket.name));
            out.push(',');
            out.push_str(&escape(&file.key));
            for f in TABLE_ORDER {
                out.push(',');
                if present.contains(&f) {
                    out.push_str(&escape(&r.value(f).to_csv_text()));
                }
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::BUCKETS;
    use crate::record::FlowRecord;

    #[test]
    fn escaping() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a,b"), "\"a,b\"");
        assert_eq!(escape("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn header_and_rows() {
        let mut r = FlowRecord::without_traffic(2, "111111111111", "eni-1", 10, 70, "NODATA");
        r.traffic_path = Some(8);
        let hourly = LogFile {
            bucket: BUCKETS[1],
            key: "AWSLogs/k.log.parquet".into(),
            window: 0,
            records: vec![r.clone()],
        };
        let daily = LogFile {
            bucket: BUCKETS[0],
            key: "AWSLogs/d.log.parquet".into(),
            window: 0,
            records: vec![r],
        };
        let text = render(&[hourly, daily]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "bucket,key,version,account_id,interface_id,srcaddr,dstaddr,srcport,dstport,protocol,\
             packets,bytes,start,end,action,log_status,vpc_id,subnet_id,instance_id,tcp_flags,\
             type,pkt_srcaddr,pkt_dstaddr,region,az_id,sublocation_type,sublocation_id,\
             pkt_src_aws_service,pkt_dst_aws_service,flow_direction,traffic_path"
        );
        // The hourly bucket's files have only the 14 default-format columns.
        assert_eq!(
            lines[1],
            "flowlog-sample-hourly,AWSLogs/k.log.parquet,2,111111111111,eni-1,-,-,,,,,,10,70,-,NODATA,,,,,,,,,,,,,,,"
        );
        assert_eq!(
            lines[2],
            "flowlog-sample-daily,AWSLogs/d.log.parquet,2,111111111111,eni-1,-,-,,,,,,10,70,-,NODATA,-,-,-,,-,-,-,-,-,-,-,-,-,-,8"
        );
        assert!(text.ends_with('\n'));
        assert_eq!(lines[1].split(',').count(), 31);
    }
}
