//! Ctrl-C (and SIGTERM) during a build: writing stops, the staging folders of this process are
//! removed, and it exits with status 130. This is the one piece of process-wide state in
//! cuaderno: a signal arrives for the process, not for a build.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

static STAGING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub(crate) fn register(dir: &Path) {
    if let Ok(mut dirs) = STAGING.lock() {
        dirs.push(dir.to_path_buf());
    }
}

pub(crate) fn unregister(dir: &Path) {
    if let Ok(mut dirs) = STAGING.lock() {
        dirs.retain(|d| d != dir);
    }
}

/// Whether the process was interrupted: writers stop, and the main thread leaves the exit
/// to the handler (a build failing because its folder went away is not a failure to report).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Installs the handler (once per process; the binary calls it).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        let dirs = STAGING.lock().map(|d| d.clone()).unwrap_or_default();
        // Writers check the flag before each file; let those already writing finish.
        std::thread::sleep(Duration::from_millis(30));
        let started = Instant::now();
        for dir in dirs {
            while dir.exists() && started.elapsed() < Duration::from_secs(2) {
                super::remove_marked(&dir);
            }
        }
        eprintln!("cuaderno: interrupted");
        std::process::exit(130);
    });
}
