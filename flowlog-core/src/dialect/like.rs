//! `LIKE` as Trino reads it: without `ESCAPE` a backslash is an ordinary character, and
//! `ESCAPE 'c'` may name any one character. DataFusion's `LIKE` always escapes with a
//! backslash and takes no other escape character, so a constant pattern is rewritten
//! into the backslash-escaped pattern that matches the same strings:
//!
//! ```text
//! '_monkey_' LIKE 'X_monkeyX_' ESCAPE 'X'   →  '_monkey_' LIKE '\_monkey\_'
//! '_monkey_' LIKE '\_monkey\_'               →  '_monkey_' LIKE '\\_monkey\\_'
//! x LIKE p ESCAPE NULL                       →  NULL
//! ```
//!
//! A pattern that is not a literal is left to DataFusion (backslash escapes).

use datafusion::sql::sqlparser::ast::{Expr, Value};

/// Rewrite one `LIKE` expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::Like {
        pattern,
        escape_char,
        any: false,
        ..
    } = expr
    else {
        return;
    };
    let escape = match escape_char.as_ref().map(|v| &v.value) {
        None => None,
        Some(Value::Null) => {
            *expr = Expr::Value(Value::Null.into());
            return;
        }
        Some(Value::SingleQuotedString(e)) if e.chars().count() == 1 => e.chars().next(),
        Some(_) => return,
    };
    let Expr::Value(value) = pattern.as_mut() else {
        return;
    };
    let Value::SingleQuotedString(text) = &value.value else {
        return;
    };
    if let Some(translated) = backslash_pattern(text, escape) {
        value.value = Value::SingleQuotedString(translated);
        *escape_char = None;
    }
}

/// The pattern `text` (escaped with `escape`, or not escaped) written with backslash
/// escapes; `None` when it ends in a lone escape character (Trino rejects it; DataFusion's
/// message is left to say so).
fn backslash_pattern(text: &str, escape: Option<char>) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if Some(c) == escape {
            let next = chars.next()?;
            out.push('\\');
            out.push(next);
        } else if c == '\\' {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(
            backslash_pattern("X_monkeyX_", Some('X')).as_deref(),
            Some("\\_monkey\\_")
        );
        assert_eq!(
            backslash_pattern("\\_monkey\\_", None).as_deref(),
            Some("\\\\_monkey\\\\_")
        );
        assert_eq!(
            backslash_pattern("a##b", Some('#')).as_deref(),
            Some("a\\#b")
        );
        assert_eq!(backslash_pattern("ab#", Some('#')), None);
        assert_eq!(backslash_pattern("mon%", None).as_deref(), Some("mon%"));
    }
}
