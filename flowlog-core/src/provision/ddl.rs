//! The Athena `CREATE EXTERNAL TABLE` for Parquet flow logs with partition projection,
//! generated from a [`ProvisionConfig`].
//!
//! ```text
//! partition columns   account (enum)  [region (enum), when several]  date (date)  [hour (integer), hourly]
//! default naming      s3://B/P/AWSLogs/${account}/vpcflowlogs/<region>/${date}[/${hour}]/
//!                     date format yyyy/MM/dd                       values 2026/11/19
//! Hive naming         s3://B/P/AWSLogs/aws-account-id=${account}/aws-service=vpcflowlogs/
//!                         aws-region=<region>/${date}[/hour=${hour}]/
//!                     date format 'year='yyyy'/month='MM'/day='dd  values year=2026/month=11/day=19
//! ```
//!
//! A projection template substitutes a value as it is, so under Hive naming the `date` value
//! itself carries the `year=`/`month=`/`day=` text. Column types are those AWS writes in
//! Parquet (`protocol int`, not the `bigint` of AWS's Athena guide), so strict readers agree.
//! The `region` field is left out of the columns when `region` is a partition column.

use std::fmt::Write as _;

use super::config::{ProvisionConfig, Since};
use crate::ddl::{PARQUET_INPUT_FORMAT, PARQUET_SERDE};
use crate::layout::{Granularity, Naming};

/// The `OUTPUTFORMAT` of Parquet tables.
pub const PARQUET_OUTPUT_FORMAT: &str =
    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

/// The `projection.date.format` for a naming: `yyyy/MM/dd`, or the Hive directories
/// `'year='yyyy'/month='MM'/day='dd`.
///
/// ```
/// use flowlog_core::layout::Naming;
/// assert_eq!(flowlog_core::provision::ddl::date_format(Naming::Default), "yyyy/MM/dd");
/// ```
pub fn date_format(naming: Naming) -> &'static str {
    match naming {
        Naming::Default => "yyyy/MM/dd",
        Naming::Hive => "'year='yyyy'/month='MM'/day='dd",
    }
}

/// The `storage.location.template` for `config`.
///
/// ```
/// use flowlog_core::provision::{ddl, RawConfig};
/// let c = RawConfig::from_toml(
///     "bucket = \"logs\"\nprefix = \"vpc\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]\nhourly = true",
/// ).unwrap().validate().unwrap();
/// assert_eq!(
///     ddl::location_template(&c),
///     "s3://logs/vpc/AWSLogs/${account}/vpcflowlogs/us-east-1/${date}/${hour}/"
/// );
/// ```
pub fn location_template(config: &ProvisionConfig) -> String {
    let region = if config.regions.len() > 1 {
        "${region}".to_string()
    } else {
        config.regions[0].clone()
    };
    let hourly = config.layout.granularity == Granularity::Hourly;
    let mut t = format!("{}AWSLogs/", config.destination_url());
    match config.layout.naming {
        Naming::Default => {
            let _ = write!(t, "${{account}}/vpcflowlogs/{region}/${{date}}/");
            if hourly {
                t.push_str("${hour}/");
            }
        }
        Naming::Hive => {
            let _ = write!(
                t,
                "aws-account-id=${{account}}/aws-service=vpcflowlogs/aws-region={region}/${{date}}/"
            );
            if hourly {
                t.push_str("hour=${hour}/");
            }
        }
    }
    t
}

/// The `projection.date.range` for `config`: the start, then `NOW`.
pub fn date_range(config: &ProvisionConfig) -> String {
    let start = match &config.since {
        Since::Date(d) => match config.layout.naming {
            Naming::Default => d.format("%Y/%m/%d").to_string(),
            Naming::Hive => d.format("year=%Y/month=%m/day=%d").to_string(),
        },
        relative => relative.to_string(),
    };
    format!("{start},NOW")
}

/// The data columns of the table: name and Athena type, in delivery order.
pub fn columns(config: &ProvisionConfig) -> Vec<(&'static str, String)> {
    config
        .log_format
        .fields()
        .iter()
        .filter(|f| !(f.column == "region" && config.regions.len() > 1))
        .map(|f| (f.column, f.parquet.hive_type().to_string()))
        .collect()
}

/// The partition columns, in order.
pub fn partition_columns(config: &ProvisionConfig) -> Vec<&'static str> {
    let mut cols = vec!["account"];
    if config.regions.len() > 1 {
        cols.push("region");
    }
    cols.push("date");
    if config.layout.granularity == Granularity::Hourly {
        cols.push("hour");
    }
    cols
}

/// The `CREATE EXTERNAL TABLE` statement for `config`.
///
/// ```
/// use flowlog_core::provision::{ddl, RawConfig};
/// let c = RawConfig::from_toml(
///     "bucket = \"logs\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]",
/// ).unwrap().validate().unwrap();
/// let table = flowlog_core::ddl::parse_create_table(&ddl::create_table(&c)).unwrap();
/// assert_eq!(table.name, "vpc_flow_logs");
/// assert_eq!(table.partition_columns.len(), 2);
/// assert_eq!(table.property("projection.date.format"), Some("yyyy/MM/dd"));
/// ```
pub fn create_table(config: &ProvisionConfig) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "CREATE EXTERNAL TABLE IF NOT EXISTS {} (", config.table);
    let cols = columns(config);
    for (i, (name, ty)) in cols.iter().enumerate() {
        let comma = if i + 1 < cols.len() { "," } else { "" };
        let _ = writeln!(s, "  `{name}` {ty}{comma}");
    }
    s.push_str(")\n");
    let parts: Vec<String> = partition_columns(config)
        .iter()
        .map(|c| format!("`{c}` string"))
        .collect();
    let _ = writeln!(s, "PARTITIONED BY ({})", parts.join(", "));
    let _ = writeln!(s, "ROW FORMAT SERDE '{PARQUET_SERDE}'");
    let _ = writeln!(s, "STORED AS INPUTFORMAT '{PARQUET_INPUT_FORMAT}'");
    let _ = writeln!(s, "OUTPUTFORMAT '{PARQUET_OUTPUT_FORMAT}'");
    let _ = writeln!(s, "LOCATION '{}AWSLogs/'", config.destination_url());
    let mut props: Vec<(String, String)> = vec![
        ("projection.enabled".into(), "true".into()),
        ("projection.account.type".into(), "enum".into()),
        (
            "projection.account.values".into(),
            config.accounts.join(","),
        ),
    ];
    if config.regions.len() > 1 {
        props.push(("projection.region.type".into(), "enum".into()));
        props.push(("projection.region.values".into(), config.regions.join(",")));
    }
    props.push(("projection.date.type".into(), "date".into()));
    props.push(("projection.date.range".into(), date_range(config)));
    props.push((
        "projection.date.format".into(),
        date_format(config.layout.naming).into(),
    ));
    props.push(("projection.date.interval".into(), "1".into()));
    props.push(("projection.date.interval.unit".into(), "DAYS".into()));
    if config.layout.granularity == Granularity::Hourly {
        props.push(("projection.hour.type".into(), "integer".into()));
        props.push(("projection.hour.range".into(), "0,23".into()));
        props.push(("projection.hour.digits".into(), "2".into()));
    }
    props.push((
        "storage.location.template".into(),
        location_template(config),
    ));
    s.push_str("TBLPROPERTIES (\n");
    for (i, (k, v)) in props.iter().enumerate() {
        let comma = if i + 1 < props.len() { "," } else { "" };
        let _ = writeln!(s, "  \"{k}\" = \"{v}\"{comma}");
    }
    s.push_str(");\n");
    s
}
