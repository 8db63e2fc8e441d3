//! Where `--output` may write: checked before the query runs, and again just before the
//! result is moved into place.
//!
//! flowlog only ever replaces a regular file or creates a new one. It refuses a
//! directory, a symbolic link (it never follows a link to replace what it points at),
//! a FIFO, a socket or a device, any path inside a log tree (after resolving symbolic
//! links in the parent directory, so an aliased path is caught too), and a file the
//! command reads as input.

use std::fs::FileType;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use flowlog_core::storage::absolute_path;

/// What already sits at the output path, if it is something flowlog must not replace.
fn refused_kind(file_type: FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    if file_type.is_symlink() {
        return Some("a symbolic link (flowlog does not replace links; give the real path)");
    }
    if file_type.is_dir() {
        return Some("a directory (name a file inside it)");
    }
    if !file_type.is_file() {
        return Some("not a regular file");
    }
    None
}

/// Refuses an output path that exists as anything but a regular file.
pub(crate) fn refuse_special(output: &Path) -> Result<()> {
    match std::fs::symlink_metadata(output) {
        Ok(meta) => match refused_kind(meta.file_type()) {
            Some(kind) => bail!(
                "--output {} is {kind}; flowlog writes only regular files, choose another path",
                output.display()
            ),
            None => Ok(()),
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err).with_context(|| format!("--output {}", output.display())),
    }
}

/// The directory the output goes into: `.` for a bare file name.
pub(crate) fn parent_dir(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The output path with its parent directory's symbolic links resolved.
fn resolved(output: &Path) -> Result<PathBuf> {
    let dir = parent_dir(output);
    let real_dir = std::fs::canonicalize(&dir).with_context(|| {
        format!(
            "--output {}: directory {} does not exist",
            output.display(),
            dir.display()
        )
    })?;
    if !real_dir.is_dir() {
        bail!(
            "--output {}: {} is not a directory",
            output.display(),
            dir.display()
        );
    }
    let name = output
        .file_name()
        .with_context(|| format!("--output {} names no file", output.display()))?;
    Ok(real_dir.join(name))
}

/// Every check on `--output` before the query runs: what exists there, its directory,
/// the log trees (`log_dirs`) it must stay out of, and the files read as input.
pub(crate) fn check_output(output: &Path, log_dirs: &[PathBuf], inputs: &[PathBuf]) -> Result<()> {
    refuse_special(output)?;
    let real = resolved(output)?;
    for dir in log_dirs {
        let Ok(dir) = absolute_path(dir) else {
            continue;
        };
        if real.starts_with(&dir) {
            bail!(
                "--output {} is inside the log tree {}; flowlog never writes there, choose another place",
                output.display(),
                dir.display()
            );
        }
    }
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|p| p == real) {
            bail!(
                "--output {} is the input {}; flowlog never overwrites its input, choose another path",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}
