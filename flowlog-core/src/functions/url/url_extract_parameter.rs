//! `url_extract_parameter(url, name)` (Trino): the value of the first query-string
//! parameter called `name`.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::uri::parse;
use crate::functions::support::{Kind, Rows, coerce, documented, scalar_udf, strings};

scalar_udf! {
    /// `url_extract_parameter`: `''` for a parameter without `=`, NULL when absent or when
    /// `url` is not a valid URI. Values keep their percent-encoding, as in Trino.
    pub struct UrlExtractParameter;
}

/// The value of the first `name` parameter in `query`.
fn parameter<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

impl ScalarUDFImpl for UrlExtractParameter {
    fn name(&self) -> &str {
        "url_extract_parameter"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(self.name(), arg_types, &[&[Kind::Varchar, Kind::Varchar]])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        strings(&rows, |r| {
            let (Some(url), Some(name)) = (rows.str(0, r), rows.str(1, r)) else {
                return Ok(None);
            };
            Ok(parse(url)
                .and_then(|u| parameter(u.query, name))
                .map(str::to_string))
        })
    }

    documented!(
        "URL Functions",
        "url_extract_parameter(url, name)",
        "Returns the value of the first query string parameter named name from url.",
        "SELECT url_extract_parameter('http://example.com/path1/p.php?k1=v1&k2=v2#Ref1', 'k2'); -- v2"
    );
}
