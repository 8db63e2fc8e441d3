//! Splitting a URL into its components as Java's `java.net.URI` does, which Trino's URL
//! functions use: text that is not a valid URI has no components at all (every
//! `url_extract_*` is NULL), absent components are empty strings, and components keep
//! their percent-encoding.

/// The components of a valid URI.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Uri<'a> {
    /// `http`; empty for a relative reference.
    pub(crate) scheme: &'a str,
    /// `example.com`; empty when there is no authority (`mailto:…`, `foo`).
    pub(crate) host: &'a str,
    /// The port, when the authority gives one.
    pub(crate) port: Option<i64>,
    /// `/path1/p.php`; empty for an opaque URI (`mailto:…`).
    pub(crate) path: &'a str,
    /// `k1=v1&k2=v2`, without the `?`.
    pub(crate) query: &'a str,
    /// `Ref1`, without the `#`.
    pub(crate) fragment: &'a str,
}

/// Whether `c` may appear (unescaped) in a URI component, per RFC 2396 as Java reads it:
/// unreserved and reserved ASCII characters, and any non-ASCII character that is not a
/// control or space character.
fn allowed(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "-_.!~*'();/?:@&=+$,".contains(c)
    } else {
        !c.is_control() && !c.is_whitespace()
    }
}

/// Whether `text` uses only allowed characters and well-formed `%HH` escapes.
fn valid_component(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '%' {
            let hex = |k: usize| bytes.get(i + k).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(1) && hex(2)) {
                return false;
            }
            chars.next();
            chars.next();
        } else if !allowed(c) {
            return false;
        }
    }
    true
}

fn valid_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// Parse `text` as `java.net.URI` would; `None` when Java would reject it.
pub(crate) fn parse(text: &str) -> Option<Uri<'_>> {
    let mut uri = Uri::default();
    let mut rest = text;
    if let Some((before, after)) = rest.split_once('#') {
        if !valid_component(after) || after.contains('#') {
            return None;
        }
        uri.fragment = after;
        rest = before;
    }
    // A scheme is what precedes the first ':' when no '/', '?' comes before it.
    if let Some(colon) = rest.find(':') {
        let candidate = &rest[..colon];
        if !candidate.contains(['/', '?']) {
            if !valid_scheme(candidate) {
                return None;
            }
            uri.scheme = candidate;
            rest = &rest[colon + 1..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('/') {
                // Opaque: `mailto:test@example.com` has no host, path or query.
                return valid_component(rest).then_some(uri);
            }
        }
    }
    if let Some((before, after)) = rest.split_once('?') {
        if !valid_component(after) {
            return None;
        }
        uri.query = after;
        rest = before;
    }
    if let Some(after) = rest.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        let authority = &after[..end];
        rest = &after[end..];
        let server = authority.rsplit_once('@').map_or(authority, |(_, s)| s);
        let (host, port) = match server.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || server.starts_with('[') => (h, Some(p)),
            _ => (server, None),
        };
        let port = match port {
            Some("") | None => None,
            Some(p) if p.chars().all(|c| c.is_ascii_digit()) => Some(p.parse().ok()?),
            Some(_) => return None,
        };
        let host_ok = host
            .chars()
            .all(|c| c.is_alphanumeric() || "-._~%[]:".contains(c));
        if !host_ok || !valid_component(&authority.replace(['[', ']'], "")) {
            return None;
        }
        uri.host = host;
        uri.port = port;
    }
    if !valid_component(rest) {
        return None;
    }
    uri.path = rest;
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components() {
        let u = parse("http://u:p@example.com:8080/a/b?k=v#f").unwrap();
        assert_eq!(
            (u.scheme, u.host, u.port, u.path, u.query, u.fragment),
            ("http", "example.com", Some(8080), "/a/b", "k=v", "f")
        );
        let m = parse("mailto:test@example.com").unwrap();
        assert_eq!((m.scheme, m.host, m.path), ("mailto", "", ""));
        assert_eq!(parse("foo").unwrap().path, "foo");
        assert_eq!(parse("http://example.com/^"), None);
        assert_eq!(parse("http://example.com/a%2"), None);
        assert_eq!(parse("http://example.com/a b"), None);
    }
}
