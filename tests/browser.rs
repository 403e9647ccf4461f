//! End to end in real headless Chromium (Debian's `chromium` and `chromium-driver`, which
//! `.ci/run` installs), driven over WebDriver: open a served page, edit its source, see the
//! new text without reloading by hand (at the same scroll position), see the overlay after a
//! broken edit, see it go when the edit is fixed, and reconnect by itself when the server
//! process restarts. The overlay's screenshot is kept in
//! `target/test-artifacts/overlay.png`.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Driver {
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
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
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

fn dechunk(mut rest: &str) -> String {
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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_driver(profile: &std::path::Path) -> Driver {
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
    let caps = json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args } } } });
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
    fn go(&self, url: &str) {
        http(
            self.port,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&json!({ "url": url })),
        )
        .expect("navigate");
    }

    fn js(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        http(
            self.port,
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(&body),
        )
        .unwrap_or_else(Value::String)
    }

    fn wait_for(&self, what: &str, script: &str) {
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

    fn screenshot(&self, path: &std::path::Path) {
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

fn base64(text: &str) -> Vec<u8> {
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

#[test]
fn the_browser_reloads_on_save_and_shows_the_overlay() {
    if !browser_available() {
        return;
    }
    let tmp = tempdir();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    let filler: String = (1..=60)
        .map(|i| format!("Paragraph {i} of a long page.\n\n"))
        .collect();
    let page = site.join("content/guide.md");
    std::fs::write(&page, format!("# Original title\n\n{filler}")).unwrap();
    let theme = root().join("themes/default");
    let config = site.join("site.toml");
    let toml = format!("title = \"E2E\"\ntheme = \"{}\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n", theme.display());
    std::fs::write(&config, toml).unwrap();
    let (mut server, url) = serve_process(&config, 0);
    let driver = start_driver(&tmp.path().join("profile"));

    driver.go(&format!("{url}en/guide.html"));
    driver.wait_for("the page", "return document.querySelector('h1') && document.querySelector('h1').textContent === 'Original title'");
    driver.js("window.scrollTo(0, 400); window.__before_reload = true; return true;");
    std::fs::write(&page, format!("# Edited title\n\n{filler}")).unwrap();
    driver.wait_for("the edited text", "return document.querySelector('h1') && document.querySelector('h1').textContent === 'Edited title'");
    assert_eq!(
        driver.js("return window.__before_reload === undefined"),
        Value::Bool(true),
        "the page reloaded itself"
    );
    driver.wait_for(
        "the scroll position",
        "return Math.abs(window.scrollY - 400) < 5",
    );

    std::fs::write(
        &page,
        format!("---\ntitle: [broken\n---\n# Edited title\n\n{filler}"),
    )
    .unwrap();
    driver.wait_for("the overlay", "var o = document.getElementById('cuaderno-overlay'); return !!o && o.textContent.indexOf('yaml-syntax') >= 0");
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot: PathBuf = artifacts.join("overlay.png");
    driver.screenshot(&shot);

    std::fs::write(&page, format!("# Fixed title\n\n{filler}")).unwrap();
    driver.wait_for("the fix", "return document.querySelector('h1').textContent === 'Fixed title' && !document.getElementById('cuaderno-overlay')");

    // The server process restarts on the same port: the page reconnects by itself and reloads.
    driver.js("window.__before_restart = true; return true;");
    let port: u16 = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let _ = server.kill();
    let _ = server.wait();
    std::fs::write(&page, format!("# Title after restart\n\n{filler}")).unwrap();
    let (mut server, _) = serve_process(&config, port);
    driver.wait_for("the reconnection", "return window.__before_restart === undefined && document.querySelector('h1').textContent === 'Title after restart'");
    drop(driver);
    let _ = server.kill();
    let _ = server.wait();
}

/// `cuaderno serve` as a child process (a real restart closes its connections, as Ctrl-C
/// does); returns it and the URL it prints.
fn serve_process(config: &std::path::Path, port: u16) -> (Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args([
            "--config",
            config.to_str().expect("utf-8 path"),
            "serve",
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cuaderno serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the serving line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("a URL")
        .to_string();
    (child, url)
}
