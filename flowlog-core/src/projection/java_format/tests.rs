use super::*;

fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, s)
        .unwrap()
}

fn p(pattern: &str) -> DatePattern {
    DatePattern::compile(pattern).unwrap()
}

#[test]
fn formats_the_vpc_flow_log_day_pattern() {
    assert_eq!(
        p("yyyy/MM/dd").format(&dt(2026, 11, 19, 15, 30, 0)),
        "2026/11/19"
    );
    assert_eq!(
        p("yyyy/MM/dd").format(&dt(2021, 1, 5, 0, 0, 0)),
        "2021/01/05"
    );
}

#[test]
fn formats_athena_documented_patterns() {
    // Example formats from the Athena "Supported types for partition projection" page.
    let t = dt(2018, 12, 31, 7, 8, 9);
    assert_eq!(p("yyyyMM").format(&t), "201812");
    assert_eq!(p("dd-MM-yyyy").format(&t), "31-12-2018");
    assert_eq!(p("dd-MM-yyyy-HH-mm-ss").format(&t), "31-12-2018-07-08-09");
    assert_eq!(p("yyyy/MM/dd/HH").format(&t), "2018/12/31/07");
}

#[test]
fn single_letters_print_without_padding() {
    let t = dt(2024, 3, 5, 7, 8, 9);
    assert_eq!(p("y-M-d H:m:s").format(&t), "2024-3-5 7:8:9");
    assert_eq!(p("u-MM").format(&t), "2024-03");
}

#[test]
fn two_letter_year_is_reduced_with_base_2000() {
    assert_eq!(p("yy").format(&dt(2026, 1, 1, 0, 0, 0)), "26");
    assert_eq!(p("yy").format(&dt(1999, 1, 1, 0, 0, 0)), "99");
    assert_eq!(p("yy").parse("99").unwrap(), dt(2099, 1, 1, 0, 0, 0));
    assert_eq!(
        p("yyMMdd").parse("260102").unwrap(),
        dt(2026, 1, 2, 0, 0, 0)
    );
}

#[test]
fn wide_year_is_zero_padded() {
    assert_eq!(p("yyyy").format(&dt(987, 1, 1, 0, 0, 0)), "0987");
    assert_eq!(p("yyy").format(&dt(987, 1, 1, 0, 0, 0)), "987");
    assert_eq!(p("yyyyy").format(&dt(2024, 1, 1, 0, 0, 0)), "02024");
    assert_eq!(p("yyyy").parse("0987").unwrap(), dt(987, 1, 1, 0, 0, 0));
}

#[test]
fn month_names_are_english() {
    let t = dt(2024, 9, 1, 0, 0, 0);
    assert_eq!(p("MMM yyyy").format(&t), "Sep 2024");
    assert_eq!(p("MMMM yyyy").format(&t), "September 2024");
    assert_eq!(p("dd-MMM-yyyy").parse("01-Sep-2024").unwrap(), t);
    assert_eq!(p("MMMM yyyy").parse("September 2024").unwrap(), t);
    // Text parsing is case-sensitive by default in java.time.
    assert!(p("dd-MMM-yyyy").parse("01-sep-2024").is_err());
}

#[test]
fn fraction_is_truncated_to_its_width() {
    let t = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_hms_nano_opt(0, 0, 1, 987_654_321)
        .unwrap();
    assert_eq!(p("ss.SSS").format(&t), "01.987");
    assert_eq!(p("ss.S").format(&t), "01.9");
    assert_eq!(p("ss.SSSSSSSSS").format(&t), "01.987654321");
    let back = p("yyyy-MM-dd HH:mm:ss.SSS")
        .parse("2024-01-01 00:00:01.987")
        .unwrap();
    assert_eq!(back.nanosecond(), 987_000_000);
}

