//! Checks of an Athena `CREATE EXTERNAL TABLE` for flow logs: names, column types against
//! what AWS writes, placeholders, and whether its location template reads a delivery layout.

use chrono::{TimeZone, Utc};

use super::{Facts, Finding, Severity, placeholder_in};
use crate::ddl::{CreateTable, DdlError, FileFormat, parse_create_table};
use crate::layout::{Granularity, Naming};
use crate::projection::{PartitionColumn, PartitionKind, Projection};
use crate::provision::config::{ProvisionConfig, validate_account, validate_bucket};
use crate::provision::ddl::date_format;
use crate::provision::fields::field;
use crate::schema::partition_kind;

fn finding(severity: Severity, code: &'static str, element: String, message: String) -> Finding {
    Finding {
        severity,
        code,
        element,
        message,
    }
}

/// Parses the DDL, reporting names Athena rejects and parsing on with a stand-in name so
/// that the rest of the statement is checked too.
fn parse(text: &str, out: &mut Vec<Finding>) -> Option<CreateTable> {
    let mut text = text.to_string();
    for _ in 0..8 {
        match parse_create_table(&text) {
            Ok(t) => return Some(t),
            Err(
                DdlError::InvalidName {
                    kind,
                    name,
                    line,
                    column,
                }
                | DdlError::NameTooLong {
                    kind,
                    name,
                    line,
                    column,
                    ..
                }
                | DdlError::NameNeedsBackquotes {
                    kind,
                    name,
                    line,
                    column,
                },
            ) => {
                out.push(finding(
                    Severity::Error,
                    "invalid-name",
                    format!("ddl {kind} \"{name}\" (line {line}, column {column})"),
                    format!("{}; Athena rejects the statement", kind.rule()),
                ));
                text = replace_at(&text, line, column, &name)?;
            }
            Err(e) => {
                out.push(finding(
                    Severity::Error,
                    "ddl-syntax",
                    "ddl".into(),
                    e.to_string(),
                ));
                return None;
            }
        }
    }
    None
}

/// `text` with the first `name` at or after `line`:`column` replaced by a valid stand-in.
fn replace_at(text: &str, line: usize, column: usize, name: &str) -> Option<String> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let col_offset: usize = text[line_start..]
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    let from = line_start + col_offset;
    let at = from + text[from..].find(name)?;
    Some(format!(
        "{}renamed_by_check{}",
        &text[..at],
        &text[at + name.len()..]
    ))
}

/// Checks the DDL and returns what it says about the setup.
pub(super) fn check(
    text: &str,
    expected: Option<&ProvisionConfig>,
    out: &mut Vec<Finding>,
) -> Facts {
    let mut facts = Facts::default();
    let Some(table) = parse(text, out) else {
        return facts;
    };
    if table.file_format() != FileFormat::Parquet {
        out.push(finding(
            Severity::Error,
            "file-format",
            "ddl ROW FORMAT / STORED AS".into(),
            "the table does not read Parquet; deliver flow logs as Parquet and use ParquetHiveSerDe".into(),
        ));
    }
    check_columns(&table, expected, out);
    facts.columns = table
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.data_type.to_string()))
        .collect();

    if let Some(loc) = &table.location {
        check_location("LOCATION", &loc.value, out);
    }
    let template = table.property("storage.location.template");
    if let Some(t) = template {
        check_location("storage.location.template", t, out);
    }
    let partition_columns: Vec<PartitionColumn> = table
        .partition_columns
        .iter()
        .map(|c| {
            PartitionColumn::new(
                c.name.clone(),
                partition_kind(&c.data_type).unwrap_or(PartitionKind::String),
            )
        })
        .collect();
    let now = Utc
        .with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let projected = match Projection::from_properties(&partition_columns, &table.properties, now) {
        Ok(p) => p.is_some(),
        Err(e) => {
            // Placeholders are reported once, above.
            if !e.to_string().contains("placeholder") {
                out.push(finding(
                    Severity::Error,
                    "projection",
                    "ddl TBLPROPERTIES".into(),
                    e.to_string(),
                ));
            }
            true
        }
    };
    if !projected && !table.partition_columns.is_empty() {
        out.push(finding(
            Severity::Warning,
            "projection",
            "ddl TBLPROPERTIES \"projection.enabled\"".into(),
            "partition projection is not enabled, so partitions must be added one by one (ALTER TABLE ADD PARTITION); set \"projection.enabled\" = \"true\"".into(),
        ));
    }
    if projected && template.is_none() {
        out.push(finding(
            Severity::Error,
            "template",
            "ddl TBLPROPERTIES".into(),
            "projection without \"storage.location.template\" reads Hive directories <LOCATION>/<column>=<value>/, which flow logs never write; add a template".into(),
        ));
    }
    let Some(location) = template.or(table.location.as_ref().map(|l| l.value.as_str())) else {
        return facts;
    };
    read_layout(location, &table, &mut facts, out);
    if let (Some(t), Some(loc)) = (template, &table.location) {
        let bucket_of = |u: &str| {
            u.strip_prefix("s3://")
                .and_then(|r| r.split('/').next())
                .map(str::to_string)
        };
        if bucket_of(t) != bucket_of(&loc.value) {
            out.push(finding(
                Severity::Warning,
                "location-mismatch",
                "ddl LOCATION".into(),
                format!(
                    "LOCATION '{}' names another bucket than storage.location.template '{t}'; with projection Athena reads the template, so make LOCATION the template's s3://bucket/prefix/AWSLogs/",
                    loc.value
                ),
            ));
        }
    }
    if let Some(e) = expected {
        compare_layout(e, &facts, out);
    }
    facts
}

