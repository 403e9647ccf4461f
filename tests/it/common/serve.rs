//! Helpers for tests of `serve`: an editable copy of the basic fixture, an in-process server,
//! raw HTTP requests.

use super::*;
use cuaderno::serve;
use cuaderno::Overrides;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A copy of the basic fixture that the test may edit, with the theme at an absolute path.
pub fn site_copy() -> (tempfile::TempDir, PathBuf) {
    fixture_copy("basic")
}

pub fn start(config: &Path) -> serve::Server {
    let opts = serve::Options {
        bind: "127.0.0.1".into(),
        port: 0,
        verbose: false,
    };
    serve::start(config, Overrides::default(), &opts).expect("server starts")
}

/// A raw HTTP/1.1 request; returns status, head and body.
pub fn request(addr: SocketAddr, raw: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(out.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&out[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, out[split..].to_vec())
}

pub fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let (status, head, body) = request(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    );
    (status, head, String::from_utf8_lossy(&body).into_owned())
}

pub fn json(addr: SocketAddr, path: &str) -> serde_json::Value {
    serde_json::from_str(&get(addr, path).2).expect("json")
}

/// The reload token the server hands to pages now.
pub fn current_token(addr: SocketAddr) -> String {
    let report = json(addr, "/__cuaderno/diagnostics?page=es/review-es.html");
    report["token"].as_str().unwrap_or_default().to_string()
}

/// Waits until `f` holds, up to 10 s.
pub fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
