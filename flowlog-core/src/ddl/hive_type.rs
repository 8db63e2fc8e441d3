//! Hive column types as Athena DDL declares them.
//!
//! Grammar (names case-insensitive):
//! `boolean | tinyint | smallint | int | integer | bigint | float | double [precision]
//! | decimal[(p[,s])] | string | varchar(n) | char(n) | date | timestamp | binary
//! | array<T> | map<K,V> | struct<name:T [COMMENT 'c'], …>`.
//!
//! Limits (Hive, as documented for Athena): decimal precision 1..=38, scale 0..=precision,
//! `decimal` alone is `decimal(10,0)`; varchar length 1..=65535; char length 1..=255;
//! a map key is a primitive type.

use std::fmt;
use std::ops::RangeInclusive;

use super::cursor::Cursor;
use super::error::{DdlError, NameKind};
use super::lexer::TokenKind;
use super::names;

/// Deepest nesting of `array`/`map`/`struct` accepted (guards the recursion).
const MAX_DEPTH: usize = 64;

/// A Hive data type.
///
/// `Display` gives Hive's own spelling:
///
/// ```
/// use flowlog_core::ddl::HiveType;
/// let t = HiveType::Map(Box::new(HiveType::String), Box::new(HiveType::Array(Box::new(HiveType::Int))));
/// assert_eq!(t.to_string(), "map<string,array<int>>");
/// assert_eq!(HiveType::Decimal { precision: 10, scale: 2 }.to_string(), "decimal(10,2)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HiveType {
    /// `boolean`.
    Boolean,
    /// `tinyint` (8-bit).
    TinyInt,
    /// `smallint` (16-bit).
    SmallInt,
    /// `int` or `integer` (32-bit).
    Int,
    /// `bigint` (64-bit).
    BigInt,
    /// `float` (32-bit).
    Float,
    /// `double` or `double precision` (64-bit).
    Double,
    /// `decimal(precision, scale)`.
    Decimal {
        /// Total digits, 1..=38.
        precision: u8,
        /// Digits after the point, 0..=precision.
        scale: u8,
    },
    /// `string`.
    String,
    /// `varchar(n)`, n in 1..=65535.
    Varchar(u32),
    /// `char(n)`, n in 1..=255.
    Char(u32),
    /// `date`.
    Date,
    /// `timestamp`.
    Timestamp,
    /// `binary`.
    Binary,
    /// `array<T>`.
    Array(Box<HiveType>),
    /// `map<K,V>`; K is primitive.
    Map(Box<HiveType>, Box<HiveType>),
    /// `struct<name:T,…>`; field names lower-cased.
    Struct(Vec<(String, HiveType)>),
}

impl HiveType {
    /// True for every type but `array`, `map` and `struct`.
    ///
    /// ```
    /// use flowlog_core::ddl::HiveType;
    /// assert!(HiveType::BigInt.is_primitive());
    /// assert!(!HiveType::Array(Box::new(HiveType::Int)).is_primitive());
    /// ```
    #[must_use]
    pub fn is_primitive(&self) -> bool {
        !matches!(
            self,
            HiveType::Array(_) | HiveType::Map(..) | HiveType::Struct(_)
        )
    }
}

impl fmt::Display for HiveType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HiveType::Boolean => f.write_str("boolean"),
            HiveType::TinyInt => f.write_str("tinyint"),
            HiveType::SmallInt => f.write_str("smallint"),
            HiveType::Int => f.write_str("int"),
            HiveType::BigInt => f.write_str("bigint"),
            HiveType::Float => f.write_str("float"),
            HiveType::Double => f.write_str("double"),
            HiveType::Decimal { precision, scale } => write!(f, "decimal({precision},{scale})"),
            HiveType::String => f.write_str("string"),
            HiveType::Varchar(n) => write!(f, "varchar({n})"),
            HiveType::Char(n) => write!(f, "char({n})"),
            HiveType::Date => f.write_str("date"),
            HiveType::Timestamp => f.write_str("timestamp"),
            HiveType::Binary => f.write_str("binary"),
            HiveType::Array(element) => write!(f, "array<{element}>"),
            HiveType::Map(key, value) => write!(f, "map<{key},{value}>"),
            HiveType::Struct(fields) => {
                f.write_str("struct<")?;
                for (i, (name, data_type)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{name}:{data_type}")?;
                }
                f.write_str(">")
            }
        }
    }
}