fn check_columns(table: &CreateTable, expected: Option<&ProvisionConfig>, out: &mut Vec<Finding>) {
    for c in &table.columns {
        let element = format!("ddl column {}", c.name);
        let Some(f) = field(&c.name) else {
            let hyphen = c.name.contains('-');
            out.push(finding(
                if hyphen {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                "unknown-column",
                element,
                if hyphen {
                    format!(
                        "Parquet flow-log columns use '_' where the field name has '-': write {}",
                        c.name.replace('-', "_")
                    )
                } else {
                    "is not a VPC flow-log field; it will always be NULL".into()
                },
            ));
            continue;
        };
        let want = f.parquet.hive_type();
        if c.data_type == want {
            continue;
        }
        let widening = matches!(
            (&want, &c.data_type),
            (crate::ddl::HiveType::Int, crate::ddl::HiveType::BigInt)
        );
        out.push(finding(
            if widening {
                Severity::Warning
            } else {
                Severity::Error
            },
            "column-type",
            element,
            format!(
                "declared {} but AWS writes Parquet {} (field {}); declare it {want}{}",
                c.data_type,
                f.parquet,
                f.name,
                if widening {
                    " (Athena and flowlog widen it, Spark and other strict readers fail)"
                } else {
                    ""
                }
            ),
        ));
    }
    if let Some(e) = expected {
        for f in e.log_format.fields() {
            let partitioned = f.column == "region" && e.regions.len() > 1;
            if !partitioned && !table.columns.iter().any(|c| c.name == f.column) {
                out.push(finding(
                    Severity::Warning,
                    "missing-column",
                    format!("ddl column {}", f.column),
                    format!(
                        "the flow log delivers ${{{}}} but the table has no column {}",
                        f.name, f.column
                    ),
                ));
            }
        }
    }
}

fn check_location(what: &str, url: &str, out: &mut Vec<Finding>) {
    if let Some(p) = placeholder_in(url) {
        out.push(finding(
            Severity::Error,
            "placeholder",
            format!("ddl {what}"),
            format!("'{url}' still holds the placeholder {p}; fill it in"),
        ));
    }
    let Some(rest) = url.strip_prefix("s3://") else {
        out.push(finding(
            Severity::Error,
            "location",
            format!("ddl {what}"),
            format!("'{url}' is not an s3:// URL"),
        ));
        return;
    };
    let bucket = rest.split('/').next().unwrap_or_default();
    if let Err(e) = validate_bucket(bucket) {
        out.push(finding(
            Severity::Error,
            "invalid-name",
            format!("ddl {what}"),
            e.to_string(),
        ));
    }
}

/// Reads account, naming, region, date and hour directories out of the template.
fn read_layout(location: &str, table: &CreateTable, facts: &mut Facts, out: &mut Vec<Finding>) {
    let element = || "ddl storage.location.template".to_string();
    let Some(rest) = location.strip_prefix("s3://") else {
        return;
    };
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    facts.bucket = Some(bucket.to_string());
    let Some(at) = key.find("AWSLogs/") else {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            format!("'{location}' has no AWSLogs/ directory; flow logs are delivered under <prefix>/AWSLogs/"),
        ));
        return;
    };
    facts.prefix = Some(key[..at].to_string());
    let segments: Vec<&str> = key[at + 8..].split('/').filter(|s| !s.is_empty()).collect();
    let account = segments.first().copied().unwrap_or_default();
    let naming = if account.starts_with("aws-account-id=") {
        Naming::Hive
    } else {
        Naming::Default
    };
    facts.naming = Some(naming);
    let account_value = account.strip_prefix("aws-account-id=").unwrap_or(account);
    if let Some(var) = account_value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
    {
        if let Some(values) = table.property(&format!("projection.{var}.values")) {
            facts.accounts = values.split(',').map(|v| v.trim().to_string()).collect();
            facts.accounts_from = format!("the DDL's projection.{var}.values");
            for a in &facts.accounts {
                if let Err(e) = validate_account(a) {
                    out.push(finding(
                        Severity::Error,
                        "invalid-name",
                        format!("ddl TBLPROPERTIES \"projection.{var}.values\""),
                        e.to_string(),
                    ));
                }
            }
        }
    } else if validate_account(account_value).is_ok() {
        facts.accounts = vec![account_value.to_string()];
        facts.accounts_from = "the DDL's template".into();
    }
    let service = segments.get(1).copied().unwrap_or_default();
    let want_service = match naming {
        Naming::Default => "vpcflowlogs",
        Naming::Hive => "aws-service=vpcflowlogs",
    };
    if service != want_service {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            format!("expected {want_service}/ after the account directory, found '{service}'"),
        ));
    }
    // Dates: one ${date} segment group, or literal/variable year, month, day segments.
    let after_region = segments.get(3..).unwrap_or_default();
    let Some(first) = after_region.first() else {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            "the template ends before the date directories; add /${date}/".into(),
        ));
        return;
    };
    if let Some(var) = first.strip_prefix("${").and_then(|v| v.strip_suffix('}')) {
        let format = table.property(&format!("projection.{var}.format"));
        if let Some(fmt) = format
            && fmt != date_format(naming)
        {
            out.push(finding(
                Severity::Error,
                "template",
                format!("ddl TBLPROPERTIES \"projection.{var}.format\""),
                format!(
                    "'{fmt}' does not render the {naming} layout's day directories; use '{}'",
                    date_format(naming)
                ),
            ));
        }
        facts.hourly = Some(after_region.len() > 1);
    } else {
        // year/month/day written out (e.g. AWS's Hive DDL): three segments, then maybe hour.
        facts.hourly = Some(after_region.len() > 3);
    }
}

