//! Checks of flow-log settings — a CloudFormation template with `AWS::EC2::FlowLog`
//! resources, or `aws ec2 create-flow-logs` command lines — against the DDL and the policy.

use serde_json::Value;

use super::{Facts, Finding, Severity};
use crate::layout::Naming;
use crate::provision::config::ProvisionConfig;
use crate::provision::fields::LogFormat;

fn finding(severity: Severity, code: &'static str, element: String, message: String) -> Finding {
    Finding {
        severity,
        code,
        element,
        message,
    }
}

/// One flow log's settings, as written.
#[derive(Debug, Default)]
struct Settings {
    name: String,
    destination_type: Option<String>,
    destination: Option<String>,
    file_format: Option<String>,
    hive: Option<bool>,
    hourly: Option<bool>,
    log_format: Option<String>,
}

pub(super) fn check(
    text: &str,
    facts: &Facts,
    expected: Option<&ProvisionConfig>,
    out: &mut Vec<Finding>,
) {
    let settings = if text.trim_start().starts_with('{') {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => from_template(&v),
            Err(e) => {
                out.push(finding(
                    Severity::Error,
                    "invalid-json",
                    format!("flow-log line {}, column {}", e.line(), e.column()),
                    format!("is not valid JSON: {e}"),
                ));
                return;
            }
        }
    } else {
        from_cli(text)
    };
    if settings.is_empty() {
        out.push(finding(
            Severity::Error,
            "flow-log-shape",
            "flow-log".into(),
            "holds neither an AWS::EC2::FlowLog resource nor an `aws ec2 create-flow-logs` command"
                .into(),
        ));
    }
    for s in &settings {
        check_one(s, facts, expected, out);
    }
}

fn check_one(
    s: &Settings,
    facts: &Facts,
    expected: Option<&ProvisionConfig>,
    out: &mut Vec<Finding>,
) {
    let el = |what: &str| format!("flow-log {} {what}", s.name);
    if s.destination_type.as_deref() != Some("s3") {
        out.push(finding(
            Severity::Error,
            "destination",
            el("LogDestinationType"),
            format!(
                "is {}; flowlog and the DDL read flow logs delivered to s3",
                s.destination_type
                    .as_deref()
                    .unwrap_or("not set (cloud-watch-logs)")
            ),
        ));
    }
    if s.file_format.as_deref() != Some("parquet") {
        out.push(finding(
            Severity::Error,
            "file-format",
            el("DestinationOptions.FileFormat"),
            format!(
                "is {}; the DDL reads Parquet: set FileFormat=parquet",
                s.file_format.as_deref().unwrap_or("not set (plain-text)")
            ),
        ));
    }
    if let (Some(naming), hive) = (facts.naming, s.hive.unwrap_or(false))
        && (naming == Naming::Hive) != hive
    {
        out.push(finding(
            Severity::Error,
            "layout-mismatch",
            el("DestinationOptions.HiveCompatiblePartitions"),
            format!("is {hive} but the DDL reads the {naming} layout"),
        ));
    }
    if let (Some(hourly), h) = (facts.hourly, s.hourly.unwrap_or(false))
        && hourly != h
    {
        out.push(finding(
            Severity::Error,
            "layout-mismatch",
            el("DestinationOptions.PerHourPartition"),
            format!(
                "is {h} but the DDL reads {} directories",
                if hourly { "hourly" } else { "daily" }
            ),
        ));
    }
    if let (Some(dest), Some(bucket)) = (&s.destination, &facts.bucket) {
        let rest = dest.split(":::").nth(1).unwrap_or(dest);
        let (b, p) = rest.split_once('/').unwrap_or((rest, ""));
        let p = if p.trim_matches('/').is_empty() {
            String::new()
        } else {
            format!("{}/", p.trim_matches('/'))
        };
        if b != bucket || facts.prefix.as_ref().is_some_and(|fp| *fp != p) {
            out.push(finding(
                Severity::Error,
                "layout-mismatch",
                el("LogDestination"),
                format!(
                    "delivers to s3://{b}/{p}AWSLogs/ but the DDL and policy expect s3://{bucket}/{}AWSLogs/",
                    facts.prefix.as_deref().unwrap_or("")
                ),
            ));
        }
    }
    let format = match &s.log_format {
        None => Some(LogFormat::default_format()),
        Some(text) => match LogFormat::parse(text) {
            Ok(f) => Some(f),
            Err(e) => {
                out.push(finding(
                    Severity::Error,
                    "log-format",
                    el("LogFormat"),
                    e.to_string(),
                ));
                None
            }
        },
    };
    let Some(format) = format else { return };
    for (column, _) in &facts.columns {
        if crate::provision::fields::field(column).is_some()
            && !format.columns().any(|c| c == column)
        {
            out.push(finding(
                Severity::Warning,
                "missing-column",
                el("LogFormat"),
                format!("does not deliver the DDL's column {column}, which will always be NULL"),
            ));
        }
    }
    if let Some(e) = expected
        && e.log_format != format
    {
        out.push(finding(
            Severity::Warning,
            "log-format",
            el("LogFormat"),
            format!(
                "is '{format}' but the description asks for '{}'",
                e.log_format
            ),
        ));
    }
}

