//! `UNLOAD (query) TO 's3://…' WITH (…)` read into its parts.
//!
//! ```text
//! UNLOAD ( SELECT … ) TO 's3://bucket/prefix/'
//!   [ WITH ( format = 'PARQUET' | 'JSON' | 'TEXTFILE' | 'ORC' | 'AVRO',
//!            compression = 'GZIP' | 'SNAPPY' | 'ZSTD' | 'NONE',
//!            compression_level = n,
//!            field_delimiter = 'c',
//!            partitioned_by = ARRAY['col', …] ) ]
//! ```
//!
//! The query is kept as text with its position in the statement, so its errors point
//! into the user's script.

use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

use super::error::UnloadError;

/// The file format UNLOAD writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnloadFormat {
    /// Apache Parquet (the default).
    Parquet,
    /// One JSON object per line (Hive's JSON SerDe).
    Json,
    /// Delimited text (Hive's LazySimpleSerDe): `\N` for NULL, one row per line.
    TextFile,
}

impl UnloadFormat {
    /// The name as written in `format = '…'`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Parquet => "PARQUET",
            Self::Json => "JSON",
            Self::TextFile => "TEXTFILE",
        }
    }
}

/// How the files are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnloadCompression {
    /// gzip (the default).
    Gzip,
    /// Snappy (Parquet only).
    Snappy,
    /// Zstandard.
    Zstd,
    /// None.
    None,
}

impl UnloadCompression {
    /// The name as written in `compression = '…'`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gzip => "GZIP",
            Self::Snappy => "SNAPPY",
            Self::Zstd => "ZSTD",
            Self::None => "NONE",
        }
    }
}

/// The `WITH` properties, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnloadOptions {
    /// `format` (default `PARQUET`).
    pub format: UnloadFormat,
    /// `compression` (default `GZIP`).
    pub compression: UnloadCompression,
    /// `compression_level`, for GZIP and ZSTD.
    pub compression_level: Option<u32>,
    /// `field_delimiter`, for TEXTFILE (default `\001`).
    pub field_delimiter: char,
    /// `partitioned_by`: the last columns of the query, written as `col=value/` folders.
    pub partitioned_by: Vec<String>,
}

impl Default for UnloadOptions {
    fn default() -> Self {
        Self {
            format: UnloadFormat::Parquet,
            compression: UnloadCompression::Gzip,
            compression_level: None,
            field_delimiter: '\u{1}',
            partitioned_by: Vec::new(),
        }
    }
}

/// An `UNLOAD` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnloadStatement {
    /// The query, as written.
    pub query: String,
    /// The 1-based line of the query's first character in the statement.
    pub query_line: usize,
    /// The 1-based column (in characters) of the query's first character in the statement.
    pub query_column: usize,
    /// The `TO` location.
    pub target: String,
    /// The `WITH` properties.
    pub options: UnloadOptions,
}

