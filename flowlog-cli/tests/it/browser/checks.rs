//! The harness itself, on a page from disk: open a `file://` URL offline, evaluate,
//! wait, see the requests the page attempted, take a screenshot.

use std::time::Duration;

use super::{Browser, Options, file_url};

#[test]
fn opens_a_file_offline_and_records_what_it_tries_to_fetch() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report page.html");
    std::fs::write(
        &page,
        "<!doctype html><meta charset=utf-8><title>t</title><body><svg width=10 height=10></svg>\
         <script>fetch('https://cdn.example.invalid/x.js').catch(() => { document.title = 'offline'; });\
         document.body.dataset.n = String(6 * 7);</script>",
    )
    .unwrap();
    let mut browser = Browser::launch(&Options::default());
    browser.go_offline();
    browser.goto(&file_url(&page));
    browser.wait_for("document.title === 'offline'", Duration::from_secs(60));
    assert_eq!(browser.eval("document.body.dataset.n"), "42");
    assert_eq!(browser.eval("document.querySelectorAll('svg').length"), 1);
    assert!(
        browser
            .try_eval("nosuchthing.x")
            .unwrap_err()
            .contains("nosuchthing"),
        "exceptions come back as text"
    );
    let requests = browser.requests();
    assert!(
        requests
            .iter()
            .any(|u| u == "https://cdn.example.invalid/x.js"),
        "{requests:?}"
    );
    let png = browser.screenshot_png();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}
