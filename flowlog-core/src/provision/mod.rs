//! Provisioning: the bucket policy, the flow-log settings and the Athena DDL, all pure
//! functions of one [`ProvisionConfig`], and a [`check`](check::check) that existing ones
//! agree with each other.
//!
//! ```text
//! TOML / flags ─► RawConfig ─validate─► ProvisionConfig ─┬─► policy::policy_json   bucket policy (JSON)
//!                                                        ├─► ddl::create_table     Athena DDL
//!                                                        ├─► flow_log::cli         aws ec2 create-flow-logs
//!                                                        └─► flow_log::cloudformation
//! policy + DDL + flow-log text ─► check::check ─► findings
//! ```
//!
//! Nothing here does I/O: callers read files and print.
//!
//! ```
//! use flowlog_core::provision::{ddl, policy, RawConfig};
//! let config = RawConfig::from_toml(r#"
//!     bucket = "central-log-bucket"
//!     accounts = ["111111111111", "222222222222"]
//!     regions = ["ap-northeast-1"]
//! "#).unwrap().validate().unwrap();
//! assert!(policy::policy_json(&config).contains("AWSLogs/222222222222/*"));
//! assert!(ddl::create_table(&config).contains("`protocol` int,"));
//! ```

pub mod check;
pub mod config;
pub mod ddl;
mod error;
pub mod fields;
pub mod flow_log;
pub mod json;
pub mod policy;

pub use config::{ProvisionConfig, RawConfig};
pub use error::ProvisionError;
