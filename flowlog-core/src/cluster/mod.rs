//! The same DDL and SQL on an Apache DataFusion Ballista cluster (the `cluster` feature).
//!
//! ```text
//! client (flowlog query --cluster df://host:port)
//!   DDL, projection, listing, footers, planning (what only flowlog can do)
//!   └─ physical plan ──FlowLogCodec──► scheduler ──stages──► executors
//!                                                            read Parquet (file://, s3://),
//!                                                            run flowlog's functions
//!   ◄── record batches (Arrow Flight) ─────────────────────────┘
//! ```
//!
//! * [`codec`]: flowlog's plan nodes and functions (with the session zone and pinned
//!   `--now`) on the wire, Ballista's own nodes handed to Ballista's codec.
//! * [`scan`]: column reconciliation kept on the executors' Parquet scans.
//! * [`stores`]: executors' object stores, made on demand (`s3://bucket` with the AWS
//!   credential chain and `--endpoint-url`; local paths on a shared file system).
//! * [`server`]: the scheduler and executor processes (and in-process ones for tests).
//! * [`client`]: plan locally, execute on the cluster, stream the answer back.
//!
//! What cannot run distributed yet: text (gzip) flow logs (their scan has no wire form),
//! lambda functions (`transform`, `filter`, …: datafusion-proto cannot send lambdas), and
//! any function that would not reach the executors unchanged — such a query fails with
//! [`ClusterError`] before anything is sent, never answering differently.

pub mod client;
pub mod codec;
pub mod functions;
pub mod scan;
pub mod server;
pub mod stores;

pub use client::{ClusterOptions, ClusterUrl, execute};
pub use codec::FlowLogCodec;
pub use functions::FunctionState;
pub use server::{ExecutorOptions, SchedulerOptions};

/// What can go wrong talking to, or running, a cluster.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// `--cluster` is not `df://host:port`.
    #[error("--cluster {url}: expected df://host:port (the scheduler's address)")]
    BadUrl {
        /// The value given.
        url: String,
    },
    /// No scheduler answers at the address.
    #[error(
        "cannot reach the cluster scheduler at {address} ({reason}); start one with `flowlog cluster scheduler --bind {address}` and executors with `flowlog cluster executor --scheduler {address}`"
    )]
    SchedulerUnreachable {
        /// `host:port`.
        address: String,
        /// Why the connection failed.
        reason: String,
    },
    /// A function whose definition would not reach the executors unchanged.
    #[error(
        "function {name} cannot run on a cluster yet (the executors would not get the same function); run this query without --cluster"
    )]
    FunctionNotSendable {
        /// The function's name.
        name: String,
    },
    /// A scan of a format the plan codec cannot send (text flow logs).
    #[error(
        "{format} flow logs cannot be read on a cluster yet (only Parquet can); run this query without --cluster"
    )]
    ScanNotSendable {
        /// The scan's file type.
        format: String,
    },
    /// A plan step the plan codec cannot send.
    #[error("the plan step {node} cannot run on a cluster yet; run this query without --cluster")]
    NodeNotSendable {
        /// The plan node's name.
        node: String,
    },
    /// The query failed on the cluster (an executor lost, a task failed).
    #[error("the query failed on the cluster: {message}")]
    JobFailed {
        /// Ballista's message, on one line.
        message: String,
    },
    /// A scheduler or executor could not start or stopped with an error.
    #[error("{role}: {message}")]
    Server {
        /// `scheduler` or `executor`.
        role: &'static str,
        /// Ballista's message, on one line.
        message: String,
    },
}

/// `s` on one line.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
