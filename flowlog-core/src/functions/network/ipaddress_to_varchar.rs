//! `ipaddress_to_varchar(ip)`: what `CAST(ip AS VARCHAR)` is planned as.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::address::{IPADDRESS, format};
use super::to_ipaddress::value_at;
use crate::functions::support::{Rows, documented, scalar_udf, strings, unexpected_parameters};

scalar_udf! {
    /// `CAST(ip AS VARCHAR)`: dotted quad for IPv4, RFC 5952 text for IPv6.
    pub struct IpAddressToVarchar;
}

impl ScalarUDFImpl for IpAddressToVarchar {
    fn name(&self) -> &str {
        "ipaddress_to_varchar"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if *t == IPADDRESS || t.is_null() => Ok(vec![IPADDRESS]),
            _ => Err(unexpected_parameters(
                "ipaddress_to_varchar",
                arg_types,
                &["ipaddress_to_varchar(ipaddress)"],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        strings(&rows, |r| {
            Ok(value_at(rows.array(0).as_ref(), r).map(|b| format(&b)))
        })
    }

    documented!(
        "IP Address Functions",
        "CAST(ip AS VARCHAR), ipaddress_to_varchar(ip)",
        "Returns the text form of an IPADDRESS: dotted quad for IPv4, the shortest IPv6 form otherwise.",
        "SELECT CAST(IPADDRESS '::ffff:10.0.0.1' AS VARCHAR); -- '10.0.0.1'"
    );
}
