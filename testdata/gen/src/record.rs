//! One flow-log record with all 29 fields of versions 2–5, and how a missing value is stored.
//!
//! AWS: "If a field is not applicable or could not be computed for a specific record, the record
//! displays a '-' symbol for that entry." How Parquet files encode that is not documented; this
//! sample stores **`-` in string columns and NULL in integer columns** (an integer column cannot
//! hold `-`). The choice is documented as an assumption in `testdata/README.md`.

use crate::fields::Field;

/// The text AWS prints for a field that is not applicable or could not be computed.
pub const ABSENT: &str = "-";

/// One field value, typed as in the Parquet file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An `INT_32` value; `None` is NULL.
    Int32(Option<i32>),
    /// An `INT_64` value; `None` is NULL.
    Int64(Option<i64>),
    /// A `STRING` value (never NULL in this sample: absent strings are `-`).
    Utf8(String),
}

impl Value {
    /// The value as written to `records.csv`: decimal digits, the string itself, or an empty
    /// field for NULL.
    pub fn to_csv_text(&self) -> String {
        match self {
            Value::Int32(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Value::Int64(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Value::Utf8(s) => s.clone(),
        }
    }
}

/// A flow-log record. String fields that do not apply hold [`ABSENT`]; integer fields that do not
/// apply are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRecord {
    pub version: i32,
    pub account_id: String,
    pub interface_id: String,
    pub srcaddr: String,
    pub dstaddr: String,
    pub srcport: Option<i32>,
    pub dstport: Option<i32>,
    pub protocol: Option<i32>,
    pub packets: Option<i64>,
    pub bytes: Option<i64>,
    pub start: i64,
    pub end: i64,
    pub action: String,
    pub log_status: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub instance_id: String,
    pub tcp_flags: Option<i32>,
    pub flow_type: String,
    pub pkt_srcaddr: String,
    pub pkt_dstaddr: String,
    pub region: String,
    pub az_id: String,
    pub sublocation_type: String,
    pub sublocation_id: String,
    pub pkt_src_aws_service: String,
    pub pkt_dst_aws_service: String,
    pub flow_direction: String,
    pub traffic_path: Option<i32>,
}

impl FlowRecord {
    /// A `NODATA` or `SKIPDATA` record: per the AWS examples only `version`, `account-id`,
    /// `interface-id`, `start`, `end` and `log-status` are present; every other field is absent.
    pub fn without_traffic(
        version: i32,
        account_id: &str,
        interface_id: &str,
        start: i64,
        end: i64,
        log_status: &str,
    ) -> Self {
        let absent = || ABSENT.to_string();
        Self {
            version,
            account_id: account_id.to_string(),
            interface_id: interface_id.to_string(),
            srcaddr: absent(),
            dstaddr: absent(),
            srcport: None,
            dstport: None,
            protocol: None,
            packets: None,
            bytes: None,
            start,
            end,
            action: absent(),
            log_status: log_status.to_string(),
            vpc_id: absent(),
            subnet_id: absent(),
            instance_id: absent(),
            tcp_flags: None,
            flow_type: absent(),
            pkt_srcaddr: absent(),
            pkt_dstaddr: absent(),
            region: absent(),
            az_id: absent(),
            sublocation_type: absent(),
            sublocation_id: absent(),
            pkt_src_aws_service: absent(),
            pkt_dst_aws_service: absent(),
            flow_direction: absent(),
            traffic_path: None,
        }
    }

    /// The value of one field.
    pub fn value(&self, field: Field) -> Value {
        let s = |v: &String| Value::Utf8(v.clone());
        match field {
            Field::Version => Value::Int32(Some(self.version)),
            Field::AccountId => s(&self.account_id),
            Field::InterfaceId => s(&self.interface_id),
            Field::Srcaddr => s(&self.srcaddr),
            Field::Dstaddr => s(&self.dstaddr),
            Field::Srcport => Value::Int32(self.srcport),
            Field::Dstport => Value::Int32(self.dstport),
            Field::Protocol => Value::Int32(self.protocol),
            Field::Packets => Value::Int64(self.packets),
            Field::Bytes => Value::Int64(self.bytes),
            Field::Start => Value::Int64(Some(self.start)),
            Field::End => Value::Int64(Some(self.end)),
            Field::Action => s(&self.action),
            Field::LogStatus => s(&self.log_status),
            Field::VpcId => s(&self.vpc_id),
            Field::SubnetId => s(&self.subnet_id),
            Field::InstanceId => s(&self.instance_id),
            Field::TcpFlags => Value::Int32(self.tcp_flags),
            Field::Type => s(&self.flow_type),
            Field::PktSrcaddr => s(&self.pkt_srcaddr),
            Field::PktDstaddr => s(&self.pkt_dstaddr),
            Field::Region => s(&self.region),
            Field::AzId => s(&self.az_id),
            Field::SublocationType => s(&self.sublocation_type),
            Field::SublocationId => s(&self.sublocation_id),
            Field::PktSrcAwsService => s(&self.pkt_src_aws_service),
            Field::PktDstAwsService => s(&self.pkt_dst_aws_service),
            Field::FlowDirection => s(&self.flow_direction),
            Field::TrafficPath => Value::Int32(self.traffic_path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{Kind, TABLE_ORDER};

    #[test]
    fn nodata_record_matches_the_aws_text_example() {
        // AWS example: "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA"
        let r = FlowRecord::without_traffic(
            2,
            "123456789010",
            "eni-1235b8ca123456789",
            1_431_280_876,
            1_431_280_934,
            "NODATA",
        );
        let text: Vec<String> = TABLE_ORDER[..14]
            .iter()
            .map(|&f| match r.value(f) {
                Value::Utf8(s) => s,
                Value::Int32(v) => v.map_or(ABSENT.to_string(), |v| v.to_string()),
                Value::Int64(v) => v.map_or(ABSENT.to_string(), |v| v.to_string()),
            })
            .collect();
        assert_eq!(
            text.join(" "),
            "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA"
        );
        assert_eq!(r.value(Field::TrafficPath), Value::Int32(None));
        assert_eq!(r.value(Field::Region), Value::Utf8("-".to_string()));
    }

    #[test]
    fn value_kinds_agree_with_field_kinds() {
        let r = FlowRecord::without_traffic(5, "111111111111", "eni-0", 1, 2, "OK");
        for f in TABLE_ORDER {
            let ok = matches!(
                (f.kind(), r.value(f)),
                (Kind::Int32, Value::Int32(_))
                    | (Kind::Int64, Value::Int64(_))
                    | (Kind::Utf8, Value::Utf8(_))
            );
            assert!(ok, "{f:?}");
        }
    }

    #[test]
    fn csv_text_of_values() {
        assert_eq!(Value::Int32(None).to_csv_text(), "");
        assert_eq!(Value::Int32(Some(443)).to_csv_text(), "443");
        assert_eq!(
            Value::Int64(Some(1_795_000_000)).to_csv_text(),
            "1795000000"
        );
        assert_eq!(Value::Utf8("-".into()).to_csv_text(), "-");
    }
}
