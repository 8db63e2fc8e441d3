//! `projection.<col>.type` = `enum`: an explicit list of values.
//!
//! `projection.<col>.values` is split at commas. As Athena documents, whitespace is part of a
//! value (`"a, b"` yields `a` and ` b`). Empty items are dropped and a repeated value is listed
//! once, at its first position (Trino drops empty items, and its partition list is a set).
//!
//! ```text
//! values 111111111111,222222222222   ->  111111111111  222222222222
//! values A, B,,A                     ->  A  " B"
//! ```

use std::collections::HashSet;

use super::{ColumnProperties, PartitionKind, ProjectionError, Suffix};

/// An `enum` projection.
///
/// Invariant: at least one value, no duplicates, none empty.
///
/// ```
/// # use flowlog_core::projection::EnumProjection;
/// let p = EnumProjection::new(["us-east-1", "us-west-2", "us-east-1"]).unwrap();
/// assert_eq!(p.values(), ["us-east-1", "us-west-2"]);
/// assert!(p.contains("us-west-2"));
/// assert!(!p.contains("US-WEST-2"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumProjection {
    values: Vec<String>,
}

impl EnumProjection {
    /// A projection of the given values (empty ones dropped, duplicates kept once);
    /// `None` when no value is left.
    pub fn new<I, S>(values: I) -> Option<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut seen = HashSet::new();
        let values: Vec<String> = values
            .into_iter()
            .map(Into::into)
            .filter(|v| !v.is_empty() && seen.insert(v.clone()))
            .collect();
        (!values.is_empty()).then_some(EnumProjection { values })
    }

    /// Reads `projection.<col>.values`. For an integer column every value must be an integer.
    pub(super) fn from_properties(
        props: &ColumnProperties<'_>,
        kind: PartitionKind,
    ) -> Result<Self, ProjectionError> {
        let text = props.require(
            Suffix::Values,
            "enum",
            "a comma-separated list of values such as us-east-1,us-west-2",
        )?;
        let invalid = |reason: String| ProjectionError::InvalidValue {
            property: props.key(Suffix::Values),
            value: text.to_owned(),
            reason,
        };
        let projection = Self::new(text.split(','))
            .ok_or_else(|| invalid("expected at least one value".to_owned()))?;
        if kind == PartitionKind::Integer
            && let Some(bad) = projection.values.iter().find(|v| v.parse::<i64>().is_err())
        {
            return Err(invalid(format!(
                "`{bad}` is not an integer, but the column is an integer column (whitespace counts as part of a value)"
            )));
        }
        Ok(projection)
    }

    /// The values, in the order written.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Always false: an enum projection has at least one value.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether `value` is exactly (byte for byte) one of the values.
    pub fn contains(&self, value: &str) -> bool {
        self.values.iter().any(|v| v == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(values: Option<&str>, kind: PartitionKind) -> Result<EnumProjection, ProjectionError> {
        let mut props = ColumnProperties::new("account");
        if let Some(values) = values {
            props.set(Suffix::Values, values);
        }
        EnumProjection::from_properties(&props, kind)
    }

    #[test]
    fn runbook_accounts() {
        let p = build(Some("111111111111,222222222222"), PartitionKind::String).unwrap();
        assert_eq!(p.values(), ["111111111111", "222222222222"]);
        assert_eq!(p.len(), 2);
        assert!(!p.is_empty());
        assert!(p.contains("111111111111"));
        assert!(!p.contains("333333333333"));
    }

    #[test]
    fn whitespace_is_part_of_a_value() {
        // Athena docs: "Any white space is considered part of an enum value."
        let p = build(Some("A, B ,C"), PartitionKind::String).unwrap();
        assert_eq!(p.values(), ["A", " B ", "C"]);
        assert!(p.contains(" B "));
        assert!(!p.contains("B"));
    }

    #[test]
    fn empty_items_and_duplicates() {
        let p = build(Some("a,,b,a,"), PartitionKind::String).unwrap();
        assert_eq!(p.values(), ["a", "b"]);
        for probe in ["a", "b", "", "c", "a,"] {
            assert_eq!(p.contains(probe), p.values().iter().any(|v| v == probe));
        }
    }

    #[test]
    fn integer_columns_need_integer_values() {
        let p = build(Some("1,02,-3"), PartitionKind::Integer).unwrap();
        assert_eq!(p.values(), ["1", "02", "-3"]);
        assert_eq!(
            build(Some("1, 2"), PartitionKind::Integer)
                .unwrap_err()
                .to_string(),
            "invalid value \"1, 2\" for table property `projection.account.values`: ` 2` is not an integer, but the column is an integer column (whitespace counts as part of a value)"
        );
    }

    #[test]
    fn errors_name_the_property() {
        assert_eq!(
            build(None, PartitionKind::String).unwrap_err().to_string(),
            "missing table property `projection.account.values`, required by projection type enum; expected a comma-separated list of values such as us-east-1,us-west-2"
        );
        assert_eq!(
            build(Some(",,"), PartitionKind::String)
                .unwrap_err()
                .to_string(),
            "invalid value \",,\" for table property `projection.account.values`: expected at least one value"
        );
    }
}
