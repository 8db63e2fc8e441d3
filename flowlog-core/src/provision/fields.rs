//! The VPC flow-log fields AWS can deliver: text name, Parquet column, version and the
//! Parquet type AWS writes, and the log formats (`${field} ${field} …`) built from them.
//!
//! The table is AWS's field table (VPC User Guide, "Available fields"); the Parquet column
//! is the text name with `-` replaced by `_`. `INT_32` is Parquet INT32 (Athena `int`),
//! `INT_64` is INT64 (`bigint`), `STRING` is UTF-8 BYTE_ARRAY (`string`). There is no VPC
//! field of version 6 (that is the Transit Gateway field set).
//!
//! ```
//! use flowlog_core::provision::fields::{field, LogFormat, ParquetType};
//! assert_eq!(field("protocol").unwrap().parquet, ParquetType::Int32);
//! let f = LogFormat::parse("${version} ${srcaddr} ${pkt-src-aws-service}").unwrap();
//! assert_eq!(f.version(), 5);
//! assert_eq!(f.columns().collect::<Vec<_>>(), ["version", "srcaddr", "pkt_src_aws_service"]);
//! ```

use std::fmt;

use crate::ddl::HiveType;

use super::error::ProvisionError;

/// The Parquet type AWS writes for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParquetType {
    /// `INT_32`: Parquet INT32, Athena `int`.
    Int32,
    /// `INT_64`: Parquet INT64, Athena `bigint`.
    Int64,
    /// `STRING`: UTF-8 BYTE_ARRAY, Athena `string`.
    String,
}

impl ParquetType {
    /// The Athena (Hive) column type that reads this Parquet type without widening.
    ///
    /// ```
    /// use flowlog_core::provision::fields::ParquetType;
    /// assert_eq!(ParquetType::Int32.hive_type().to_string(), "int");
    /// ```
    pub fn hive_type(self) -> HiveType {
        match self {
            ParquetType::Int32 => HiveType::Int,
            ParquetType::Int64 => HiveType::BigInt,
            ParquetType::String => HiveType::String,
        }
    }
}

impl fmt::Display for ParquetType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParquetType::Int32 => "INT32",
            ParquetType::Int64 => "INT64",
            ParquetType::String => "STRING",
        })
    }
}

/// One row of AWS's field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The name in a log format and in the text header, e.g. `log-status`.
    pub name: &'static str,
    /// The Parquet (and Athena) column name, e.g. `log_status`.
    pub column: &'static str,
    /// The flow-log version that introduced the field (2, 3, 4, 5, 7 or 8).
    pub version: u8,
    /// The Parquet type AWS writes.
    pub parquet: ParquetType,
}

const fn f(name: &'static str, column: &'static str, version: u8, parquet: ParquetType) -> Field {
    Field {
        name,
        column,
        version,
        parquet,
    }
}

use ParquetType::{Int32 as I32, Int64 as I64, String as S};

