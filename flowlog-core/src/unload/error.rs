//! What can go wrong with an `UNLOAD` statement, in words that say what to change.

/// An `UNLOAD` statement that cannot be run, or whose output cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UnloadError {
    /// The statement does not have UNLOAD's shape.
    #[error(
        "UNLOAD: {reason}; write UNLOAD (SELECT …) TO 's3://bucket/prefix/' WITH (format = 'PARQUET')"
    )]
    Syntax {
        /// What is wrong where.
        reason: String,
    },
    /// A `WITH` property UNLOAD does not have.
    #[error(
        "UNLOAD: unknown property {name}; the properties are format, compression, compression_level, field_delimiter and partitioned_by"
    )]
    UnknownProperty {
        /// The property as written.
        name: String,
    },
    /// A property given twice.
    #[error("UNLOAD: property {name} is given twice")]
    DuplicateProperty {
        /// The property.
        name: String,
    },
    /// A property whose value is not one it accepts.
    #[error("UNLOAD: {property} = {value} is not valid; {expected}")]
    BadValue {
        /// The property.
        property: &'static str,
        /// The value as written.
        value: String,
        /// What it accepts.
        expected: &'static str,
    },
    /// A format Athena writes and flowlog does not.
    #[error(
        "UNLOAD: flowlog cannot write format '{format}'; use format = 'PARQUET', 'JSON' or 'TEXTFILE'"
    )]
    UnsupportedFormat {
        /// The format.
        format: String,
    },
    /// A compression the format cannot use (here).
    #[error("UNLOAD: format '{format}' cannot use compression '{compression}'; {instead}")]
    UnsupportedCompression {
        /// The format.
        format: &'static str,
        /// The compression.
        compression: &'static str,
        /// What to use instead.
        instead: &'static str,
    },
    /// The partition columns are not the last columns of the query, in order.
    #[error(
        "UNLOAD: the partitioned_by columns ({wanted}) must be the last columns of the SELECT, in that order; the SELECT ends with ({found})"
    )]
    PartitionColumnsNotLast {
        /// The partition columns.
        wanted: String,
        /// The last columns of the query.
        found: String,
    },
    /// Every column would be a partition column.
    #[error("UNLOAD: the SELECT needs at least one column that is not in partitioned_by")]
    OnlyPartitionColumns,
    /// More partitions than Athena writes.
    #[error("UNLOAD: the result has more than {limit} partitions, the most UNLOAD writes")]
    TooManyPartitions {
        /// The limit.
        limit: usize,
    },
    /// The target already holds data (unpartitioned UNLOAD writes only to an empty place).
    #[error(
        "UNLOAD: {target} is not empty (it holds {example}); UNLOAD writes only to an empty location, delete what is there or choose another"
    )]
    TargetNotEmpty {
        /// The target.
        target: String,
        /// One thing found there.
        example: String,
    },
    /// The target overlaps the location of a table.
    #[error(
        "UNLOAD: {target} overlaps the location of table {table} ({location}); flowlog never writes into a table's data, choose another location"
    )]
    TargetInTable {
        /// The target.
        target: String,
        /// The table.
        table: String,
        /// Its location.
        location: String,
    },
    /// A column of a type the format cannot hold.
    #[error("UNLOAD: format '{format}' cannot hold column {column} of type {data_type}; {instead}")]
    UnsupportedType {
        /// The format.
        format: &'static str,
        /// The column.
        column: String,
        /// Its type.
        data_type: String,
        /// What to do instead.
        instead: &'static str,
    },
    /// Writing or moving the output failed.
    #[error("UNLOAD to {target}: {reason}")]
    Write {
        /// The target.
        target: String,
        /// What failed.
        reason: String,
    },
}
