//! Statements with thousands of terms are planned and answered, not a stack overflow.
//! Planning is linear in the chain's length (`dialect::chains`): each of these takes about
//! a second in a debug build, where a quadratic planner took minutes. The tests assert the
//! answers, not the time (a machine that pauses the tests would fail a timing assertion).

use std::process::{Command, Output};

fn flowlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .args(args)
        .output()
        .expect("flowlog runs")
}

/// Runs `sql` and returns its one CSV value.
fn answer(sql: &str) -> String {
    let out = flowlog(&["query", "--format", "csv", sql]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {err}", out.status.code());
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().nth(1).expect("a value").to_string()
}

#[test]
fn a_5000_term_or_chain_is_answered() {
    let terms: Vec<String> = (0..5000).map(|i| format!("x = {i}")).collect();
    let sql = format!(
        "select count(*) from (values (4999), (5000), (17)) t(x) where {}",
        terms.join(" or ")
    );
    assert_eq!(answer(&sql), "\"2\"");
}

#[test]
fn a_5000_term_and_chain_is_answered() {
    let terms: Vec<String> = (0..5000).map(|i| format!("x <> {}", i + 10)).collect();
    let sql = format!(
        "select count(*) from (values (4999), (5000), (17)) t(x) where {}",
        terms.join(" and ")
    );
    assert_eq!(answer(&sql), "\"0\"");
}

#[test]
fn a_5000_term_sum_is_answered() {
    let sql = format!(
        "select {} from (values (3)) t(x)",
        vec!["x"; 5000].join(" + ")
    );
    assert_eq!(answer(&sql), "\"15000\"");
}

#[test]
fn a_5000_term_mixed_chain_folds_left_to_right() {
    // x * 2 - 1 + 1 - 1 + … : the left-to-right fold of Trino's operators.
    let mut sql = String::from("select x * 2");
    for i in 0..5000 {
        sql.push_str(if i % 2 == 0 { " - 1" } else { " + 1" });
    }
    sql.push_str(" from (values (21)) t(x)");
    assert_eq!(answer(&sql), "\"42\"");
}

#[test]
fn a_long_sum_overflows_at_the_step_trino_would() {
    let sql = format!(
        "select 9223372036854775800{} from (values (1)) t(x)",
        " + x".repeat(5000)
    );
    let out = flowlog(&["query", "--format", "csv", &sql]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bigint addition overflow: 9223372036854775807 + 1"),
        "{err}"
    );
}

#[test]
fn a_long_double_chain_keeps_its_type() {
    // `0.25E0` is a DOUBLE (Trino's literal rule; `0.25` would be a DECIMAL).
    let sql = format!(
        "select x{} from (values (1)) t(x)",
        " + 0.25E0".repeat(4000)
    );
    assert_eq!(answer(&sql), "\"1001.0\"");
}
