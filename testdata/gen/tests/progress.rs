//! `gen-testdata --bench` progress: a bar on a terminal that ends at the true totals
//! (files and records asked for, bytes as written on disk); nothing on a pipe unless
//! `--progress on`, which prints the final line only.

#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

const ARGS: [&str; 4] = ["--files", "9", "--rows-per-file", "10"];

/// Runs `gen-testdata --bench DIR` with stderr on a pseudo-terminal; returns its output
/// and what the terminal showed.
fn on_a_terminal(dir: &Path) -> (Output, String) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    tcsetwinsize(
        &master,
        Winsize {
            ws_row: 40,
            ws_col: 300,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = File::options()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    let mut reader = File::from(master);
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
    let out = Command::new(env!("CARGO_BIN_EXE_gen-testdata"))
        .env("TERM", "xterm")
        .arg("--bench")
        .arg(dir)
        .args(ARGS)
        .stdin(Stdio::null())
        .stderr(Stdio::from(slave))
        .output()
        .unwrap();
    let seen = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the terminal closed");
    (out, String::from_utf8_lossy(&seen).into_owned())
}

/// The total size of the files under `dir`.
fn size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                size(&e.path())
            } else {
                e.metadata().unwrap().len()
            }
        })
        .sum()
}

#[test]
fn the_bar_ends_at_the_true_totals_on_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, terminal) = on_a_terminal(tmp.path());
    assert!(out.status.success(), "{terminal}");
    let bytes = size(&tmp.path().join("flowlog-bench"));
    let last = terminal
        .split(['\r', '\n', '\x1b'])
        .rfind(|s| s.contains("wrote "))
        .unwrap_or_else(|| panic!("no bar on the terminal: {terminal:?}"));
    assert!(
        last.contains("wrote 9 of 9 files, 90 of 90 records, "),
        "{last:?}"
    );
    let kib = format!("{:.2} KiB", bytes as f64 / 1024.0);
    assert!(last.contains(&kib), "{last:?} lacks {kib:?}");
    assert!(last.contains("ETA "), "{last:?}");
    // stdout still gets the summary.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("wrote 9 files, 90 records ({bytes} bytes)")),
        "{stdout}"
    );
}

#[test]
fn a_pipe_gets_nothing_unless_on_and_then_the_final_line() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gen-testdata"))
            .arg("--bench")
            .arg(tmp.path())
            .args(ARGS)
            .args(extra)
            .output()
            .unwrap()
    };
    for extra in [
        &[][..],
        &["--progress", "auto"][..],
        &["--progress", "off"][..],
    ] {
        let out = run(extra);
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{extra:?}");
    }
    let out = run(&["--progress", "on"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("gen-testdata: wrote 9 of 9 files, 90 of 90 records, "),
        "{stderr}"
    );
}
