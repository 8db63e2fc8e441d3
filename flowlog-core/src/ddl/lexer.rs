//! Tokens of Hive DDL, as Athena reads it, with 1-based line and column positions.
//!
//! * Whitespace is space, tab, CR, LF and form feed; a byte-order mark at the very start is skipped.
//! * `-- …` runs to the end of the line; `/* … */` does not nest.
//! * A word starts with a letter, a digit or `_` and goes on with those; a `-` between two such
//!   characters stays inside the word, so `vpc-flow-logs` is one (invalid) name, not three tokens.
//! * `` `…` `` is a quoted identifier in which `` `` `` stands for one backquote.
//! * `'…'` and `"…"` are string literals with Hive's backslash escapes. Literals written next to
//!   each other without a space (`'a''b'`, `'a'"b"`) form one literal, as in Hive's lexer.
//! * Any other ASCII character is a one-character symbol; any other character is an error.

use super::error::DdlError;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TokenKind {
    /// An unquoted word: keyword, name, type name or number (its text is in [`Token::text`]).
    Word,
    /// A backquoted identifier, with its value after undoubling backquotes.
    Quoted(String),
    /// A string literal, with its value after Hive's unescaping.
    Str(String),
    /// A one-character symbol such as `(`, `,`, `=` or `<`.
    Symbol(char),
}

/// One token with its source text and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) kind: TokenKind,
    /// The token exactly as written in the source.
    pub(super) text: String,
    pub(super) line: usize,
    pub(super) column: usize,
}

impl Token {
    /// True if this is the unquoted word `keyword` (ASCII case-insensitive).
    pub(super) fn is_keyword(&self, keyword: &str) -> bool {
        self.kind == TokenKind::Word && self.text.eq_ignore_ascii_case(keyword)
    }

    /// True if this is the symbol `c`.
    pub(super) fn is_symbol(&self, c: char) -> bool {
        self.kind == TokenKind::Symbol(c)
    }
}

/// All tokens of a text and the position just past its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tokens {
    pub(super) tokens: Vec<Token>,
    pub(super) end_line: usize,
    pub(super) end_column: usize,
}

/// Tokenizes `text`, whose first character sits at `line`, `column`.
pub(super) fn tokenize(text: &str, line: usize, column: usize) -> Result<Tokens, DdlError> {
    let mut lexer = Lexer::new(text, line, column);
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next_token()? {
        tokens.push(token);
    }
    Ok(Tokens {
        tokens,
        end_line: lexer.line,
        end_column: lexer.column,
    })
}

/// A streaming tokenizer; [`tokenize`] collects it.
#[derive(Debug)]
pub(super) struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    column: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{0C}')
}

