//! `flowlog config show`: each setting in effect and where it came from.

use std::io::Write;

use flowlog_core::memory::default_limit;

use crate::args::ConfigCommand;
use crate::config::{Config, KEYS, Setting};

/// Runs `flowlog config …`.
pub(crate) fn run(command: ConfigCommand) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Show => show(),
    }
}

fn show() -> anyhow::Result<()> {
    let config = Config::load()?;
    let mut text = String::new();
    match &config.file {
        Some((path, true)) => text.push_str(&format!("config file: {}\n", path.display())),
        Some((path, false)) => {
            text.push_str(&format!("config file: {} (none there)\n", path.display()))
        }
        None => text.push_str("config file: none (no home directory)\n"),
    }
    let mut row = |key: &str, value: String, from: String| {
        text.push_str(&format!("{key:<13} {value:<40} {from}\n"));
    };
    fn from<T>(setting: &Option<Setting<T>>, default: &str) -> String {
        setting
            .as_ref()
            .map_or_else(|| format!("default ({default})"), |s| s.source.to_string())
    }
    row(
        "time_zone",
        config
            .time_zone
            .as_ref()
            .map_or_else(|| "UTC".to_string(), |s| s.value.id()),
        from(&config.time_zone, "as on Athena"),
    );
    row(
        "mirror",
        config.mirrors.as_ref().map_or_else(
            || "-".to_string(),
            |s| {
                s.value
                    .iter()
                    .map(|m| format!("{}={}", m.url(), m.dir().display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        from(&config.mirrors, "none: s3:// locations are read on S3"),
    );
    row(
        "format",
        config
            .format
            .as_ref()
            .map_or("table", |s| s.value.name())
            .to_string(),
        from(&config.format, "the -o file's extension, else table"),
    );
    row(
        "memory_limit",
        config
            .memory_limit
            .as_ref()
            .map(|s| s.value)
            .or_else(default_limit)
            .map_or_else(|| "-".to_string(), |b| b.to_string()),
        from(&config.memory_limit, "three quarters of the memory"),
    );
    row(
        "threads",
        config.threads.as_ref().map_or_else(
            || {
                std::thread::available_parallelism()
                    .map_or_else(|_| "-".to_string(), |n| n.to_string())
            },
            |s| s.value.to_string(),
        ),
        from(&config.threads, "the number of CPUs"),
    );
    row(
        "profile",
        config
            .profile
            .as_ref()
            .map_or_else(|| "-".to_string(), |s| s.value.clone()),
        from(&config.profile, "AWS_PROFILE, else the default profile"),
    );
    row(
        "region",
        config
            .region
            .as_ref()
            .map_or_else(|| "-".to_string(), |s| s.value.clone()),
        from(&config.region, "the profile's, AWS_REGION or the bucket's"),
    );
    text.push_str(
        "\nA flag wins over its variable, a variable over the file (mirror: a comma-separated\n\
         list in FLOWLOG_MIRROR). sync and cluster executor take profile and region too.\n",
    );
    for (key, flag, variable) in KEYS {
        text.push_str(&format!("  {key:<13} {flag:<16} {variable}\n"));
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
