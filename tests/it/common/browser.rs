//! Driving Debian's Chromium over WebDriver (chromedriver), for the browser tests.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Driver {
    child: Child,
    port: u16,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 client for WebDriver's JSON.
pub fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    // ChromeDriver keeps the connection open: read the head, then exactly Content-Length bytes.
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let (head, body_start) = loop {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before the head".into());
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break (
                String::from_utf8_lossy(&raw[..i]).to_ascii_lowercase(),
                i + 4,
            );
        }
    };
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    match length {
        Some(len) => {
            while raw.len() < body_start + len {
                let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
                if n == 0 {
                    break;
                }
                raw.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            let _ = stream.read_to_end(&mut raw);
        }
    }
    let rest = String::from_utf8_lossy(&raw[body_start..]).into_owned();
    let payload = if head.contains("transfer-encoding: chunked") {
        dechunk(&rest)
    } else {
        rest
    };
    let value: Value = serde_json::from_str(&payload).map_err(|e| format!("{e}: {payload}"))?;
    if value["value"]["error"].is_string() {
        return Err(value["value"].to_string());
    }
    Ok(value["value"].clone())
}

pub fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn start_driver(profile: &std::path::Path) -> Driver {
    start_driver_with(profile, &[])
}

/// A driver whose Chromium gets `extra` arguments too (e.g. `--force-dark-mode`).
pub fn start_driver_with(profile: &std::path::Path, extra: &[&str]) -> Driver {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is needed for this test: apt-get install chromium chromium-driver (.ci/run does)");
    let start = Instant::now();
    while http(port, "GET", "/status", None)
        .map(|v| v["ready"] != true)
        .unwrap_or(true)
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1000,500",
    ];
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().map(|a| a.to_string()));
    let caps = json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args }, "goog:loggingPrefs": { "browser": "ALL" } } } });
    let mut driver = Driver {
        child,
        port,
        session: String::new(),
    };
    let session = http(port, "POST", "/session", Some(&caps)).expect("a browser session");
    driver.session = session["sessionId"]
        .as_str()
        .expect("session id")
        .to_string();
    driver
}

impl Driver {
    pub fn go(&self, url: &str) {
        http(
            self.port,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&json!({ "url": url })),
        )
        .expect("navigate");
    }

    pub fn js(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        http(
            self.port,
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(&body),
        )
        .unwrap_or_else(Value::String)
    }

    pub fn wait_for(&self, what: &str, script: &str) {
        let start = Instant::now();
        while self.js(script) != Value::Bool(true) {
            let state =
                self.js("return location.href + ' ' + document.readyState + ' ' + document.title");
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for {what} ({state})"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn screenshot(&self, path: &std::path::Path) {
        let data = http(
            self.port,
            "GET",
            &format!("/session/{}/screenshot", self.session),
            None,
        )
        .expect("screenshot");
        let bytes = base64(data.as_str().unwrap_or_default());
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG screenshot");
        std::fs::write(path, bytes).expect("write screenshot");
    }
}

pub fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    sextets
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().fold(0u32, |acc, &s| (acc << 6) | u32::from(s)) << (6 * (4 - c.len()));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

impl Driver {
    /// Sets the browser window's size in CSS pixels.
    pub fn size(&self, width: u32, height: u32) {
        http(
            self.port,
            "POST",
            &format!("/session/{}/window/rect", self.session),
            Some(&json!({ "width": width, "height": height })),
        )
        .expect("window size");
    }
}

impl Driver {
    /// Runs an asynchronous script; it calls `arguments[arguments.length - 1]` with its result.
    pub fn js_async(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        http(
            self.port,
            "POST",
            &format!("/session/{}/execute/async", self.session),
            Some(&body),
        )
        .unwrap_or_else(Value::String)
    }

    /// Sets the timeout of asynchronous scripts.
    pub fn script_timeout(&self, ms: u64) {
        http(
            self.port,
            "POST",
            &format!("/session/{}/timeouts", self.session),
            Some(&json!({ "script": ms })),
        )
        .expect("timeouts");
    }
}

impl Driver {
    /// The browser console's errors since the last call (script errors, failed loads).
    pub fn console_errors(&self) -> Vec<String> {
        let log = http(
            self.port,
            "POST",
            &format!("/session/{}/se/log", self.session),
            Some(&json!({ "type": "browser" })),
        )
        .expect("the browser's log");
        log.as_array()
            .expect("log entries")
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

/// A script for `Driver::js`: the tables of `main` whose cells leave the table's box, or whose
/// scroll region (or the table itself) leaves the main column. Empty when all is well. Only the
/// first 20 rows are measured, so 5,000-row tables stay quick.
pub const TABLES_OUT_OF_BOX: &str = "\
    const main = document.querySelector('main').getBoundingClientRect(); \
    const bad = []; \
    for (const t of document.querySelectorAll('main table')) { \
      const tb = t.getBoundingClientRect(); \
      const box = (t.closest('.table-wrap') || t).getBoundingClientRect(); \
      if (box.right > main.right + 1) bad.push('past main: ' + box.right + ' > ' + main.right); \
      const cells = t.querySelectorAll('tr:nth-child(-n+20) > th, tr:nth-child(-n+20) > td'); \
      for (const c of cells) { \
        const r = c.getBoundingClientRect(); \
        const hidden = c.closest('thead') && getComputedStyle(c.closest('thead')).clipPath !== 'none'; \
        if (!hidden && r.width > 0 && (r.left < tb.left - 1 || r.right > tb.right + 1)) bad.push(c.textContent.slice(0, 30)); \
      } \
    } \
    return bad;";

impl Driver {
    /// Presses keys as a reader does (trusted key events, to the focused element): each
    /// character of `keys` down and up in turn; WebDriver's code points stand for special keys
    /// (`\u{E007}` Enter, `\u{E015}` ArrowDown, `\u{E00C}` Escape). `with` is held throughout
    /// (`\u{E009}` Control), or empty.
    pub fn keys(&self, with: &str, keys: &str) {
        let mut actions: Vec<Value> = Vec::new();
        let held: Vec<String> = with.chars().map(String::from).collect();
        for k in &held {
            actions.push(json!({ "type": "keyDown", "value": k }));
        }
        for c in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
        }
        for k in held.iter().rev() {
            actions.push(json!({ "type": "keyUp", "value": k }));
        }
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        http(
            self.port,
            "POST",
            &format!("/session/{}/actions", self.session),
            Some(&body),
        )
        .expect("key actions");
    }
}
