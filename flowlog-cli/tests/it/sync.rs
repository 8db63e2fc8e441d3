//! `flowlog sync` against the local moto server that `scripts/test` starts: the runbook's
//! partitions copied, queried with the printed `--mirror`, resumed, repaired, narrowed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::s3_server::endpoint;
use crate::support::root;

/// flowlog with static test keys, HOME in `home`, no other AWS setting.
fn flowlog(home: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_flowlog"));
    cmd.current_dir(root()).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("AWS_") || k.starts_with("FLOWLOG_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOME", home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join(".aws/config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join(".aws/credentials"))
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1");
    cmd.output().expect("flowlog runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const DDL: &str = "testdata/runbook/create-table-multi-account.sql";

fn sync(home: &Path, dir: &Path, extra: &[&str]) -> Output {
    let endpoint = endpoint();
    let dir = dir.to_string_lossy().to_string();
    let mut args = vec![
        "sync",
        "--ddl",
        DDL,
        "--endpoint-url",
        &endpoint,
        "--now",
        "2026-11-20T00:00:00Z",
    ];
    args.extend(extra);
    args.push(&dir);
    flowlog(home, &args)
}

/// The sample bucket's objects in ap-northeast-1 (the DDL's region) for these accounts
/// and days, counted from testdata/ — not from flowlog.
fn sample_objects(days: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for account in ["111111111111", "222222222222"] {
        for day in days {
            let dir = root().join(format!(
                "testdata/s3/flowlog-sample-daily/AWSLogs/{account}/vpcflowlogs/ap-northeast-1/{day}"
            ));
            for entry in std::fs::read_dir(&dir).unwrap() {
                out.push(entry.unwrap().path());
            }
        }
    }
    out
}

/// Every regular file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

#[test]
fn sync_copies_the_projected_partitions_and_the_printed_mirror_answers_the_runbook() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mirror");
    let out = sync(home.path(), &dir, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let want = sample_objects(&["2026/11/19", "2026/11/20"]);
    assert!(
        err.contains(&format!("{} objects downloaded", want.len())),
        "{err}"
    );
    assert!(err.contains("0 already present skipped"), "{err}");
    // Laid out as the bucket, every byte the same; no stray temporary file.
    let bucket = dir.join("flowlog-sample-daily");
    let copied = files_under(&bucket);
    assert_eq!(copied.len(), want.len(), "{copied:?}");
    for source in &want {
        let relative = source
            .strip_prefix(root().join("testdata/s3/flowlog-sample-daily"))
            .unwrap();
        assert_eq!(
            std::fs::read(bucket.join(relative)).unwrap(),
            std::fs::read(source).unwrap(),
            "{}",
            relative.display()
        );
    }
    // The manifest lives outside the log tree.
    assert!(dir.join(".flowlog-sync/manifest.tsv").is_file());

    // The printed --mirror works as it is.
    let stdout = text(&out.stdout);
    let mirror = stdout.trim().strip_prefix("--mirror ").expect(&stdout);
    assert_eq!(
        mirror,
        format!("s3://flowlog-sample-daily={}", bucket.display())
    );
    let query = flowlog(
        home.path(),
        &[
            "query",
            "--ddl",
            DDL,
            "--mirror",
            mirror,
            "--now",
            "2026-11-20T00:00:00Z",
            "-f",
            "testdata/runbook/query.sql",
            "--format",
            "csv",
        ],
    );
    assert!(query.status.success(), "{}", text(&query.stderr));
    let expected =
        std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    assert_eq!(query.stdout, expected);

    // Again: everything is skipped.
    let again = sync(home.path(), &dir, &[]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let err = text(&again.stderr);
    assert!(err.contains("0 objects downloaded"), "{err}");
    assert!(
        err.contains(&format!("{} already present skipped", want.len())),
        "{err}"
    );

    // A truncated copy is downloaded again, and only it.
    let victim = bucket.join(files_under(&bucket).remove(0));
    let whole = std::fs::read(&victim).unwrap();
    std::fs::write(&victim, &whole[..whole.len() / 2]).unwrap();
    let repaired = sync(home.path(), &dir, &[]);
    assert!(repaired.status.success(), "{}", text(&repaired.stderr));
    let err = text(&repaired.stderr);
    assert!(err.contains("1 object downloaded"), "{err}");
    assert_eq!(std::fs::read(&victim).unwrap(), whole);
}

#[test]
fn since_and_now_narrow_what_is_copied() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("m");
    let out = sync(home.path(), &dir, &["--since", "2026-11-20"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let want = sample_objects(&["2026/11/20"]);
    let copied = files_under(&dir.join("flowlog-sample-daily"));
    assert_eq!(copied.len(), want.len(), "{copied:?}");
    assert!(
        copied.iter().all(|f| f.contains("/2026/11/20/")),
        "{copied:?}"
    );

    // --now a day earlier: the projection is 11/18..11/19, and only 11/19 holds objects.
    let dir = home.path().join("n");
    let out = flowlog(
        home.path(),
        &[
            "sync",
            "--ddl",
            DDL,
            "--endpoint-url",
            &endpoint(),
            "--now",
            "2026-11-19",
            "--until",
            "2026-11-19",
            &dir.to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let want = sample_objects(&["2026/11/19"]);
    let copied = files_under(&dir.join("flowlog-sample-daily"));
    assert_eq!(copied.len(), want.len(), "{copied:?}");
}

#[test]
fn sync_of_an_aws_logs_tree_with_logs() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("all");
    let out = flowlog(
        home.path(),
        &[
            "sync",
            "--logs",
            "s3://flowlog-sample-daily",
            "--endpoint-url",
            &endpoint(),
            "--since",
            "2026-11-19",
            "--until",
            "2026-11-19",
            &dir.to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Every 11/19 object of the bucket, in both regions.
    let mut want = 0;
    for entry in files_under(&root().join("testdata/s3/flowlog-sample-daily")) {
        if entry.contains("/2026/11/19/") {
            want += 1;
        }
    }
    let copied = files_under(&dir.join("flowlog-sample-daily"));
    assert_eq!(copied.len(), want, "{copied:?}");
}

#[test]
fn sync_errors_name_the_key() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("x");
    // A file where a directory of the tree must go: the write fails, naming the object.
    std::fs::create_dir_all(dir.join("flowlog-sample-daily")).unwrap();
    std::fs::write(dir.join("flowlog-sample-daily/AWSLogs"), "in the way").unwrap();
    let out = sync(home.path(), &dir, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("s3://flowlog-sample-daily/AWSLogs/") && err.contains(".log.parquet"),
        "{err}"
    );
}
