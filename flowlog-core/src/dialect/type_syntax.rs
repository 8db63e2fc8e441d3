//! Trino's container type syntax in `CAST` and `TRY_CAST`, read by the parser.
//!
//! ```text
//! ARRAY(T)                 ──► ARRAY<T>
//! MAP(K, V)                ──► MAP(K, V)            (planned by `type_planner`)
//! ROW(x bigint, y varchar) ──► STRUCT<x bigint, y varchar>
//! ROW(bigint, varchar)     ──► STRUCT<bigint, varchar>   (fields named c0, c1, …)
//! ```
//!
//! sqlparser reads `ARRAY(…)` only in ClickHouse's dialect and `ROW(…)` not at all (it
//! becomes a custom type whose arguments are bare words), so [`parse_cast`] reads the
//! whole cast itself whenever its type is one of these, nested to any depth; any other
//! type is read by sqlparser as before.
//!
//! A cast to a type with a row in it is then rewritten ([`rewrite`]) to
//! `functions::array::container_cast`, which casts rows by position as Trino does:
//!
//! ```text
//! CAST(x AS ROW(a bigint))  ──►  "$cast_container"(x, CAST(NULL AS STRUCT<a BIGINT>), false)
//! ```

use datafusion::sql::sqlparser::ast::{
    ArrayElemTypeDef, CastKind, DataType, Expr, StructBracketKind, StructField, Value,
};
use datafusion::sql::sqlparser::keywords::Keyword;
use datafusion::sql::sqlparser::parser::{Parser, ParserError};
use datafusion::sql::sqlparser::tokenizer::Token;

use super::ast::call;
use crate::functions::array::container_cast::CAST_CONTAINER;

/// Whether a type has a row somewhere in it.
fn has_row(t: &DataType) -> bool {
    match t {
        DataType::Struct(_, _) => true,
        DataType::Array(ArrayElemTypeDef::AngleBracket(inner)) => has_row(inner),
        DataType::Map(key, value) => has_row(key) || has_row(value),
        _ => false,
    }
}

/// Rewrite one expression (called bottom-up on every expression): a cast to a type with
/// a row in it becomes a call of `"$cast_container"` (see the module docs).
pub(crate) fn rewrite(expr: &mut Expr) {
    let Expr::Cast {
        kind,
        expr: inner,
        data_type,
        format: None,
        ..
    } = expr
    else {
        return;
    };
    if !has_row(data_type) || matches!(inner.as_ref(), Expr::Value(v) if v.value == Value::Null) {
        return;
    }
    let typed_null = Expr::Cast {
        kind: CastKind::Cast,
        expr: Box::new(Expr::value(Value::Null)),
        data_type: data_type.clone(),
        array: false,
        format: None,
    };
    let is_try = matches!(kind, CastKind::TryCast | CastKind::SafeCast);
    let value = std::mem::replace(inner.as_mut(), Expr::value(Value::Null));
    *expr = call(
        quoted(CAST_CONTAINER),
        vec![value, typed_null, Expr::value(Value::Boolean(is_try))],
    );
}

fn quoted(name: &str) -> datafusion::sql::sqlparser::ast::Ident {
    datafusion::sql::sqlparser::ast::Ident::with_quote('"', name)
}

/// The word `n` tokens ahead, upper-cased, if it is an unquoted word.
fn word_ahead(parser: &Parser, n: usize) -> Option<String> {
    match &parser.peek_nth_token_ref(n).token {
        Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

/// Whether a container type `ARRAY(`, `MAP(` or `ROW(` starts `n` tokens ahead.
fn container_ahead(parser: &Parser, n: usize) -> bool {
    matches!(
        word_ahead(parser, n).as_deref(),
        Some("ARRAY" | "MAP" | "ROW")
    ) && parser.peek_nth_token_ref(n + 1).token == Token::LParen
}

/// Whether the cast starting at the parser's position names a container type in Trino's
/// syntax somewhere in its target type. Looks ahead without consuming.
fn cast_has_container_type(parser: &Parser) -> bool {
    // Find the `AS` at parenthesis depth 1 after `CAST (`, then look at the type.
    let mut depth = 0usize;
    let mut n = 1;
    loop {
        match &parser.peek_nth_token_ref(n).token {
            Token::EOF => return false,
            Token::LParen => depth += 1,
            Token::RParen => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return false;
                }
            }
            Token::Word(w) if depth == 1 && w.keyword == Keyword::AS => {
                return container_ahead(parser, n + 1);
            }
            _ => {}
        }
        n += 1;
    }
}

/// The dialect's prefix hook: `CAST(x AS <type>)` / `TRY_CAST(…)` whose type is written
/// with Trino's container syntax; `None` (sqlparser reads it) for any other expression.
pub(crate) fn parse_cast(parser: &mut Parser) -> Option<Result<Expr, ParserError>> {
    let kind = match word_ahead(parser, 0).as_deref() {
        Some("CAST") => CastKind::Cast,
        Some("TRY_CAST") => CastKind::TryCast,
        _ => return None,
    };
    if parser.peek_nth_token_ref(1).token != Token::LParen || !cast_has_container_type(parser) {
        return None;
    }
    Some(read_cast(parser, kind))
}

