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

/// A pseudo-terminal of `columns` × 40: its master side (to read what a child writes)
/// and its slave side (to give the child as stdin/stdout/stderr).
#[cfg(target_os = "linux")]
pub(crate) fn open_pty(columns: u16) -> (std::fs::File, std::fs::File) {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use rustix::termios::{Winsize, tcsetwinsize};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    tcsetwinsize(
        &master,
        Winsize {
            ws_row: 40,
            ws_col: columns,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = std::fs::File::options()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    (std::fs::File::from(master), slave)
}
