//! S3 faults survived or reported: the runbook query on the local moto server through
//! `scripts/s3-fault-proxy.py`, which each test starts on a free loopback port. A fault that
//! passes (a burst of 5xx, a reset or truncated answer, slow answers) is retried and the
//! answer is byte for byte the expected one; a lasting one ends the query with exit 2 and
//! one line naming the bucket or the object's key, in a bounded time, with no panic and
//! nothing written under `--output`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::s3_server::endpoint;
use crate::support::root;

/// The fault proxy, killed when dropped.
struct FaultProxy {
    child: Child,
    endpoint: String,
    faults: Arc<Mutex<Vec<String>>>,
}

impl FaultProxy {
    /// `scripts/s3-fault-proxy.py --fault FAULT EXTRA…` in front of the moto server.
    fn start(fault: &str, extra: &[&str]) -> Self {
        let mut child = Command::new("python3")
            .arg(root().join("scripts/s3-fault-proxy.py"))
            .args(["--upstream", &endpoint(), "--fault", fault])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs scripts/s3-fault-proxy.py");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let endpoint = lines
            .next()
            .expect("the proxy prints its endpoint")
            .unwrap();
        let faults = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&faults);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                seen.lock().unwrap().push(line);
            }
        });
        Self {
            child,
            endpoint,
            faults,
        }
    }

    fn injected(&self) -> usize {
        self.faults.lock().unwrap().len()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one run through the proxy gave.
struct Run {
    out: Output,
    took: Duration,
    output_file: Option<Vec<u8>>,
    left_in_dir: usize,
    faults: usize,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
}

/// The runbook query through a proxy injecting `fault`, written with `--output`.
fn runbook_through(fault: &str, extra: &[&str]) -> Run {
    let proxy = FaultProxy::start(fault, extra);
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("out/result.csv");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flowlog"));
    cmd.current_dir(root()).args([
        "query",
        "--ddl",
        "testdata/runbook/create-table-multi-account.sql",
        "--endpoint-url",
        &proxy.endpoint,
        "--now",
        "2026-11-20T00:00:00Z",
        "-f",
        "testdata/runbook/query.sql",
        "--output",
        target.to_str().unwrap(),
    ]);
    for (k, _) in std::env::vars() {
        if k.starts_with("AWS_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOME", home.path())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.path().join(".aws/config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.path().join(".aws/credentials"),
        )
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1");
    let start = Instant::now();
    let out = cmd.output().expect("flowlog runs");
    let took = start.elapsed();
    // Give the proxy's reader thread a moment to record the last fault line.
    std::thread::sleep(Duration::from_millis(50));
    Run {
        output_file: std::fs::read(&target).ok(),
        left_in_dir: std::fs::read_dir(target.parent().unwrap()).unwrap().count(),
        faults: proxy.injected(),
        out,
        took,
    }
}

/// The fault passed: retried, and the answer is the expected CSV.
fn assert_survived(run: &Run) {
    assert!(run.faults > 0, "no fault was injected");
    assert!(run.out.status.success(), "{}", run.stderr());
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(run.output_file.as_deref(), Some(&want[..]));
    assert_eq!(run.left_in_dir, 1, "only the result file");
}

/// The fault lasted: exit 2, one line with `needles`, no panic, nothing written, in a
/// bounded time.
fn assert_failed_cleanly(run: &Run, needles: &[&str]) {
    assert!(run.faults > 0, "no fault was injected");
    let err = run.stderr();
    assert_eq!(run.out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} not in {err}");
    }
    assert!(run.output_file.is_none(), "a result file was written");
    assert_eq!(run.left_in_dir, 0, "something was left beside the output");
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);
}

/// The key prefix every object of the runbook's DDL has.
const KEYS: &str = "s3://flowlog-sample-daily/AWSLogs/";

#[test]
fn a_missing_bucket_names_the_bucket() {
    let run = runbook_through("no-bucket", &[]);
    assert_failed_cleanly(&run, &["bucket flowlog-sample-daily does not exist"]);
}

#[test]
fn access_denied_on_an_object_names_its_key() {
    let run = runbook_through("403", &[]);
    assert_failed_cleanly(&run, &[KEYS, ".log.parquet", "access denied"]);
}

#[test]
fn an_object_deleted_after_the_listing_names_its_key() {
    let run = runbook_through("404", &[]);
    assert_failed_cleanly(&run, &[KEYS, ".log.parquet", "no such key"]);
}

#[test]
fn a_burst_of_500s_is_retried_and_the_answer_is_the_same() {
    let run = runbook_through("500", &["--count", "3"]);
    assert_survived(&run);
    assert_eq!(run.faults, 3);
}

#[test]
fn a_burst_of_503s_is_retried_and_the_answer_is_the_same() {
    let run = runbook_through("503", &["--count", "3"]);
    assert_survived(&run);
    assert_eq!(run.faults, 3);
}

#[test]
fn lasting_500s_end_the_query_naming_the_key() {
    let run = runbook_through("500", &[]);
    assert_failed_cleanly(&run, &[KEYS, ".log.parquet", "retries"]);
}

#[test]
fn lasting_503s_end_the_query_naming_the_key() {
    let run = runbook_through("503", &[]);
    assert_failed_cleanly(&run, &[KEYS, ".log.parquet", "throttling", "retries"]);
}

#[test]
fn slow_answers_give_the_same_answer_in_a_bounded_time() {
    let run = runbook_through("slow", &["--delay", "0.1"]);
    assert_survived(&run);
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);
}

#[test]
fn reset_connections_are_retried_and_the_answer_is_the_same() {
    let run = runbook_through("reset", &["--count", "2"]);
    assert_survived(&run);
    assert_eq!(run.faults, 2);
}

#[test]
fn lasting_resets_end_the_query_naming_the_key() {
    let run = runbook_through("reset", &[]);
    assert_failed_cleanly(&run, &[KEYS, ".log.parquet", "cannot reach"]);
}

#[test]
fn truncated_bodies_are_retried_and_the_answer_is_the_same() {
    let run = runbook_through("truncate", &["--count", "2"]);
    assert_survived(&run);
    assert_eq!(run.faults, 2);
}

#[test]
fn lasting_truncated_bodies_end_the_query_naming_the_key() {
    let run = runbook_through("truncate", &[]);
    assert_failed_cleanly(&run, &[KEYS, ".log.parquet"]);
}
