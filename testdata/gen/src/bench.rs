//! The scalable benchmark data set: one bucket of Parquet log files in AWS's default daily layout,
//! with the sample's schema, types and codec, as large as asked for.
//!
//! ```text
//! <DIR>/flowlog-bench/AWSLogs/<acct>/vpcflowlogs/<region>/yyyy/MM/dd/<file>.log.parquet
//! ```
//! Eight accounts (`111111111111` … `888888888888`) over seven UTC days (2026-11-14 … 2026-11-20).
//! Accounts 333333333333 and 666666666666 deliver from `us-east-1`, the others from
//! `ap-northeast-1`. File number `f` belongs to account `f % 8` on day `(f / 8) % 7`, so any file
//! count spreads over every account and day; the `k`-th file of an account/day gets the `k`-th of
//! evenly spaced 5-minute windows of that day, so the files of a day span its hours. Every file holds
//! exactly `rows_per_file` records whose `end` lies in its window (v5 columns, AWS table order,
//! GZIP column chunks, one row group: the sample's `flowlog-sample-daily` format).
//!
//! Like the sample, every random choice is seeded by a label (here the file's key), so the bytes
//! depend only on the options. Unlike the sample, `start` values may repeat and there is no
//! `records.csv`: the benchmark compares engines with each other, not with a ground truth.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::fields::ColumnSet;
use crate::fleet::{Eni, Fleet, Role, fleet_like};
use crate::layout::{Bucket, Layout, file_name};
use crate::parquet_file::encode;
use crate::plan::WINDOW_SECONDS;
use crate::prng::{SplitMix64, fnv1a32};
use crate::progress::{Mode, Totals, WriteProgress};
use crate::record::FlowRecord;
use crate::traffic::traffic_record;

/// The bucket directory created under the output directory.
pub const BUCKET_NAME: &str = "flowlog-bench";

/// The accounts, in file-assignment order; account `i` copies the sample's VPC shape `i % 3`.
pub const ACCOUNTS: [&str; 8] = [
    "111111111111",
    "222222222222",
    "333333333333",
    "444444444444",
    "555555555555",
    "666666666666",
    "777777777777",
    "888888888888",
];

/// The first UTC day of the data set.
pub const FIRST_DAY: &str = "2026-11-14";
/// How many consecutive UTC days the data set covers.
pub const DAYS: usize = 7;

/// The default number of files.
pub const DEFAULT_FILES: usize = 224;
/// The default number of records per file.
pub const DEFAULT_ROWS_PER_FILE: usize = 50_000;

const BUCKET: Bucket = Bucket {
    name: BUCKET_NAME,
    prefix: "",
    layout: Layout::Daily,
    columns: ColumnSet::V5TableOrder,
};

/// What `gen-testdata --bench` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchOptions {
    /// The output directory (`<dir>/flowlog-bench/AWSLogs/…`).
    pub dir: PathBuf,
    /// How many Parquet files.
    pub files: usize,
    /// How many records in each file.
    pub rows_per_file: usize,
    /// How many of [`ACCOUNTS`] deliver logs (the first ones; 1 to 8).
    pub accounts: usize,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchSummary {
    /// Files written.
    pub files: usize,
    /// Records written.
    pub rows: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// One file of the plan: its key, window and fleet index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Planned {
    key: String,
    window: i64,
    account: usize,
}

fn plan(files: usize, accounts: usize) -> Result<Vec<Planned>> {
    if !(1..=ACCOUNTS.len()).contains(&accounts) {
        bail!("--accounts must be 1 to {}", ACCOUNTS.len());
    }
    let first = NaiveDate::parse_from_str(FIRST_DAY, "%Y-%m-%d")
        .with_context(|| format!("bad FIRST_DAY {FIRST_DAY}"))?;
    let units = accounts * DAYS;
    let per_unit = files.div_ceil(units).max(1) as i64;
    let windows_per_day = 86_400 / WINDOW_SECONDS;
    let mut out = Vec::with_capacity(files);
    for f in 0..files {
        let account = f % accounts;
        let day = (f / accounts) % DAYS;
        let k = (f / units) as i64;
        let Some(midnight) = first
            .checked_add_days(chrono::Days::new(day as u64))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
        else {
            bail!("day {day} after {FIRST_DAY} is out of range");
        };
        let window: DateTime<Utc> =
            midnight.and_utc() + Duration::seconds(k * windows_per_day / per_unit * WINDOW_SECONDS);
        let fleet = fleet_like(ACCOUNTS[account], account)?;
        let directory = BUCKET.directory(fleet.account, fleet.region, window);
        let flow_log_id = format!(
            "fl-{}",
            SplitMix64::from_label(&format!("flow-log/{BUCKET_NAME}/{}", fleet.account)).hex(17)
        );
        let label = format!("{BUCKET_NAME}/{directory}#{k}");
        let name = file_name(
            fleet.account,
            fleet.region,
            &flow_log_id,
            window,
            fnv1a32(label.as_bytes()),
        );
        out.push(Planned {
            key: format!("{directory}{name}"),
            window: window.timestamp(),
            account,
        });
    }
    Ok(out)
}

