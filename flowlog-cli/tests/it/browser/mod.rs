//! Headless Chromium driven over the DevTools protocol, for tests that look at a page as
//! a person would (the web console, the HTML report).
//!
//! ```ignore
//! let mut browser = Browser::launch(&Options::default());
//! browser.goto("http://127.0.0.1:8080/?token=…");
//! browser.wait_for("document.body.dataset.ready === 'true'", WAIT);
//! let rows = browser.eval("document.querySelectorAll('tr').length");
//! browser.screenshot(Path::new("shot.png"));
//! // dropped: the browser is killed and its temporary profile removed
//! ```
//!
//! The browser is Debian's `chromium` (or `$FLOWLOG_CHROMIUM`); when it is missing the
//! test fails and says how to install it — a browser test never passes without a browser.
//! Each [`Browser`] has its own temporary profile and one page, attached in the
//! protocol's flat mode over one WebSocket.

#![allow(dead_code)]

mod base64;
mod checks;
mod websocket;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one protocol call may take before the test fails.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// How to start the browser.
#[derive(Debug, Clone)]
pub struct Options {
    /// The browser's language (`navigator.language`), e.g. `ja`; `None` for `en-US`.
    pub lang: Option<String>,
    /// The window's width and height in CSS pixels.
    pub window: (u32, u32),
}

impl Default for Options {
    fn default() -> Self {
        Self {
            lang: None,
            window: (1360, 900),
        }
    }
}

/// A running headless Chromium with one page.
pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    sender: websocket::Sender,
    messages: Receiver<Result<Value, String>>,
    next_id: u64,
    session: String,
    /// Protocol events received so far (method and params), oldest first.
    events: Vec<Value>,
    /// The URLs the page requested since [`Browser::record_requests`].
    requests: Vec<String>,
}

/// What to do when there is no browser.
pub const INSTALL_HINT: &str = "the browser tests need Chromium, which is not installed: run `apt-get update && apt-get install -y chromium` (Debian/Ubuntu; .ci/run does it), or set FLOWLOG_CHROMIUM to a Chromium or Chrome binary";

/// The browser program: `$FLOWLOG_CHROMIUM`, else the first of `chromium`,
/// `chromium-browser`, `google-chrome` on `PATH`. Panics, saying how to install it, when
/// there is none.
pub fn chromium() -> PathBuf {
    find_chromium(
        std::env::var_os("FLOWLOG_CHROMIUM"),
        std::env::var_os("PATH").unwrap_or_default(),
    )
    .unwrap_or_else(|hint| panic!("{hint}"))
}

/// The browser program given `FLOWLOG_CHROMIUM` and `PATH`, or [`INSTALL_HINT`].
pub fn find_chromium(
    chosen: Option<std::ffi::OsString>,
    path: std::ffi::OsString,
) -> Result<PathBuf, &'static str> {
    if let Some(program) = chosen.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(program));
    }
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(INSTALL_HINT)
}

#[test]
fn a_missing_browser_fails_and_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    let hint = find_chromium(None, empty.path().as_os_str().to_owned()).unwrap_err();
    assert!(hint.contains("apt-get install -y chromium"), "{hint}");
    assert_eq!(
        find_chromium(Some("/opt/chrome".into()), Default::default()),
        Ok(PathBuf::from("/opt/chrome"))
    );
}

