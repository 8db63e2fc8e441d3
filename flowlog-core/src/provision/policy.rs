//! The S3 bucket policy that lets VPC Flow Logs (and optionally CloudTrail and AWS Config)
//! deliver to the bucket, following AWS's documented statements.
//!
//! ```text
//! AWSLogDeliveryWrite<acct>   delivery.logs  s3:PutObject   <prefix>/AWSLogs/<acct>/*   (one per account)
//!                                                           (Hive: AWSLogs/aws-account-id=<acct>/*)
//!                             StringEquals aws:SourceAccount=<acct>, s3:x-amz-acl=bucket-owner-full-control
//!                             ArnLike      aws:SourceArn=arn:aws:logs:<region>:<acct>:*
//! AWSLogDeliveryAclCheck      delivery.logs  s3:GetBucketAcl, s3:ListBucket on the bucket
//! AWSCloudTrail…, AWSConfig…  optional
//! DenyInsecureTransport       Deny s3:* unless aws:SecureTransport (on by default)
//! ```
//!
//! Each account gets its own write statement, so that an account can only write under its
//! own prefix (one statement with arrays of accounts and prefixes would let any of them
//! write under any other's).

use serde_json::{Map, Value, json};

use super::config::ProvisionConfig;
use super::error::ProvisionError;
use super::json::{one_or_many, pretty};
use crate::layout::Naming;

/// The log-delivery service principal used by VPC Flow Logs.
pub const DELIVERY_PRINCIPAL: &str = "delivery.logs.amazonaws.com";

/// The bucket policy for `config`, as a JSON value.
///
/// ```
/// use flowlog_core::provision::{policy, RawConfig};
/// let c = RawConfig::from_toml(
///     "bucket = \"logs\"\naccounts = [\"111111111111\", \"222222222222\"]\nregions = [\"us-east-1\"]",
/// ).unwrap().validate().unwrap();
/// let p = policy::policy(&c);
/// let sids: Vec<_> = p["Statement"].as_array().unwrap().iter().map(|s| s["Sid"].as_str().unwrap()).collect();
/// assert_eq!(sids, ["AWSLogDeliveryWrite111111111111", "AWSLogDeliveryWrite222222222222",
///                   "AWSLogDeliveryAclCheck", "DenyInsecureTransport"]);
/// assert_eq!(p["Statement"][0]["Resource"], "arn:aws:s3:::logs/AWSLogs/111111111111/*");
/// ```
pub fn policy(config: &ProvisionConfig) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": statements(config),
    })
}

/// The bucket policy for `config` as JSON text.
pub fn policy_json(config: &ProvisionConfig) -> String {
    pretty(&policy(config))
}

