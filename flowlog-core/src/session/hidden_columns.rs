//! `SELECT *` leaves out the flow-log tables' pseudo-columns (`"$path"`, `"$file_size"`,
//! `"$file_modified_time"`), as Athena's hidden columns are left out.
//!
//! DataFusion expands `*` to every column of the input, so before planning, each
//! wildcard over a flow-log table is rewritten to exclude them:
//!
//! ```text
//! SELECT * FROM flows                 ──► SELECT * EXCLUDE ("$path", …) FROM flows
//! SELECT f.* FROM flows f JOIN x …    ──► SELECT f.* EXCLUDE ("$path", …) FROM …
//! SELECT * FROM flows a JOIN flows b  ──► SELECT a.* EXCLUDE (…), b.* EXCLUDE (…) FROM …
//! ```
//!
//! Named explicitly (`SELECT "$path", * FROM flows`), they are selected as any column.
//! A subquery's output is left alone: `SELECT * FROM (SELECT "$path" FROM flows)` shows
//! the column its subquery selected. A `*` over a join of two flow-log tables with
//! `USING`, `NATURAL`, a semi or anti join, or a relation without a name to qualify
//! it is left as it is (the pseudo-columns then show).

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use datafusion::sql::parser::Statement;
use datafusion::sql::sqlparser::ast::{
    ExcludeSelectItem, Ident, JoinConstraint, JoinOperator, ObjectName, ObjectNamePart, Query,
    Select, SelectItem, SelectItemQualifiedWildcardKind, SetExpr, TableFactor, VisitMut,
    VisitorMut, WildcardAdditionalOptions,
};

use crate::table::pseudo;

/// Rewrite the wildcards of `statement` that cover one of `flow_log_tables` (lower-case
/// names of the default database) so that they leave out the pseudo-columns.
pub(crate) fn hide_pseudo_columns(statement: &mut Statement, flow_log_tables: &[String]) {
    let statement = match statement {
        Statement::Statement(statement) => statement,
        Statement::Explain(explain) => {
            return hide_pseudo_columns(&mut explain.statement, flow_log_tables);
        }
        _ => return,
    };
    if flow_log_tables.is_empty() {
        return;
    }
    let mut ctes = BTreeSet::new();
    let _ = visit_ctes(statement.as_ref(), &mut ctes);
    let mut hider = Hider {
        tables: flow_log_tables.iter().map(|t| t.to_lowercase()).collect(),
        ctes,
    };
    let _ = statement.visit(&mut hider);
}

/// The names of the statement's common table expressions (they shadow tables).
fn visit_ctes(
    statement: &datafusion::sql::sqlparser::ast::Statement,
    out: &mut BTreeSet<String>,
) -> ControlFlow<()> {
    use datafusion::sql::sqlparser::ast::{Visit, Visitor};
    struct Ctes<'a>(&'a mut BTreeSet<String>);
    impl Visitor for Ctes<'_> {
        type Break = ();
        fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
            if let Some(with) = &query.with {
                for cte in &with.cte_tables {
                    self.0.insert(cte.alias.name.value.to_lowercase());
                }
            }
            ControlFlow::Continue(())
        }
    }
    statement.visit(&mut Ctes(out))
}

struct Hider {
    tables: BTreeSet<String>,
    ctes: BTreeSet<String>,
}

impl VisitorMut for Hider {
    type Break = ();

    fn pre_visit_query(&mut self, query: &mut Query) -> ControlFlow<()> {
        self.rewrite_set_expr(&mut query.body);
        ControlFlow::Continue(())
    }
}

/// One relation of a `FROM` clause: the name that qualifies its columns (if it has one)
/// and whether it is a flow-log table.
struct Relation {
    qualifier: Option<ObjectName>,
    flow_log: bool,
}

impl Hider {
    fn rewrite_set_expr(&self, body: &mut SetExpr) {
        match body {
            SetExpr::Select(select) => self.rewrite_select(select),
            SetExpr::SetOperation { left, right, .. } => {
                self.rewrite_set_expr(left);
                self.rewrite_set_expr(right);
            }
            // Nested queries are visited on their own.
            _ => {}
        }
    }

    fn is_flow_log(&self, name: &ObjectName) -> bool {
        let parts: Vec<String> = name
            .0
            .iter()
            .filter_map(ObjectNamePart::as_ident)
            .map(|i| i.value.to_lowercase())
            .collect();
        match parts.as_slice() {
            [table] => !self.ctes.contains(table) && self.tables.contains(table),
            [.., database, table] => {
                database == crate::session::DEFAULT_DATABASE && self.tables.contains(table)
            }
            [] => false,
        }
    }

    fn relation(&self, factor: &TableFactor) -> Relation {
        match factor {
            TableFactor::Table {
                name, alias, args, ..
            } => {
                let flow_log = args.is_none() && self.is_flow_log(name);
                let qualifier = match alias {
                    Some(a) => Some(ObjectName::from(vec![a.name.clone()])),
                    None => Some(name.clone()),
                };
                Relation {
                    qualifier,
                    flow_log,
                }
            }
            TableFactor::Derived { alias, .. } => Relation {
                qualifier: alias
                    .as_ref()
                    .map(|a| ObjectName::from(vec![a.name.clone()])),
                flow_log: false,
            },
            _ => Relation {
                qualifier: None,
                flow_log: false,
            },
        }
    }

