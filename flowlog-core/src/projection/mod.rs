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

mod date;
mod enumerated;
mod injected;
mod integer;
mod java_format;
mod template;

pub use date::{DateProjection, IntervalUnit};
pub use enumerated::EnumProjection;
pub use injected::InjectedProjection;
pub use integer::IntegerProjection;
pub use java_format::{DatePattern, ParseDateError, PatternError, Precision};
pub use template::{
    LocationTemplate, default_location, escape_path_name, find_unfilled_placeholder,
};

use chrono::{DateTime, NaiveDateTime, Utc};

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
    /// Maps a Hive type name to a kind, ignoring case, whitespace and a length suffix.
    /// Returns `None` for types projection does not handle (`timestamp`, `double`, ...).
    ///
    /// ```
    /// # use flowlog_core::projection::PartitionKind;
    /// assert_eq!(PartitionKind::from_hive_type("STRING"), Some(PartitionKind::String));
    /// assert_eq!(PartitionKind::from_hive_type("varchar(64)"), Some(PartitionKind::String));
    /// assert_eq!(PartitionKind::from_hive_type("bigint"), Some(PartitionKind::Integer));
    /// assert_eq!(PartitionKind::from_hive_type("date"), Some(PartitionKind::Date));
    /// assert_eq!(PartitionKind::from_hive_type("timestamp"), None);
    /// ```
    pub fn from_hive_type(hive_type: &str) -> Option<Self> {
        let lower = hive_type.trim().to_ascii_lowercase();
        let base = match lower.split_once('(') {
            Some((base, rest)) if rest.trim_end().ends_with(')') => base.trim_end(),
            Some(_) => return None,
            None => lower.as_str(),
        };
        match base {
            "string" | "varchar" | "char" => Some(PartitionKind::String),
            "tinyint" | "smallint" | "int" | "integer" | "bigint" if base == lower => {
                Some(PartitionKind::Integer)
            }
            "date" if base == lower => Some(PartitionKind::Date),
            _ => None,
        }
    }

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

