//! The `flowlog` binary, run as a user runs it: exit codes, stderr and output bytes.

mod bad_input;
mod deep_sql;
mod functions;
mod memory;
#[cfg(unix)]
mod output_safety;
mod provision;
mod query;
mod s3;
#[path = "../../../flowlog-core/tests/it/s3_server.rs"]
mod s3_server;
