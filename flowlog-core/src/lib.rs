//! # flowlog-core
//!
//! Amazon Athena's SQL over AWS VPC Flow Logs, on Apache DataFusion: the same DDL, the
//! same query, the same answer — on a local copy of the logs or directly on S3.
//!
//! The crate follows the data:
//!
//! ```text
//! time        calendar, Trino zones, date/time text, Joda/java.time patterns (no DataFusion)
//! layout      S3 key ⇄ account / region / date / hour
//! projection  Athena partition projection (enum, integer, date, injected, template)
//! ddl         Athena CREATE EXTERNAL TABLE, parsed
//! table       DataFusion TableProvider: prune → list → reconcile → Parquet scan
//! dialect     Trino syntax rewritten before DataFusion plans it
//! functions   Trino functions whose DataFusion namesakes differ (from_unixtime, …)
//! render      values as Athena prints them; Athena's CSV result format
//! storage     locations → object stores: S3 (AWS credential chain), mirrors, local; counters
//! session     a DataFusion session wired with all of the above
//! provision   bucket policy, flow-log settings and DDL from one description; check
//! ```
//!
//! ```no_run
//! # async fn example() -> flowlog_core::Result<()> {
//! use flowlog_core::session::{FlowLogSession, SessionOptions};
//! let session = FlowLogSession::new(SessionOptions::default());
//! session.register_logs("vpc_flow_logs", "testdata/s3/flowlog-sample-daily").await?;
//! let df = session
//!     .run_script("select count(*) from vpc_flow_logs where account = '111111111111'")
//!     .await?
//!     .expect("a query returns rows");
//! df.show().await?;
//! # Ok(()) }
//! ```

#![warn(missing_docs, unreachable_pub, missing_debug_implementations)]

pub mod ddl;
pub mod dialect;
pub mod error;
pub mod functions;
pub mod layout;
pub mod memory;
pub mod projection;
pub mod provision;
pub mod render;
pub mod schema;
pub mod session;
pub mod storage;
pub mod table;
pub mod time;

pub use error::{Error, Result};
pub use session::{FlowLogSession, SessionOptions};