/// Why a projection configuration (or a use of it) is invalid.
///
/// Each message names the table property or column involved and says what is allowed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectionError {
    /// A property the projection type needs is absent.
    #[error(
        "missing table property `{property}`, required by projection type {projection}; expected {expected}"
    )]
    MissingProperty {
        /// The property key, e.g. `projection.date.range`.
        property: String,
        /// The projection type that needs it.
        projection: String,
        /// What to write there.
        expected: String,
    },
    /// A property value cannot be used.
    #[error("invalid value {value:?} for table property `{property}`: {reason}")]
    InvalidValue {
        /// The property key.
        property: String,
        /// The value as written.
        value: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// `projection.<col>.format` is not a supported `java.time` pattern.
    #[error(
        "invalid date pattern {pattern:?} in table property `{property}`: {error}; supported: y or u (year), M (month), d (day), H (hour), m (minute), s (second), S (fraction), 'quoted text' and punctuation"
    )]
    InvalidFormat {
        /// The property key.
        property: String,
        /// The pattern as written.
        pattern: String,
        /// The positional pattern error.
        error: PatternError,
    },
    /// `projection.<col>.type` names no projection type.
    #[error(
        "unknown projection type {value:?} in table property `{property}`; allowed types: enum, integer, date, injected"
    )]
    UnknownProjectionType {
        /// The property key.
        property: String,
        /// The value as written.
        value: String,
    },
    /// The projection type cannot produce values of the column's declared type.
    #[error(
        "projection type {projection} (table property `{property}`) cannot be used for partition column `{column}` of type {kind}; it needs a {allowed} column"
    )]
    UnsupportedColumnType {
        /// The `projection.<col>.type` key.
        property: String,
        /// The column.
        column: String,
        /// The projection type.
        projection: String,
        /// The column's declared kind.
        kind: PartitionKind,
        /// The column kinds the projection type supports, e.g. `string or integer`.
        allowed: String,
    },
    /// A `projection.<x>.*` property for an `x` that is not a partition column.
    #[error(
        "table property `{property}` configures `{column}`, which is not a partition column; partition columns: {}",
        .partition_columns.join(", ")
    )]
    NotAPartitionColumn {
        /// The property key.
        property: String,
        /// The column named in the key.
        column: String,
        /// The declared partition columns.
        partition_columns: Vec<String>,
    },
    /// A `projection.*` key that is not a projection property.
    #[error(
        "unknown table property `{property}`; projection properties are projection.enabled and projection.<column>.type, .values, .range, .interval, .interval.unit, .digits, .format"
    )]
    UnknownProperty {
        /// The property key as written.
        property: String,
    },
    /// The same property (keys compared ignoring ASCII case) is given twice with different values.
    #[error(
        "table property `{property}` is set twice with different values ({first:?} and {second:?}); keep one"
    )]
    ConflictingProperty {
        /// The property key.
        property: String,
        /// The first value.
        first: String,
        /// The second value.
        second: String,
    },
    /// Projection is enabled but some partition columns have no `projection.<col>.type`.
    #[error(
        "partition projection is enabled, but these partition columns have no `projection.<column>.type`: {}; every partition column must be configured",
        .columns.join(", ")
    )]
    MissingColumnConfiguration {
        /// The unconfigured columns, in declaration order.
        columns: Vec<String>,
    },
    /// Projection is enabled on a table without partition columns.
    #[error(
        "partition projection is enabled (`projection.enabled`), but the table has no partition columns"
    )]
    NotPartitioned,
    /// `storage.location.template` lacks a partition column's placeholder.
    #[error(
        "`storage.location.template` {template:?} has no `${{{column}}}` placeholder; it must contain `${{column}}` for every partition column"
    )]
    TemplateMissingColumn {
        /// The template.
        template: String,
        /// The missing column.
        column: String,
    },
    /// `storage.location.template` has a `${x}` placeholder naming no partition column.
    #[error(
        "`storage.location.template` {template:?} has placeholder `${{{placeholder}}}`, which names no partition column; partition columns: {}",
        .partition_columns.join(", ")
    )]
    TemplateUnknownColumn {
        /// The template.
        template: String,
        /// The name inside `${...}`.
        placeholder: String,
        /// The declared partition columns.
        partition_columns: Vec<String>,
    },
    /// A location still holds a `{word}` placeholder meant to be replaced by hand.
    #[error(
        "location {location:?} contains the placeholder `{placeholder}`, which nothing fills in; replace it with the real value (only `${{column}}` placeholders of partition columns are substituted)"
    )]
    UnfilledPlaceholder {
        /// The placeholder with its braces, e.g. `{subscribe_account_id}`.
        placeholder: String,
        /// The location or template that contains it.
        location: String,
    },
    /// Listing a column's values would exceed the caller's limit.
    #[error(
        "partition projection of column `{column}` yields {count} values, more than the limit of {limit}; narrow its projection or filter on `{column}` in the query"
    )]
    TooManyPartitions {
        /// The column.
        column: String,
        /// How many values the projection has.
        count: u64,
        /// The limit.
        limit: usize,
    },
    /// An injected column's values were requested without a query filter to supply them.
    #[error(
        "column `{column}` uses injected projection, so a query must filter it with `=` or `IN` to give its values"
    )]
    InjectedNotFiltered {
        /// The column.
        column: String,
    },
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

/// The projection of one column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnProjection {
    /// The partition column, as declared.
    pub name: String,
    /// How its values are produced.
    pub rule: ProjectionRule,
}

/// How a column's values are produced.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectionRule {
    /// `type` = `enum`.
    Enum(EnumProjection),
    /// `type` = `integer`.
    Integer(IntegerProjection),
    /// `type` = `date`.
    Date(DateProjection),
    /// `type` = `injected`.
    Injected(InjectedProjection),
}

