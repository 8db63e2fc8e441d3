//! Checks of a bucket policy: unique Sids, placeholders, and whether every source account
//! can deliver flow logs (an Allow of `s3:PutObject` to `delivery.logs.amazonaws.com` on a
//! resource covering its `AWSLogs/<account>/` directory, with conditions it meets).

use serde_json::Value;

use super::{Facts, Finding, Severity, glob, placeholder_in};
use crate::layout::Naming;
use crate::provision::config::validate_bucket;
use crate::provision::policy::DELIVERY_PRINCIPAL;

fn finding(severity: Severity, code: &'static str, element: String, message: String) -> Finding {
    Finding {
        severity,
        code,
        element,
        message,
    }
}

/// A string or an array of strings, as a list.
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn element(i: usize, s: &Value) -> String {
    match s.get("Sid").and_then(Value::as_str) {
        Some(sid) => format!("policy Statement[{i}] (Sid \"{sid}\")"),
        None => format!("policy Statement[{i}]"),
    }
}

fn allows(action_pattern: &str, action: &str) -> bool {
    glob(
        &action_pattern.to_ascii_lowercase(),
        &action.to_ascii_lowercase(),
    )
}

fn names_delivery(s: &Value) -> bool {
    match s.get("Principal") {
        Some(Value::String(p)) => p == "*",
        Some(Value::Object(o)) => strings(o.get("Service"))
            .iter()
            .any(|p| p == DELIVERY_PRINCIPAL),
        _ => false,
    }
}

/// The values a condition requires for `key` under any operator (keys ignore case).
fn condition_values(s: &Value, key: &str) -> Option<Vec<String>> {
    let cond = s.get("Condition")?.as_object()?;
    for (_, block) in cond {
        if let Some(block) = block.as_object() {
            for (k, v) in block {
                if k.eq_ignore_ascii_case(key) {
                    return Some(strings(Some(v)));
                }
            }
        }
    }
    None
}

pub(super) fn check(text: &str, facts: &Facts, out: &mut Vec<Finding>) {
    let parsed: Result<Value, _> = serde_json::from_str(text);
    let doc = match parsed {
        Ok(v) => v,
        Err(e) if text.contains('★') => {
            out.push(finding(
                Severity::Error,
                "placeholder",
                "policy".into(),
                "holds ★ markers of lines to edit; edit those lines and remove the markers".into(),
            ));
            match serde_json::from_str(&text.replace('★', "")) {
                Ok(v) => v,
                Err(_) => {
                    out.push(invalid_json(&e));
                    return;
                }
            }
        }
        Err(e) => {
            out.push(invalid_json(&e));
            return;
        }
    };
    let statements: Vec<Value> = match doc.get("Statement") {
        Some(Value::Array(a)) => a.clone(),
        Some(o @ Value::Object(_)) => vec![o.clone()],
        _ => {
            out.push(finding(
                Severity::Error,
                "policy-shape",
                "policy".into(),
                "has no \"Statement\" object or array".into(),
            ));
            return;
        }
    };

    // Unique Sids.
    for (i, s) in statements.iter().enumerate() {
        let Some(sid) = s.get("Sid").and_then(Value::as_str) else {
            continue;
        };
        if let Some(first) = statements[..i]
            .iter()
            .position(|p| p.get("Sid").and_then(Value::as_str) == Some(sid))
        {
            out.push(finding(
                Severity::Error,
                "duplicate-sid",
                element(i, s),
                format!("Sid \"{sid}\" is already used by Statement[{first}]; IAM requires unique Sids within a policy (give each statement its own)"),
            ));
        }
    }

    // Placeholders and bucket names in resources.
    for (i, s) in statements.iter().enumerate() {
        for r in strings(s.get("Resource")) {
            if let Some(p) = placeholder_in(&r) {
                out.push(finding(
                    Severity::Error,
                    "placeholder",
                    format!("{} Resource {r}", element(i, s)),
                    format!("still holds the placeholder {p}; fill it in"),
                ));
            }
            if let Some(bucket) = r.split(":::").nth(1).and_then(|b| b.split('/').next())
                && !bucket.contains('*')
                && let Err(e) = validate_bucket(bucket)
            {
                out.push(finding(
                    Severity::Error,
                    "invalid-name",
                    format!("{} Resource {r}", element(i, s)),
                    e.to_string(),
                ));
            }
        }
    }

    check_delivery(&statements, facts, out);
}

fn invalid_json(e: &serde_json::Error) -> Finding {
    finding(
        Severity::Error,
        "invalid-json",
        format!("policy line {}, column {}", e.line(), e.column()),
        format!("is not valid JSON: {e}"),
    )
}