#[test]
fn quoted_text_and_escaped_quotes() {
    let t = dt(2024, 1, 15, 0, 0, 0);
    assert_eq!(p("'year='yyyy'/month='MM").format(&t), "year=2024/month=01");
    assert_eq!(p("yyyy''MM").format(&t), "2024'01");
    assert_eq!(p("'it''s' yyyy").format(&t), "it's 2024");
    // Letters inside quotes are literal, not fields.
    assert_eq!(p("'dt='yyyy").precision(), Precision::Year);
    assert_eq!(
        p("'year='yyyy'/month='MM")
            .parse("year=2024/month=01")
            .unwrap(),
        dt(2024, 1, 1, 0, 0, 0)
    );
}

#[test]
fn parse_is_strict_about_widths() {
    let day = p("yyyy/MM/dd");
    assert_eq!(day.parse("2026/11/19").unwrap(), dt(2026, 11, 19, 0, 0, 0));
    assert_eq!(
        day.parse("2026/1/19"),
        Err(ParseDateError::Mismatch {
            offset: 5,
            expected: "2 digits for MM".to_owned()
        })
    );
    assert_eq!(
        day.parse("2026/11/19 "),
        Err(ParseDateError::TrailingText { offset: 10 })
    );
    assert_eq!(
        day.parse("26/11/19"),
        Err(ParseDateError::Mismatch {
            offset: 0,
            expected: "4 digits for yyyy".to_owned()
        })
    );
    assert_eq!(
        day.parse("2026-11-19"),
        Err(ParseDateError::Mismatch {
            offset: 4,
            expected: "'/'".to_owned()
        })
    );
    // Five year digits without a sign are rejected by java.time's strict EXCEEDS_PAD rule.
    assert!(day.parse("20261/11/19").is_err());
}

#[test]
fn single_letters_parse_variable_widths() {
    let q = p("y/M/d");
    assert_eq!(q.parse("2026/1/9").unwrap(), dt(2026, 1, 9, 0, 0, 0));
    assert_eq!(q.parse("2026/01/09").unwrap(), dt(2026, 1, 9, 0, 0, 0));
}

#[test]
fn adjacent_value_parsing() {
    assert_eq!(
        p("yyyyMMdd").parse("20240115").unwrap(),
        dt(2024, 1, 15, 0, 0, 0)
    );
    // A one-letter year leaves the digits of the fixed-width fields after it.
    assert_eq!(
        p("yMMdd").parse("20240115").unwrap(),
        dt(2024, 1, 15, 0, 0, 0)
    );
    assert_eq!(
        p("yyyyMMddHHmmssSSS").parse("20240115070809123").unwrap(),
        NaiveDate::from_ymd_opt(2024, 1, 15)
            .unwrap()
            .and_hms_milli_opt(7, 8, 9, 123)
            .unwrap()
    );
    assert!(p("yyyyMMdd").parse("2024011").is_err());
}

#[test]
fn smart_resolution() {
    // SMART: a day past the end of the month becomes the last day of the month.
    assert_eq!(
        p("yyyy-MM-dd").parse("2021-02-30").unwrap(),
        dt(2021, 2, 28, 0, 0, 0)
    );
    assert_eq!(
        p("yyyy-MM-dd").parse("2024-02-31").unwrap(),
        dt(2024, 2, 29, 0, 0, 0)
    );
    // 24:00 is the start of the next day.
    assert_eq!(
        p("yyyy-MM-dd HH:mm").parse("2024-12-31 24:00").unwrap(),
        dt(2025, 1, 1, 0, 0, 0)
    );
    assert_eq!(
        p("yyyy-MM-dd").parse("2021-13-01"),
        Err(ParseDateError::OutOfRange {
            field: "month",
            value: 13
        })
    );
    assert_eq!(
        p("yyyy-MM-dd").parse("2021-01-32"),
        Err(ParseDateError::OutOfRange {
            field: "day-of-month",
            value: 32
        })
    );
    assert!(p("yyyy-MM-dd HH:mm").parse("2024-12-31 24:01").is_err());
    assert!(p("HH:mm").parse("12:60").is_err());
    assert!(p("y").parse("0").is_err());
}

