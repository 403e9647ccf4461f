//! `check --external` against a scripted server on 127.0.0.1 (no test touches the internet):
//! each class of answer becomes its diagnostic at every occurrence, retries and `HEAD`
//! fallbacks happen, loops and `file:` redirects end, private addresses are refused unless
//! allowed, the cache spares the second run its requests, and `--fix` follows moves.

use crate::common;

use common::*;
use cuaderno::external::{check, Options};
use cuaderno::{Code, Overrides};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Log = Arc<Mutex<Vec<(String, String)>>>;

/// Answers requests by path, counting them; `Connection: close` after each.
fn serve() -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let log: Log = Arc::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || answer(stream, &seen));
        }
    });
    (port, log)
}

fn answer(mut stream: TcpStream, log: &Log) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let mut parts = first.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let count = {
        let mut log = log.lock().expect("log");
        log.push((method.clone(), path.clone()));
        log.iter().filter(|(_, p)| *p == path).count()
    };
    let reply = |status: &str, headers: &str| {
        format!("HTTP/1.1 {status}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n")
    };
    let text = match (method.as_str(), path.as_str()) {
        (_, "/ok") => reply("200 OK", ""),
        ("HEAD", "/page") => reply("200 OK", "Content-Type: text/html\r\n"),
        ("GET", "/page") => {
            let body = "<html><body><h2 id=\"here\">Here</h2><a name='old'></a></body></html>";
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
        }
        (_, "/moved") => reply("301 Moved Permanently", "Location: /chain\r\n"),
        (_, "/chain") => reply("308 Permanent Redirect", "Location: /ok\r\n"),
        (_, "/temp") => reply("302 Found", "Location: /ok\r\n"),
        (_, "/gone") => reply("404 Not Found", ""),
        (_, "/gone410") => reply("410 Gone", ""),
        (_, "/auth") => reply("401 Unauthorized", ""),
        (_, "/flaky") if count == 1 => reply("500 Internal Server Error", ""),
        (_, "/flaky") => reply("200 OK", ""),
        (_, "/limited") if count == 1 => reply("429 Too Many Requests", "Retry-After: 1\r\n"),
        (_, "/limited") => reply("200 OK", ""),
        ("HEAD", "/nohead") => reply("405 Method Not Allowed", ""),
        ("GET", "/nohead") => reply("200 OK", ""),
        (_, "/loop") => reply("301 Moved Permanently", "Location: /loop2\r\n"),
        (_, "/loop2") => reply("301 Moved Permanently", "Location: /loop\r\n"),
        (_, "/file") => reply("302 Found", "Location: file:///etc/passwd\r\n"),
        (_, "/trickle") => {
            // A status line one byte at a time: slower in total than the timeout.
            for b in b"HTTP/1.1 200 OK\r\n" {
                if stream.write_all(&[*b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(150));
            }
            return;
        }
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(4));
            reply("200 OK", "")
        }
        ("HEAD", "/huge") => reply("405 Method Not Allowed", ""),
        ("GET", "/huge") => {
            // Two gigabytes announced, then a trickle: a checker must not wait for it.
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            for _ in 0..50 {
                if stream.write_all(&[b'x'; 1024]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            return;
        }
        _ => reply("404 Not Found", ""),
    };
    let _ = stream.write_all(text.as_bytes());
}

const PATHS: [&str; 16] = [
    "ok", "moved", "temp", "gone", "gone410", "auth", "flaky", "limited", "nohead", "loop", "file",
    "slow", "huge", "ok#part", "ok", "trickle",
];

/// A one-page site linking every scripted path (the last two: the same URL again, and with a
/// fragment), plus a cloud metadata address when private addresses are refused (when they are
/// allowed, what answers there depends on the machine).
fn site(dir: &Path, port: u16, allow_private: bool) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("content")).expect("content");
    let mut page = String::from("# Links\n\n");
    for path in PATHS {
        page.push_str(&format!("- [{path}](http://127.0.0.1:{port}/{path})\n"));
    }
    if !allow_private {
        page.push_str("- [metadata](http://169.254.169.254/latest/meta-data/)\n");
    }
    std::fs::write(dir.join("content/index.md"), page).expect("page");
    let config = dir.join("site.toml");
    std::fs::write(
        &config,
        format!(
            "title = \"External\"\ndefault_language = \"en\"\n\n[[languages]]\ncode = \"en\"\nname = \"English\"\n\n\
             [external]\nallow_private = {allow_private}\ntimeout = 1.5\nconnect_timeout = 1.0\nretries = 1\n\
             max_retry_wait = 2.0\ncache = \"cache/external.json\"\n"
        ),
    )
    .expect("site.toml");
    config
}

