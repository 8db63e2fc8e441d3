//! `check`: do an existing bucket policy, Athena DDL and flow-log settings agree with each
//! other (and with a description, when one is given)?
//!
//! Every [`Finding`] names the offending element — a statement and its `Sid`, a column, a
//! table property, a flow-log option — and says what to do. What one input says is used to
//! check the others: the accounts the DDL projects must each be able to deliver under the
//! policy, the layout the flow log delivers must be the one the DDL's template reads.
//!
//! ```
//! use flowlog_core::provision::check::{check, CheckInput};
//! let findings = check(&CheckInput {
//!     policy: Some(r#"{"Version": "2012-10-17", "Statement": [
//!         {"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
//!         {"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
//!     ]}"#),
//!     ..CheckInput::default()
//! });
//! assert!(findings.iter().any(|f| f.code == "duplicate-sid" && f.element == "policy Statement[1] (Sid \"A\")"));
//! ```

mod ddl;
mod flow_log;
mod policy;

use std::fmt;

use super::config::ProvisionConfig;
use crate::layout::Naming;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Delivery fails, Athena rejects the DDL, or a reader errors.
    Error,
    /// It works, but not as intended or not everywhere (e.g. a widened column type).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// A stable short name, e.g. `duplicate-sid`, `column-type`, `placeholder`.
    pub code: &'static str,
    /// The offending element, e.g. `policy Statement[1] (Sid "X")`, `ddl column protocol`.
    pub element: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, self.element, self.message
        )
    }
}

/// The texts to check; any may be absent.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckInput<'a> {
    /// A bucket policy (JSON).
    pub policy: Option<&'a str>,
    /// An Athena `CREATE EXTERNAL TABLE` statement.
    pub ddl: Option<&'a str>,
    /// Flow-log settings: a CloudFormation template (JSON) or `aws ec2 create-flow-logs` text.
    pub flow_log: Option<&'a str>,
    /// The intended setup; without it, the inputs are checked against each other.
    pub expected: Option<&'a ProvisionConfig>,
}

/// What the inputs say about the setup, gathered to check the others against.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// The bucket the logs live in.
    pub(crate) bucket: Option<String>,
    /// The key prefix before `AWSLogs/`, with a trailing `/` ("" for none).
    pub(crate) prefix: Option<String>,
    /// The source accounts.
    pub(crate) accounts: Vec<String>,
    /// Where `accounts` came from, for messages.
    pub(crate) accounts_from: String,
    /// Directory naming.
    pub(crate) naming: Option<Naming>,
    /// Whether hourly directories are read.
    pub(crate) hourly: Option<bool>,
    /// The DDL's data columns and their types.
    pub(crate) columns: Vec<(String, String)>,
}

impl Facts {
    fn from_config(c: &ProvisionConfig) -> Self {
        Facts {
            bucket: Some(c.bucket.clone()),
            prefix: Some(c.key_prefix()),
            accounts: c.accounts.clone(),
            accounts_from: "the description".into(),
            naming: Some(c.layout.naming),
            hourly: Some(c.layout.granularity == crate::layout::Granularity::Hourly),
            columns: Vec::new(),
        }
    }
}

/// Checks the inputs; returns the findings, errors first, in input order (DDL, policy,
/// flow log) within each severity.
pub fn check(input: &CheckInput<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut facts = input.expected.map(Facts::from_config).unwrap_or_default();
    if let Some(text) = input.ddl {
        let ddl_facts = ddl::check(text, input.expected, &mut findings);
        merge_facts(&mut facts, ddl_facts);
    }
    if let Some(text) = input.policy {
        policy::check(text, &facts, &mut findings);
    }
    if let Some(text) = input.flow_log {
        flow_log::check(text, &facts, input.expected, &mut findings);
    }
    findings.sort_by_key(|f| f.severity);
    findings
}

/// Fills what `facts` does not know yet from what the DDL says.
fn merge_facts(facts: &mut Facts, from_ddl: Facts) {
    facts.bucket = facts.bucket.take().or(from_ddl.bucket);
    facts.prefix = facts.prefix.take().or(from_ddl.prefix);
    if facts.accounts.is_empty() {
        facts.accounts = from_ddl.accounts;
        facts.accounts_from = from_ddl.accounts_from;
    }
    facts.naming = facts.naming.or(from_ddl.naming);
    facts.hourly = facts.hourly.or(from_ddl.hourly);
    facts.columns = from_ddl.columns;
}

/// Whether `text` matches the IAM-style wildcard `pattern` (`*` any run, `?` one character).
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Placeholders people leave in pasted policies and DDL: `{word}`, `<word>`, `★`, and
/// example names from AWS's and the runbook's documents.
pub(crate) fn placeholder_in(text: &str) -> Option<String> {
    if let Some(p) = crate::projection::find_unfilled_placeholder(text) {
        return Some(p);
    }
    if text.contains('★') {
        return Some("★".into());
    }
    if let (Some(a), Some(b)) = (text.find('<'), text.find('>'))
        && a < b
        && b - a > 1
        && text[a + 1..b]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
    {
        return Some(text[a..=b].to_string());
    }
    const EXAMPLES: [&str; 7] = [
        "your_bucket_name",
        "your_log_bucket",
        "aws_accountNo",
        "DOC-EXAMPLE-BUCKET",
        "amzn-s3-demo-bucket",
        "my-s3-arn",
        "myBucketName",
    ];
    EXAMPLES
        .iter()
        .find(|e| text.contains(*e))
        .map(|e| (*e).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_like_iam() {
        assert!(glob("b/AWSLogs/111/*", "b/AWSLogs/111/vpcflowlogs/x"));
        assert!(!glob("b/AWSLogs/111/*", "b/AWSLogs/222/vpcflowlogs/x"));
        assert!(glob("b/*/AWSLogs/1?1/*", "b/p/AWSLogs/111/x"));
        assert!(glob("*", ""));
        assert!(!glob("a", ""));
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder_in("s3://b/AWSLogs/{subscribe_account_id}/").as_deref(),
            Some("{subscribe_account_id}")
        );
        assert_eq!(placeholder_in("s3://b/${date}/"), None);
        assert_eq!(
            placeholder_in("arn:aws:s3:::b/<acct>/").as_deref(),
            Some("<acct>")
        );
        assert_eq!(
            placeholder_in("arn:aws:s3:::your_bucket_name").as_deref(),
            Some("your_bucket_name")
        );
    }
}
