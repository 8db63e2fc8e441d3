//! `to_ipaddress(x)` / `try_to_ipaddress(x)`: what `CAST(x AS IPADDRESS)`,
//! `TRY_CAST(x AS IPADDRESS)` and `IPADDRESS '…'` are planned as.

use std::sync::Arc;

use arrow::array::{Array, AsArray, FixedSizeBinaryBuilder};
use arrow::datatypes::DataType;
use datafusion::common::{exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use super::address::{IPADDRESS, parse};
use crate::functions::support::{Rows, doc, scalar_udf, trino_type_name};

scalar_udf! {
    /// `CAST(varchar AS IPADDRESS)`; the `try_` form gives NULL instead of an error.
    pub struct ToIpAddress {
        /// The strict (`to_ipaddress`) or lenient (`try_to_ipaddress`) function.
        fn new(lenient: bool);
    }
}

impl ScalarUDFImpl for ToIpAddress {
    fn name(&self) -> &str {
        if self.lenient {
            "try_to_ipaddress"
        } else {
            "to_ipaddress"
        }
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
            [t] => plan_err!("Cannot cast {} to ipaddress", trino_type_name(t)),
            _ => plan_err!("{} takes one argument", self.name()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(IPADDRESS)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.arg_fields[0].data_type() == &IPADDRESS {
            return Ok(args.args[0].clone());
        }
        let rows = Rows::new(&args)?;
        let mut b = FixedSizeBinaryBuilder::with_capacity(rows.len(), 16);
        for r in 0..rows.len() {
            match rows.str(0, r) {
                None => b.append_null(),
                Some(text) => match parse(text) {
                    Some(bytes) => b.append_value(bytes)?,
                    None if self.lenient => b.append_null(),
                    None => return exec_err!("Cannot cast value to IPADDRESS: {text}"),
                },
            }
        }
        let out = b.finish();
        debug_assert_eq!(out.len(), rows.len());
        rows.finish(Arc::new(out))
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOCS: std::sync::OnceLock<[Documentation; 2]> = std::sync::OnceLock::new();
        let docs = DOCS.get_or_init(|| {
            [
                doc(
                    "IP Address Functions",
                    "CAST(x AS IPADDRESS), IPADDRESS 'text', to_ipaddress(x)",
                    "Converts an IPv4 or IPv6 address in text form to the IPADDRESS type (IPv4 addresses are stored IPv4-mapped, as Trino does); fails on text that is not an address.",
                    "SELECT CAST('10.0.1.5' AS IPADDRESS) < IPADDRESS '10.0.2.0'; -- true",
                ),
                doc(
                    "IP Address Functions",
                    "TRY_CAST(x AS IPADDRESS), try_to_ipaddress(x)",
                    "Like CAST(x AS IPADDRESS), but returns null for text that is not an address (such as '-').",
                    "SELECT TRY_CAST('-' AS IPADDRESS); -- NULL",
                ),
            ]
        });
        Some(&docs[usize::from(self.lenient)])
    }
}

/// The bytes of row `row` of an `IPADDRESS` array, if not NULL.
pub(crate) fn value_at(array: &dyn Array, row: usize) -> Option<[u8; 16]> {
    if array.is_null(row) || array.data_type() != &IPADDRESS {
        return None;
    }
    super::address::from_slice(array.as_fixed_size_binary().value(row))
}
