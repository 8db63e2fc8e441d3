//! A `--mirror` one level too deep: its URL is the bucket (or a prefix above `AWSLogs/`)
//! while its directory is the `AWSLogs` directory itself or below it, so every key
//! `AWSLogs/…` would be looked up as `DIR/AWSLogs/…` and found missing.

use std::path::{Component, Path, PathBuf};

use super::Finding;
use crate::storage::Mirror;

/// The finding for a mirror whose directory sits inside an `AWSLogs` tree while its URL
/// does not name `AWSLogs`, with the `--mirror` argument that would work; `None` when the
/// mirror looks right.
///
/// ```
/// use flowlog_core::diagnose::{Finding, check_mirror};
/// use flowlog_core::storage::Mirror;
/// let m: Mirror = "s3://b=/data/b/AWSLogs".parse().unwrap();
/// let Some(Finding::MirrorTooDeep { suggestion, .. }) = check_mirror(&m) else { panic!() };
/// assert_eq!(suggestion, "s3://b=/data/b");
/// ```
pub fn check_mirror(mirror: &Mirror) -> Option<Finding> {
    let url = mirror.url();
    if url.split('/').any(|s| s == "AWSLogs") {
        return None;
    }
    let dir = mirror.dir();
    let suggestion = match aws_logs_ancestor(dir) {
        // DIR is …/AWSLogs or below: the bucket's copy starts at the AWSLogs' parent.
        Some((parent, below)) => {
            if below.as_os_str().is_empty() {
                format!("{url}={}", display(&parent))
            } else {
                let rest: Vec<String> = below
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                format!("{url}/AWSLogs/{}={}", rest.join("/"), display(dir))
            }
        }
        // DIR holds account directories directly: it is the AWSLogs directory under
        // another name.
        None if holds_accounts(dir) => format!("{url}/AWSLogs={}", display(dir)),
        None => return None,
    };
    Some(Finding::MirrorTooDeep {
        url,
        dir: dir.to_path_buf(),
        suggestion,
    })
}

/// The parent of the last `AWSLogs` component of `dir`, and what follows it.
fn aws_logs_ancestor(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let components: Vec<Component<'_>> = dir.components().collect();
    let at = components
        .iter()
        .rposition(|c| c.as_os_str() == "AWSLogs")?;
    let parent: PathBuf = components[..at].iter().collect();
    let parent = if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent
    };
    let below: PathBuf = components[at + 1..].iter().collect();
    Some((parent, below))
}

/// Whether `dir` has a subdirectory named like an account (12 digits, or
/// `aws-account-id=` and 12 digits), as an `AWSLogs` directory has.
fn holds_accounts(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let id = name.strip_prefix("aws-account-id=").unwrap_or(&name);
        id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) && e.path().is_dir()
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(spec: &str) -> Option<String> {
        match check_mirror(&spec.parse().unwrap()) {
            Some(Finding::MirrorTooDeep { suggestion, .. }) => Some(suggestion),
            _ => None,
        }
    }

    #[test]
    fn a_mirror_inside_aws_logs_is_found() {
        assert_eq!(
            suggestion("s3://b=./b/AWSLogs").as_deref(),
            Some("s3://b=./b")
        );
        assert_eq!(
            suggestion("s3://b=./b/AWSLogs/111111111111").as_deref(),
            Some("s3://b/AWSLogs/111111111111=./b/AWSLogs/111111111111")
        );
        assert_eq!(suggestion("s3://b/AWSLogs=./b/AWSLogs"), None);
        assert_eq!(suggestion("s3://b=./b"), None);
    }
}
