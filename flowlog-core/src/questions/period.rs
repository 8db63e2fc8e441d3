//! The period a question covers, as a condition on the table's date partition (so that
//! only those partitions are listed and read) or, for tables without one, on `start`.

use chrono::{NaiveDate, NaiveTime};

use super::{quote_identifier, quote_string};
use crate::projection::DatePattern;

/// A day given on the command line was not understood, or the period is backwards.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// Not a day in `yyyy/MM/dd` or `yyyy-MM-dd`.
    #[error("{text:?} is not a day: write it as yyyy/MM/dd (as the date partition) or yyyy-MM-dd")]
    NotADay {
        /// The text given.
        text: String,
    },
    /// The first day is after the last.
    #[error("the period starts ({since}) after it ends ({until})")]
    Backwards {
        /// The first day.
        since: NaiveDate,
        /// The last day.
        until: NaiveDate,
    },
}

/// Which column tells a row's day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PeriodColumn {
    /// A partition column holding the UTC day of the log's S3 prefix, in `pattern`
    /// (the runbook's `date`, `yyyy/MM/dd`): a condition on it prunes partitions.
    DatePartition {
        /// The column's name.
        column: String,
        /// How the column writes a day (the projection's `format`).
        pattern: DatePattern,
    },
    /// The `start` column (Unix seconds): for tables without a date partition.
    #[default]
    Start,
}

/// The UTC days whose records a question reads; both ends included, either open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Period {
    /// The first day, if any.
    pub since: Option<NaiveDate>,
    /// The last day, if any.
    pub until: Option<NaiveDate>,
    /// The column the condition is written on.
    pub column: PeriodColumn,
}

/// Day patterns whose text sorts as the days do, so a range compares as text.
const ORDERED_PATTERNS: [&str; 3] = ["yyyy/MM/dd", "yyyy-MM-dd", "yyyyMMdd"];

/// The most days listed one by one (`IN (…)`) for a partition whose text does not sort.
const MAX_LISTED_DAYS: i64 = 366;

impl Period {
    /// A period from `since` to `until` (each optional), checked to run forwards.
    pub fn new(
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        column: PeriodColumn,
    ) -> Result<Self, PeriodError> {
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(PeriodError::Backwards { since, until });
        }
        Ok(Self {
            since,
            until,
            column,
        })
    }

    /// A day as written on the command line: `2026/11/19` or `2026-11-19`.
    ///
    /// ```
    /// use flowlog_core::questions::Period;
    /// assert_eq!(Period::parse_day("2026/11/19").unwrap().to_string(), "2026-11-19");
    /// assert!(Period::parse_day("19/11/2026").is_err());
    /// ```
    pub fn parse_day(text: &str) -> Result<NaiveDate, PeriodError> {
        ["%Y/%m/%d", "%Y-%m-%d"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(text.trim(), f).ok())
            .ok_or_else(|| PeriodError::NotADay {
                text: text.to_string(),
            })
    }

    /// The SQL condition selecting the period's rows (`1 = 1` for every row, as the
    /// runbook's query starts its `WHERE`).
    ///
    /// ```
    /// use flowlog_core::projection::DatePattern;
    /// use flowlog_core::questions::{Period, PeriodColumn};
    /// let day = |s| Period::parse_day(s).unwrap();
    /// let column = PeriodColumn::DatePartition {
    ///     column: "date".into(),
    ///     pattern: DatePattern::compile("yyyy/MM/dd").unwrap(),
    /// };
    /// let p = Period::new(Some(day("2026/11/19")), Some(day("2026/11/20")), column).unwrap();
    /// assert_eq!(p.condition(), "\"date\" BETWEEN '2026/11/19' AND '2026/11/20'");
    /// let p = Period::new(Some(day("2026/11/19")), None, PeriodColumn::Start).unwrap();
    /// assert_eq!(p.condition(), "\"start\" >= 1795046400");
    /// ```
    pub fn condition(&self) -> String {
        if self.since.is_none() && self.until.is_none() {
            return "1 = 1".to_string();
        }
        if let PeriodColumn::DatePartition { column, pattern } = &self.column
            && let Some(c) = self.partition_condition(column, pattern)
        {
            return c;
        }
        self.start_condition()
    }

    fn partition_condition(&self, column: &str, pattern: &DatePattern) -> Option<String> {
        let name = quote_identifier(column);
        let text = |d: NaiveDate| quote_string(&pattern.format(&d.and_time(NaiveTime::MIN)));
        if ORDERED_PATTERNS.contains(&pattern.as_str()) {
            return Some(match (self.since, self.until) {
                (Some(s), Some(u)) => format!("{name} BETWEEN {} AND {}", text(s), text(u)),
                (Some(s), None) => format!("{name} >= {}", text(s)),
                (None, Some(u)) => format!("{name} <= {}", text(u)),
                (None, None) => return None,
            });
        }
        // A pattern whose text does not sort (say dd-MM-yyyy): list the days.
        let (since, until) = (self.since?, self.until?);
        if (until - since).num_days() >= MAX_LISTED_DAYS {
            return None;
        }
        let days: Vec<String> = since
            .iter_days()
            .take_while(|d| *d <= until)
            .map(text)
            .collect();
        Some(format!("{name} IN ({})", days.join(", ")))
    }

    fn start_condition(&self) -> String {
        let seconds = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc().timestamp();
        let mut parts = Vec::new();
        if let Some(s) = self.since {
            parts.push(format!("\"start\" >= {}", seconds(s)));
        }
        if let Some(u) = self.until.and_then(|u| u.succ_opt()) {
            parts.push(format!("\"start\" < {}", seconds(u)));
        }
        parts.join(" AND ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        Period::parse_day(s).unwrap()
    }

    fn partition(pattern: &str) -> PeriodColumn {
        PeriodColumn::DatePartition {
            column: "date".into(),
            pattern: DatePattern::compile(pattern).unwrap(),
        }
    }

    #[test]
    fn no_period_is_every_row() {
        assert_eq!(Period::default().condition(), "1 = 1");
    }

    #[test]
    fn a_sortable_partition_is_compared_as_text() {
        let p = Period::new(None, Some(day("2026-11-20")), partition("yyyy-MM-dd")).unwrap();
        assert_eq!(p.condition(), "\"date\" <= '2026-11-20'");
    }

    #[test]
    fn an_unsortable_partition_lists_its_days() {
        let p = Period::new(
            Some(day("2026/11/30")),
            Some(day("2026/12/01")),
            partition("dd-MM-yyyy"),
        )
        .unwrap();
        assert_eq!(p.condition(), "\"date\" IN ('30-11-2026', '01-12-2026')");
        // Open-ended, it cannot be listed: the start column says it.
        let p = Period::new(Some(day("2026/11/30")), None, partition("dd-MM-yyyy")).unwrap();
        assert_eq!(p.condition(), "\"start\" >= 1795996800");
    }

    #[test]
    fn start_covers_the_whole_last_day() {
        let p = Period::new(
            Some(day("2026/11/19")),
            Some(day("2026/11/19")),
            PeriodColumn::Start,
        )
        .unwrap();
        // 2026-11-19T00:00:00Z = 1795046400; the next midnight is 86,400 s later.
        assert_eq!(
            p.condition(),
            "\"start\" >= 1795046400 AND \"start\" < 1795132800"
        );
    }

    #[test]
    fn a_backwards_period_is_refused() {
        let e = Period::new(
            Some(day("2026/11/20")),
            Some(day("2026/11/19")),
            PeriodColumn::Start,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the period starts (2026-11-20) after it ends (2026-11-19)"
        );
    }
}
