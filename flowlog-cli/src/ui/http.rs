//! The little HTTP/1.1 the console needs, over a tokio TCP stream: one request per
//! connection (`Connection: close`), a body only with `Content-Length`. The server
//! listens on the loopback interface only and serves one browser, so a full HTTP stack
//! (and the rebuild of the engine's HTTP client it would bring) is not needed.

use std::collections::BTreeMap;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The largest request body accepted (a saved query, the SQL to run).
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The longest request head (request line and headers) accepted.
const MAX_HEAD: usize = 64 * 1024;

/// A request that cannot be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HttpError {
    /// The connection failed.
    #[error("cannot read the request: {source}")]
    Io {
        /// The cause.
        #[from]
        source: std::io::Error,
    },
    /// Not HTTP/1.x, or too large.
    #[error("bad request: {reason}")]
    Bad {
        /// What is wrong.
        reason: &'static str,
    },
}

/// One request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    /// `GET`, `POST`, …
    pub(crate) method: String,
    /// The path, percent-decoded, without the query string.
    pub(crate) path: String,
    /// The query string's parameters, decoded.
    pub(crate) query: BTreeMap<String, String>,
    /// Header names (lower case) and values.
    pub(crate) headers: BTreeMap<String, String>,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Request {
    /// A query-string parameter.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query.get(name).map(String::as_str)
    }

    /// A cookie sent with the request.
    pub(crate) fn cookie(&self, name: &str) -> Option<&str> {
        self.headers.get("cookie").and_then(|cookies| {
            cookies.split(';').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                (key == name).then_some(value)
            })
        })
    }
}

/// One response.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    /// The status code.
    pub(crate) status: u16,
    /// The content type.
    pub(crate) content_type: &'static str,
    /// Further headers.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// A response with `status`, `content_type` and `body`.
    pub(crate) fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// A JSON response.
    pub(crate) fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status, "application/json; charset=utf-8", value.to_string())
    }

    /// A JSON `{"error": message}` response.
    pub(crate) fn error(status: u16, message: &str) -> Self {
        Self::json(status, &serde_json::json!({ "error": message }))
    }

    /// The response with one more header.
    pub(crate) fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        _ => "Error",
    }
}

/// Reads one request from `stream`.
pub(crate) async fn read_request(stream: &mut TcpStream) -> Result<Request, HttpError> {
    let mut reader = BufReader::new(stream);
    let mut head_len = 0;
    let mut line = String::new();
    reader.read_line(&mut line).await?;
    head_len += line.len();
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(HttpError::Bad {
            reason: "no request line",
        });
    };
    if !version.starts_with("HTTP/1.") {
        return Err(HttpError::Bad {
            reason: "not HTTP/1.x",
        });
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut request = Request {
        method: method.to_string(),
        path: percent_decode(path),
        query: parse_query(query),
        ..Request::default()
    };
    loop {
        line.clear();
        let n = reader.read_line(&mut line).await?;
        head_len += n;
        if head_len > MAX_HEAD {
            return Err(HttpError::Bad {
                reason: "request head too large",
            });
        }
        let header = line.trim_end();
        if n == 0 || header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            request
                .headers
                .insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let length: usize = request
        .headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if length > MAX_BODY {
        return Err(HttpError::Bad {
            reason: "request body too large",
        });
    }
    request.body = vec![0; length];
    reader.read_exact(&mut request.body).await?;
    Ok(request)
}

/// Writes `response` to `stream` and closes the writing side.
pub(crate) async fn write_response(
    stream: &mut TcpStream,
    response: &Response,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&response.body).await?;
    stream.shutdown().await
}

/// `a=1&b=x%20y` → `{a: 1, b: "x y"}` (`+` is a space).
pub(crate) fn parse_query(query: &str) -> BTreeMap<String, String> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode(&key.replace('+', " ")),
                percent_decode(&value.replace('+', " ")),
            )
        })
        .collect()
}

/// Decodes `%XX` escapes (invalid ones are kept as written; invalid UTF-8 is replaced).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(value) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_and_cookies_are_decoded() {
        let q = parse_query("token=ab%2Fc&name=my+query&empty");
        assert_eq!(q["token"], "ab/c");
        assert_eq!(q["name"], "my query");
        assert_eq!(q["empty"], "");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        let mut r = Request::default();
        r.headers
            .insert("cookie".into(), "a=1; flowlog_token=xyz".into());
        assert_eq!(r.cookie("flowlog_token"), Some("xyz"));
        assert_eq!(r.cookie("b"), None);
    }
}
