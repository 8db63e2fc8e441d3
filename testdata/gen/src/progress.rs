//! Progress of writing the benchmark data set on stderr: files and records written of the
//! total, bytes written, elapsed time and an estimate of the time left.
//!
//! `--progress auto` (the default) shows an indicatif bar redrawn in place when stderr is a
//! terminal and nothing otherwise; `on` to a pipe prints only the final line; `off` never
//! prints anything.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// `--progress`: when to show progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// When stderr is a terminal.
    #[default]
    Auto,
    /// Always; to a pipe or file only the final line.
    On,
    /// Never.
    Off,
}

impl Mode {
    /// `auto`, `on` or `off`.
    pub fn parse(value: &str) -> Result<Self> {
        match value {
            "auto" => Ok(Self::Auto),
            "on" => Ok(Self::On),
            "off" => Ok(Self::Off),
            _ => bail!("--progress {value:?}: expected auto, on or off"),
        }
    }
}

/// Removes `--progress MODE` from `args`, returning the mode (`auto` when absent).
pub fn take_flag(args: &[String]) -> Result<(Mode, Vec<String>)> {
    let mut mode = Mode::Auto;
    let mut rest = Vec::with_capacity(args.len());
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--progress" {
            let Some(value) = iter.next() else {
                bail!("--progress needs a value: auto, on or off");
            };
            mode = Mode::parse(value)?;
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((mode, rest))
}

/// The totals a bar counts towards.
#[derive(Debug, Clone, Copy)]
pub struct Totals {
    /// Files to write.
    pub files: u64,
    /// Records to write.
    pub records: u64,
}

/// The display of files and records written; counters are updated from many threads.
pub struct WriteProgress {
    totals: Totals,
    files: AtomicU64,
    records: AtomicU64,
    bytes: AtomicU64,
    started: Instant,
    /// The bar on a terminal; `None` with `on` to a pipe or when nothing is shown.
    bar: Option<ProgressBar>,
    /// Whether anything is shown at all.
    shown: bool,
}

impl WriteProgress {
    /// Starts showing progress towards `totals` as `mode` and stderr call for.
    pub fn start(mode: Mode, totals: Totals) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let shown = match mode {
            Mode::Off => false,
            Mode::On => true,
            Mode::Auto => terminal,
        };
        let bar = (shown && terminal).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(totals.records), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} [{bar:20}] {msg} · {elapsed} · ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        let progress = Self {
            totals,
            files: AtomicU64::new(0),
            records: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            started: Instant::now(),
            bar,
            shown,
        };
        progress.draw();
        progress
    }

    /// One file of `records` records and `bytes` bytes was written.
    pub fn file_written(&self, records: u64, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.records.fetch_add(records, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.draw();
    }

    /// Writing ended: leave the final line (`completed`) or clear the bar.
    pub fn finish(&self, completed: bool) {
        match &self.bar {
            Some(bar) if completed => {
                self.draw();
                bar.finish();
            }
            Some(bar) => bar.finish_and_clear(),
            None if completed && self.shown => {
                eprintln!(
                    "gen-testdata: {} · {:.1} s",
                    self.line(),
                    self.started.elapsed().as_secs_f64()
                );
            }
            None => {}
        }
    }

    fn draw(&self) {
        if let Some(bar) = &self.bar {
            bar.set_position(self.records.load(Ordering::Relaxed));
            bar.set_message(self.line());
        }
    }

    /// `wrote 3 of 9 files, 30 of 90 records, 12.5 KiB`.
    fn line(&self) -> String {
        line(
            self.files.load(Ordering::Relaxed),
            self.records.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
            self.totals,
        )
    }
}

fn line(files: u64, records: u64, bytes: u64, totals: Totals) -> String {
    format!(
        "wrote {files} of {} files, {records} of {} records, {}",
        totals.files,
        totals.records,
        indicatif::HumanBytes(bytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_flag_is_taken_from_anywhere() {
        let (mode, rest) = take_flag(&args(&["--bench", "b", "--progress", "on"])).unwrap();
        assert_eq!(mode, Mode::On);
        assert_eq!(rest, args(&["--bench", "b"]));
        let (mode, rest) = take_flag(&args(&["--out", "t"])).unwrap();
        assert_eq!(mode, Mode::Auto);
        assert_eq!(rest, args(&["--out", "t"]));
        assert!(take_flag(&args(&["--progress"])).is_err());
        assert!(take_flag(&args(&["--progress", "sometimes"])).is_err());
    }

    #[test]
    fn the_line_counts_of_the_totals() {
        let totals = Totals {
            files: 9,
            records: 90,
        };
        assert_eq!(
            line(3, 30, 2048, totals),
            "wrote 3 of 9 files, 30 of 90 records, 2.00 KiB"
        );
    }
}
