//! Which log files each bucket holds: accounts, regions, days and 5-minute delivery windows.
//!
//! The windows are chosen around the two instants where time zones matter for the runbook query:
//! 15:00 UTC (midnight JST, so `format_datetime(from_unixtime(start, 9, 0), …)` changes date) and
//! 00:00 UTC (the S3 day directory changes, and a record's `start` may fall on the previous day).

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::layout::Bucket;

/// The length of a delivery window: AWS publishes a file per 5 minutes, holding the records whose
/// end time lies in that window ("between 16:20:00 and 16:24:59").
pub const WINDOW_SECONDS: i64 = 300;

/// The files of one account and region on one UTC day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPlan {
    /// The account.
    pub account: &'static str,
    /// The region.
    pub region: &'static str,
    /// The UTC day, `yyyy-MM-dd`.
    pub date: &'static str,
    /// Window starts (`HH:mm`, UTC), one file each; a repeated window yields a second file for the
    /// same 5 minutes (AWS: "Multiple files may be published").
    pub windows: &'static [&'static str],
}

/// Files present in every bucket.
const COMMON: [DayPlan; 4] = [
    DayPlan {
        account: "111111111111",
        region: "ap-northeast-1",
        date: "2026-11-19",
        windows: &["00:00", "14:55", "15:00"],
    },
    DayPlan {
        account: "111111111111",
        region: "ap-northeast-1",
        date: "2026-11-20",
        windows: &["14:55", "15:00", "15:00", "23:55"],
    },
    DayPlan {
        account: "222222222222",
        region: "ap-northeast-1",
        date: "2026-11-19",
        windows: &["00:05", "14:55", "15:00"],
    },
    DayPlan {
        account: "222222222222",
        region: "ap-northeast-1",
        date: "2026-11-20",
        windows: &["00:00", "14:50", "15:05"],
    },
];

/// The extra region, present in the daily bucket only: a DDL whose location is fixed to
/// `ap-northeast-1` must not read it.
const DAILY_OTHER_REGION: DayPlan = DayPlan {
    account: "222222222222",
    region: "us-east-1",
    date: "2026-11-19",
    windows: &["04:55", "05:00", "15:00"],
};

/// The day plans of `bucket`, in generation order.
pub fn day_plans(bucket: &Bucket) -> Vec<DayPlan> {
    let mut plans = COMMON.to_vec();
    if bucket.name == "flowlog-sample-daily" {
        plans.push(DAILY_OTHER_REGION);
    }
    plans
}

/// The start of a window given as `yyyy-MM-dd` and `HH:mm` (UTC).
pub fn window_start(date: &str, time: &str) -> Result<DateTime<Utc>> {
    let text = format!("{date} {time}");
    let naive = NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M")
        .with_context(|| format!("bad window {text:?} in the plan"))?;
    anyhow::ensure!(
        naive.and_utc().timestamp() % WINDOW_SECONDS == 0,
        "window {text:?} is not on a 5-minute boundary"
    );
    Ok(naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::BUCKETS;

    #[test]
    fn window_start_is_utc() {
        // 2026-11-19T00:00:00Z is 20776 days after the epoch = 1795046400 s; 15:00 adds 54000 s
        // (cross-checked with Python's datetime).
        assert_eq!(
            window_start("2026-11-19", "15:00")
                .expect("valid")
                .timestamp(),
            1_795_100_400
        );
        assert_eq!(
            window_start("2026-11-19", "00:00")
                .expect("valid")
                .timestamp(),
            1_795_046_400
        );
        assert!(window_start("2026-11-19", "15:01").is_err());
        assert!(window_start("2026-11-31", "15:00").is_err());
    }

    #[test]
    fn every_planned_window_is_valid() {
        for b in &BUCKETS {
            for p in day_plans(b) {
                for w in p.windows {
                    window_start(p.date, w).expect("plan window");
                }
            }
        }
    }

    #[test]
    fn only_the_daily_bucket_has_us_east_1() {
        for b in &BUCKETS {
            let has = day_plans(b).iter().any(|p| p.region == "us-east-1");
            assert_eq!(has, b.name == "flowlog-sample-daily", "{}", b.name);
        }
    }

    #[test]
    fn windows_straddle_jst_midnight() {
        let plans = day_plans(&BUCKETS[0]);
        for p in plans.iter().filter(|p| p.region == "ap-northeast-1") {
            assert!(p.windows.iter().any(|w| w < &"15:00"));
            assert!(p.windows.iter().any(|w| w >= &"15:00"));
        }
    }
}
