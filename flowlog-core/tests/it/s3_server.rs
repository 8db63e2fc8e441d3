//! The local S3-compatible servers that `scripts/test` starts (moto), and a TCP proxy that
//! stops serving mid-query. Shared with the CLI tests through `#[path]`.
//!
//! Tests that need a server fail with a message naming the variable and the script when
//! it is not running; they never pass silently.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A variable that `scripts/s3-test-server.py` exports.
pub fn server_var(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!(
            "{name} is not set: this test needs the local S3 server; run the suite with \
             scripts/test (or start it with `python3 scripts/s3-test-server.py start --state DIR` \
             and `source DIR/env`)"
        ),
    }
}

/// The server holding every sample bucket (any credentials are accepted).
pub fn endpoint() -> String {
    server_var("FLOWLOG_TEST_S3_ENDPOINT")
}

/// The server that enforces IAM.
pub fn auth_endpoint() -> String {
    server_var("FLOWLOG_TEST_S3_AUTH_ENDPOINT")
}

/// A proxy in front of `upstream` (`http://127.0.0.1:PORT`) that forwards everything
/// until it sees a ranged GET (the first read after listing), then stops: that
/// connection and every open one are closed and no new connection is accepted, as if
/// the server had been stopped mid-query.
pub struct StoppingProxy {
    /// `http://127.0.0.1:PORT` of the proxy.
    pub endpoint: String,
    /// Whether the proxy has stopped.
    pub stopped: Arc<AtomicBool>,
}

impl StoppingProxy {
    pub fn start(upstream: &str) -> Self {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        listener.set_nonblocking(true).unwrap();
        let stopped = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::new(Mutex::new(Vec::new()));
        let flag = Arc::clone(&stopped);
        std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let Ok(server) = TcpStream::connect(&upstream) else {
                            continue;
                        };
                        open.lock().unwrap().push(client.try_clone().unwrap());
                        open.lock().unwrap().push(server.try_clone().unwrap());
                        pipe(
                            client.try_clone().unwrap(),
                            server.try_clone().unwrap(),
                            Some((Arc::clone(&flag), Arc::clone(&open))),
                        );
                        pipe(server, client, None);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            // Dropping the listener refuses every later connection.
        });
        Self { endpoint, stopped }
    }
}

type Trip = (Arc<AtomicBool>, Arc<Mutex<Vec<TcpStream>>>);

fn pipe(mut from: TcpStream, mut to: TcpStream, trip: Option<Trip>) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if let Some((flag, open)) = &trip {
                let text = String::from_utf8_lossy(&buf[..n]).to_ascii_lowercase();
                if text.starts_with("get ") && text.contains("\r\nrange:") {
                    flag.store(true, Ordering::SeqCst);
                    for s in open.lock().unwrap().iter() {
                        let _ = s.shutdown(Shutdown::Both);
                    }
                    break;
                }
            }
            if to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Write);
    });
}
