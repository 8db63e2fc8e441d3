//! The one public error type of `flowlog-core`.
//!
//! Each module keeps a precise error of its own ([`crate::ddl::DdlError`],
//! [`crate::projection::ProjectionError`], [`crate::layout::ParseKeyError`]) and folds it
//! in here, so callers match on one enum while the message keeps every detail.

use datafusion::error::DataFusionError;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `flowlog-core`.
///
/// Every variant names what the user has to look at: the object key, the column, the
/// table property, or the line and column of the SQL.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The Athena DDL could not be parsed or is not valid.
    #[error(transparent)]
    Ddl(Box<crate::ddl::DdlError>),

    /// The partition projection of a table is not valid.
    #[error("table {table}: {error}")]
    Projection {
        /// The table whose properties are wrong.
        table: String,
        /// What is wrong.
        error: Box<crate::projection::ProjectionError>,
    },

    /// A table definition is valid DDL but something flowlog cannot read.
    #[error("table {table}: {reason}")]
    UnsupportedTable {
        /// The table.
        table: String,
        /// What is not supported, and what to do instead.
        reason: String,
    },

    /// A location (`LOCATION`, template, `--logs`, `--mirror`) cannot be used.
    #[error("location {location}: {reason}")]
    Location {
        /// The location as written.
        location: String,
        /// Why it cannot be used.
        reason: String,
    },

    /// `--logs` found more than one `AWSLogs` tree under its root, and merging them was
    /// not allowed.
    #[error(
        "found {} AWSLogs trees under {location} ({}); point --logs at the one to query, or pass --allow-multiple-roots to read them all as one table",
        roots.len(),
        roots.join(", ")
    )]
    MultipleLogRoots {
        /// The root as written.
        location: String,
        /// The `AWSLogs` directories found, as keys below the store.
        roots: Vec<String>,
    },

    /// Listing or reading an object failed.
    #[error("{}", object_store_message(key, error))]
    ObjectStore {
        /// The object key or listing prefix.
        key: String,
        /// The store's error.
        error: object_store::Error,
    },

    /// An `UNLOAD` statement that cannot be run, or whose output cannot be written.
    #[error(transparent)]
    Unload(Box<crate::unload::UnloadError>),

    /// An object named like a flow-log Parquet file is not a readable Parquet file.
    #[error("object {key} is not a readable Parquet file: {reason}")]
    NotParquet {
        /// The object key.
        key: String,
        /// The reader's complaint.
        reason: String,
    },

    /// An object named like a text flow log (`.log.gz`) is not gzip text with a header.
    #[error("object {key} is not a readable text flow log: {reason}")]
    NotText {
        /// The object key.
        key: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A file column's type cannot be read as the table column's type.
    #[error(
        "object {key}: column {column} has Parquet type {file_type}, which cannot be read as the table's {table_type} (only widening, such as int to bigint or float to double, is allowed)"
    )]
    SchemaMismatch {
        /// The object key.
        key: String,
        /// The column name, as the table declares it.
        column: String,
        /// The type in the file (Arrow notation).
        file_type: String,
        /// The type the table declares (Hive notation).
        table_type: String,
    },

    /// A provisioning description (bucket, accounts, regions, log format, …) is not valid.
    #[error(transparent)]
    Provision(Box<crate::provision::ProvisionError>),

    /// `CREATE EXTERNAL TABLE` (without `IF NOT EXISTS`) names a table that is registered.
    #[error("table {database}.{table} already exists")]
    TableExists {
        /// The database.
        database: String,
        /// The table.
        table: String,
    },

    /// A SQL statement could not be parsed or planned.
    #[error("{}", sql_message(*position, message))]
    Sql {
        /// Where in the script the engine found the problem, when it knows.
        position: Option<SqlPosition>,
        /// The engine's explanation, on one line.
        message: String,
    },

    /// `SET TIME ZONE` names no zone Trino knows.
    #[error("SET TIME ZONE: {error}")]
    SessionZone {
        /// Why the zone is not valid.
        error: crate::time::zone::ZoneError,
    },

    /// `SET TIME ZONE` is followed by something other than a quoted zone or `LOCAL`.
    #[error(
        "SET TIME ZONE: expected a zone name in quotes, e.g. 'Asia/Tokyo', or LOCAL, got {found}"
    )]
    SessionZoneSyntax {
        /// What follows `SET TIME ZONE`, as SQL.
        found: String,
    },

    /// A query reads an `injected` partition column without `=` or `IN` filters on it.
    #[error(
        "table {table}: column {column} is projected as `injected`, so the query must filter it with = or IN (as Athena requires)"
    )]
    InjectedNotFiltered {
        /// The table.
        table: String,
        /// The injected column.
        column: String,
    },

    /// The filters leave more projected partitions than the session allows.
    #[error(
        "table {table}: the filters leave {count} projected partitions, more than the limit of {limit}; filter on the partition columns ({})",
        columns.join(", ")
    )]
    TooManyPartitions {
        /// The table.
        table: String,
        /// How many partitions the filters leave.
        count: u128,
        /// The limit ([`crate::table::TableOptions::partition_limit`]).
        limit: usize,
        /// The partition columns.
        columns: Vec<String>,
    },

    /// A projected partition value cannot be read as its column's type.
    #[error(
        "table {table}: partition value {value:?} is not a valid {data_type} for column {column}"
    )]
    InvalidPartitionValue {
        /// The table.
        table: String,
        /// The partition column.
        column: String,
        /// The value, as projected.
        value: String,
        /// The column's type.
        data_type: arrow::datatypes::DataType,
    },

    /// `ALTER TABLE … ADD PARTITION` names partitions the table cannot take.
    #[error("ALTER TABLE ADD PARTITION {table}: {reason}")]
    BadPartitionSpec {
        /// The table.
        table: String,
        /// What is wrong.
        reason: String,
    },

    /// A statement names a table that is not registered.
    #[error("Table '{table}' does not exist")]
    NoSuchTable {
        /// The table, as the statement names it.
        table: String,
    },

    /// `SHOW PARTITIONS` names a table without partition columns.
    #[error("Table {table} is not partitioned")]
    NotPartitioned {
        /// The table, as the statement names it.
        table: String,
    },

    /// The pattern of `SHOW TABLES '…'` is not valid.
    #[error("SHOW TABLES: bad pattern '{pattern}': {reason}")]
    BadTablePattern {
        /// The pattern as written.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A query needed more memory than its limit, even after spilling sorts and groups to disk.
    #[error(
        "the query needs more memory than its limit of {limit} allows, even when sorting and grouping spill to disk; raise the memory limit (--memory-limit), or read less (fewer columns, a narrower partition filter, a LIMIT)"
    )]
    MemoryLimitExceeded {
        /// The limit in effect.
        limit: crate::memory::ByteSize,
    },

    /// An error from the SQL engine (most often while the query runs), shown in Athena's
    /// words ([`crate::session::messages::athena_message`]).
    #[error("{}", crate::session::messages::athena_message(.0, &[]))]
    DataFusion(DataFusionError),

    /// An error of another library that reached us through the SQL engine.
    #[error(transparent)]
    External(Box<dyn std::error::Error + Send + Sync>),
}

