//! `flowlog query`: register tables (DDL or discovery), run SQL, write the result.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, NaiveDate, Utc};
use flowlog_core::storage::{Mirror, S3Options};
use flowlog_core::time::TrinoZone;
use flowlog_core::{FlowLogSession, SessionOptions};
use futures::StreamExt;

use crate::args::QueryArgs;
use crate::output::{AtomicFile, ResultWriter};
use crate::signals::Signals;

pub(crate) async fn run(args: QueryArgs) -> Result<()> {
    let mirrors = args
        .mirror
        .iter()
        .map(|m| m.parse::<Mirror>().with_context(|| format!("--mirror {m}")))
        .collect::<Result<Vec<_>>>()?;
    for m in &mirrors {
        if !m.dir().is_dir() {
            bail!(
                "--mirror {}: {} is not a directory",
                m.url(),
                m.dir().display()
            );
        }
    }
    let now = match &args.now {
        Some(s) => parse_now(s)?,
        None => Utc::now(),
    };
    let time_zone = match &args.time_zone {
        Some(zone) => TrinoZone::parse(zone).with_context(|| format!("--time-zone {zone}"))?,
        None => TrinoZone::Utc,
    };
    let sql = read_sql(&args)?;

    // Never write inside a log tree.
    let mut log_dirs: Vec<PathBuf> = mirrors.iter().map(|m| m.dir().to_path_buf()).collect();
    if let Some(logs) = args.logs.as_ref().filter(|l| !l.contains("://")) {
        log_dirs.push(PathBuf::from(logs));
    }
    if let Some(out) = &args.output {
        let inputs: Vec<PathBuf> = args.ddl.iter().chain(&args.file).cloned().collect();
        crate::output_path::check_output(out, &log_dirs, &inputs)?;
    }

    let session = FlowLogSession::new(SessionOptions {
        now,
        // A pinned NOW also pins current_date / current_timestamp, for reproducible results.
        current_time: args.now.is_some().then_some(now),
        mirrors,
        time_zone,
        s3: s3_options(&args)?,
        ..SessionOptions::default()
    });
    for path in &args.ddl {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read --ddl {}", path.display()))?;
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
        .map_err(flowlog_core::Error::from)?;

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
                    let batch = batch.map_err(flowlog_core::Error::from)?;
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
    Ok(())
}

/// The S3 flags, checked once.
fn s3_options(args: &QueryArgs) -> Result<S3Options> {
    if let Some(url) = &args.endpoint_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        bail!(
            "--endpoint-url {url}: write the scheme too, e.g. http://127.0.0.1:9000 or https://s3.example.com"
        );
    }
    if let Some(region) = &args.region
        && (region.is_empty()
            || !region
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    {
        bail!("--region {region:?} is not a region name; write e.g. ap-northeast-1");
    }
    Ok(S3Options {
        region: args.region.clone(),
        profile: args.profile.clone(),
        endpoint: args.endpoint_url.clone(),
        no_sign_request: args.no_sign_request,
        ..S3Options::default()
    })
}

fn read_sql(args: &QueryArgs) -> Result<String> {
    match (&args.sql, &args.file) {
        (Some(sql), _) => Ok(sql.clone()),
        (None, Some(path)) if path == Path::new("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("cannot read the SQL from stdin")?;
            Ok(s)
        }
        (None, Some(path)) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read -f {}", path.display())),
        (None, None) => bail!("give the SQL as an argument or with -f FILE"),
    }
}

/// RFC 3339, or a plain date meaning its midnight UTC.
fn parse_now(s: &str) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Some(t) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        return Ok(t.and_utc());
    }
    bail!("--now {s:?} is not a timestamp; write e.g. 2026-11-20T00:00:00Z or 2026-11-20")
}
