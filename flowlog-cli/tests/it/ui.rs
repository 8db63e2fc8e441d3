//! `flowlog ui`: the token, and the console in a real (headless) Chromium — the runbook
//! query, the grid, the chart, the downloads, saved queries, Japanese.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::browser::{Browser, Options, js_string};
use crate::support::root;

const WAIT: Duration = Duration::from_secs(90);

/// A `flowlog ui` process, killed when dropped.
struct Console {
    child: Child,
    url: String,
}

impl Console {
    /// Starts `flowlog ui` over the runbook's DDL and the sample's mirror, saved queries
    /// in `queries`.
    fn start(queries: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flowlog"))
            .current_dir(root())
            .args([
                "ui",
                "--ddl",
                "testdata/runbook/create-table-multi-account.sql",
                "--mirror",
                "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
                "--now",
                "2026-11-20T00:00:00Z",
                "--no-open",
                "--queries-dir",
            ])
            .arg(queries)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("flowlog ui starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("flowlog ui prints its URL");
        let url = line.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:") && url.contains("/?token="),
            "not the console's URL: {line:?}"
        );
        Self { child, url }
    }

    /// `127.0.0.1:PORT`.
    fn address(&self) -> &str {
        let rest = &self.url["http://".len()..];
        &rest[..rest.find('/').expect("a path")]
    }

