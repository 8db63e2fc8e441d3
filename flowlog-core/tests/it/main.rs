//! The one integration-test binary of flowlog-core.

mod runbook;
mod support;
mod table;
