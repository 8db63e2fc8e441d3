//! What the CLI tests share: the repository root and running the built `flowlog`.
//!
//! (Older test modules still define their own copies of these; new ones use this.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (tests run `flowlog` from there, as the README's commands do).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the built `flowlog` with `args` from the repository root.
pub(crate) fn flowlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("flowlog runs")
}

/// stderr as text.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