impl Lexer {
    pub(super) fn new(text: &str, line: usize, column: usize) -> Self {
        let mut chars: Vec<char> = text.chars().collect();
        if chars.first() == Some(&'\u{FEFF}') {
            chars.remove(0);
        }
        Lexer {
            chars,
            pos: 0,
            line,
            column,
        }
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Skips whitespace and comments.
    fn skip_trivia(&mut self) -> Result<(), DdlError> {
        loop {
            match (self.peek_at(0), self.peek_at(1)) {
                (Some(c), _) if is_space(c) => {
                    self.bump();
                }
                (Some('-'), Some('-')) => {
                    while let Some(c) = self.peek_at(0) {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let (line, column) = (self.line, self.column);
                    self.bump();
                    self.bump();
                    loop {
                        match (self.peek_at(0), self.peek_at(1)) {
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                break;
                            }
                            (Some(_), _) => {
                                self.bump();
                            }
                            (None, _) => {
                                return Err(DdlError::UnterminatedComment { line, column });
                            }
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// The next token, `None` at the end of the text.
    pub(super) fn next_token(&mut self) -> Result<Option<Token>, DdlError> {
        self.skip_trivia()?;
        let (line, column, start) = (self.line, self.column, self.pos);
        let Some(c) = self.peek_at(0) else {
            return Ok(None);
        };
        let kind = if is_word_char(c) {
            self.bump();
            while let Some(c) = self.peek_at(0) {
                let joins = c == '-' && self.peek_at(1).is_some_and(is_word_char);
                if !(is_word_char(c) || joins) {
                    break;
                }
                self.bump();
            }
            TokenKind::Word
        } else if c == '`' {
            TokenKind::Quoted(self.quoted_identifier(line, column)?)
        } else if c == '\'' || c == '"' {
            TokenKind::Str(self.string_literal(line, column)?)
        } else if c.is_ascii_graphic() {
            self.bump();
            TokenKind::Symbol(c)
        } else {
            return Err(DdlError::UnexpectedCharacter {
                character: c,
                line,
                column,
            });
        };
        Ok(Some(Token {
            kind,
            text: self.chars[start..self.pos].iter().collect(),
            line,
            column,
        }))
    }

    fn quoted_identifier(&mut self, line: usize, column: usize) -> Result<String, DdlError> {
        self.bump();
        let mut value = String::new();
        loop {
            match self.bump() {
                Some('`') if self.peek_at(0) == Some('`') => {
                    self.bump();
                    value.push('`');
                }
                Some('`') => return Ok(value),
                Some(c) => value.push(c),
                None => return Err(DdlError::UnterminatedIdentifier { line, column }),
            }
        }
    }

    /// One or more adjacent quoted pieces, unescaped and concatenated.
    fn string_literal(&mut self, line: usize, column: usize) -> Result<String, DdlError> {
        let mut value = String::new();
        while let Some(quote) = self.peek_at(0).filter(|&q| q == '\'' || q == '"') {
            self.bump();
            loop {
                let (esc_line, esc_column) = (self.line, self.column);
                match self.bump() {
                    None => return Err(DdlError::UnterminatedString { line, column }),
                    Some(c) if c == quote => break,
                    Some('\\') => self.escape(&mut value, esc_line, esc_column, line, column)?,
                    Some(c) => value.push(c),
                }
            }
        }
        Ok(value)
    }

    /// Four hex digits `offset` characters ahead, as a UTF-16 code unit.
    fn hex4(&self, offset: usize) -> Option<u32> {
        (0..4).try_fold(0u32, |acc, i| {
            self.peek_at(offset + i)
                .and_then(|c| c.to_digit(16))
                .map(|d| acc * 16 + d)
        })
    }

    /// Decodes the escape whose backslash was just consumed, following Hive's
    /// `unescapeSQLString`: `\uXXXX`, octal `\[01][0-7][0-7]`, `\0 \' \" \b \n \r \t \Z \\`,
    /// `\%` and `\_` kept with their backslash, any other `\c` as `c`.
    fn escape(
        &mut self,
        value: &mut String,
        line: usize,
        column: usize,
        string_line: usize,
        string_column: usize,
    ) -> Result<(), DdlError> {
        let Some(c) = self.peek_at(0) else {
            return Err(DdlError::UnterminatedString {
                line: string_line,
                column: string_column,
            });
        };
        if c == 'u' {
            self.bump();
            if let Some(unit) = self.hex4(0) {
                let mut written: String = self.chars[self.pos..self.pos + 4].iter().collect();
                for _ in 0..4 {
                    self.bump();
                }
                let decoded = if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate needs a `\uXXXX` low surrogate right after it.
                    let low = (self.peek_at(0) == Some('\\') && self.peek_at(1) == Some('u'))
                        .then(|| self.hex4(2))
                        .flatten()
                        .filter(|low| (0xDC00..0xE000).contains(low));
                    match low {
                        Some(low) => {
                            for _ in 0..6 {
                                self.bump();
                            }
                            char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                        }
                        None => None,
                    }
                } else {
                    char::from_u32(unit)
                };
                return match decoded {
                    Some(ch) => {
                        value.push(ch);
                        Ok(())
                    }
                    None => {
                        written.insert_str(0, "\\u");
                        Err(DdlError::InvalidEscape {
                            escape: written,
                            line,
                            column,
                        })
                    }
                };
            }
            value.push('u');
            return Ok(());
        }
        let octal = match (self.peek_at(0), self.peek_at(1), self.peek_at(2)) {
            (Some(a @ '0'..='1'), Some(b @ '0'..='7'), Some(d @ '0'..='7')) => {
                let digit = |x: char| u32::from(x) - u32::from('0');
                char::from_u32(digit(a) * 64 + digit(b) * 8 + digit(d))
            }
            _ => None,
        };
        if let Some(ch) = octal {
            for _ in 0..3 {
                self.bump();
            }
            value.push(ch);
            return Ok(());
        }
        self.bump();
        match c {
            '0' => value.push('\0'),
            'b' => value.push('\u{08}'),
            'n' => value.push('\n'),
            'r' => value.push('\r'),
            't' => value.push('\t'),
            'Z' => value.push('\u{1A}'),
            '%' | '_' => {
                value.push('\\');
                value.push(c);
            }
            other => value.push(other),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        match tokenize(text, 1, 1) {
            Ok(t) => t.tokens.into_iter().map(|t| t.kind).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    fn string(text: &str) -> String {
        match kinds(text).as_slice() {
            [TokenKind::Str(s)] => s.clone(),
            other => panic!("not one string: {other:?}"),
        }
    }

    fn word(s: &str) -> Token {
        Token {
            kind: TokenKind::Word,
            text: s.into(),
            line: 0,
            column: 0,
        }
    }

    #[test]
    fn positions_count_characters_and_lines() {
        let t = tokenize("CREATE  x\n  `組織名` (y", 1, 1).unwrap();
        let pos: Vec<(String, usize, usize)> = t
            .tokens
            .iter()
            .map(|t| (t.text.clone(), t.line, t.column))
            .collect();
        assert_eq!(
            pos,
            vec![
                ("CREATE".to_string(), 1, 1),
                ("x".to_string(), 1, 9),
                ("`組織名`".to_string(), 2, 3),
                ("(".to_string(), 2, 9),
                ("y".to_string(), 2, 10),
            ]
        );
        assert_eq!((t.end_line, t.end_column), (2, 11));
    }

    #[test]
    fn start_offset_applies_to_first_line_only() {
        let t = tokenize("a\nb", 5, 20).unwrap();
        assert_eq!((t.tokens[0].line, t.tokens[0].column), (5, 20));
        assert_eq!((t.tokens[1].line, t.tokens[1].column), (6, 1));
    }

    #[test]
    fn crlf_and_bom() {
        let t = tokenize("\u{FEFF}a\r\n b", 1, 1).unwrap();
        assert_eq!((t.tokens[0].line, t.tokens[0].column), (1, 1));
        assert_eq!((t.tokens[1].line, t.tokens[1].column), (2, 2));
    }

    #[test]
    fn comments_are_skipped() {
        assert_eq!(
            kinds("a -- b ; 'c\n/* d\n e */ f/**/g -- end"),
            vec![TokenKind::Word, TokenKind::Word, TokenKind::Word]
        );
        let t = tokenize("/* x */ y", 1, 1).unwrap();
        assert_eq!(t.tokens[0].column, 9);
    }

    #[test]
    fn words_keep_inner_hyphens() {
        let t = tokenize("vpc-flow-logs int--c\nx- y", 1, 1).unwrap();
        let texts: Vec<&str> = t.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, vec!["vpc-flow-logs", "int", "x", "-", "y"]);
        assert!(t.tokens[1].is_keyword("INT"));
        assert!(!word("int").is_keyword("bigint"));
    }

    #[test]
    fn non_ascii_letters_are_word_characters() {
        let t = tokenize("vpc_flow_logs_組織名 (", 1, 1).unwrap();
        assert_eq!(t.tokens[0].text, "vpc_flow_logs_組織名");
        assert!(t.tokens[1].is_symbol('('));
    }

    #[test]
    fn greater_than_signs_are_separate_symbols() {
        assert_eq!(
            kinds("a<b<c>>"),
            vec![
                TokenKind::Word,
                TokenKind::Symbol('<'),
                TokenKind::Word,
                TokenKind::Symbol('<'),
                TokenKind::Word,
                TokenKind::Symbol('>'),
                TokenKind::Symbol('>'),
            ]
        );
    }

    #[test]
    fn backquoted_identifiers() {
        assert_eq!(
            kinds("`aws-account-id` `a``b` ``"),
            vec![
                TokenKind::Quoted("aws-account-id".into()),
                TokenKind::Quoted("a`b".into()),
                TokenKind::Quoted(String::new()),
            ]
        );
        assert_eq!(
            tokenize("x `abc", 1, 1),
            Err(DdlError::UnterminatedIdentifier { line: 1, column: 3 })
        );
    }

    #[test]
    fn string_literals_and_hive_escapes() {
        assert_eq!(string("'s3://b/p/'"), "s3://b/p/");
        assert_eq!(string("\"projection.enabled\""), "projection.enabled");
        assert_eq!(string("' '"), " ");
        assert_eq!(string(r"'it\'s'"), "it's");
        assert_eq!(string(r#""say \"hi\"""#), "say \"hi\"");
        assert_eq!(
            string(r"'a\tb\nc\rd\be\Zf\0g\\h'"),
            "a\tb\nc\rd\u{8}e\u{1A}f\0g\\h"
        );
        // Hive keeps the backslash of \% and \_ (MySQL-style LIKE escapes).
        assert_eq!(string(r"'\%\_'"), "\\%\\_");
        // Any other escaped character stands for itself.
        assert_eq!(string(r"'\q\/'"), "q/");
        // Octal escapes: \001 is Hive's default field delimiter Ctrl-A.
        assert_eq!(string(r"'\001'"), "\u{1}");
        assert_eq!(string(r"'\011x'"), "\tx");
        assert_eq!(string(r"'\177'"), "\u{7F}");
        // \2.. is not octal (first digit must be 0 or 1): it is the character 2.
        assert_eq!(string(r"'\200'"), "200");
        // \0 followed by a non-octal digit is NUL.
        assert_eq!(string(r"'\09'"), "\u{0}9");
        // Unicode escapes, including a surrogate pair.
        assert_eq!(string(r"'\u00e9\u3042'"), "éあ");
        assert_eq!(string(r"'\uD83D\uDE00'"), "\u{1F600}");
        // \u not followed by four hex digits is the letter u.
        assert_eq!(string(r"'\u12'"), "u12");
        // Adjacent literals join, as in Hive's lexer.
        assert_eq!(string("'it''s'"), "its");
        assert_eq!(string("'a'\"b\""), "ab");
        assert_eq!(kinds("'a' 'b'").len(), 2);
        // Non-ASCII content is kept.
        assert_eq!(string("'組織名'"), "組織名");
    }

    #[test]
    fn string_errors() {
        assert_eq!(
            tokenize("x\n  'abc", 1, 1),
            Err(DdlError::UnterminatedString { line: 2, column: 3 })
        );
        assert_eq!(
            tokenize(r"'abc\'", 1, 1),
            Err(DdlError::UnterminatedString { line: 1, column: 1 })
        );
        assert_eq!(
            tokenize(r"'abc\", 1, 1),
            Err(DdlError::UnterminatedString { line: 1, column: 1 })
        );
        assert_eq!(
            tokenize(r"'ab\uD800'", 1, 1),
            Err(DdlError::InvalidEscape {
                escape: "\\uD800".into(),
                line: 1,
                column: 4
            })
        );
        assert_eq!(
            tokenize(r"'\uDC00'", 1, 1),
            Err(DdlError::InvalidEscape {
                escape: "\\uDC00".into(),
                line: 1,
                column: 2
            })
        );
    }

    #[test]
    fn other_errors() {
        assert_eq!(
            tokenize("a /* b", 1, 1),
            Err(DdlError::UnterminatedComment { line: 1, column: 3 })
        );
        assert_eq!(
            tokenize("int,\u{3000}x", 1, 1),
            Err(DdlError::UnexpectedCharacter {
                character: '\u{3000}',
                line: 1,
                column: 5
            })
        );
        assert_eq!(
            tokenize("(a\u{FF09}", 1, 1),
            Err(DdlError::UnexpectedCharacter {
                character: '\u{FF09}',
                line: 1,
                column: 3
            })
        );
    }

    #[test]
    fn empty_and_trivia_only() {
        assert!(tokenize("", 1, 1).unwrap().tokens.is_empty());
        assert!(
            tokenize("  -- x\n /* y */ ", 1, 1)
                .unwrap()
                .tokens
                .is_empty()
        );
    }
}
