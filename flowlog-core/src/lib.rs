//! # flowlog-core
//!
//! Amazon Athena's SQL over AWS VPC Flow Logs, on Apache DataFusion: the same DDL, the
//! same query, the same answer — on a local copy of the logs or directly on S3.
//!
//! The crate follows the data. A `flowlog query --ddl F --mirror … -f q.sql` call walks it
//! from the top down:
//!
//! ```text
//! flowlog-cli        clap → validated settings (Mirror, TrinoZone, --now, memory) → session
//!   │
//! session            one DataFusion session: Athena settings, the Trino functions, the
//!   │                query planner; scripts split into statements:
//!   ├─ ddl           CREATE EXTERNAL TABLE (sqlparser's tokenizer, positional errors)
//!   │    └─ table    …registered as a FlowLogTable (HiveTypes, projection, locations)
//!   ├─ session/statements       SHOW / DESCRIBE / MSCK …, answered from the catalog
//!   └─ SQL: dialect (Trino syntax rewritten) → session/identifiers (Trino's name rules)
//!        → DataFusion planner → session/evaluation_order (fallible operands guarded)
//!        → session/messages (errors in Athena's words)
//!
//! table              the TableProvider: prune (partition filters over projection)
//!   ├─ projection    Athena partition projection: enum, integer, date, injected, template
//!   ├─ layout        S3 key ⇄ account / region / date / hour (key and file-name grammars)
//!   ├─ storage       locations → object stores: S3 (AWS credential chain), mirrors, local
//!   └─ listing → reconcile (file columns → table columns) → DataFusion's Parquet scan
//!
//! functions          Trino functions whose DataFusion namesakes differ, by family
//! time               calendar, Trino zones, date/time text, Joda/java.time patterns
//!                    (plain Rust, shared by layout, projection, functions and render)
//! render             values as Athena prints them; Athena's CSV result format
//! memory             the memory limit and spill directory of a session
//! diagnose           why a query found nothing: projected ranges, literals, what a copy holds
//! provision          bucket policy, flow-log settings and DDL from one description; check
//! error              the one public error type, typed variants with named fields
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

#[cfg(feature = "cluster")]
pub mod cluster;
pub mod ddl;
pub mod diagnose;
pub mod dialect;
pub mod error;
pub mod functions;
pub mod layout;
pub mod memory;
pub mod projection;
pub mod provision;
pub mod questions;
pub mod render;
pub mod report;
pub mod schema;
pub mod session;
pub mod storage;
pub mod sync;
pub mod table;
pub mod time;
pub mod unload;

pub use error::{Error, Result};
pub use session::{FlowLogSession, SessionOptions};
