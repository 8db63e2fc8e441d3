//! `flowlog sync`: copy the objects a query's scan would read from S3 into a local
//! directory laid out as the buckets, then print the `--mirror` arguments that read it.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::Utc;
use flowlog_core::sync::{SyncProgress, SyncSummary, bucket_dir, download};
use flowlog_core::table::TableOptions;
use flowlog_core::{FlowLogSession, SessionOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args_sync::SyncArgs;
use crate::progress::ProgressMode;
use crate::sink::{bytes, thousands};

pub(crate) async fn run(args: SyncArgs) -> Result<()> {
    let started = Instant::now();
    let session = FlowLogSession::new(SessionOptions {
        now: args.now.unwrap_or_else(Utc::now),
        // No mirror: the point is to read S3.
        mirrors: Vec::new(),
        s3: args.s3.options(),
        table: TableOptions {
            allow_multiple_roots: args.allow_multiple_roots,
            // Text flow logs under the partitions are copied too.
            accept_text: true,
            ..TableOptions::default()
        },
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
        if !logs.starts_with("s3://") {
            anyhow::bail!("--logs {logs}: sync copies from S3; give an s3://BUCKET[/PREFIX] URL");
        }
        session
            .register_logs("vpc_flow_logs", logs)
            .await
            .with_context(|| format!("--logs {logs}"))?;
    }
    let objects = session.sync_objects(args.since, args.until).await?;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let progress = Arc::new(SyncProgress::default());
    let bar = SyncBar::start(args.progress, Arc::clone(&progress));
    let summary = download(objects, &args.dir, usize::from(args.jobs), &progress).await;
    bar.finish(summary.is_ok());
    let summary = summary?;
    report(&args, &summary, started.elapsed());
    Ok(())
}

/// The counts on stderr, and the `--mirror` arguments on stdout (one per bucket).
fn report(args: &SyncArgs, summary: &SyncSummary, elapsed: Duration) {
    if log::log_enabled!(target: "flowlog", log::Level::Warn) {
        eprintln!(
            "flowlog: {} object{} downloaded ({}), {} already present skipped ({}) · {:.1} s",
            thousands(summary.downloaded),
            if summary.downloaded == 1 { "" } else { "s" },
            bytes(summary.bytes_downloaded),
            thousands(summary.skipped),
            bytes(summary.bytes_skipped),
            elapsed.as_secs_f64()
        );
        if summary.buckets.is_empty() {
            eprintln!(
                "flowlog: no objects in the selected partitions (check --now, --since and --until)"
            );
        } else {
            eprintln!("flowlog: query the copy with:");
        }
    }
    for bucket in &summary.buckets {
        let dir = bucket_dir(&args.dir, bucket);
        println!(
            "--mirror {}",
            shell_word(&format!("s3://{bucket}={}", dir.display()))
        );
    }
}

/// `word` as one shell word: as it is when it needs no quoting, else single-quoted.
fn shell_word(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-=:+,@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The progress of a sync: objects and bytes done of the total.
struct SyncBar {
    progress: Arc<SyncProgress>,
    bar: Option<ProgressBar>,
    /// With `--progress on` to a pipe: print the final line only.
    final_line: bool,
    done: Arc<AtomicBool>,
    ticker: Option<std::thread::JoinHandle<()>>,
}

impl SyncBar {
    fn start(mode: ProgressMode, progress: Arc<SyncProgress>) -> Self {
        let quiet = !log::log_enabled!(target: "flowlog", log::Level::Warn);
        let terminal = std::io::stderr().is_terminal();
        let show = match mode {
            ProgressMode::Off => false,
            ProgressMode::On => !quiet,
            ProgressMode::Auto => !quiet && terminal,
        };
        let done = Arc::new(AtomicBool::new(false));
        let bar = (show && terminal).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} · {wide_bar} · {elapsed} · ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        let ticker = bar.clone().map(|bar| {
            let progress = Arc::clone(&progress);
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    draw(&bar, &progress);
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        });
        Self {
            progress,
            bar,
            final_line: show && !terminal,
            done,
            ticker,
        }
    }

    fn finish(mut self, completed: bool) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
        match &self.bar {
            Some(bar) if completed => {
                draw(bar, &self.progress);
                bar.finish();
            }
            Some(bar) => bar.finish_and_clear(),
            None if completed && self.final_line => {
                eprintln!("flowlog: {}", line(&self.progress));
            }
            None => {}
        }
    }
}

fn draw(bar: &ProgressBar, progress: &SyncProgress) {
    bar.set_length(progress.bytes_total.load(Ordering::Relaxed));
    bar.set_position(progress.bytes_done.load(Ordering::Relaxed));
    bar.set_message(line(progress));
    bar.tick();
}

/// `12 / 40 objects · 1.2 MiB / 4.0 MiB`.
fn line(progress: &SyncProgress) -> String {
    format!(
        "{} / {} objects · {} / {}",
        thousands(progress.objects_done.load(Ordering::Relaxed)),
        thousands(progress.objects_total.load(Ordering::Relaxed)),
        bytes(progress.bytes_done.load(Ordering::Relaxed)),
        bytes(progress.bytes_total.load(Ordering::Relaxed)),
    )
}
