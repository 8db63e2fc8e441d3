//! Trino's regular-expression functions (Athena engine v3).
//!
//! Trino matches with Java-style patterns and **find** semantics (a match anywhere in
//! the string; anchor with `^…$` for a whole-string match). flowlog compiles patterns
//! with the `regex` crate, whose syntax is the same for what flow-log queries use
//! (classes, quantifiers, groups, named groups `(?<name>…)`, `\d \w \s \b`); patterns
//! with back-references or look-around are rejected with an error that says so.
//!
//! DataFusion's `regexp_replace` replaces only the first match unless given the `g`
//! flag and uses `\1` references; Trino replaces every match and uses `$1`.

pub mod pattern;
pub mod regexp_extract;
pub mod regexp_extract_all;
pub mod regexp_like;
pub mod regexp_position;
pub mod regexp_replace;
pub mod regexp_split;

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(regexp_like::RegexpLike::new())),
        Arc::new(ScalarUDF::new_from_impl(
            regexp_extract::RegexpExtract::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(
            regexp_extract_all::RegexpExtractAll::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(
            regexp_replace::RegexpReplace::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(regexp_split::RegexpSplit::new())),
        Arc::new(ScalarUDF::new_from_impl(
            regexp_position::RegexpPosition::new(),
        )),
    ]
}
