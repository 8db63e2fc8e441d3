//! Progress of a running query on stderr: prefixes listed, objects read of the objects
//! to read, bytes read of their total size, rows, elapsed time and an estimate of the
//! time left.
//!
//! The counters are the core's [`Progress`] (every store of the session counts its
//! listings and reads into it); a thread samples them ten times a second. On a terminal
//! the line is an indicatif bar redrawn in place; with `--progress on` to a pipe only the
//! final line is printed; with `auto` to a pipe, `off` or `-q`, nothing.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use flowlog_core::storage::{Progress, ProgressSnapshot};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::sink::{bytes, thousands};

/// `--progress`: when to show progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ProgressMode {
    /// When stderr is a terminal (and not with -q).
    #[default]
    Auto,
    /// Always; to a pipe or file only the final line.
    On,
    /// Never.
    Off,
}

/// How often the counters are sampled.
const TICK: Duration = Duration::from_millis(100);

/// The bar's length: the fraction done, in thousandths.
const STEPS: u64 = 1000;

/// The progress display of one query; [`QueryProgress::finish`] prints the final line.
pub(crate) struct QueryProgress {
    shared: Option<Arc<Shared>>,
    ticker: Option<JoinHandle<()>>,
}

/// What the sampling thread and the query share.
struct Shared {
    progress: Arc<Progress>,
    before: ProgressSnapshot,
    rows: AtomicU64,
    done: AtomicBool,
    started: Instant,
    /// The bar on a terminal; `None` when only the final line is printed.
    bar: Option<ProgressBar>,
}

impl QueryProgress {
    /// Starts showing the progress counted into `progress` after `before`, if `mode`
    /// and stderr call for it.
    pub(crate) fn start(
        mode: ProgressMode,
        progress: Arc<Progress>,
        before: ProgressSnapshot,
    ) -> Self {
        let quiet = !log::log_enabled!(target: "flowlog", log::Level::Warn);
        let terminal = std::io::stderr().is_terminal();
        let show = match mode {
            ProgressMode::Off => false,
            ProgressMode::On => !quiet,
            ProgressMode::Auto => !quiet && terminal,
        };
        if !show {
            return Self {
                shared: None,
                ticker: None,
            };
        }
        let bar = terminal.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} [{bar:20}] {msg} · {elapsed} · ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        let shared = Arc::new(Shared {
            progress,
            before,
            rows: AtomicU64::new(0),
            done: AtomicBool::new(false),
            started: Instant::now(),
            bar,
        });
        let ticker = shared.bar.is_some().then(|| {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                while !shared.done.load(Ordering::Relaxed) {
                    shared.draw();
                    std::thread::sleep(TICK);
                }
            })
        });
        Self {
            shared: Some(shared),
            ticker,
        }
    }

    /// Counts rows of the result.
    pub(crate) fn add_rows(&self, rows: u64) {
        if let Some(shared) = &self.shared {
            shared.rows.fetch_add(rows, Ordering::Relaxed);
        }
    }

    /// The query ended: stop sampling and leave the final line.
    pub(crate) fn finish(mut self) {
        self.stop(true);
    }

    fn stop(&mut self, completed: bool) {
        let Some(shared) = self.shared.take() else {
            return;
        };
        shared.done.store(true, Ordering::Relaxed);
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
        match &shared.bar {
            Some(bar) if completed => {
                shared.draw();
                bar.finish();
            }
            Some(bar) => bar.finish_and_clear(),
            None if completed => eprintln!("flowlog: {}", shared.final_line()),
            None => {}
        }
    }
}

impl Drop for QueryProgress {
    /// A query that failed or was interrupted clears its bar.
    fn drop(&mut self) {
        self.stop(false);
    }
}

impl Shared {
    /// Redraws the bar from the counters now.
    fn draw(&self) {
        if let Some(bar) = &self.bar {
            let now = self.progress.snapshot().since(&self.before);
            // The text first: a frame drawn between the two calls shows the bar with it.
            bar.set_message(line(&now, self.rows.load(Ordering::Relaxed)));
            if let Some(done) = fraction_done(&now) {
                bar.set_length(STEPS);
                bar.set_position((done * STEPS as f64) as u64);
            }
            bar.tick();
        }
    }

    /// The line of [`line`] for the counters now, with the elapsed time.
    fn final_line(&self) -> String {
        let p = self.progress.snapshot().since(&self.before);
        let rows = self.rows.load(Ordering::Relaxed);
        format!(
            "{} · {:.1} s",
            line(&p, rows),
            self.started.elapsed().as_secs_f64()
        )
    }
}

/// `listed 3 prefixes (12 objects) · 4 of 13 objects, 64.5 KiB of 208.0 KiB read ·
/// 1,234 rows`. The totals are the ones the summary line reports (the objects the scans
/// planned to read and their size); the objects read are those the scans opened, and the
/// bytes read their size.
fn line(p: &ProgressSnapshot, rows: u64) -> String {
    format!(
        "listed {} prefix{} ({} objects) · {} of {} object{}, {} of {} read · {} row{}",
        thousands(p.list_requests),
        if p.list_requests == 1 { "" } else { "es" },
        thousands(p.objects_listed),
        thousands(p.objects_read.min(p.objects_scanned)),
        thousands(p.objects_scanned),
        if p.objects_scanned == 1 { "" } else { "s" },
        bytes(p.object_bytes_read.min(p.bytes_scanned)),
        bytes(p.bytes_scanned),
        thousands(rows),
        if rows == 1 { "" } else { "s" },
    )
}

/// How much of the scan is done, 0 to 1, for the bar and its ETA: the size of the
/// objects read of the total. `None` before the scan is planned.
fn fraction_done(p: &ProgressSnapshot) -> Option<f64> {
    if p.objects_scanned == 0 {
        return None;
    }
    if p.bytes_scanned == 0 {
        return Some(p.objects_read.min(p.objects_scanned) as f64 / p.objects_scanned as f64);
    }
    Some((p.object_bytes_read as f64 / p.bytes_scanned as f64).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_read_of_the_totals() {
        let p = ProgressSnapshot {
            list_requests: 3,
            objects_listed: 12,
            objects_read: 4,
            objects_scanned: 13,
            object_bytes_read: 52 * 1024,
            bytes_scanned: 208 * 1024,
            ..ProgressSnapshot::default()
        };
        assert_eq!(
            line(&p, 1234),
            "listed 3 prefixes (12 objects) · 4 of 13 objects, 52.0 KiB of 208.0 KiB read · 1,234 rows"
        );
        let done = fraction_done(&p).unwrap();
        assert!((done - 0.25).abs() < 1e-9, "{done}");
        assert_eq!(fraction_done(&ProgressSnapshot::default()), None);
    }
}
