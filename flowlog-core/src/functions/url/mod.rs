//! Trino's URL functions (`url_extract_*`), which DataFusion lacks. URLs are split as
//! Java's `java.net.URI` splits them (see [`uri`]).

mod uri;
pub mod url_extract;
pub mod url_extract_parameter;

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    let mut all: Vec<Arc<ScalarUDF>> = url_extract::Component::ALL
        .iter()
        .map(|c| Arc::new(ScalarUDF::new_from_impl(url_extract::UrlExtract::new(*c))))
        .collect();
    all.push(Arc::new(ScalarUDF::new_from_impl(
        url_extract_parameter::UrlExtractParameter::new(),
    )));
    all
}
