//! `flowlog query`: register tables (DDL or discovery), run SQL, write the result.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;
use flowlog_core::memory::{MemoryOptions, default_limit};
use flowlog_core::storage::ProgressSnapshot;
use flowlog_core::table::{SkippedObject, SkippedObjects, TableOptions};
use flowlog_core::time::TrinoZone;
use flowlog_core::{FlowLogSession, SessionOptions};
use futures::StreamExt;

use flowlog_core::diagnose::{Finding, check_mirror};

use crate::args::Format;
use crate::args::{QueryArgs, SqlArgs};
use crate::args_session::SessionArgs;
use crate::explain::{self, Empty};
use crate::output::WriterOptions;
use crate::output_format;
use crate::signals::Signals;
use crate::sink::{summary, thousands};
use crate::writer_thread::WriterThread;

pub(crate) async fn run(args: QueryArgs) -> Result<()> {
    if args.named.list_named {
        return super::named::list();
    }
    // No SQL and a person at the keyboard: the interactive shell.
    if args.sql.sql.is_none()
        && args.sql.file.is_none()
        && args.named.named.is_none()
        && std::io::stdin().is_terminal()
    {
        return crate::shell::run(crate::args::ShellArgs {
            stray_sql: None,
            session: args.session,
            output: args.output,
            #[cfg(feature = "cluster")]
            cluster: args.cluster,
        })
        .await;
    }
    if let Some(flag) = args.named.stray_flag() {
        bail!(
            "{flag} applies to a built-in question: add --named NAME (flowlog query --list-named), or put the condition in the SQL"
        );
    }
    let started = std::time::Instant::now();
    let question = args
        .named
        .named
        .as_deref()
        .map(super::named::question)
        .transpose()?;
    let sql = match question {
        Some(_) => String::new(),
        None => read_sql(&args.sql)?,
    };
    let output = &args.output;
    let format = output_format::resolve(output.format, output.output.as_deref(), output.excel)?;
    let opened = Opened::open(
        &args.session,
        args.sql.file.as_deref(),
        output.output.as_deref(),
    )
    .await?;
    #[cfg(feature = "cluster")]
    let opened = opened.with_cluster(args.cluster.clone());
    // A built-in question: its SQL, written for the table the session registered.
    let sql = match question {
        Some(q) => {
            let session = &args.session;
            let zone =
                super::named::zone(session.time_zone, flowlog_core::questions::Lang::from_env());
            let params =
                super::named::params(&opened.session, &session.table, &args.named.period, zone)
                    .await?;
            let sql = q.sql(&params);
            log::info!("--named {}:\n{sql}", q.name);
            sql
        }
        None => sql,
    };
    let target = Target {
        format,
        output: output.output.clone(),
        max_rows: output.max_rows,
        max_width: output.max_width,
        excel: output.excel,
        excel_rows_per_part: output.excel_rows_per_part,
        progress: args.session.engine.progress,
    };
    opened
        .execute(&sql, &target, started)
        .await?
        .ok_or_else(|| anyhow!("the SQL has no query to run (only DDL statements)"))?;
    opened.skipped_result()
}

/// Where and how one statement's result is written.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// The format, already resolved against the output's extension.
    pub(crate) format: Format,
    /// The file, or stdout.
    pub(crate) output: Option<PathBuf>,
    /// `--max-rows`.
    pub(crate) max_rows: usize,
    /// `--max-width` (default: the terminal's width when printing to one).
    pub(crate) max_width: Option<usize>,
    /// `--excel`.
    pub(crate) excel: bool,
    /// Rows per Excel part.
    pub(crate) excel_rows_per_part: u64,
    /// `--progress`.
    pub(crate) progress: crate::progress::ProgressMode,
}

/// A session set up from the query flags: tables registered, mirrors checked.
pub(crate) struct Opened {
    /// The session.
    pub(crate) session: FlowLogSession,
    /// The objects `--skip-bad-objects` left out.
    skipped: Option<Arc<SkippedObjects>>,
    /// What NOW means.
    now: chrono::DateTime<Utc>,
    /// Directories that hold logs (never written into).
    log_dirs: Vec<PathBuf>,
    /// Files read as input (never overwritten).
    inputs: Vec<PathBuf>,
    /// The counters when the last statement ended: each statement reports its own.
    baseline: std::sync::Mutex<ProgressSnapshot>,
    /// `--cluster`: queries run there.
    #[cfg(feature = "cluster")]
    cluster: Option<flowlog_core::cluster::ClusterUrl>,
}

