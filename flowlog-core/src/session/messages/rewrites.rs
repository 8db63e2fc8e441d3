//! DataFusion's and Arrow's message texts, rewritten into Trino's wording.
//!
//! Each rule matches one message shape (after the category prefixes are gone) and
//! answers Trino's text for the same mistake; [`rewrite`] tries them in turn. The
//! Arrow type names that remain in any other message are renamed by
//! [`super::types::trino_types_in_text`].

use std::sync::LazyLock;

use regex::Regex;

use super::types::{cast_target_name, trino_type_list, trino_types_in_text};

/// One rule: a pattern and the message it produces from the captures.
type Rule = (&'static str, fn(&regex::Captures<'_>) -> String);

/// The rules, most specific first.
const RULES: &[Rule] = &[
    // Calls whose argument types fit no signature: our functions' own message, or one
    // built from the types DataFusion lists.
    (
        r"(Unexpected parameters \(.*?\) for function \w+(?:\. Expected: .*?)?)\. No function matches the given name and argument types",
        |c| c[1].to_string(),
    ),
    // Our functions' own explanation of what they accept.
    (
        r"^Function '\w+' user-defined coercion failed with: (?:(?:Error during planning|Execution error): )*(.*?)\.? No function matches the given name and argument types",
        |c| trino_types_in_text(&c[1]),
    ),
    (
        r"No function matches the given name and argument types '(\w+)\((.*?)\)'",
        |c| {
            format!(
                "Unexpected parameters ({}) for function {}",
                trino_type_list(&c[2]),
                &c[1]
            )
        },
    ),
    (
        r#"^Column in \w+(?: BY)? must be in GROUP BY or an aggregate function: .*?column "((?:[^"]|"")*)" must appear"#,
        |c| {
            format!(
                "'{}' must be an aggregate expression or appear in GROUP BY clause",
                unqualified(&c[1].replace("\"\"", "\""))
            )
        },
    ),
    (
        r"^Aggregate functions are not allowed in the WHERE clause",
        |_| {
            "WHERE clause cannot contain aggregations, window functions or grouping operations"
                .to_string()
        },
    ),
    (r"^Order by column out of bounds, specified: (-?\d+)", |c| {
        format!("ORDER BY position {} is not in select list", &c[1])
    }),
    (
        r"^Cannot find column with position (-?\d+) in SELECT clause",
        |c| format!("GROUP BY position {} is not in select list", &c[1]),
    ),
    (
        r"^(UNION|INTERSECT|EXCEPT) queries have different number of columns",
        |c| format!("{} query has different number of fields", &c[1]),
    ),
    (
        r"^(?:This feature is not implemented: )?Unsupported SQL type (.+)$",
        |c| format!("Unknown type: {}", c[1].to_lowercase()),
    ),
    (r"^Scalar subquery returned more than one row", |_| {
        "Scalar sub-query has returned multiple rows".to_string()
    }),
    (
        r#"^(?:Projections|Windows) require unique expression names but the expression "(.*?)" at position \d+ and "(.*?)" at position \d+ have the same name"#,
        |c| {
            format!(
                "Column '{}' appears twice in the select list; give one of them another name (AS ...)",
                select_item_name(&c[2])
            )
        },
    ),
    (
        r"^(?:This feature is not implemented: )?Insert into not implemented for this table",
        |_| {
            "INSERT INTO a flow-log table is not supported: flowlog never writes into the logs; write results with UNLOAD or --output".to_string()
        },
    ),
    (r"^Column count doesn't match insert query", |_| {
        "Insert query has a different number of columns than the table".to_string()
    }),
    (
        r"^Argument .* to grouping function is not in grouping columns",
        |_| {
            "The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level".to_string()
        },
    ),
    (
        r"^(?:This feature is not implemented: )?Physical plan does not support logical expression (Exists|InSubquery|ScalarSubquery|OuterReferenceColumn)",
        |c| {
            let what = match &c[1] {
                "Exists" => "EXISTS (subquery)",
                "InSubquery" => "IN (subquery)",
                "ScalarSubquery" => "A scalar subquery",
                _ => "A correlated subquery",
            };
            format!(
                "{what} is not supported in this position; use it in WHERE, or rewrite it as a join"
            )
        },
    ),
    (
        r"^Cast error: Cannot cast value '(.*)' to value of (.+) type$",
        |c| format!("Cannot cast '{}' to {}", &c[1], cast_target_name(&c[2])),
    ),
    (r"^This feature is not implemented: (.*)$", |c| {
        let what = trino_types_in_text(&c[1]);
        if what.contains("not supported") {
            what
        } else {
            format!("Not supported: {what}")
        }
    }),
    (r"^Divide by zero error$", |_| {
        "Division by zero".to_string()
    }),
    (r"^Invalid escape character in LIKE expression", |_| {
        "Escape string must be a single character".to_string()
    }),
    (
        r"^Cast error: Cannot cast string '(.*)' to value of (.+) type$",
        |c| format!("Cannot cast '{}' to {}", &c[1], cast_target_name(&c[2])),
    ),
    (r"^Cast error: Can't cast value (.*) to type (.+)$", |c| {
        format!("Out of range for {}: {}", trino_type_list(&c[2]), &c[1])
    }),
    (
        r"^Cannot coerce arithmetic expression (.+?) ([-+*/%]) (.+) to valid types$",
        |c| {
            format!(
                "Cannot apply operator: {} {} {}",
                trino_type_list(&c[1]),
                &c[2],
                trino_type_list(&c[3])
            )
        },
    ),
    (
        r"^Cannot infer common argument type for comparison operation (.+?) (=|<>|!=|<=|>=|<|>|IS DISTINCT FROM|IS NOT DISTINCT FROM) (.+)$",
        |c| {
            format!(
                "Cannot apply operator: {} {} {}",
                trino_type_list(&c[1]),
                &c[2],
                trino_type_list(&c[3])
            )
        },
    ),
];

