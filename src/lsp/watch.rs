//! Files changed outside the editor (a `git checkout`, a new image): reported by a client
//! that watches files for the server, or seen by the server's own watcher, the one `serve`
//! uses, for a client that cannot. Either way a keystroke need not walk the content folder to
//! know that nothing else changed.

use crate::lsp::session::{Dirty, Session};
use crate::lsp::transport::Incoming;
use cuaderno::serve::watching::{self, Watching};
use lsp_server::{Message, Request, RequestId};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Asks the client to report files created, changed or deleted outside the editor: the next
/// analysis then sees them.
pub fn registration() -> Message {
    use lsp_types::*;
    let watcher = |glob: &str| FileSystemWatcher {
        glob_pattern: GlobPattern::String(glob.into()),
        kind: None,
    };
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![
            watcher("**/*.md"),
            watcher("**/toc.yml"),
            watcher("**/site.toml"),
            watcher("**/media/**"),
        ],
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "cuaderno-files".into(),
            method: notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let id = RequestId::from("cuaderno-register-watchers".to_string());
    Request::new(id, request::RegisterCapability::METHOD.into(), params).into()
}

/// Watches the site's content, theme and site.toml on a thread of its own, sending each burst
/// of changes to the main loop, until the main loop is gone. Fails when the site's folders
/// cannot be read from site.toml or watched.
pub fn spawn(
    config: &Path,
    overrides: &cuaderno::Overrides,
    to_main: Sender<Incoming>,
) -> anyhow::Result<()> {
    let config = std::path::absolute(config)?;
    let scope = watching::scope(&config, overrides)?;
    let mut watching = Watching::start(scope, config, overrides.clone())?;
    std::thread::spawn(move || loop {
        match watching.next(Duration::from_secs(1)) {
            Ok(Some(paths)) => {
                watching.follow_config();
                if to_main.send(Incoming::Files(paths)).is_err() {
                    return;
                }
            }
            Ok(None) => {}
            Err(_) => return,
        }
    });
    Ok(())
}

/// Files changed on disk, as the client or the server's watcher reports them: site.toml is
/// read again when it is one of them, and the next analysis loads the site anew.
pub fn changed(session: &mut Session, paths: impl IntoIterator<Item = PathBuf>) {
    let config = std::path::absolute(&session.config_path).ok();
    if paths.into_iter().any(|p| Some(&p) == config.as_ref()) {
        session.reload_config();
    }
    session.dirty = Dirty::Full;
}
