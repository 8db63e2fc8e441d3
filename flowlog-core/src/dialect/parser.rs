//! The SQL parser's dialect: sqlparser's generic dialect (DataFusion's default) plus
//! Trino's lambda expressions, so `transform(a, x -> x + 1)` parses as a call with a
//! lambda instead of the JSON arrow operator (which Trino does not have), and Trino's
//! `ARRAY(T)` / `MAP(K, V)` / `ROW(…)` types in casts (`type_syntax`).

use std::any::TypeId;

use datafusion::sql::sqlparser::dialect::{Dialect, GenericDialect, dialect_from_str};

/// The generic dialect with `x -> body` and `(x, y) -> body` lambdas.
///
/// It reports itself as the generic dialect (`Dialect::dialect`), so every rule sqlparser
/// keys on the generic dialect still applies; the hooks the generic dialect overrides are
/// forwarded to it one by one below.
#[derive(Debug, Default, Clone, Copy)]
pub struct TrinoDialect;

/// Forward each named `fn(&self) -> bool` hook to the generic dialect.
macro_rules! forward_to_generic {
    ($($hook:ident,)*) => {
        $(fn $hook(&self) -> bool {
            GenericDialect.$hook()
        })*
    };
}

impl Dialect for TrinoDialect {
    fn dialect(&self) -> TypeId {
        TypeId::of::<GenericDialect>()
    }

    fn is_delimited_identifier_start(&self, ch: char) -> bool {
        GenericDialect.is_delimited_identifier_start(ch)
    }

    fn is_identifier_start(&self, ch: char) -> bool {
        GenericDialect.is_identifier_start(ch)
    }

    fn is_identifier_part(&self, ch: char) -> bool {
        GenericDialect.is_identifier_part(ch)
    }

    fn supports_lambda_functions(&self) -> bool {
        true
    }

    fn parse_prefix(
        &self,
        parser: &mut datafusion::sql::sqlparser::parser::Parser,
    ) -> Option<
        Result<
            datafusion::sql::sqlparser::ast::Expr,
            datafusion::sql::sqlparser::parser::ParserError,
        >,
    > {
        super::type_syntax::parse_cast(parser)
    }

    forward_to_generic! {
        supports_unicode_string_literal,
        supports_partition_by_after_order_by,
        supports_array_join_syntax,
        supports_group_by_expr,
        supports_group_by_with_modifier,
        supports_left_associative_joins_without_parens,
        supports_connect_by,
        supports_match_recognize,
        supports_pipe_operator,
        supports_start_transaction_modifier,
        supports_window_function_null_treatment_arg,
        supports_dictionary_syntax,
        supports_window_clause_named_window_reference,
        supports_parenthesized_set_variables,
        supports_select_wildcard_except,
        support_map_literal_syntax,
        allow_extract_custom,
        allow_extract_single_quotes,
        supports_extract_comma_syntax,
        supports_create_view_comment_syntax,
        supports_parens_around_table_factor,
        supports_values_as_table_factor,
        supports_create_index_with_clause,
        supports_explain_with_utility_options,
        supports_limit_comma,
        supports_update_order_by,
        supports_from_first_select,
        supports_projection_trailing_commas,
        supports_asc_desc_in_column_definition,
        supports_try_convert,
        supports_bitwise_shift_operators,
        supports_comment_on,
        supports_load_extension,
        supports_named_fn_args_with_assignment_operator,
        supports_struct_literal,
        supports_empty_projections,
        supports_nested_comments,
        supports_multiline_comment_hints,
        supports_user_host_grantee,
        supports_string_escape_constant,
        supports_array_typedef_with_brackets,
        supports_match_against,
        supports_set_names,
        supports_comma_separated_set_assignments,
        supports_filter_during_aggregation,
        supports_select_wildcard_exclude,
        supports_data_type_signed_suffix,
        supports_interval_options,
        supports_quote_delimited_string,
        supports_select_wildcard_replace,
        supports_select_wildcard_ilike,
        supports_select_wildcard_rename,
        supports_optimize_table,
        supports_install,
        supports_detach,
        supports_prewhere,
        supports_with_fill,
        supports_limit_by,
        supports_interpolate,
        supports_settings,
        supports_select_format,
        supports_comment_optimizer_hint,
        supports_constraint_keyword_without_name,
        supports_key_column_option,
        supports_comma_separated_trim,
        supports_cte_without_as,
        supports_select_item_multi_column_alias,
        supports_xml_expressions,
    }
}

