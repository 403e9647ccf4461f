//! Accepting connections without ever losing the listener: a cap on open connections (beyond
//! it a new one gets a short 503), a pause and a retry when the process runs out of file
//! descriptors, a thread per connection with read timeouts, `TCP_NODELAY`, and a registry of
//! open connections so that `stop` closes kept-alive ones at once.

use super::http;
use super::state::Shared;
use super::wire::{self, ReadError, Reply};
use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a connection may sit idle (between requests, or inside a request head).
const IDLE: Duration = Duration::from_secs(30);
/// Requests answered on one kept-alive connection before it is closed.
const MAX_REQUESTS: usize = 1000;

/// The open connections, by id; `stop` shuts them all down.
#[derive(Default)]
pub struct Connections {
    open: Mutex<HashMap<u64, TcpStream>>,
    next: AtomicU64,
}

impl Connections {
    fn add(&self, stream: &TcpStream) -> Option<u64> {
        let copy = stream.try_clone().ok()?;
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.open.lock().ok()?.insert(id, copy);
        Some(id)
    }

    fn remove(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }

    pub fn count(&self) -> usize {
        self.open.lock().map_or(0, |o| o.len())
    }

    /// Ends every connection: their reading side is shut, so an idle kept-alive connection
    /// closes at once, while a reply being written (a woken reload poll) still goes out.
    pub fn close_all(&self) {
        if let Ok(mut open) = self.open.lock() {
            for (_, stream) in open.drain() {
                let _ = stream.shutdown(Shutdown::Read);
            }
        }
    }
}

/// The most connections open at once: a quarter of the open-file limit (the rest is for
/// builds, watches and the listener), between 16 and 512.
pub fn connection_cap() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes into the struct we own.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
            let quarter = usize::try_from(limit.rlim_cur / 4).unwrap_or(512);
            return quarter.clamp(16, 512);
        }
    }
    256
}

pub struct Accepting {
    pub listener: TcpListener,
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    pub connections: Arc<Connections>,
    pub stop: Arc<AtomicBool>,
    pub cap: usize,
}

pub fn accept_loop(a: Accepting) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !a.stop.load(Ordering::Relaxed) {
            match a.listener.accept() {
                Ok((stream, _)) if a.stop.load(Ordering::Relaxed) => drop(stream),
                Ok((stream, _)) => admit(&a, stream),
                // Out of file descriptors (or memory, or a reset before accept): the
                // listener itself is fine; wait for connections to close and go on.
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    })
}

fn admit(a: &Accepting, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(IDLE));
    if a.connections.count() >= a.cap {
        let busy = Reply::new(503, b"too many connections\n".to_vec(), "text/plain")
            .with_header("Retry-After", "1");
        let mut stream = stream;
        let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
        let _ = wire::write_reply(&mut stream, &busy, false, false);
        return;
    }
    let Some(id) = a.connections.add(&stream) else {
        return;
    };
    let (shared, connections, addr) = (a.shared.clone(), a.connections.clone(), a.addr);
    let spawned = std::thread::Builder::new()
        .name("cuaderno-conn".into())
        .spawn(move || {
            serve_connection(stream, addr, &shared);
            connections.remove(id);
        });
    if spawned.is_err() {
        a.connections.remove(id);
    }
}

/// Answers requests on one connection until it closes, errs, idles out or asks to close.
fn serve_connection(stream: TcpStream, addr: SocketAddr, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::with_capacity(8 * 1024, stream);
    for served in 1..=MAX_REQUESTS {
        let (reply, head_only, keep) = match wire::read_request(&mut reader) {
            Ok(request) => {
                let reply = http::answer(&request, addr, shared);
                // A refused host gets nothing more on this connection.
                let keep = request.keep_alive()
                    && !request.has_body
                    && served < MAX_REQUESTS
                    && reply.status != 421;
                (reply, request.method == "HEAD", keep)
            }
            Err(ReadError::Closed | ReadError::Io(_)) => return,
            Err(ReadError::TooLarge) => (plain(431, "request head too large\n"), false, false),
            Err(ReadError::Malformed) => (plain(400, "bad request\n"), false, false),
        };
        if wire::write_reply(&mut out, &reply, head_only, keep).is_err() || !keep {
            let _ = out.flush();
            let _ = out.shutdown(Shutdown::Write);
            return;
        }
    }
}

fn plain(status: u16, text: &str) -> Reply {
    Reply::new(
        status,
        text.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}