impl Browser {
    /// Starts headless Chromium with a temporary profile and opens one blank page.
    pub fn launch(options: &Options) -> Self {
        let program = chromium();
        let profile = tempfile::tempdir().expect("a temporary profile folder");
        let mut command = Command::new(&program);
        command
            .args([
                "--headless",
                "--remote-debugging-port=0",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--hide-scrollbars",
                "--mute-audio",
                "--force-device-scale-factor=1",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!(
                "--window-size={},{}",
                options.window.0, options.window.1
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(lang) = &options.lang {
            command
                .arg(format!("--lang={lang}"))
                .arg(format!("--accept-lang={lang}"))
                .env("LANGUAGE", lang)
                .env("LANG", format!("{lang}.UTF-8"));
        }
        command.arg("about:blank");
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let stderr = child.stderr.take().expect("piped stderr");
        let (url_tx, url_rx) = channel();
        std::thread::spawn(move || {
            let mut sent = false;
            let mut seen = String::new();
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !sent {
                    if let Some(at) = line.find("ws://") {
                        let _ = url_tx.send(Ok(line[at..].trim().to_string()));
                        sent = true;
                    } else {
                        seen.push_str(&line);
                        seen.push('\n');
                    }
                }
            }
            if !sent {
                let _ = url_tx.send(Err(seen));
            }
        });
        let url = match url_rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Ok(url)) => url,
            Ok(Err(stderr)) => {
                let _ = child.kill();
                panic!("Chromium exited without a DevTools URL; its stderr:\n{stderr}")
            }
            Err(_) => {
                let _ = child.kill();
                panic!("Chromium printed no DevTools URL within 60 s")
            }
        };
        let (sender, mut receiver) =
            websocket::connect(&url).unwrap_or_else(|e| panic!("cannot connect to {url}: {e}"));
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let message = receiver
                    .recv()
                    .map_err(|e| e.to_string())
                    .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()));
                let closed = message.is_err();
                if tx.send(message).is_err() || closed {
                    break;
                }
            }
        });
        let mut browser = Self {
            child,
            _profile: profile,
            sender,
            messages,
            next_id: 0,
            session: String::new(),
            events: Vec::new(),
            requests: Vec::new(),
        };
        let target = browser.call_browser("Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        if let Some(lang) = &options.lang {
            // The locale of Intl and navigator.language, as a user's browser set to it.
            browser.call("Emulation.setLocaleOverride", json!({ "locale": lang }));
            browser.call(
                "Network.setUserAgentOverride",
                json!({ "userAgent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome", "acceptLanguage": lang }),
            );
        }
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": options.window.0, "height": options.window.1, "deviceScaleFactor": 1, "mobile": false }),
        );
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if session {
            message["sessionId"] = json!(self.session);
        }
        self.sender
            .send(&message.to_string())
            .unwrap_or_else(|e| panic!("cannot send {method} to the browser: {e}"));
        let deadline = Instant::now() + CALL_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(Ok(message)) => message,
                Ok(Err(e)) => panic!("the DevTools connection failed during {method}: {e}"),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the browser did not answer {method} within {CALL_TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the browser went away during {method}")
                }
            };
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].clone();
            }
            self.keep_event(message);
        }
    }

    fn keep_event(&mut self, message: Value) {
        if message.get("method").is_none() {
            return;
        }
        if message["method"] == "Network.requestWillBeSent"
            && let Some(url) = message["params"]["request"]["url"].as_str()
        {
            self.requests.push(url.to_string());
        }
        self.events.push(message);
    }

    /// Reads the events that arrived without waiting.
    fn drain_events(&mut self) {
        while let Ok(Ok(message)) = self.messages.try_recv() {
            self.keep_event(message);
        }
    }

    /// Sends a browser-level command (`Target.*`, `Browser.*`) and returns its result.
    pub fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// Sends a command to the page and returns its result; panics when it fails.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Opens `url` (`http://…`, or a `file://` URL; see [`file_url`]) and waits until the
    /// document has loaded.
    pub fn goto(&mut self, url: &str) {
        let result = self.call("Page.navigate", json!({ "url": url }));
        if let Some(error) = result.get("errorText") {
            panic!("cannot open {url}: {error}");
        }
        self.wait_for(
            "document.readyState === 'complete'",
            Duration::from_secs(60),
        );
    }

    /// Evaluates `expression` in the page (promises are awaited) and returns its value
    /// as JSON, or the exception's text.
    pub fn try_eval(&mut self, expression: &str) -> Result<Value, String> {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            let text = exception["exception"]["description"]
                .as_str()
                .or_else(|| exception["text"].as_str())
                .unwrap_or("an exception");
            return Err(text.to_string());
        }
        Ok(result["result"]["value"].clone())
    }

    /// Evaluates `expression` in the page and returns its value; panics on an exception.
    pub fn eval(&mut self, expression: &str) -> Value {
        self.try_eval(expression)
            .unwrap_or_else(|e| panic!("`{expression}` threw: {e}"))
    }

    /// Waits until `expression` is truthy in the page; panics after `timeout`, naming the
    /// expression and its last value (or exception).
    pub fn wait_for(&mut self, expression: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let wrapped = format!("!!({expression})");
        loop {
            let value = self.try_eval(&wrapped);
            if value == Ok(Value::Bool(true)) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {timeout:?} waiting for `{expression}` in the page (last: {value:?})"
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// From now on, records every URL the page requests ([`Browser::requests`]).
    pub fn record_requests(&mut self) {
        self.requests.clear();
        self.call("Network.enable", json!({}));
    }

    /// Cuts the page off the network (as a plane's seat would), recording every request
    /// it still attempts.
    pub fn go_offline(&mut self) {
        self.record_requests();
        self.call(
            "Network.emulateNetworkConditions",
            json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        );
    }

    /// The URLs requested since [`Browser::record_requests`] or [`Browser::go_offline`].
    pub fn requests(&mut self) -> Vec<String> {
        self.drain_events();
        self.requests.clone()
    }

    /// The protocol events received so far.
    pub fn events(&mut self) -> &[Value] {
        self.drain_events();
        &self.events
    }

    /// A PNG of the page's viewport.
    pub fn screenshot_png(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let data = shot["data"].as_str().expect("screenshot data");
        base64::decode(data).expect("the screenshot is base64")
    }

    /// Writes a PNG of the page's viewport to `path`.
    pub fn screenshot(&mut self, path: &Path) {
        let png = self.screenshot_png();
        std::fs::write(path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `file://` URL of a local file.
pub fn file_url(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path)
        .unwrap_or_else(|e| panic!("cannot resolve {}: {e}", path.display()));
    let mut url = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

/// `text` as a JavaScript string literal.
pub fn js_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}