/// A line and column (from 1) in a SQL script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqlPosition {
    /// The line, from 1.
    pub line: u64,
    /// The column, from 1.
    pub column: u64,
}

/// `SQL error at line L, column C: message`, or `SQL error: message` with no position.
fn sql_message(position: Option<SqlPosition>, message: &str) -> String {
    match position {
        Some(p) => format!(
            "SQL error at line {}, column {}: {message}",
            p.line, p.column
        ),
        None => format!("SQL error: {message}"),
    }
}

/// `object KEY: what went wrong`, or the S3 explanation alone (it names the key).
fn object_store_message(key: &str, error: &object_store::Error) -> String {
    let message = crate::storage::s3::store_message(error);
    if message.starts_with("s3://") {
        message
    } else {
        format!("object {key}: {message}")
    }
}

impl From<crate::ddl::DdlError> for Error {
    fn from(err: crate::ddl::DdlError) -> Self {
        Error::Ddl(Box::new(err))
    }
}

impl From<crate::unload::UnloadError> for Error {
    fn from(err: crate::unload::UnloadError) -> Self {
        Error::Unload(Box::new(err))
    }
}

impl From<crate::provision::ProvisionError> for Error {
    fn from(err: crate::provision::ProvisionError) -> Self {
        Error::Provision(Box::new(err))
    }
}

impl From<Error> for DataFusionError {
    fn from(err: Error) -> Self {
        match err {
            Error::DataFusion(e) => e,
            Error::External(e) => DataFusionError::External(e),
            other => DataFusionError::External(Box::new(other)),
        }
    }
}

/// The engine's error, with ours (and other libraries' errors) taken back out of
/// `DataFusionError::External`, so they read as themselves.
impl From<DataFusionError> for Error {
    fn from(err: DataFusionError) -> Self {
        match err {
            DataFusionError::External(inner) => match inner.downcast::<Error>() {
                Ok(ours) => *ours,
                Err(other) => Error::External(other),
            },
            other => Error::DataFusion(other),
        }
    }
}
