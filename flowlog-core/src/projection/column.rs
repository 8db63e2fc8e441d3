//! The projection of one partition column: its rule, its values, membership.

use chrono::NaiveDateTime;

use super::{
    ColumnProperties, DateProjection, EnumProjection, InjectedProjection, IntegerProjection,
    PartitionColumn, PartitionKind, ProjectionError, Suffix,
};

/// The projection of one column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnProjection {
    /// The partition column, as declared.
    pub name: String,
    /// How its values are produced.
    pub rule: ProjectionRule,
}

/// How a column's values are produced.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectionRule {
    /// `type` = `enum`.
    Enum(EnumProjection),
    /// `type` = `integer`.
    Integer(IntegerProjection),
    /// `type` = `date`.
    Date(DateProjection),
    /// `type` = `injected`.
    Injected(InjectedProjection),
}

impl ColumnProjection {
    pub(super) fn from_properties(
        column: &PartitionColumn,
        props: &ColumnProperties<'_>,
        now: NaiveDateTime,
    ) -> Result<Self, ProjectionError> {
        let type_key = props.key(Suffix::Type);
        let written = props.get(Suffix::Type).unwrap_or_default();
        let projection = written.trim().to_ascii_lowercase();
        let allowed: &[PartitionKind] = match projection.as_str() {
            "enum" | "integer" => &[PartitionKind::String, PartitionKind::Integer],
            "date" => &[PartitionKind::String, PartitionKind::Date],
            "injected" => &[PartitionKind::String],
            _ => {
                return Err(ProjectionError::UnknownProjectionType {
                    property: type_key,
                    value: written.to_owned(),
                });
            }
        };
        if !allowed.contains(&column.kind) {
            return Err(ProjectionError::UnsupportedColumnType {
                property: type_key,
                column: column.name.clone(),
                projection,
                kind: column.kind,
                allowed: allowed
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
            });
        }
        let rule = match projection.as_str() {
            "enum" => ProjectionRule::Enum(EnumProjection::from_properties(props, column.kind)?),
            "integer" => ProjectionRule::Integer(IntegerProjection::from_properties(props)?),
            "date" => ProjectionRule::Date(DateProjection::from_properties(props, now)?),
            _ => ProjectionRule::Injected(InjectedProjection::new()),
        };
        Ok(ColumnProjection {
            name: column.name.clone(),
            rule,
        })
    }

    /// Number of values the projection yields; `None` for injected (values come from the query).
    ///
    /// For a date projection this counts interval steps; see [`DateProjection::len`].
    pub fn len(&self) -> Option<u64> {
        match &self.rule {
            ProjectionRule::Enum(p) => Some(p.len() as u64),
            ProjectionRule::Integer(p) => Some(p.len()),
            ProjectionRule::Date(p) => Some(p.len()),
            ProjectionRule::Injected(_) => None,
        }
    }

    /// `Some(true)` when the projection yields no values (never the case for a valid one);
    /// `None` for injected.
    pub fn is_empty(&self) -> Option<bool> {
        self.len().map(|n| n == 0)
    }

    /// All projected values, in order, as they go into the location and the partition column.
    ///
    /// Errors with [`ProjectionError::TooManyPartitions`] when [`len`](Self::len) exceeds
    /// `limit`, and with [`ProjectionError::InjectedNotFiltered`] for an injected column.
    pub fn values(&self, limit: usize) -> Result<Vec<String>, ProjectionError> {
        let Some(count) = self.len() else {
            return Err(ProjectionError::InjectedNotFiltered {
                column: self.name.clone(),
            });
        };
        if count > limit as u64 {
            return Err(ProjectionError::TooManyPartitions {
                column: self.name.clone(),
                count,
                limit,
            });
        }
        Ok(match &self.rule {
            ProjectionRule::Enum(p) => p.values().to_vec(),
            ProjectionRule::Integer(p) => p.values(),
            ProjectionRule::Date(p) => p.values(),
            ProjectionRule::Injected(_) => Vec::new(),
        })
    }

    /// Whether `value` (a query literal in its string form) is one of the projected values,
    /// decided without listing them. Any string for an injected column.
    pub fn contains(&self, value: &str) -> bool {
        match &self.rule {
            ProjectionRule::Enum(p) => p.contains(value),
            ProjectionRule::Integer(p) => p.contains(value),
            ProjectionRule::Date(p) => p.contains(value),
            ProjectionRule::Injected(p) => p.contains(value),
        }
    }
}