    fn token(&self) -> &str {
        &self.url[self.url.find("token=").expect("a token") + "token=".len()..]
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status code and body of `GET path` (plain HTTP/1.1 over TCP).
fn get(address: &str, path: &str) -> (u16, Vec<u8>) {
    request(address, "GET", path, "")
}

/// The status code and body of `METHOD path` with `body`; fails the test when no answer
/// comes within [`WAIT`].
fn request(address: &str, method: &str, path: &str, body: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("connects");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .unwrap_or_else(|e| panic!("no answer to {method} {path}: {e}"));
    let text = String::from_utf8_lossy(&response);
    let status = text[9..12].parse().expect("a status code");
    let body = response[text.find("\r\n\r\n").expect("a head") + 4..].to_vec();
    (status, body)
}

/// The rows of an Athena CSV (every value quoted; no commas or quotes inside values in
/// the expected files).
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .split("\",\"")
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn requests_without_the_token_are_refused() {
    let queries = tempfile::tempdir().unwrap();
    let console = Console::start(queries.path());
    let (status, body) = get(console.address(), "/");
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("token"));
    assert_eq!(get(console.address(), "/api/info").0, 403);
    assert_eq!(get(console.address(), "/app.js?token=wrong").0, 403);
    let (status, body) = get(console.address(), &format!("/?token={}", console.token()));
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("<textarea id=\"editor\""));
    let (status, _) = get(
        console.address(),
        &format!("/api/info?token={}", console.token()),
    );
    assert_eq!(status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_console() {
    let queries = tempfile::tempdir().unwrap();
    let mut console = Console::start(queries.path());
    let pid = rustix::process::Pid::from_raw(console.child.id() as i32).expect("a pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT is sent");
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        if let Some(status) = console.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running after SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        TcpStream::connect(console.address()).is_err(),
        "nothing listens any more"
    );
}

/// A four-way cross join of the sample (7e9 rows): minutes of computing, no I/O.
const LONG_QUERY: &str = "select sum(a.bytes + b.bytes + c.bytes + d.bytes) from vpc_flow_logs_sample a, vpc_flow_logs_sample b, vpc_flow_logs_sample c, vpc_flow_logs_sample d";

/// CPU seconds `pid` has used (Linux `/proc/PID/stat`: utime + stime, in clock ticks of
/// 1/100 s on every Linux flowlog's CI runs on).
#[cfg(target_os = "linux")]
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

/// While a query computes, the page's requests are answered (they are served apart from
/// the queries), Cancel stops it and gives the CPU back, and Ctrl-C ends the console.
#[cfg(target_os = "linux")]
#[test]
fn a_long_query_leaves_the_console_answering_and_cancel_frees_the_cpu() {
    let queries = tempfile::tempdir().unwrap();
    let mut console = Console::start(queries.path());
    let token = console.token().to_string();
    let (status, body) = request(
        console.address(),
        "POST",
        &format!("/api/run?token={token}"),
        LONG_QUERY,
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let started: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let id = started["id"].as_u64().expect("a run id");
    // Let the join get going: from here on it computes without waiting on anything.
    let pid = console.child.id();
    let before = cpu_seconds(pid);
    std::thread::sleep(Duration::from_secs(3));
    assert!(cpu_seconds(pid) - before > 1.0, "the join is computing");

    let (_, body) = get(
        console.address(),
        &format!("/api/status?token={token}&id={id}"),
    );
    let status: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status["status"], "running", "{status}");
    let (_, body) = request(
        console.address(),
        "POST",
        &format!("/api/cancel?token={token}&id={id}"),
        "",
    );
    let status: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(status["status"], "cancelled", "{status}");

    // The join stops within moments of Cancel, not when it would have finished.
    std::thread::sleep(Duration::from_secs(1));
    let before = cpu_seconds(pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_seconds(pid) - before;
    assert!(
        used < 0.5,
        "{used} CPU seconds used in the 2 s after Cancel"
    );

    let pid = rustix::process::Pid::from_raw(pid as i32).expect("a pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT is sent");
    let deadline = std::time::Instant::now() + WAIT;
    while console.child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "still running after SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens the console, waits for it, runs `sql` and waits for it to finish.
fn run_query(browser: &mut Browser, sql: &str) {
    browser.eval(&format!(
        "(() => {{ const e = document.getElementById('editor'); e.value = {}; e.dispatchEvent(new Event('input')); document.getElementById('run').click(); return true; }})()",
        js_string(sql)
    ));
    browser.wait_for(
        "window.flowlog.run && window.flowlog.run.status !== 'running' && !document.getElementById('run').disabled",
        WAIT,
    );
}

fn open(browser: &mut Browser, console: &Console) {
    browser.goto(&console.url);
    browser.wait_for("document.body.dataset.ready === 'true'", WAIT);
}

#[test]
fn console_runs_the_runbook_query_draws_it_and_downloads_athenas_csv() {
    let queries = tempfile::tempdir().unwrap();
    let console = Console::start(queries.path());
    let mut browser = Browser::launch(&Options::default());
    browser.record_requests();
    open(&mut browser, &console);

    // The table browser lists the DDL's table; its partition columns are marked.
    browser.wait_for(
        "document.querySelector('#tables-list li[data-table=\"vpc_flow_logs_sample\"]')",
        WAIT,
    );
    browser.eval("document.querySelector('#tables-list li').click()");
    browser.wait_for(
        "[...document.querySelectorAll('#describe-columns tr.partition td:first-child')].map(t => t.textContent).includes('date')",
        WAIT,
    );

    // The editor highlights keywords and completes columns; Tab takes the first.
    browser.eval(
        "(() => { const e = document.getElementById('editor'); e.focus(); e.value = 'select src'; e.selectionStart = e.selectionEnd = e.value.length; e.dispatchEvent(new Event('input')); })()",
    );
    browser.wait_for(
        "!document.getElementById('completions').hidden && [...document.querySelectorAll('#completions li')].map(l => l.textContent).includes('srcaddr')",
        WAIT,
    );
    assert_eq!(
        browser.eval("document.querySelector('#highlight .tok-kw').textContent"),
        "select"
    );
    browser.eval(
        "document.getElementById('editor').dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }))",
    );
    assert_eq!(
        browser.eval("document.getElementById('editor').value"),
        "select srcaddr"
    );

    // Cancel stops a long query (a four-way cross join of the sample: 7e9 rows).
    browser.eval(
        &format!(
            "(() => {{ const e = document.getElementById('editor'); e.value = {}; document.getElementById('run').click(); }})()",
            js_string(LONG_QUERY)
        ),
    );
    browser.wait_for(
        "window.flowlog.run && window.flowlog.run.status === 'running' && !document.getElementById('cancel').disabled",
        WAIT,
    );
    browser.eval("document.getElementById('cancel').click()");
    browser.wait_for(
        "window.flowlog.run.status === 'cancelled' && !document.getElementById('run').disabled",
        WAIT,
    );

    // The runbook query: the grid's first rows and the row count are the known answer.
    let sql = std::fs::read_to_string(root().join("testdata/runbook/query.sql")).unwrap();
    run_query(&mut browser, &sql);
    let expected_bytes =
        std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap();
    let expected = csv_rows(&expected_bytes);
    let status = browser.eval("window.flowlog.run");
    assert_eq!(status["status"], "done", "{status}");
    assert_eq!(
        status["rows"].as_u64(),
        Some(expected.len() as u64 - 1),
        "{status}"
    );
    assert_eq!(
        browser.eval("document.getElementById('rowcount').dataset.total"),
        (expected.len() - 1).to_string()
    );
    let header = browser.eval(
        "[...document.querySelectorAll('#grid thead th')].slice(1).map(th => th.firstChild.textContent)",
    );
    assert_eq!(header, serde_json::json!(expected[0]));
    let first_rows = browser.eval(
        "[...document.querySelectorAll('#grid tbody tr')].slice(0, 5).map(tr => [...tr.children].slice(1).map(td => td.textContent))",
    );
    assert_eq!(first_rows, serde_json::json!(expected[1..6]));
    assert!(
        browser
            .eval("document.getElementById('stats').textContent")
            .as_str()
            .unwrap()
            .contains("objects"),
    );

    // Downloads: Athena's CSV, byte for byte as flowlog query -o writes it; the Excel CSV
    // with its byte-order mark; a workbook.
    let fetch = |format: &str| {
        format!(
            "fetch(document.getElementById('{format}').href).then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b)))"
        )
    };
    let csv: Vec<u8> = serde_json::from_value(browser.eval(&fetch("dl-csv"))).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&csv),
        String::from_utf8_lossy(&expected_bytes)
    );
    assert_eq!(csv, expected_bytes);
    let excel: Vec<u8> = serde_json::from_value(browser.eval(&fetch("dl-excel"))).unwrap();
    assert!(excel.starts_with(b"\xEF\xBB\xBF\"starttime_jst\""));
    assert!(String::from_utf8_lossy(&excel).contains("\r\n"));
    let xlsx: Vec<u8> = serde_json::from_value(browser.eval(&fetch("dl-xlsx"))).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");

    // The chart: a line over the time-like first column, with axis labels.
    browser.eval("document.getElementById('view-chart').click()");
    browser.wait_for("document.querySelector('#chart svg path.series')", WAIT);
    assert_eq!(
        browser.eval("document.querySelector('#chart .x-label').textContent"),
        "starttime_jst (per hour)"
    );
    assert_eq!(
        browser.eval("document.querySelector('#chart .y-label').textContent"),
        "sum of bytes"
    );
    assert!(
        browser
            .eval("document.querySelectorAll('#chart .x-tick').length")
            .as_u64()
            > Some(1)
    );
    assert!(
        browser
            .eval("document.querySelectorAll('#chart .y-tick').length")
            .as_u64()
            > Some(1)
    );
    browser.eval("document.getElementById('chart-x').value = '2'; document.getElementById('chart-x').dispatchEvent(new Event('change'))");
    browser.wait_for("document.querySelector('#chart svg rect.bar')", WAIT);

    // A saved query is a .sql file in --queries-dir, and opens again.
    browser.eval(
        "document.getElementById('save-name').value = '../runbook'; document.getElementById('save').click()",
    );
    browser.wait_for(
        "document.querySelector('#saved-list li[data-name=\"runbook\"]')",
        WAIT,
    );
    assert_eq!(
        std::fs::read_to_string(queries.path().join("runbook.sql")).unwrap(),
        sql
    );
    browser.eval("document.getElementById('editor').value = ''");
    browser.eval("document.querySelector('#saved-list li[data-name=\"runbook\"]').click()");
    browser.wait_for(
        &format!(
            "document.getElementById('editor').value === {}",
            js_string(&sql)
        ),
        WAIT,
    );

    // A failing query shows flowlog's one-line message.
    run_query(
        &mut browser,
        "select nosuchcolumn from vpc_flow_logs_sample",
    );
    let error = browser.eval("document.getElementById('error').textContent");
    let error = error.as_str().unwrap();
    assert!(
        error.contains("nosuchcolumn") && !error.contains('\n'),
        "{error}"
    );

    // Nothing was fetched from anywhere but the console: it works offline.
    let origin = format!("http://{}/", console.address());
    let elsewhere: Vec<String> = browser
        .requests()
        .into_iter()
        .filter(|u| !u.starts_with(&origin) && !u.starts_with("data:") && u != "about:blank")
        .collect();
    assert!(
        elsewhere.is_empty(),
        "requests outside the console: {elsewhere:?}"
    );
}

#[test]
fn console_speaks_japanese_to_a_japanese_browser() {
    let queries = tempfile::tempdir().unwrap();
    let console = Console::start(queries.path());
    let mut browser = Browser::launch(&Options {
        lang: Some("ja".into()),
        ..Options::default()
    });
    open(&mut browser, &console);
    assert_eq!(browser.eval("document.documentElement.lang"), "ja");
    assert_eq!(
        browser.eval("document.getElementById('run').textContent"),
        "実行"
    );
    assert_eq!(
        browser.eval("document.querySelector('[data-i18n=tables]').textContent"),
        "テーブル"
    );
}

/// Writes docs/ui-console.png: the console after the runbook query. Opt-in (it rewrites a
/// committed file): `cargo test -p flowlog-cli --test it ui::screenshot -- --ignored`.
#[test]
#[ignore = "rewrites docs/ui-console.png"]
fn screenshot() {
    let queries = tempfile::tempdir().unwrap();
    let console = Console::start(queries.path());
    let mut browser = Browser::launch(&Options {
        window: (1360, 860),
        ..Options::default()
    });
    open(&mut browser, &console);
    let sql = std::fs::read_to_string(root().join("testdata/runbook/query.sql")).unwrap();
    browser.eval("document.querySelector('#tables-list li').click()");
    run_query(&mut browser, &sql);
    browser.eval("document.getElementById('view-chart').click()");
    browser.wait_for("document.querySelector('#chart svg path.series')", WAIT);
    browser.screenshot(&root().join("docs/ui-console.png"));
}