/// AWS's field table, in its order (versions 2–5, 7 and 8).
pub const FIELDS: [Field; 40] = [
    f("version", "version", 2, I32),
    f("account-id", "account_id", 2, S),
    f("interface-id", "interface_id", 2, S),
    f("srcaddr", "srcaddr", 2, S),
    f("dstaddr", "dstaddr", 2, S),
    f("srcport", "srcport", 2, I32),
    f("dstport", "dstport", 2, I32),
    f("protocol", "protocol", 2, I32),
    f("packets", "packets", 2, I64),
    f("bytes", "bytes", 2, I64),
    f("start", "start", 2, I64),
    f("end", "end", 2, I64),
    f("action", "action", 2, S),
    f("log-status", "log_status", 2, S),
    f("vpc-id", "vpc_id", 3, S),
    f("subnet-id", "subnet_id", 3, S),
    f("instance-id", "instance_id", 3, S),
    f("tcp-flags", "tcp_flags", 3, I32),
    f("type", "type", 3, S),
    f("pkt-srcaddr", "pkt_srcaddr", 3, S),
    f("pkt-dstaddr", "pkt_dstaddr", 3, S),
    f("region", "region", 4, S),
    f("az-id", "az_id", 4, S),
    f("sublocation-type", "sublocation_type", 4, S),
    f("sublocation-id", "sublocation_id", 4, S),
    f("pkt-src-aws-service", "pkt_src_aws_service", 5, S),
    f("pkt-dst-aws-service", "pkt_dst_aws_service", 5, S),
    f("flow-direction", "flow_direction", 5, S),
    f("traffic-path", "traffic_path", 5, I32),
    f("ecs-cluster-arn", "ecs_cluster_arn", 7, S),
    f("ecs-cluster-name", "ecs_cluster_name", 7, S),
    f(
        "ecs-container-instance-arn",
        "ecs_container_instance_arn",
        7,
        S,
    ),
    f(
        "ecs-container-instance-id",
        "ecs_container_instance_id",
        7,
        S,
    ),
    f("ecs-container-id", "ecs_container_id", 7, S),
    f("ecs-second-container-id", "ecs_second_container_id", 7, S),
    f("ecs-service-name", "ecs_service_name", 7, S),
    f("ecs-task-definition-arn", "ecs_task_definition_arn", 7, S),
    f("ecs-task-arn", "ecs_task_arn", 7, S),
    f("ecs-task-id", "ecs_task_id", 7, S),
    f("reject-reason", "reject_reason", 8, S),
];

/// The field with this log-format name (`log-status`) or column name (`log_status`).
///
/// ```
/// use flowlog_core::provision::fields::field;
/// assert_eq!(field("tcp-flags").unwrap().column, "tcp_flags");
/// assert_eq!(field("tcp_flags").unwrap().name, "tcp-flags");
/// assert!(field("tcp-flag").is_none());
/// ```
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name || f.column == name)
}

/// The fields a flow log delivers, in delivery order.
///
/// Invariant: at least one field, no field twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFormat {
    fields: Vec<&'static Field>,
}

impl LogFormat {
    /// AWS's default format: the 14 version-2 fields.
    ///
    /// ```
    /// use flowlog_core::provision::fields::LogFormat;
    /// assert_eq!(LogFormat::default_format().to_string().split(' ').count(), 14);
    /// ```
    pub fn default_format() -> Self {
        Self::with_versions(&[2], false)
    }

    /// The standard field set: every v2–v5 field, plus the v7 ECS fields and the v8
    /// `reject-reason` when asked for, in AWS's table order.
    ///
    /// ```
    /// use flowlog_core::provision::fields::LogFormat;
    /// assert_eq!(LogFormat::standard(false, false).fields().len(), 29);
    /// assert_eq!(LogFormat::standard(true, true).version(), 8);
    /// ```
    pub fn standard(ecs: bool, reject_reason: bool) -> Self {
        let mut versions = vec![2, 3, 4, 5];
        if ecs {
            versions.push(7);
        }
        Self::with_versions(&versions, reject_reason)
    }

    fn with_versions(versions: &[u8], reject_reason: bool) -> Self {
        Self {
            fields: FIELDS
                .iter()
                .filter(|f| versions.contains(&f.version) || (reject_reason && f.version == 8))
                .collect(),
        }
    }

