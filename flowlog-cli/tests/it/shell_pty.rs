//! `flowlog shell` on a pseudo-terminal, as a person types into it: the prompt,
//! completion with Tab, Ctrl-C cancelling the running query but not the shell, and
//! `flowlog` with no command opening the shell.
//!
//! The child runs under `setsid --ctty`, so the pseudo-terminal is its controlling
//! terminal and a Ctrl-C typed into it becomes SIGINT, as in a real terminal.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{open_pty, root};

/// How long to wait for expected output (a debug build on a busy machine).
const PATIENCE: Duration = Duration::from_secs(120);

/// `flowlog` on a pseudo-terminal.
struct Terminal {
    child: Child,
    master: File,
    seen: Arc<Mutex<Vec<u8>>>,
    /// How much of `seen` earlier expectations consumed.
    cursor: usize,
}

impl Terminal {
    fn spawn(args: &[&str], data: &Path) -> Self {
        let (master, slave) = open_pty(160);
        let child = Command::new("setsid")
            .arg("--ctty")
            .arg(env!("CARGO_BIN_EXE_flowlog"))
            .args(args)
            .current_dir(root())
            .env("XDG_DATA_HOME", data)
            .env("LANG", "C")
            .env("TERM", "xterm")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .spawn()
            .expect("setsid and flowlog run");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let sink = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the child closed the terminal.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Self {
            child,
            master,
            seen,
            cursor: 0,
        }
    }

    /// Waits until `text` appears after what earlier expectations consumed.
    fn expect(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            {
                let seen = self.seen.lock().unwrap();
                let fresh = String::from_utf8_lossy(&seen[self.cursor..]).into_owned();
                if let Some(at) = fresh.find(text) {
                    self.cursor += fresh[..at + text.len()].len();
                    return;
                }
                if start.elapsed() > PATIENCE {
                    panic!("{text:?} never came; the terminal shows:\n{fresh}");
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    fn wait(mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("flowlog did not exit");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn ctrl_c_cancels_the_query_not_the_shell() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = Terminal::spawn(&["shell"], tmp.path());
    t.expect("flowlog> ");
    t.send("select sum(x) from generate_series(1, 30000000000) t(x);\r");
    // Let the query start, then type Ctrl-C.
    std::thread::sleep(Duration::from_secs(2));
    t.send("\x03");
    t.expect("query cancelled");
    t.expect("flowlog> ");
    t.send("select 6 * 7 as answer;\r");
    t.expect("42");
    t.expect("flowlog> ");
    t.send("\\q\r");
    assert!(t.wait().success());
    let history = std::fs::read_to_string(tmp.path().join("flowlog/history")).unwrap();
    assert!(history.contains("select 6 * 7 as answer;"), "{history}");
}

#[test]
fn tab_completes_tables_and_the_shell_describes_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = Terminal::spawn(
        &[
            "shell",
            "--ddl",
            "testdata/runbook/create-table-multi-account.sql",
            "--mirror",
            "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
        ],
        tmp.path(),
    );
    t.expect("flowlog> ");
    t.send("\\d vpc_flow\t");
    t.expect("vpc_flow_logs_sample");
    t.send("\r");
    t.expect("# Partition Information");
    t.expect("flowlog> ");
    // Ctrl-D at an empty prompt leaves.
    t.send("\x04");
    assert!(t.wait().success());
}

#[test]
fn flowlog_with_no_command_on_a_terminal_opens_the_shell() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = Terminal::spawn(&[], tmp.path());
    t.expect("\\? for help");
    t.expect("flowlog> ");
    t.send("select 'ok' as\r");
    t.expect("-> ");
    t.send("  status;\r");
    t.expect("ok");
    t.send("\\q\r");
    assert!(t.wait().success());
}

#[test]
fn progress_shows_on_a_terminal_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = Terminal::spawn(
        &[
            "query",
            "--ddl",
            "testdata/runbook/create-table-multi-account.sql",
            "--mirror",
            "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
            "--now",
            "2026-11-20T00:00:00Z",
            "select count(*) as n from vpc_flow_logs_sample",
        ],
        tmp.path(),
    );
    t.expect("listed ");
    t.expect(" objects, ");
    t.expect(" 1 row");
    assert!(t.wait().success());
}

/// `select *` of the sample (31 columns, ~400 terminal columns wide) on a 160-column
/// terminal: the table is fitted to the terminal, and says which columns it left out.
#[test]
fn a_wide_table_is_fitted_to_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut t = Terminal::spawn(
        &[
            "query",
            "--progress",
            "off",
            "--logs",
            "testdata/s3/flowlog-sample-daily",
            "select * from vpc_flow_logs order by \"start\", srcaddr limit 3",
        ],
        tmp.path(),
    );
    t.expect("shown to fit 160 terminal columns");
    let seen = t.seen.lock().unwrap().clone();
    assert!(t.wait().success());
    let text = String::from_utf8_lossy(&seen).replace("\r\n", "\n");
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with(" version "))
        .take_while(|l| !l.starts_with('('))
        .collect();
    assert_eq!(table.len(), 5, "header, rule and 3 rows:\n{text}");
    for line in &table {
        let width = unicode_width::UnicodeWidthStr::width(*line);
        assert!(width <= 160, "{width} columns: {line:?}\n{text}");
    }
    assert!(table[0].contains(" … "), "{text}");
    assert!(text.contains("(31 columns, "), "{text}");
    // The columns kept are readable: the ENI ids are whole.
    assert!(table[0].contains("interface_id"), "{text}");
    assert!(table[2].contains("eni-"), "{text}");
}
