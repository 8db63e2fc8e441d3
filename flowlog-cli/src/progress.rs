//! Progress of a running query on stderr: prefixes listed, objects and bytes to read,
//! bytes read, rows, elapsed time and an estimate of the time left.
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
                ProgressStyle::with_template("{spinner} {msg} · {elapsed} · ETA {eta}")
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
            None if completed => eprintln!("flowlog: {}", shared.line(true)),
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
            if now.bytes_scanned > 0 {
                bar.set_length(now.bytes_scanned);
                bar.set_position(now.bytes_read.min(now.bytes_scanned));
            }
            bar.set_message(self.line(false));
            bar.tick();
        }
    }

    /// `listed 3 prefixes (12 objects) · 16 objects, 208.0 KiB to read · 120.5 KiB read ·
    /// 1,234 rows`, and with `timed` the elapsed time.
    fn line(&self, timed: bool) -> String {
        let p = self.progress.snapshot().since(&self.before);
        let rows = self.rows.load(Ordering::Relaxed);
        let mut line = format!(
            "listed {} prefix{} ({} objects) · {} object{}, {} to read · {} read · {} row{}",
            thousands(p.list_requests),
            if p.list_requests == 1 { "" } else { "es" },
            thousands(p.objects_listed),
            thousands(p.objects_scanned),
            if p.objects_scanned == 1 { "" } else { "s" },
            bytes(p.bytes_scanned),
            bytes(p.bytes_read),
            thousands(rows),
            if rows == 1 { "" } else { "s" },
        );
        if timed {
            line.push_str(&format!(" · {:.1} s", self.started.elapsed().as_secs_f64()));
        }
        line
    }
}
