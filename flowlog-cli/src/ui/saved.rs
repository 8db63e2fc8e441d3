//! Saved queries: `.sql` files in one folder (`--queries-dir`, default
//! `$XDG_DATA_HOME/flowlog/queries`). A name from the page becomes a file name only
//! after sanitising, so nothing is read or written outside the folder.

use std::path::{Path, PathBuf};

/// A saved-query operation that failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SavedError {
    /// The name has no usable character.
    #[error("a saved query needs a name of letters, digits, '-', '_', '.' or spaces")]
    BadName,
    /// The file cannot be read or written.
    #[error("cannot {what} {path}: {source}")]
    Io {
        /// `read`, `write` or `list`.
        what: &'static str,
        /// The file or folder.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// The default folder: `$XDG_DATA_HOME/flowlog/queries`, else
/// `~/.local/share/flowlog/queries` (`%APPDATA%\flowlog\queries` on Windows).
pub(crate) fn default_dir() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            if cfg!(windows) {
                std::env::var_os("APPDATA").map(PathBuf::from)
            } else {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share"))
            }
        })
        .unwrap_or_else(std::env::temp_dir);
    data.join("flowlog").join("queries")
}

/// The file name for a query's `name`: letters (any script), digits, `-`, `_` and
/// spaces kept, anything else (`/`, `\`, `:`, control characters) dropped, leading dots
/// and spaces dropped, at most 100 characters, and `.sql` appended (once).
pub(crate) fn file_name(name: &str) -> Result<String, SavedError> {
    let name = name.trim();
    let name = name.strip_suffix(".sql").unwrap_or(name);
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'))
        .take(100)
        .collect();
    let kept = kept.trim_start_matches(['.', ' ']).trim_end();
    if kept.is_empty() || kept.chars().all(|c| c == '.') {
        return Err(SavedError::BadName);
    }
    Ok(format!("{kept}.sql"))
}

/// The saved queries in a folder.
#[derive(Debug, Clone)]
pub(crate) struct SavedQueries {
    dir: PathBuf,
}

impl SavedQueries {
    /// The queries in `dir` (created when first saved into).
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The names (without `.sql`) of the saved queries, sorted.
    pub(crate) fn list(&self) -> Result<Vec<String>, SavedError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(self.io("list", &self.dir, source)),
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".sql"))
                    .map(str::to_string)
            })
            .collect();
        names.sort();
        Ok(names)
    }

    /// The SQL saved as `name`.
    pub(crate) fn read(&self, name: &str) -> Result<String, SavedError> {
        let path = self.dir.join(file_name(name)?);
        std::fs::read_to_string(&path).map_err(|source| self.io("read", &path, source))
    }

    /// Saves `sql` as `name` (replacing a query of that name); returns the name it was
    /// saved under.
    pub(crate) fn save(&self, name: &str, sql: &str) -> Result<String, SavedError> {
        let file = file_name(name)?;
        std::fs::create_dir_all(&self.dir).map_err(|source| self.io("write", &self.dir, source))?;
        let path = self.dir.join(&file);
        std::fs::write(&path, sql).map_err(|source| self.io("write", &path, source))?;
        Ok(file.trim_end_matches(".sql").to_string())
    }

    fn io(&self, what: &'static str, path: &Path, source: std::io::Error) -> SavedError {
        SavedError::Io {
            what,
            path: path.display().to_string(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_leave_the_folder() {
        assert_eq!(file_name("top talkers").unwrap(), "top talkers.sql");
        assert_eq!(file_name("x.sql").unwrap(), "x.sql");
        assert_eq!(file_name("../../etc/passwd").unwrap(), "etcpasswd.sql");
        assert_eq!(file_name("..\\..\\win").unwrap(), "win.sql");
        assert_eq!(file_name("/abs/path").unwrap(), "abspath.sql");
        assert_eq!(file_name("a:b*c?").unwrap(), "abc.sql");
        assert_eq!(file_name(".hidden").unwrap(), "hidden.sql");
        assert_eq!(file_name("通信量 上位").unwrap(), "通信量 上位.sql");
        assert!(file_name("..").is_err());
        assert!(file_name("/").is_err());
        assert!(file_name("  ").is_err());
        assert_eq!(file_name(&"a".repeat(300)).unwrap().len(), 104);
    }

    #[test]
    fn saved_queries_round_trip_as_files() {
        let tmp = tempfile::tempdir().unwrap();
        let saved = SavedQueries::new(tmp.path().join("q"));
        assert!(saved.list().unwrap().is_empty());
        assert_eq!(saved.save("../rejects", "select 1").unwrap(), "rejects");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("q/rejects.sql")).unwrap(),
            "select 1"
        );
        assert_eq!(saved.list().unwrap(), vec!["rejects"]);
        assert_eq!(saved.read("rejects").unwrap(), "select 1");
        assert!(!tmp.path().join("rejects.sql").exists());
    }
}
