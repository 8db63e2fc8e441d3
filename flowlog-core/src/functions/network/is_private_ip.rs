//! `is_private_ip(address)`: whether an address is in a private or reserved range.

use std::sync::OnceLock;

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::address::{IPADDRESS, parse};
use super::cidr::Cidr;
use super::to_ipaddress::value_at;
use crate::functions::support::{Rows, booleans, documented, scalar_udf, unexpected_parameters};

/// The IANA special-purpose ranges that are not globally reachable.
const PRIVATE: [&str; 21] = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "64:ff9b:1::/48",
    "100::/64",
    "2001::/23",
    "2001:db8::/32",
    "fc00::/7",
    "fe80::/10",
];

fn ranges() -> &'static [Cidr] {
    static RANGES: OnceLock<Vec<Cidr>> = OnceLock::new();
    RANGES.get_or_init(|| PRIVATE.iter().filter_map(|c| Cidr::parse(c).ok()).collect())
}

/// Whether `address` is in one of the private or reserved ranges.
pub fn is_private(address: &[u8; 16]) -> bool {
    ranges().iter().any(|c| c.contains(address) == Some(true))
}

scalar_udf! {
    /// `is_private_ip`: true for addresses in private or reserved ranges (RFC 1918, loopback,
    /// link-local, shared, documentation, unique-local …).
    pub struct IsPrivateIp;
}

impl ScalarUDFImpl for IsPrivateIp {
    fn name(&self) -> &str {
        "is_private_ip"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if *t == IPADDRESS => Ok(vec![IPADDRESS]),
            [t] if t.is_null()
                || matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) =>
            {
                Ok(vec![DataType::Utf8])
            }
            _ => Err(unexpected_parameters(
                "is_private_ip",
                arg_types,
                &["is_private_ip(ipaddress)", "is_private_ip(varchar)"],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let typed = args.arg_fields[0].data_type() == &IPADDRESS;
        let rows = Rows::new(&args)?;
        booleans(&rows, |r| {
            let address = if typed {
                value_at(rows.array(0).as_ref(), r)
            } else {
                rows.str(0, r).and_then(parse)
            };
            Ok(address.map(|a| is_private(&a)))
        })
    }

    documented!(
        "IP Address Functions",
        "is_private_ip(address)",
        "Returns true if the address is in a private or reserved range (such as 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, loopback, link-local); the address may be an IPADDRESS or, in flowlog, its text (null if not an address).",
        "SELECT is_private_ip(IPADDRESS '10.0.1.5'); -- true"
    );
}
