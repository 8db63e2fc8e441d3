use super::*;

fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, s)
        .unwrap()
}

fn build(pairs: &[(Suffix, &str)], now: NaiveDateTime) -> Result<DateProjection, ProjectionError> {
    let mut props = ColumnProperties::new("date");
    for (suffix, value) in pairs {
        props.set(*suffix, value);
    }
    DateProjection::from_properties(&props, now)
}

fn day(range: &str, now: NaiveDateTime) -> DateProjection {
    build(
        &[(Suffix::Format, "yyyy/MM/dd"), (Suffix::Range, range)],
        now,
    )
    .unwrap()
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// `contains` must agree with `values` on every listed value and on the neighbours.
fn assert_agreement(p: &DateProjection, probes: &[&str]) {
    let values = p.values();
    for v in &values {
        assert!(p.contains(v), "contains({v:?}) should be true");
    }
    for probe in probes {
        assert_eq!(
            p.contains(probe),
            values.iter().any(|v| v == probe),
            "contains({probe:?}) disagrees with values {values:?}"
        );
    }
    assert_eq!(p.len(), values.len() as u64);
}

#[test]
fn runbook_range_at_midnight() {
    // Runbook: "NOW-1DAYS,NOW" with yyyy/MM/dd means yesterday and today.
    let p = day("NOW-1DAYS,NOW", dt(2026, 11, 20, 0, 0, 0));
    assert_eq!(p.values(), strings(&["2026/11/19", "2026/11/20"]));
    assert_eq!(p.len(), 2);
    assert_eq!(p.unit(), IntervalUnit::Days);
    assert_eq!(p.interval(), 1);
}

#[test]
fn runbook_range_in_the_afternoon_is_cut_to_days() {
    // Trino cuts both bounds to the format's precision before stepping.
    let p = day("NOW-1DAYS,NOW", dt(2026, 11, 20, 15, 30, 0));
    assert_eq!(p.start(), dt(2026, 11, 19, 0, 0, 0));
    assert_eq!(p.end(), dt(2026, 11, 20, 0, 0, 0));
    assert_eq!(p.values(), strings(&["2026/11/19", "2026/11/20"]));
    assert_agreement(
        &p,
        &["2026/11/18", "2026/11/21", "2026/11/19 ", "2026/11/9"],
    );
}

#[test]
fn fixed_day_range_from_trino_tests() {
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM-dd"),
            (Suffix::Range, "2020-01-01,2020-01-03"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(
        p.values(),
        strings(&["2020-01-01", "2020-01-02", "2020-01-03"])
    );
    assert!(p.contains("2020-01-02"));
    assert!(!p.contains("2222-01-01"));
}

#[test]
fn year_format_defaults_to_years() {
    let p = build(
        &[(Suffix::Format, "yyyy"), (Suffix::Range, "2020,2023")],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(p.unit(), IntervalUnit::Years);
    assert_eq!(p.values(), strings(&["2020", "2021", "2022", "2023"]));
    assert_agreement(&p, &["2019", "2024", "2021"]);
}

#[test]
fn month_format_defaults_to_months() {
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM"),
            (Suffix::Range, "2022-01,2022-03"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(p.unit(), IntervalUnit::Months);
    assert_eq!(p.values(), strings(&["2022-01", "2022-02", "2022-03"]));
    assert_agreement(&p, &["2023-01", "2021-12", "2022-2"]);
}

#[test]
fn athena_month_interval_example() {
    // Athena docs: range 2017-01,2018-12 with interval 2 MONTHS gives 2017-01, 2017-03, 2017-05, ...
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM"),
            (Suffix::Range, "2017-01,2018-12"),
            (Suffix::Interval, "2"),
            (Suffix::IntervalUnit, "MONTHS"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    let values = p.values();
    assert_eq!(&values[..3], &strings(&["2017-01", "2017-03", "2017-05"]));
    assert_eq!(values.len(), 12);
    assert_eq!(values.last().map(String::as_str), Some("2018-11"));
    assert_agreement(&p, &["2017-02", "2018-12", "2018-11", "2019-01"]);
}

#[test]
fn week_interval_from_trino_tests() {
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM-dd"),
            (Suffix::Range, "2020-01-01,2020-01-22"),
            (Suffix::Interval, "1"),
            (Suffix::IntervalUnit, "WEEKS"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(
        p.values(),
        strings(&["2020-01-01", "2020-01-08", "2020-01-15", "2020-01-22"])
    );
    assert!(p.contains("2020-01-08"));
    assert!(!p.contains("2020-01-09"));
    assert_agreement(&p, &["2020-01-29", "2019-12-25", "2020-01-02"]);
}

#[test]
fn hourly_format_requires_unit() {
    let err = build(
        &[
            (Suffix::Format, "yyyy-MM-dd HH"),
            (Suffix::Range, "2020-01-01 00,2020-01-02 00"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing table property `projection.date.interval.unit`, required by projection type date; expected a unit such as HOURS, because format `yyyy-MM-dd HH` is finer than one day (only day, month and year formats have a default)"
    );
}

#[test]
fn hourly_projection_like_the_firehose_example() {
    // Athena's Firehose example: yyyy/MM/dd/HH with 1 HOURS.
    let p = build(
        &[
            (Suffix::Format, "yyyy/MM/dd/HH"),
            (Suffix::Range, "2021/01/01/00,NOW"),
            (Suffix::Interval, "1"),
            (Suffix::IntervalUnit, "HOURS"),
        ],
        dt(2021, 1, 2, 1, 59, 59),
    )
    .unwrap();
    let values = p.values();
    assert_eq!(values.len(), 24 + 2);
    assert_eq!(values[0], "2021/01/01/00");
    assert_eq!(values[25], "2021/01/02/01");
    assert_agreement(&p, &["2021/01/02/02", "2020/12/31/23", "2021/01/01/13"]);
}

#[test]
fn every_interval_unit_steps_correctly() {
    let cases: [(&str, &str, &str, &[&str]); 8] = [
        (
            "YEARS",
            "yyyy-MM-dd",
            "2020-02-29,2024-03-01",
            &[
                "2020-02-29",
                "2021-02-28",
                "2022-02-28",
                "2023-02-28",
                "2024-02-28",
            ],
        ),
        (
            "MONTHS",
            "yyyy-MM-dd",
            "2007-03-31,2007-06-30",
            &["2007-03-31", "2007-04-30", "2007-05-30", "2007-06-30"],
        ),
        (
            "WEEKS",
            "yyyy-MM-dd",
            "2024-02-26,2024-03-12",
            &["2024-02-26", "2024-03-04", "2024-03-11"],
        ),
        (
            "DAYS",
            "yyyy-MM-dd",
            "2024-02-28,2024-03-01",
            &["2024-02-28", "2024-02-29", "2024-03-01"],
        ),
        (
            "HOURS",
            "yyyy-MM-dd HH",
            "2024-12-31 22,2025-01-01 01",
            &[
                "2024-12-31 22",
                "2024-12-31 23",
                "2025-01-01 00",
                "2025-01-01 01",
            ],
        ),
        ("MINUTES", "HH:mm", "23:58,23:59", &["23:58", "23:59"]),
        (
            "SECONDS",
            "yyyy-MM-dd HH:mm:ss",
            "2024-01-01 00:00:58,2024-01-01 00:01:01",
            &[
                "2024-01-01 00:00:58",
                "2024-01-01 00:00:59",
                "2024-01-01 00:01:00",
                "2024-01-01 00:01:01",
            ],
        ),
        (
            "MILLISECONDS",
            "yyyy-MM-dd HH:mm:ss.SSS",
            "2024-01-01 00:00:00.000,2024-01-01 00:00:01.000",
            &[
                "2024-01-01 00:00:00.000",
                "2024-01-01 00:00:00.250",
                "2024-01-01 00:00:00.500",
                "2024-01-01 00:00:00.750",
                "2024-01-01 00:00:01.000",
            ],
        ),
    ];
    for (unit, format, range, expected) in cases {
        let interval = if unit == "MILLISECONDS" { "250" } else { "1" };
        let p = build(
            &[
                (Suffix::Format, format),
                (Suffix::Range, range),
                (Suffix::IntervalUnit, unit),
                (Suffix::Interval, interval),
            ],
            dt(2030, 1, 1, 0, 0, 0),
        )
        .unwrap();
        assert_eq!(p.values(), strings(expected), "unit {unit}");
        assert_agreement(&p, &[]);
    }
}

#[test]
fn bounds_lose_their_fraction_of_a_second() {
    // Trino sets MILLI_OF_SECOND to 0 before cutting a bound to the format.
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM-dd HH:mm:ss.SSS"),
            (
                Suffix::Range,
                "2024-01-01 00:00:00.000,2024-01-01 00:00:00.002",
            ),
            (Suffix::IntervalUnit, "MILLISECONDS"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(p.values(), strings(&["2024-01-01 00:00:00.000"]));
}

#[test]
fn month_steps_clamp_like_plus_months() {
    // java.time LocalDate.plusMonths javadoc: 2007-03-31 plus one month is 2007-04-30;
    // the clamped day then carries on (April 30 + 1 month = May 30).
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM-dd"),
            (Suffix::Range, "2021-01-31,2021-12-31"),
            (Suffix::IntervalUnit, "months"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    let values = p.values();
    assert_eq!(
        &values[..3],
        &strings(&["2021-01-31", "2021-02-28", "2021-03-28"])
    );
    assert_eq!(values.len(), 12);
    assert_eq!(values[11], "2021-12-28");
    assert_agreement(
        &p,
        &["2021-03-31", "2021-03-28", "2021-12-31", "2021-04-30"],
    );
}

#[test]
fn interval_greater_than_one_and_grid() {
    let p = build(
        &[
            (Suffix::Format, "yyyy/MM/dd"),
            (Suffix::Range, "2024/01/01,2024/01/10"),
            (Suffix::Interval, " 3 "),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(
        p.values(),
        strings(&["2024/01/01", "2024/01/04", "2024/01/07", "2024/01/10"])
    );
    assert_agreement(
        &p,
        &["2024/01/02", "2024/01/13", "2023/12/29", "2024/01/05"],
    );
}

#[test]
fn now_based_month_range() {
    // Trino test: NOW-2MONTHS,NOW with yyyy-MM gives three values.
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM"),
            (Suffix::Range, "NOW-2MONTHS,NOW"),
        ],
        dt(2024, 3, 31, 10, 0, 0),
    )
    .unwrap();
    assert_eq!(p.values(), strings(&["2024-01", "2024-02", "2024-03"]));
    let p = build(
        &[(Suffix::Format, "yyyy"), (Suffix::Range, "NOW-2YEARS,NOW")],
        dt(2024, 3, 31, 10, 0, 0),
    )
    .unwrap();
    assert_eq!(p.values(), strings(&["2022", "2023", "2024"]));
}

#[test]
fn mixed_fixed_and_relative_bounds() {
    // Athena docs: `201801,NOW+1MONTH` with yyyyMM.
    let p = build(
        &[
            (Suffix::Format, "yyyyMM"),
            (Suffix::Range, "201801,NOW+1MONTH"),
        ],
        dt(2018, 4, 15, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(
        p.values(),
        strings(&["201801", "201802", "201803", "201804", "201805"])
    );
    assert_agreement(&p, &["201712", "201806", "20181"]);
}

#[test]
fn athena_out_of_range_value_is_not_contained() {
    // Athena docs: range 2020/01/01,NOW and `timestamp = '2019/02/02'` returns no rows.
    let p = day("2020/01/01,NOW", dt(2020, 3, 1, 0, 0, 0));
    assert!(!p.contains("2019/02/02"));
    assert!(p.contains("2020/02/29"));
    assert!(!p.contains("2020/03/02"));
    assert_eq!(p.len(), 61);
}

#[test]
fn equal_bounds_give_one_value() {
    let p = day("2024/05/05,2024/05/05", dt(2030, 1, 1, 0, 0, 0));
    assert_eq!(p.values(), strings(&["2024/05/05"]));
    let p = day("NOW,NOW", dt(2024, 5, 5, 10, 0, 0));
    assert_eq!(p.values(), strings(&["2024/05/05"]));
}

#[test]
fn coarse_format_with_fine_interval_lists_each_text_once() {
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM"),
            (Suffix::Range, "2024-01,2024-03"),
            (Suffix::Interval, "10"),
            (Suffix::IntervalUnit, "DAYS"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    // Steps: Jan 1, 11, 21, 31, Feb 10, 20, Mar 1.
    assert_eq!(p.len(), 7);
    assert_eq!(p.values(), strings(&["2024-01", "2024-02", "2024-03"]));
    assert!(p.contains("2024-02"));
    assert!(!p.contains("2024-04"));
}

#[test]
fn non_faithful_format_is_scanned() {
    let p = build(
        &[(Suffix::Format, "MM-dd"), (Suffix::Range, "01-30,03-02")],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    // No year: both bounds fall in 1970 (the default year), which is not a leap year.
    assert_eq!(
        p.values(),
        strings(&[
            "01-30", "01-31", "02-01", "02-02", "02-03", "02-04", "02-05", "02-06", "02-07",
            "02-08", "02-09", "02-10", "02-11", "02-12", "02-13", "02-14", "02-15", "02-16",
            "02-17", "02-18", "02-19", "02-20", "02-21", "02-22", "02-23", "02-24", "02-25",
            "02-26", "02-27", "02-28", "03-01", "03-02"
        ])
    );
    assert_agreement(&p, &["02-29", "03-03", "01-29"]);
}

#[test]
fn quoted_literals_in_format() {
    let p = build(
        &[
            (Suffix::Format, "'dt='yyyy-MM-dd"),
            (Suffix::Range, "dt=2024-01-30,dt=2024-02-01"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    assert_eq!(p.unit(), IntervalUnit::Days);
    assert_eq!(
        p.values(),
        strings(&["dt=2024-01-30", "dt=2024-01-31", "dt=2024-02-01"])
    );
}

#[test]
fn whitespace_around_date_literals() {
    let p = day("2024/01/01 , 2024/01/02", dt(2030, 1, 1, 0, 0, 0));
    assert_eq!(p.values(), strings(&["2024/01/01", "2024/01/02"]));
}

#[test]
fn range_errors_name_the_property() {
    let now = dt(2026, 11, 20, 0, 0, 0);
    let err = |range: &str| {
        build(
            &[(Suffix::Format, "yyyy/MM/dd"), (Suffix::Range, range)],
            now,
        )
        .unwrap_err()
        .to_string()
    };
    assert_eq!(
        err("NOW,NOW-1DAYS"),
        "invalid value \"NOW,NOW-1DAYS\" for table property `projection.date.range`: the start `NOW` is after the end `NOW-1DAYS`; write the earlier date first"
    );
    assert_eq!(
        err("2024/01/01"),
        "invalid value \"2024/01/01\" for table property `projection.date.range`: expected two bounds `start,end` separated by one comma, each a date in format `yyyy/MM/dd` or NOW[+|-N UNIT], found 1"
    );
    assert_eq!(
        err("2024-01-01,NOW"),
        "invalid value \"2024-01-01,NOW\" for table property `projection.date.range`: `2024-01-01` is not a date in format `yyyy/MM/dd` (expected '/' at byte 4) nor a NOW expression such as NOW-3DAYS"
    );
    assert_eq!(
        err("NOW-1FORTNIGHT,NOW"),
        "invalid value \"NOW-1FORTNIGHT,NOW\" for table property `projection.date.range`: `NOW-1FORTNIGHT` is not a valid NOW expression; write NOW, NOW-3DAYS or NOW+1MONTH (units YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS)"
    );
    assert_eq!(
        err("NOW-99999999YEARS,NOW"),
        "invalid value \"NOW-99999999YEARS,NOW\" for table property `projection.date.range`: `NOW-99999999YEARS` is out of the supported range of dates"
    );
    assert_eq!(
        err("NOW-3000YEARS,NOW"),
        "invalid value \"NOW-3000YEARS,NOW\" for table property `projection.date.range`: `NOW-3000YEARS` resolves to -0974-11-20 00:00:00, outside the supported years 0001-9999"
    );
}

#[test]
fn other_property_errors() {
    let now = dt(2026, 11, 20, 0, 0, 0);
    let err = |pairs: &[(Suffix, &str)]| build(pairs, now).unwrap_err().to_string();
    assert_eq!(
        err(&[(Suffix::Range, "NOW-1DAYS,NOW")]),
        "missing table property `projection.date.format`, required by projection type date; expected a java.time pattern such as yyyy/MM/dd"
    );
    assert_eq!(
        err(&[(Suffix::Format, "yyyy/MM/dd")]),
        "missing table property `projection.date.range`, required by projection type date; expected `start,end`, each a date in the format or NOW, NOW-3DAYS, NOW+1MONTH"
    );
    assert_eq!(
        err(&[
            (Suffix::Format, "yyyy/MM/dd"),
            (Suffix::Range, "NOW-1DAYS,NOW"),
            (Suffix::Interval, "0")
        ]),
        "invalid value \"0\" for table property `projection.date.interval`: expected a positive integer"
    );
    assert_eq!(
        err(&[
            (Suffix::Format, "yyyy/MM/dd"),
            (Suffix::Range, "NOW-1DAYS,NOW"),
            (Suffix::IntervalUnit, "FORTNIGHTS")
        ]),
        "invalid value \"FORTNIGHTS\" for table property `projection.date.interval.unit`: expected one of YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS"
    );
    assert_eq!(
        err(&[
            (Suffix::Format, "YYYY/MM/dd"),
            (Suffix::Range, "NOW-1DAYS,NOW")
        ]),
        "invalid date pattern \"YYYY/MM/dd\" in table property `projection.date.format`: pattern letter 'Y' at byte 0 is not supported for partition dates; supported: y or u (year), M (month), d (day), H (hour), m (minute), s (second), S (fraction), 'quoted text' and punctuation"
    );
    assert_eq!(
        err(&[(Suffix::Format, "yM"), (Suffix::Range, "NOW-1MONTHS,NOW")]),
        "invalid value \"yM\" for table property `projection.date.format`: the pattern cannot read back its own output `202610`: expected a digit for M at byte 6"
    );
}

#[test]
fn interval_unit_names() {
    for unit in IntervalUnit::ALL {
        assert_eq!(IntervalUnit::parse(unit.as_str()), Some(unit));
        assert_eq!(
            IntervalUnit::parse(&unit.as_str().to_lowercase()),
            Some(unit)
        );
    }
    assert_eq!(
        IntervalUnit::parse("millis"),
        Some(IntervalUnit::Milliseconds)
    );
    assert_eq!(IntervalUnit::parse("FOREVER"), None);
    assert_eq!(IntervalUnit::Days.to_string(), "DAYS");
}

#[test]
fn len_counts_steps_for_long_ranges_without_listing() {
    let p = build(
        &[
            (Suffix::Format, "yyyy-MM-dd HH:mm:ss"),
            (Suffix::Range, "2000-01-01 00:00:00,2020-01-01 00:00:00"),
            (Suffix::IntervalUnit, "SECONDS"),
        ],
        dt(2030, 1, 1, 0, 0, 0),
    )
    .unwrap();
    // 7305 days (5 leap years 2000..2016) * 86400 seconds + 1.
    assert_eq!(p.len(), 7305 * 86_400 + 1);
    assert!(p.contains("2010-06-15 12:34:56"));
    assert!(!p.contains("2020-01-01 00:00:01"));
}

#[test]
fn new_builds_from_fixed_values() {
    let now = DateTime::<Utc>::from_naive_utc_and_offset(dt(2024, 1, 2, 12, 0, 0), Utc);
    let p = DateProjection::new(
        "yyyy/MM/dd",
        "2024/01/01,2024/01/03",
        1,
        IntervalUnit::Days,
        now,
    )
    .unwrap();
    assert_eq!(
        p.values(),
        strings(&["2024/01/01", "2024/01/02", "2024/01/03"])
    );
    assert_eq!(p.parse("2024/01/02"), Some(dt(2024, 1, 2, 0, 0, 0)));
    assert_eq!(p.format(&dt(2024, 1, 2, 5, 0, 0)), "2024/01/02");
    assert_eq!(p.pattern().as_str(), "yyyy/MM/dd");
    assert!(!p.is_empty());
    let p = DateProjection::new("yyyy/MM/dd", "NOW-1DAYS,NOW", 1, IntervalUnit::Days, now).unwrap();
    assert_eq!(p.values(), strings(&["2024/01/01", "2024/01/02"]));
    assert_eq!(
        DateProjection::new("yyyy/MM/dd", "NOW,NOW-1DAYS", 1, IntervalUnit::Days, now)
            .unwrap_err()
            .to_string(),
        "invalid value \"NOW,NOW-1DAYS\" for table property `projection.column.range`: the start `NOW` is after the end `NOW-1DAYS`; write the earlier date first"
    );
}