fn read_cast(parser: &mut Parser, kind: CastKind) -> Result<Expr, ParserError> {
    parser.advance_token();
    parser.expect_token(&Token::LParen)?;
    let expr = parser.parse_expr()?;
    parser.expect_keyword_is(Keyword::AS)?;
    let data_type = parse_type(parser)?;
    parser.expect_token(&Token::RParen)?;
    Ok(Expr::Cast {
        kind,
        expr: Box::new(expr),
        data_type,
        array: false,
        format: None,
    })
}

/// One type, in Trino's syntax for containers and sqlparser's for the rest.
pub(crate) fn parse_type(parser: &mut Parser) -> Result<DataType, ParserError> {
    if !container_ahead(parser, 0) {
        return parser.parse_data_type();
    }
    let name = word_ahead(parser, 0).unwrap_or_default();
    parser.advance_token();
    parser.expect_token(&Token::LParen)?;
    let data_type = match name.as_str() {
        "ARRAY" => DataType::Array(ArrayElemTypeDef::AngleBracket(Box::new(parse_type(
            parser,
        )?))),
        "MAP" => {
            let key = parse_type(parser)?;
            parser.expect_token(&Token::Comma)?;
            let value = parse_type(parser)?;
            DataType::Map(Box::new(key), Box::new(value))
        }
        _ => {
            let mut fields = Vec::new();
            loop {
                fields.push(parse_field(parser)?);
                if !parser.consume_token(&Token::Comma) {
                    break;
                }
            }
            DataType::Struct(fields, StructBracketKind::AngleBrackets)
        }
    };
    parser.expect_token(&Token::RParen)?;
    Ok(data_type)
}

/// A row field: `name type` or an anonymous `type`.
fn parse_field(parser: &mut Parser) -> Result<StructField, ParserError> {
    let named = match (
        &parser.peek_nth_token_ref(0).token,
        &parser.peek_nth_token_ref(1).token,
    ) {
        (Token::Word(first), Token::Word(second)) => {
            let first = first.value.to_ascii_uppercase();
            let second = second.value.to_ascii_uppercase();
            // Two-word types: `double precision`, `timestamp with time zone`,
            // `interval day to second`.
            !matches!(
                (first.as_str(), second.as_str()),
                ("DOUBLE", "PRECISION")
                    | ("TIMESTAMP" | "TIME", "WITH" | "WITHOUT")
                    | (
                        "INTERVAL",
                        "YEAR" | "MONTH" | "DAY" | "HOUR" | "MINUTE" | "SECOND"
                    )
            )
        }
        _ => false,
    };
    let field_name = if named {
        Some(parser.parse_identifier()?)
    } else {
        None
    };
    Ok(StructField {
        field_name,
        field_type: parse_type(parser)?,
        options: None,
    })
}

#[cfg(test)]
mod tests {
    use datafusion::sql::sqlparser::parser::Parser;

    use crate::dialect::parser::TrinoDialect;

    fn cast_type(sql: &str) -> String {
        let parsed = Parser::parse_sql(&TrinoDialect, sql).expect("parses");
        parsed[0].to_string()
    }

    #[test]
    fn reads_trino_container_types() {
        assert_eq!(
            cast_type("SELECT CAST(a AS ARRAY(varchar))"),
            "SELECT CAST(a AS ARRAY<VARCHAR>)"
        );
        assert_eq!(
            cast_type("SELECT TRY_CAST(a AS MAP(varchar, ARRAY(bigint)))"),
            "SELECT TRY_CAST(a AS Map(VARCHAR, ARRAY<BIGINT>))"
        );
        assert_eq!(
            cast_type("SELECT CAST(r AS ROW(x bigint, \"Y\" ROW(double, z double precision)))"),
            "SELECT CAST(r AS STRUCT<x BIGINT, \"Y\" STRUCT<DOUBLE, z DOUBLE PRECISION>>)"
        );
        assert_eq!(
            cast_type("SELECT CAST(r AS ROW(timestamp(3) with time zone, varchar(3)))"),
            "SELECT CAST(r AS STRUCT<TIMESTAMP(3) WITH TIME ZONE, VARCHAR(3)>)"
        );
    }

    #[test]
    fn leaves_other_casts_to_sqlparser() {
        for sql in [
            "SELECT CAST(a AS bigint), CAST(ARRAY[1] AS ARRAY<varchar>)",
            "SELECT CAST((SELECT max(x) FROM t) AS decimal(10, 2))",
            "SELECT cast_me(1), \"CAST\"(1)",
        ] {
            let generic =
                Parser::parse_sql(&datafusion::sql::sqlparser::dialect::GenericDialect, sql)
                    .expect("generic parses");
            let trino = Parser::parse_sql(&TrinoDialect, sql).expect("trino parses");
            assert_eq!(generic, trino, "{sql}");
        }
    }
}
