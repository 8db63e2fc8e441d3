//! Athena's `CREATE EXTERNAL TABLE` DDL (Hive dialect), parsed as users paste it from Athena.
//!
//! [`parse_create_table`] reads one statement into a [`CreateTable`]: columns with their
//! [`HiveType`]s, partition columns, `ROW FORMAT`, `STORED AS`, `LOCATION` and `TBLPROPERTIES`
//! (where partition projection lives). Names follow Athena's rules — database and table names
//! are lowercase letters, digits and `_` only — and every error gives the line and column.
//! [`split_statements`] and [`is_hive_ddl`] let a caller run a script that mixes DDL and queries.
//! The text is read by sqlparser's tokenizer (the one DataFusion builds in) under Hive's or
//! Trino's quoting rules; the grammar, Athena's naming rules and the positional errors are ours.
//!
//! ```
//! use flowlog_core::ddl::{parse_create_table, FileFormat, HiveType};
//!
//! let table = parse_create_table(
//!     "CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs (
//!        `version` int,
//!        `srcaddr` string
//!      )
//!      PARTITIONED BY (`date` string)
//!      STORED AS PARQUET
//!      LOCATION 's3://bucket/AWSLogs/'
//!      TBLPROPERTIES (\"projection.enabled\" = \"true\")",
//! ).unwrap();
//! assert_eq!(table.name, "vpc_flow_logs");
//! assert_eq!(table.columns[0].data_type, HiveType::Int);
//! assert_eq!(table.partition_columns[0].name, "date");
//! assert_eq!(table.file_format(), FileFormat::Parquet);
//! assert_eq!(table.location.as_ref().map(|l| (l.line, l.column)), Some((7, 15)));
//! assert_eq!(table.property("projection.enabled"), Some("true"));
//!
//! let err = parse_create_table("CREATE EXTERNAL TABLE vpc-logs (a int)").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "line 1, column 23: table name \"vpc-logs\" is not valid: Athena table names may \
//!      contain only lowercase letters, digits and the underscore character"
//! );
//! ```

mod cursor;
mod error;
mod hive_type;
mod lexer;
mod model;
mod names;
mod parser;
mod scanner;
mod split;

pub use error::{DdlError, NameKind};
pub use hive_type::HiveType;
pub use model::{
    ColumnDef, CreateTable, FileFormat, LAZY_SIMPLE_SERDE, Located, PARQUET_INPUT_FORMAT,
    PARQUET_SERDE, RowFormat, StorageFormat, TEXT_INPUT_FORMAT,
};
pub use split::{is_hive_ddl, split_statements};

/// Parses exactly one `CREATE EXTERNAL TABLE` statement (an optional trailing `;`, and
/// comments anywhere). Positions in errors count from line 1, column 1 of `sql`.
///
/// # Errors
///
/// A [`DdlError`] naming the offending token and its position: a token the grammar does not
/// allow, an unterminated string, identifier or comment, a name breaking Athena's rules, an
/// unknown type, a repeated column, property or clause, `CREATE TABLE` without `EXTERNAL`,
/// or a Hive feature flowlog does not support (bucketing, storage handlers, CTAS, …).
///
/// ```
/// use flowlog_core::ddl::{parse_create_table, DdlError};
/// let t = parse_create_table("create external table Logs (`end` bigint);").unwrap();
/// assert_eq!((t.name.as_str(), t.columns[0].name.as_str()), ("logs", "end"));
/// assert_eq!(
///     parse_create_table("CREATE TABLE logs (a int) STORED AS PARQUET"),
///     Err(DdlError::ExternalRequired { line: 1, column: 8 })
/// );
/// ```
pub fn parse_create_table(sql: &str) -> Result<CreateTable, DdlError> {
    parse_create_table_at(sql, 1, 1)
}

