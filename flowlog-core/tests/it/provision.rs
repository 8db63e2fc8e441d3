//! `provision`: golden files of every output, the policy parsed back and checked
//! structurally, the generated DDL over the sample in all four layouts against counts
//! computed independently (`testdata/expected/provision.py`), `check` on the runbook's own
//! policy and DDL, and bad descriptions.
//!
//! Golden files live in `tests/golden/provision/`; `UPDATE_GOLDEN=1 cargo test` rewrites
//! them (review the diff before committing).

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use flowlog_core::FlowLogSession;
use flowlog_core::provision::check::{CheckInput, Finding, check};
use flowlog_core::provision::{ProvisionConfig, RawConfig, ddl, flow_log, policy};
use serde_json::Value;

use crate::support::{csv, sample_options, testdata};

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/provision")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, want, "{name} differs from its golden file");
}

fn config(toml: &str) -> ProvisionConfig {
    RawConfig::from_toml(toml).unwrap().validate().unwrap()
}

const CENTRAL: &str = r#"
bucket = "central-log-bucket"
prefix = "org"
accounts = ["111111111111", "222222222222"]
regions = ["ap-northeast-1"]
table = "vpc_flow_logs"
since = "NOW-7DAYS"
[policy]
aws_config = true
[policy.cloudtrail]
trail = "org-trail"
account = "111111111111"
region = "ap-northeast-1"
organization = "o-exampleorgid"
"#;

const HIVE_HOURLY: &str = r#"
bucket = "flow-logs.example"
accounts = ["333333333333"]
regions = ["us-east-1", "eu-west-1"]
hive = true
hourly = true
since = "2026/01/01"
ecs = true
reject_reason = true
max_aggregation_interval = 60
[policy]
deny_insecure_transport = false
"#;

#[test]
fn every_output_matches_its_golden_file() {
    for (name, toml) in [("central", CENTRAL), ("hive-hourly", HIVE_HOURLY)] {
        let c = config(toml);
        golden(&format!("{name}.policy.json"), &policy::policy_json(&c));
        golden(&format!("{name}.ddl.sql"), &ddl::create_table(&c));
        golden(&format!("{name}.flow-log.sh"), &flow_log::cli(&c));
        golden(
            &format!("{name}.flow-log.cfn.json"),
            &flow_log::cloudformation(&c),
        );
    }
}

fn statements(policy: &Value) -> &Vec<Value> {
    policy["Statement"].as_array().unwrap()
}

