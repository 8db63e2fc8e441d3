//! Athena partition projection, computed from a table's `TBLPROPERTIES`.
//!
//! With `projection.enabled` = `true`, Athena ignores the partitions registered in the catalog
//! and computes them from per-column properties instead:
//!
//! ```text
//! PARTITIONED BY (`account` string, `date` string)
//! TBLPROPERTIES (
//!   "projection.enabled" = "true",
//!   "projection.account.type" = "enum",
//!   "projection.account.values" = "111111111111,222222222222",
//!   "projection.date.type" = "date",
//!   "projection.date.range" = "NOW-1DAYS,NOW",
//!   "projection.date.format" = "yyyy/MM/dd",
//!   "storage.location.template" =
//!     "s3://bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/")
//! ```
//!
//! Every partition column needs `projection.<column>.type`: `enum` ([`EnumProjection`]),
//! `integer` ([`IntegerProjection`]), `date` ([`DateProjection`]) or `injected`
//! ([`InjectedProjection`]). Property keys are matched without regard to ASCII case. Other
//! table properties are left alone. The rules follow the Athena documentation and Trino's Hive
//! connector (its partition projection is a port of Athena's); where this module differs from
//! Trino it says so at the item.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use flowlog_core::projection::{PartitionColumn, PartitionKind, Projection};
//!
//! let columns = [
//!     PartitionColumn::new("account", PartitionKind::String),
//!     PartitionColumn::new("date", PartitionKind::String),
//! ];
//! let properties: Vec<(String, String)> = [
//!     ("projection.enabled", "true"),
//!     ("projection.account.type", "enum"),
//!     ("projection.account.values", "111111111111,222222222222"),
//!     ("projection.date.type", "date"),
//!     ("projection.date.range", "NOW-1DAYS,NOW"),
//!     ("projection.date.format", "yyyy/MM/dd"),
//!     ("storage.location.template", "s3://b/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/"),
//! ]
//! .iter()
//! .map(|(k, v)| (k.to_string(), v.to_string()))
//! .collect();
//! let now = Utc.with_ymd_and_hms(2026, 11, 20, 15, 30, 0).unwrap();
//! let projection = Projection::from_properties(&columns, &properties, now).unwrap().unwrap();
//! let date = &projection.columns()[1];
//! assert_eq!(date.values(100).unwrap(), ["2026/11/19", "2026/11/20"]);
//! assert!(date.contains("2026/11/19"));
//! let template = projection.template().unwrap();
//! assert_eq!(
//!     template.render(&["111111111111", "2026/11/19"]),
//!     "s3://b/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/"
//! );
//! ```

mod column;
mod date;
mod enumerated;
mod error;
mod injected;
mod integer;
mod java_format;
mod now;
mod properties;
mod template;
#[cfg(test)]
mod tests;

pub use column::{ColumnProjection, ProjectionRule};

pub use date::{DateProjection, IntervalUnit};
pub use enumerated::EnumProjection;
pub use error::ProjectionError;
pub use injected::InjectedProjection;
pub use integer::IntegerProjection;
pub use java_format::{DatePattern, ParseDateError, PatternError, Precision};
pub use template::{
    LocationTemplate, default_location, escape_path_name, find_unfilled_placeholder,
};

use chrono::{DateTime, Utc};

use properties::{ColumnProperties, Suffix, strip_prefix_ignore_case};

/// The table property that switches projection on.
pub const ENABLED_PROPERTY: &str = "projection.enabled";
/// The table property holding the location template.
pub const TEMPLATE_PROPERTY: &str = "storage.location.template";

/// One partition column as declared in `PARTITIONED BY`, in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionColumn {
    /// Column name as declared (Athena lower-cases it; matching here ignores ASCII case).
    pub name: String,
    /// Declared type, as far as projection cares.
    pub kind: PartitionKind,
}

impl PartitionColumn {
    /// A column with a name and a kind.
    pub fn new(name: impl Into<String>, kind: PartitionKind) -> Self {
        PartitionColumn {
            name: name.into(),
            kind,
        }
    }
}

/// The declared Hive type of a partition column, as far as projection cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartitionKind {
    /// `string`, `varchar(n)`, `char(n)`.
    String,
    /// `tinyint`, `smallint`, `int`, `integer`, `bigint`.
    Integer,
    /// `date`.
    Date,
}

impl PartitionKind {
    /// Lower-case name for messages (`string`, `integer`, `date`).
    pub fn as_str(self) -> &'static str {
        match self {
            PartitionKind::String => "string",
            PartitionKind::Integer => "integer",
            PartitionKind::Date => "date",
        }
    }
}

impl std::fmt::Display for PartitionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A table's projection configuration, built from `TBLPROPERTIES`.
///
/// Invariant: one [`ColumnProjection`] per partition column, in `PARTITIONED BY` order; the
/// template, if any, has a placeholder for every one of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    columns: Vec<ColumnProjection>,
    template: Option<LocationTemplate>,
}

