//! Where a statement typed into the shell ends: at a `;` outside quotes and comments.
//!
//! ```text
//! select 'a;b' -- c;     ─► no end yet (the ; are quoted or commented)
//! from t;                ─► one statement, "select 'a;b' -- c;\nfrom t"
//! ```

/// The statements `text` completes, and what follows the last `;` (a statement still
/// being typed, or blank).
pub(crate) fn split(text: &str) -> (Vec<String>, String) {
    let mut statements = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => {
                // A doubled quote inside is an escaped quote: the scan just re-enters.
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 1;
            }
            b';' => {
                let statement = text[start..i].trim();
                if !is_blank(statement) {
                    statements.push(statement.to_string());
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let rest = text.get(start..).unwrap_or("");
    let rest = if is_blank(rest) { "" } else { rest };
    (statements, rest.trim_start().to_string())
}

/// Only whitespace and `--` comments (nothing to run).
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with("--"))
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn ends_at_semicolons_outside_quotes_and_comments() {
        let (done, rest) = split("select 'a;b' -- c;\nfrom t; select 2");
        assert_eq!(done, vec!["select 'a;b' -- c;\nfrom t"]);
        assert_eq!(rest, "select 2");
        let (done, rest) = split("select /* ; */ 1;\n-- bye\n");
        assert_eq!(done, vec!["select /* ; */ 1"]);
        assert_eq!(rest, "");
        let (done, rest) = split("select \"x;\" from t");
        assert!(done.is_empty());
        assert_eq!(rest, "select \"x;\" from t");
        let (done, _) = split(";;");
        assert!(done.is_empty());
    }
}
