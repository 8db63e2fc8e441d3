//! A cursor over tokens with the error helpers the grammar needs.

use super::error::DdlError;
use super::lexer::{Token, TokenKind, Tokens};
use super::model::Located;

/// Reads tokens front to back; errors point at the current token or at the end of the text.
#[derive(Debug)]
pub(super) struct Cursor {
    tokens: Vec<Token>,
    pos: usize,
    end_line: usize,
    end_column: usize,
}

impl Cursor {
    pub(super) fn new(tokens: Tokens) -> Self {
        Cursor {
            tokens: tokens.tokens,
            pos: 0,
            end_line: tokens.end_line,
            end_column: tokens.end_column,
        }
    }

    pub(super) fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    pub(super) fn peek_nth(&self, n: usize) -> Option<&Token> {
        self.tokens.get(self.pos + n)
    }

    pub(super) fn is_at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    /// Takes the current token; at the end, fails with "expected `expected`".
    pub(super) fn next(&mut self, expected: &str) -> Result<Token, DdlError> {
        match self.tokens.get(self.pos) {
            Some(token) => {
                self.pos += 1;
                Ok(token.clone())
            }
            None => Err(self.unexpected(expected)),
        }
    }

    /// The error "expected `expected`, found <current token or end>".
    pub(super) fn unexpected(&self, expected: &str) -> DdlError {
        match self.peek() {
            Some(token) => DdlError::Unexpected {
                expected: expected.to_string(),
                found: token.text.clone(),
                line: token.line,
                column: token.column,
            },
            None => DdlError::UnexpectedEnd {
                expected: expected.to_string(),
                line: self.end_line,
                column: self.end_column,
            },
        }
    }

    /// True if the current token is the keyword `keyword`.
    pub(super) fn at_keyword(&self, keyword: &str) -> bool {
        self.peek().is_some_and(|t| t.is_keyword(keyword))
    }

    /// True if the current token is the symbol `c`.
    pub(super) fn at_symbol(&self, c: char) -> bool {
        self.peek().is_some_and(|t| t.is_symbol(c))
    }

    /// Consumes the keyword `keyword` if it is next.
    pub(super) fn eat_keyword(&mut self, keyword: &str) -> bool {
        let found = self.at_keyword(keyword);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consumes the symbol `c` if it is next.
    pub(super) fn eat_symbol(&mut self, c: char) -> bool {
        let found = self.at_symbol(c);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consumes the keyword `keyword` or fails naming it.
    pub(super) fn expect_keyword(&mut self, keyword: &str) -> Result<Token, DdlError> {
        if self.at_keyword(keyword) {
            self.next(keyword)
        } else {
            Err(self.unexpected(keyword))
        }
    }

    /// Consumes the symbol `c` or fails naming it.
    pub(super) fn expect_symbol(&mut self, c: char) -> Result<Token, DdlError> {
        let expected = format!("\"{c}\"");
        if self.at_symbol(c) {
            self.next(&expected)
        } else {
            Err(self.unexpected(&expected))
        }
    }

    /// Consumes a string literal, returning its value and position.
    pub(super) fn expect_string(&mut self, expected: &str) -> Result<Located<String>, DdlError> {
        match self.peek() {
            Some(Token {
                kind: TokenKind::Str(value),
                line,
                column,
                ..
            }) => {
                let located = Located {
                    value: value.clone(),
                    line: *line,
                    column: *column,
                };
                self.pos += 1;
                Ok(located)
            }
            _ => Err(self.unexpected(expected)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn cursor(text: &str) -> Cursor {
        Cursor::new(tokenize(text, 1, 1).unwrap())
    }

    #[test]
    fn keywords_and_symbols() {
        let mut c = cursor("Stored AS ( 'x'");
        assert!(c.at_keyword("STORED"));
        assert!(!c.eat_keyword("ROW"));
        assert!(c.eat_keyword("stored"));
        assert_eq!(c.peek_nth(1).map(|t| t.text.as_str()), Some("("));
        assert!(c.expect_keyword("as").is_ok());
        assert!(c.eat_symbol('('));
        assert_eq!(
            c.expect_string("a string").unwrap(),
            Located {
                value: "x".into(),
                line: 1,
                column: 13
            }
        );
        assert!(c.is_at_end());
    }

    #[test]
    fn errors_point_at_token_or_end() {
        let mut c = cursor("a\n  b");
        assert_eq!(
            c.expect_symbol('('),
            Err(DdlError::Unexpected {
                expected: "\"(\"".into(),
                found: "a".into(),
                line: 1,
                column: 1
            })
        );
        c.next("x").unwrap();
        assert_eq!(
            c.expect_keyword("TABLE"),
            Err(DdlError::Unexpected {
                expected: "TABLE".into(),
                found: "b".into(),
                line: 2,
                column: 3
            })
        );
        c.next("x").unwrap();
        assert_eq!(
            c.expect_string("a string literal"),
            Err(DdlError::UnexpectedEnd {
                expected: "a string literal".into(),
                line: 2,
                column: 4
            })
        );
    }
}
