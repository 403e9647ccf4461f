//! `cuaderno serve`: build into memory, serve it (a thread per connection, so a waiting
//! reload poll or a slow client never blocks another), watch the sources, rebuild on change,
//! and tell the pages to reload. The last good build stays served when a rebuild fails.

mod console;
pub mod http;
pub mod listener;
pub mod rebuild;
pub mod state;
pub mod watch;
pub mod watching;
pub mod wire;

use crate::Overrides;
use anyhow::{anyhow, Context, Result};
use rebuild::Rebuilder;
use state::Shared;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use watching::{scope, Watching};

/// Where to listen.
pub struct Options {
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
    /// Print what each rebuild did.
    pub verbose: bool,
}

/// A running server; `stop` ends its threads.
pub struct Server {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    connections: Arc<listener::Connections>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Builds the site once (an error here is returned: there is nothing to serve yet), then
/// starts serving and watching.
pub fn start(config_path: &Path, overrides: Overrides, opts: &Options) -> Result<Server> {
    let config_path = absolute(config_path);
    let scope = scope(&config_path, &overrides)?;
    let mut rebuilder = Rebuilder::new(config_path.clone(), overrides.clone());
    let first = rebuilder.build()?;
    let prefix = console::prefix(&scope.trees[0]);
    if opts.verbose {
        console::first(&first, &prefix);
    }
    let shared = Arc::new(Shared::new());
    shared.publish(Ok(first));
    let tcp = std::net::TcpListener::bind((opts.bind.as_str(), opts.port))
        .map_err(|e| anyhow!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = tcp.local_addr().context("the server has no address")?;
    let stop = Arc::new(AtomicBool::new(false));
    let connections = Arc::new(listener::Connections::default());
    let watching = Watching::start(scope, config_path, overrides)?;
    let threads = vec![
        listener::accept_loop(listener::Accepting {
            listener: tcp,
            addr,
            shared: shared.clone(),
            connections: connections.clone(),
            stop: stop.clone(),
            cap: listener::connection_cap(),
        }),
        watch_loop(
            watching,
            rebuilder,
            shared.clone(),
            stop.clone(),
            opts.verbose.then_some(prefix),
        ),
    ];
    Ok(Server {
        addr,
        shared,
        connections,
        stop,
        threads,
    })
}

fn watch_loop(
    mut w: Watching,
    mut rebuilder: Rebuilder,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    verbose: Option<String>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let ms = Duration::from_millis;
        while !stop.load(Ordering::Relaxed) {
            match w.next(ms(200)) {
                Ok(Some(paths)) => {
                    let mut result = rebuilder.build();
                    // site.toml may name other folders: watch them before anyone sees this
                    // build, and build again to take in what changed there meanwhile.
                    if w.follow_config() {
                        result = rebuilder.build();
                    }
                    if let Some(prefix) = &verbose {
                        console::rebuilt(&paths, &result, prefix);
                    }
                    shared.publish(result.map_err(|e| format!("{e:#}")));
                }
                Ok(None) => {}
                Err(watch::Closed) => break,
            }
        }
    })
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Stops accepting requests and watching; returns when the threads ended.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.shared.close();
        // Wake the accept loop with a connection of our own, then close every open one.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = std::net::TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        self.connections.close_all();
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Runs the server until the process is stopped (Ctrl-C).
pub fn run(config_path: &Path, overrides: Overrides, opts: &Options, open: bool) -> Result<()> {
    let server = start(config_path, overrides, opts)?;
    let url = server.url();
    println!("cuaderno: serving {url} (Ctrl-C to stop); pages reload when you save");
    if open {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        if std::process::Command::new(opener)
            .arg(&url)
            .spawn()
            .is_err()
        {
            eprintln!("cuaderno: could not open a browser; visit {url}");
        }
    }
    loop {
        std::thread::park();
    }
}
