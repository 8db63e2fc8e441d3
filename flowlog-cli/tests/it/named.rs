//! Built-in questions (`flowlog query --named`, `--list-named`): each answer over the
//! sample equals the one `testdata/expected/questions.py` computes from `records.csv`.

use crate::support::{flowlog, root, stderr};

const LOGS: &str = "testdata/s3/flowlog-sample-daily";

/// The expected answers' file names are the questions' names (written by the Python
/// script, not by flowlog).
fn expected_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("testdata/expected/questions"))
        .expect("expected answers")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".csv").map(str::to_string))
        .filter(|n| !n.contains('@'))
        .collect();
    names.sort();
    names
}

fn expected(file: &str) -> String {
    std::fs::read_to_string(root().join("testdata/expected/questions").join(file))
        .expect("expected answer")
}

fn answer(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("answer.csv");
    let mut args = vec!["query", "--logs", LOGS, "--time-zone", "Asia/Tokyo"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let o = flowlog(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn list_named_shows_every_question() {
    let o = flowlog(&["query", "--list-named"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let names = expected_names();
    assert_eq!(names.len(), 9, "{names:?}");
    for name in names {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{name} "))),
            "{name} missing in:\n{text}"
        );
    }
}

#[test]
fn every_question_gives_the_independent_answer() {
    for name in expected_names() {
        assert_eq!(
            answer(&["--named", &name]),
            expected(&format!("{name}.csv")),
            "--named {name}"
        );
    }
}

#[test]
fn since_and_until_read_only_those_days() {
    for name in ["traffic-per-hour", "top-talkers"] {
        assert_eq!(
            answer(&[
                "--named",
                name,
                "--since",
                "2026/11/20",
                "--until",
                "2026-11-20"
            ]),
            expected(&format!("{name}@2026-11-20.csv")),
            "--named {name} for 2026/11/20"
        );
    }
}

#[test]
fn the_period_prunes_partitions_of_the_runbook_table() {
    // One day of the runbook's table: only that day's prefixes are read (-v counts the
    // objects), and its SQL is shown with the partition condition.
    let o = flowlog(&[
        "query",
        "-v",
        "--ddl",
        "testdata/runbook/create-table-multi-account.sql",
        "--mirror",
        "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
        "--now",
        "2026-11-20T00:00:00Z",
        "--named",
        "log-status",
        "--since",
        "2026/11/20",
        "--until",
        "2026/11/20",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("\"date\" BETWEEN '2026/11/20' AND '2026/11/20'"),
        "{err}"
    );
    // records.csv: ap-northeast-1 objects under .../2026/11/20/ of both accounts.
    let records = std::fs::read_to_string(root().join("testdata/records.csv")).unwrap();
    let day: Vec<&str> = records
        .lines()
        .filter(|l| l.starts_with("flowlog-sample-daily,"))
        .filter(|l| l.contains("/vpcflowlogs/ap-northeast-1/2026/11/20/"))
        .collect();
    let total = day.len();
    let stdout = String::from_utf8(o.stdout).unwrap();
    let first = stdout.lines().nth(1).expect("a row");
    assert!(
        first.ends_with(&format!(",\"{total}\"")),
        "{first} vs {total}"
    );
}

#[test]
fn stray_and_unknown_flags_are_refused_with_the_way_out() {
    let o = flowlog(&["query", "--logs", LOGS, "--since", "2026/11/20", "select 1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--since applies to a built-in question: add --named NAME"),
        "{}",
        stderr(&o)
    );
    let o = flowlog(&["query", "--logs", LOGS, "--named", "top-talker"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no such question; did you mean top-talkers?"),
        "{}",
        stderr(&o)
    );
    let o = flowlog(&[
        "query",
        "--logs",
        LOGS,
        "--named",
        "log-status",
        "--since",
        "2026/13/01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a day; write it as yyyy/MM/dd"),
        "{}",
        stderr(&o)
    );
}