/// The dialect to parse with for the session's `sql_parser.dialect` setting: flowlog's
/// [`TrinoDialect`] for `generic` (the default), sqlparser's dialect otherwise.
pub fn parser_dialect(setting: &datafusion::common::config::Dialect) -> Option<Box<dyn Dialect>> {
    if matches!(setting, datafusion::common::config::Dialect::Generic) {
        return Some(Box::new(TrinoDialect));
    }
    dialect_from_str(setting)
}

/// Parse one statement as `SessionState::sql_to_statement` does, with the dialect
/// [`parser_dialect`] chooses for the session's `sql_parser.dialect` setting.
pub fn parse_statement(
    state: &datafusion::execution::SessionState,
    sql: &str,
    setting: &datafusion::common::config::Dialect,
) -> datafusion::error::Result<datafusion::sql::parser::Statement> {
    use datafusion::error::DataFusionError;
    use datafusion::sql::parser::DFParserBuilder;

    let dialect = parser_dialect(setting)
        .ok_or_else(|| DataFusionError::Plan(format!("Unsupported SQL dialect: {setting}")))?;
    let recursion_limit = state.config().options().sql_parser.recursion_limit.get();
    let mut statements = DFParserBuilder::new(sql)
        .with_dialect(dialect.as_ref())
        .with_recursion_limit(recursion_limit)
        .build()?
        .parse_statements()?;
    if statements.len() > 1 {
        return Err(DataFusionError::NotImplemented(
            "The context currently only supports a single SQL statement".to_string(),
        ));
    }
    statements
        .pop_front()
        .ok_or_else(|| DataFusionError::Plan("No SQL statements were provided".to_string()))
}

#[cfg(test)]
mod tests {
    use datafusion::sql::sqlparser::ast::Expr;
    use datafusion::sql::sqlparser::dialect::GenericDialect;
    use datafusion::sql::sqlparser::parser::Parser;

    use super::TrinoDialect;

    #[test]
    fn parses_as_the_generic_dialect_without_lambdas() {
        for sql in [
            "SELECT a, sum(b) AS s FROM t WHERE c LIKE '%x%' GROUP BY 1 ORDER BY 2 DESC LIMIT 3",
            "SELECT CAST(x AS bigint), ARRAY[1, 2][1], MAP(ARRAY['a'], ARRAY[1]) FROM t",
            "WITH w AS (SELECT 1 AS x) SELECT * FROM w CROSS JOIN UNNEST(ARRAY[1]) AS u (v)",
            "SELECT count(*) FILTER (WHERE a > 1), row_number() OVER (PARTITION BY a) FROM t",
            "SELECT \"Quoted Name\", `tick` FROM \"db\".\"t\" t1 LEFT JOIN u ON t1.a = u.a",
        ] {
            let generic = Parser::parse_sql(&GenericDialect, sql).expect("generic parses");
            let trino = Parser::parse_sql(&TrinoDialect, sql).expect("trino parses");
            assert_eq!(generic, trino, "{sql}");
        }
    }

    #[test]
    fn parses_lambdas() {
        let sql = "SELECT transform(a, x -> x + 1), reduce(a, 0, (s, x) -> s + x, s -> s)";
        let parsed = Parser::parse_sql(&TrinoDialect, sql).expect("parses");
        let text = parsed[0].to_string();
        assert!(text.contains("x -> x + 1"), "{text}");
        assert!(text.contains("(s, x) -> s + x"), "{text}");
        let mut lambdas = 0;
        let _ = datafusion::sql::sqlparser::ast::visit_expressions(&parsed, |e| {
            if matches!(e, Expr::Lambda(_)) {
                lambdas += 1;
            }
            std::ops::ControlFlow::<()>::Continue(())
        });
        assert_eq!(lambdas, 3);
    }
}