/// Parses one data type at the cursor.
pub(super) fn parse_type(cursor: &mut Cursor) -> Result<HiveType, DdlError> {
    parse_nested(cursor, 0)
}

fn parse_nested(cursor: &mut Cursor, depth: usize) -> Result<HiveType, DdlError> {
    let token = match cursor.peek() {
        Some(t) if t.kind == TokenKind::Word => cursor.next("a data type")?,
        _ => return Err(cursor.unexpected("a data type")),
    };
    if depth >= MAX_DEPTH {
        return Err(DdlError::NotSupported {
            what: format!("nesting types more than {MAX_DEPTH} levels deep"),
            line: token.line,
            column: token.column,
        });
    }
    let data_type = match token.text.to_ascii_lowercase().as_str() {
        "boolean" => HiveType::Boolean,
        "tinyint" => HiveType::TinyInt,
        "smallint" => HiveType::SmallInt,
        "int" | "integer" => HiveType::Int,
        "bigint" => HiveType::BigInt,
        "float" => HiveType::Float,
        "double" => {
            cursor.eat_keyword("PRECISION");
            HiveType::Double
        }
        "string" => HiveType::String,
        "date" => HiveType::Date,
        "timestamp" => HiveType::Timestamp,
        "binary" => HiveType::Binary,
        "decimal" => parse_decimal(cursor)?,
        "varchar" => HiveType::Varchar(parse_length(cursor, "varchar", 65_535)?),
        "char" => HiveType::Char(parse_length(cursor, "char", 255)?),
        "array" => {
            cursor.expect_symbol('<')?;
            let element = parse_nested(cursor, depth + 1)?;
            cursor.expect_symbol('>')?;
            HiveType::Array(Box::new(element))
        }
        "map" => {
            cursor.expect_symbol('<')?;
            let (line, column) = cursor.peek().map_or((0, 0), |t| (t.line, t.column));
            let key = parse_nested(cursor, depth + 1)?;
            if !key.is_primitive() {
                return Err(DdlError::InvalidTypeParameter {
                    data_type: "map".into(),
                    parameter: key.to_string(),
                    expected: "a primitive key type".into(),
                    line,
                    column,
                });
            }
            cursor.expect_symbol(',')?;
            let value = parse_nested(cursor, depth + 1)?;
            cursor.expect_symbol('>')?;
            HiveType::Map(Box::new(key), Box::new(value))
        }
        "struct" => {
            cursor.expect_symbol('<')?;
            let mut fields = Vec::new();
            loop {
                let name_token = cursor.next("a struct field name")?;
                let name = names::name(&name_token, NameKind::Column, "a struct field name")?;
                cursor.expect_symbol(':')?;
                let field_type = parse_nested(cursor, depth + 1)?;
                if cursor.eat_keyword("COMMENT") {
                    cursor.expect_string("a comment string")?;
                }
                fields.push((name, field_type));
                if !cursor.eat_symbol(',') {
                    break;
                }
            }
            if !cursor.at_symbol('>') {
                return Err(cursor.unexpected("\",\" or \">\""));
            }
            cursor.expect_symbol('>')?;
            HiveType::Struct(fields)
        }
        "uniontype" => {
            return Err(DdlError::NotSupported {
                what: "the uniontype data type".into(),
                line: token.line,
                column: token.column,
            });
        }
        _ => {
            return Err(DdlError::UnknownType {
                name: token.text,
                line: token.line,
                column: token.column,
            });
        }
    };
    Ok(data_type)
}

/// A number in a type's parentheses, within `allowed` (`expected` says which, for the error).
fn parse_number(
    cursor: &mut Cursor,
    data_type: &str,
    expected: &str,
    allowed: RangeInclusive<u32>,
) -> Result<u32, DdlError> {
    let token = match cursor.peek() {
        Some(t) if t.kind == TokenKind::Word => cursor.next("a number")?,
        _ => return Err(cursor.unexpected("a number")),
    };
    let digits = token.text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| token.text.parse::<u32>().ok())
        .flatten()
        .filter(|n| allowed.contains(n))
        .ok_or_else(|| DdlError::InvalidTypeParameter {
            data_type: data_type.to_string(),
            parameter: token.text.clone(),
            expected: expected.to_string(),
            line: token.line,
            column: token.column,
        })
}

