//! The one integration-test binary of flowlog-core.

mod provision;
mod runbook;
mod support;
mod table;
