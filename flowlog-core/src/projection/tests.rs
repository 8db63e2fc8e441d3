use super::*;
use chrono::TimeZone;

fn props(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap()
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

fn runbook_columns() -> Vec<PartitionColumn> {
    vec![
        PartitionColumn::new("account", PartitionKind::String),
        PartitionColumn::new("date", PartitionKind::String),
    ]
}

fn runbook_properties() -> Vec<(String, String)> {
    props(&[
        ("projection.enabled", "true"),
        ("projection.account.type", "enum"),
        ("projection.account.values", "111111111111,222222222222"),
        ("projection.date.type", "date"),
        ("projection.date.range", "NOW-1DAYS,NOW"),
        ("projection.date.format", "yyyy/MM/dd"),
        (
            "storage.location.template",
            "s3://test-flowlogs-athena-bucket/AWSLogs/${account}/vpcflowlogs/ap-northeast-1/${date}/",
        ),
    ])
}

fn build(
    columns: &[PartitionColumn],
    pairs: &[(&str, &str)],
) -> Result<Option<Projection>, ProjectionError> {
    Projection::from_properties(columns, &props(pairs), now())
}

fn error(columns: &[PartitionColumn], pairs: &[(&str, &str)]) -> String {
    build(columns, pairs).unwrap_err().to_string()
}

#[test]
fn runbook_multi_account_table() {
    let p = Projection::from_properties(&runbook_columns(), &runbook_properties(), now())
        .unwrap()
        .unwrap();
    let [account, date] = p.columns() else {
        panic!("two columns expected");
    };
    assert_eq!(account.name, "account");
    assert_eq!(
        account.values(10).unwrap(),
        strings(&["111111111111", "222222222222"])
    );
    assert_eq!(
        date.values(10).unwrap(),
        strings(&["2026/11/19", "2026/11/20"])
    );
    assert_eq!(
        p.location("ignored", &["111111111111", "2026/11/19"]),
        "s3://test-flowlogs-athena-bucket/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/"
    );
    assert!(p.column("DATE").is_some());
    assert!(p.column("region").is_none());
}

#[test]
fn runbook_single_account_template_has_an_unfilled_placeholder() {
    let columns = [PartitionColumn::new("date", PartitionKind::String)];
    let template = "s3://your_log_bucket/prefix/AWSLogs/{subscribe_account_id}/vpcflowlogs/{region_code}/${date}/";
    let err = build(
        &columns,
        &[
            ("projection.enabled", "true"),
            ("projection.date.type", "date"),
            ("projection.date.range", "NOW-1DAYS,NOW"),
            ("projection.date.format", "yyyy/MM/dd"),
            ("storage.location.template", template),
        ],
    )
    .unwrap_err();
    assert_eq!(
        err,
        ProjectionError::UnfilledPlaceholder {
            placeholder: "{subscribe_account_id}".to_owned(),
            location: template.to_owned(),
        }
    );
}

#[test]
fn disabled_or_absent_projection() {
    let columns = runbook_columns();
    assert_eq!(build(&columns, &[]).unwrap(), None);
    assert_eq!(
        build(&columns, &[("projection.enabled", "false")]).unwrap(),
        None
    );
    assert_eq!(
        build(&columns, &[("projection.enabled", " FALSE ")]).unwrap(),
        None
    );
    // Disabled: per-column properties are not even looked at.
    assert_eq!(
        build(
            &columns,
            &[
                ("projection.enabled", "false"),
                ("projection.x.type", "bogus")
            ]
        )
        .unwrap(),
        None
    );
    assert_eq!(
        error(&columns, &[("projection.enabled", "yes")]),
        "invalid value \"yes\" for table property `projection.enabled`: expected true or false"
    );
}

#[test]
fn keys_and_values_ignore_case_and_whitespace() {
    let columns = [PartitionColumn::new("region", PartitionKind::String)];
    let p = build(
        &columns,
        &[
            ("Projection.Enabled", " TRUE "),
            ("PROJECTION.Region.TYPE", "  Enum "),
            ("projection.region.values", "us-east-1,ap-northeast-1"),
        ],
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        p.columns()[0].values(10).unwrap(),
        strings(&["us-east-1", "ap-northeast-1"])
    );
}

#[test]
fn every_projection_type() {
    let columns = [
        PartitionColumn::new("region", PartitionKind::String),
        PartitionColumn::new("hour", PartitionKind::Integer),
        PartitionColumn::new("day", PartitionKind::Date),
        PartitionColumn::new("vpc", PartitionKind::String),
    ];
    let p = build(
        &columns,
        &[
            ("projection.enabled", "true"),
            ("projection.region.type", "enum"),
            ("projection.region.values", "us-east-1,us-west-2"),
            ("projection.hour.type", "integer"),
            ("projection.hour.range", "0,23"),
            ("projection.hour.digits", "2"),
            ("projection.day.type", "date"),
            ("projection.day.range", "2024-01-01,2024-01-31"),
            ("projection.day.format", "yyyy-MM-dd"),
            ("projection.vpc.type", "injected"),
        ],
    )
    .unwrap()
    .unwrap();
    let cols = p.columns();
    assert!(matches!(cols[0].rule, ProjectionRule::Enum(_)));
    assert!(matches!(cols[1].rule, ProjectionRule::Integer(_)));
    assert!(matches!(cols[2].rule, ProjectionRule::Date(_)));
    assert!(matches!(cols[3].rule, ProjectionRule::Injected(_)));
    assert_eq!(cols[0].len(), Some(2));
    assert_eq!(cols[1].len(), Some(24));
    assert_eq!(cols[2].len(), Some(31));
    assert_eq!(cols[3].len(), None);
    assert_eq!(cols[3].is_empty(), None);
    assert_eq!(cols[1].is_empty(), Some(false));
    assert!(cols[1].contains("05"));
    assert!(!cols[1].contains("5"));
    assert!(cols[2].contains("2024-01-15"));
    assert!(cols[3].contains("vpc-0123"));
    assert_eq!(
        cols[3].values(10).unwrap_err().to_string(),
        "column `vpc` uses injected projection, so a query must filter it with `=` or `IN` to give its values"
    );
    // Without a template, Athena's default Hive-style layout.
    assert_eq!(
        p.location("s3://b/t/", &["us-east-1", "07", "2024-01-15", "vpc-1"]),
        "s3://b/t/region=us-east-1/hour=07/day=2024-01-15/vpc=vpc-1/"
    );
}

#[test]
fn contains_agrees_with_values_for_every_type() {
    let p = Projection::from_properties(&runbook_columns(), &runbook_properties(), now())
        .unwrap()
        .unwrap();
    for column in p.columns() {
        let values = column.values(100).unwrap();
        for v in &values {
            assert!(column.contains(v));
        }
        for probe in [
            "",
            "111111111111 ",
            "2026/11/18",
            "2026/11/21",
            "333333333333",
        ] {
            assert_eq!(column.contains(probe), values.iter().any(|v| v == probe));
        }
    }
}

#[test]
fn too_many_partitions() {
    let columns = [PartitionColumn::new("n", PartitionKind::Integer)];
    let p = build(
        &columns,
        &[
            ("projection.enabled", "true"),
            ("projection.n.type", "integer"),
            ("projection.n.range", "1,1000000"),
        ],
    )
    .unwrap()
    .unwrap();
    let err = p.columns()[0].values(1000).unwrap_err();
    assert_eq!(
        err.to_string(),
        "partition projection of column `n` yields 1000000 values, more than the limit of 1000; narrow its projection or filter on `n` in the query"
    );
    assert_eq!(p.columns()[0].values(1_000_000).unwrap().len(), 1_000_000);
}

#[test]
fn missing_type_lists_every_unconfigured_column() {
    assert_eq!(
        error(&runbook_columns(), &[("projection.enabled", "true")]),
        "partition projection is enabled, but these partition columns have no `projection.<column>.type`: account, date; every partition column must be configured"
    );
    assert_eq!(
        build(
            &runbook_columns(),
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "date")
            ]
        )
        .unwrap_err(),
        ProjectionError::MissingColumnConfiguration {
            columns: strings(&["account"])
        }
    );
}

