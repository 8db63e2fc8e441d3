//! `projection.<col>.type` = `injected`: the values come from the query.
//!
//! Athena requires every query to filter an injected column with a single value (or an `IN`
//! list of values) and projects exactly those; there is nothing to enumerate. Only string
//! columns can be injected. Enforcing the filter is the query planner's job; this type only
//! marks the column (see [`ColumnProjection::values`](super::ColumnProjection::values), which
//! fails for it).

/// An `injected` projection: any value a query's filter supplies.
///
/// ```
/// # use flowlog_core::projection::InjectedProjection;
/// assert!(InjectedProjection::new().contains("vpc-0abc"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InjectedProjection {
    _private: (),
}

impl InjectedProjection {
    /// The (only) injected projection.
    pub fn new() -> Self {
        InjectedProjection { _private: () }
    }

    /// Always true: whatever the query names is projected.
    pub fn contains(&self, _value: &str) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_value_is_projected() {
        let p = InjectedProjection::new();
        for value in ["", "vpc-1", "2024/01/01", " spaced "] {
            assert!(p.contains(value));
        }
        assert_eq!(p, InjectedProjection::default());
    }
}