/// The statements of the policy, in order.
pub fn statements(config: &ProvisionConfig) -> Vec<Value> {
    let p = config.partition();
    let bucket_arn = format!("arn:{p}:s3:::{}", config.bucket);
    let objects = format!("{bucket_arn}/{}AWSLogs", config.key_prefix());
    let source_arns = |account: &str| -> Vec<String> {
        config
            .regions
            .iter()
            .map(|r| format!("arn:{p}:logs:{r}:{account}:*"))
            .collect()
    };
    let mut out = Vec::new();
    for account in &config.accounts {
        let dir = match config.layout.naming {
            Naming::Default => account.clone(),
            Naming::Hive => format!("aws-account-id={account}"),
        };
        out.push(json!({
            "Sid": format!("AWSLogDeliveryWrite{account}"),
            "Effect": "Allow",
            "Principal": {"Service": DELIVERY_PRINCIPAL},
            "Action": "s3:PutObject",
            "Resource": format!("{objects}/{dir}/*"),
            "Condition": {
                "StringEquals": {
                    "aws:SourceAccount": account,
                    "s3:x-amz-acl": "bucket-owner-full-control",
                },
                "ArnLike": {"aws:SourceArn": one_or_many(&source_arns(account))},
            },
        }));
    }
    let all_arns: Vec<String> = config
        .accounts
        .iter()
        .flat_map(|a| source_arns(a))
        .collect();
    out.push(json!({
        "Sid": "AWSLogDeliveryAclCheck",
        "Effect": "Allow",
        "Principal": {"Service": DELIVERY_PRINCIPAL},
        "Action": ["s3:GetBucketAcl", "s3:ListBucket"],
        "Resource": bucket_arn,
        "Condition": {
            "StringEquals": {"aws:SourceAccount": one_or_many(&config.accounts)},
            "ArnLike": {"aws:SourceArn": one_or_many(&all_arns)},
        },
    }));
    if let Some(trail) = &config.policy.cloudtrail {
        let trail_arn = format!(
            "arn:{p}:cloudtrail:{}:{}:trail/{}",
            trail.region, trail.account, trail.trail
        );
        let condition = |acl: bool| {
            let mut eq = Map::new();
            eq.insert("aws:SourceArn".into(), Value::String(trail_arn.clone()));
            if acl {
                eq.insert("s3:x-amz-acl".into(), "bucket-owner-full-control".into());
            }
            json!({"StringEquals": eq})
        };
        out.push(json!({
            "Sid": "AWSCloudTrailAclCheck",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "s3:GetBucketAcl",
            "Resource": bucket_arn,
            "Condition": condition(false),
        }));
        out.push(json!({
            "Sid": "AWSCloudTrailWrite",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": format!("{objects}/{}/*", trail.account),
            "Condition": condition(true),
        }));
        if let Some(org) = &trail.organization {
            out.push(json!({
                "Sid": "AWSCloudTrailOrganizationWrite",
                "Effect": "Allow",
                "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": format!("{objects}/{org}/*"),
                "Condition": condition(true),
            }));
        }
    }
    if config.policy.aws_config {
        let accounts = one_or_many(&config.accounts);
        let resources: Vec<String> = config
            .accounts
            .iter()
            .map(|a| format!("{objects}/{a}/Config/*"))
            .collect();
        for (sid, action) in [
            ("AWSConfigBucketPermissionsCheck", "s3:GetBucketAcl"),
            ("AWSConfigBucketExistenceCheck", "s3:ListBucket"),
        ] {
            out.push(json!({
                "Sid": sid,
                "Effect": "Allow",
                "Principal": {"Service": "config.amazonaws.com"},
                "Action": action,
                "Resource": bucket_arn,
                "Condition": {"StringEquals": {"aws:SourceAccount": accounts}},
            }));
        }
        out.push(json!({
            "Sid": "AWSConfigBucketDelivery",
            "Effect": "Allow",
            "Principal": {"Service": "config.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": one_or_many(&resources),
            "Condition": {"StringEquals": {
                "aws:SourceAccount": accounts,
                "s3:x-amz-acl": "bucket-owner-full-control",
            }},
        }));
    }
    if config.policy.deny_insecure_transport {
        out.push(json!({
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [bucket_arn.clone(), format!("{bucket_arn}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }));
    }
    out
}

/// Adds `config`'s statements to an existing policy (JSON text) and returns the merged
/// policy as JSON text.
///
/// Every existing statement is kept, in place and unchanged; a generated statement that
/// equals an existing one (apart from its `Sid`) is not added again; one whose `Sid` is
/// already taken gets the first free `Sid` of the form `<Sid>2`, `<Sid>3`, ….
///
/// # Errors
///
/// [`ProvisionError::Policy`] when `existing` is not JSON or not a policy document (an
/// object whose `Statement` is an object or an array of objects).
///
/// ```
/// use flowlog_core::provision::{policy, RawConfig};
/// let c = RawConfig::from_toml(
///     "bucket = \"logs\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]",
/// ).unwrap().validate().unwrap();
/// let once = policy::policy_json(&c);
/// assert_eq!(policy::merge(&once, &c).unwrap(), once);
/// ```
pub fn merge(existing: &str, config: &ProvisionConfig) -> Result<String, ProvisionError> {
    let mut doc: Value = serde_json::from_str(existing).map_err(|e| ProvisionError::Policy {
        element: format!("line {}, column {}", e.line(), e.column()),
        reason: format!("not valid JSON: {e}"),
    })?;
    let Some(obj) = doc.as_object_mut() else {
        return Err(ProvisionError::Policy {
            element: "the document".into(),
            reason: "a bucket policy is a JSON object with \"Version\" and \"Statement\"".into(),
        });
    };
    obj.entry("Version").or_insert_with(|| "2012-10-17".into());
    let mut existing = match obj.remove("Statement") {
        None => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(one @ Value::Object(_)) => vec![one],
        Some(_) => {
            return Err(ProvisionError::Policy {
                element: "Statement".into(),
                reason: "must be an object or an array of objects".into(),
            });
        }
    };
    for (i, s) in existing.iter().enumerate() {
        if !s.is_object() {
            return Err(ProvisionError::Policy {
                element: format!("Statement[{i}]"),
                reason: "is not an object".into(),
            });
        }
    }
    let without_sid = |v: &Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            o.remove("Sid");
        }
        v
    };
    for generated in statements(config) {
        let body = without_sid(&generated);
        if existing.iter().any(|s| without_sid(s) == body) {
            continue;
        }
        let sid = generated["Sid"].as_str().unwrap_or_default().to_string();
        let taken = |candidate: &str| existing.iter().any(|s| s["Sid"] == candidate);
        let mut unique = sid.clone();
        let mut n = 2;
        while taken(&unique) {
            unique = format!("{sid}{n}");
            n += 1;
        }
        let mut generated = generated;
        generated["Sid"] = Value::String(unique);
        existing.push(generated);
    }
    obj.insert("Statement".into(), Value::Array(existing));
    Ok(pretty(&doc))
}
