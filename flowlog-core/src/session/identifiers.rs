//! Identifiers as Trino reads them: case-insensitive, quoted or not.
//!
//! Trino compares table, column, alias and function names case-insensitively; quotes only
//! let a name hold hyphens, spaces or keywords. DataFusion lower-cases unquoted names
//! and compares quoted ones exactly, so quoted names are lower-cased in the text before
//! it is parsed (the text keeps its length, so error positions do not move):
//!
//! ```text
//! SELECT sum(bytes) AS DataTransferred … ORDER BY "DataTransferred"
//!                      └ datatransferred            └ "datatransferred"
//! ```
//!
//! The result's column names keep the query's spelling, as Trino's do (an alias or a
//! selected column is named as written: `AS DataTransferred` gives the header
//! `DataTransferred`, `SELECT SrcAddr` gives `SrcAddr`); [`OutputNames`] reads them from
//! the statement as written and [`OutputNames::apply`] renames the planned result.

use std::borrow::Cow;
use std::collections::HashMap;

use datafusion::common::Column;
use datafusion::logical_expr::{Expr as LogicalExpr, LogicalPlan, LogicalPlanBuilder};
use datafusion::sql::sqlparser::ast::{Expr, Query, SelectItem, SetExpr, Statement};
use datafusion::sql::sqlparser::parser::Parser;

