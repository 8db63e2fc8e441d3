//! Generation of every log file of a bucket: its key and its records.
//!
//! Every random choice is seeded by a label built from the bucket and the file's key, so a file's
//! contents depend only on the plan, never on the machine or the clock. Within a bucket every
//! `start` value is distinct, so `ORDER BY start` (and the runbook's `ORDER BY starttime_jst`) has
//! exactly one correct answer.

use std::collections::HashSet;

use anyhow::{Result, bail};

use crate::fleet::{Eni, Fleet, Role, fleet};
use crate::layout::{Bucket, file_name};
use crate::plan::{WINDOW_SECONDS, day_plans, window_start};
use crate::prng::{SplitMix64, fnv1a32};
use crate::record::FlowRecord;
use crate::traffic::traffic_record;

/// One generated log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    /// The bucket it belongs to.
    pub bucket: Bucket,
    /// Its key inside the bucket.
    pub key: String,
    /// The start of its delivery window (epoch seconds, UTC).
    pub window: i64,
    /// Its records, in file order.
    pub records: Vec<FlowRecord>,
}

/// What one row of a file will be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Traffic,
    NoData,
    SkipData,
    LoadBalancer,
}

/// All files of `bucket`, in plan order.
pub fn generate_bucket(bucket: &Bucket) -> Result<Vec<LogFile>> {
    let version = bucket.columns.version();
    let mut used_starts = HashSet::new();
    let mut files = Vec::new();
    for plan in day_plans(bucket) {
        let fleet = fleet(plan.account, plan.region)?;
        let flow_log_id = format!(
            "fl-{}",
            SplitMix64::from_label(&format!(
                "flow-log/{}/{}/{}",
                bucket.name, plan.account, plan.region
            ))
            .hex(17)
        );
        for (i, time) in plan.windows.iter().enumerate() {
            let window = window_start(plan.date, time)?;
            let repeat = plan.windows[..i].iter().filter(|t| *t == time).count();
            let directory = bucket.directory(plan.account, plan.region, window);
            let label = format!("{}/{directory}{time}#{repeat}", bucket.name);
            let name = file_name(
                plan.account,
                plan.region,
                &flow_log_id,
                window,
                fnv1a32(label.as_bytes()),
            );
            let mut rng = SplitMix64::from_label(&label);
            let records = file_records(
                &mut rng,
                &fleet,
                version,
                window.timestamp(),
                files.len(),
                &mut used_starts,
            )?;
            files.push(LogFile {
                bucket: *bucket,
                key: format!("{directory}{name}"),
                window: window.timestamp(),
                records,
            });
        }
    }
    Ok(files)
}

/// The rows of the `ordinal`-th file of a bucket. Some files get one `NODATA`, `SKIPDATA` or
/// load-balancer (`account-id` `unknown`) row at a random position.
fn file_records(
    rng: &mut SplitMix64,
    fleet: &Fleet,
    version: i32,
    window: i64,
    ordinal: usize,
    used_starts: &mut HashSet<i64>,
) -> Result<Vec<FlowRecord>> {
    let count = rng.range(8, 25) as usize;
    let mut slots = vec![Slot::Traffic; count];
    let specials = [
        (ordinal % 3 == 1, Slot::NoData),
        (ordinal % 4 == 2, Slot::SkipData),
        (ordinal % 5 == 3, Slot::LoadBalancer),
    ];
    for (wanted, slot) in specials {
        if wanted {
            let free: Vec<usize> = (0..count)
                .filter(|&i| slots.get(i) == Some(&Slot::Traffic))
                .collect();
            if let Some(&i) = free.get(rng.below(free.len() as u64) as usize)
                && let Some(s) = slots.get_mut(i)
            {
                *s = slot;
            }
        }
    }

    // Busy interfaces appear more often; the load balancer only in its special slot.
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
    let pick_eni = |rng: &mut SplitMix64| -> Result<&Eni> {
        match weighted.get(rng.below(weighted.len() as u64) as usize) {
            Some(e) => Ok(*e),
            None => bail!("fleet {}/{} has no interfaces", fleet.account, fleet.region),
        }
    };

    let mut records = Vec::with_capacity(count);
    for slot in slots {
        let (start, end) = draw_times(rng, window, used_starts)?;
        let record = match slot {
            Slot::Traffic => {
                let eni = pick_eni(rng)?;
                traffic_record(rng, fleet, eni, version, start, end)
            }
            Slot::NoData | Slot::SkipData => {
                let eni = pick_eni(rng)?;
                let status = if slot == Slot::NoData {
                    "NODATA"
                } else {
                    "SKIPDATA"
                };
                FlowRecord::without_traffic(
                    version,
                    &eni.account_id,
                    &eni.interface_id,
                    start,
                    end,
                    status,
                )
            }
            Slot::LoadBalancer => match fleet.first(Role::LoadBalancer) {
                Some(lb) => traffic_record(rng, fleet, lb, version, start, end),
                None => {
                    let eni = pick_eni(rng)?;
                    traffic_record(rng, fleet, eni, version, start, end)
                }
            },
        };
        records.push(record);
    }
    Ok(records)
}