impl Opened {
    /// Checks the flags, creates the session and registers the `--ddl` and `--logs`
    /// tables. `sql_file` (`-f`) is an input never to be overwritten; `output` (`-o`)
    /// is checked against it and the log trees before anything is read.
    pub(crate) async fn open(
        args: &SessionArgs,
        sql_file: Option<&Path>,
        output: Option<&Path>,
    ) -> Result<Self> {
        let mirrors = args.mirror.clone();
        let now = args.now.unwrap_or_else(Utc::now);
        let time_zone = args.time_zone.unwrap_or(TrinoZone::Utc);
        let engine = &args.engine;
        if let Some(dir) = &engine.temp_dir
            && !dir.is_dir()
        {
            bail!("--temp-dir {}: not a directory", dir.display());
        }
        let memory = MemoryOptions {
            limit: engine.memory_limit.or_else(default_limit),
            temp_dir: engine.temp_dir.clone(),
        };

        // Never write inside a log tree.
        let log_dirs = args.log_dirs();
        let inputs: Vec<PathBuf> = args
            .ddl
            .iter()
            .cloned()
            .chain(sql_file.map(Path::to_path_buf))
            .collect();
        if let Some(out) = output {
            crate::output_path::check_output(out, &log_dirs, &inputs)?;
        }

        warn_about_mirrors(&mirrors);
        let skipped = engine
            .skip_bad_objects
            .then(|| Arc::new(SkippedObjects::default()));
        let session = FlowLogSession::new(SessionOptions {
            now,
            // A pinned NOW also pins current_date / current_timestamp, for reproducible results.
            current_time: args.now.is_some().then_some(now),
            mirrors,
            time_zone,
            s3: args.s3.options(),
            memory,
            threads: engine.threads.map(usize::from),
            table: TableOptions {
                allow_multiple_roots: args.allow_multiple_roots,
                accept_text: args.accept_text,
                log_format: args.log_format.clone(),
                skip_bad_objects: skipped.clone(),
                ..TableOptions::default()
            },
            ..SessionOptions::default()
        });
        for path in &args.ddl {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read --ddl {}", path.display()))?;
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
        Ok(Self {
            session,
            skipped,
            now,
            log_dirs,
            inputs,
            baseline: std::sync::Mutex::default(),
            #[cfg(feature = "cluster")]
            cluster: None,
        })
    }

    /// Runs the queries on the Ballista cluster at `url` (`--cluster`), when given.
    #[cfg(feature = "cluster")]
    pub(crate) fn with_cluster(mut self, url: Option<flowlog_core::cluster::ClusterUrl>) -> Self {
        self.cluster = url;
        self
    }

    /// Refuses an output file inside a log tree or over an input file.
    pub(crate) fn check_output(&self, out: &Path) -> Result<()> {
        crate::output_path::check_output(out, &self.log_dirs, &self.inputs)
    }

    /// Runs `sql` (statements separated by `;`) and writes the last query's result to
    /// `target`; returns the rows written, `None` when the SQL held no query. A signal stops it with [`Interrupted`]
    /// (crate::signals::Interrupted).
    pub(crate) async fn execute(
        &self,
        sql: &str,
        target: &Target,
        started: std::time::Instant,
    ) -> Result<Option<u64>> {
        let session = &self.session;
        let before = *self.baseline.lock().expect("not poisoned");
        let Some(df) = session.run_script(sql).await? else {
            *self.baseline.lock().expect("not poisoned") = session.progress().snapshot();
            return Ok(None);
        };
        let schema = df.schema().as_arrow().clone();
        let plan = df.logical_plan().clone();
        let mut stream = self.stream(df).await?;

        let mut signals = Signals::listen().context("cannot listen for signals")?;
        let options = WriterOptions {
            max_rows: target.max_rows,
            max_width: target.max_width.unwrap_or_else(|| match &target.output {
                None => crate::table_view::terminal_width(),
                Some(_) => 0,
            }),
            excel: target.excel,
        };
        let mut sink = WriterThread::open(
            target.format,
            target.output.as_deref(),
            Arc::new(schema),
            options,
            target.excel_rows_per_part,
        )
        .await?;
        let bar =
            crate::progress::QueryProgress::start(target.progress, session.progress(), before);
        let mut rows: u64 = 0;
        loop {
            tokio::select! {
                batch = stream.next() => match batch {
                    Some(batch) => {
                        let batch = batch.map_err(|e| self.batch_error(e))?;
                        rows += batch.num_rows() as u64;
                        bar.add_rows(batch.num_rows() as u64);
                        sink.write(batch).await?;
                    }
                    None => break,
                },
                signal = signals.recv() => return Err(signal.into()),
            }
        }
        bar.finish();
        let written = sink.finish().await?;
        if target.format == Format::Csv && rows > target.excel_rows_per_part && written.len() <= 1 {
            log::warn!(
                "the CSV has {} rows under its header; Excel opens at most {} rows, the header included, so it would open it cut short; write it with -o result.csv --excel to split it into parts",
                thousands(rows),
                thousands(target.excel_rows_per_part + 1)
            );
        }
        let now_counted = session.progress().snapshot();
        *self.baseline.lock().expect("not poisoned") = now_counted;
        let progress = now_counted.since(&before);
        log::info!("{progress}");
        // After a query written to a file: one line on what was written, for a person
        // watching (a terminal) or asking (-v); never with -q.
        let watching = std::io::stderr().is_terminal()
            || log::log_enabled!(target: "flowlog", log::Level::Info);
        if !written.is_empty() && watching && log::log_enabled!(target: "flowlog", log::Level::Warn)
        {
            eprintln!(
                "flowlog: {}",
                summary(rows, &written, started.elapsed(), &progress)
            );
        }
        let empty = match (progress.scans, progress.objects_scanned, rows) {
            (0, _, 0) if session.has_flow_log_table(&plan) => Some(Empty::Optimized),
            (_, 0, _) => Some(Empty::NoObjects),
            (_, _, 0) => Some(Empty::NoRows),
            _ => None,
        };
        if let Some(empty) = empty
            && log::log_enabled!(target: "flowlog", log::Level::Warn)
        {
            let findings = session.explain_empty(&plan).await;
            for line in explain::lines(empty, &findings, self.now) {
                eprintln!("flowlog: {line}");
            }
        }
        Ok(Some(rows))
    }

    /// The answer of `df`: computed here, or on the `--cluster`.
    async fn stream(
        &self,
        df: datafusion::dataframe::DataFrame,
    ) -> Result<datafusion::physical_plan::SendableRecordBatchStream> {
        #[cfg(feature = "cluster")]
        if let Some(url) = &self.cluster {
            return crate::commands::cluster::execute(&self.session, df, url).await;
        }
        Ok(df
            .execute_stream()
            .await
            .map_err(|e| self.session.explain_error(e))?)
    }

    /// The error of a query that failed while its answer streamed.
    fn batch_error(&self, e: datafusion::error::DataFusionError) -> anyhow::Error {
        #[cfg(feature = "cluster")]
        if self.cluster.is_some() {
            return crate::commands::cluster::error(&self.session, e);
        }
        self.session.explain_error(e).into()
    }

    /// Exit status 3 (with the list on stderr) when `--skip-bad-objects` left objects out.
    pub(crate) fn skipped_result(&self) -> Result<()> {
        match self
            .skipped
            .as_ref()
            .map(|s| s.list())
            .filter(|list| !list.is_empty())
        {
            Some(list) => Err(SkippedSome::report(&list).into()),
            None => Ok(()),
        }
    }
}

/// Warns about each `--mirror` whose directory is inside an AWSLogs tree while its URL
/// is not (one level too deep): nothing would be found under it.
fn warn_about_mirrors(mirrors: &[flowlog_core::storage::Mirror]) {
    for mirror in mirrors {
        if let Some(Finding::MirrorTooDeep {
            url,
            dir,
            suggestion,
        }) = check_mirror(mirror)
            && log::log_enabled!(target: "flowlog", log::Level::Warn)
        {
            eprintln!(
                "flowlog: {}",
                explain::mirror_line(&url, &dir.display().to_string(), &suggestion)
            );
        }
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
fn read_sql(args: &SqlArgs) -> Result<String> {
    match (&args.sql, &args.file) {
        (Some(sql), _) => Ok(sql.clone()),
        (None, Some(path)) if path == Path::new("-") => read_stdin(),
        (None, Some(path)) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read -f {}", path.display()))?;
            utf8_text(bytes, &format!("-f {}", path.display()))
        }
        // SQL piped in (`flowlog query … < query.sql`, `echo 'select 1' | flowlog query`).
        (None, None) if !std::io::stdin().is_terminal() => read_stdin(),
        (None, None) => bail!(
            "give the SQL as an argument, with -f FILE, or on stdin (flowlog query … < query.sql)"
        ),
    }
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read the SQL from stdin")?;
    let s = utf8_text(bytes, "the SQL from stdin")?;
    if s.trim().is_empty() {
        bail!("no SQL on stdin; give the SQL as an argument or with -f FILE");
    }
    Ok(s)
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
