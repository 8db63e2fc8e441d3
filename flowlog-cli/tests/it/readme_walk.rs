//! The README's walk from a fresh clone to a CSV in Excel, run as written: the command
//! in README.md (and the same one in README.ja.md) writes the runbook's answer with a
//! byte-order mark and CRLF line ends.

use std::process::Command;

use crate::support::{root, stderr};

/// The `flowlog query … --excel …` command of `readme`'s walk, its lines joined.
fn excel_command(readme: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(readme)).unwrap();
    let start = text
        .find("flowlog query --ddl testdata/runbook/create-table-multi-account.sql \\")
        .unwrap_or_else(|| panic!("{readme} has no walk command"));
    let block = &text[start..start + text[start..].find("\n```").expect("the block ends")];
    let joined = block.replace("\\\n", " ");
    joined.split_whitespace().map(str::to_string).collect()
}

#[cfg(unix)]
#[test]
fn the_readme_walk_writes_athenas_csv_for_excel() {
    let command = excel_command("README.md");
    assert_eq!(command, excel_command("README.ja.md"), "the READMEs differ");
    assert_eq!(command[0], "flowlog");
    assert!(command.contains(&"--excel".to_string()), "{command:?}");
    // Run from a folder that sees the clone's testdata/, so result.csv lands there.
    let folder = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root().join("testdata"), folder.path().join("testdata")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(folder.path())
        .args(&command[1..])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read(folder.path().join("result.csv")).unwrap();
    let athena =
        std::fs::read_to_string(root().join("testdata/expected/runbook-multi-account.csv"))
            .unwrap();
    let mut excel = vec![0xEF, 0xBB, 0xBF];
    excel.extend(athena.replace('\n', "\r\n").into_bytes());
    assert!(
        written == excel,
        "result.csv is not the expected CSV with BOM and CRLF"
    );
    assert_eq!(
        athena.lines().count(),
        132,
        "131 rows and the header, as the README says"
    );
}
