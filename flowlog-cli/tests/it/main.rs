//! The `flowlog` binary, run as a user runs it: exit codes, stderr and output bytes.

mod bad_input;
mod binary_outputs;
mod browser;
#[cfg(feature = "cluster")]
mod cluster;
mod completions;
mod config;
mod deep_sql;
mod describe;
mod empty_results;
mod functions;
mod man;
mod memory;
mod named;
mod output_formats;
#[cfg(unix)]
mod output_safety;
mod progress;
#[cfg(target_os = "linux")]
mod progress_pty;
mod provision;
mod pseudo_columns;
mod query;
mod readme_walk;
mod report;
mod report_browser;
mod s3;
mod s3_faults;
#[path = "../../../flowlog-core/tests/it/s3_server.rs"]
mod s3_server;
mod shell;
#[cfg(target_os = "linux")]
mod shell_pty;
mod stable_order;
mod stdin_sql;
mod support;
mod sync;
mod text_logs;
mod ui;
