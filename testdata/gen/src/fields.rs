//! The VPC Flow Logs fields of versions 2–5 as they appear in AWS-delivered Parquet files, and the
//! three column sets the sample buckets use.
//!
//! Names and types follow the AWS field table (`flowlogs-facts.md` §1.2 rows 1–29): the Parquet
//! column name is the text field name with `-` replaced by `_`; AWS's `INT_32` is written as
//! Parquet INT32 (Arrow `Int32`), `INT_64` as INT64 (`Int64`), `STRING` as UTF8 BYTE_ARRAY (`Utf8`).

use arrow::datatypes::DataType;

/// The physical kind of a field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// AWS `INT_32`.
    Int32,
    /// AWS `INT_64`.
    Int64,
    /// AWS `STRING`.
    Utf8,
}

impl Kind {
    /// The Arrow type written for this kind.
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Int32 => DataType::Int32,
            Kind::Int64 => DataType::Int64,
            Kind::Utf8 => DataType::Utf8,
        }
    }
}

/// One flow-log field (versions 2–5); variants are named after the AWS field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Version,
    AccountId,
    InterfaceId,
    Srcaddr,
    Dstaddr,
    Srcport,
    Dstport,
    Protocol,
    Packets,
    Bytes,
    Start,
    End,
    Action,
    LogStatus,
    VpcId,
    SubnetId,
    InstanceId,
    TcpFlags,
    Type,
    PktSrcaddr,
    PktDstaddr,
    Region,
    AzId,
    SublocationType,
    SublocationId,
    PktSrcAwsService,
    PktDstAwsService,
    FlowDirection,
    TrafficPath,
}

/// All 29 fields in the order of the AWS field table (rows 1–29): the v5 column set.
pub const TABLE_ORDER: [Field; 29] = [
    Field::Version,
    Field::AccountId,
    Field::InterfaceId,
    Field::Srcaddr,
    Field::Dstaddr,
    Field::Srcport,
    Field::Dstport,
    Field::Protocol,
    Field::Packets,
    Field::Bytes,
    Field::Start,
    Field::End,
    Field::Action,
    Field::LogStatus,
    Field::VpcId,
    Field::SubnetId,
    Field::InstanceId,
    Field::TcpFlags,
    Field::Type,
    Field::PktSrcaddr,
    Field::PktDstaddr,
    Field::Region,
    Field::AzId,
    Field::SublocationType,
    Field::SublocationId,
    Field::PktSrcAwsService,
    Field::PktDstAwsService,
    Field::FlowDirection,
    Field::TrafficPath,
];

impl Field {
    /// The Parquet / Athena column name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Version => "version",
            Field::AccountId => "account_id",
            Field::InterfaceId => "interface_id",
            Field::Srcaddr => "srcaddr",
            Field::Dstaddr => "dstaddr",
            Field::Srcport => "srcport",
            Field::Dstport => "dstport",
            Field::Protocol => "protocol",
            Field::Packets => "packets",
            Field::Bytes => "bytes",
            Field::Start => "start",
            Field::End => "end",
            Field::Action => "action",
            Field::LogStatus => "log_status",
            Field::VpcId => "vpc_id",
            Field::SubnetId => "subnet_id",
            Field::InstanceId => "instance_id",
            Field::TcpFlags => "tcp_flags",
            Field::Type => "type",
            Field::PktSrcaddr => "pkt_srcaddr",
            Field::PktDstaddr => "pkt_dstaddr",
            Field::Region => "region",
            Field::AzId => "az_id",
            Field::SublocationType => "sublocation_type",
            Field::SublocationId => "sublocation_id",
            Field::PktSrcAwsService => "pkt_src_aws_service",
            Field::PktDstAwsService => "pkt_dst_aws_service",
            Field::FlowDirection => "flow_direction",
            Field::TrafficPath => "traffic_path",
        }
    }

    /// The AWS Parquet data type of the field.
    pub fn kind(self) -> Kind {
        match self {
            Field::Version
            | Field::Srcport
            | Field::Dstport
            | Field::Protocol
            | Field::TcpFlags
            | Field::TrafficPath => Kind::Int32,
            Field::Packets | Field::Bytes | Field::Start | Field::End => Kind::Int64,
            _ => Kind::Utf8,
        }
    }
}

/// Which columns a bucket's files carry, and in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnSet {
    /// The default format: the 14 version-2 fields `version` … `log_status`, table order.
    DefaultV2,
    /// All 29 fields of versions 2–5, table order.
    V5TableOrder,
    /// All 29 fields of versions 2–5, sorted by column name.
    V5Alphabetical,
}

