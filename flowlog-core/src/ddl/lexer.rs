//! Tokens of Hive DDL, as Athena reads it, with 1-based line and column positions.
//!
//! [`scanner`](super::scanner) (sqlparser's tokenizer, Hive quoting) finds the tokens; this
//! module turns them into Hive's:
//!
//! * Whitespace is space, tab, CR, LF and form feed; a byte-order mark at the very start is skipped.
//! * `-- …` runs to the end of the line; `/* … */` does not nest.
//! * A word starts with a letter, a digit or `_` and goes on with those; a `-` between two such
//!   characters stays inside the word, so `vpc-flow-logs` is one (invalid) name, not three tokens.
//! * `` `…` `` is a quoted identifier in which `` `` `` stands for one backquote.
//! * `'…'` and `"…"` are string literals with Hive's backslash escapes. Literals written next to
//!   each other without a space (`'a''b'`, `'a'"b"`) form one literal, as in Hive's lexer.
//! * Any other ASCII character is a one-character symbol (sqlparser's `>>` in
//!   `array<array<int>>` is two); any other character is an error.

use sqlparser::tokenizer::{Token as SqlToken, Whitespace};

use super::error::DdlError;
use super::scanner::{Lexeme, Position, Quoting, is_word_char, scan};

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
    fn new(kind: TokenKind, text: &str, line: usize, column: usize) -> Self {
        let text = text.to_string();
        Token {
            kind,
            text,
            line,
            column,
        }
    }

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
    let (tokens, end, error) = tokenize_leniently(text, line, column);
    match error {
        Some(error) => Err(error),
        None => Ok(Tokens {
            tokens,
            end_line: end.line,
            end_column: end.column,
        }),
    }
}

/// The tokens before the first lexical error, the position just past the text, and that error.
pub(super) fn tokenize_leniently(
    text: &str,
    line: usize,
    column: usize,
) -> (Vec<Token>, Position, Option<DdlError>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let from = Position {
        offset: 0,
        line,
        column,
    };
    let scanned = scan(text, from, Quoting::Hive);
    let mut tokens = Vec::new();
    let stop = scanned.stop;
    let error = match convert(&scanned.lexemes, &mut tokens) {
        Err(error) => Some(error),
        Ok(()) => scanned.failed.then(|| {
            // A literal cut short after adjacent ones: the error points at the first.
            let rest = &text[stop.offset..];
            let joined = scanned.lexemes.last().is_some_and(|l| {
                matches!(
                    l.token,
                    SqlToken::SingleQuotedString(_)
                        | SqlToken::DoubleQuotedString(_)
                        | SqlToken::NationalStringLiteral(_)
                        | SqlToken::HexStringLiteral(_)
                )
            });
            let at = match tokens.last() {
                Some(t)
                    if joined
                        && matches!(t.kind, TokenKind::Str(_))
                        && rest.starts_with(['\'', '"']) =>
                {
                    Position {
                        line: t.line,
                        column: t.column,
                        ..stop
                    }
                }
                _ => stop,
            };
            rejected(rest, at)
        }),
    };
    (tokens, stop, error)
}

