//! `flowlog functions`.

use std::process::{Command, Output};

fn flowlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .args(args)
        .output()
        .expect("flowlog runs")
}

#[test]
fn one_function_is_listed_with_syntax_description_and_example() {
    let out = flowlog(&["functions", "split_part"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "split_part (scalar)\n    split_part(string, delimiter, index)\n    Splits string on delimiter and returns the field index. Field indexes start with 1. If the index is larger than the number of fields, then null is returned.\n    Example: SELECT split_part('10.0.1.5', '.', 1); -- '10'\n"
    );
}

#[test]
fn the_listing_has_flowlogs_and_datafusions_functions() {
    let out = flowlog(&["functions"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for name in [
        "contains (scalar)",
        "regexp_extract (scalar)",
        "typeof (scalar)",
        "from_unixtime (scalar)",
        "count (aggregate)",
        "lower (scalar)",
        "substring (scalar)\n    alias of substr",
    ] {
        assert!(text.contains(name), "{name} missing");
    }
}

#[test]
fn an_unknown_pattern_is_an_error() {
    let out = flowlog(&["functions", "no_such_function"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "flowlog: no function name contains 'no_such_function' (run 'flowlog functions' for the list)\n"
    );
}

#[test]
fn aggregates_provided_by_rewriting_are_listed_too() {
    for name in [
        "count_if",
        "max_by",
        "min_by",
        "arbitrary",
        "approx_percentile",
    ] {
        let out = flowlog(&["functions", name]);
        assert!(out.status.success(), "{name}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&format!("{name} (aggregate)")), "{text}");
        assert!(text.contains("Example:"), "{text}");
    }
}

#[test]
fn athenas_functions_come_first_and_datafusions_own_are_marked() {
    let out = flowlog(&["functions"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("$cast_timestamp"),
        "internal helpers are not listed"
    );
    let first = text.lines().next().unwrap();
    assert!(!first.contains("DataFusion only"), "{first}");
    let marked = text
        .lines()
        .position(|l| l.contains("; DataFusion only, not in Athena)"))
        .expect("some DataFusion-only function");
    let athena_after = text
        .lines()
        .skip(marked)
        .filter(|l| {
            !l.starts_with(' ')
                && [" (scalar", " (aggregate", " (window"]
                    .iter()
                    .any(|k| l.contains(k))
        })
        .find(|l| !l.contains("DataFusion only"));
    assert_eq!(athena_after, None, "Athena's functions all come first");
    let out = flowlog(&["functions", "to_timestamp_seconds"]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("to_timestamp_seconds (scalar; DataFusion only, not in Athena)\n")
    );
}