impl ColumnSet {
    /// The columns, in file order.
    pub fn fields(self) -> Vec<Field> {
        match self {
            ColumnSet::DefaultV2 => TABLE_ORDER[..14].to_vec(),
            ColumnSet::V5TableOrder => TABLE_ORDER.to_vec(),
            ColumnSet::V5Alphabetical => {
                let mut fields = TABLE_ORDER.to_vec();
                fields.sort_by_key(|f| f.name());
                fields
            }
        }
    }

    /// The `version` value records of this column set carry (AWS: the highest version among the
    /// fields of the format; 2 for the default format).
    pub fn version(self) -> i32 {
        match self {
            ColumnSet::DefaultV2 => 2,
            ColumnSet::V5TableOrder | ColumnSet::V5Alphabetical => 5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(fields: &[Field]) -> Vec<&'static str> {
        fields.iter().map(|f| f.name()).collect()
    }

    #[test]
    fn table_order_matches_the_aws_field_table() {
        // flowlogs-facts.md §1.2, rows 1–29, "Parquet / Athena column".
        let want = [
            "version",
            "account_id",
            "interface_id",
            "srcaddr",
            "dstaddr",
            "srcport",
            "dstport",
            "protocol",
            "packets",
            "bytes",
            "start",
            "end",
            "action",
            "log_status",
            "vpc_id",
            "subnet_id",
            "instance_id",
            "tcp_flags",
            "type",
            "pkt_srcaddr",
            "pkt_dstaddr",
            "region",
            "az_id",
            "sublocation_type",
            "sublocation_id",
            "pkt_src_aws_service",
            "pkt_dst_aws_service",
            "flow_direction",
            "traffic_path",
        ];
        assert_eq!(names(&ColumnSet::V5TableOrder.fields()), want);
    }

    #[test]
    fn types_match_the_aws_field_table() {
        // Rows with "INT_32": version, srcport, dstport, protocol, tcp-flags, traffic-path;
        // "INT_64": packets, bytes, start, end; everything else "STRING".
        let int32: Vec<&str> = TABLE_ORDER
            .iter()
            .filter(|f| f.kind() == Kind::Int32)
            .map(|f| f.name())
            .collect();
        let int64: Vec<&str> = TABLE_ORDER
            .iter()
            .filter(|f| f.kind() == Kind::Int64)
            .map(|f| f.name())
            .collect();
        assert_eq!(
            int32,
            [
                "version",
                "srcport",
                "dstport",
                "protocol",
                "tcp_flags",
                "traffic_path"
            ]
        );
        assert_eq!(int64, ["packets", "bytes", "start", "end"]);
        assert_eq!(Field::Protocol.kind().data_type(), DataType::Int32);
        assert_eq!(Field::Region.kind().data_type(), DataType::Utf8);
    }

    #[test]
    fn default_format_is_the_fourteen_v2_fields() {
        // AWS default format: ${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}
        // ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action}
        // ${log-status}
        assert_eq!(
            names(&ColumnSet::DefaultV2.fields()),
            [
                "version",
                "account_id",
                "interface_id",
                "srcaddr",
                "dstaddr",
                "srcport",
                "dstport",
                "protocol",
                "packets",
                "bytes",
                "start",
                "end",
                "action",
                "log_status"
            ]
        );
        assert_eq!(ColumnSet::DefaultV2.version(), 2);
        assert_eq!(ColumnSet::V5TableOrder.version(), 5);
    }

    #[test]
    fn alphabetical_order_is_byte_order_of_names() {
        // Written out by hand ('_' 0x5F sorts before lowercase letters).
        let want = [
            "account_id",
            "action",
            "az_id",
            "bytes",
            "dstaddr",
            "dstport",
            "end",
            "flow_direction",
            "instance_id",
            "interface_id",
            "log_status",
            "packets",
            "pkt_dst_aws_service",
            "pkt_dstaddr",
            "pkt_src_aws_service",
            "pkt_srcaddr",
            "protocol",
            "region",
            "srcaddr",
            "srcport",
            "start",
            "sublocation_id",
            "sublocation_type",
            "subnet_id",
            "tcp_flags",
            "traffic_path",
            "type",
            "version",
            "vpc_id",
        ];
        assert_eq!(names(&ColumnSet::V5Alphabetical.fields()), want);
    }
}
