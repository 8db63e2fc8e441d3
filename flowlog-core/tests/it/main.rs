//! The one integration-test binary of flowlog-core.

mod aws_queries;
mod runbook;
mod support;
mod table;
