//! Trino's `IPADDRESS` type and IP functions, the heart of flow-log questions
//! (internal or external traffic).
//!
//! | SQL | flowlog |
//! |---|---|
//! | `CAST(x AS IPADDRESS)`, `IPADDRESS '10.0.0.1'` | `to_ipaddress(x)` (rewritten by `dialect`) |
//! | `TRY_CAST(x AS IPADDRESS)` | `try_to_ipaddress(x)` |
//! | `CAST(ip AS VARCHAR)` | `ipaddress_to_varchar(ip)` (rewritten by [`IpAddressCasts`]) |
//! | `contains('10.0.0.0/8', ip)` | [`contains::Contains`], also on `varchar` addresses and arrays |
//! | `is_private_ip(ip)` | [`is_private_ip::IsPrivateIp`] |
//!
//! `IPADDRESS` values are `FixedSizeBinary(16)` ([`address`]); `=`, `<`, `ORDER BY`,
//! `GROUP BY` and `DISTINCT` work on them as Trino's do.

pub mod address;
pub mod cidr;
pub mod contains;
pub mod ipaddress_to_varchar;
pub mod is_private_ip;
pub mod to_ipaddress;

use std::sync::Arc;

use datafusion::common::config::ConfigOptions;
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, Result};
use datafusion::logical_expr::expr::{Cast, ScalarFunction, TryCast};
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{Expr, ExprSchemable, ScalarUDF};

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(to_ipaddress::ToIpAddress::new(
            false,
        ))),
        Arc::new(ScalarUDF::new_from_impl(to_ipaddress::ToIpAddress::new(
            true,
        ))),
        Arc::new(ScalarUDF::new_from_impl(
            ipaddress_to_varchar::IpAddressToVarchar::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(contains::Contains::new())),
        Arc::new(ScalarUDF::new_from_impl(is_private_ip::IsPrivateIp::new())),
    ]
}

/// Rewrites `CAST(ip AS VARCHAR)` (and `TRY_CAST`) of an `IPADDRESS` value to
/// `ipaddress_to_varchar(ip)`, which prints the address as Trino does.
#[derive(Debug, Default)]
pub struct IpAddressCasts;

impl FunctionRewrite for IpAddressCasts {
    fn name(&self) -> &str {
        "ipaddress_casts"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        let (inner, target) = match &expr {
            Expr::Cast(Cast { expr, field }) | Expr::TryCast(TryCast { expr, field }) => {
                (expr, field.data_type())
            }
            _ => return Ok(Transformed::no(expr)),
        };
        let is_ip = inner
            .get_type(schema)
            .is_ok_and(|t| t == address::IPADDRESS);
        if !is_ip
            || !matches!(
                target,
                arrow::datatypes::DataType::Utf8
                    | arrow::datatypes::DataType::LargeUtf8
                    | arrow::datatypes::DataType::Utf8View
            )
        {
            return Ok(Transformed::no(expr));
        }
        let udf = Arc::new(ScalarUDF::new_from_impl(
            ipaddress_to_varchar::IpAddressToVarchar::new(),
        ));
        Ok(Transformed::yes(Expr::ScalarFunction(
            ScalarFunction::new_udf(udf, vec![inner.as_ref().clone()]),
        )))
    }
}
