//! The per-launch token: a random secret in the printed URL, without which every request
//! is refused, so that other local users (or web pages in the same browser) cannot use
//! the console. The first page sets it as a cookie, so later requests need not carry it.

use super::http::Request;

/// The cookie the first page sets.
pub(crate) const COOKIE: &str = "flowlog_token";

/// A random token of 32 hex digits (128 bits from the operating system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token(String);

impl Token {
    /// A new random token.
    pub(crate) fn random() -> std::io::Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(Self(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token's text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `request` carries the token: as the `token` query parameter, else as the
    /// cookie.
    pub(crate) fn admits(&self, request: &Request) -> bool {
        let given = request
            .param("token")
            .or_else(|| request.cookie(COOKIE))
            .unwrap_or("");
        same(given.as_bytes(), self.0.as_bytes())
    }

    /// The `Set-Cookie` value that keeps the token for the console's later requests.
    pub(crate) fn cookie(&self) -> String {
        format!("{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", self.0)
    }
}

/// Compares in time independent of where the texts differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str, cookie: Option<&str>) -> Request {
        let mut r = Request {
            query: super::super::http::parse_query(query),
            ..Request::default()
        };
        if let Some(c) = cookie {
            r.headers.insert("cookie".into(), c.into());
        }
        r
    }

    #[test]
    fn only_the_token_in_the_url_or_the_cookie_is_admitted() {
        let token = Token::random().unwrap();
        assert_eq!(token.as_str().len(), 32);
        assert_ne!(token, Token::random().unwrap());
        let t = token.as_str();
        assert!(token.admits(&request(&format!("token={t}"), None)));
        assert!(token.admits(&request("", Some(&format!("x=1; {COOKIE}={t}")))));
        assert!(!token.admits(&request("", None)));
        assert!(!token.admits(&request("token=", None)));
        assert!(!token.admits(&request(&format!("token={}", &t[..31]), None)));
        assert!(!token.admits(&request("token=0", Some(&format!("{COOKIE}=wrong")))));
        // A wrong query parameter is not rescued by a right cookie: the URL wins.
        assert!(!token.admits(&request("token=bad", Some(&format!("{COOKIE}={t}")))));
    }
}
