//! Number literals as Trino types them: `1.5` is a DECIMAL, `1.5E0` a DOUBLE.
//!
//! The session reads literals with a decimal point as DECIMAL (Trino: `1024.0` is
//! `decimal(5,1)`, so `sum(bytes) / 1024.0` is a decimal division), and the SQL parser
//! would read a literal with an exponent as a DECIMAL too (`1e3` as `decimal(1,-3)`).
//! Trino reads every literal with an exponent as a DOUBLE, so those become
//! `CAST('1e3' AS DOUBLE)`.

use datafusion::sql::sqlparser::ast::{CastKind, DataType, ExactNumberInfo, Expr, Value};

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
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
