//! `flowlog provision policy|ddl|flow-log|check`: read files, call the pure functions of
//! `flowlog_core::provision`, print or write the result.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use flowlog_core::provision::check::{CheckInput, Severity, check};
use flowlog_core::provision::config::RawCloudTrail;
use flowlog_core::provision::{ProvisionConfig, RawConfig, ddl, flow_log, policy};

use crate::args_provision::{CheckArgs, FlowLogFormat, ProvisionCommand, SetupArgs};
use crate::output::AtomicFile;

pub(crate) fn run(command: ProvisionCommand) -> Result<()> {
    match command {
        ProvisionCommand::Policy(args) => {
            let mut raw = raw_config(&args.setup)?;
            let policy_raw = raw.policy.get_or_insert_with(Default::default);
            if args.no_tls_deny {
                policy_raw.deny_insecure_transport = Some(false);
            }
            if args.aws_config {
                policy_raw.aws_config = Some(true);
            }
            if let (Some(trail), Some(account), Some(region)) =
                (&args.trail, &args.trail_account, &args.trail_region)
            {
                policy_raw.cloudtrail = Some(RawCloudTrail {
                    trail: trail.clone(),
                    account: account.clone(),
                    region: region.clone(),
                    organization: args.organization.clone(),
                });
            }
            let config = validate(raw)?;
            let text = match &args.merge {
                Some(path) => policy::merge(&read(path, "--merge")?, &config)
                    .with_context(|| format!("--merge {}", path.display()))?,
                None => policy::policy_json(&config),
            };
            emit(&text, args.setup.output.as_deref())
        }
        ProvisionCommand::Ddl(setup) => {
            let config = validate(raw_config(&setup)?)?;
            emit(&ddl::create_table(&config), setup.output.as_deref())
        }
        ProvisionCommand::FlowLog(args) => {
            let config = validate(raw_config(&args.setup)?)?;
            let text = match args.format {
                FlowLogFormat::Cli => flow_log::cli(&config),
                FlowLogFormat::Cloudformation => flow_log::cloudformation(&config),
            };
            emit(&text, args.setup.output.as_deref())
        }
        ProvisionCommand::Check(args) => run_check(&args),
    }
}

fn run_check(args: &CheckArgs) -> Result<()> {
    if args.policy.is_none() && args.ddl.is_none() && args.flow_log.is_none() {
        bail!("give at least one of --policy FILE, --ddl FILE, --flow-log FILE to check");
    }
    let policy = args
        .policy
        .as_deref()
        .map(|p| read(p, "--policy"))
        .transpose()?;
    let ddl = args.ddl.as_deref().map(|p| read(p, "--ddl")).transpose()?;
    let flow_log = args
        .flow_log
        .as_deref()
        .map(|p| read(p, "--flow-log"))
        .transpose()?;
    let expected = match &args.config {
        Some(path) => Some(validate(
            RawConfig::from_toml(&read(path, "--config")?)
                .with_context(|| format!("--config {}", path.display()))?,
        )?),
        None => None,
    };
    let findings = check(&CheckInput {
        policy: policy.as_deref(),
        ddl: ddl.as_deref(),
        flow_log: flow_log.as_deref(),
        expected: expected.as_ref(),
    });
    let mut out = std::io::stdout().lock();
    for f in &findings {
        writeln!(out, "{f}")?;
    }
    out.flush()?;
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 {
        bail!(
            "check found {errors} error(s) and {} warning(s)",
            findings.len() - errors
        );
    }
    Ok(())
}

fn read(path: &Path, flag: &str) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {flag} {}", path.display()))
}

/// The `--config` file (if any) with the flags laid over it.
fn raw_config(setup: &SetupArgs) -> Result<RawConfig> {
    let file = match &setup.config {
        Some(path) => RawConfig::from_toml(&read(path, "--config")?)
            .with_context(|| format!("--config {}", path.display()))?,
        None => RawConfig::default(),
    };
    let list = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    let flag = |b: bool| b.then_some(true);
    Ok(file.overlay(RawConfig {
        bucket: setup.bucket.clone(),
        prefix: setup.prefix.clone(),
        accounts: list(&setup.accounts),
        regions: list(&setup.regions),
        hive: flag(setup.hive),
        hourly: flag(setup.hourly),
        table: setup.table.clone(),
        since: setup.since.clone(),
        log_format: setup.log_format.clone(),
        ecs: flag(setup.ecs),
        reject_reason: flag(setup.reject_reason),
        max_aggregation_interval: setup.max_aggregation_interval,
        policy: None,
    }))
}

fn validate(raw: RawConfig) -> Result<ProvisionConfig> {
    Ok(raw.validate()?)
}

/// Print `text`, or write it to `output` atomically.
fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            let file = AtomicFile::create(path)?;
            let mut w = file.writer()?;
            w.write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            w.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
            drop(w);
            file.commit()?;
        }
    }
    Ok(())
}