fn compare_layout(e: &ProvisionConfig, facts: &Facts, out: &mut Vec<Finding>) {
    let element = || "ddl storage.location.template".to_string();
    if facts.bucket.as_deref().is_some_and(|b| b != e.bucket) {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            format!(
                "reads bucket {} but the flow logs are delivered to {}",
                facts.bucket.as_deref().unwrap_or_default(),
                e.bucket
            ),
        ));
    }
    if facts.prefix.as_deref().is_some_and(|p| p != e.key_prefix()) {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            format!(
                "reads prefix '{}' but the flow logs are delivered under '{}'",
                facts.prefix.as_deref().unwrap_or_default(),
                e.key_prefix()
            ),
        ));
    }
    if facts.naming.is_some_and(|n| n != e.layout.naming) {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            format!(
                "reads the {} layout but the flow logs are delivered in the {} layout",
                facts.naming.map(|n| n.to_string()).unwrap_or_default(),
                e.layout.naming
            ),
        ));
    }
    let hourly = e.layout.granularity == Granularity::Hourly;
    if facts.hourly.is_some_and(|h| h != hourly) {
        out.push(finding(
            Severity::Error,
            "template",
            element(),
            format!(
                "reads {} directories but the flow logs are delivered {}",
                if hourly { "daily" } else { "hourly" },
                e.layout.granularity
            ),
        ));
    }
    for a in &e.accounts {
        if !facts.accounts.is_empty() && !facts.accounts.contains(a) {
            out.push(finding(
                Severity::Error,
                "missing-account",
                element(),
                format!("account {a} delivers flow logs but the table does not read it"),
            ));
        }
    }
}
