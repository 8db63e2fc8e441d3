//! The flow-log settings that deliver what the policy allows and the DDL reads: an
//! `aws ec2 create-flow-logs` command line per region, and a CloudFormation
//! `AWS::EC2::FlowLog` resource.
//!
//! Both deliver Parquet (`FileFormat=parquet`), with `HiveCompatiblePartitions` and
//! `PerHourPartition` from the layout, the log format, and the aggregation interval. Run
//! them in each source account (the flow log's owner is the account the DDL and the policy
//! name). The VPC id is not part of the description: the command line reads it from the
//! shell variable `VPC_ID` (and fails if it is unset), the template from its `VpcId`
//! parameter.

use std::fmt::Write as _;

use serde_json::json;

use super::config::ProvisionConfig;
use super::json::pretty;
use crate::layout::{Granularity, Naming};

/// `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/prefix` — the `LogDestination`.
///
/// AWS appends `AWSLogs/…` itself, so the destination ends at the prefix.
pub fn log_destination(config: &ProvisionConfig) -> String {
    let mut arn = format!("arn:{}:s3:::{}", config.partition(), config.bucket);
    if !config.prefix.is_empty() {
        arn.push('/');
        arn.push_str(&config.prefix);
    }
    arn
}

/// The `DestinationOptions` as `create-flow-logs` takes them.
pub fn destination_options(config: &ProvisionConfig) -> String {
    format!(
        "FileFormat=parquet,HiveCompatiblePartitions={},PerHourPartition={}",
        config.layout.naming == Naming::Hive,
        config.layout.granularity == Granularity::Hourly
    )
}

/// A shell script with one `aws ec2 create-flow-logs` command per region.
///
/// ```
/// use flowlog_core::provision::{flow_log, RawConfig};
/// let c = RawConfig::from_toml(
///     "bucket = \"logs\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]\nhive = true",
/// ).unwrap().validate().unwrap();
/// let cli = flow_log::cli(&c);
/// assert!(cli.contains("--log-destination arn:aws:s3:::logs \\"));
/// assert!(cli.contains("FileFormat=parquet,HiveCompatiblePartitions=true,PerHourPartition=false"));
/// ```
pub fn cli(config: &ProvisionConfig) -> String {
    let mut s = String::new();
    s.push_str("#!/bin/sh\n");
    s.push_str(
        "# VPC Flow Logs to S3 as Parquet, as the bucket policy and the Athena DDL expect.\n",
    );
    let _ = writeln!(
        s,
        "# Run with credentials of each source account ({}), with VPC_ID set to the VPC to log.",
        config.accounts.join(", ")
    );
    s.push_str("set -eu\n");
    for region in &config.regions {
        s.push_str("\naws ec2 create-flow-logs \\\n");
        let _ = writeln!(s, "  --region {region} \\");
        s.push_str("  --resource-type VPC \\\n");
        s.push_str("  --resource-ids \"${VPC_ID:?set VPC_ID to the VPC id (vpc-...)}\" \\\n");
        s.push_str("  --traffic-type ALL \\\n");
        s.push_str("  --log-destination-type s3 \\\n");
        let _ = writeln!(s, "  --log-destination {} \\", log_destination(config));
        let _ = writeln!(s, "  --log-format '{}' \\", config.log_format);
        let _ = writeln!(
            s,
            "  --max-aggregation-interval {} \\",
            config.max_aggregation_interval
        );
        let _ = writeln!(s, "  --destination-options {}", destination_options(config));
    }
    s
}

/// A CloudFormation template (JSON) with one `AWS::EC2::FlowLog` for the VPC given as the
/// `VpcId` parameter.
///
/// ```
/// use flowlog_core::provision::{flow_log, RawConfig};
/// let c = RawConfig::from_toml(
///     "bucket = \"logs\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]\nhourly = true",
/// ).unwrap().validate().unwrap();
/// let t: serde_json::Value = serde_json::from_str(&flow_log::cloudformation(&c)).unwrap();
/// let p = &t["Resources"]["VpcFlowLog"]["Properties"];
/// assert_eq!(p["DestinationOptions"]["PerHourPartition"], true);
/// assert_eq!(p["LogDestinationType"], "s3");
/// ```
pub fn cloudformation(config: &ProvisionConfig) -> String {
    let template = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!(
            "VPC Flow Logs to {} as Parquet (deploy in each source account: {})",
            config.destination_url(),
            config.accounts.join(", ")
        ),
        "Parameters": {
            "VpcId": {"Type": "AWS::EC2::VPC::Id", "Description": "The VPC to log"},
        },
        "Resources": {
            "VpcFlowLog": {
                "Type": "AWS::EC2::FlowLog",
                "Properties": {
                    "ResourceId": {"Ref": "VpcId"},
                    "ResourceType": "VPC",
                    "TrafficType": "ALL",
                    "LogDestinationType": "s3",
                    "LogDestination": log_destination(config),
                    "LogFormat": config.log_format.to_string(),
                    "MaxAggregationInterval": config.max_aggregation_interval,
                    "DestinationOptions": {
                        "FileFormat": "parquet",
                        "HiveCompatiblePartitions": config.layout.naming == Naming::Hive,
                        "PerHourPartition": config.layout.granularity == Granularity::Hourly,
                    },
                },
            },
        },
    });
    pretty(&template)
}