#[test]
fn unknown_type() {
    let columns = [PartitionColumn::new("date", PartitionKind::String)];
    assert_eq!(
        error(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "timestamp")
            ]
        ),
        "unknown projection type \"timestamp\" in table property `projection.date.type`; allowed types: enum, integer, date, injected"
    );
}

#[test]
fn projection_types_check_the_column_kind() {
    let date_col = [PartitionColumn::new("d", PartitionKind::Date)];
    assert_eq!(
        error(
            &date_col,
            &[
                ("projection.enabled", "true"),
                ("projection.d.type", "injected")
            ]
        ),
        "projection type injected (table property `projection.d.type`) cannot be used for partition column `d` of type date; it needs a string column"
    );
    assert_eq!(
        error(
            &date_col,
            &[
                ("projection.enabled", "true"),
                ("projection.d.type", "integer"),
                ("projection.d.range", "1,2")
            ]
        ),
        "projection type integer (table property `projection.d.type`) cannot be used for partition column `d` of type date; it needs a string or integer column"
    );
    let int_col = [PartitionColumn::new("n", PartitionKind::Integer)];
    assert_eq!(
        error(
            &int_col,
            &[
                ("projection.enabled", "true"),
                ("projection.n.type", "date")
            ]
        ),
        "projection type date (table property `projection.n.type`) cannot be used for partition column `n` of type integer; it needs a string or date column"
    );
}