    /// Parses a custom format such as `${version} ${srcaddr} ${dstaddr}`: fields written as
    /// `${name}` separated by spaces, each known to AWS's field table and given once.
    ///
    /// # Errors
    ///
    /// [`ProvisionError::LogFormat`] naming the offending element and its byte offset: text
    /// that is not `${name}`, an unknown field (with the closest known one), a repeated field,
    /// or no field at all.
    ///
    /// ```
    /// use flowlog_core::provision::fields::LogFormat;
    /// let err = LogFormat::parse("${version} ${src-addr}").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "log format: \"${src-addr}\" at byte 11: unknown field; AWS's field names are \
    ///      written like ${srcaddr} (did you mean ${srcaddr}?)"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Self, ProvisionError> {
        let mut fields: Vec<&'static Field> = Vec::new();
        let mut offset = 0;
        for token in text.split(' ') {
            let here = offset;
            offset += token.len() + 1;
            if token.is_empty() {
                continue;
            }
            let err = |reason: String| ProvisionError::LogFormat {
                element: token.to_string(),
                offset: here,
                reason,
            };
            let Some(name) = token.strip_prefix("${").and_then(|t| t.strip_suffix('}')) else {
                return Err(err(
                    "is not a field: write each field as ${name}, separated by single spaces"
                        .into(),
                ));
            };
            let Some(found) = FIELDS.iter().find(|f| f.name == name) else {
                let hint = closest(name)
                    .map(|c| format!(" (did you mean ${{{c}}}?)"))
                    .unwrap_or_default();
                return Err(ProvisionError::LogFormat {
                    element: token.to_string(),
                    offset: here,
                    reason: format!(
                        "unknown field; AWS's field names are written like ${{srcaddr}}{hint}"
                    ),
                });
            };
            if fields.iter().any(|f| f.name == found.name) {
                return Err(err("is given twice".into()));
            }
            fields.push(found);
        }
        if fields.is_empty() {
            return Err(ProvisionError::LogFormat {
                element: text.to_string(),
                offset: 0,
                reason: "names no field; give at least one, e.g. ${version}".into(),
            });
        }
        Ok(Self { fields })
    }

    /// The fields, in delivery order.
    pub fn fields(&self) -> &[&'static Field] {
        &self.fields
    }

    /// The Parquet column names, in delivery order.
    pub fn columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.column)
    }

    /// The flow-log version of records in this format: the highest version of its fields.
    pub fn version(&self) -> u8 {
        self.fields.iter().map(|f| f.version).max().unwrap_or(2)
    }

    /// Whether this is AWS's default format (which `create-flow-logs` needs no
    /// `--log-format` for).
    pub fn is_default(&self) -> bool {
        *self == Self::default_format()
    }
}

impl fmt::Display for LogFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, field) in self.fields.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "${{{}}}", field.name)?;
        }
        Ok(())
    }
}

/// The known field closest to `name` (by edit distance, at most 3 edits), for hints.
fn closest(name: &str) -> Option<&'static str> {
    let normalized = name.replace('_', "-").to_ascii_lowercase();
    if let Some(f) = FIELDS.iter().find(|f| f.name == normalized) {
        return Some(f.name);
    }
    FIELDS
        .iter()
        .map(|f| (edit_distance(&normalized, f.name), f.name))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_names_with_underscores() {
        for f in FIELDS {
            assert_eq!(f.column, f.name.replace('-', "_"));
        }
    }

    #[test]
    fn aws_types_of_the_integer_fields() {
        let ints: Vec<_> = FIELDS
            .iter()
            .filter(|f| f.parquet != ParquetType::String)
            .map(|f| (f.column, f.parquet))
            .collect();
        assert_eq!(
            ints,
            [
                ("version", I32),
                ("srcport", I32),
                ("dstport", I32),
                ("protocol", I32),
                ("packets", I64),
                ("bytes", I64),
                ("start", I64),
                ("end", I64),
                ("tcp_flags", I32),
                ("traffic_path", I32),
            ]
        );
    }

    #[test]
    fn bad_formats_name_the_element() {
        let e = |t: &str| LogFormat::parse(t).unwrap_err().to_string();
        assert!(e("${version} ${version}").contains("\"${version}\" at byte 11"));
        assert!(e("${version} srcaddr").contains("\"srcaddr\" at byte 11"));
        assert!(e("").contains("names no field"));
        assert!(e("${log_status}").contains("did you mean ${log-status}"));
    }

    #[test]
    fn round_trip_and_default() {
        let s = LogFormat::standard(true, true).to_string();
        assert_eq!(LogFormat::parse(&s).unwrap().fields().len(), 40);
        assert!(
            LogFormat::parse(&LogFormat::default_format().to_string())
                .unwrap()
                .is_default()
        );
    }
}
