//! Why a table's projection properties are rejected, or a projection cannot answer.

use super::{PartitionKind, PatternError};

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
