//! `serve` against hostile requests and a faulty machine: foreign `Host` headers (DNS
//! rebinding), huge headers, running out of file descriptors, kept-alive connections that must
//! not wait on small writes, bursts of connections, and a content folder deleted and made again.

use crate::common;

use common::serve::*;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn status_of(addr: SocketAddr, raw: &str) -> u16 {
    request(addr, raw).0
}

/// The status of a raw request, `None` when the connection fails or is reset.
fn try_status(addr: SocketAddr, raw: &str) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    stream.write_all(raw.as_bytes()).ok()?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).ok()?;
    let head = String::from_utf8_lossy(&out);
    head.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn only_hosts_that_cannot_be_rebound_are_answered() {
    let (_tmp, config) = site_copy();
    let server = start(&config);
    let addr = server.addr;
    let port = addr.port();
    let ask = |host: &str| {
        status_of(
            addr,
            &format!("GET /en/kick-off.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for good in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
        format!("preview.localhost:{port}"),
    ] {
        assert_eq!(ask(&good), 200, "{good}");
    }
    for bad in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.attacker.example:{port}"),
    ] {
        assert_eq!(ask(&bad), 421, "{bad}");
    }
    let (status, _, body) = request(
        addr,
        "GET /__cuaderno/diagnostics?page=en/kick-off.html HTTP/1.1\r\nHost: evil.test\r\n\r\n",
    );
    assert_eq!(status, 421);
    assert!(!String::from_utf8_lossy(&body).contains("diagnostics"));
    // HTTP/1.1 requires Host.
    assert_eq!(
        status_of(addr, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
        421
    );
    server.stop();
}

#[test]
fn a_huge_header_is_refused_early_and_the_server_goes_on() {
    let (_tmp, config) = site_copy();
    let server = start(&config);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    // The server answers and closes long before 50 MB are sent.
    let mut sent = 0usize;
    while sent < 50 * 1024 * 1024 {
        if stream.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let head = String::from_utf8_lossy(&reply);
    assert!(
        head.starts_with("HTTP/1.1 431"),
        "{head:.80} after {sent} bytes"
    );
    assert!(sent < 50 * 1024 * 1024, "the server read all {sent} bytes");
    assert_eq!(get(server.addr, "/en/kick-off.html").0, 200);
    server.stop();
}

/// Kept-alive requests each answer at once (no 40 ms delay of small writes), and a burst of
/// new kept-alive connections is served in full.
#[test]
fn kept_alive_connections_answer_without_delay_and_bursts_are_served() {
    let (_tmp, config) = site_copy();
    let server = start(&config);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut times = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        stream
            .write_all(b"GET /en/kick-off.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        read_reply(&mut reader);
        times.push(started.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    assert!(median < Duration::from_millis(20), "median {median:?}");

    let started = Instant::now();
    let clients: Vec<_> = (0..50)
        .map(|_| {
            let addr = server.addr;
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let mut r = BufReader::new(s.try_clone().unwrap());
                for _ in 0..3 {
                    s.write_all(b"GET /en/index.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .unwrap();
                    assert_eq!(read_reply(&mut r), 200);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("every connection answered");
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    server.stop();
}

/// Reads one reply with a Content-Length body; returns its status.
fn read_reply(reader: &mut impl BufRead) -> u16 {
    let mut status = 0;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if status == 0 {
            status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap();
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    status
}

/// `cuaderno serve` under a limit of 64 open files; returns it and its address.
fn serve_with_fd_limit(config: &std::path::Path) -> (Child, SocketAddr) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cuaderno"));
    command
        .arg("--config")
        .arg(config)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe and touches only the child.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 64,
                rlim_max: 64,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("a URL");
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    (child, addr)
}

#[test]
fn running_out_of_file_descriptors_never_loses_the_listener() {
    let (_tmp, config) = site_copy();
    let (mut child, addr) = serve_with_fd_limit(&config);
    // Far more idle connections than the server may open files.
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok())
        .collect();
    assert!(idle.len() > 100, "only {} connected", idle.len());
    drop(idle);
    let started = Instant::now();
    let status = loop {
        // While the closed connections are still counted, a new one may be refused (503)
        // or reset: ask again.
        let got = try_status(
            addr,
            "GET /en/kick-off.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        );
        if got == Some(200) || started.elapsed() > Duration::from_secs(15) {
            break got;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let alive = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(alive, "the server died");
    assert_eq!(
        status,
        Some(200),
        "the server accepts again once connections close"
    );
}

#[test]
fn a_content_folder_deleted_and_made_again_is_watched_again() {
    let (tmp, config) = site_copy();
    let server = start(&config);
    let content = tmp.path().join("content");
    let saved = tmp.path().join("saved");
    copy_tree(&content, &saved);
    let token = current_token(server.addr);
    std::fs::remove_dir_all(&content).unwrap();
    eventually("a rebuild after the removal", || {
        current_token(server.addr) != token
    });
    let page = saved.join("en/kick-off.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("# ", "# Restored ")).unwrap();
    copy_tree(&saved, &content);
    eventually("the content back", || {
        get(server.addr, "/en/kick-off.html").2.contains("Restored")
    });
    std::thread::sleep(Duration::from_millis(500));
    let page = content.join("en/kick-off.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("# ", "# Edited after the move ")).unwrap();
    eventually("the edit to be served", || {
        get(server.addr, "/en/kick-off.html")
            .2
            .contains("Edited after the move")
    });
    server.stop();
}
