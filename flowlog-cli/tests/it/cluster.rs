//! `flowlog cluster scheduler|executor` and `flowlog query --cluster`, as processes on
//! loopback ports: the answer's bytes are the local run's.

use crate::support::{flowlog, root};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(args: &[&str]) -> Running {
    Running(
        Command::new(env!("CARGO_BIN_EXE_flowlog"))
            .current_dir(root())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("flowlog starts"),
    )
}

/// A loopback port free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

const RUNBOOK: [&str; 11] = [
    "query",
    "--ddl",
    "testdata/runbook/create-table-multi-account.sql",
    "--mirror",
    "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
    "--now",
    "2026-11-20T00:00:00Z",
    "-f",
    "testdata/runbook/query.sql",
    "--quiet",
    "--format=csv",
];

#[test]
fn a_query_on_a_scheduler_and_two_executors_gives_the_local_bytes() {
    let scheduler_port = free_port();
    let scheduler = format!("127.0.0.1:{scheduler_port}");
    let _scheduler = start(&["cluster", "scheduler", "--bind", &scheduler]);
    wait_for_port(scheduler_port);
    let mut executors = Vec::new();
    for _ in 0..2 {
        let bind = format!("127.0.0.1:{}", free_port());
        executors.push(start(&[
            "cluster",
            "executor",
            "--scheduler",
            &scheduler,
            "--bind",
            &bind,
            "--concurrent-tasks",
            "2",
        ]));
    }

    let local = flowlog(&RUNBOOK);
    assert!(
        local.status.success(),
        "{}",
        String::from_utf8_lossy(&local.stderr)
    );
    let want = std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(local.stdout, want);

    let url = format!("df://{scheduler}");
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let target_s = target.to_string_lossy().to_string();
    let mut args = RUNBOOK.to_vec();
    args.extend(["--cluster", &url, "-o", &target_s]);
    let remote = flowlog(&args);
    assert!(
        remote.status.success(),
        "{}",
        String::from_utf8_lossy(&remote.stderr)
    );
    assert_eq!(std::fs::read(&target).unwrap(), local.stdout);

    // Zone-dependent functions answer in the session zone on the executors too.
    let tokyo = [
        "query",
        "--ddl",
        "testdata/runbook/create-table-multi-account.sql",
        "--mirror",
        "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
        "--now",
        "2026-11-20T00:00:00Z",
        "--time-zone",
        "Asia/Tokyo",
        "--quiet",
        "--format=csv",
        "select action, count(*) as n, min(from_unixtime(\"start\")) as first, \
         max(current_timestamp) as now from vpc_flow_logs_sample group by action",
    ];
    let local = flowlog(&tokyo);
    assert!(
        local.status.success(),
        "{}",
        String::from_utf8_lossy(&local.stderr)
    );
    let mut args = tokyo.to_vec();
    args.extend(["--cluster", &url]);
    let remote = flowlog(&args);
    assert!(
        remote.status.success(),
        "{}",
        String::from_utf8_lossy(&remote.stderr)
    );
    assert_eq!(remote.stdout, local.stdout);
}

#[test]
fn an_unreachable_scheduler_is_one_line_naming_it_and_no_output_file() {
    let port = free_port();
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let target_s = target.to_string_lossy().to_string();
    let url = format!("df://127.0.0.1:{port}");
    let mut args = RUNBOOK.to_vec();
    args.extend(["--cluster", &url, "-o", &target_s]);
    let out = flowlog(&args);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(stderr.contains("flowlog cluster scheduler"), "{stderr}");
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn a_bad_cluster_url_is_refused() {
    let mut args = RUNBOOK.to_vec();
    args.extend(["--cluster", "127.0.0.1:50050"]);
    let out = flowlog(&args);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("df://host:port"), "{stderr}");
}
