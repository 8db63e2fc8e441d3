//! The `projection.<column>.<suffix>` table properties, gathered per column.

use super::ProjectionError;

/// `projection.<col>.<suffix>` suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    Type,
    Values,
    Range,
    Interval,
    IntervalUnit,
    Digits,
    Format,
}

impl Suffix {
    const ALL: [Suffix; 7] = [
        Suffix::Type,
        Suffix::Values,
        Suffix::Range,
        Suffix::Interval,
        Suffix::IntervalUnit,
        Suffix::Digits,
        Suffix::Format,
    ];

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Suffix::Type => "type",
            Suffix::Values => "values",
            Suffix::Range => "range",
            Suffix::Interval => "interval",
            Suffix::IntervalUnit => "interval.unit",
            Suffix::Digits => "digits",
            Suffix::Format => "format",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

/// The `projection.<col>.*` values of one column.
#[derive(Debug, Clone)]
pub(super) struct ColumnProperties<'a> {
    column: &'a str,
    values: [Option<&'a str>; 7],
}

impl<'a> ColumnProperties<'a> {
    pub(super) fn new(column: &'a str) -> Self {
        ColumnProperties {
            column,
            values: [None; 7],
        }
    }

    pub(super) fn set(&mut self, suffix: Suffix, value: &'a str) {
        self.values[suffix as usize] = Some(value);
    }

    pub(super) fn get(&self, suffix: Suffix) -> Option<&'a str> {
        self.values[suffix as usize]
    }

    /// The property key, e.g. `projection.date.range`.
    pub(super) fn key(&self, suffix: Suffix) -> String {
        format!("projection.{}.{}", self.column, suffix.as_str())
    }

    pub(super) fn require(
        &self,
        suffix: Suffix,
        projection: &str,
        expected: &str,
    ) -> Result<&'a str, ProjectionError> {
        self.get(suffix)
            .ok_or_else(|| ProjectionError::MissingProperty {
                property: self.key(suffix),
                projection: projection.to_owned(),
                expected: expected.to_owned(),
            })
    }
}

pub(super) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}
