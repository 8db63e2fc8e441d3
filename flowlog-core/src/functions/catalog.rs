//! The catalog of every function a session knows, from the documentation each function
//! is registered with (what `flowlog functions` prints).

use datafusion::execution::SessionState;
use datafusion::logical_expr::Documentation;

/// What kind of function an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FunctionKind {
    /// One value per row.
    Scalar,
    /// One value per group.
    Aggregate,
    /// One value per row over a window.
    Window,
}

impl FunctionKind {
    /// `scalar`, `aggregate` or `window`.
    pub fn label(self) -> &'static str {
        match self {
            FunctionKind::Scalar => "scalar",
            FunctionKind::Aggregate => "aggregate",
            FunctionKind::Window => "window",
        }
    }
}

/// One callable name.
///
/// Invariant: `alias_of` is `Some` exactly when `name` is another name of a function
/// registered as `alias_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionEntry {
    /// The name to call it by.
    pub name: String,
    /// Scalar, aggregate or window.
    pub kind: FunctionKind,
    /// The function this name is an alias of, if any.
    pub alias_of: Option<String>,
    /// Syntax, e.g. `split_part(string, delimiter, index)`.
    pub syntax: Option<String>,
    /// One-line description.
    pub description: Option<String>,
    /// A SQL example.
    pub example: Option<String>,
}

fn entry(name: &str, kind: FunctionKind, own: &str, doc: Option<&Documentation>) -> FunctionEntry {
    FunctionEntry {
        name: name.to_string(),
        kind,
        alias_of: (name != own).then(|| own.to_string()),
        syntax: doc.map(|d| d.syntax_example.clone()),
        description: doc.map(|d| {
            d.description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        }),
        example: doc.and_then(|d| d.sql_example.clone()),
    }
}

/// Every function of `state` whose name contains `pattern` (case-insensitive; all if
/// `None`), sorted by name.
///
/// ```
/// use flowlog_core::{FlowLogSession, SessionOptions};
/// use flowlog_core::functions::catalog::functions;
/// let session = FlowLogSession::new(SessionOptions::default());
/// let found = functions(&session.context().state(), Some("split_part"));
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].syntax.as_deref(), Some("split_part(string, delimiter, index)"));
/// ```
pub fn functions(state: &SessionState, pattern: Option<&str>) -> Vec<FunctionEntry> {
    let pattern = pattern.map(str::to_lowercase);
    let mut all = Vec::new();
    for (name, f) in state.scalar_functions() {
        all.push(entry(
            name,
            FunctionKind::Scalar,
            f.name(),
            f.documentation(),
        ));
    }
    for (name, f) in state.aggregate_functions() {
        all.push(entry(
            name,
            FunctionKind::Aggregate,
            f.name(),
            f.documentation(),
        ));
    }
    for (name, f) in state.window_functions() {
        all.push(entry(
            name,
            FunctionKind::Window,
            f.name(),
            f.documentation(),
        ));
    }
    // Aggregates that flowlog provides by rewriting the query (see `dialect/aggregate.rs`).
    for super::rewritten::Rewritten {
        name,
        syntax,
        description,
        example,
    } in super::rewritten::REWRITTEN
    {
        if all
            .iter()
            .any(|e| e.name == name && e.description.is_some())
        {
            continue;
        }
        all.retain(|e| e.name != name);
        all.push(FunctionEntry {
            name: name.to_string(),
            kind: FunctionKind::Aggregate,
            alias_of: None,
            syntax: Some(syntax.to_string()),
            description: Some(description.to_string()),
            example: Some(example.to_string()),
        });
    }
    all.retain(|e| {
        pattern
            .as_deref()
            .is_none_or(|p| e.name.to_lowercase().contains(p))
    });
    all.sort_by(|a, b| a.name.cmp(&b.name).then(a.kind.cmp(&b.kind)));
    all
}
