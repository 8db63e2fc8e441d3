//! Trino's `VARBINARY` type in casts, as DataFusion's binary type.
//!
//! ```text
//! CAST(x AS VARBINARY)          ──► CAST(x AS BYTEA)   (Arrow Binary)
//! TRY_CAST(x AS ARRAY(VARBINARY)) ──► element type rewritten the same way
//! ```
//!
//! DataFusion already reads `X'0a0b'` literals as binary and names the type `varbinary`
//! in `typeof`; only the type's name in casts is unknown to its planner.

use datafusion::sql::sqlparser::ast::{ArrayElemTypeDef, DataType, Expr};

/// Whether `t` is `VARBINARY` (no length: Trino's VARBINARY has none).
fn is_varbinary(t: &DataType) -> bool {
    match t {
        DataType::Varbinary(None) => true,
        DataType::Custom(name, modifiers) => {
            modifiers.is_empty()
                && name.0.len() == 1
                && name.0[0]
                    .as_ident()
                    .is_some_and(|i| i.value.eq_ignore_ascii_case("varbinary"))
        }
        _ => false,
    }
}

/// Replace `VARBINARY` by `BYTEA` in `t` and in the element types it contains.
fn rewrite_type(t: &mut DataType) {
    if is_varbinary(t) {
        *t = DataType::Bytea;
        return;
    }
    if let DataType::Array(
        ArrayElemTypeDef::AngleBracket(inner)
        | ArrayElemTypeDef::SquareBracket(inner, _)
        | ArrayElemTypeDef::Parenthesis(inner),
    ) = t
    {
        rewrite_type(inner);
    }
}

/// Rewrite one expression (called bottom-up on every expression).
pub(crate) fn rewrite(expr: &mut Expr) {
    if let Expr::Cast { data_type, .. } = expr {
        rewrite_type(data_type);
    }
}

#[cfg(test)]
mod tests {
    use datafusion::sql::sqlparser::ast::DataType;

    use super::rewrite_type;

    #[test]
    fn varbinary_becomes_bytea() {
        let mut t = DataType::Varbinary(None);
        rewrite_type(&mut t);
        assert_eq!(t, DataType::Bytea);
        let mut other = DataType::Text;
        rewrite_type(&mut other);
        assert_eq!(other, DataType::Text);
    }
}
