//! `url_extract_protocol`, `url_extract_host`, `url_extract_port`, `url_extract_path`,
//! `url_extract_query`, `url_extract_fragment` (Trino): one component of a URL.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use super::uri::{Uri, parse};
use crate::functions::support::{Kind, Rows, bigints, coerce, doc, scalar_udf, strings};

/// Which component a `url_extract_*` function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    /// `url_extract_protocol`: the scheme, `http`.
    Protocol,
    /// `url_extract_host`: `example.com`.
    Host,
    /// `url_extract_port`: a bigint, NULL when the URL gives none.
    Port,
    /// `url_extract_path`: `/path1/p.php`.
    Path,
    /// `url_extract_query`: `k1=v1&k2=v2`.
    Query,
    /// `url_extract_fragment`: the text after `#`.
    Fragment,
}

impl Component {
    /// Every component, one function each.
    pub const ALL: [Component; 6] = [
        Component::Protocol,
        Component::Host,
        Component::Port,
        Component::Path,
        Component::Query,
        Component::Fragment,
    ];

    fn name(self) -> &'static str {
        match self {
            Component::Protocol => "url_extract_protocol",
            Component::Host => "url_extract_host",
            Component::Port => "url_extract_port",
            Component::Path => "url_extract_path",
            Component::Query => "url_extract_query",
            Component::Fragment => "url_extract_fragment",
        }
    }

    fn text<'a>(self, uri: &Uri<'a>) -> &'a str {
        match self {
            Component::Protocol => uri.scheme,
            Component::Host => uri.host,
            Component::Path => uri.path,
            Component::Query => uri.query,
            Component::Fragment => uri.fragment,
            Component::Port => "",
        }
    }

    fn describe(self) -> (&'static str, &'static str) {
        match self {
            Component::Protocol => (
                "Returns the protocol from url.",
                "SELECT url_extract_protocol('http://example.com/path1/p.php?k1=v1#Ref1'); -- http",
            ),
            Component::Host => (
                "Returns the host from url.",
                "SELECT url_extract_host('http://example.com:8080/path1/p.php'); -- example.com",
            ),
            Component::Port => (
                "Returns the port number from url, or NULL when it has none.",
                "SELECT url_extract_port('http://example.com:8080/path1/p.php'); -- 8080",
            ),
            Component::Path => (
                "Returns the path from url.",
                "SELECT url_extract_path('http://example.com/path1/p.php?k1=v1'); -- /path1/p.php",
            ),
            Component::Query => (
                "Returns the query string from url.",
                "SELECT url_extract_query('http://example.com/path1/p.php?k1=v1&k2=v2#Ref1'); -- k1=v1&k2=v2",
            ),
            Component::Fragment => (
                "Returns the fragment identifier from url.",
                "SELECT url_extract_fragment('http://example.com/path1/p.php?k1=v1#Ref1'); -- Ref1",
            ),
        }
    }
}

scalar_udf! {
    /// `url_extract_<component>(url)`: NULL when `url` is not a valid URI, `''` when the
    /// component is absent (NULL for the port).
    pub struct UrlExtract {
        /// The function returning `component`.
        fn new(component: Component);
    }
}

impl ScalarUDFImpl for UrlExtract {
    fn name(&self) -> &str {
        self.component.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        coerce(self.name(), arg_types, &[&[Kind::Varchar]])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.component {
            Component::Port => DataType::Int64,
            _ => DataType::Utf8,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        if self.component == Component::Port {
            return bigints(&rows, |r| {
                Ok(rows.str(0, r).and_then(parse).and_then(|u| u.port))
            });
        }
        strings(&rows, |r| {
            Ok(rows
                .str(0, r)
                .and_then(parse)
                .map(|u| self.component.text(&u).to_string()))
        })
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOCS: std::sync::OnceLock<Vec<Documentation>> = std::sync::OnceLock::new();
        let docs = DOCS.get_or_init(|| {
            Component::ALL
                .iter()
                .map(|c| {
                    let (description, example) = c.describe();
                    doc(
                        "URL Functions",
                        &format!("{}(url)", c.name()),
                        description,
                        example,
                    )
                })
                .collect()
        });
        let i = Component::ALL.iter().position(|c| *c == self.component)?;
        docs.get(i)
    }
}
