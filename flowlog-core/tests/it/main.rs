//! The one integration-test binary of flowlog-core.

mod aws_console_queries;
mod aws_guide_queries;
mod aws_queries;
#[cfg(feature = "cluster")]
mod cluster;
mod explain;
mod fidelity;
mod fuzz;
mod messages;
mod properties;
mod provision;
mod questions;
mod runbook;
mod s3;
mod s3_server;
mod support;
mod table;
mod text_logs;
mod unload;
