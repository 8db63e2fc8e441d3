//! Defaults from the config file and `FLOWLOG_*` variables: flags win over variables,
//! variables over the file; `flowlog config show` says where each value came from.

use crate::support::root;
use std::path::Path;
use std::process::{Command, Output};

/// `flowlog ARGS` with the config file `config` and the variables `env` (and no other
/// FLOWLOG_* variables).
fn flowlog(config: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flowlog"));
    command.current_dir(root()).args(args);
    for (name, _) in std::env::vars() {
        if name.starts_with("FLOWLOG_") {
            command.env_remove(name);
        }
    }
    command.env("FLOWLOG_CONFIG", config);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn flag_wins_over_variable_over_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("config.toml");
    std::fs::write(
        &file,
        "# mine\ntime_zone = \"Asia/Tokyo\"\nformat = \"csv\"\n",
    )
    .unwrap();
    let sql = "select from_unixtime(0) as t";
    let out = flowlog(&file, &[], &["query", sql]);
    assert_eq!(
        stdout(&out),
        "\"t\"\n\"1970-01-01 09:00:00.000 Asia/Tokyo\"\n"
    );
    let env = [("FLOWLOG_TIME_ZONE", "+05:30")];
    let out = flowlog(&file, &env, &["query", sql]);
    assert_eq!(stdout(&out), "\"t\"\n\"1970-01-01 05:30:00.000 +05:30\"\n");
    let out = flowlog(&file, &env, &["query", "--time-zone", "UTC", sql]);
    assert_eq!(stdout(&out), "\"t\"\n\"1970-01-01 00:00:00.000 UTC\"\n");
}

#[test]
fn config_show_names_each_source() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("config.toml");
    std::fs::create_dir(tmp.path().join("bucket")).unwrap();
    std::fs::write(
        &file,
        "time_zone = \"Asia/Tokyo\"\nmirror = [\"s3://my-bucket=bucket\"]\n",
    )
    .unwrap();
    let out = flowlog(&file, &[("FLOWLOG_THREADS", "3")], &["config", "show"]);
    let text = stdout(&out);
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("no {key}: {text}"))
            .to_string()
    };
    assert!(line("time_zone").contains("Asia/Tokyo"), "{text}");
    assert!(line("time_zone").ends_with("config.toml, line 1"), "{text}");
    let mirror = line("mirror");
    assert!(mirror.contains("s3://my-bucket="), "{mirror}");
    assert!(
        mirror.contains(&tmp.path().join("bucket").display().to_string()),
        "{mirror}"
    );
    assert!(mirror.ends_with("line 2"), "{mirror}");
    assert!(
        line("threads").ends_with("environment FLOWLOG_THREADS"),
        "{text}"
    );
    assert!(line("format").contains("default"), "{text}");
    // Each key's flag and variable are listed, for every key the file may hold.
    for (key, flag, variable) in [
        ("time_zone", "--time-zone", "FLOWLOG_TIME_ZONE"),
        ("mirror", "--mirror", "FLOWLOG_MIRROR"),
        ("format", "--format", "FLOWLOG_FORMAT"),
        ("memory_limit", "--memory-limit", "FLOWLOG_MEMORY_LIMIT"),
        ("threads", "--threads", "FLOWLOG_THREADS"),
        ("profile", "--profile", "FLOWLOG_PROFILE"),
        ("region", "--region", "FLOWLOG_REGION"),
    ] {
        let listed = text.lines().any(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words == [key, flag, variable]
        });
        assert!(listed, "{key} {flag} {variable} not listed: {text}");
    }
}

#[test]
fn a_bad_key_or_value_names_the_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("config.toml");
    std::fs::write(&file, "format = \"csv\"\n\ntimezone = \"Asia/Tokyo\"\n").unwrap();
    let out = flowlog(&file, &[], &["query", "select 1"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("flowlog: {}, line 3: ", file.display())),
        "{stderr}"
    );
    assert!(stderr.contains("timezone"), "{stderr}");

    std::fs::write(&file, "threads = 0\n").unwrap();
    let out = flowlog(&file, &[], &["config", "show"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 1: threads: "), "{stderr}");

    let out = flowlog(
        &file,
        &[
            ("FLOWLOG_CONFIG", "/nonexistent/flowlog.toml"),
            ("FLOWLOG_FORMAT", "xml"),
        ],
        &["config", "show"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("FLOWLOG_FORMAT: format: \"xml\""),
        "{stderr}"
    );
}