/// The records of one file: mostly traffic, about 1% `NODATA`, 0.5% `SKIPDATA` and 2% from the
/// load balancer (`account-id` `unknown`).
fn records(fleet: &Fleet, key: &str, window: i64, rows: usize) -> Result<Vec<FlowRecord>> {
    let mut rng = SplitMix64::from_label(key);
    let weighted: Vec<&Eni> = fleet
        .enis
        .iter()
        .flat_map(|e| {
            let weight = match e.role {
                Role::Web => 3,
                Role::Database | Role::Batch | Role::NatGateway => 2,
                Role::LoadBalancer => 0,
            };
            std::iter::repeat_n(e, weight)
        })
        .collect();
    if weighted.is_empty() {
        bail!("fleet {}/{} has no interfaces", fleet.account, fleet.region);
    }
    let version = BUCKET.columns.version();
    let mut out = Vec::with_capacity(rows);
    for _ in 0..rows {
        let end = window + rng.range(0, WINDOW_SECONDS - 1);
        let start = end
            - if rng.chance(65) {
                rng.range(50, 70)
            } else {
                rng.range(1, 600)
            };
        let eni = weighted[rng.below(weighted.len() as u64) as usize];
        let roll = rng.below(1000);
        let record = match roll {
            0..=14 => FlowRecord::without_traffic(
                version,
                &eni.account_id,
                &eni.interface_id,
                start,
                end,
                if roll < 10 { "NODATA" } else { "SKIPDATA" },
            ),
            15..=34 => {
                let lb = fleet.first(Role::LoadBalancer).unwrap_or(eni);
                traffic_record(&mut rng, fleet, lb, version, start, end)
            }
            _ => traffic_record(&mut rng, fleet, eni, version, start, end),
        };
        out.push(record);
    }
    Ok(out)
}

/// Refuses an output directory inside the bundled sample's `testdata/`.
fn refuse_testdata(dir: &Path) -> Result<()> {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let target = std::path::absolute(dir).with_context(|| format!("{}", dir.display()))?;
    let mut candidates = vec![testdata.clone()];
    if let Ok(canonical) = testdata.canonicalize() {
        candidates.push(canonical);
    }
    let mut existing = target.as_path();
    let mut resolved = target.clone();
    while let Some(parent) = existing.parent() {
        if let Ok(c) = existing.canonicalize() {
            resolved = c.join(target.strip_prefix(existing).unwrap_or(Path::new("")));
            break;
        }
        existing = parent;
    }
    if candidates
        .iter()
        .any(|t| target.starts_with(t) || resolved.starts_with(t))
    {
        bail!(
            "--bench {} is inside the bundled sample {}; choose a directory outside it, e.g. target/bench-data",
            dir.display(),
            testdata.display()
        );
    }
    Ok(())
}

/// Writes the data set, replacing any previous `<dir>/flowlog-bench`, on all available cores,
/// showing progress on stderr as `progress` says.
pub fn write(options: &BenchOptions, progress: Mode) -> Result<BenchSummary> {
    if options.files == 0 || options.rows_per_file == 0 {
        bail!("--files and --rows-per-file must be at least 1");
    }
    refuse_testdata(&options.dir)?;
    let planned = plan(options.files, options.accounts)?;
    let root = options.dir.join(BUCKET_NAME);
    if root.exists() {
        fs::remove_dir_all(&root).with_context(|| format!("removing {}", root.display()))?;
    }
    let fleets = ACCOUNTS
        .iter()
        .enumerate()
        .map(|(i, a)| fleet_like(a, i))
        .collect::<Result<Vec<_>>>()?;
    let next = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let shown = WriteProgress::start(
        progress,
        Totals {
            files: planned.len() as u64,
            records: (planned.len() * options.rows_per_file) as u64,
        },
    );
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(p) = planned.get(i) else { break };
                    let result = write_one(&root, &fleets[p.account], p, options.rows_per_file);
                    match result {
                        Ok(n) => {
                            bytes.fetch_add(n, Ordering::Relaxed);
                            shown.file_written(options.rows_per_file as u64, n as u64);
                        }
                        Err(e) => {
                            if let Ok(mut slot) = failure.lock() {
                                slot.get_or_insert(e);
                            }
                            next.store(planned.len(), Ordering::Relaxed);
                            break;
                        }
                    }
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().ok().flatten() {
        shown.finish(false);
        return Err(e);
    }
    shown.finish(true);
    Ok(BenchSummary {
        files: planned.len(),
        rows: planned.len() * options.rows_per_file,
        bytes: bytes.into_inner() as u64,
    })
}

