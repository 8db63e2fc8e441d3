//! The `flowlog` binary, run as a user runs it: exit codes, stderr and output bytes.

mod bad_input;
mod binary_outputs;
mod completions;
mod deep_sql;
mod empty_results;
mod functions;
mod memory;
mod output_formats;
#[cfg(unix)]
mod output_safety;
mod provision;
mod query;
mod s3;
mod s3_faults;
#[path = "../../../flowlog-core/tests/it/s3_server.rs"]
mod s3_server;
mod stable_order;
mod stdin_sql;