fn parse_length(cursor: &mut Cursor, data_type: &str, max: u32) -> Result<u32, DdlError> {
    cursor.expect_symbol('(')?;
    let expected = format!("a length from 1 to {max}");
    let length = parse_number(cursor, data_type, &expected, 1..=max)?;
    cursor.expect_symbol(')')?;
    Ok(length)
}

fn parse_decimal(cursor: &mut Cursor) -> Result<HiveType, DdlError> {
    if !cursor.eat_symbol('(') {
        return Ok(HiveType::Decimal {
            precision: 10,
            scale: 0,
        });
    }
    let precision = parse_number(cursor, "decimal", "a precision from 1 to 38", 1..=38)?;
    let mut scale = 0;
    if cursor.eat_symbol(',') {
        let expected = format!("a scale from 0 to the precision {precision}");
        scale = parse_number(cursor, "decimal", &expected, 0..=precision)?;
    }
    cursor.expect_symbol(')')?;
    // Both are at most 38, so they fit.
    let narrow = |n: u32| u8::try_from(n).unwrap_or(u8::MAX);
    Ok(HiveType::Decimal {
        precision: narrow(precision),
        scale: narrow(scale),
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexer::tokenize;
    use super::*;

    fn parse(text: &str) -> Result<HiveType, DdlError> {
        let mut cursor = Cursor::new(tokenize(text, 1, 1)?);
        let t = parse_type(&mut cursor)?;
        assert!(cursor.is_at_end(), "left over after {text}");
        Ok(t)
    }

    fn ok(text: &str) -> HiveType {
        match parse(text) {
            Ok(t) => t,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn primitive_types_case_insensitive() {
        let cases = [
            ("boolean", HiveType::Boolean),
            ("TINYINT", HiveType::TinyInt),
            ("SmallInt", HiveType::SmallInt),
            ("int", HiveType::Int),
            ("INTEGER", HiveType::Int),
            ("bigint", HiveType::BigInt),
            ("float", HiveType::Float),
            ("double", HiveType::Double),
            ("DOUBLE PRECISION", HiveType::Double),
            ("string", HiveType::String),
            ("date", HiveType::Date),
            ("timestamp", HiveType::Timestamp),
            ("binary", HiveType::Binary),
            ("varchar(10)", HiveType::Varchar(10)),
            ("char(1)", HiveType::Char(1)),
            (
                "decimal",
                HiveType::Decimal {
                    precision: 10,
                    scale: 0,
                },
            ),
            (
                "decimal(5)",
                HiveType::Decimal {
                    precision: 5,
                    scale: 0,
                },
            ),
            (
                "DECIMAL(10, 2)",
                HiveType::Decimal {
                    precision: 10,
                    scale: 2,
                },
            ),
            (
                "decimal(38,38)",
                HiveType::Decimal {
                    precision: 38,
                    scale: 38,
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(ok(text), expected, "{text}");
        }
    }

    #[test]
    fn display_uses_hive_spelling() {
        let cases = [
            ("INTEGER", "int"),
            ("DOUBLE PRECISION", "double"),
            ("Decimal", "decimal(10,0)"),
            ("varchar(65535)", "varchar(65535)"),
            ("char(255)", "char(255)"),
            ("array<string>", "array<string>"),
            ("ARRAY < BIGINT >", "array<bigint>"),
            ("map<string,array<int>>", "map<string,array<int>>"),
            ("array<array<array<int>>>", "array<array<array<int>>>"),
            (
                "struct<Name:string, `Tag-Id`:int COMMENT 'x', inner:struct<a:map<int,date>>>",
                "struct<name:string,tag-id:int,inner:struct<a:map<int,date>>>",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(ok(text).to_string(), expected, "{text}");
        }
    }

    #[test]
    fn nested_structure() {
        assert_eq!(
            ok("map<string,struct<a:int,b:array<double>>>"),
            HiveType::Map(
                Box::new(HiveType::String),
                Box::new(HiveType::Struct(vec![
                    ("a".into(), HiveType::Int),
                    ("b".into(), HiveType::Array(Box::new(HiveType::Double))),
                ]))
            )
        );
    }

    #[test]
    fn unknown_and_missing_types() {
        assert_eq!(
            parse("strin"),
            Err(DdlError::UnknownType {
                name: "strin".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            parse("array<strng>"),
            Err(DdlError::UnknownType {
                name: "strng".into(),
                line: 1,
                column: 7
            })
        );
        assert_eq!(
            parse(")"),
            Err(DdlError::Unexpected {
                expected: "a data type".into(),
                found: ")".into(),
                line: 1,
                column: 1
            })
        );
        assert_eq!(
            parse("array<int"),
            Err(DdlError::UnexpectedEnd {
                expected: "\">\"".into(),
                line: 1,
                column: 10
            })
        );
        assert_eq!(
            parse("uniontype<int,string>"),
            Err(DdlError::NotSupported {
                what: "the uniontype data type".into(),
                line: 1,
                column: 1
            })
        );
    }

    #[test]
    fn parameter_limits() {
        let invalid = |data_type: &str, parameter: &str, expected: &str, column| {
            Err(DdlError::InvalidTypeParameter {
                data_type: data_type.into(),
                parameter: parameter.into(),
                expected: expected.into(),
                line: 1,
                column,
            })
        };
        assert_eq!(
            parse("decimal(0)"),
            invalid("decimal", "0", "a precision from 1 to 38", 9)
        );
        assert_eq!(
            parse("decimal(39,0)"),
            invalid("decimal", "39", "a precision from 1 to 38", 9)
        );
        assert_eq!(
            parse("decimal(99999999999999999999999)"),
            invalid(
                "decimal",
                "99999999999999999999999",
                "a precision from 1 to 38",
                9
            )
        );
        assert_eq!(
            parse("decimal(5,6)"),
            invalid("decimal", "6", "a scale from 0 to the precision 5", 11)
        );
        assert_eq!(
            parse("decimal(x)"),
            invalid("decimal", "x", "a precision from 1 to 38", 9)
        );
        assert_eq!(
            parse("varchar(0)"),
            invalid("varchar", "0", "a length from 1 to 65535", 9)
        );
        assert_eq!(
            parse("varchar(65536)"),
            invalid("varchar", "65536", "a length from 1 to 65535", 9)
        );
        assert_eq!(
            parse("char(256)"),
            invalid("char", "256", "a length from 1 to 255", 6)
        );
        assert_eq!(
            parse("varchar"),
            Err(DdlError::UnexpectedEnd {
                expected: "\"(\"".into(),
                line: 1,
                column: 8
            })
        );
        assert_eq!(
            parse("map<array<int>,int>"),
            invalid("map", "array<int>", "a primitive key type", 5)
        );
    }

    #[test]
    fn struct_errors() {
        assert_eq!(
            parse("struct<>"),
            Err(DdlError::Unexpected {
                expected: "a struct field name".into(),
                found: ">".into(),
                line: 1,
                column: 8
            })
        );
        assert_eq!(
            parse("struct<a int>"),
            Err(DdlError::Unexpected {
                expected: "\":\"".into(),
                found: "int".into(),
                line: 1,
                column: 10
            })
        );
        assert_eq!(
            parse("struct<a:int b:int>"),
            Err(DdlError::Unexpected {
                expected: "\",\" or \">\"".into(),
                found: "b".into(),
                line: 1,
                column: 14
            })
        );
    }

    #[test]
    fn depth_is_bounded() {
        let deep = format!("{}int{}", "array<".repeat(100), ">".repeat(100));
        assert_eq!(
            parse(&deep),
            Err(DdlError::NotSupported {
                what: "nesting types more than 64 levels deep".into(),
                line: 1,
                column: 1 + 6 * 64
            })
        );
        let fine = format!("{}int{}", "array<".repeat(63), ">".repeat(63));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn is_primitive() {
        assert!(ok("decimal(3,1)").is_primitive());
        assert!(!ok("map<int,int>").is_primitive());
        assert!(!ok("struct<a:int>").is_primitive());
    }
}