impl ColumnProjection {
    fn from_properties(
        column: &PartitionColumn,
        props: &ColumnProperties<'_>,
        now: NaiveDateTime,
    ) -> Result<Self, ProjectionError> {
        let type_key = props.key(Suffix::Type);
        let written = props.get(Suffix::Type).unwrap_or_default();
        let projection = written.trim().to_ascii_lowercase();
        let allowed: &[PartitionKind] = match projection.as_str() {
            "enum" | "integer" => &[PartitionKind::String, PartitionKind::Integer],
            "date" => &[PartitionKind::String, PartitionKind::Date],
            "injected" => &[PartitionKind::String],
            _ => {
                return Err(ProjectionError::UnknownProjectionType {
                    property: type_key,
                    value: written.to_owned(),
                });
            }
        };
        if !allowed.contains(&column.kind) {
            return Err(ProjectionError::UnsupportedColumnType {
                property: type_key,
                column: column.name.clone(),
                projection,
                kind: column.kind,
                allowed: allowed
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
            });
        }
        let rule = match projection.as_str() {
            "enum" => ProjectionRule::Enum(EnumProjection::from_properties(props, column.kind)?),
            "integer" => ProjectionRule::Integer(IntegerProjection::from_properties(props)?),
            "date" => ProjectionRule::Date(DateProjection::from_properties(props, now)?),
            _ => ProjectionRule::Injected(InjectedProjection::new()),
        };
        Ok(ColumnProjection {
            name: column.name.clone(),
            rule,
        })
    }

    /// Number of values the projection yields; `None` for injected (values come from the query).
    ///
    /// For a date projection this counts interval steps; see [`DateProjection::len`].
    pub fn len(&self) -> Option<u64> {
        match &self.rule {
            ProjectionRule::Enum(p) => Some(p.len() as u64),
            ProjectionRule::Integer(p) => Some(p.len()),
            ProjectionRule::Date(p) => Some(p.len()),
            ProjectionRule::Injected(_) => None,
        }
    }

    /// `Some(true)` when the projection yields no values (never the case for a valid one);
    /// `None` for injected.
    pub fn is_empty(&self) -> Option<bool> {
        self.len().map(|n| n == 0)
    }

    /// All projected values, in order, as they go into the location and the partition column.
    ///
    /// Errors with [`ProjectionError::TooManyPartitions`] when [`len`](Self::len) exceeds
    /// `limit`, and with [`ProjectionError::InjectedNotFiltered`] for an injected column.
    pub fn values(&self, limit: usize) -> Result<Vec<String>, ProjectionError> {
        let Some(count) = self.len() else {
            return Err(ProjectionError::InjectedNotFiltered {
                column: self.name.clone(),
            });
        };
        if count > limit as u64 {
            return Err(ProjectionError::TooManyPartitions {
                column: self.name.clone(),
                count,
                limit,
            });
        }
        Ok(match &self.rule {
            ProjectionRule::Enum(p) => p.values().to_vec(),
            ProjectionRule::Integer(p) => p.values(),
            ProjectionRule::Date(p) => p.values(),
            ProjectionRule::Injected(_) => Vec::new(),
        })
    }

    /// Whether `value` (a query literal in its string form) is one of the projected values,
    /// decided without listing them. Any string for an injected column.
    pub fn contains(&self, value: &str) -> bool {
        match &self.rule {
            ProjectionRule::Enum(p) => p.contains(value),
            ProjectionRule::Integer(p) => p.contains(value),
            ProjectionRule::Date(p) => p.contains(value),
            ProjectionRule::Injected(p) => p.contains(value),
        }
    }
}

/// `projection.<col>.<suffix>` suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Type,
    Values,
    Range,
    Interval,
    IntervalUnit,
    Digits,
    Format,
}

