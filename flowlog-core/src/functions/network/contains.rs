//! `contains(network, address)` (CIDR membership) and `contains(array, element)`.

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::address::{IPADDRESS, parse};
use super::cidr::Cidr;
use super::to_ipaddress::value_at;
use crate::functions::support::{Rows, booleans, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `contains`: Trino's two functions of that name, chosen by argument types.
    ///
    /// * `contains(varchar network, ipaddress address)`: whether the CIDR network holds the
    ///   address. An invalid network is an error; an address of the other IP version is
    ///   an error, as in Trino.
    /// * `contains(varchar network, varchar address)`: the same on plain string columns
    ///   (a flowlog extension): text that is not an address (`'-'`) gives NULL.
    /// * `contains(array(T), T)`: whether the array holds the element, NULL if not but
    ///   the array holds a NULL (`functions::array::contains`).
    pub struct Contains;
}

fn is_list(t: &DataType) -> bool {
    matches!(
        t,
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _)
    )
}

fn is_text(t: &DataType) -> bool {
    t.is_null() || matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

impl ScalarUDFImpl for Contains {
    fn name(&self) -> &str {
        "contains"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, e] if is_list(a) => {
                crate::functions::array::contains::coerce(a, e).ok_or_else(|| {
                    unexpected_parameters("contains", arg_types, &["contains(array(T), T)"])
                })
            }
            [n, a] if is_text(n) && *a == IPADDRESS => Ok(vec![DataType::Utf8, IPADDRESS]),
            [n, a] if is_text(n) && is_text(a) => Ok(vec![DataType::Utf8, DataType::Utf8]),
            _ => Err(unexpected_parameters(
                "contains",
                arg_types,
                &[
                    "contains(varchar, ipaddress)",
                    "contains(varchar, varchar)",
                    "contains(array(T), T)",
                ],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if is_list(args.arg_fields[0].data_type()) {
            return crate::functions::array::contains::invoke(&args);
        }
        let typed = args.arg_fields[1].data_type() == &IPADDRESS;
        let rows = Rows::new(&args)?;
        let mut last: Option<(String, Cidr)> = None;
        booleans(&rows, |r| {
            let Some(network) = rows.str(0, r) else {
                return Ok(None);
            };
            let address = if typed {
                match value_at(rows.array(1).as_ref(), r) {
                    Some(a) => a,
                    None => return Ok(None),
                }
            } else {
                match rows.str(1, r).and_then(parse) {
                    Some(a) => a,
                    None => return Ok(None),
                }
            };
            let cidr = match &last {
                Some((text, cidr)) if text == network => *cidr,
                _ => {
                    let cidr = match Cidr::parse(network) {
                        Ok(c) => c,
                        Err(e) => return exec_err!("contains: {e}"),
                    };
                    last = Some((network.to_string(), cidr));
                    cidr
                }
            };
            match cidr.contains(&address) {
                Some(b) => Ok(Some(b)),
                None if typed => {
                    exec_err!("contains: IP address version should be the same ({network})")
                }
                None => Ok(Some(false)),
            }
        })
    }

    documented!(
        "IP Address Functions",
        "contains(network, address), contains(array, element)",
        "Returns true if the address is in the CIDR network (the address may be an IPADDRESS or, in flowlog, its text), or if the array contains the element.",
        "SELECT contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) FROM vpc_flow_logs;"
    );
}
