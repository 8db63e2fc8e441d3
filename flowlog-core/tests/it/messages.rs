//! Every SQL, planning and execution error an analyst can provoke, in Athena's words:
//! the SQL in, the one-line message out (with `line L, column C` where Trino gives a
//! position), and never a word of DataFusion's or Arrow's.
// See: issue 15, deliverable 3.

use crate::support::{csv, sample_options};
use flowlog_core::FlowLogSession;

/// Words that only DataFusion or Arrow would say.
const FORBIDDEN: [&str; 13] = [
    "datafusion",
    "Arrow",
    "Utf8",
    "Int64",
    "Timestamp(",
    "configuration",
    "Error during planning",
    "Execution error",
    "caused by",
    "Consider aliasing",
    "not implemented",
    "logical expression",
    "Physical plan",
];

/// SQL in, message out.
const CORPUS: &[(&str, &str)] = &[
    // Names.
    (
        "SELECT srcadr FROM vpc_flow_logs",
        "SQL error at line 1, column 8: Column 'srcadr' cannot be resolved; did you mean 'srcaddr'?",
    ),
    (
        "SELECT count(*)\nFROM vpc_flow_logs\nWHERE actoin = 'REJECT'",
        "SQL error at line 3, column 7: Column 'actoin' cannot be resolved; did you mean 'action'?",
    ),
    (
        "SELECT t.foo FROM vpc_flow_logs t",
        "SQL error at line 1, column 8: Column 't.foo' cannot be resolved",
    ),
    (
        "SELECT count(*) FROM vpc_flow_log",
        "SQL error at line 1, column 22: Table 'awsdatacatalog.default.vpc_flow_log' does not exist; did you mean 'vpc_flow_logs'?",
    ),
    (
        "SELECT * FROM nope",
        "SQL error at line 1, column 15: Table 'awsdatacatalog.default.nope' does not exist",
    ),
    (
        "SELECT splitpart(srcaddr, '.', 1) FROM vpc_flow_logs",
        "SQL error at line 1, column 8: Function 'splitpart' not registered; did you mean 'split_part'?",
    ),
    (
        "SELECT count(*) FROM vpc_flow_logs f JOIN vpc_flow_logs g ON f.srcaddr = g.dstaddr WHERE action = 'REJECT'",
        "SQL error at line 1, column 90: Column 'action' is ambiguous",
    ),
    // Argument types.
    (
        "SELECT srcaddr,\n       hour(srcaddr) FROM vpc_flow_logs",
        "SQL error at line 2, column 8: Unexpected parameters (varchar) for function hour. Expected: hour(timestamp(p)), hour(timestamp(p) with time zone)",
    ),
    (
        "SELECT year('2026-11-20')",
        "SQL error at line 1, column 8: Unexpected parameters (varchar) for function year. Expected: year(date), year(timestamp(p)), year(timestamp(p) with time zone)",
    ),
    (
        "SELECT split_part(srcaddr, '.') FROM vpc_flow_logs",
        "SQL error at line 1, column 8: Unexpected parameters (varchar, varchar) for function split_part. Expected: split_part(varchar, varchar, bigint)",
    ),
    (
        "SELECT abs('x')",
        "SQL error at line 1, column 8: Unexpected parameters (varchar) for function abs",
    ),
    (
        "SELECT sum(srcaddr) FROM vpc_flow_logs",
        "SQL error at line 1, column 8: Unexpected parameters (varchar) for function sum",
    ),
    (
        "SELECT round(sum(bytes), 1) FILTER (WHERE action = 'ACCEPT') FROM vpc_flow_logs",
        "SQL error at line 1, column 8: Filter is only valid for aggregation functions",
    ),
    (
        "SELECT from_unixtime('x')",
        "SQL error at line 1, column 8: from_unixtime: unexpected argument types (varchar); expected (double), (double, varchar) or (double, bigint, bigint)",
    ),
    (
        "SELECT concat('')",
        "SQL error at line 1, column 8: concat: There must be two or more concatenation arguments",
    ),
    (
        "SELECT 'a' + 1",
        "SQL error: Cannot apply operator: varchar + bigint",
    ),
    // Aggregation.
    (
        "SELECT srcaddr, count(*) FROM vpc_flow_logs GROUP BY dstaddr",
        "SQL error at line 1, column 8: 'srcaddr' must be an aggregate expression or appear in GROUP BY clause",
    ),
    (
        "SELECT srcaddr, sum(bytes) FROM vpc_flow_logs",
        "SQL error at line 1, column 8: 'srcaddr' must be an aggregate expression or appear in GROUP BY clause",
    ),
    (
        "SELECT srcaddr FROM vpc_flow_logs GROUP BY srcaddr HAVING bytes > 1",
        "SQL error at line 1, column 59: 'bytes' must be an aggregate expression or appear in GROUP BY clause",
    ),
    (
        "SELECT count(*) FROM vpc_flow_logs WHERE sum(bytes) > 1",
        "SQL error: WHERE clause cannot contain aggregations, window functions or grouping operations",
    ),
    (
        "SELECT srcaddr FROM vpc_flow_logs GROUP BY 7",
        "SQL error: GROUP BY position 7 is not in select list",
    ),
    (
        "SELECT srcaddr FROM vpc_flow_logs ORDER BY 5000",
        "SQL error: ORDER BY position 5000 is not in select list",
    ),
    (
        "SELECT 1, 2 UNION SELECT 1",
        "SQL error at line 1, column 1: UNION query has different number of fields",
    ),
    // Types and casts.
    (
        "SELECT CAST(1 AS foo)",
        "SQL error at line 1, column 8: Unknown type: foo",
    ),
    (
        "SELECT CAST(ROW(CAST(1 AS integer), 2e0) AS ROW(a bigint))",
        "SQL error at line 1, column 8: Cannot cast row(integer, double) to row(a bigint)",
    ),
    (
        "SELECT CAST(ARRAY[1] AS ARRAY(foo))",
        "SQL error at line 1, column 8: Unknown type: foo",
    ),
    (
        "SELECT CAST('abc' AS BIGINT)",
        "Cannot cast 'abc' to BIGINT",
    ),
    (
        "SELECT CAST('1.5x' AS DOUBLE)",
        "Cannot cast '1.5x' to DOUBLE",
    ),
    (
        "SELECT CAST('99999999999' AS INTEGER)",
        "Cannot cast '99999999999' to INT",
    ),
    (
        "SELECT count(*) FROM vpc_flow_logs WHERE bytes = 'abc'",
        "Cannot cast 'abc' to BIGINT",
    ),
    (
        "SELECT CAST(min(srcaddr) AS BIGINT) FROM vpc_flow_logs WHERE srcaddr LIKE '%.%'",
        "Cannot cast '10.0.0.141' to BIGINT",
    ),
    (
        "SELECT CAST('x' AS DATE)",
        "Value cannot be cast to date: x",
    ),
    (
        "SELECT CAST('x' AS TIMESTAMP)",
        "Value cannot be cast to timestamp: x",
    ),
    (
        "SELECT CAST('localhost' AS IPADDRESS)",
        "Cannot cast value to IPADDRESS: localhost",
    ),
    // Execution.
    ("SELECT bytes / 0 FROM vpc_flow_logs", "Division by zero"),
    ("SELECT 5 % 0", "Division by zero"),
    (
        "SELECT (SELECT bytes FROM vpc_flow_logs)",
        "Scalar sub-query has returned multiple rows",
    ),
    (
        "SELECT date_parse('abc', '%Y-%m-%d')",
        "Invalid format: \"abc\"",
    ),
    (
        "SELECT date_parse('2026-11-x', '%Y-%m-%d')",
        "Invalid format: \"2026-11-x\" is malformed at \"x\"",
    ),
    (
        "SELECT from_iso8601_timestamp('x')",
        "Invalid format: \"x\"",
    ),
    // Statements and clauses flowlog does not run, or runs differently.
    (
        "SELECT srcaddr, srcaddr FROM vpc_flow_logs",
        "SQL error: Column 'srcaddr' appears twice in the select list; give one of them another name (AS ...)",
    ),
    (
        "SELECT grouping(srcaddr) FROM vpc_flow_logs",
        "The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level",
    ),
    (
        "SELECT EXISTS (SELECT 1) FROM vpc_flow_logs GROUP BY srcaddr",
        "EXISTS (subquery) is not supported in this position; use it in WHERE, or rewrite it as a join",
    ),
    (
        "INSERT INTO vpc_flow_logs (version) VALUES (5)",
        "INSERT INTO a flow-log table is not supported: flowlog never writes into the logs; write results with UNLOAD or --output",
    ),
    (
        "SELECT now() - INTERVAL '1' fortnight",
        "SQL error at line 1, column 25: INTERVAL literal needs a unit: write INTERVAL '1' DAY (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND, or a range such as DAY TO SECOND)",
    ),
    (
        "SELECT count(*) FROM vpc_flow_logs TABLESAMPLE BERNOULLI (150)",
        "SQL error at line 1, column 22: Sample percentage must be between 0 and 100",
    ),
    // Syntax.
    (
        "SELEC 1",
        "SQL error at line 1, column 1: Expected: an SQL statement, found: SELEC",
    ),
    (
        "SELECT *\nFROM vpc_flow_logs\nWHERE",
        "SQL error at line 3, column 6: Expected: an expression, found: EOF",
    ),
    (
        "SELECT srcaddr FROM vpc_flow_logs WHERE action = 'REJECT' GROUP srcaddr",
        "SQL error at line 1, column 59: Expected: end of statement, found: GROUP",
    ),
];

#[tokio::test]
async fn corpus() {
    let session = FlowLogSession::new(sample_options());
    session
        .register_logs("vpc_flow_logs", "s3://flowlog-sample-daily")
        .await
        .unwrap();
    let mut wrong = Vec::new();
    for (sql, expected) in CORPUS {
        let message = match csv(&session, sql).await {
            Ok(out) => format!("(no error: {out:?})"),
            Err(e) => e.to_string(),
        };
        for word in FORBIDDEN {
            assert!(!message.contains(word), "{sql}: {message}");
        }
        if message != *expected {
            wrong.push(format!(
                "{sql}\n  expected: {expected}\n       got: {message}"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
