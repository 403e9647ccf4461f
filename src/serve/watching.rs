//! What `serve` and `lsp` watch for one site: its content and theme folders and site.toml,
//! followed when site.toml names other folders, and watched again when a folder is removed
//! and made anew.

use super::{absolute, watch};
use crate::Overrides;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What to watch for the site of `config_path`.
pub fn scope(config_path: &Path, overrides: &Overrides) -> Result<watch::Scope> {
    let config = crate::load_config(config_path, overrides)?;
    Ok(watch::Scope {
        trees: std::iter::once(config.content_path())
            .chain(config.theme_path())
            .map(|p| absolute(&p))
            .collect(),
        config: config_path.to_path_buf(),
        ignored: vec![absolute(&config.output_path())],
    })
}

/// The watcher and what it watches; site.toml may move the content or the theme.
pub struct Watching {
    watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// Which folder each tree was when it was watched: a folder deleted and made again is
    /// another folder, and its watch must be set again.
    identities: Vec<Option<(u64, u64)>>,
    scope: watch::Scope,
    config_path: PathBuf,
    overrides: Overrides,
}

impl Watching {
    /// Starts watching what `scope` names (`scope(config_path, overrides)`).
    pub fn start(
        scope: watch::Scope,
        config_path: PathBuf,
        overrides: Overrides,
    ) -> Result<Watching> {
        let (watcher, events) = watch::start(&scope)?;
        let identities = scope.trees.iter().map(|t| identity(t)).collect();
        Ok(Watching {
            watcher,
            events,
            identities,
            scope,
            config_path,
            overrides,
        })
    }

    /// The next burst of changed files, waiting up to `poll` for its first event (editors
    /// write a file in steps: the burst ends after 60 ms without one). A watched folder that
    /// was removed and made anew counts as changed. `Ok(None)`: nothing within `poll`.
    pub fn next(&mut self, poll: Duration) -> Result<Option<Vec<PathBuf>>, watch::Closed> {
        let ms = Duration::from_millis;
        match watch::next_batch(&self.events, &self.scope, poll, ms(60), ms(1000))? {
            None if self.rearm() => Ok(Some(self.scope.trees.clone())),
            found => {
                self.rearm();
                Ok(found)
            }
        }
    }

    /// Follows site.toml: watches the content and theme folders it names now.
    /// Returns true when the watched folders changed.
    pub fn follow_config(&mut self) -> bool {
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
        self.identities = next.trees.iter().map(|t| identity(t)).collect();
        self.scope = next;
        true
    }

    /// Watches again every tree that was removed and made anew (or appeared) since it was
    /// watched. Returns true when one was: its content changed without events we saw.
    fn rearm(&mut self) -> bool {
        use notify::{RecursiveMode, Watcher};
        let mut changed = false;
        for (tree, known) in self.scope.trees.iter().zip(self.identities.iter_mut()) {
            let now = identity(tree);
            if now != *known {
                let _ = self.watcher.unwatch(tree);
                if now.is_some() && self.watcher.watch(tree, RecursiveMode::Recursive).is_err() {
                    continue;
                }
                *known = now;
                changed = true;
            }
        }
        changed
    }
}

/// The device and inode of a folder, `None` when it does not exist.
fn identity(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        Some((0, u64::from(meta.is_dir())))
    }
}
