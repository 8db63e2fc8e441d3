//! `flowlog man`: the man page generated from the command-line definitions.

use std::process::Command;

#[test]
fn prints_a_roff_page_naming_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH flowlog 1"), "{page}");
    for command in ["query", "shell", "provision", "functions", "completions"] {
        assert!(page.contains(command), "{command} missing");
    }
}

#[test]
fn writes_one_page_per_command_into_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .args(["man", "--dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let query = std::fs::read_to_string(tmp.path().join("flowlog-query.1")).unwrap();
    assert!(query.contains("\\-\\-mirror"), "{query}");
    assert!(tmp.path().join("flowlog.1").exists());
}