impl Suffix {
    const ALL: [Suffix; 7] = [
        Suffix::Type,
        Suffix::Values,
        Suffix::Range,
        Suffix::Interval,
        Suffix::IntervalUnit,
        Suffix::Digits,
        Suffix::Format,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Suffix::Type => "type",
            Suffix::Values => "values",
            Suffix::Range => "range",
            Suffix::Interval => "interval",
            Suffix::IntervalUnit => "interval.unit",
            Suffix::Digits => "digits",
            Suffix::Format => "format",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

/// The `projection.<col>.*` values of one column.
#[derive(Debug, Clone)]
struct ColumnProperties<'a> {
    column: &'a str,
    values: [Option<&'a str>; 7],
}

impl<'a> ColumnProperties<'a> {
    fn new(column: &'a str) -> Self {
        ColumnProperties {
            column,
            values: [None; 7],
        }
    }

    fn set(&mut self, suffix: Suffix, value: &'a str) {
        self.values[suffix as usize] = Some(value);
    }

    fn get(&self, suffix: Suffix) -> Option<&'a str> {
        self.values[suffix as usize]
    }

    /// The property key, e.g. `projection.date.range`.
    fn key(&self, suffix: Suffix) -> String {
        format!("projection.{}.{}", self.column, suffix.as_str())
    }

    fn require(
        &self,
        suffix: Suffix,
        projection: &str,
        expected: &str,
    ) -> Result<&'a str, ProjectionError> {
        self.get(suffix)
            .ok_or_else(|| ProjectionError::MissingProperty {
                property: self.key(suffix),
                projection: projection.to_owned(),
                expected: expected.to_owned(),
            })
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn props(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap()
    }

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    fn runbook_columns() -> Vec<PartitionColumn> {
        vec![
            PartitionColumn::new("account", PartitionKind::String),
            PartitionColumn::new("date", PartitionKind::String),
        ]
    }

    fn runbook_properties() -> Vec<(String, String)> {
        props(&[
            ("projection.enabled", "true"),
            ("projection.account.type", "enum"),
            ("projection.account.values", "111111111111,222222222222"),
            ("projection.date.type", "date"),
            ("projection.date.range", "NOW-1DAYS,NOW"),
            ("projection.date.format", "yyyy/MM/dd"),
            (
                "storage.location.template",
                "s3://test-flowlogs-athena-bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/",
            ),
        ])
    }

    fn build(
        columns: &[PartitionColumn],
        pairs: &[(&str, &str)],
    ) -> Result<Option<Projection>, ProjectionError> {
        Projection::from_properties(columns, &props(pairs), now())
    }

    fn error(columns: &[PartitionColumn], pairs: &[(&str, &str)]) -> String {
        build(columns, pairs).unwrap_err().to_string()
    }

    #[test]
    fn runbook_multi_account_table() {
        let p = Projection::from_properties(&runbook_columns(), &runbook_properties(), now())
            .unwrap()
            .unwrap();
        let [account, date] = p.columns() else {
            panic!("two columns expected");
        };
        assert_eq!(account.name, "account");
        assert_eq!(
            account.values(10).unwrap(),
            strings(&["111111111111", "222222222222"])
        );
        assert_eq!(
            date.values(10).unwrap(),
            strings(&["2026/11/19", "2026/11/20"])
        );
        assert_eq!(
            p.location("ignored", &["111111111111", "2026/11/19"]),
            "s3://test-flowlogs-athena-bucket/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/"
        );
        assert!(p.column("DATE").is_some());
        assert!(p.column("region").is_none());
    }

    #[test]
    fn runbook_single_account_template_has_an_unfilled_placeholder() {
        let columns = [PartitionColumn::new("date", PartitionKind::String)];
        let template = "s3://your_log_bucket/prefix/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/${date}/";
        let err = build(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "date"),
                ("projection.date.range", "NOW-1DAYS,NOW"),
                ("projection.date.format", "yyyy/MM/dd"),
                ("storage.location.template", template),
            ],
        )
        .unwrap_err();
        assert_eq!(
            err,
            ProjectionError::UnfilledPlaceholder {
                placeholder: "{subscribe_account_id}".to_owned(),
                location: template.to_owned(),
            }
        );
    }

    #[test]
    fn disabled_or_absent_projection() {
        let columns = runbook_columns();
        assert_eq!(build(&columns, &[]).unwrap(), None);
        assert_eq!(
            build(&columns, &[("projection.enabled", "false")]).unwrap(),
            None
        );
        assert_eq!(
            build(&columns, &[("projection.enabled", " FALSE ")]).unwrap(),
            None
        );
        // Disabled: per-column properties are not even looked at.
        assert_eq!(
            build(
                &columns,
                &[
                    ("projection.enabled", "false"),
                    ("projection.x.type", "bogus")
                ]
            )
            .unwrap(),
            None
        );
        assert_eq!(
            error(&columns, &[("projection.enabled", "yes")]),
            "invalid value \"yes\" for table property `projection.enabled`: expected true or false"
        );
    }

    #[test]
    fn keys_and_values_ignore_case_and_whitespace() {
        let columns = [PartitionColumn::new("region", PartitionKind::String)];
        let p = build(
            &columns,
            &[
                ("Projection.Enabled", " TRUE "),
                ("PROJECTION.Region.TYPE", "  Enum "),
                ("projection.region.values", "us-east-1,ap-northeast-1"),
            ],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            p.columns()[0].values(10).unwrap(),
            strings(&["us-east-1", "ap-northeast-1"])
        );
    }

    #[test]
    fn every_projection_type() {
        let columns = [
            PartitionColumn::new("region", PartitionKind::String),
            PartitionColumn::new("hour", PartitionKind::Integer),
            PartitionColumn::new("day", PartitionKind::Date),
            PartitionColumn::new("vpc", PartitionKind::String),
        ];
        let p = build(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.region.type", "enum"),
                ("projection.region.values", "us-east-1,us-west-2"),
                ("projection.hour.type", "integer"),
                ("projection.hour.range", "0,23"),
                ("projection.hour.digits", "2"),
                ("projection.day.type", "date"),
                ("projection.day.range", "2024-01-01,2024-01-31"),
                ("projection.day.format", "yyyy-MM-dd"),
                ("projection.vpc.type", "injected"),
            ],
        )
        .unwrap()
        .unwrap();
        let cols = p.columns();
        assert!(matches!(cols[0].rule, ProjectionRule::Enum(_)));
        assert!(matches!(cols[1].rule, ProjectionRule::Integer(_)));
        assert!(matches!(cols[2].rule, ProjectionRule::Date(_)));
        assert!(matches!(cols[3].rule, ProjectionRule::Injected(_)));
        assert_eq!(cols[0].len(), Some(2));
        assert_eq!(cols[1].len(), Some(24));
        assert_eq!(cols[2].len(), Some(31));
        assert_eq!(cols[3].len(), None);
        assert_eq!(cols[3].is_empty(), None);
        assert_eq!(cols[1].is_empty(), Some(false));
        assert!(cols[1].contains("05"));
        assert!(!cols[1].contains("5"));
        assert!(cols[2].contains("2024-01-15"));
        assert!(cols[3].contains("vpc-0123"));
        assert_eq!(
            cols[3].values(10).unwrap_err().to_string(),
            "column `vpc` uses injected projection, so a query must filter it with `=` or `IN` to give its values"
        );
        // Without a template, Athena's default Hive-style layout.
        assert_eq!(
            p.location("s3://b/t/", &["us-east-1", "07", "2024-01-15", "vpc-1"]),
            "s3://b/t/region=us-east-1/hour=07/day=2024-01-15/vpc=vpc-1/"
        );
    }

    #[test]
    fn contains_agrees_with_values_for_every_type() {
        let p = Projection::from_properties(&runbook_columns(), &runbook_properties(), now())
            .unwrap()
            .unwrap();
        for column in p.columns() {
            let values = column.values(100).unwrap();
            for v in &values {
                assert!(column.contains(v));
            }
            for probe in [
                "",
                "111111111111 ",
                "2026/11/18",
                "2026/11/21",
                "333333333333",
            ] {
                assert_eq!(column.contains(probe), values.iter().any(|v| v == probe));
            }
        }
    }

    #[test]
    fn too_many_partitions() {
        let columns = [PartitionColumn::new("n", PartitionKind::Integer)];
        let p = build(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.n.type", "integer"),
                ("projection.n.range", "1,1000000"),
            ],
        )
        .unwrap()
        .unwrap();
        let err = p.columns()[0].values(1000).unwrap_err();
        assert_eq!(
            err.to_string(),
            "partition projection of column `n` yields 1000000 values, more than the limit of 1000; narrow its projection or filter on `n` in the query"
        );
        assert_eq!(p.columns()[0].values(1_000_000).unwrap().len(), 1_000_000);
    }

    #[test]
    fn missing_type_lists_every_unconfigured_column() {
        assert_eq!(
            error(&runbook_columns(), &[("projection.enabled", "true")]),
            "partition projection is enabled, but these partition columns have no `projection.<column>.type`: account, date; every partition column must be configured"
        );
        assert_eq!(
            build(
                &runbook_columns(),
                &[
                    ("projection.enabled", "true"),
                    ("projection.date.type", "date")
                ]
            )
            .unwrap_err(),
            ProjectionError::MissingColumnConfiguration {
                columns: strings(&["account"])
            }
        );
    }

    #[test]
    fn unknown_type() {
        let columns = [PartitionColumn::new("date", PartitionKind::String)];
        assert_eq!(
            error(
                &columns,
                &[
                    ("projection.enabled", "true"),
                    ("projection.date.type", "timestamp")
                ]
            ),
            "unknown projection type \"timestamp\" in table property `projection.date.type`; allowed types: enum, integer, date, injected"
        );
    }

    #[test]
    fn projection_types_check_the_column_kind() {
        let date_col = [PartitionColumn::new("d", PartitionKind::Date)];
        assert_eq!(
            error(
                &date_col,
                &[
                    ("projection.enabled", "true"),
                    ("projection.d.type", "injected")
                ]
            ),
            "projection type injected (table property `projection.d.type`) cannot be used for partition column `d` of type date; it needs a string column"
        );
        assert_eq!(
            error(
                &date_col,
                &[
                    ("projection.enabled", "true"),
                    ("projection.d.type", "integer"),
                    ("projection.d.range", "1,2")
                ]
            ),
            "projection type integer (table property `projection.d.type`) cannot be used for partition column `d` of type date; it needs a string or integer column"
        );
        let int_col = [PartitionColumn::new("n", PartitionKind::Integer)];
        assert_eq!(
            error(
                &int_col,
                &[
                    ("projection.enabled", "true"),
                    ("projection.n.type", "date")
                ]
            ),
            "projection type date (table property `projection.n.type`) cannot be used for partition column `n` of type integer; it needs a string or date column"
        );
    }

    #[test]
    fn properties_for_other_columns_are_rejected() {
        let columns = [PartitionColumn::new("date", PartitionKind::String)];
        assert_eq!(
            error(
                &columns,
                &[
                    ("projection.enabled", "true"),
                    ("projection.date.type", "injected"),
                    ("projection.region.type", "enum")
                ]
            ),
            "table property `projection.region.type` configures `region`, which is not a partition column; partition columns: date"
        );
        assert_eq!(
            error(
                &columns,
                &[
                    ("projection.enabled", "true"),
                    ("projection.date.type", "injected"),
                    ("projection.date.fromat", "yyyy")
                ]
            ),
            "unknown table property `projection.date.fromat`; projection properties are projection.enabled and projection.<column>.type, .values, .range, .interval, .interval.unit, .digits, .format"
        );
        assert_eq!(
            build(
                &columns,
                &[("projection.enabled", "true"), ("projection.foo", "x")]
            )
            .unwrap_err(),
            ProjectionError::UnknownProperty {
                property: "projection.foo".to_owned()
            }
        );
    }

    #[test]
    fn type_specific_properties_of_other_types_are_ignored() {
        // Trino reads only the properties of the column's own type.
        let columns = [PartitionColumn::new("date", PartitionKind::String)];
        let p = build(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "date"),
                ("projection.date.range", "2024/01/01,2024/01/02"),
                ("projection.date.format", "yyyy/MM/dd"),
                ("projection.date.digits", "3"),
                ("projection.date.values", "a,b"),
            ],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            p.columns()[0].values(10).unwrap(),
            strings(&["2024/01/01", "2024/01/02"])
        );
    }

    #[test]
    fn conflicting_duplicate_keys() {
        let columns = [PartitionColumn::new("date", PartitionKind::String)];
        assert_eq!(
            error(
                &columns,
                &[
                    ("projection.enabled", "true"),
                    ("Projection.Enabled", "false")
                ]
            ),
            "table property `projection.enabled` is set twice with different values (\"true\" and \"false\"); keep one"
        );
        assert_eq!(
            error(
                &columns,
                &[
                    ("projection.enabled", "true"),
                    ("projection.date.type", "date"),
                    ("projection.DATE.type", "enum")
                ]
            ),
            "table property `projection.date.type` is set twice with different values (\"date\" and \"enum\"); keep one"
        );
        // The same value twice is harmless.
        assert!(
            build(
                &columns,
                &[
                    ("projection.enabled", "true"),
                    ("projection.enabled", "true"),
                    ("projection.date.type", "injected")
                ]
            )
            .is_ok()
        );
    }

    #[test]
    fn not_partitioned() {
        assert_eq!(
            error(&[], &[("projection.enabled", "true")]),
            "partition projection is enabled (`projection.enabled`), but the table has no partition columns"
        );
    }

    #[test]
    fn template_errors_surface_from_from_properties() {
        let columns = runbook_columns();
        let mut pairs = vec![
            ("projection.enabled", "true"),
            ("projection.account.type", "injected"),
            ("projection.date.type", "injected"),
        ];
        pairs.push(("storage.location.template", "s3://b/${date}/"));
        assert_eq!(
            error(&columns, &pairs),
            "`storage.location.template` \"s3://b/${date}/\" has no `${account}` placeholder; it must contain `${column}` for every partition column"
        );
        pairs.pop();
        pairs.push((
            "storage.location.template",
            "s3://b/${account}/${region}/${date}/",
        ));
        assert_eq!(
            error(&columns, &pairs),
            "`storage.location.template` \"s3://b/${account}/${region}/${date}/\" has placeholder `${region}`, which names no partition column; partition columns: account, date"
        );
    }

    #[test]
    fn other_error_displays() {
        assert_eq!(
            ProjectionError::UnfilledPlaceholder {
                placeholder: "{region_code}".to_owned(),
                location: "s3://b/{region_code}/".to_owned()
            }
            .to_string(),
            "location \"s3://b/{region_code}/\" contains the placeholder `{region_code}`, which nothing fills in; replace it with the real value (only `${column}` placeholders of partition columns are substituted)"
        );
        assert_eq!(
            ProjectionError::InvalidFormat {
                property: "projection.date.format".to_owned(),
                pattern: "yyyy/MM/dd hh".to_owned(),
                error: PatternError::UnsupportedLetter {
                    letter: 'h',
                    offset: 11
                }
            }
            .to_string(),
            "invalid date pattern \"yyyy/MM/dd hh\" in table property `projection.date.format`: pattern letter 'h' at byte 11 is not supported for partition dates; supported: y or u (year), M (month), d (day), H (hour), m (minute), s (second), S (fraction), 'quoted text' and punctuation"
        );
    }

    #[test]
    fn partition_kind_from_hive_types() {
        for (t, k) in [
            ("string", Some(PartitionKind::String)),
            ("VARCHAR(10)", Some(PartitionKind::String)),
            ("char(2)", Some(PartitionKind::String)),
            ("tinyint", Some(PartitionKind::Integer)),
            ("smallint", Some(PartitionKind::Integer)),
            ("int", Some(PartitionKind::Integer)),
            ("integer", Some(PartitionKind::Integer)),
            (" BIGINT ", Some(PartitionKind::Integer)),
            ("date", Some(PartitionKind::Date)),
            ("int(3)", None),
            ("varchar(10", None),
            ("timestamp", None),
            ("decimal(10,2)", None),
        ] {
            assert_eq!(PartitionKind::from_hive_type(t), k, "{t}");
        }
        assert_eq!(PartitionKind::Integer.to_string(), "integer");
    }
}
