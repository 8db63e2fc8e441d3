//! Defaults for the query flags from a TOML file and `FLOWLOG_*` environment variables.
//!
//! ```text
//! --time-zone flag  ─►  FLOWLOG_TIME_ZONE  ─►  time_zone in config.toml  ─►  built-in
//! (the first one set wins)
//! ```
//!
//! The file is `$FLOWLOG_CONFIG`, else `$XDG_CONFIG_HOME/flowlog/config.toml`, else
//! `~/.config/flowlog/config.toml` (`%APPDATA%\flowlog\config.toml` on Windows); a
//! missing file is no error. Relative mirror directories in the file are relative to the
//! file's folder. A key the file should not have, or a value that cannot be used, is an
//! error naming the file, the line and the key.

use std::fmt;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use flowlog_core::memory::ByteSize;
use flowlog_core::storage::Mirror;
use flowlog_core::time::TrinoZone;
use serde::Deserialize;
use toml::Spanned;

use crate::args::{Format, OutputArgs};
use crate::args_s3::S3Args;
use crate::args_session::SessionArgs;
use crate::settings;

/// Each key of config.toml with the flag that overrides it and the variable that
/// overrides the file: flag, then variable, then file, then the built-in default.
pub(crate) const KEYS: [(&str, &str, &str); 7] = [
    ("time_zone", "--time-zone", "FLOWLOG_TIME_ZONE"),
    ("mirror", "--mirror", "FLOWLOG_MIRROR"),
    ("format", "--format", "FLOWLOG_FORMAT"),
    ("memory_limit", "--memory-limit", "FLOWLOG_MEMORY_LIMIT"),
    ("threads", "--threads", "FLOWLOG_THREADS"),
    ("profile", "--profile", "FLOWLOG_PROFILE"),
    ("region", "--region", "FLOWLOG_REGION"),
];

/// Where a value in effect came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// An environment variable.
    Env(&'static str),
    /// A line of the config file.
    File {
        /// The file.
        path: PathBuf,
        /// The line (from 1).
        line: usize,
    },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Env(name) => write!(f, "environment {name}"),
            Source::File { path, line } => write!(f, "{}, line {line}", path.display()),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Setting<T> {
    /// The value.
    pub(crate) value: T,
    /// Its source.
    pub(crate) source: Source,
}

/// A config file or variable that cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConfigError {
    /// The file exists but cannot be read.
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line of the file is not TOML, or has a key flowlog does not know.
    #[error("{}, line {line}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// TOML's message (it names the key).
        message: String,
    },
    /// A value that cannot be used.
    #[error("{source_name}: {key}: {message}")]
    Value {
        /// The file and line, or the variable.
        source_name: String,
        /// The key.
        key: &'static str,
        /// Why.
        message: String,
    },
}

/// The keys of config.toml, as written in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileValues {
    #[serde(default, alias = "time-zone")]
    time_zone: Option<Spanned<String>>,
    #[serde(default)]
    mirror: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    format: Option<Spanned<String>>,
    #[serde(default, alias = "memory-limit")]
    memory_limit: Option<Spanned<String>>,
    #[serde(default)]
    threads: Option<Spanned<i64>>,
    #[serde(default)]
    profile: Option<Spanned<String>>,
    #[serde(default)]
    region: Option<Spanned<String>>,
}

/// The settings in effect from the environment and the file (flags are applied later).
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// The config file looked for, and whether it exists.
    pub(crate) file: Option<(PathBuf, bool)>,
    /// The session time zone.
    pub(crate) time_zone: Option<Setting<TrinoZone>>,
    /// Local copies of buckets.
    pub(crate) mirrors: Option<Setting<Vec<Mirror>>>,
    /// The output format.
    pub(crate) format: Option<Setting<Format>>,
    /// The memory limit.
    pub(crate) memory_limit: Option<Setting<ByteSize>>,
    /// Parallel parts.
    pub(crate) threads: Option<Setting<u16>>,
    /// The AWS profile.
    pub(crate) profile: Option<Setting<String>>,
    /// The AWS region.
    pub(crate) region: Option<Setting<String>>,
}

