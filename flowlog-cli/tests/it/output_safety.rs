//! `--output` never replaces what it must not, and no temporary file outlives a run.

use crate::support::stderr;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn flowlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .args(args)
        .output()
        .expect("flowlog runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Asserts a refusal: exit 2, one line on stderr naming the path and `what`.
fn assert_refused(out: &Output, path: &Path, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(s(path)), "{err}");
    assert!(err.contains(what), "{err}");
}

/// The temporary files flowlog leaves in `dir`, if any.
fn temps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn a_fifo_is_refused_and_left_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = flowlog(&["query", "--output", s(&fifo), "select 1"]);
    assert_refused(&out, &fifo, "is a FIFO");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn a_character_device_is_refused() {
    let out = flowlog(&["query", "--output", "/dev/null", "select 1"]);
    assert_refused(&out, Path::new("/dev/null"), "is a character device");
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_socket_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    let out = flowlog(&["query", "--output", s(&path), "select 1"]);
    assert_refused(&out, &path, "is a socket");
    assert!(
        std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_socket()
    );
}

#[test]
fn a_symlink_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("result.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = flowlog(&["query", "--output", s(&link), "select 1"]);
    assert_refused(&out, &link, "is a symbolic link");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(temps(dir.path()).is_empty());
}

#[test]
fn an_existing_directory_is_refused_before_the_query_runs() {
    let dir = tempfile::tempdir().unwrap();
    // Were the query run first, its error (division by zero) would be reported instead.
    let out = flowlog(&["query", "--output", s(dir.path()), "select 1 / 0"]);
    assert_refused(&out, dir.path(), "is a directory");
}

#[test]
fn an_output_through_a_symlinked_alias_of_the_log_tree_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    std::fs::create_dir(&logs).unwrap();
    let alias = dir.path().join("alias");
    std::os::unix::fs::symlink(&logs, &alias).unwrap();
    let output = alias.join("result.csv");
    let mirror = format!("s3://bucket={}", s(&logs));
    let out = flowlog(&[
        "query",
        "--mirror",
        &mirror,
        "--output",
        s(&output),
        "select 1",
    ]);
    assert_refused(&out, &output, "inside the log tree");
    assert!(!logs.join("result.csv").exists());
    assert!(temps(&logs).is_empty());
}

#[test]
fn an_input_file_is_never_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let sql = dir.path().join("query.sql");
    std::fs::write(&sql, "select 1").unwrap();
    let out = flowlog(&["query", "-f", s(&sql), "--output", s(&sql)]);
    assert_refused(&out, &sql, "is the input");
    assert_eq!(std::fs::read_to_string(&sql).unwrap(), "select 1");
}

#[test]
fn a_stale_temp_file_of_a_dead_run_is_removed_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    // A process id that is certainly gone: a child that has exited and been reaped.
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = dir.path().join(format!(".result.csv.flowlog-{dead}.tmp"));
    std::fs::write(&stale, "half a result").unwrap();
    // A live process's temp file (this test's) is not touched.
    let live = dir
        .path()
        .join(format!(".result.csv.flowlog-{}.tmp", std::process::id()));
    std::fs::write(&live, "in progress").unwrap();
    let output = dir.path().join("result.csv");
    let out = flowlog(&[
        "query",
        "--format",
        "csv",
        "--output",
        s(&output),
        "select 1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists());
    assert!(live.exists());
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "\"_col0\"\n\"1\"\n"
    );
}

/// A query that runs for minutes: the count of a billion-row cross join.
const SLOW: &str = "select count(*) from unnest(sequence(1, 1000)) a(x) \
    cross join unnest(sequence(1, 1000)) b(y) cross join unnest(sequence(1, 1000)) c(z)";

/// Starts the slow query writing to `output` and waits for its temporary file.
fn start_slow(output: &Path) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .args(["query", "--output", s(output), SLOW])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flowlog runs");
    let dir = output.parent().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while temps(dir).is_empty() {
        if Instant::now() > deadline || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("flowlog never created its temporary file");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// Waits (bounded) for the child to end after a signal.
fn wait_bounded(mut child: Child) -> Output {
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("flowlog did not stop after the signal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn signal_removes_the_temp_file(signal: &str, status: i32) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("result.csv");
    let child = start_slow(&output);
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = wait_bounded(child);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(status), "{err}");
    assert!(
        err.contains(&format!("interrupted by SIG{signal}")),
        "{err}"
    );
    assert!(temps(dir.path()).is_empty(), "{:?}", temps(dir.path()));
    assert!(!output.exists());
}

#[test]
fn sigterm_removes_the_temp_file_and_exits_143() {
    signal_removes_the_temp_file("TERM", 143);
}

#[test]
fn sighup_removes_the_temp_file_and_exits_129() {
    signal_removes_the_temp_file("HUP", 129);
}

#[test]
fn sigint_removes_the_temp_file_and_exits_130() {
    signal_removes_the_temp_file("INT", 130);
}