/// Read an `UNLOAD` statement; `Ok(None)` when `sql` is not one.
pub fn parse(sql: &str) -> Result<Option<UnloadStatement>, UnloadError> {
    let Ok(tokens) = Tokenizer::new(&GenericDialect {}, sql).tokenize_with_location() else {
        return Ok(None);
    };
    let tokens: Vec<TokenWithSpan> = tokens
        .into_iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    match tokens.first().map(|t| &t.token) {
        Some(Token::Word(w))
            if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("unload") => {}
        _ => return Ok(None),
    }
    let syntax = |reason: &str| UnloadError::Syntax {
        reason: reason.to_string(),
    };
    if tokens.get(1).map(|t| &t.token) != Some(&Token::LParen) {
        return Err(syntax("expected ( after UNLOAD"));
    }
    // The parenthesis that closes the query.
    let mut depth = 0usize;
    let mut close = None;
    for (i, t) in tokens.iter().enumerate().skip(1) {
        match t.token {
            Token::LParen => depth += 1,
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or_else(|| syntax("the query's ( is never closed"))?;
    if close == 2 {
        return Err(syntax("the parentheses hold no query"));
    }
    let start = tokens[1].span.end;
    let end = tokens[close].span.start;
    let query = slice(sql, (start.line, start.column), (end.line, end.column));
    let mut at = close + 1;
    let word = |i: usize, w: &str| {
        matches!(tokens.get(i).map(|t| &t.token),
            Some(Token::Word(x)) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(w))
    };
    if !word(at, "to") {
        return Err(syntax("expected TO 's3://…' after the query"));
    }
    at += 1;
    let target = match tokens.get(at).map(|t| &t.token) {
        Some(Token::SingleQuotedString(s)) => s.clone(),
        _ => {
            return Err(syntax(
                "expected the target as a quoted 's3://bucket/prefix/' after TO",
            ));
        }
    };
    at += 1;
    let mut options = UnloadOptions::default();
    let rest: Vec<&Token> = tokens[at..]
        .iter()
        .map(|t| &t.token)
        .filter(|t| !matches!(t, Token::SemiColon | Token::EOF))
        .collect();
    if !rest.is_empty() {
        if !word(at, "with") {
            return Err(syntax("expected WITH (…) or the end after the target"));
        }
        read_properties(&rest[1..], &mut options)?;
    }
    validate(&options)?;
    Ok(Some(UnloadStatement {
        query,
        query_line: start.line as usize,
        query_column: start.column as usize,
        target,
        options,
    }))
}

/// The text between two 1-based (line, column-in-characters) positions.
fn slice(sql: &str, from: (u64, u64), to: (u64, u64)) -> String {
    let offset = |(line, column): (u64, u64)| -> usize {
        let mut line_start = 0;
        for _ in 1..line {
            match sql[line_start..].find('\n') {
                Some(i) => line_start += i + 1,
                None => return sql.len(),
            }
        }
        sql[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(sql.len(), |(i, _)| line_start + i)
    };
    let (a, b) = (offset(from), offset(to));
    sql.get(a..b.max(a)).unwrap_or_default().to_string()
}

/// `( name = value, … )`.
fn read_properties(tokens: &[&Token], options: &mut UnloadOptions) -> Result<(), UnloadError> {
    let syntax = |reason: &str| UnloadError::Syntax {
        reason: reason.to_string(),
    };
    if tokens.first() != Some(&&Token::LParen) || tokens.last() != Some(&&Token::RParen) {
        return Err(syntax("the WITH properties go in parentheses"));
    }
    let inner = &tokens[1..tokens.len() - 1];
    let mut seen: Vec<String> = Vec::new();
    let mut i = 0;
    while i < inner.len() {
        let name = match inner[i] {
            Token::Word(w) => w.value.to_lowercase(),
            Token::SingleQuotedString(s) => s.to_lowercase(),
            _ => return Err(syntax("expected a property name in WITH (…)")),
        };
        if seen.contains(&name) {
            return Err(UnloadError::DuplicateProperty { name });
        }
        seen.push(name.clone());
        if inner.get(i + 1) != Some(&&Token::Eq) {
            return Err(syntax(&format!("expected = after {name}")));
        }
        i += 2;
        // The value runs to the next comma outside brackets.
        let mut j = i;
        let mut depth = 0i32;
        while j < inner.len() {
            match inner[j] {
                Token::LBracket | Token::LParen => depth += 1,
                Token::RBracket | Token::RParen => depth -= 1,
                Token::Comma if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        set_property(&name, &inner[i..j], options)?;
        i = j + 1;
    }
    Ok(())
}

fn text_of(value: &[&Token]) -> String {
    value
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join("")
}

fn string_value(
    property: &'static str,
    value: &[&Token],
    expected: &'static str,
) -> Result<String, UnloadError> {
    match value {
        [Token::SingleQuotedString(s)] => Ok(s.clone()),
        _ => Err(UnloadError::BadValue {
            property,
            value: text_of(value),
            expected,
        }),
    }
}

fn set_property(
    name: &str,
    value: &[&Token],
    options: &mut UnloadOptions,
) -> Result<(), UnloadError> {
    match name {
        "format" => {
            const EXPECTED: &str = "write 'PARQUET', 'JSON' or 'TEXTFILE'";
            let v = string_value("format", value, EXPECTED)?;
            options.format = match v.to_ascii_uppercase().as_str() {
                "PARQUET" => UnloadFormat::Parquet,
                "JSON" => UnloadFormat::Json,
                "TEXTFILE" => UnloadFormat::TextFile,
                "ORC" | "AVRO" => {
                    return Err(UnloadError::UnsupportedFormat {
                        format: v.to_ascii_uppercase(),
                    });
                }
                _ => {
                    return Err(UnloadError::BadValue {
                        property: "format",
                        value: format!("'{v}'"),
                        expected: EXPECTED,
                    });
                }
            };
        }
        "compression" => {
            const EXPECTED: &str = "write 'GZIP', 'SNAPPY', 'ZSTD' or 'NONE'";
            let v = string_value("compression", value, EXPECTED)?;
            options.compression = match v.to_ascii_uppercase().as_str() {
                "GZIP" => UnloadCompression::Gzip,
                "SNAPPY" => UnloadCompression::Snappy,
                "ZSTD" => UnloadCompression::Zstd,
                "NONE" | "UNCOMPRESSED" => UnloadCompression::None,
                _ => {
                    return Err(UnloadError::BadValue {
                        property: "compression",
                        value: format!("'{v}'"),
                        expected: EXPECTED,
                    });
                }
            };
        }
        "compression_level" => {
            let text = match value {
                [Token::Number(n, _)] => n.clone(),
                [Token::SingleQuotedString(s)] => s.clone(),
                _ => String::new(),
            };
            let level = text.parse::<u32>().map_err(|_| UnloadError::BadValue {
                property: "compression_level",
                value: text_of(value),
                expected: "write a whole number (1-9 for GZIP, 1-22 for ZSTD)",
            })?;
            options.compression_level = Some(level);
        }
        "field_delimiter" => {
            let v = string_value(
                "field_delimiter",
                value,
                "write one character in quotes, e.g. ','",
            )?;
            let mut chars = v.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => options.field_delimiter = c,
                _ => {
                    return Err(UnloadError::BadValue {
                        property: "field_delimiter",
                        value: format!("'{v}'"),
                        expected: "write exactly one character, e.g. ',' or '|'",
                    });
                }
            }
        }
        "partitioned_by" => {
            const EXPECTED: &str = "write ARRAY['column', …]";
            let bad = || UnloadError::BadValue {
                property: "partitioned_by",
                value: text_of(value),
                expected: EXPECTED,
            };
            let list = match value {
                [Token::Word(w), Token::LBracket, list @ .., Token::RBracket]
                    if w.value.eq_ignore_ascii_case("array") =>
                {
                    list
                }
                _ => return Err(bad()),
            };
            let mut names = Vec::new();
            for (k, t) in list.iter().enumerate() {
                match (k % 2, t) {
                    (0, Token::SingleQuotedString(s)) => names.push(s.to_lowercase()),
                    (0, Token::Word(w)) => names.push(w.value.to_lowercase()),
                    (1, Token::Comma) => {}
                    _ => return Err(bad()),
                }
            }
            if names.is_empty() {
                return Err(bad());
            }
            options.partitioned_by = names;
        }
        other => {
            return Err(UnloadError::UnknownProperty {
                name: other.to_string(),
            });
        }
    }
    Ok(())
}

/// Combinations flowlog cannot write.
fn validate(options: &UnloadOptions) -> Result<(), UnloadError> {
    if options.format != UnloadFormat::Parquet && options.compression == UnloadCompression::Snappy {
        return Err(UnloadError::UnsupportedCompression {
            format: options.format.name(),
            compression: "SNAPPY",
            instead: "use 'GZIP', 'ZSTD' or 'NONE' (or format = 'PARQUET')",
        });
    }
    if let Some(level) = options.compression_level {
        let max = match options.compression {
            UnloadCompression::Gzip => 9,
            UnloadCompression::Zstd => 22,
            _ => 0,
        };
        if level < 1 || level > max {
            return Err(UnloadError::BadValue {
                property: "compression_level",
                value: level.to_string(),
                expected: "1-9 for GZIP, 1-22 for ZSTD; other compressions take no level",
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_target_and_properties_are_read() {
        let s = parse(
            "UNLOAD (SELECT a, (b) FROM t WHERE c = ')')\n  TO 's3://b/p/' WITH (format = 'TEXTFILE', field_delimiter = ',', compression = 'none', partitioned_by = ARRAY['c'])",
        )
        .unwrap()
        .unwrap();
        assert_eq!(s.query, "SELECT a, (b) FROM t WHERE c = ')'");
        assert_eq!((s.query_line, s.query_column), (1, 9));
        assert_eq!(s.target, "s3://b/p/");
        assert_eq!(s.options.format, UnloadFormat::TextFile);
        assert_eq!(s.options.field_delimiter, ',');
        assert_eq!(s.options.compression, UnloadCompression::None);
        assert_eq!(s.options.partitioned_by, vec!["c".to_string()]);
    }

    #[test]
    fn defaults_are_parquet_with_gzip() {
        let s = parse("unload (select 1) to 's3://b/x/'").unwrap().unwrap();
        assert_eq!(s.options, UnloadOptions::default());
        assert_eq!(s.options.format, UnloadFormat::Parquet);
        assert_eq!(s.options.compression, UnloadCompression::Gzip);
        assert_eq!(s.options.field_delimiter, '\u{1}');
    }

    #[test]
    fn other_statements_are_not_unload() {
        assert_eq!(parse("SELECT 1").unwrap(), None);
        assert_eq!(parse("\"unload\"").unwrap(), None);
    }

    #[test]
    fn mistakes_are_named() {
        let e = |sql: &str| parse(sql).unwrap_err().to_string();
        assert!(e("UNLOAD (SELECT 1) TO 's3://b/' WITH (format = 'ORC')").contains("'ORC'"));
        assert!(e("UNLOAD (SELECT 1) TO 's3://b/' WITH (format = 'AVRO')").contains("'AVRO'"));
        assert!(e("UNLOAD (SELECT 1) TO 's3://b/' WITH (colour = 'x')").contains("colour"));
        assert!(e("UNLOAD (SELECT 1) 's3://b/'").contains("TO"));
        assert!(
            e("UNLOAD (SELECT 1) TO 's3://b/' WITH (format = 'JSON', compression = 'SNAPPY')")
                .contains("SNAPPY")
        );
        assert!(e("UNLOAD (SELECT 1) TO 's3://b/' WITH (field_delimiter = 'ab')").contains("one"));
    }
}