fn check_delivery(statements: &[Value], facts: &Facts, out: &mut Vec<Finding>) {
    let writes: Vec<(usize, &Value)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.get("Effect").and_then(Value::as_str) == Some("Allow"))
        .filter(|(_, s)| names_delivery(s))
        .filter(|(_, s)| {
            strings(s.get("Action"))
                .iter()
                .any(|a| allows(a, "s3:PutObject"))
        })
        .collect();
    if writes.is_empty() {
        out.push(finding(
            Severity::Error,
            "no-delivery",
            "policy".into(),
            format!("no statement allows {DELIVERY_PRINCIPAL} to s3:PutObject, so no flow log can be delivered"),
        ));
        return;
    }
    if !statements.iter().any(|s| {
        s.get("Effect").and_then(Value::as_str) == Some("Allow")
            && names_delivery(s)
            && strings(s.get("Action"))
                .iter()
                .any(|a| allows(a, "s3:GetBucketAcl"))
    }) {
        out.push(finding(
            Severity::Error,
            "no-acl-check",
            "policy".into(),
            format!("no statement allows {DELIVERY_PRINCIPAL} s3:GetBucketAcl on the bucket, which log delivery checks"),
        ));
    }
    for (i, s) in &writes {
        if condition_values(s, "aws:SourceAccount").is_none() {
            out.push(finding(
                Severity::Warning,
                "no-source-condition",
                element(*i, s),
                "has no aws:SourceAccount condition: any AWS account's flow logs may write here; add aws:SourceAccount and aws:SourceArn (arn:aws:logs:<region>:<account>:*)".into(),
            ));
        }
    }
    // Which account directories do the write grants cover?
    let mut granted: Vec<String> = Vec::new();
    for (_, s) in &writes {
        for r in strings(s.get("Resource")) {
            if let Some(key) = r
                .split(":::")
                .nth(1)
                .and_then(|b| b.split_once('/'))
                .map(|x| x.1)
                && let Some(at) = key.find("AWSLogs/")
            {
                let dir = key[at + 8..].split('/').next().unwrap_or_default();
                let dir = dir
                    .strip_prefix("aws-account-id=")
                    .unwrap_or(dir)
                    .to_string();
                if !dir.is_empty() && !granted.contains(&dir) {
                    granted.push(dir);
                }
            }
        }
    }
    if facts.accounts.is_empty() {
        return;
    }
    if granted.len() == 1 && facts.accounts.len() > 1 && !granted[0].contains('*') {
        let (i, s) = writes[0];
        out.push(finding(
            Severity::Error,
            "single-account-grant",
            element(i, s),
            format!(
                "grants s3:PutObject under one account directory only (AWSLogs/{}/), but {} source accounts deliver ({}); give each account its own AWSLogs/<account>/* grant",
                granted[0],
                facts.accounts.len(),
                facts.accounts.join(", ")
            ),
        ));
    }
    for account in &facts.accounts {
        if !writes.iter().any(|(_, s)| can_deliver(s, account, facts)) {
            out.push(finding(
                Severity::Error,
                "account-cannot-deliver",
                format!("policy, account {account}"),
                format!(
                    "no statement lets {DELIVERY_PRINCIPAL} write {account}'s flow logs (account from {}); allow s3:PutObject on arn:aws:s3:::{}/{}AWSLogs/{}/*",
                    facts.accounts_from,
                    facts.bucket.as_deref().unwrap_or("<bucket>"),
                    facts.prefix.as_deref().unwrap_or(""),
                    match facts.naming {
                        Some(Naming::Hive) => format!("aws-account-id={account}"),
                        _ => account.clone(),
                    }
                ),
            ));
        }
    }
}

/// Whether statement `s` lets `account`'s flow logs be written where the facts say.
fn can_deliver(s: &Value, account: &str, facts: &Facts) -> bool {
    if let Some(allowed) = condition_values(s, "aws:SourceAccount")
        && !allowed.iter().any(|a| glob(a, account))
    {
        return false;
    }
    let dir = match facts.naming {
        Some(Naming::Hive) => format!(
            "aws-account-id={account}/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=01/day=01/x.log.parquet"
        ),
        _ => format!("{account}/vpcflowlogs/us-east-1/2026/01/01/x.log.parquet"),
    };
    strings(s.get("Resource")).iter().any(|r| {
        let Some((bucket, key)) = r.split(":::").nth(1).and_then(|b| b.split_once('/')) else {
            return false;
        };
        if let Some(b) = &facts.bucket
            && !glob(bucket, b)
        {
            return false;
        }
        match &facts.prefix {
            Some(prefix) => glob(key, &format!("{prefix}AWSLogs/{dir}")),
            None => key
                .find("AWSLogs/")
                .is_some_and(|at| glob(&key[at + 8..], &dir)),
        }
    })
}
