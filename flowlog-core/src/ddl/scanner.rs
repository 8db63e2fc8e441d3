//! The one scanner of Athena scripts: sqlparser's tokenizer under Athena's two quoting rules,
//! each token with its source text and 1-based line and column.
//!
//! * [`Quoting::Hive`] (DDL): `'…'` and `"…"` are strings in which `\` escapes the next character;
//!   `` `…` `` is an identifier.
//! * [`Quoting::Trino`] (queries): `'…'` is a string without backslash escapes; `"…"` and
//!   `` `…` `` are identifiers.
//!
//! Both: `-- …` and non-nesting `/* … */` comments; unquoted words are letters (any script),
//! digits and `_`, and may start with a digit. Literal text is kept raw (no unescaping): the
//! [`lexer`](super::lexer) applies Hive's escapes itself.

use sqlparser::dialect::Dialect;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

/// Which dialect's quoting rules apply: Athena reads DDL with Hive's and queries with Trino's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Quoting {
    /// Hive DDL: backslash escapes in `'…'` and `"…"` strings.
    Hive,
    /// Trino SQL: no backslash escapes; `"…"` is an identifier.
    Trino,
}

/// True for the characters of an unquoted word.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Dialect for Quoting {
    fn is_identifier_start(&self, c: char) -> bool {
        is_word_char(c)
    }

    fn is_identifier_part(&self, c: char) -> bool {
        is_word_char(c)
    }

    fn is_delimited_identifier_start(&self, c: char) -> bool {
        c == '`' || (c == '"' && *self == Quoting::Trino)
    }

    fn supports_string_literal_backslash_escape(&self) -> bool {
        *self == Quoting::Hive
    }

    fn supports_numeric_prefix(&self) -> bool {
        true
    }

    /// Neither dialect has `$$…$$` strings: `$` is a plain character.
    fn supports_dollar_placeholder(&self) -> bool {
        true
    }
}

/// A place in the text: byte offset and 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Position {
    /// Byte offset into the whole text.
    pub(super) offset: usize,
    /// 1-based line.
    pub(super) line: usize,
    /// 1-based column, in characters.
    pub(super) column: usize,
}

/// One sqlparser token (whitespace and comments included) with its source text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lexeme<'a> {
    /// The token; literals hold their raw text between the quotes.
    pub(super) token: Token,
    /// The token exactly as written.
    pub(super) text: &'a str,
    /// Where it starts.
    pub(super) at: Position,
}

/// The tokens of a text, up to the first one sqlparser's tokenizer rejects.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scanned<'a> {
    /// The tokens in order; together they cover the text from the start to `stop`.
    pub(super) lexemes: Vec<Lexeme<'a>>,
    /// The end of the text, or where the rejected token starts.
    pub(super) stop: Position,
    /// True if the tokenizer rejected a token (an unterminated quote or comment, …) at `stop`.
    pub(super) failed: bool,
}

/// Tokenizes `text[from.offset..]`, whose first character sits at `from.line`, `from.column`.
/// Positions on the first line are shifted by `from.column`, later lines only by `from.line`.
pub(super) fn scan(text: &str, from: Position, quoting: Quoting) -> Scanned<'_> {
    let rest = &text[from.offset..];
    let mut tokens = Vec::new();
    let failed = Tokenizer::new(&quoting, rest)
        .with_unescape(false)
        .tokenize_with_location_into_buf(&mut tokens)
        .is_err();
    let place = |at: Location, offset: usize| {
        let (line, column) = (to_usize(at.line), to_usize(at.column));
        Position {
            offset: from.offset + offset,
            line: from.line + line - 1,
            column: if line == 1 {
                from.column + column - 1
            } else {
                column
            },
        }
    };
    // Walk the characters alongside the spans to find each token's byte range.
    let mut chars = rest.char_indices().peekable();
    let mut walked = Location::new(1, 1);
    let mut lexemes = Vec::with_capacity(tokens.len());
    for TokenWithSpan { token, span } in tokens {
        let start = chars.peek().map_or(rest.len(), |&(i, _)| i);
        while walked != span.end {
            let Some((_, c)) = chars.next() else { break };
            walked = if c == '\n' {
                Location::new(walked.line + 1, 1)
            } else {
                Location::new(walked.line, walked.column + 1)
            };
        }
        let end = chars.peek().map_or(rest.len(), |&(i, _)| i);
        lexemes.push(Lexeme {
            token,
            text: &rest[start..end],
            at: place(span.start, start),
        });
    }
    let end = chars.peek().map_or(rest.len(), |&(i, _)| i);
    Scanned {
        lexemes,
        stop: place(walked, end),
        failed,
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Position = Position {
        offset: 0,
        line: 1,
        column: 1,
    };

    fn texts(scanned: &Scanned<'_>) -> Vec<(String, usize, usize, usize)> {
        scanned
            .lexemes
            .iter()
            .map(|l| (l.text.to_string(), l.at.offset, l.at.line, l.at.column))
            .collect()
    }

    #[test]
    fn lexemes_cover_the_text_with_positions() {
        let s = scan("a 'é''x'\n-- c\n `b`", START, Quoting::Hive);
        assert!(!s.failed);
        assert_eq!(
            texts(&s),
            vec![
                ("a".into(), 0, 1, 1),
                (" ".into(), 1, 1, 2),
                ("'é''x'".into(), 2, 1, 3),
                ("\n".into(), 9, 1, 9),
                ("-- c\n".into(), 10, 2, 1),
                (" ".into(), 15, 3, 1),
                ("`b`".into(), 16, 3, 2),
            ]
        );
        assert_eq!(
            s.stop,
            Position {
                offset: 19,
                line: 3,
                column: 5
            }
        );
    }

    #[test]
    fn quoting_decides_backslashes_and_double_quotes() {
        let hive = scan(r#"'a\'b' "c""#, START, Quoting::Hive);
        assert_eq!(
            hive.lexemes[0].token,
            Token::SingleQuotedString(r"a\'b".into())
        );
        assert_eq!(hive.lexemes[2].token, Token::DoubleQuotedString("c".into()));
        let trino = scan(r#"'a\' "c""#, START, Quoting::Trino);
        assert_eq!(
            trino.lexemes[0].token,
            Token::SingleQuotedString(r"a\".into())
        );
        assert_eq!(trino.lexemes[2].token, Token::make_word("c", Some('"')));
    }

    #[test]
    fn a_rejected_token_stops_the_scan_where_it_starts() {
        let s = scan("x;\n  'abc", START, Quoting::Trino);
        assert!(s.failed);
        assert_eq!(s.lexemes.len(), 5);
        assert_eq!(
            s.stop,
            Position {
                offset: 5,
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn scanning_from_a_later_position() {
        let from = Position {
            offset: 2,
            line: 4,
            column: 7,
        };
        let s = scan("..a\nb", from, Quoting::Hive);
        assert_eq!(
            texts(&s),
            vec![
                ("a".into(), 2, 4, 7),
                ("\n".into(), 3, 4, 8),
                ("b".into(), 4, 5, 1)
            ]
        );
    }
}
