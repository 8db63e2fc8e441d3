//! The aggregates flowlog provides only by rewriting the query (`dialect/aggregate.rs`
//! turns them into DataFusion's), as `flowlog functions` lists them.

/// One aggregate that exists as a rewrite, documented in Trino's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rewritten {
    /// The name a query calls.
    pub(crate) name: &'static str,
    /// Its call syntax.
    pub(crate) syntax: &'static str,
    /// One line on what it returns.
    pub(crate) description: &'static str,
    /// A SQL example.
    pub(crate) example: &'static str,
}

/// The aggregates `dialect/aggregate.rs` and `dialect/listagg.rs` rewrite, for the function
/// catalog.
pub(crate) const REWRITTEN: [Rewritten; 12] = [
    Rewritten {
        name: "arbitrary",
        syntax: "arbitrary(x)",
        description: "Returns an arbitrary non-null value of x, if one exists.",
        example: "SELECT interface_id, arbitrary(vpc_id) FROM vpc_flow_logs GROUP BY 1",
    },
    Rewritten {
        name: "variance",
        syntax: "variance(x)",
        description: "Returns the sample variance of all input values (an alias of var_samp).",
        example: "SELECT variance(bytes) FROM vpc_flow_logs",
    },
    Rewritten {
        name: "approx_percentile",
        syntax: "approx_percentile(x, [w,] percentage) / approx_percentile(x, [w,] ARRAY[percentages])",
        description: "Returns the approximate percentile of all input values of x at the given percentage (or an array, one per percentage), each value weighted by w when given.",
        example: "SELECT approx_percentile(bytes, 0.99) FROM vpc_flow_logs",
    },
    Rewritten {
        name: "count_if",
        syntax: "count_if(x)",
        description: "Returns the number of TRUE input values (the same as count(CASE WHEN x THEN 1 END)).",
        example: "SELECT count_if(action = 'REJECT') FROM vpc_flow_logs",
    },
    Rewritten {
        name: "max_by",
        syntax: "max_by(x, y) / max_by(x, y, n)",
        description: "Returns the value of x associated with the maximum value of y over all input values (or the n values with the largest y, as an array).",
        example: "SELECT max_by(srcaddr, bytes) FROM vpc_flow_logs",
    },
    Rewritten {
        name: "min_by",
        syntax: "min_by(x, y) / min_by(x, y, n)",
        description: "Returns the value of x associated with the minimum value of y over all input values (or the n values with the smallest y, as an array).",
        example: "SELECT min_by(srcaddr, \"start\") FROM vpc_flow_logs",
    },
    Rewritten {
        name: "any_value",
        syntax: "any_value(x)",
        description: "Returns an arbitrary non-null value of x, if one exists (the same as arbitrary).",
        example: "SELECT interface_id, any_value(vpc_id) FROM vpc_flow_logs GROUP BY 1",
    },
    Rewritten {
        name: "listagg",
        syntax: "listagg(x[, separator]) WITHIN GROUP (ORDER BY y)",
        description: "Returns the non-null values of x, in the order given, concatenated with the separator ('' by default).",
        example: "SELECT listagg(DISTINCT action, ',') WITHIN GROUP (ORDER BY action) FROM vpc_flow_logs",
    },
    Rewritten {
        name: "geometric_mean",
        syntax: "geometric_mean(x)",
        description: "Returns the geometric mean of all input values.",
        example: "SELECT geometric_mean(bytes) FROM vpc_flow_logs",
    },
    Rewritten {
        name: "every",
        syntax: "every(x)",
        description: "Returns TRUE if every input value is TRUE (an alias of bool_and).",
        example: "SELECT every(action = 'ACCEPT') FROM vpc_flow_logs",
    },
    Rewritten {
        name: "bitwise_and_agg",
        syntax: "bitwise_and_agg(x)",
        description: "Returns the bitwise AND of all input values in two's complement representation.",
        example: "SELECT bitwise_and_agg(tcp_flags) FROM vpc_flow_logs",
    },
    Rewritten {
        name: "bitwise_or_agg",
        syntax: "bitwise_or_agg(x)",
        description: "Returns the bitwise OR of all input values in two's complement representation.",
        example: "SELECT bitwise_or_agg(tcp_flags) FROM vpc_flow_logs",
    },
];
