//! `flowlog query`: register tables (DDL or discovery), run SQL, write the result.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;
use flowlog_core::memory::{MemoryOptions, default_limit};
use flowlog_core::storage::S3Options;
use flowlog_core::table::{SkippedObject, SkippedObjects, TableOptions};
use flowlog_core::time::TrinoZone;
use flowlog_core::{FlowLogSession, SessionOptions};
use futures::StreamExt;

use crate::args::QueryArgs;
use crate::output::{AtomicFile, ResultWriter};
use crate::signals::Signals;

pub(crate) async fn run(args: QueryArgs) -> Result<()> {
    let mirrors = args.mirror.clone();
    let now = args.now.unwrap_or_else(Utc::now);
    let time_zone = args.time_zone.unwrap_or(TrinoZone::Utc);
    let sql = read_sql(&args)?;
    if let Some(dir) = &args.temp_dir
        && !dir.is_dir()
    {
        bail!("--temp-dir {}: not a directory", dir.display());
    }
    let memory = MemoryOptions {
        limit: args.memory_limit.or_else(default_limit),
        temp_dir: args.temp_dir.clone(),
    };

    // Never write inside a log tree.
    let mut log_dirs: Vec<PathBuf> = mirrors.iter().map(|m| m.dir().to_path_buf()).collect();
    if let Some(logs) = args.logs.as_ref().filter(|l| !l.contains("://")) {
        log_dirs.push(PathBuf::from(logs));
    }
    if let Some(out) = &args.output {
        let inputs: Vec<PathBuf> = args.ddl.iter().chain(&args.file).cloned().collect();
        crate::output_path::check_output(out, &log_dirs, &inputs)?;
    }

    let skipped = args
        .skip_bad_objects
        .then(|| Arc::new(SkippedObjects::default()));
    let session = FlowLogSession::new(SessionOptions {
        table: TableOptions {
            skip_bad_objects: skipped.clone(),
            ..TableOptions::default()
        },
        now,
        // A pinned NOW also pins current_date / current_timestamp, for reproducible results.
        current_time: args.now.is_some().then_some(now),
        mirrors,
        time_zone,
        s3: s3_options(&args),
        memory,
        ..SessionOptions::default()
    });
    for path in &args.ddl {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read --ddl {}", path.display()))?;
        let text = utf8_text(bytes, &format!("--ddl {}", path.display()))?;
        session
            .run_script(&text)
            .await
            .with_context(|| format!("--ddl {}", path.display()))?;
    }
    if let Some(logs) = &args.logs {
        session
            .register_logs(&args.table, logs)
            .await
            .with_context(|| format!("--logs {logs}"))?;
    }

    let df = session
        .run_script(&sql)
        .await?
        .ok_or_else(|| anyhow!("the SQL has no query to run (only DDL statements)"))?;
    let schema = df.schema().as_arrow().clone();
    let mut stream = df
        .execute_stream()
        .await
        .map_err(|e| session.explain_error(e))?;

    let mut signals = Signals::listen().context("cannot listen for signals")?;
    let mut atomic = match &args.output {
        Some(path) => Some(AtomicFile::create(path)?),
        None => None,
    };
    let stdout = std::io::stdout();
    let sink: Box<dyn std::io::Write> = match &mut atomic {
        Some(file) => Box::new(file.writer()?),
        None => Box::new(std::io::BufWriter::new(stdout.lock())),
    };
    let mut writer = ResultWriter::new(args.format, sink, &schema);
    loop {
        tokio::select! {
            batch = stream.next() => match batch {
                Some(batch) => {
                    let batch = batch.map_err(|e| session.explain_error(e))?;
                    writer.write(&batch)?;
                }
                None => break,
            },
            signal = signals.recv() => return Err(signal.into()),
        }
    }
    writer.finish()?;
    if let Some(file) = atomic {
        file.commit()?;
    }
    log::info!("{}", session.progress().snapshot());
    match skipped.map(|s| s.list()).filter(|list| !list.is_empty()) {
        Some(list) => Err(SkippedSome::report(&list).into()),
        None => Ok(()),
    }
}

/// The query answered without some objects (`--skip-bad-objects`): exit status 3.
#[derive(Debug)]
pub(crate) struct SkippedSome {
    /// How many objects were left out.
    pub(crate) count: usize,
}

impl SkippedSome {
    /// The exit status of an answer that left objects out.
    pub(crate) const EXIT_STATUS: u8 = 3;

    /// Print the skipped objects on stderr, one line each, and the count.
    fn report(list: &[SkippedObject]) -> Self {
        for object in list {
            eprintln!("flowlog: skipped {}: {}", object.key, object.reason);
        }
        Self { count: list.len() }
    }
}

impl std::fmt::Display for SkippedSome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the answer leaves out {} unreadable object{} (--skip-bad-objects)",
            self.count,
            if self.count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for SkippedSome {}

/// The S3 flags (already checked by their value parsers).
fn s3_options(args: &QueryArgs) -> S3Options {
    S3Options {
        region: args.region.clone(),
        profile: args.profile.clone(),
        endpoint: args.endpoint_url.clone(),
        no_sign_request: args.no_sign_request,
        ..S3Options::default()
    }
}

fn read_sql(args: &QueryArgs) -> Result<String> {
    match (&args.sql, &args.file) {
        (Some(sql), _) => Ok(sql.clone()),
        (None, Some(path)) if path == Path::new("-") => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read the SQL from stdin")?;
            utf8_text(bytes, "the SQL from stdin")
        }
        (None, Some(path)) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read -f {}", path.display()))?;
            utf8_text(bytes, &format!("-f {}", path.display()))
        }
        (None, None) => bail!("give the SQL as an argument or with -f FILE"),
    }
}

/// `bytes` as text, or an error naming the first byte that is not UTF-8 by its line,
/// column and offset (`-f q.sql is not UTF-8: byte 0xff at line 2, column 8 (offset 17)`).
fn utf8_text(bytes: Vec<u8>, what: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        // Characters, not bytes, before the bad byte on its line (that part is valid).
        let column =
            std::str::from_utf8(&before[line_start..]).map_or(0, |s| s.chars().count()) + 1;
        anyhow::anyhow!(
            "{what} is not UTF-8: byte 0x{:02x} at line {line}, column {column} (offset {at})",
            bytes[at]
        )
    })
}
