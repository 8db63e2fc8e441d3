//! The `flowlog` binary, run as a user runs it: exit codes, stderr and output bytes.

mod functions;
mod query;
