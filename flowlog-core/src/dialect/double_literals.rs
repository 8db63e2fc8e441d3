//! Number literals as Trino types them: `1.5` is a DECIMAL, `1.5E0` a DOUBLE.
//!
//! The session reads literals with a decimal point as DECIMAL (Trino: `1024.0` is
//! `decimal(5,1)`, so `sum(bytes) / 1024.0` is a decimal division), and the SQL parser
//! would read a literal with an exponent as a DECIMAL too (`1e3` as `decimal(1,-3)`).
//! Trino reads every literal with an exponent as a DOUBLE, so those become
//! `CAST('1e3' AS DOUBLE)`. A typed `DECIMAL '2.2'` is the DECIMAL its digits make
//! (`decimal(2,1)`), as the number `2.2`; the SQL planner made every one a
//! `decimal(38,10)`.

use datafusion::sql::sqlparser::ast::{
    CastKind, DataType, ExactNumberInfo, Expr, UnaryOperator, Value,
};

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    if let Expr::TypedString(typed) = expr
        && matches!(
            typed.data_type,
            DataType::Decimal(ExactNumberInfo::None) | DataType::Numeric(ExactNumberInfo::None)
        )
        && let Value::SingleQuotedString(text) = &typed.value.value
        && let Some(number) = plain_decimal(text)
    {
        *expr = number;
        return;
    }
    let Expr::Value(v) = expr else {
        return;
    };
    let Value::Number(text, _) = &v.value else {
        return;
    };
    if !text.contains(['e', 'E']) {
        return;
    }
    let literal = Expr::Value(Value::SingleQuotedString(text.clone()).with_empty_span());
    *expr = Expr::Cast {
        kind: CastKind::Cast,
        expr: Box::new(literal),
        data_type: DataType::Double(ExactNumberInfo::None),
        array: false,
        format: None,
    };
}

/// `'-2.20'` as the number literal `-2.20`, if the text is a plain decimal number.
fn plain_decimal(text: &str) -> Option<Expr> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut number = Expr::Value(Value::Number(digits.to_string(), false).with_empty_span());
    if !digits.contains('.') {
        // Without a point the number would be a BIGINT: `DECIMAL '8'` is a decimal(1,0).
        let precision = whole.trim_start_matches('0').len().max(1) as u64;
        number = Expr::Cast {
            kind: CastKind::Cast,
            expr: Box::new(number),
            data_type: DataType::Decimal(ExactNumberInfo::PrecisionAndScale(precision, 0)),
            array: false,
            format: None,
        };
    }
    Some(if negative {
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr: Box::new(Expr::Nested(Box::new(number))),
        }
    } else {
        number
    })
}
