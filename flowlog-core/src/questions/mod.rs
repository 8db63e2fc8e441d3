//! Built-in flow-log questions: named, parameterised queries in Athena SQL.
//!
//! Each [`Question`] is the SQL an analyst would type into the Athena console for one of
//! the usual questions about a period of flow logs — traffic per hour, top talkers, what
//! was rejected, administrative ports reached from public addresses, traffic per ENI,
//! subnet and VPC, the share of `NODATA`/`SKIPDATA` records. The text is plain Athena
//! (Trino) SQL: [`Question::sql`] fills in the table, the period, the time zone and the
//! row limit, and the result runs unchanged on Athena as on flowlog. `flowlog query
//! --named`, `flowlog report` and the web console all take their SQL from here.
//!
//! This module is plain Rust: it writes SQL text, it does not run it.
//!
//! ```
//! use flowlog_core::questions::{self, Params};
//! let q = questions::find("top-talkers").unwrap();
//! let sql = q.sql(&Params::new("vpc_flow_logs"));
//! assert!(sql.contains("FROM \"vpc_flow_logs\""));
//! assert!(sql.contains("LIMIT 20"));
//! ```

mod catalog;
mod period;

use crate::time::TrinoZone;

pub use catalog::QUESTIONS;
pub use period::{Period, PeriodColumn, PeriodError};

/// A language for the questions' titles and the report's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese (the users' runbook is Japanese).
    Ja,
}

impl Lang {
    /// Japanese when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set)
    /// starts with `ja`, English otherwise.
    pub fn from_env() -> Self {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
        match locale {
            Some(l) if l.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The time zone a report uses when none is given: Asia/Tokyo for Japanese (the
    /// runbook formats times in JST), UTC otherwise.
    pub fn default_zone(self) -> TrinoZone {
        match self {
            Lang::Ja => TrinoZone::Named(chrono_tz::Asia::Tokyo),
            Lang::En => TrinoZone::Utc,
        }
    }
}

/// Text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Japanese.
    pub ja: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }
}

/// How a question's answer is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// A line over the first column (time labels in order), the height from `value`.
    Line {
        /// The column drawn as the line's height.
        value: &'static str,
    },
    /// One horizontal bar per row, labelled by `label` columns, its length from `value`.
    Bar {
        /// The columns whose values, joined, label a bar.
        label: &'static [&'static str],
        /// The column drawn as the bar's length.
        value: &'static str,
    },
}

/// One built-in question.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    /// The name used on the command line (`flowlog query --named top-talkers`).
    pub name: &'static str,
    /// A short title.
    pub title: Text,
    /// One sentence on what the answer shows.
    pub description: Text,
    /// How the answer is drawn.
    pub chart: Chart,
    /// Whether the question uses `{limit}` (a top-N list).
    pub limited: bool,
    /// The SQL, with `{table}`, `{period}`, `{zone}` and `{limit}` placeholders.
    template: &'static str,
}

impl Question {
    /// The question's SQL for `params`: Athena SQL, runnable unchanged on Athena.
    ///
    /// ```
    /// use flowlog_core::questions::{self, Params};
    /// use flowlog_core::time::TrinoZone;
    /// let mut p = Params::new("flows");
    /// p.zone = TrinoZone::parse("Asia/Tokyo").unwrap();
    /// let sql = questions::find("traffic-per-hour").unwrap().sql(&p);
    /// assert!(sql.contains("from_unixtime(\"start\", 'Asia/Tokyo')"));
    /// ```
    pub fn sql(&self, params: &Params) -> String {
        let zone = params.zone.id();
        self.template
            .replace("{table}", &quote_identifier(&params.table))
            .replace("{period}", &params.period.condition())
            .replace("{zone}", &quote_string(&zone))
            .replace("{limit}", &params.limit.to_string())
    }
}

/// The values a question's SQL is written for.
#[derive(Debug, Clone)]
pub struct Params {
    /// The table to read (as registered: the DDL's name, or `--table` for `--logs`).
    pub table: String,
    /// The period the rows must fall in.
    pub period: Period,
    /// The zone in which hours are counted and shown.
    pub zone: TrinoZone,
    /// The most rows a top-N question lists.
    pub limit: u32,
}

impl Params {
    /// Every record of `table`, hours in UTC, 20 rows per top-N list.
    pub fn new(table: impl Into<String>) -> Self {
        Self {
            table: table.into(),
            period: Period::default(),
            zone: TrinoZone::Utc,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// The rows a top-N question lists by default.
pub const DEFAULT_LIMIT: u32 = 20;

/// The question named `name`, if there is one.
pub fn find(name: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.name == name)
}

/// The question whose name is closest to `name` (fewest edits), for "did you mean".
///
/// ```
/// assert_eq!(flowlog_core::questions::closest("top-talker"), "top-talkers");
/// ```
pub fn closest(name: &str) -> &'static str {
    use datafusion::common::utils::datafusion_strsim::levenshtein;
    names()
        .min_by_key(|n| levenshtein(n, name))
        .unwrap_or_default()
}

/// The names of all questions, in the order a report shows them.
pub fn names() -> impl Iterator<Item = &'static str> {
    QUESTIONS.iter().map(|q| q.name)
}

/// `name` as a double-quoted SQL identifier (inner quotes doubled).
pub(crate) fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a single-quoted SQL string literal (inner quotes doubled).
pub(crate) fn quote_string(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_template_is_filled() {
        let mut seen = std::collections::BTreeSet::new();
        for q in QUESTIONS {
            assert!(seen.insert(q.name), "{} twice", q.name);
            let sql = q.sql(&Params::new("t"));
            assert!(!sql.contains('{'), "{}: placeholder left in {sql}", q.name);
            assert_eq!(q.limited, q.template.contains("{limit}"), "{}", q.name);
        }
    }

    #[test]
    fn identifiers_and_strings_are_quoted() {
        assert_eq!(
            quote_identifier("vpc_flow_logs_組織名"),
            "\"vpc_flow_logs_組織名\""
        );
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_string("it's"), "'it''s'");
    }

    #[test]
    fn the_default_zone_follows_the_language() {
        assert_eq!(Lang::Ja.default_zone().id(), "Asia/Tokyo");
        assert_eq!(Lang::En.default_zone().id(), "UTC");
    }
}
