//! `hmac_md5`, `hmac_sha1`, `hmac_sha256`, `hmac_sha512`: `(varbinary, key varbinary)`.

use std::hash::{Hash, Hasher};

use arrow::array::{Array, AsArray};
use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use super::digests::{hmac, md5_of, sha1_of, sha256_of, sha512_of};
use super::function::{Output, Value, build};
use crate::functions::support::{Rows, doc, unexpected_parameters};

/// One HMAC function: its name, hash and the hash's block size in bytes.
#[derive(Debug)]
pub struct Hmac {
    signature: Signature,
    name: &'static str,
    hash: fn(&[u8]) -> Vec<u8>,
    block: usize,
    documentation: std::sync::OnceLock<Documentation>,
}

impl PartialEq for Hmac {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Hmac {}

impl Hash for Hmac {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl Hmac {
    fn new(name: &'static str, hash: fn(&[u8]) -> Vec<u8>, block: usize) -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            name,
            hash,
            block,
            documentation: std::sync::OnceLock::new(),
        }
    }

    /// The four HMAC functions.
    pub fn all() -> Vec<Self> {
        vec![
            Self::new("hmac_md5", md5_of, 64),
            Self::new("hmac_sha1", sha1_of, 64),
            Self::new("hmac_sha256", sha256_of, 64),
            Self::new("hmac_sha512", sha512_of, 128),
        ]
    }
}

fn is_binary_or_null(t: &DataType) -> bool {
    t.is_null()
        || matches!(
            t,
            DataType::Binary | DataType::LargeBinary | DataType::BinaryView
        )
}

impl ScalarUDFImpl for Hmac {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, b] if is_binary_or_null(a) && is_binary_or_null(b) => {
                Ok(vec![DataType::Binary, DataType::Binary])
            }
            _ => Err(unexpected_parameters(
                self.name,
                arg_types,
                &[&format!("{}(varbinary, varbinary)", self.name)],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Binary)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let (message, key) = (
            rows.array(0).as_binary::<i32>(),
            rows.array(1).as_binary::<i32>(),
        );
        let values = (0..rows.len())
            .map(|r| {
                (message.is_valid(r) && key.is_valid(r)).then(|| {
                    Value::Bytes(hmac(self.hash, self.block, key.value(r), message.value(r)))
                })
            })
            .collect();
        rows.finish(build(Output::Varbinary, values))
    }

    fn documentation(&self) -> Option<&Documentation> {
        Some(self.documentation.get_or_init(|| {
            doc(
                "Binary Functions",
                &format!("{}(binary, key)", self.name),
                "Computes the HMAC of binary with the given key.",
                &format!(
                    "SELECT to_hex({}(to_utf8('hashme'), to_utf8('key')));",
                    self.name
                ),
            )
        }))
    }
}