/// The patterns of [`RULES`], compiled once.
static COMPILED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|(pattern, _)| Regex::new(pattern).expect("valid pattern"))
        .collect()
});

/// Trino's wording of a one-line engine message (category prefixes already dropped);
/// a message no rule knows keeps its text, with Arrow type names renamed.
pub(super) fn rewrite(text: &str) -> String {
    for (pattern, (_, build)) in COMPILED.iter().zip(RULES) {
        if let Some(captures) = pattern.captures(text) {
            return build(&captures);
        }
    }
    trino_types_in_text(text)
}

/// The output name of a select item as DataFusion prints it: the alias of `expr AS a`,
/// else the column without its qualifier.
fn select_item_name(item: &str) -> String {
    match item.rsplit_once(" AS ") {
        Some((_, alias)) => alias.trim_matches('"').to_string(),
        None => unqualified(item),
    }
}

/// `t.col` → `col` for a plain qualified column; any other expression as it is.
fn unqualified(name: &str) -> String {
    static QUALIFIED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^(?:[\w]+|"[^"]*")(?:\.(?:[\w]+|"[^"]*"))*\.([\w]+|"[^"]*")$"#)
            .expect("valid pattern")
    });
    match QUALIFIED.captures(name) {
        Some(c) => c[1].trim_matches('"').to_string(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let cases = [
            (
                "Function 'hour' user-defined coercion failed with: Unexpected parameters (varchar) for function hour. Expected: hour(timestamp(p)). No function matches the given name and argument types 'hour(Utf8)'. You might need to add explicit type casts. Candidate functions: hour(UserDefined)",
                "Unexpected parameters (varchar) for function hour. Expected: hour(timestamp(p))",
            ),
            (
                "Function 'abs' expects Numeric but received String. No function matches the given name and argument types 'abs(Utf8)'. You might need to add explicit type casts.",
                "Unexpected parameters (varchar) for function abs",
            ),
            (
                "Function 'f' failed. No function matches the given name and argument types 'f(Timestamp(Millisecond, None), Int32)'.",
                "Unexpected parameters (timestamp(3), integer) for function f",
            ),
            (
                "Column in SELECT must be in GROUP BY or an aggregate function: While expanding wildcard, column \"vpc_flow_logs.srcaddr\" must appear in the GROUP BY clause",
                "'srcaddr' must be an aggregate expression or appear in GROUP BY clause",
            ),
            (
                "Cast error: Cannot cast string 'abc' to value of Int64 type",
                "Cannot cast 'abc' to BIGINT",
            ),
            (
                "Cast error: Can't cast value 99999999999 to type Int32",
                "Out of range for integer: 99999999999",
            ),
            (
                "Cannot coerce arithmetic expression Utf8 + Int64 to valid types",
                "Cannot apply operator: varchar + bigint",
            ),
            ("Divide by zero error", "Division by zero"),
            (
                "Function 'concat' user-defined coercion failed with: Error during planning: concat: There must be two or more concatenation arguments. No function matches the given name and argument types 'concat(Utf8)'.",
                "concat: There must be two or more concatenation arguments",
            ),
            ("Unsupported SQL type FOO", "Unknown type: foo"),
            (
                "Projections require unique expression names but the expression \"t.x\" at position 0 and \"t.x\" at position 1 have the same name. Consider aliasing (\"AS\") one of them.",
                "Column 'x' appears twice in the select list; give one of them another name (AS ...)",
            ),
            (
                "Projections require unique expression names but the expression \"Int64(1) AS a\" at position 0 and \"Int64(2) AS a\" at position 1 have the same name. Consider aliasing (\"AS\") one of them.",
                "Column 'a' appears twice in the select list; give one of them another name (AS ...)",
            ),
            (
                "This feature is not implemented: UNNEST with ordinality is not supported yet",
                "UNNEST with ordinality is not supported yet",
            ),
            (
                "something about Utf8 and Timestamp(Nanosecond, Some(\"UTC\"))",
                "something about varchar and timestamp(9) with time zone",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(rewrite(input), expected, "{input}");
        }
    }

    #[test]
    fn qualifiers_are_dropped() {
        assert_eq!(unqualified("t.srcaddr"), "srcaddr");
        assert_eq!(unqualified("t.\"end\""), "end");
        assert_eq!(unqualified("srcaddr"), "srcaddr");
        assert_eq!(unqualified("t.bytes + Int64(1)"), "t.bytes + Int64(1)");
    }
}
