//! The benchmark runner's self-test (`python3 benches/run.py --self-test`): its answer
//! comparison and workload table, without the data set, the release build or any peer. The
//! benchmark itself never runs under `cargo test`.

use std::path::Path;
use std::process::Command;

#[test]
fn runner_self_test_passes() {
    let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("run.py");
    let output = Command::new("python3")
        .arg(&runner)
        .arg("--self-test")
        .output()
        .unwrap_or_else(|e| panic!("cannot start python3 for {}: {e}", runner.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{} --self-test failed\nstdout:\n{stdout}\nstderr:\n{stderr}",
        runner.display()
    );
    assert!(stdout.contains(" passed, 0 failed"), "stdout:\n{stdout}");
}
