//! `flowlog shell` with its input piped (the line editor reads plain lines), and
//! `flowlog` with no command.

use crate::support::root;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const SESSION: [&str; 6] = [
    "--ddl",
    "testdata/runbook/create-table-multi-account.sql",
    "--mirror",
    "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
    "--now",
    "2026-11-20T00:00:00Z",
];

/// Runs `flowlog ARGS` with `input` on stdin and a private data directory.
fn piped(args: &[&str], input: &str, data: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowlog runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn shell(input: &str, data: &Path) -> (String, String, Output) {
    let mut args = vec!["shell"];
    args.extend(SESSION);
    let out = piped(&args, input, data);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out,
    )
}

#[test]
fn statements_span_lines_and_each_result_is_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let (stdout, stderr, out) = shell(
        "\\format csv\nselect count(*) as n\n  from vpc_flow_logs_sample\n  where account = '111111111111';\nselect 'a;b' as x; select 2 as two;\n\\q\n",
        tmp.path(),
    );
    assert!(out.status.success(), "{stderr}");
    let n = stdout.lines().nth(1).expect("a count");
    assert!(n.starts_with('"') && n != "\"0\"", "{stdout}");
    assert!(
        stdout.contains("\"x\"\n\"a;b\"\n\"two\"\n\"2\"\n"),
        "{stdout}"
    );
    // Each statement is one history entry, kept in the data directory.
    let history = std::fs::read_to_string(tmp.path().join("flowlog/history")).unwrap();
    assert!(history.contains("select 2 as two;"), "{history}");
}

#[test]
fn an_error_is_printed_and_the_shell_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let (stdout, stderr, out) = shell("selec 1;\n\\format csv\nselect 3 as three;\n", tmp.path());
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("flowlog: "), "{stderr}");
    assert_eq!(stdout, "\"three\"\n\"3\"\n");
}

#[test]
fn backslash_commands_list_describe_and_preview_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let (stdout, stderr, out) = shell(
        "\\format csv\n\\d\n\\d vpc_flow_logs_sample\n\\preview vpc_flow_logs_sample\n\\timing\nselect 1 as one;\n\\?\n",
        tmp.path(),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("\"tab_name\"\n\"vpc_flow_logs_sample\"\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\"# Partition Information\""), "{stdout}");
    assert!(stdout.contains("\"srcaddr\",\"string\",\"\""), "{stdout}");
    // The preview: a header and ten rows.
    let preview = stdout
        .split("\"version\",\"account_id\",")
        .nth(1)
        .expect("the preview's header");
    let rows = preview
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("\"one\""))
        .count();
    assert_eq!(rows, 10, "{preview}");
    assert!(stderr.contains("timing is on"), "{stderr}");
    assert!(stderr.contains("Time: "), "{stderr}");
    assert!(stderr.contains("\\preview TABLE"), "{stderr}");
}

#[test]
fn help_follows_a_japanese_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .args(["shell"])
        .env("XDG_DATA_HOME", tmp.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "ja_JP.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"\\?\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("テーブルの一覧"), "{stderr}");
}

#[test]
fn output_goes_to_a_file_in_its_extensions_format_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("r.csv");
    let sql = tmp.path().join("q.sql");
    std::fs::write(&sql, "select 5 as five;\nselect 6 as six\n").unwrap();
    let input = format!(
        "\\o {}\nselect 4 as four;\n\\o\n\\format csv\n\\i {}\n",
        file.display(),
        sql.display()
    );
    let (stdout, stderr, out) = shell(&input, tmp.path());
    assert!(out.status.success(), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "\"four\"\n\"4\"\n");
    assert_eq!(stdout, "\"five\"\n\"5\"\n\"six\"\n\"6\"\n");
}

#[test]
fn shell_refuses_sql_arguments() {
    let tmp = tempfile::tempdir().unwrap();
    let out = piped(&["shell", "select 1"], "", tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\\i FILE"));
}

#[test]
fn no_command_with_piped_sql_runs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = piped(&[], "select 7 as seven", tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("seven"));
}
