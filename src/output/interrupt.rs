//! Ctrl-C (and SIGTERM) during a build: the staging folders of this process are removed
//! before it exits with status 130. This is the one piece of process-wide state in cuaderno:
//! a signal arrives for the process, not for a build.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static STAGING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

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

/// Installs the handler (once per process; the binary calls it). Render threads may still
/// be writing while the folder goes, so removal is tried a few times; whatever survives is
/// removed by the next run.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let dirs = STAGING.lock().map(|d| d.clone()).unwrap_or_default();
        for dir in dirs {
            for _ in 0..5 {
                if std::fs::remove_dir_all(&dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
        eprintln!("cuaderno: interrupted");
        std::process::exit(130);
    });
}
