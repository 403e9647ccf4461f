//! What the server serves: the last good build, the current diagnostics and build error, and a
//! generation that waiting reload requests are woken by.

use super::rebuild::Output;
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

#[derive(Default)]
pub struct Snapshot {
    pub generation: u64,
    pub files: Arc<super::rebuild::Files>,
    pub assets: Arc<HashMap<String, PathBuf>>,
    pub sources: Arc<HashMap<String, String>>,
    pub roots: Arc<Vec<PathBuf>>,
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// Why the last rebuild failed (config, theme, template), while the old files are served.
    pub error: Option<String>,
}

pub struct Shared {
    /// Distinguishes this server process from a restarted one in reload tokens.
    pub instance: u64,
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
    /// Set when the server stops: waiting polls answer at once, so that pages reconnect.
    closing: std::sync::atomic::AtomicBool,
}

impl Default for Shared {
    fn default() -> Self {
        Shared::new()
    }
}

impl Shared {
    pub fn new() -> Shared {
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Shared {
            instance,
            current: Mutex::new(Arc::new(Snapshot::default())),
            changed: Condvar::new(),
            closing: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// The token a page's script compares: it changes with every build and every restart.
    pub fn token(&self, snapshot: &Snapshot) -> String {
        format!("{:x}-{}", self.instance, snapshot.generation)
    }

    /// Publishes a successful build (or, with `Err`, keeps the files and records the error).
    pub fn publish(&self, result: Result<Output, String>) {
        let Ok(mut current) = self.current.lock() else {
            return;
        };
        let generation = current.generation + 1;
        let next = match result {
            Ok(out) => Snapshot {
                generation,
                files: Arc::new(out.files),
                assets: Arc::new(out.assets),
                sources: Arc::new(out.sources),
                roots: Arc::new(out.roots),
                diagnostics: Arc::new(out.diagnostics),
                error: None,
            },
            Err(error) => Snapshot {
                generation,
                files: current.files.clone(),
                assets: current.assets.clone(),
                sources: current.sources.clone(),
                roots: current.roots.clone(),
                diagnostics: current.diagnostics.clone(),
                error: Some(error),
            },
        };
        *current = Arc::new(next);
        self.changed.notify_all();
    }

    /// Wakes every waiting poll for good: the server is stopping.
    pub fn close(&self) {
        self.closing
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if let Ok(_guard) = self.current.lock() {
            self.changed.notify_all();
        }
    }

    /// Waits until the token differs from `token`, or `timeout` passes; returns the current one.
    pub fn wait_change(&self, token: &str, timeout: Duration) -> String {
        let Ok(guard) = self.current.lock() else {
            return String::new();
        };
        let closing = || self.closing.load(std::sync::atomic::Ordering::Relaxed);
        let result = self
            .changed
            .wait_timeout_while(guard, timeout, |s| self.token(s) == token && !closing());
        match result {
            Ok((guard, _)) => self.token(&guard),
            Err(_) => String::new(),
        }
    }
}