    fn rewrite_select(&self, select: &mut Select) {
        let mut relations: Vec<Relation> = Vec::new();
        // Whether `*` is the relations' columns side by side (no USING, NATURAL, semi or
        // anti join to merge or drop some).
        let mut plain = true;
        // Whether every relation's columns are in the output (no semi or anti join).
        let mut all_sides = true;
        for from in &select.from {
            relations.push(self.relation(&from.relation));
            for join in &from.joins {
                relations.push(self.relation(&join.relation));
                plain &= plain_join(&join.join_operator);
                all_sides &= keeps_both_sides(&join.join_operator);
            }
        }
        let flow_logs = relations.iter().filter(|r| r.flow_log).count();
        if flow_logs == 0 {
            return;
        }
        let mut items = Vec::with_capacity(select.projection.len());
        for item in select.projection.drain(..) {
            match item {
                SelectItem::QualifiedWildcard(
                    SelectItemQualifiedWildcardKind::ObjectName(name),
                    mut options,
                ) => {
                    let covers_flow_log = relations.iter().any(|r| {
                        r.flow_log && r.qualifier.as_ref().is_some_and(|q| same_name(q, &name))
                    });
                    if covers_flow_log {
                        exclude_pseudo(&mut options);
                    }
                    items.push(SelectItem::QualifiedWildcard(
                        SelectItemQualifiedWildcardKind::ObjectName(name),
                        options,
                    ));
                }
                SelectItem::Wildcard(mut options) if all_sides && flow_logs == 1 => {
                    exclude_pseudo(&mut options);
                    items.push(SelectItem::Wildcard(options));
                }
                SelectItem::Wildcard(options)
                    if plain
                        && options == WildcardAdditionalOptions::default()
                        && relations.iter().all(|r| r.qualifier.is_some()) =>
                {
                    for r in &relations {
                        let mut options = WildcardAdditionalOptions::default();
                        if r.flow_log {
                            exclude_pseudo(&mut options);
                        }
                        let Some(q) = &r.qualifier else { continue };
                        items.push(SelectItem::QualifiedWildcard(
                            SelectItemQualifiedWildcardKind::ObjectName(q.clone()),
                            options,
                        ));
                    }
                }
                other => items.push(other),
            }
        }
        select.projection = items;
    }
}

/// Whether a join puts both sides' columns side by side, each once.
fn plain_join(operator: &JoinOperator) -> bool {
    let constraint = match operator {
        JoinOperator::Join(c)
        | JoinOperator::Inner(c)
        | JoinOperator::Left(c)
        | JoinOperator::LeftOuter(c)
        | JoinOperator::Right(c)
        | JoinOperator::RightOuter(c)
        | JoinOperator::FullOuter(c)
        | JoinOperator::CrossJoin(c) => c,
        _ => return false,
    };
    matches!(constraint, JoinConstraint::On(_) | JoinConstraint::None)
}

/// Whether a join's output has the columns of both its sides.
fn keeps_both_sides(operator: &JoinOperator) -> bool {
    matches!(
        operator,
        JoinOperator::Join(_)
            | JoinOperator::Inner(_)
            | JoinOperator::Left(_)
            | JoinOperator::LeftOuter(_)
            | JoinOperator::Right(_)
            | JoinOperator::RightOuter(_)
            | JoinOperator::FullOuter(_)
            | JoinOperator::CrossJoin(_)
    )
}

/// Whether two names are the same, ignoring case (only the last parts are compared when
/// one is longer: `t` names `default.t`).
fn same_name(a: &ObjectName, b: &ObjectName) -> bool {
    let idents = |n: &ObjectName| -> Vec<String> {
        n.0.iter()
            .filter_map(ObjectNamePart::as_ident)
            .map(|i| i.value.to_lowercase())
            .collect()
    };
    let (a, b) = (idents(a), idents(b));
    let n = a.len().min(b.len());
    n > 0 && a[a.len() - n..] == b[b.len() - n..]
}

/// Add the pseudo-columns to a wildcard's `EXCLUDE` list (those not already excluded).
fn exclude_pseudo(options: &mut WildcardAdditionalOptions) {
    if options.opt_ilike.is_some() {
        // `* ILIKE 'pattern'` selects by name; `$` names rarely match, and EXCLUDE
        // cannot be combined with it.
        return;
    }
    let mut names: Vec<ObjectName> = match options.opt_exclude.take() {
        None => Vec::new(),
        Some(ExcludeSelectItem::Single(name)) => vec![name],
        Some(ExcludeSelectItem::Multiple(names)) => names,
    };
    let mut taken: BTreeSet<String> = names
        .iter()
        .filter_map(|n| n.0.last().and_then(ObjectNamePart::as_ident))
        .map(|i| i.value.to_lowercase())
        .collect();
    if let Some(except) = &options.opt_except {
        taken.insert(except.first_element.value.to_lowercase());
        taken.extend(
            except
                .additional_elements
                .iter()
                .map(|i| i.value.to_lowercase()),
        );
    }
    for name in pseudo::NAMES {
        if !taken.contains(name) {
            names.push(ObjectName::from(vec![Ident::with_quote('"', name)]));
        }
    }
    options.opt_exclude = Some(ExcludeSelectItem::Multiple(names));
}
