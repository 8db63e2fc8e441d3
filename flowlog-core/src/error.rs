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

    /// Listing or reading an object failed.
    #[error("{}", object_store_message(key, error))]
    ObjectStore {
        /// The object key or listing prefix.
        key: String,
        /// The store's error.
        error: object_store::Error,
    },

    /// An object named like a flow-log Parquet file is not a readable Parquet file.
    #[error("object {key} is not a readable Parquet file: {reason}")]
    NotParquet {
        /// The object key.
        key: String,
        /// The reader's complaint.
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

    /// A query-level problem found by flowlog itself (not by the SQL engine).
    #[error("{0}")]
    Query(String),

    /// A query needed more memory than its limit, even after spilling sorts and groups to disk.
    #[error(
        "the query needs more memory than its limit of {limit} allows, even when sorting and grouping spill to disk; raise the memory limit (--memory-limit), or read less (fewer columns, a narrower partition filter, a LIMIT)"
    )]
    MemoryLimitExceeded {
        /// The limit in effect.
        limit: crate::memory::ByteSize,
    },

    /// An error from the SQL engine.
    #[error(transparent)]
    DataFusion(#[from] DataFusionError),
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

impl From<crate::provision::ProvisionError> for Error {
    fn from(err: crate::provision::ProvisionError) -> Self {
        Error::Provision(Box::new(err))
    }
}

impl From<Error> for DataFusionError {
    fn from(err: Error) -> Self {
        match err {
            Error::DataFusion(e) => e,
            other => DataFusionError::External(Box::new(other)),
        }
    }
}
