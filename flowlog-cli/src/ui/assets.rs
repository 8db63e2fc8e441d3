//! The page, its style and its script, embedded in the binary: the console works
//! offline, with nothing fetched from elsewhere.

/// The page.
pub(crate) const INDEX: &str = include_str!("../../assets/ui/index.html");
/// The style sheet.
pub(crate) const STYLE: &str = include_str!("../../assets/ui/app.css");
/// The script (editor, grid, chart, table browser, saved queries, English and Japanese).
pub(crate) const SCRIPT: &str = include_str!("../../assets/ui/app.js");