/// Like [`parse_create_table`], for a statement whose first character sits at `line`, `column`
/// of a larger file (as [`split_statements`] reports it), so errors point into that file.
/// Only the first line is shifted by `column`; later lines start at column 1.
///
/// # Errors
///
/// As [`parse_create_table`], with positions in the larger file.
///
/// ```
/// use flowlog_core::ddl::{parse_create_table_at, split_statements, DdlError};
/// let script = "SELECT 1;\n  CREATE EXTERNAL TABLE t (a strin)";
/// let ddl = &split_statements(script)[1];
/// assert_eq!(
///     parse_create_table_at(&ddl.value, ddl.line, ddl.column),
///     Err(DdlError::UnknownType { name: "strin".into(), line: 2, column: 30 })
/// );
/// ```
pub fn parse_create_table_at(
    sql: &str,
    line: usize,
    column: usize,
) -> Result<CreateTable, DdlError> {
    let tokens = lexer::tokenize(sql, line, column)?;
    parser::parse_statement(&mut cursor::Cursor::new(tokens))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARQUET_OUTPUT_FORMAT: &str =
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    /// The 28 columns of the runbook's DDL (step 3), in order: name and Hive type.
    const RUNBOOK_COLUMNS: [(&str, HiveType); 28] = [
        ("version", HiveType::Int),
        ("account_id", HiveType::String),
        ("interface_id", HiveType::String),
        ("srcaddr", HiveType::String),
        ("dstaddr", HiveType::String),
        ("srcport", HiveType::Int),
        ("dstport", HiveType::Int),
        ("protocol", HiveType::BigInt),
        ("packets", HiveType::BigInt),
        ("bytes", HiveType::BigInt),
        ("start", HiveType::BigInt),
        ("end", HiveType::BigInt),
        ("action", HiveType::String),
        ("log_status", HiveType::String),
        ("vpc_id", HiveType::String),
        ("subnet_id", HiveType::String),
        ("instance_id", HiveType::String),
        ("tcp_flags", HiveType::Int),
        ("type", HiveType::String),
        ("pkt_srcaddr", HiveType::String),
        ("pkt_dstaddr", HiveType::String),
        ("az_id", HiveType::String),
        ("sublocation_type", HiveType::String),
        ("sublocation_id", HiveType::String),
        ("pkt_src_aws_service", HiveType::String),
        ("pkt_dst_aws_service", HiveType::String),
        ("flow_direction", HiveType::String),
        ("traffic_path", HiveType::Int),
    ];

    /// The runbook's column list, verbatim.
    const RUNBOOK_COLUMN_TEXT: &str = "`version` int,
`account_id` string,
`interface_id` string,
`srcaddr` string,
`dstaddr` string,
`srcport` int,
`dstport` int,
`protocol` bigint,
`packets` bigint,
`bytes` bigint,
`start` bigint,
`end` bigint,
`action` string,
`log_status` string,
`vpc_id` string,
`subnet_id` string,
`instance_id` string,
`tcp_flags` int,
`type` string,
`pkt_srcaddr` string,
`pkt_dstaddr` string,
`az_id` string,
`sublocation_type` string,
`sublocation_id` string,
`pkt_src_aws_service` string,
`pkt_dst_aws_service` string,
`flow_direction` string,
`traffic_path` int
)";

    /// The runbook's single-account DDL with the table name `name`.
    fn runbook_single(name: &str) -> String {
        format!(
            "CREATE EXTERNAL TABLE IF NOT EXISTS {name} (\n{RUNBOOK_COLUMN_TEXT}
PARTITIONED BY (`date` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://your_log_bucket/prefix/AWSLogs/{{subscribe_account_id}}/vpcflowlogs/{{region_code}}/'
TBLPROPERTIES (
\"projection.enabled\" = \"true\",
\"projection.date.type\" = \"date\",
\"projection.date.range\" = \"NOW-1DAYS,NOW\",
\"projection.date.format\" = \"yyyy/MM/dd\",
\"storage.location.template\" = \"s3://your_log_bucket/prefix/AWSLogs/{{subscribe_account_id}}/vpcflowlogs/{{region_code}}/${{date}}/\"
)"
        )
    }

    /// The runbook's multi-account DDL with the table name `name`.
    fn runbook_multi(name: &str) -> String {
        format!(
            "CREATE EXTERNAL TABLE IF NOT EXISTS {name} (\n{RUNBOOK_COLUMN_TEXT}
PARTITIONED BY (`account` string,`date` string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://your_log_bucket/prefix/AWSLogs/{{subscribe_account_id}}/vpcflowlogs/{{region_code}}/'
TBLPROPERTIES (
\"projection.enabled\" = \"true\",
\"projection.account.type\" = \"enum\",
\"projection.account.values\" = \"111111111111,222222222222\",
\"projection.date.type\" = \"date\",
\"projection.date.range\" = \"NOW-1DAYS,NOW\",
\"projection.date.format\" = \"yyyy/MM/dd\",
\"storage.location.template\" = \"s3://test-flowlogs-athena-bucket/AWSLogs/${{account}}/vpcflowlogs/ap-northeast-1/${{date}}/\"
)"
        )
    }

    fn ok(sql: &str) -> CreateTable {
        match parse_create_table(sql) {
            Ok(t) => t,
            Err(e) => panic!("{e}\n{sql}"),
        }
    }

    fn columns(defs: &[(&str, HiveType)]) -> Vec<ColumnDef> {
        defs.iter()
            .map(|(name, data_type)| ColumnDef {
                name: name.to_string(),
                data_type: data_type.clone(),
                comment: None,
            })
            .collect()
    }

    fn props(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn parquet_serde() -> Option<RowFormat> {
        Some(RowFormat::Serde {
            class: PARQUET_SERDE.into(),
            properties: vec![],
        })
    }

    fn parquet_storage() -> Option<StorageFormat> {
        Some(StorageFormat::InputOutput {
            input_format: PARQUET_INPUT_FORMAT.into(),
            output_format: PARQUET_OUTPUT_FORMAT.into(),
        })
    }

    #[test]
    fn runbook_single_account() {
        let t = ok(&runbook_single("vpc_flow_logs_example"));
        assert_eq!(
            t,
            CreateTable {
                if_not_exists: true,
                database: None,
                name: "vpc_flow_logs_example".into(),
                columns: columns(&RUNBOOK_COLUMNS),
                partition_columns: columns(&[("date", HiveType::String)]),
                comment: None,
                row_format: parquet_serde(),
                storage: parquet_storage(),
                location: Some(Located {
                    value: "s3://your_log_bucket/prefix/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/"
                        .into(),
                    line: 35,
                    column: 10
                }),
                properties: props(&[
                    ("projection.enabled", "true"),
                    ("projection.date.type", "date"),
                    ("projection.date.range", "NOW-1DAYS,NOW"),
                    ("projection.date.format", "yyyy/MM/dd"),
                    (
                        "storage.location.template",
                        "s3://your_log_bucket/prefix/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/${date}/"
                    ),
                ]),
            }
        );
        assert_eq!(t.file_format(), FileFormat::Parquet);
        assert_eq!(t.property("projection.date.format"), Some("yyyy/MM/dd"));
    }

    #[test]
    fn runbook_multi_account() {
        let t = ok(&runbook_multi("vpc_flow_logs_example"));
        assert_eq!(t.name, "vpc_flow_logs_example");
        assert!(t.if_not_exists);
        assert_eq!(t.columns, columns(&RUNBOOK_COLUMNS));
        assert_eq!(
            t.partition_columns,
            columns(&[("account", HiveType::String), ("date", HiveType::String)])
        );
        assert_eq!(t.row_format, parquet_serde());
        assert_eq!(t.storage, parquet_storage());
        assert_eq!(
            t.location.as_ref().map(|l| (l.line, l.column)),
            Some((35, 10))
        );
        assert_eq!(
            t.properties,
            props(&[
                ("projection.enabled", "true"),
                ("projection.account.type", "enum"),
                ("projection.account.values", "111111111111,222222222222"),
                ("projection.date.type", "date"),
                ("projection.date.range", "NOW-1DAYS,NOW"),
                ("projection.date.format", "yyyy/MM/dd"),
                (
                    "storage.location.template",
                    "s3://test-flowlogs-athena-bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/"
                ),
            ])
        );
        assert_eq!(t.file_format(), FileFormat::Parquet);
    }

    #[test]
    fn runbook_placeholder_name_is_rejected() {
        // "CREATE EXTERNAL TABLE IF NOT EXISTS " is 36 characters: the name starts at column 37.
        let expected = DdlError::InvalidName {
            kind: NameKind::Table,
            name: "vpc_flow_logs_組織名".into(),
            line: 1,
            column: 37,
        };
        assert_eq!(
            parse_create_table(&runbook_single("vpc_flow_logs_組織名")),
            Err(expected.clone())
        );
        assert_eq!(
            parse_create_table(&runbook_multi("vpc_flow_logs_組織名")),
            Err(expected.clone())
        );
        assert_eq!(
            expected.to_string(),
            "line 1, column 37: table name \"vpc_flow_logs_組織名\" is not valid: Athena table names may contain only lowercase letters, digits and the underscore character"
        );
    }

    #[test]
    fn runbook_statement_from_a_script_keeps_file_positions() {
        let script = format!(
            "-- setup\nSELECT 1;\n\n  {};\nSELECT 2",
            runbook_single("vpc_flow_logs_組織名")
        );
        let statements = split_statements(&script);
        assert_eq!(statements.len(), 3);
        let ddl = &statements[1];
        assert!(is_hive_ddl(&ddl.value));
        assert!(!is_hive_ddl(&statements[0].value));
        assert_eq!((ddl.line, ddl.column), (4, 3));
        assert_eq!(
            parse_create_table_at(&ddl.value, ddl.line, ddl.column),
            Err(DdlError::InvalidName {
                kind: NameKind::Table,
                name: "vpc_flow_logs_組織名".into(),
                line: 4,
                column: 39
            })
        );
        let fixed = script.replace("組織名", "example");
        let statements = split_statements(&fixed);
        let ddl = &statements[1];
        let t = parse_create_table_at(&ddl.value, ddl.line, ddl.column).unwrap();
        assert_eq!(t.location.map(|l| (l.line, l.column)), Some((38, 10)));
    }

    /// The 29 columns of AWS's text and Parquet DDLs (4.1, 4.2): the runbook's plus `region`.
    fn aws_columns_with_region() -> Vec<ColumnDef> {
        let mut defs: Vec<(&str, HiveType)> = RUNBOOK_COLUMNS.to_vec();
        defs.insert(21, ("region", HiveType::String));
        columns(&defs)
    }

    const AWS_COLUMN_TEXT: &str = "  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  region string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)";

    #[test]
    fn aws_text_ddl_4_1() {
        let sql = format!(
            "CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (\n{AWS_COLUMN_TEXT}
PARTITIONED BY (`date` date)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{{account_id}}/vpcflowlogs/{{region_code}}/'
TBLPROPERTIES (\"skip.header.line.count\"=\"1\");"
        );
        let t = ok(&sql);
        assert_eq!(t.name, "vpc_flow_logs");
        assert_eq!(t.columns, aws_columns_with_region());
        assert_eq!(t.partition_columns, columns(&[("date", HiveType::Date)]));
        assert_eq!(
            t.row_format,
            Some(RowFormat::Delimited {
                fields_terminated_by: Some(" ".into()),
                escaped_by: None,
                collection_items_terminated_by: None,
                map_keys_terminated_by: None,
                lines_terminated_by: None,
                null_defined_as: None,
            })
        );
        assert_eq!(t.storage, None);
        assert_eq!(
            t.location.clone().map(|l| l.value),
            Some(
                "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{account_id}/vpcflowlogs/{region_code}/"
                    .into()
            )
        );
        assert_eq!(t.properties, props(&[("skip.header.line.count", "1")]));
        assert_eq!(t.file_format(), FileFormat::Text);
    }

    #[test]
    fn aws_parquet_hive_ddl_4_2() {
        let sql = format!(
            "CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs_parquet (\n{AWS_COLUMN_TEXT}
PARTITIONED BY (
  `aws-account-id` string,
  `aws-service` string,
  `aws-region` string,
  `year` string, 
  `month` string, 
  `day` string,
  `hour` string
)
ROW FORMAT SERDE 
  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 
  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' 
OUTPUTFORMAT 
  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION
  's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/'
TBLPROPERTIES (
  'EXTERNAL'='true', 
  'skip.header.line.count'='1'
  )"
        );
        let t = ok(&sql);
        assert_eq!(t.columns, aws_columns_with_region());
        assert_eq!(
            t.partition_columns,
            columns(&[
                ("aws-account-id", HiveType::String),
                ("aws-service", HiveType::String),
                ("aws-region", HiveType::String),
                ("year", HiveType::String),
                ("month", HiveType::String),
                ("day", HiveType::String),
                ("hour", HiveType::String),
            ])
        );
        assert_eq!(t.row_format, parquet_serde());
        assert_eq!(t.storage, parquet_storage());
        assert_eq!(
            t.location.clone().map(|l| (l.value, l.line, l.column)),
            Some(("s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/".into(), 48, 3))
        );
        assert_eq!(
            t.properties,
            props(&[("EXTERNAL", "true"), ("skip.header.line.count", "1")])
        );
        assert_eq!(t.file_format(), FileFormat::Parquet);
    }

    /// AWS 4.3 / 4.4 column list (28 columns, no `region`), one per line as in the source.
    const AWS_28_COLUMN_TEXT: &str = "  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol bigint,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int
)";

    #[test]
    fn aws_text_projection_ddl_4_3() {
        let sql = format!(
            "CREATE EXTERNAL TABLE IF NOT EXISTS test_table_vpclogs (\n{AWS_28_COLUMN_TEXT}
PARTITIONED BY (region string, day string)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ' '
LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{{account_id}}/vpcflowlogs/'
TBLPROPERTIES
(
\"skip.header.line.count\"=\"1\",
\"projection.enabled\" = \"true\",
\"projection.region.type\" = \"enum\",
\"projection.region.values\" = \"us-east-1,us-west-2,ap-south-1,eu-west-1\",
\"projection.day.type\" = \"date\",
\"projection.day.range\" = \"2021/01/01,NOW\",
\"projection.day.format\" = \"yyyy/MM/dd\",
\"storage.location.template\" = \"s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/${{account_id}}/vpcflowlogs/${{region}}/${{day}}\"
)"
        );
        let t = ok(&sql);
        assert_eq!(t.name, "test_table_vpclogs");
        assert_eq!(t.columns, columns(&RUNBOOK_COLUMNS));
        assert_eq!(
            t.partition_columns,
            columns(&[("region", HiveType::String), ("day", HiveType::String)])
        );
        assert_eq!(t.file_format(), FileFormat::Text);
        assert_eq!(t.properties.len(), 8);
        assert_eq!(t.property("projection.day.range"), Some("2021/01/01,NOW"));
        assert_eq!(
            t.property("storage.location.template"),
            Some(
                "s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/${account_id}/vpcflowlogs/${region}/${day}"
            )
        );
    }

    #[test]
    fn aws_parquet_projection_ddl_4_4() {
        let sql = format!(
            "CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs_parquet_projection (\n{AWS_28_COLUMN_TEXT}
PARTITIONED BY (region string, date string, hour string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'
LOCATION 's3://amzn-s3-demo-bucket/prefix/AWSLogs/{{account_id}}/vpcflowlogs/'
TBLPROPERTIES (
\"EXTERNAL\"=\"true\",
\"skip.header.line.count\" = \"1\",
\"projection.enabled\" = \"true\",
\"projection.region.type\" = \"enum\",
\"projection.region.values\" = \"us-east-1,us-west-2,ap-south-1,eu-west-1\",
\"projection.date.type\" = \"date\",
\"projection.date.range\" = \"2021/01/01,NOW\",
\"projection.date.format\" = \"yyyy/MM/dd\",
\"projection.hour.type\" = \"integer\",
\"projection.hour.range\" = \"00,23\",
\"projection.hour.digits\" = \"2\",
\"storage.location.template\" = \"s3://amzn-s3-demo-bucket/prefix/AWSLogs/${{account_id}}/vpcflowlogs/${{region}}/${{date}}/${{hour}}\"
)"
        );
        let t = ok(&sql);
        assert_eq!(t.columns, columns(&RUNBOOK_COLUMNS));
        assert_eq!(
            t.partition_columns,
            columns(&[
                ("region", HiveType::String),
                ("date", HiveType::String),
                ("hour", HiveType::String)
            ])
        );
        assert_eq!(t.file_format(), FileFormat::Parquet);
        assert_eq!(t.properties.len(), 12);
        assert_eq!(t.property("projection.hour.digits"), Some("2"));
        assert_eq!(t.properties[0], ("EXTERNAL".into(), "true".into()));
    }

    #[test]
    fn mixed_case_names_are_lower_cased() {
        let t = ok("CREATE EXTERNAL TABLE Flow.VPC_Logs (SrcAddr STRING, `DstAddr` String)");
        assert_eq!(t.database.as_deref(), Some("flow"));
        assert_eq!(t.name, "vpc_logs");
        assert_eq!(t.columns[0].name, "srcaddr");
        assert_eq!(t.columns[1].name, "dstaddr");
    }

    #[test]
    fn error_positions_are_shifted_by_the_start() {
        assert_eq!(
            parse_create_table_at("CREATE EXTERNAL TABLE t (\n  a strin)", 10, 5),
            Err(DdlError::UnknownType {
                name: "strin".into(),
                line: 11,
                column: 5
            })
        );
        assert_eq!(
            parse_create_table_at("CREATE EXTERNAL TABLE `a-b`", 10, 5),
            Err(DdlError::InvalidName {
                kind: NameKind::Table,
                name: "a-b".into(),
                line: 10,
                column: 27
            })
        );
        assert_eq!(
            parse_create_table_at("CREATE EXTERNAL TABLE t (a int", 3, 4),
            Err(DdlError::UnexpectedEnd {
                expected: "COMMENT, \",\" or \")\"".into(),
                line: 3,
                column: 34
            })
        );
    }
}