/// Turns sqlparser's tokens into Hive's, appending them to `tokens`.
fn convert(lexemes: &[Lexeme<'_>], tokens: &mut Vec<Token>) -> Result<(), DdlError> {
    // The previous lexeme made (or extended) the last token: no space or comment between.
    let mut touching = false;
    for (i, lexeme) in lexemes.iter().enumerate() {
        let touches_last = std::mem::replace(&mut touching, true);
        let (line, column, text) = (lexeme.at.line, lexeme.at.column, lexeme.text);
        let last = tokens.last_mut().filter(|_| touches_last);
        let unexpected = |character, column| DdlError::UnexpectedCharacter {
            character,
            line,
            column,
        };
        match &lexeme.token {
            SqlToken::Whitespace(Whitespace::SingleLineComment { .. })
            | SqlToken::Whitespace(Whitespace::MultiLineComment(_)) => touching = false,
            SqlToken::Whitespace(_) => {
                if let Some(character) = text.chars().find(|&c| !is_space(c)) {
                    return Err(unexpected(character, column));
                }
                touching = false;
            }
            SqlToken::Word(word) if word.quote_style.is_some() => {
                let value = word.value.replace("``", "`");
                tokens.push(Token::new(TokenKind::Quoted(value), text, line, column));
            }
            SqlToken::SingleQuotedString(raw) | SqlToken::DoubleQuotedString(raw) => {
                let quote = text.chars().next().unwrap_or('\'');
                let value = unescape(raw, quote, line, column + 1)?;
                match last {
                    Some(Token {
                        kind: TokenKind::Str(joined),
                        text: joined_text,
                        ..
                    }) => {
                        joined.push_str(&value);
                        joined_text.push_str(text);
                    }
                    _ => tokens.push(Token::new(TokenKind::Str(value), text, line, column)),
                }
            }
            SqlToken::NationalStringLiteral(raw) | SqlToken::HexStringLiteral(raw)
                if !starts_word(lexeme) =>
            {
                // `N'…'`, `X'…'`: to Hive, a one-letter word and then a string.
                let value = unescape(raw, '\'', line, column + 2)?;
                let (letter, literal) = text.split_at(1);
                tokens.push(Token::new(TokenKind::Word, letter, line, column));
                tokens.push(Token::new(TokenKind::Str(value), literal, line, column + 1));
            }
            _ => {
                // Words, numbers, operators (`>>` is two symbols), placeholders (`$x`), …
                let mut glue = last.is_some_and(|t| t.kind == TokenKind::Word);
                if glue && text == "-" && lexemes.get(i + 1).is_some_and(starts_word) {
                    // `vpc-flow-logs` is one word.
                    if let Some(word) = tokens.last_mut() {
                        word.text.push('-');
                    }
                    continue;
                }
                let (mut rest, mut column) = (text, column);
                while let Some(c) = rest.chars().next() {
                    let word = is_word_char(c);
                    let len = match word {
                        true => rest.find(|c| !is_word_char(c)).unwrap_or(rest.len()),
                        false if c.is_ascii_graphic() => 1,
                        false => return Err(unexpected(c, column)),
                    };
                    let (piece, tail) = rest.split_at(len);
                    if word && glue {
                        // A word sqlparser ended early (`0x1f_logs`) or continued after a `-`.
                        if let Some(last) = tokens.last_mut() {
                            last.text.push_str(piece);
                        }
                    } else {
                        let kind = if word {
                            TokenKind::Word
                        } else {
                            TokenKind::Symbol(c)
                        };
                        tokens.push(Token::new(kind, piece, line, column));
                    }
                    glue = false;
                    column += piece.chars().count();
                    rest = tail;
                }
            }
        }
    }
    Ok(())
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{0C}')
}

/// True for an unquoted lexeme that begins with a word character (a word or a number).
fn starts_word(lexeme: &Lexeme<'_>) -> bool {
    !matches!(
        lexeme.token,
        SqlToken::Word(ref w) if w.quote_style.is_some()
    ) && lexeme.text.starts_with(is_word_char)
        && !lexeme.text.contains(['\'', '"'])
}

/// The error for the token sqlparser's tokenizer rejected at the start of `rest`.
fn rejected(rest: &str, at: Position) -> DdlError {
    let (line, mut column) = (at.line, at.column);
    let mut chars = rest.chars();
    let mut first = chars.next().unwrap_or(' ');
    // `N'…` and `X'…` are one token to sqlparser; to Hive a word, then a string.
    if first.is_ascii_alphabetic() && matches!(chars.next(), Some('\'' | '"')) {
        first = '\'';
        column += 1;
    }
    match first {
        '\'' | '"' => DdlError::UnterminatedString { line, column },
        '`' => DdlError::UnterminatedIdentifier { line, column },
        '/' => DdlError::UnterminatedComment { line, column },
        character => DdlError::UnexpectedCharacter {
            character,
            line,
            column,
        },
    }
}

/// Applies Hive's `unescapeSQLString` to the raw text between the quotes of one literal, whose
/// first character sits at `line`, `column`: `\uXXXX` (surrogate pairs joined), octal
/// `\[01][0-7][0-7]`, `\0 \' \" \b \n \r \t \Z \\`, `\%` and `\_` kept with their backslash, any
/// other `\c` as `c`. A doubled quote ends one literal and starts the next: it stands for nothing.
fn unescape(raw: &str, quote: char, line: usize, column: usize) -> Result<String, DdlError> {
    let chars: Vec<char> = raw.chars().collect();
    let (mut line, mut column) = (line, column);
    let mut value = String::new();
    let mut i = 0;
    while i < chars.len() {
        let used = match chars[i] {
            '\\' => {
                1 + escape(&chars[i + 1..], &mut value).map_err(|escape| {
                    DdlError::InvalidEscape {
                        escape,
                        line,
                        column,
                    }
                })?
            }
            c if c == quote => 2,
            c => {
                value.push(c);
                1
            }
        };
        for &c in &chars[i..(i + used).min(chars.len())] {
            (line, column) = if c == '\n' {
                (line + 1, 1)
            } else {
                (line, column + 1)
            };
        }
        i += used;
    }
    Ok(value)
}

/// Decodes the escape after a backslash into `value`, returning how many characters it used,
/// or the escape as written if it names a lone UTF-16 surrogate.
fn escape(after: &[char], value: &mut String) -> Result<usize, String> {
    let hex4 = |from: usize| -> Option<u32> {
        let digits = after.get(from..from + 4)?;
        digits
            .iter()
            .try_fold(0, |acc, c| c.to_digit(16).map(|d| acc * 16 + d))
    };
    let Some(&c) = after.first() else {
        return Ok(0);
    };
    if let (Some(unit), 'u') = (hex4(1), c) {
        if (0xDC00..0xE000).contains(&unit) || !(0xD800..0xDC00).contains(&unit) {
            let decoded = char::from_u32(unit).ok_or_else(|| after[..5].iter().collect::<String>());
            value.push(decoded.map_err(|written| format!("\\{written}"))?);
            return Ok(5);
        }
        // A high surrogate needs a `\uXXXX` low surrogate right after it.
        let low = (after.get(5..7) == Some(&['\\', 'u']))
            .then(|| hex4(7))
            .flatten()
            .filter(|low| (0xDC00..0xE000).contains(low));
        return match low
            .and_then(|low| char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)))
        {
            Some(ch) => {
                value.push(ch);
                Ok(11)
            }
            None => Err(format!("\\{}", after[..5].iter().collect::<String>())),
        };
    }
    if let [a @ '0'..='1', b @ '0'..='7', d @ '0'..='7', ..] = after {
        let digit = |x: &char| u32::from(*x) - u32::from('0');
        if let Some(ch) = char::from_u32(digit(a) * 64 + digit(b) * 8 + digit(d)) {
            value.push(ch);
            return Ok(3);
        }
    }
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
    Ok(1)
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
    fn sqlparser_token_shapes_become_hive_tokens() {
        let texts = |text: &str| -> Vec<String> {
            let tokens = tokenize(text, 1, 1).unwrap().tokens;
            tokens.into_iter().map(|t| t.text).collect()
        };
        // Numbers, placeholders and hex literals split or join as Hive's words and symbols.
        assert_eq!(texts(".5 $x ?1"), vec![".", "5", "$", "x", "?", "1"]);
        assert_eq!(texts("0x1f_logs a-1"), vec!["0x1f_logs", "a-1"]);
        assert_eq!(texts("$$a$$"), vec!["$", "$", "a", "$", "$"]);
        assert_eq!(
            kinds("N'a'"),
            vec![TokenKind::Word, TokenKind::Str("a".into())]
        );
        // A literal cut short after adjacent ones is reported where the first starts.
        assert_eq!(
            tokenize("x \"a\"'b", 1, 1),
            Err(DdlError::UnterminatedString { line: 1, column: 3 })
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
