//! Trino (Athena engine v3) functions whose DataFusion namesakes behave differently.
//!
//! Registering them replaces DataFusion's functions of the same name in a session, so a
//! query pasted from Athena gives Athena's answer.

pub mod aggregate;
pub mod arithmetic;
pub mod array;
pub mod athena_names;
pub mod binary;
pub mod catalog;
pub mod datetime;
pub mod lambda;
pub mod map;
pub mod misc;
pub mod network;
pub mod regexp;
pub(crate) mod rewritten;
pub mod string;
pub(crate) mod support;
pub mod url;

use std::sync::Arc;

use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datafusion::prelude::SessionContext;

use crate::functions::datetime::zoned_comparison::SessionZone;
use crate::time::TrinoZone;

/// Every flowlog scalar function, for a session whose time zone is `session_zone`.
pub fn scalar_functions(session_zone: TrinoZone) -> Vec<Arc<ScalarUDF>> {
    let mut all = datetime::scalar_functions(session_zone);
    all.extend(string::scalar_functions());
    all.extend(regexp::scalar_functions());
    all.extend(arithmetic::scalar_functions());
    all.extend(network::scalar_functions());
    all.extend(misc::scalar_functions());
    all.extend(array::scalar_functions());
    all.extend(map::scalar_functions());
    all.extend(url::scalar_functions());
    all.extend(aggregate::scalar_functions());
    all.extend(binary::scalar_functions());
    all
}

/// Every flowlog aggregate function.
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    aggregate::aggregate_functions()
}

/// Register every flowlog function in `ctx`, replacing DataFusion's namesakes.
///
/// `session_zone` is the session's zone cell: the rewrites that read the session zone while
/// planning read it there, so `SET TIME ZONE` reaches them.
pub fn register_all(ctx: &SessionContext, session_zone: &SessionZone) {
    for f in scalar_functions(session_zone.get()) {
        ctx.register_udf(f.as_ref().clone());
    }
    for f in aggregate_functions() {
        ctx.register_udaf(f.as_ref().clone());
    }
    for f in lambda::higher_order_functions() {
        ctx.register_higher_order_function(f);
    }
    // Trino's other name of `ceil`.
    ctx.register_udf(
        datafusion::functions::math::ceil()
            .as_ref()
            .clone()
            .with_aliases(["ceiling"]),
    );
    // Internal: what the dialect plans long `+ - *` chains as (expanded before running).
    ctx.register_udf(arithmetic::operator_chain::udf().as_ref().clone());
    for rewrite in datetime::function_rewrites(session_zone) {
        // Registering a rewrite cannot fail on a SessionState.
        let _ = ctx.state_ref().write().register_function_rewrite(rewrite);
    }
    let mut registry = ctx.clone();
    // Registering a rewrite on a fresh session's registry cannot fail.
    let _ = registry.register_function_rewrite(Arc::new(arithmetic::TrinoArithmetic));
    let _ = registry.register_function_rewrite(Arc::new(arithmetic::float_cast::FloatCasts));
    let _ = registry.register_function_rewrite(Arc::new(arithmetic::decimal_rules::DecimalRules));
    let _ = registry.register_function_rewrite(Arc::new(network::IpAddressCasts));
    let _ = registry.register_function_rewrite(Arc::new(array::equality::StructuralComparisons));
}
