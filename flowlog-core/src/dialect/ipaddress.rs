//! Trino's `IPADDRESS` type in casts and literals.
//!
//! ```text
//! CAST(x AS IPADDRESS)      ──► to_ipaddress(x)
//! TRY_CAST(x AS IPADDRESS)  ──► try_to_ipaddress(x)
//! IPADDRESS '10.0.0.1'      ──► to_ipaddress('10.0.0.1')
//! ```
//!
//! `CAST(ip AS VARCHAR)` is handled after type resolution, by
//! `functions::network::IpAddressCasts`.

use std::borrow::Cow;

use datafusion::sql::sqlparser::ast::{CastKind, DataType, Expr, Value};
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Location, Token, Tokenizer};

use super::ast::call;

fn is_ipaddress(t: &DataType) -> bool {
    match t {
        DataType::Custom(name, modifiers) => {
            modifiers.is_empty()
                && name.0.len() == 1
                && name.0[0]
                    .as_ident()
                    .is_some_and(|i| i.value.eq_ignore_ascii_case("ipaddress"))
        }
        _ => false,
    }
}

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    match expr {
        Expr::Cast {
            kind,
            expr: inner,
            data_type,
            ..
        } if is_ipaddress(data_type) => {
            let name = match kind {
                CastKind::TryCast | CastKind::SafeCast => "try_to_ipaddress",
                _ => "to_ipaddress",
            };
            let inner = std::mem::replace(inner.as_mut(), Expr::Value(Value::Null.into()));
            *expr = call(name, vec![inner]);
        }
        Expr::TypedString(ts) if is_ipaddress(&ts.data_type) => {
            let literal = Expr::Value(ts.value.clone());
            *expr = call("to_ipaddress", vec![literal]);
        }
        _ => {}
    }
}

/// Byte offset of a tokenizer location (1-based line and character column).
pub(crate) fn offset(sql: &str, at: Location) -> Option<usize> {
    let line_start = if at.line <= 1 {
        0
    } else {
        sql.match_indices('\n').nth(at.line as usize - 2)?.0 + 1
    };
    let column = usize::try_from(at.column).ok()?.checked_sub(1)?;
    let rest = &sql[line_start..];
    Some(
        line_start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// `IPADDRESS '…'` literals, which the SQL parser does not read as typed literals,
/// become `to_ipaddress('…')` calls.
pub(crate) fn rewrite_literals(sql: &str) -> Cow<'_, str> {
    if !sql.to_ascii_lowercase().contains("ipaddress") {
        return Cow::Borrowed(sql);
    }
    let Ok(tokens) = Tokenizer::new(&GenericDialect {}, sql).tokenize_with_location() else {
        return Cow::Borrowed(sql);
    };
    // (start of the word, end of the word) for each IPADDRESS followed by a string.
    let mut words = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Token::Word(w) = &t.token else { continue };
        if w.quote_style.is_some() || !w.value.eq_ignore_ascii_case("ipaddress") {
            continue;
        }
        let next = tokens[i + 1..]
            .iter()
            .find(|t| !matches!(t.token, Token::Whitespace(_)));
        if let Some(next) = next
            && let Token::SingleQuotedString(_) = next.token
            && let (Some(a), Some(b), Some(c)) = (
                offset(sql, t.span.start),
                offset(sql, t.span.end),
                offset(sql, next.span.end),
            )
        {
            words.push((a, b, c));
        }
    }
    if words.is_empty() {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len() + words.len() * 8);
    let mut last = 0;
    for (start, word_end, string_end) in words {
        out.push_str(&sql[last..start]);
        out.push_str("to_ipaddress(");
        out.push_str(&sql[word_end..string_end]);
        out.push(')');
        last = string_end;
    }
    out.push_str(&sql[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::rewrite_literals;

    #[test]
    fn literals_become_calls() {
        assert_eq!(
            rewrite_literals("select IPADDRESS '10.0.0.1' < ipaddress\n'::1', 'ipaddress'"),
            "select to_ipaddress( '10.0.0.1') < to_ipaddress(\n'::1'), 'ipaddress'"
        );
    }
}