fn run(
    config: &Path,
    opts: &Options,
) -> (
    Vec<(Code, usize, Option<String>)>,
    cuaderno::external::Report,
) {
    let config = cuaderno::load_config(config, &Overrides::default()).expect("config");
    let (site, _) = cuaderno::check(config).expect("check");
    let report = check(&site, opts);
    let found = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.position.map_or(0, |p| p.line),
                d.suggestion.clone(),
            )
        })
        .collect();
    (found, report)
}

fn requests_by_path(log: &Log) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (_, path) in log.lock().expect("log").iter() {
        *out.entry(path.clone()).or_default() += 1;
    }
    out
}

#[test]
fn every_answer_becomes_its_diagnostic_and_the_cache_spares_the_second_run() {
    let (port, log) = serve();
    let tmp = tempdir();
    let config = site(tmp.path(), port, true);
    let started = Instant::now();
    let (found, report) = run(&config, &Options::default());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let line = |path: &str| 3 + PATHS.iter().position(|p| *p == path).expect("path");
    let at = |code: Code| {
        found
            .iter()
            .filter(|f| f.0 == code)
            .map(|f| f.1)
            .collect::<Vec<_>>()
    };
    let moved_to = format!("http://127.0.0.1:{port}/ok");
    assert_eq!(
        found
            .iter()
            .filter(|f| f.0 == Code::ExternalRedirect)
            .collect::<Vec<_>>(),
        [&(Code::ExternalRedirect, line("moved"), Some(moved_to))]
    );
    assert_eq!(at(Code::ExternalGone), [line("gone"), line("gone410")]);
    assert_eq!(at(Code::ExternalAuth), [line("auth")]);
    assert_eq!(at(Code::ExternalInvalid), [line("loop"), line("file")]);
    assert_eq!(
        at(Code::ExternalUnreachable),
        [line("slow"), line("trickle")]
    );
    let by_path = requests_by_path(&log);
    assert_eq!(by_path.get("/ok"), Some(&3), "one request for /ok (twice linked, once with a fragment), and the redirects that end there");
    assert_eq!(by_path.get("/flaky"), Some(&2), "500 then 200");
    assert_eq!(by_path.get("/limited"), Some(&2), "429 then 200");
    assert_eq!(by_path.get("/nohead"), Some(&2), "HEAD refused, then GET");
    assert_eq!(report.urls, 14, "16 links, `/ok` three times");

    // Second run: fresh results come from the cache; only the unreachable URLs (no time to
    // live by default) are requested again.
    log.lock().expect("log").clear();
    let (again, report) = run(&config, &Options::default());
    assert_eq!(found.len(), again.len());
    let by_path = requests_by_path(&log);
    let mut again_requested: Vec<String> = by_path.keys().cloned().collect();
    again_requested.sort();
    assert_eq!(again_requested, ["/slow", "/trickle"], "{by_path:?}");
    assert_eq!(report.from_cache, 12);

    // --no-cache requests everything again.
    log.lock().expect("log").clear();
    let (_, report) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    assert_eq!(report.from_cache, 0);
    assert!(requests_by_path(&log).contains_key("/gone"));
}

#[test]
fn private_addresses_are_refused_unless_allowed() {
    let (port, log) = serve();
    let tmp = tempdir();
    let config = site(tmp.path(), port, false);
    let (found, _) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    assert!(
        log.lock().expect("log").is_empty(),
        "nothing may reach the server"
    );
    assert_eq!(found.len(), PATHS.len() + 1);
    assert!(
        found.iter().all(|f| f.0 == Code::ExternalPrivate),
        "{found:?}"
    );
}