fn write_one(root: &Path, fleet: &Fleet, p: &Planned, rows: usize) -> Result<usize> {
    let records = records(fleet, &p.key, p.window, rows)?;
    let bytes = encode(BUCKET.columns, &records).with_context(|| format!("encoding {}", p.key))?;
    let path = p.key.split('/').fold(root.to_path_buf(), |d, c| d.join(c));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn plan_spreads_files_over_accounts_days_and_hours() {
        let p = plan(DEFAULT_FILES, ACCOUNTS.len()).expect("plan");
        assert_eq!(p.len(), DEFAULT_FILES);
        let keys: HashSet<&str> = p.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys.len(), p.len(), "keys are unique");
        for account in ACCOUNTS {
            for day in 14..=20 {
                let n = p
                    .iter()
                    .filter(|f| {
                        f.key.starts_with(&format!("AWSLogs/{account}/"))
                            && f.key.contains(&format!("/2026/11/{day}/"))
                    })
                    .count();
                assert_eq!(n, 4, "{account} 2026/11/{day}");
            }
        }
        // 4 files per account/day: windows at 00:00, 06:00, 12:00, 18:00 UTC.
        let hours: HashSet<String> = p
            .iter()
            .map(|f| {
                DateTime::from_timestamp(f.window, 0)
                    .expect("window")
                    .format("%H:%M")
                    .to_string()
            })
            .collect();
        let want: HashSet<String> = ["00:00", "06:00", "12:00", "18:00"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(hours, want);
        assert!(
            p.iter()
                .filter(|f| f.key.contains("/333333333333/"))
                .all(|f| f.key.contains("/vpcflowlogs/us-east-1/"))
        );
        assert!(
            p.iter()
                .filter(|f| f.key.contains("/111111111111/"))
                .all(|f| f.key.contains("/vpcflowlogs/ap-northeast-1/"))
        );
    }

    #[test]
    fn fewer_accounts_take_every_file() {
        let p = plan(3 * DAYS * 48, 3).expect("plan");
        assert!(
            p.iter()
                .all(|f| ACCOUNTS[..3].iter().any(|a| f.key.contains(a)))
        );
        let first_day = p
            .iter()
            .filter(|f| f.key.contains("/111111111111/") && f.key.contains("/2026/11/14/"))
            .count();
        assert_eq!(first_day, 48);
        assert!(plan(10, 0).is_err());
        assert!(plan(10, 9).is_err());
    }

    #[test]
    fn records_fill_the_window_and_are_repeatable() {
        let p = plan(3, ACCOUNTS.len()).expect("plan");
        let fleet = fleet_like(ACCOUNTS[p[1].account], p[1].account).expect("fleet");
        let a = records(&fleet, &p[1].key, p[1].window, 2_000).expect("records");
        assert_eq!(a.len(), 2_000);
        assert!(
            a.iter()
                .all(|r| p[1].window <= r.end && r.end < p[1].window + WINDOW_SECONDS)
        );
        assert!(a.iter().any(|r| r.log_status == "NODATA"));
        assert!(a.iter().any(|r| r.account_id == "unknown"));
        assert!(a.iter().any(|r| r.action == "REJECT"));
        assert!(
            a.iter()
                .all(|r| r.account_id == "222222222222" || r.account_id == "unknown")
        );
        assert_eq!(
            a,
            records(&fleet, &p[1].key, p[1].window, 2_000).expect("again")
        );
    }

    #[test]
    fn writes_the_tree_and_refuses_testdata() {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = BenchOptions {
            dir: dir.path().to_path_buf(),
            files: 9,
            rows_per_file: 10,
            accounts: ACCOUNTS.len(),
        };
        let summary = write(&options, Mode::Off).expect("write");
        assert_eq!(summary.files, 9);
        assert_eq!(summary.rows, 90);
        let first = plan(9, ACCOUNTS.len()).expect("plan").remove(0);
        let path = dir.path().join(BUCKET_NAME).join(&first.key);
        let bytes = fs::read(&path).expect("first file");
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(write(&options, Mode::Off).expect("rewrite"), summary);

        let inside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench-out");
        let err = write(
            &BenchOptions {
                dir: inside.clone(),
                ..options
            },
            Mode::Off,
        )
        .expect_err("inside testdata");
        assert!(
            err.to_string().contains("inside the bundled sample"),
            "{err}"
        );
        assert!(!inside.exists());
    }
}