#[test]
fn missing_fields_default_to_the_epoch() {
    assert_eq!(
        p("yyyy-MM").parse("2022-02").unwrap(),
        dt(2022, 2, 1, 0, 0, 0)
    );
    assert_eq!(p("yyyy").parse("2020").unwrap(), dt(2020, 1, 1, 0, 0, 0));
    assert_eq!(p("MM").parse("07").unwrap(), dt(1970, 7, 1, 0, 0, 0));
}

#[test]
fn repeated_fields_must_agree() {
    assert_eq!(
        p("yyyy/yyyy").parse("2024/2024").unwrap(),
        dt(2024, 1, 1, 0, 0, 0)
    );
    assert_eq!(
        p("yyyy/yyyy").parse("2024/2025"),
        Err(ParseDateError::Conflict { field: "year" })
    );
    assert_eq!(
        p("yyyy uuuu").parse("2024 2025"),
        Err(ParseDateError::Conflict { field: "year" })
    );
}

#[test]
fn compile_errors_are_positional() {
    assert_eq!(
        DatePattern::compile("yyyy-MM-dd-hh"),
        Err(PatternError::UnsupportedLetter {
            letter: 'h',
            offset: 11
        })
    );
    assert_eq!(
        DatePattern::compile("YYYY"),
        Err(PatternError::UnsupportedLetter {
            letter: 'Y',
            offset: 0
        })
    );
    assert_eq!(
        DatePattern::compile("yyyy/MM/ddd"),
        Err(PatternError::TooManyLetters {
            letter: 'd',
            count: 3,
            max: 2,
            offset: 8
        })
    );
    assert_eq!(
        DatePattern::compile("yyyy'/MM"),
        Err(PatternError::UnterminatedQuote { offset: 4 })
    );
    assert_eq!(
        DatePattern::compile("yyyy[MM]"),
        Err(PatternError::ReservedCharacter {
            character: '[',
            offset: 4
        })
    );
    assert_eq!(
        DatePattern::compile("yyyy-ll"),
        Err(PatternError::UnknownLetter {
            letter: 'l',
            offset: 5
        })
    );
    assert_eq!(DatePattern::compile(""), Err(PatternError::Empty));
    assert!(DatePattern::compile("SSSSSSSSSS").is_err());
    assert!(DatePattern::compile(&"y".repeat(20)).is_err());
}

#[test]
fn pattern_error_display() {
    assert_eq!(
        PatternError::UnsupportedLetter {
            letter: 'h',
            offset: 11
        }
        .to_string(),
        "pattern letter 'h' at byte 11 is not supported for partition dates"
    );
    assert_eq!(
        PatternError::UnknownLetter {
            letter: 'l',
            offset: 5
        }
        .to_string(),
        "unknown pattern letter 'l' at byte 5"
    );
    assert_eq!(
        PatternError::TooManyLetters {
            letter: 'd',
            count: 3,
            max: 2,
            offset: 8
        }
        .to_string(),
        "too many pattern letters 'd' (3) at byte 8; at most 2"
    );
    assert_eq!(
        PatternError::UnterminatedQuote { offset: 4 }.to_string(),
        "quoted text starting at byte 4 is not closed with '"
    );
    assert_eq!(
        ParseDateError::Mismatch {
            offset: 5,
            expected: "2 digits for MM".to_owned()
        }
        .to_string(),
        "expected 2 digits for MM at byte 5"
    );
}

#[test]
fn precision_and_faithfulness() {
    assert_eq!(p("yyyy").precision(), Precision::Year);
    assert_eq!(p("yyyyMM").precision(), Precision::Month);
    assert_eq!(p("MMM yyyy").precision(), Precision::Month);
    assert_eq!(p("dd-MM-yyyy").precision(), Precision::Day);
    assert_eq!(p("yyyy/MM/dd/HH").precision(), Precision::SubDay);
    assert_eq!(p("yyyy-MM-dd HH:mm:ss.SSS").precision(), Precision::SubDay);
    assert!(p("yyyy/MM/dd").is_faithful());
    assert!(p("dd-MM-yyyy-HH-mm-ss").is_faithful());
    assert!(!p("yyyy-dd").is_faithful());
    assert!(!p("MM-dd").is_faithful());
    assert!(!p("yy/MM/dd").is_faithful());
}