#[test]
fn check_fix_follows_permanent_moves() {
    let (port, _log) = serve();
    let tmp = tempdir();
    let config = site(tmp.path(), port, true);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["check", "--external", "--fix", "--config"])
        .arg(&config)
        .output()
        .expect("run cuaderno");
    assert_eq!(out.status.code(), Some(1), "gone links are errors: {out:?}");
    let page = std::fs::read_to_string(tmp.path().join("content/index.md")).expect("page");
    assert!(
        page.contains(&format!("- [moved](http://127.0.0.1:{port}/ok)\n")),
        "{page}"
    );
    assert!(
        page.contains(&format!("- [temp](http://127.0.0.1:{port}/temp)\n")),
        "a temporary redirect stays"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("external links by host"), "{stderr}");
}

#[test]
fn with_no_network_there_is_one_finding_not_one_per_link() {
    let tmp = tempdir();
    let config = site(tmp.path(), 1, true);
    // Ports nobody listens on: every connection is refused, as when offline.
    let closed: Vec<u16> = (0..3)
        .map(|_| {
            TcpListener::bind("127.0.0.1:0")
                .expect("bind")
                .local_addr()
                .expect("addr")
                .port()
        })
        .collect();
    let page: String = closed
        .iter()
        .map(|p| format!("- [x](http://127.0.0.1:{p}/a)\n"))
        .collect();
    std::fs::write(
        tmp.path().join("content/index.md"),
        format!("# Offline\n\n{page}"),
    )
    .expect("page");
    let (found, _) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    assert_eq!(found, [(Code::ExternalOffline, 0, None)]);
}

#[test]
fn fragments_are_checked_when_asked() {
    let (port, _log) = serve();
    let tmp = tempdir();
    let config = site(tmp.path(), port, true);
    let page = format!(
        "# Anchors\n\n- [a](http://127.0.0.1:{port}/page#here)\n- [b](http://127.0.0.1:{port}/page#old)\n- [c](http://127.0.0.1:{port}/page#nothere)\n- [d](http://127.0.0.1:{port}/ok#x)\n"
    );
    std::fs::write(tmp.path().join("content/index.md"), page).expect("page");
    let (found, _) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    assert!(found.is_empty(), "off by default: {found:?}");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        text.replace("[external]\n", "[external]\ncheck_fragments = true\n"),
    )
    .expect("config");
    let (found, _) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    // `/ok` is not HTML: its fragment cannot be judged and is not reported.
    assert_eq!(found, [(Code::ExternalFragment, 5, None)]);
}

#[test]
fn ten_thousand_distinct_hosts_stay_bounded() {
    let tmp = tempdir();
    let config = site(tmp.path(), 1, false);
    // 10,000 hosts (loopback addresses, so that nothing leaves this machine): each is refused
    // when resolved, and the pool must not slow down with the number of hosts.
    let page: String = (0..10_000)
        .map(|i| format!("- [x](http://127.0.{}.{}:9/)\n", i / 250, i % 250 + 1))
        .collect();
    std::fs::write(
        tmp.path().join("content/index.md"),
        format!("# Many\n\n{page}"),
    )
    .expect("page");
    let started = Instant::now();
    let (found, report) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    assert_eq!(report.urls, 10_000);
    assert_eq!(found.len(), 10_000);
    assert!(found.iter().all(|f| f.0 == Code::ExternalPrivate));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_that_does_not_speak_tls_is_a_clear_warning() {
    // Answers plain HTTP at once to whatever comes, TLS handshakes included.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let tmp = tempdir();
    let config = site(tmp.path(), port, true);
    let page = format!("# TLS\n\n[x](https://127.0.0.1:{port}/ok)\n");
    std::fs::write(tmp.path().join("content/index.md"), page).expect("page");
    let (found, report) = run(
        &config,
        &Options {
            no_cache: true,
            ..Options::default()
        },
    );
    assert_eq!(found.len(), 1);
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::ExternalUnreachable);
    assert!(
        d.message.contains("could not be reached: TLS: "),
        "{}",
        d.message
    );
}