/// A (`start`, `end`) pair with `end` inside the window, a duration of 1–600 s (mostly about one
/// minute, the aggregation interval), and a `start` not used before in the bucket.
fn draw_times(
    rng: &mut SplitMix64,
    window: i64,
    used_starts: &mut HashSet<i64>,
) -> Result<(i64, i64)> {
    for _ in 0..10_000 {
        let end = window + rng.range(0, WINDOW_SECONDS - 1);
        let duration = if rng.chance(65) {
            rng.range(50, 70)
        } else {
            rng.range(1, 600)
        };
        let start = end - duration;
        if used_starts.insert(start) {
            return Ok((start, end));
        }
    }
    bail!("no unused start time left near window {window}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::BUCKETS;

    fn all() -> Vec<LogFile> {
        BUCKETS
            .iter()
            .flat_map(|b| generate_bucket(b).expect("generate"))
            .collect()
    }

    #[test]
    fn ends_lie_in_the_file_window_and_durations_are_bounded() {
        for f in all() {
            assert!((8..=25).contains(&f.records.len()), "{}", f.key);
            for r in &f.records {
                assert!(
                    f.window <= r.end && r.end < f.window + 300,
                    "{} {r:?}",
                    f.key
                );
                assert!((1..=600).contains(&(r.end - r.start)), "{r:?}");
            }
        }
    }

    #[test]
    fn starts_are_distinct_within_each_bucket() {
        for b in &BUCKETS {
            let files = generate_bucket(b).expect("generate");
            let mut seen = HashSet::new();
            for r in files.iter().flat_map(|f| &f.records) {
                assert!(seen.insert(r.start), "{} start {}", b.name, r.start);
            }
        }
    }

    #[test]
    fn keys_are_unique_and_name_their_window() {
        let files = all();
        let mut keys = HashSet::new();
        for f in &files {
            assert!(keys.insert((f.bucket.name, f.key.clone())), "{}", f.key);
            let stamp = chrono::DateTime::from_timestamp(f.window, 0)
                .expect("window")
                .format("_%Y%m%dT%H%MZ_")
                .to_string();
            assert!(f.key.contains(&stamp), "{} {stamp}", f.key);
            assert!(f.key.ends_with(".log.parquet"));
        }
    }

    #[test]
    fn every_bucket_exercises_the_special_rows() {
        for b in &BUCKETS {
            let files = generate_bucket(b).expect("generate");
            let rs: Vec<&FlowRecord> = files.iter().flat_map(|f| &f.records).collect();
            let count = |pred: &dyn Fn(&FlowRecord) -> bool| rs.iter().filter(|r| pred(r)).count();
            assert!(count(&|r| r.log_status == "NODATA") >= 2, "{}", b.name);
            assert!(count(&|r| r.log_status == "SKIPDATA") >= 2, "{}", b.name);
            let unknown = count(&|r| r.account_id == "unknown");
            assert!((2..=4).contains(&unknown), "{} {unknown}", b.name);
            assert!(count(&|r| r.flow_type == "IPv6") >= 1, "{}", b.name);
            assert!(count(&|r| r.protocol == Some(1)) >= 1, "{}", b.name);
            assert!(count(&|r| r.protocol == Some(17)) >= 1, "{}", b.name);
            assert!(count(&|r| r.action == "REJECT") >= 1, "{}", b.name);
            for r in rs.iter().filter(|r| r.log_status != "OK") {
                assert_eq!(r.srcaddr, "-");
                assert_eq!(r.packets, None);
                assert_eq!(r.action, "-");
            }
        }
    }

    #[test]
    fn records_straddle_utc_and_jst_midnight() {
        // 2026-11-19T00:00Z, 2026-11-19T15:00Z (= 2026-11-20 00:00 JST), 2026-11-20T15:00Z.
        let (utc_midnight, jst_midnight_19, jst_midnight_20) =
            (1_795_046_400_i64, 1_795_100_400_i64, 1_795_186_800_i64);
        for b in &BUCKETS {
            let files = generate_bucket(b).expect("generate");
            let acct1: Vec<&FlowRecord> = files
                .iter()
                .filter(|f| f.key.contains("111111111111"))
                .flat_map(|f| &f.records)
                .filter(|r| r.log_status == "OK" && r.account_id == "111111111111")
                .collect();
            let any = |pred: &dyn Fn(i64) -> bool| acct1.iter().any(|r| pred(r.start));
            assert!(
                any(&|s| s < utc_midnight),
                "{}: start on the previous day",
                b.name
            );
            for m in [jst_midnight_19, jst_midnight_20] {
                assert!(
                    any(&|s| (m - 300..m).contains(&s)),
                    "{}: just before {m}",
                    b.name
                );
                assert!(
                    any(&|s| (m..m + 300).contains(&s)),
                    "{}: just after {m}",
                    b.name
                );
            }
        }
    }

    #[test]
    fn versions_follow_the_column_set() {
        for f in all() {
            let want = f.bucket.columns.version();
            assert!(f.records.iter().all(|r| r.version == want));
        }
    }

    #[test]
    fn generation_is_repeatable() {
        assert_eq!(all(), all());
    }
}
