//! `--progress` with stderr on a pseudo-terminal: the bar is drawn and its last state
//! shows the true totals — the objects the projection selects and their size, counted
//! here from the files on disk — all of them read; with `off`, nothing.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{open_pty, root};

/// Runs the runbook's query with stderr on a pseudo-terminal (stdout piped) and returns
/// its output and what the terminal showed.
fn on_a_terminal(progress: &str, extra: &[&str]) -> (Output, String) {
    // Wide enough that indicatif does not cut the line.
    let (mut reader, slave) = open_pty(400);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // EIO once the child closed the terminal.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(seen);
    });
    let out = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .env("TERM", "xterm")
        .args([
            "query",
            "--ddl",
            "testdata/runbook/create-table-multi-account.sql",
            "--mirror",
            "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
            "--now",
            "2026-11-20T00:00:00Z",
            "-f",
            "testdata/runbook/query.sql",
            "--format",
            "csv",
            "--progress",
            progress,
        ])
        .args(extra)
        .stdin(Stdio::null())
        .stderr(Stdio::from(slave))
        .output()
        .unwrap();
    let seen = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the terminal closed");
    (out, String::from_utf8_lossy(&seen).into_owned())
}

/// The objects under `dir` and their total size.
fn objects(dir: &Path) -> (u64, u64) {
    let (mut count, mut size) = (0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            let (c, s) = objects(&entry.path());
            count += c;
            size += s;
        } else {
            count += 1;
            size += entry.metadata().unwrap().len();
        }
    }
    (count, size)
}

/// As the CLI prints sizes: `208.0 KiB`.
fn human(n: u64) -> String {
    let mut value = n as f64;
    let mut unit = "B";
    for u in ["KiB", "MiB", "GiB"] {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = u;
    }
    if unit == "B" {
        format!("{n} B")
    } else {
        format!("{value:.1} {unit}")
    }
}

#[test]
fn the_bar_reaches_the_true_totals_on_a_terminal() {
    // The projection selects both accounts' ap-northeast-1 days 2026/11/19 and 2026/11/20.
    let accounts = root().join("testdata/s3/flowlog-sample-daily/AWSLogs");
    let (mut count, mut size) = (0, 0);
    for account in ["111111111111", "222222222222"] {
        for day in ["19", "20"] {
            let dir = accounts.join(format!(
                "{account}/vpcflowlogs/ap-northeast-1/2026/11/{day}"
            ));
            let (c, s) = objects(&dir);
            count += c;
            size += s;
        }
    }
    assert_eq!(count, 13, "the sample changed");

    let tmp = tempfile::tempdir().unwrap();
    let result = tmp.path().join("result.csv");
    let (out, terminal) = on_a_terminal("auto", &["-o", result.to_str().unwrap()]);
    assert!(out.status.success(), "{terminal}");
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(
        std::fs::read(&result).unwrap(),
        want,
        "the answer is the same"
    );
    // The bar redraws one line in place: its states are separated by carriage returns
    // and escape sequences.
    let states: Vec<&str> = terminal
        .split(['\r', '\n', '\x1b'])
        .filter(|s| s.starts_with("listed ") || s.contains(" listed "))
        .collect();
    let last = states
        .last()
        .unwrap_or_else(|| panic!("no bar on the terminal: {terminal:?}"));
    let total = format!("{count} of {count} objects, ");
    assert!(last.contains(&total), "{last:?} lacks {total:?}");
    let bytes = format!(" of {} read · ", human(size));
    assert!(last.contains(&bytes), "{last:?} lacks {bytes:?}");
    assert!(last.contains(" rows"), "{last:?}");
    assert!(last.contains("ETA "), "{last:?}");
    // The summary line after it reports the same totals.
    let summary = format!("read {count} objects, {}", human(size));
    assert!(
        terminal.contains(&summary),
        "{summary:?} not in {terminal:?}"
    );
}

#[test]
fn off_on_a_terminal_draws_no_bar() {
    let (out, terminal) = on_a_terminal("off", &[]);
    assert!(out.status.success(), "{terminal}");
    assert!(!terminal.contains("listed "), "{terminal:?}");
}