#[test]
fn policy_lets_every_account_deliver_under_its_own_prefix_only() {
    let c = config(CENTRAL);
    let p: Value = serde_json::from_str(&policy::policy_json(&c)).unwrap();
    let sids: Vec<&str> = statements(&p)
        .iter()
        .map(|s| s["Sid"].as_str().unwrap())
        .collect();
    assert_eq!(
        sids.iter().collect::<BTreeSet<_>>().len(),
        sids.len(),
        "{sids:?}"
    );
    for account in ["111111111111", "222222222222"] {
        let writes: Vec<&Value> = statements(&p)
            .iter()
            .filter(|s| s["Principal"]["Service"] == "delivery.logs.amazonaws.com")
            .filter(|s| s["Action"] == "s3:PutObject")
            .filter(|s| s["Condition"]["StringEquals"]["aws:SourceAccount"] == account)
            .collect();
        assert_eq!(writes.len(), 1, "{account}");
        let w = writes[0];
        assert_eq!(w["Effect"], "Allow");
        assert_eq!(
            w["Resource"],
            format!("arn:aws:s3:::central-log-bucket/org/AWSLogs/{account}/*")
        );
        assert_eq!(
            w["Condition"]["StringEquals"]["s3:x-amz-acl"],
            "bucket-owner-full-control"
        );
        assert_eq!(
            w["Condition"]["ArnLike"]["aws:SourceArn"],
            format!("arn:aws:logs:ap-northeast-1:{account}:*")
        );
    }
    let acl = statements(&p)
        .iter()
        .find(|s| s["Sid"] == "AWSLogDeliveryAclCheck")
        .unwrap();
    assert_eq!(
        acl["Action"],
        serde_json::json!(["s3:GetBucketAcl", "s3:ListBucket"])
    );
    assert_eq!(acl["Resource"], "arn:aws:s3:::central-log-bucket");
    let org = statements(&p)
        .iter()
        .find(|s| s["Sid"] == "AWSCloudTrailOrganizationWrite")
        .unwrap();
    assert_eq!(
        org["Resource"],
        "arn:aws:s3:::central-log-bucket/org/AWSLogs/o-exampleorgid/*"
    );
    assert_eq!(
        org["Condition"]["StringEquals"]["aws:SourceArn"],
        "arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/org-trail"
    );
    let tls = statements(&p).last().unwrap();
    assert_eq!(tls["Effect"], "Deny");
    assert_eq!(tls["Condition"]["Bool"]["aws:SecureTransport"], "false");
    // The generated policy passes its own check.
    let findings = check(&CheckInput {
        policy: Some(&policy::policy_json(&c)),
        ddl: Some(&ddl::create_table(&c)),
        flow_log: Some(&flow_log::cloudformation(&c)),
        expected: Some(&c),
    });
    assert!(findings.is_empty(), "{findings:#?}");
    let findings = check(&CheckInput {
        flow_log: Some(&flow_log::cli(&c)),
        ..CheckInput::default()
    });
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn hive_policy_grants_the_hive_prefix_and_tls_deny_can_be_off() {
    let c = config(HIVE_HOURLY);
    let p: Value = serde_json::from_str(&policy::policy_json(&c)).unwrap();
    let w = &statements(&p)[0];
    assert_eq!(
        w["Resource"],
        "arn:aws:s3:::flow-logs.example/AWSLogs/aws-account-id=333333333333/*"
    );
    assert_eq!(
        w["Condition"]["ArnLike"]["aws:SourceArn"],
        serde_json::json!([
            "arn:aws:logs:us-east-1:333333333333:*",
            "arn:aws:logs:eu-west-1:333333333333:*"
        ])
    );
    assert!(!statements(&p).iter().any(|s| s["Effect"] == "Deny"));
}

#[test]
fn merge_keeps_existing_statements_and_adds_each_once() {
    let c = config(CENTRAL);
    let runbook = std::fs::read_to_string(testdata().join("runbook/verbatim/bucket-policy.json"))
        .unwrap()
        .replace('★', "");
    let merged = policy::merge(&runbook, &c).unwrap();
    let m: Value = serde_json::from_str(&merged).unwrap();
    let old: Value = serde_json::from_str(&runbook).unwrap();
    let generated = policy::statements(&c);
    assert_eq!(statements(&m).len(), 2 + generated.len());
    assert_eq!(statements(&m)[..2], statements(&old)[..]);
    // Merging again adds nothing.
    assert_eq!(policy::merge(&merged, &c).unwrap(), merged);
    // A taken Sid with other content gets a fresh one.
    let clash = r#"{"Version": "2012-10-17", "Statement": {"Sid": "AWSLogDeliveryAclCheck", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::x/*"}}"#;
    let m: Value = serde_json::from_str(&policy::merge(clash, &c).unwrap()).unwrap();
    let sids: Vec<&str> = statements(&m)
        .iter()
        .map(|s| s["Sid"].as_str().unwrap())
        .collect();
    assert!(sids.contains(&"AWSLogDeliveryAclCheck2"), "{sids:?}");
    assert_eq!(sids.iter().collect::<BTreeSet<_>>().len(), sids.len());
    let err = policy::merge("[1]", &c).unwrap_err().to_string();
    assert!(err.starts_with("existing policy: the document"), "{err}");
}

/// The generated DDL for each sample bucket, registered and queried.
#[tokio::test]
async fn generated_ddl_reads_every_layout_of_the_sample() {
    let want =
        std::fs::read_to_string(testdata().join("expected/provision-roundtrip.csv")).unwrap();
    assert!(want.lines().count() == 17, "16 groups and a header");
    let mut got = String::from("\"bucket\",\"account\",\"date\",\"n\",\"bytes\",\"tcp\"\n");
    for (bucket, prefix, hive, hourly) in [
        ("flowlog-sample-daily", "", false, false),
        ("flowlog-sample-hive", "", true, false),
        ("flowlog-sample-hive-hourly", "exports/vpc", true, true),
        ("flowlog-sample-hourly", "", false, true),
    ] {
        let c = config(&format!(
            "bucket = \"{bucket}\"\nprefix = \"{prefix}\"\naccounts = [\"111111111111\", \"222222222222\"]\n\
             regions = [\"ap-northeast-1\"]\nhive = {hive}\nhourly = {hourly}\nsince = \"2026/11/19\"\ntable = \"t\""
        ));
        let options = flowlog_core::SessionOptions {
            now: Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap(),
            ..sample_options()
        };
        let session = FlowLogSession::new(options);
        session.register_ddl(&ddl::create_table(&c)).unwrap();
        let out = csv(
            &session,
            &format!(
                "select '{bucket}' as bucket, account, date, count(*) as n, sum(bytes) as bytes, \
                 count(case when protocol = 6 then 1 end) as tcp from t group by account, date order by account, date"
            ),
        )
        .await
        .unwrap();
        got.extend(out.lines().skip(1).map(|l| format!("{l}\n")));
    }
    let sorted = |s: &str| {
        let mut l: Vec<String> = s.lines().map(String::from).collect();
        l[1..].sort();
        l.join("\n")
    };
    assert_eq!(sorted(&got), sorted(&want));
}

#[tokio::test]
async fn generated_hourly_ddl_filters_on_hour() {
    let c = config(
        "bucket = \"flowlog-sample-hourly\"\naccounts = [\"111111111111\"]\nregions = [\"ap-northeast-1\"]\nhourly = true\nsince = \"NOW-1DAYS\"",
    );
    let session = FlowLogSession::new(sample_options());
    session.register_ddl(&ddl::create_table(&c)).unwrap();
    let got = csv(
        &session,
        "select hour, count(*) as n from vpc_flow_logs where date = '2026/11/19' group by hour order by hour",
    )
    .await
    .unwrap();
    // Independently: records.csv rows of flowlog-sample-hourly under
    // AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/<HH>/, counted per HH.
    let records = std::fs::read_to_string(testdata().join("records.csv")).unwrap();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for line in records.lines().skip(1) {
        let key = line.split(',').nth(1).unwrap();
        if let Some(rest) =
            key.strip_prefix("AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/")
            && line.starts_with("flowlog-sample-hourly,")
        {
            *counts.entry(rest[..2].to_string()).or_default() += 1;
        }
    }
    let mut want = String::from("\"hour\",\"n\"\n");
    for (h, n) in &counts {
        want.push_str(&format!("\"{h}\",\"{n}\"\n"));
    }
    assert!(counts.len() >= 2);
    assert_eq!(got, want);
}

fn runbook(name: &str) -> String {
    std::fs::read_to_string(testdata().join("runbook/verbatim").join(name)).unwrap()
}

fn has(findings: &[Finding], code: &str, element: &str, message: &str) -> bool {
    findings
        .iter()
        .any(|f| f.code == code && f.element.contains(element) && f.message.contains(message))
}

#[test]
fn check_finds_the_runbooks_known_mistakes() {
    let policy_text = runbook("bucket-policy.json");
    let ddl_text = runbook("create-table-multi-account.sql");
    let findings = check(&CheckInput {
        policy: Some(&policy_text),
        ddl: Some(&ddl_text),
        ..CheckInput::default()
    });
    let all = findings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    golden("runbook-check.txt", &format!("{all}\n"));
    assert!(
        has(
            &findings,
            "duplicate-sid",
            "Statement[1] (Sid \"AWSConsolidatedLogs\")",
            "Statement[0]"
        ),
        "{all}"
    );
    assert!(
        has(
            &findings,
            "single-account-grant",
            "Statement[1]",
            "AWSLogs/aws_accountNo/"
        ),
        "{all}"
    );
    for account in ["111111111111", "222222222222"] {
        assert!(
            has(&findings, "account-cannot-deliver", account, "s3:PutObject"),
            "{all}"
        );
    }
    assert!(
        has(&findings, "column-type", "ddl column protocol", "INT32"),
        "{all}"
    );
    assert!(
        !has(&findings, "column-type", "ddl column packets", ""),
        "{all}"
    );
    assert!(
        has(
            &findings,
            "placeholder",
            "ddl LOCATION",
            "{subscribe_account_id}"
        ),
        "{all}"
    );
    assert!(
        has(
            &findings,
            "invalid-name",
            "vpc_flow_logs_組織名",
            "lowercase"
        ),
        "{all}"
    );
    assert!(has(&findings, "placeholder", "policy", "★"), "{all}");
    assert!(
        has(
            &findings,
            "invalid-name",
            "your_bucket_name",
            "'_' is not allowed"
        ),
        "{all}"
    );

    let single = check(&CheckInput {
        ddl: Some(&runbook("create-table-single-account.sql")),
        ..CheckInput::default()
    });
    assert!(
        has(
            &single,
            "placeholder",
            "storage.location.template",
            "{subscribe_account_id}"
        ),
        "{single:#?}"
    );
}

#[test]
fn check_compares_the_three_inputs() {
    let daily = config(CENTRAL);
    let hourly = config(&CENTRAL.replace("[policy]", "hive = true\nhourly = true\n[policy]"));
    let findings = check(&CheckInput {
        policy: Some(&policy::policy_json(&daily)),
        ddl: Some(&ddl::create_table(&daily)),
        flow_log: Some(&flow_log::cli(&hourly)),
        expected: None,
    });
    assert!(
        has(
            &findings,
            "layout-mismatch",
            "HiveCompatiblePartitions",
            "default layout"
        ),
        "{findings:#?}"
    );
    assert!(
        has(&findings, "layout-mismatch", "PerHourPartition", "daily"),
        "{findings:#?}"
    );
    let only_one = config(&CENTRAL.replace(", \"222222222222\"", ""));
    let findings = check(&CheckInput {
        policy: Some(&policy::policy_json(&only_one)),
        ddl: Some(&ddl::create_table(&daily)),
        ..CheckInput::default()
    });
    assert!(
        has(&findings, "account-cannot-deliver", "222222222222", ""),
        "{findings:#?}"
    );
    assert!(
        !has(&findings, "account-cannot-deliver", "111111111111", ""),
        "{findings:#?}"
    );
}

#[test]
fn bad_descriptions_name_the_offending_element() {
    let err = |toml: &str| {
        RawConfig::from_toml(toml)
            .and_then(RawConfig::validate)
            .unwrap_err()
            .to_string()
    };
    let base = "bucket = \"logs\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]\n";
    assert_eq!(
        err(&format!(
            "{base}log_format = \"${{version}} ${{srcaddr}} ${{vpc_id}}\""
        )),
        "log format: \"${vpc_id}\" at byte 22: unknown field; AWS's field names are written like ${srcaddr} (did you mean ${vpc-id}?)"
    );
    assert_eq!(
        err("bucket = \"logs\"\naccounts = [\"1111-1111-1111\"]\nregions = [\"us-east-1\"]"),
        "account \"1111-1111-1111\" is not valid: an AWS account id is exactly 12 digits, e.g. 111111111111"
    );
    assert!(
        err("bucket = \"logs\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-9\"]")
            .starts_with("region \"us-east-9\" is not valid: not a known AWS Region code")
    );
    assert_eq!(
        err("bucket = \"Log_Bucket\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]"),
        "bucket \"Log_Bucket\" is not valid: 'L' is not allowed: bucket names contain only lowercase letters, digits, '.' and '-'"
    );
    assert!(
        err("bucket = \"logs..x\"\naccounts = [\"111111111111\"]\nregions = [\"us-east-1\"]")
            .contains("two adjacent periods")
    );
    assert!(
        err(&format!("{base}table = \"vpc_flow_logs_組織名\""))
            .starts_with("table name \"vpc_flow_logs_組織名\"")
    );
    assert!(err(&format!("{base}colour = \"blue\"")).contains("colour"));
}