/// The config file's path (whether or not it exists).
pub(crate) fn file_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FLOWLOG_CONFIG").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            if cfg!(windows) {
                std::env::var_os("APPDATA").map(PathBuf::from)
            } else {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config"))
            }
        })?;
    Some(base.join("flowlog").join("config.toml"))
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Config {
    /// Reads the file, then the environment over it.
    pub(crate) fn load() -> Result<Self, ConfigError> {
        let mut config = Config::default();
        if let Some(path) = file_path() {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    config.file = Some((path.clone(), true));
                    config.read_file(&path, &text)?;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    config.file = Some((path, false));
                }
                Err(source) => return Err(ConfigError::Read { path, source }),
            }
        }
        config.read_env()?;
        Ok(config)
    }

    fn read_file(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let values: FileValues = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let at = |span: std::ops::Range<usize>| Source::File {
            path: path.to_path_buf(),
            line: line_of(text, span.start),
        };
        if let Some(v) = values.time_zone {
            self.time_zone = Some(parse("time_zone", at(v.span()), v.get_ref(), parse_zone)?);
        }
        if let Some(v) = values.mirror {
            let source = at(v.span());
            let mirrors = v
                .get_ref()
                .iter()
                .map(|m| {
                    parse("mirror", source.clone(), m, |s| {
                        parse_mirror(s, Some(folder))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            self.mirrors = Some(Setting {
                value: mirrors.into_iter().map(|s| s.value).collect(),
                source,
            });
        }
        if let Some(v) = values.format {
            self.format = Some(parse("format", at(v.span()), v.get_ref(), parse_format)?);
        }
        if let Some(v) = values.memory_limit {
            self.memory_limit = Some(parse(
                "memory_limit",
                at(v.span()),
                v.get_ref(),
                parse_size,
            )?);
        }
        if let Some(v) = values.threads {
            let text = v.get_ref().to_string();
            self.threads = Some(parse("threads", at(v.span()), &text, parse_threads)?);
        }
        if let Some(v) = values.profile {
            self.profile = Some(Setting {
                value: v.get_ref().clone(),
                source: at(v.span()),
            });
        }
        if let Some(v) = values.region {
            self.region = Some(parse("region", at(v.span()), v.get_ref(), |s| {
                settings::region(s).map_err(|e| e.to_string())
            })?);
        }
        Ok(())
    }

    fn read_env(&mut self) -> Result<(), ConfigError> {
        let var = |name: &'static str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("FLOWLOG_TIME_ZONE") {
            self.time_zone = Some(parse(
                "time_zone",
                Source::Env("FLOWLOG_TIME_ZONE"),
                &v,
                parse_zone,
            )?);
        }
        if let Some(v) = var("FLOWLOG_MIRROR") {
            let source = Source::Env("FLOWLOG_MIRROR");
            let mirrors = v
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(|m| parse("mirror", source.clone(), m, |s| parse_mirror(s, None)))
                .collect::<Result<Vec<_>, _>>()?;
            self.mirrors = Some(Setting {
                value: mirrors.into_iter().map(|s| s.value).collect(),
                source,
            });
        }
        if let Some(v) = var("FLOWLOG_FORMAT") {
            self.format = Some(parse(
                "format",
                Source::Env("FLOWLOG_FORMAT"),
                &v,
                parse_format,
            )?);
        }
        if let Some(v) = var("FLOWLOG_MEMORY_LIMIT") {
            self.memory_limit = Some(parse(
                "memory_limit",
                Source::Env("FLOWLOG_MEMORY_LIMIT"),
                &v,
                parse_size,
            )?);
        }
        if let Some(v) = var("FLOWLOG_THREADS") {
            self.threads = Some(parse(
                "threads",
                Source::Env("FLOWLOG_THREADS"),
                &v,
                parse_threads,
            )?);
        }
        if let Some(v) = var("FLOWLOG_PROFILE") {
            self.profile = Some(Setting {
                value: v,
                source: Source::Env("FLOWLOG_PROFILE"),
            });
        }
        if let Some(v) = var("FLOWLOG_REGION") {
            self.region = Some(parse("region", Source::Env("FLOWLOG_REGION"), &v, |s| {
                settings::region(s).map_err(|e| e.to_string())
            })?);
        }
        Ok(())
    }

    /// Fills the S3 flags not given on the command line (the profile only for signed
    /// requests).
    pub(crate) fn apply_s3(&self, s3: &mut S3Args) {
        if s3.profile.is_none() && !s3.no_sign_request {
            s3.profile = self.profile.as_ref().map(|s| s.value.clone());
        }
        if s3.region.is_none() {
            s3.region = self.region.as_ref().map(|s| s.value.clone());
        }
    }

    /// Fills the session flags not given on the command line.
    pub(crate) fn apply(&self, args: &mut SessionArgs) {
        fill(&mut args.time_zone, &self.time_zone);
        fill(&mut args.engine.memory_limit, &self.memory_limit);
        fill(&mut args.engine.threads, &self.threads);
        self.apply_s3(&mut args.s3);
        if args.mirror.is_empty()
            && let Some(m) = &self.mirrors
        {
            args.mirror = m.value.clone();
        }
    }

    /// Fills the output flags not given on the command line.
    pub(crate) fn apply_output(&self, args: &mut OutputArgs) {
        // A default format must not contradict the -o file's extension.
        if args.output.is_none() {
            fill(&mut args.format, &self.format);
        }
    }
}

/// Sets `flag` from `setting` when the command line left it out.
fn fill<T: Clone>(flag: &mut Option<T>, setting: &Option<Setting<T>>) {
    if flag.is_none() {
        *flag = setting.as_ref().map(|s| s.value.clone());
    }
}

/// Parses `text` for `key`, naming the source in the error.
fn parse<T>(
    key: &'static str,
    source: Source,
    text: &str,
    parser: impl Fn(&str) -> Result<T, String>,
) -> Result<Setting<T>, ConfigError> {
    match parser(text) {
        Ok(value) => Ok(Setting { value, source }),
        Err(message) => Err(ConfigError::Value {
            source_name: source.to_string(),
            key,
            message: format!("{text:?}: {message}"),
        }),
    }
}

fn parse_zone(s: &str) -> Result<TrinoZone, String> {
    TrinoZone::parse(s).map_err(|e| e.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_str(s, true).map_err(|_| "not a format; use table, csv, tsv or json".to_string())
}

fn parse_size(s: &str) -> Result<ByteSize, String> {
    s.parse::<ByteSize>().map_err(|e| e.to_string())
}

fn parse_threads(s: &str) -> Result<u16, String> {
    s.parse::<u16>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| "not a number of threads from 1 to 65535".to_string())
}

/// `s3://BUCKET[/PREFIX]=DIR`, a relative DIR taken from `folder` when given.
fn parse_mirror(s: &str, folder: Option<&Path>) -> Result<Mirror, String> {
    let text = match (s.split_once('='), folder) {
        (Some((url, dir)), Some(folder)) if Path::new(dir).is_relative() => {
            format!("{url}={}", folder.join(dir).display())
        }
        _ => s.to_string(),
    };
    let mirror = text.parse::<Mirror>().map_err(|e| e.to_string())?;
    if !mirror.dir().is_dir() {
        return Err(format!("{} is not a directory", mirror.dir().display()));
    }
    Ok(mirror)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }

    #[test]
    fn an_unknown_key_names_the_file_and_line() {
        let mut c = Config::default();
        let err = c
            .read_file(
                Path::new("/x/config.toml"),
                "format = \"csv\"\ntimezone = \"UTC\"\n",
            )
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/x/config.toml, line 2: "), "{err}");
        assert!(err.contains("timezone"), "{err}");
    }

    #[test]
    fn a_bad_value_names_the_key() {
        let mut c = Config::default();
        let err = c
            .read_file(
                Path::new("/x/config.toml"),
                "\n\ntime_zone = \"Mars/Olympus\"\n",
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("/x/config.toml, line 3: time_zone: \"Mars/Olympus\""),
            "{err}"
        );
    }
}
