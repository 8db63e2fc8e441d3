//! `regexp_like(string, pattern)`: find semantics, as Trino.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::pattern::PatternCache;
use crate::functions::support::{Kind, Rows, booleans, coerce, documented, scalar_udf};

scalar_udf! {
    /// `regexp_like`: true if `pattern` matches anywhere in `string`.
    pub struct RegexpLike;
}

impl ScalarUDFImpl for RegexpLike {
    fn name(&self) -> &str {
        "regexp_like"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(self.name(), arg_types, &[&[Kind::Varchar, Kind::Varchar]])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let mut cache = PatternCache::default();
        booleans(&rows, |r| match (rows.str(0, r), rows.str(1, r)) {
            (Some(s), Some(p)) => Ok(Some(cache.get(self.name(), p)?.is_match(s))),
            _ => Ok(None),
        })
    }

    documented!(
        "Regular Expression Functions",
        "regexp_like(string, pattern)",
        "Evaluates the regular expression pattern and determines if it is contained within string. The pattern only needs to be contained within string, rather than needing to match all of string.",
        "SELECT regexp_like('1a 2b 14m', '\\d+b'); -- true"
    );
}