fn from_template(v: &Value) -> Vec<Settings> {
    let Some(resources) = v.get("Resources").and_then(Value::as_object) else {
        return Vec::new();
    };
    resources
        .iter()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some("AWS::EC2::FlowLog"))
        .map(|(name, r)| {
            let p = &r["Properties"];
            let opt = &p["DestinationOptions"];
            let text = |v: &Value| v.as_str().map(String::from);
            let flag = |v: &Value| {
                v.as_bool()
                    .or_else(|| v.as_str().map(|s| s.eq_ignore_ascii_case("true")))
            };
            Settings {
                name: name.clone(),
                destination_type: text(&p["LogDestinationType"]),
                destination: text(&p["LogDestination"]),
                file_format: text(&opt["FileFormat"]),
                hive: flag(&opt["HiveCompatiblePartitions"]),
                hourly: flag(&opt["PerHourPartition"]),
                log_format: text(&p["LogFormat"]),
            }
        })
        .collect()
}

/// Splits shell text into words: single and double quotes, backslash-newline continuations.
fn shell_words(text: &str) -> Vec<Vec<String>> {
    let mut commands = vec![Vec::new()];
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            (None, '#') if !in_word => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
                commands.push(Vec::new());
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    if let Some(last) = commands.last_mut() {
                        last.push(std::mem::take(&mut word));
                    }
                    in_word = false;
                }
                if c == '\n' {
                    commands.push(Vec::new());
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word && let Some(last) = commands.last_mut() {
        last.push(word);
    }
    commands.retain(|c| !c.is_empty());
    commands
}

fn from_cli(text: &str) -> Vec<Settings> {
    let mut out = Vec::new();
    for words in shell_words(text) {
        let Some(at) = words.iter().position(|w| w == "create-flow-logs") else {
            continue;
        };
        let mut s = Settings {
            name: format!("command {}", out.len() + 1),
            ..Settings::default()
        };
        let args = &words[at + 1..];
        for (i, w) in args.iter().enumerate() {
            let (flag, inline) = match w.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
                _ => (w.as_str(), None),
            };
            let value = inline.or_else(|| args.get(i + 1).cloned());
            match flag {
                "--log-destination-type" => s.destination_type = value,
                "--log-destination" => s.destination = value,
                "--log-format" => s.log_format = value,
                "--destination-options" => {
                    for kv in value.unwrap_or_default().split(',') {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        let b = Some(v.eq_ignore_ascii_case("true"));
                        match k {
                            "FileFormat" => s.file_format = Some(v.to_string()),
                            "HiveCompatiblePartitions" => s.hive = b,
                            "PerHourPartition" => s.hourly = b,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_follow_quotes_and_continuations() {
        let cmds = shell_words(
            "# c\naws ec2 create-flow-logs \\\n  --log-format '${a} ${b}' --x \"y z\"\n",
        );
        assert_eq!(
            cmds,
            [vec![
                "aws",
                "ec2",
                "create-flow-logs",
                "--log-format",
                "${a} ${b}",
                "--x",
                "y z"
            ]]
        );
    }
}
