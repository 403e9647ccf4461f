//! `cuaderno serve`: build into memory, serve with tiny_http (a thread per request, so a
//! waiting reload poll or a slow client never blocks another), watch the sources, rebuild on
//! change, and tell the pages to reload. The last good build stays served when a rebuild fails.

pub mod http;
pub mod rebuild;
pub mod state;
pub mod watch;

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
    http: Arc<tiny_http::Server>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What to watch for the site of `config_path`.
fn scope(config_path: &Path, overrides: &Overrides) -> Result<watch::Scope> {
    let config = crate::load_config(config_path, overrides)?;
    Ok(watch::Scope {
        trees: vec![
            absolute(&config.content_path()),
            absolute(&config.theme_path()),
        ],
        config: config_path.to_path_buf(),
        ignored: vec![absolute(&config.output_path())],
    })
}

/// Builds the site once (an error here is returned: there is nothing to serve yet), then
/// starts serving and watching.
pub fn start(config_path: &Path, overrides: Overrides, opts: &Options) -> Result<Server> {
    let config_path = absolute(config_path);
    let scope = scope(&config_path, &overrides)?;
    let mut rebuilder = Rebuilder::new(config_path.clone(), overrides.clone());
    let first = rebuilder.build()?;
    if opts.verbose {
        eprintln!(
            "cuaderno: built {} pages in {} ms, {} diagnostic(s)",
            first.rendered,
            first.elapsed.as_millis(),
            first.diagnostics.len()
        );
    }
    let shared = Arc::new(Shared::new());
    shared.publish(Ok(first));
    let http = tiny_http::Server::http((opts.bind.as_str(), opts.port))
        .map_err(|e| anyhow!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = http
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let http = Arc::new(http);
    let stop = Arc::new(AtomicBool::new(false));
    let (watcher, events) = watch::start(&scope)?;
    let watching = Watching {
        watcher,
        events,
        scope,
        config_path,
        overrides,
    };
    let threads = vec![
        accept_loop(http.clone(), shared.clone()),
        watch_loop(
            watching,
            rebuilder,
            shared.clone(),
            stop.clone(),
            opts.verbose,
        ),
    ];
    Ok(Server {
        addr,
        shared,
        http,
        stop,
        threads,
    })
}

fn accept_loop(http: Arc<tiny_http::Server>, shared: Arc<Shared>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for request in http.incoming_requests() {
            let shared = shared.clone();
            std::thread::spawn(move || http::handle(request, &shared));
        }
    })
}

/// The watcher and what it watches; site.toml may move the content or the theme.
struct Watching {
    watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    scope: watch::Scope,
    config_path: PathBuf,
    overrides: Overrides,
}

impl Watching {
    /// Follows site.toml: watches the content and theme folders it names now.
    /// Returns true when the watched folders changed.
    fn follow_config(&mut self) -> bool {
        use notify::{RecursiveMode, Watcher};
        let Ok(next) = scope(&self.config_path, &self.overrides) else {
            return false;
        };
        if next.trees == self.scope.trees {
            return false;
        }
        for tree in self.scope.trees.iter().filter(|t| !next.trees.contains(t)) {
            let _ = self.watcher.unwatch(tree);
        }
        for tree in next.trees.iter().filter(|t| !self.scope.trees.contains(t)) {
            let _ = self.watcher.watch(tree, RecursiveMode::Recursive);
        }
        self.scope = next;
        true
    }
}

fn watch_loop(
    mut w: Watching,
    mut rebuilder: Rebuilder,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    verbose: bool,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let ms = Duration::from_millis;
        while !stop.load(Ordering::Relaxed) {
            match watch::next_batch(&w.events, &w.scope, ms(200), ms(60), ms(1000)) {
                Ok(Some(paths)) => {
                    let mut result = rebuilder.build();
                    // site.toml may name other folders: watch them before anyone sees this
                    // build, and build again to take in what changed there meanwhile.
                    if w.follow_config() {
                        result = rebuilder.build();
                    }
                    if verbose {
                        report(&paths, &result);
                    }
                    shared.publish(result.map_err(|e| format!("{e:#}")));
                }
                Ok(None) => {}
                Err(watch::Closed) => break,
            }
        }
    })
}

fn report(paths: &[PathBuf], result: &Result<rebuild::Output>) {
    // Editors and tools write through temporary names: name the source file when there is one.
    let known = ["md", "markdown", "toml", "yml", "yaml", "html"];
    let source = paths
        .iter()
        .find(|p| p.extension().is_some_and(|e| known.iter().any(|k| e == *k)));
    let what = source
        .or(paths.first())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    match result {
        Ok(out) => eprintln!(
            "cuaderno: {what} changed: rebuilt in {} ms ({} page(s) rendered), {} diagnostic(s)",
            out.elapsed.as_millis(),
            out.rendered,
            out.diagnostics.len()
        ),
        Err(e) => eprintln!(
            "cuaderno: {what} changed: build failed, still serving the last good build:\n{e:#}"
        ),
    }
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Stops accepting requests and watching; returns when the threads ended.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.shared.close();
        self.http.unblock();
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