#[test]
fn properties_for_other_columns_are_rejected() {
    let columns = [PartitionColumn::new("date", PartitionKind::String)];
    assert_eq!(
        error(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "injected"),
                ("projection.region.type", "enum")
            ]
        ),
        "table property `projection.region.type` configures `region`, which is not a partition column; partition columns: date"
    );
    assert_eq!(
        error(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "injected"),
                ("projection.date.fromat", "yyyy")
            ]
        ),
        "unknown table property `projection.date.fromat`; projection properties are projection.enabled and projection.<column>.type, .values, .range, .interval, .interval.unit, .digits, .format"
    );
    assert_eq!(
        build(
            &columns,
            &[("projection.enabled", "true"), ("projection.foo", "x")]
        )
        .unwrap_err(),
        ProjectionError::UnknownProperty {
            property: "projection.foo".to_owned()
        }
    );
}

#[test]
fn type_specific_properties_of_other_types_are_ignored() {
    // Trino reads only the properties of the column's own type.
    let columns = [PartitionColumn::new("date", PartitionKind::String)];
    let p = build(
        &columns,
        &[
            ("projection.enabled", "true"),
            ("projection.date.type", "date"),
            ("projection.date.range", "2024/01/01,2024/01/02"),
            ("projection.date.format", "yyyy/MM/dd"),
            ("projection.date.digits", "3"),
            ("projection.date.values", "a,b"),
        ],
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        p.columns()[0].values(10).unwrap(),
        strings(&["2024/01/01", "2024/01/02"])
    );
}

#[test]
fn conflicting_duplicate_keys() {
    let columns = [PartitionColumn::new("date", PartitionKind::String)];
    assert_eq!(
        error(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("Projection.Enabled", "false")
            ]
        ),
        "table property `projection.enabled` is set twice with different values (\"true\" and \"false\"); keep one"
    );
    assert_eq!(
        error(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.date.type", "date"),
                ("projection.DATE.type", "enum")
            ]
        ),
        "table property `projection.date.type` is set twice with different values (\"date\" and \"enum\"); keep one"
    );
    // The same value twice is harmless.
    assert!(
        build(
            &columns,
            &[
                ("projection.enabled", "true"),
                ("projection.enabled", "true"),
                ("projection.date.type", "injected")
            ]
        )
        .is_ok()
    );
}

#[test]
fn not_partitioned() {
    assert_eq!(
        error(&[], &[("projection.enabled", "true")]),
        "partition projection is enabled (`projection.enabled`), but the table has no partition columns"
    );
}

#[test]
fn template_errors_surface_from_from_properties() {
    let columns = runbook_columns();
    let mut pairs = vec![
        ("projection.enabled", "true"),
        ("projection.account.type", "injected"),
        ("projection.date.type", "injected"),
    ];
    pairs.push(("storage.location.template", "s3://b/${date}/"));
    assert_eq!(
        error(&columns, &pairs),
        "`storage.location.template` \"s3://b/${date}/\" has no `${account}` placeholder; it must contain `${column}` for every partition column"
    );
    pairs.pop();
    pairs.push((
        "storage.location.template",
        "s3://b/${account}/${region}/${date}/",
    ));
    assert_eq!(
        error(&columns, &pairs),
        "`storage.location.template` \"s3://b/${account}/${region}/${date}/\" has placeholder `${region}`, which names no partition column; partition columns: account, date"
    );
}

#[test]
fn other_error_displays() {
    assert_eq!(
        ProjectionError::UnfilledPlaceholder {
            placeholder: "{region_code}".to_owned(),
            location: "s3://b/{region_code}/".to_owned()
        }
        .to_string(),
        "location \"s3://b/{region_code}/\" contains the placeholder `{region_code}`, which nothing fills in; replace it with the real value (only `${column}` placeholders of partition columns are substituted)"
    );
    assert_eq!(
        ProjectionError::InvalidFormat {
            property: "projection.date.format".to_owned(),
            pattern: "yyyy/MM/dd hh".to_owned(),
            error: PatternError::UnsupportedLetter {
                letter: 'h',
                offset: 11
            }
        }
        .to_string(),
        "invalid date pattern \"yyyy/MM/dd hh\" in table property `projection.date.format`: pattern letter 'h' at byte 11 is not supported for partition dates; supported: y or u (year), M (month), d (day), H (hour), m (minute), s (second), S (fraction), 'quoted text' and punctuation"
    );
}

#[test]
fn partition_kind_from_hive_types() {
    use crate::ddl::HiveType;
    use crate::schema::partition_kind;
    for (t, k) in [
        (HiveType::String, Some(PartitionKind::String)),
        (HiveType::Varchar(10), Some(PartitionKind::String)),
        (HiveType::Char(2), Some(PartitionKind::String)),
        (HiveType::TinyInt, Some(PartitionKind::Integer)),
        (HiveType::SmallInt, Some(PartitionKind::Integer)),
        (HiveType::Int, Some(PartitionKind::Integer)),
        (HiveType::BigInt, Some(PartitionKind::Integer)),
        (HiveType::Date, Some(PartitionKind::Date)),
        (HiveType::Timestamp, None),
        (HiveType::Double, None),
    ] {
        assert_eq!(partition_kind(&t), k, "{t}");
    }
    assert_eq!(PartitionKind::Integer.to_string(), "integer");
}