/// Lower-case the double-quoted and back-quoted identifiers of `sql`, leaving string
/// literals and comments alone. Every character keeps its byte length (a character
/// whose lower case is longer is kept as it is).
///
/// ```
/// # use flowlog_core::session::identifiers::fold_quoted;
/// assert_eq!(
///     fold_quoted(r#"SELECT "Action", 'ABC' FROM "My-Table" -- "Comment""#),
///     r#"SELECT "action", 'ABC' FROM "my-table" -- "Comment""#
/// );
/// ```
pub fn fold_quoted(sql: &str) -> Cow<'_, str> {
    if !sql.contains(['"', '`']) {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '\'' => copy_until(&mut chars, &mut out, '\'', false),
            '"' | '`' => copy_until(&mut chars, &mut out, c, true),
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut previous = ' ';
                if let Some(star) = chars.next() {
                    out.push(star);
                }
                for c in chars.by_ref() {
                    out.push(c);
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Copy up to and including the closing `quote` (a doubled quote is an escaped one),
/// lower-casing on the way when `fold` is set.
fn copy_until(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
    quote: char,
    fold: bool,
) {
    while let Some(c) = chars.next() {
        if c == quote {
            out.push(c);
            if chars.peek() == Some(&quote) {
                chars.next();
                out.push(quote);
                continue;
            }
            return;
        }
        out.push(if fold { lower_same_length(c) } else { c });
    }
}

fn lower_same_length(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// The result column names of the statement in `sql` (written in `dialect`), as
/// written; empty when the text does not parse (the planner reports that).
pub fn output_names(sql: &str, dialect: &datafusion::common::config::Dialect) -> OutputNames {
    let Some(dialect) = crate::dialect::parser::parser_dialect(dialect) else {
        return OutputNames::default();
    };
    match Parser::parse_sql(dialect.as_ref(), sql) {
        Ok(statements) if statements.len() == 1 => OutputNames::of(&statements[0]),
        _ => OutputNames::default(),
    }
}

/// The names of a query's result columns as written in the query, where they differ
/// from the names DataFusion plans (which are lower-cased).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutputNames {
    /// One entry per select item of the outermost query: its spelling, if it is an
    /// alias or a column reference.
    items: Vec<Option<String>>,
    /// Whether the select list has a `*` (then positions are unknown before planning).
    wildcard: bool,
}

impl OutputNames {
    /// The names of the outermost select list of `statement` (for `UNION` and the
    /// like, of its first branch, which names the result).
    pub fn of(statement: &Statement) -> Self {
        match statement {
            Statement::Query(query) => Self::of_query(query),
            _ => Self::default(),
        }
    }

    fn of_query(query: &Query) -> Self {
        let mut body = query.body.as_ref();
        loop {
            match body {
                SetExpr::Select(select) => {
                    let mut names = Self::default();
                    for item in &select.projection {
                        names.items.push(match item {
                            SelectItem::ExprWithAlias { alias, .. } => Some(alias.value.clone()),
                            SelectItem::UnnamedExpr(expr) => column_spelling(expr),
                            SelectItem::Wildcard(_) | SelectItem::QualifiedWildcard(..) => {
                                names.wildcard = true;
                                None
                            }
                            _ => None,
                        });
                    }
                    return names;
                }
                SetExpr::Query(inner) => body = inner.body.as_ref(),
                SetExpr::SetOperation { left, .. } => body = left.as_ref(),
                _ => return Self::default(),
            }
        }
    }

    /// Rename the result columns of `plan` to their spelling in the query. Columns
    /// whose planned name is not the lower-cased spelling keep their planned name.
    pub fn apply(&self, plan: LogicalPlan) -> datafusion::error::Result<LogicalPlan> {
        let fields: Vec<_> = plan
            .schema()
            .iter()
            .map(|(q, f)| (q.cloned(), f.name().clone()))
            .collect();
        let mut by_name: HashMap<String, Option<&str>> = HashMap::new();
        for name in self.items.iter().flatten() {
            by_name
                .entry(name.to_lowercase())
                .and_modify(|e| {
                    if *e != Some(name.as_str()) {
                        *e = None;
                    }
                })
                .or_insert(Some(name.as_str()));
        }
        let positional = !self.wildcard && self.items.len() == fields.len();
        let mut renamed = false;
        let exprs: Vec<LogicalExpr> = fields
            .iter()
            .enumerate()
            .map(|(i, (qualifier, name))| {
                let spelling = if positional {
                    self.items[i].as_deref()
                } else {
                    by_name.get(name).copied().flatten()
                };
                let column = LogicalExpr::Column(Column::new(qualifier.clone(), name));
                match spelling {
                    Some(s) if s != name && s.to_lowercase() == *name => {
                        renamed = true;
                        column.alias(s)
                    }
                    _ => column,
                }
            })
            .collect();
        if !renamed {
            return Ok(plan);
        }
        LogicalPlanBuilder::from(plan).project(exprs)?.build()
    }
}

/// The spelling Trino names a selected column by: the last part of its name as written.
fn column_spelling(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Identifier(ident) => Some(ident.value.clone()),
        Expr::CompoundIdentifier(parts) => parts.last().map(|p| p.value.clone()),
        Expr::Nested(inner) => column_spelling(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::sql::sqlparser::dialect::GenericDialect;

    fn names(sql: &str) -> OutputNames {
        let statements = Parser::parse_sql(&GenericDialect {}, sql).expect("parses");
        OutputNames::of(&statements[0])
    }

    #[test]
    fn quoted_identifiers_fold_but_strings_and_comments_do_not() {
        assert_eq!(
            fold_quoted("SELECT \"A\"\"B\", 'It''s \"X\"' /* \"Y\" */ FROM `T`"),
            "SELECT \"a\"\"b\", 'It''s \"X\"' /* \"Y\" */ FROM `t`"
        );
        assert_eq!(fold_quoted("select 1"), "select 1");
        // Length is kept, line breaks too.
        let sql = "SELECT \"İx\"\n, \"ÄB\"";
        assert_eq!(fold_quoted(sql).len(), sql.len());
        assert_eq!(fold_quoted(sql), "SELECT \"İx\"\n, \"äb\"");
    }

    #[test]
    fn output_names_keep_the_written_spelling() {
        assert_eq!(
            names("SELECT SrcAddr, t.DstAddr, sum(bytes) AS DataTransferred, count(*) FROM t")
                .items,
            vec![
                Some("SrcAddr".to_string()),
                Some("DstAddr".to_string()),
                Some("DataTransferred".to_string()),
                None
            ]
        );
        let union = names("SELECT a AS X FROM t UNION ALL SELECT b AS y FROM u");
        assert_eq!(union.items, vec![Some("X".to_string())]);
        assert!(names("SELECT *, a AS B FROM t").wildcard);
    }
}
