//! Trino's `VALUES` lists that the SQL parser does not read, rewritten in the text:
//! rows that are single expressions, and `VALUES` as the subquery of a quantified
//! comparison or `IN`.
//!
//! ```text
//! VALUES 1, 2, (3)                  ──► VALUES (1), (2), (3)
//! v > ALL (VALUES 0, 1)             ──► v > ALL (SELECT * FROM (VALUES (0), (1)))
//! ```
//!
//! A row written in parentheses or as `ROW(…)` is left as it is (`VALUES (1, 2)` is one
//! row of two columns in both dialects).

use std::borrow::Cow;

use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::keywords::Keyword;
use datafusion::sql::sqlparser::tokenizer::{Token, Tokenizer};

use super::ipaddress::offset;

/// A significant token with its byte range in the text.
struct Lexeme {
    token: Token,
    start: usize,
    end: usize,
}

fn is_keyword(t: &Token, keyword: Keyword) -> bool {
    matches!(t, Token::Word(w) if w.quote_style.is_none() && w.keyword == keyword)
}

/// Words after which a `VALUES` list ends (at its own nesting level).
const ENDS_LIST: [Keyword; 7] = [
    Keyword::ORDER,
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::FETCH,
    Keyword::UNION,
    Keyword::INTERSECT,
    Keyword::EXCEPT,
];

/// Rewrite the `VALUES` lists of `sql` as described in the module documentation.
pub(crate) fn rewrite(sql: &str) -> Cow<'_, str> {
    if !sql.to_ascii_lowercase().contains("values") {
        return Cow::Borrowed(sql);
    }
    let Ok(tokens) = Tokenizer::new(&GenericDialect {}, sql).tokenize_with_location() else {
        return Cow::Borrowed(sql);
    };
    let mut lexemes = Vec::new();
    for t in tokens {
        if matches!(t.token, Token::Whitespace(_)) {
            continue;
        }
        let (Some(start), Some(end)) = (offset(sql, t.span.start), offset(sql, t.span.end)) else {
            return Cow::Borrowed(sql);
        };
        lexemes.push(Lexeme {
            token: t.token,
            start,
            end,
        });
    }
    let mut inserts: Vec<(usize, &'static str)> = Vec::new();
    for (i, lexeme) in lexemes.iter().enumerate() {
        if !is_keyword(&lexeme.token, Keyword::VALUES) {
            continue;
        }
        let end = rows(&lexemes, i + 1, &mut inserts);
        // `ALL (VALUES …)`: the parser reads only `SELECT` or `WITH` as a subquery there.
        if i >= 2
            && lexemes[i - 1].token == Token::LParen
            && [Keyword::ALL, Keyword::ANY, Keyword::SOME, Keyword::IN]
                .iter()
                .any(|k| is_keyword(&lexemes[i - 2].token, *k))
            && lexemes.get(end).is_some_and(|l| l.token == Token::RParen)
        {
            inserts.push((lexeme.start, "SELECT * FROM ("));
            inserts.push((lexemes[end].start, ")"));
        }
    }
    if inserts.is_empty() {
        return Cow::Borrowed(sql);
    }
    // Stable: of two insertions at one place, the one recorded first goes first.
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(sql.len() + inserts.len() * 2);
    let mut last = 0;
    for (at, text) in inserts {
        out.push_str(&sql[last..at]);
        out.push_str(text);
        last = at;
    }
    out.push_str(&sql[last..]);
    Cow::Owned(out)
}

/// Record the parentheses for the bare rows of the `VALUES` list starting at lexeme
/// `first`; returns the index of the lexeme that ends the list.
fn rows(lexemes: &[Lexeme], first: usize, inserts: &mut Vec<(usize, &'static str)>) -> usize {
    let mut i = first;
    loop {
        let start = i;
        let mut depth = 0usize;
        while let Some(l) = lexemes.get(i) {
            match &l.token {
                Token::LParen | Token::LBracket => depth += 1,
                Token::RParen | Token::RBracket if depth == 0 => break,
                Token::RParen | Token::RBracket => depth -= 1,
                Token::Comma | Token::SemiColon if depth == 0 => break,
                t if depth == 0 && ENDS_LIST.iter().any(|k| is_keyword(t, *k)) => break,
                _ => {}
            }
            i += 1;
        }
        if i > start && !is_parenthesized_row(&lexemes[start..i]) {
            inserts.push((lexemes[start].start, "("));
            inserts.push((lexemes[i - 1].end, ")"));
        }
        match lexemes.get(i) {
            Some(l) if l.token == Token::Comma => i += 1,
            _ => return i,
        }
    }
}

/// Whether a row is `( … )` as a whole, or `ROW(…)`.
fn is_parenthesized_row(row: &[Lexeme]) -> bool {
    if is_keyword(&row[0].token, Keyword::ROW) {
        return true;
    }
    if row[0].token != Token::LParen {
        return false;
    }
    let mut depth = 0usize;
    for (i, l) in row.iter().enumerate() {
        match l.token {
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == row.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn bare_rows_get_parentheses() {
        assert_eq!(
            rewrite("SELECT * FROM (VALUES 1, 2, 3) t(x)"),
            "SELECT * FROM (VALUES (1), (2), (3)) t(x)"
        );
        assert_eq!(
            rewrite("VALUES 1, (2), (3, 4), ROW(5, 6)"),
            "VALUES (1), (2), (3, 4), ROW(5, 6)"
        );
        assert_eq!(rewrite("VALUES (1) + 2, 'a'"), "VALUES ((1) + 2), ('a')");
        assert_eq!(
            rewrite("SELECT x FROM (VALUES CASE WHEN true THEN 1 END, f(1, 2)) t(x) ORDER BY 1"),
            "SELECT x FROM (VALUES (CASE WHEN true THEN 1 END), (f(1, 2))) t(x) ORDER BY 1"
        );
        assert_eq!(
            rewrite("VALUES 1 UNION ALL VALUES 2"),
            "VALUES (1) UNION ALL VALUES (2)"
        );
        assert_eq!(rewrite("SELECT 'values 1, 2'"), "SELECT 'values 1, 2'");
    }

    #[test]
    fn quantified_values_become_subqueries() {
        assert_eq!(
            rewrite("SELECT v > ALL (VALUES 0, 1), v = ANY (VALUES (1)), v IN (VALUES 2)"),
            "SELECT v > ALL (SELECT * FROM (VALUES (0), (1))), v = ANY (SELECT * FROM (VALUES (1))), v IN (SELECT * FROM (VALUES (2)))"
        );
    }
}