impl Projection {
    /// Reads the projection of a table.
    ///
    /// `properties` are the `TBLPROPERTIES` as written; keys are compared ignoring ASCII case and
    /// so are column names. Returns `Ok(None)` when `projection.enabled` is absent or `false`
    /// (any case, surrounding whitespace ignored); any value other than `true`/`false` is an
    /// error (Trino would treat it as `false`). `now` is what `NOW` means in date ranges
    /// (values are computed in UTC).
    ///
    /// Unlike Trino, which ignores them, a `projection.*` key for a column that is not a
    /// partition column, or with an unknown suffix, is an error. Type-specific properties that
    /// the column's type does not use (e.g. `.digits` on a `date` column) are ignored, as in Trino.
    pub fn from_properties(
        columns: &[PartitionColumn],
        properties: &[(String, String)],
        now: DateTime<Utc>,
    ) -> Result<Option<Projection>, ProjectionError> {
        let lookup = |wanted: &str| -> Result<Option<&str>, ProjectionError> {
            let mut found: Option<&str> = None;
            for (key, value) in properties {
                if key.eq_ignore_ascii_case(wanted) {
                    match found {
                        Some(first) if first != value => {
                            return Err(ProjectionError::ConflictingProperty {
                                property: wanted.to_owned(),
                                first: first.to_owned(),
                                second: value.clone(),
                            });
                        }
                        _ => found = Some(value),
                    }
                }
            }
            Ok(found)
        };

        match lookup(ENABLED_PROPERTY)? {
            None => return Ok(None),
            Some(flag) if flag.trim().eq_ignore_ascii_case("false") => return Ok(None),
            Some(flag) if flag.trim().eq_ignore_ascii_case("true") => {}
            Some(flag) => {
                return Err(ProjectionError::InvalidValue {
                    property: ENABLED_PROPERTY.to_owned(),
                    value: flag.to_owned(),
                    reason: "expected true or false".to_owned(),
                });
            }
        }
        if columns.is_empty() {
            return Err(ProjectionError::NotPartitioned);
        }

        let mut per_column: Vec<ColumnProperties<'_>> = columns
            .iter()
            .map(|c| ColumnProperties::new(&c.name))
            .collect();
        for (key, value) in properties {
            let Some(rest) = strip_prefix_ignore_case(key, "projection.") else {
                continue;
            };
            if rest.eq_ignore_ascii_case("enabled") {
                continue;
            }
            let Some((column, suffix)) = rest.split_once('.') else {
                return Err(ProjectionError::UnknownProperty {
                    property: key.clone(),
                });
            };
            let Some(index) = columns
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(column))
            else {
                return Err(ProjectionError::NotAPartitionColumn {
                    property: key.clone(),
                    column: column.to_owned(),
                    partition_columns: columns.iter().map(|c| c.name.clone()).collect(),
                });
            };
            let Some(suffix) = Suffix::parse(suffix) else {
                return Err(ProjectionError::UnknownProperty {
                    property: key.clone(),
                });
            };
            let props = &mut per_column[index];
            match props.get(suffix) {
                Some(first) if first != value => {
                    return Err(ProjectionError::ConflictingProperty {
                        property: props.key(suffix),
                        first: first.to_owned(),
                        second: value.clone(),
                    });
                }
                _ => props.set(suffix, value),
            }
        }

        let missing: Vec<String> = columns
            .iter()
            .zip(&per_column)
            .filter(|(_, props)| props.get(Suffix::Type).is_none())
            .map(|(column, _)| column.name.clone())
            .collect();
        if !missing.is_empty() {
            return Err(ProjectionError::MissingColumnConfiguration { columns: missing });
        }

        let now = now.naive_utc();
        let projected = columns
            .iter()
            .zip(&per_column)
            .map(|(column, props)| ColumnProjection::from_properties(column, props, now))
            .collect::<Result<Vec<_>, _>>()?;

        let template = match lookup(TEMPLATE_PROPERTY)? {
            Some(text) => Some(LocationTemplate::parse(text, columns)?),
            None => None,
        };
        Ok(Some(Projection {
            columns: projected,
            template,
        }))
    }

    /// One projection per partition column, in `PARTITIONED BY` order.
    pub fn columns(&self) -> &[ColumnProjection] {
        &self.columns
    }

    /// The projection of the column called `name` (ASCII case ignored).
    pub fn column(&self, name: &str) -> Option<&ColumnProjection> {
        self.columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The parsed `storage.location.template`, if the table has one.
    pub fn template(&self) -> Option<&LocationTemplate> {
        self.template.as_ref()
    }

    /// The location of one partition: the template filled with `values` (in column order), or
    /// without a template Athena's default `table_location/col1=val1/col2=val2/`.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use flowlog_core::projection::{PartitionColumn, PartitionKind, Projection};
    /// let columns = [PartitionColumn::new("region", PartitionKind::String)];
    /// let properties = vec![
    ///     ("projection.enabled".to_string(), "true".to_string()),
    ///     ("projection.region.type".to_string(), "enum".to_string()),
    ///     ("projection.region.values".to_string(), "us-east-1".to_string()),
    /// ];
    /// let now = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    /// let p = Projection::from_properties(&columns, &properties, now).unwrap().unwrap();
    /// assert_eq!(p.location("s3://b/t", &["us-east-1"]), "s3://b/t/region=us-east-1/");
    /// ```
    pub fn location(&self, table_location: &str, values: &[&str]) -> String {
        match &self.template {
            Some(template) => template.render(values),
            None => {
                let names: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
                default_location(table_location, &names, values)
            }
        }
    }
}
