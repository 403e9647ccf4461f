//! Watching the content, the theme and site.toml, with bursts of events debounced (editors
//! write a file in several steps) and editor temporary files and the output folder ignored.

use anyhow::{Context, Result};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Files editors write beside the real one: never a reason to rebuild.
pub fn is_editor_temp(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".crswap", ".part"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// What the server watches and what it ignores.
pub struct Scope {
    /// Watched recursively: the content tree and the theme.
    pub trees: Vec<PathBuf>,
    /// The configuration file (its folder is watched, only this file counts).
    pub config: PathBuf,
    /// Never a reason to rebuild: the build output folder.
    pub ignored: Vec<PathBuf>,
}

impl Scope {
    pub fn matters(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        if path == self.config
            || path.file_name() == self.config.file_name() && path.parent() == self.config.parent()
        {
            return true;
        }
        // Hidden files and folders inside a tree (`.git`, editor backups) are not content.
        let hidden = |rest: &Path| {
            rest.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        };
        self.trees
            .iter()
            .any(|t| path.strip_prefix(t).is_ok_and(|rest| !hidden(rest)))
            && !is_editor_temp(path)
    }
}

/// Starts watching; events arrive on the receiver.
pub fn start(scope: &Scope) -> Result<(RecommendedWatcher, Receiver<notify::Result<Event>>)> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot start the file watcher")?;
    for tree in &scope.trees {
        watcher
            .watch(tree, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch `{}`", tree.display()))?;
    }
    let config_dir = scope
        .config
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    watcher
        .watch(config_dir, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", config_dir.display()))?;
    Ok((watcher, rx))
}

/// The watcher stopped: its channel closed.
#[derive(Debug, PartialEq, Eq)]
pub struct Closed;

/// Waits (up to `poll`) for an event that matters, then keeps draining until `quiet` passes
/// without one (at most `max` in all). `Ok(None)`: nothing happened within `poll`.
pub fn next_batch(
    rx: &Receiver<notify::Result<Event>>,
    scope: &Scope,
    poll: Duration,
    quiet: Duration,
    max: Duration,
) -> Result<Option<Vec<PathBuf>>, Closed> {
    let relevant = |event: notify::Result<Event>| -> Vec<PathBuf> {
        match event {
            // The watcher lost events (the kernel's queue overflowed in a large checkout):
            // anything in the trees, or site.toml, may have changed.
            Ok(e) if e.need_rescan() => {
                let mut all = scope.trees.clone();
                all.push(scope.config.clone());
                all
            }
            Ok(e) if !e.kind.is_access() => {
                e.paths.into_iter().filter(|p| scope.matters(p)).collect()
            }
            _ => Vec::new(),
        }
    };
    let first = loop {
        match rx.recv_timeout(poll) {
            Ok(event) => {
                let paths = relevant(event);
                if !paths.is_empty() {
                    break paths;
                }
            }
            Err(RecvTimeoutError::Timeout) => return Ok(None),
            Err(RecvTimeoutError::Disconnected) => return Err(Closed),
        }
    };
    let mut paths = first;
    let started = Instant::now();
    while started.elapsed() < max {
        match rx.recv_timeout(quiet) {
            Ok(event) => paths.extend(relevant(event)),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return Err(Closed),
        }
    }
    paths.sort();
    paths.dedup();
    Ok(Some(paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporary_files_are_ignored() {
        for name in [
            "a.md~",
            ".a.md.swp",
            "4913",
            ".#a.md",
            "#a.md#",
            "a.md.tmp",
            "x.crswap",
        ] {
            assert!(is_editor_temp(Path::new(name)), "{name}");
        }
        assert!(!is_editor_temp(Path::new("content/es/a-es.md")));
    }

    #[test]
    fn scope_keeps_content_theme_and_config_only() {
        let scope = Scope {
            trees: vec!["/s/content".into(), "/s/themes/default".into()],
            config: "/s/site.toml".into(),
            ignored: vec!["/s/content/public".into()],
        };
        assert!(scope.matters(Path::new("/s/content/es/a-es.md")));
        assert!(scope.matters(Path::new("/s/themes/default/templates/page.html")));
        assert!(scope.matters(Path::new("/s/site.toml")));
        assert!(!scope.matters(Path::new("/s/README.md")));
        assert!(!scope.matters(Path::new("/s/content/public/es/a.html")));
        assert!(!scope.matters(Path::new("/s/content/es/.a-es.md.swp")));
        assert!(!scope.matters(Path::new("/s/content/.git/index")));
        let hidden_root = Scope {
            trees: vec!["/tmp/.tmpX/content".into()],
            config: "/tmp/.tmpX/site.toml".into(),
            ignored: vec![],
        };
        assert!(hidden_root.matters(Path::new("/tmp/.tmpX/content/a.md")));
    }

    #[test]
    fn lost_events_count_as_a_change_to_every_tree() {
        let (tx, rx) = channel();
        let scope = Scope {
            trees: vec!["/s/content".into(), "/s/theme".into()],
            config: "/s/site.toml".into(),
            ignored: vec![],
        };
        let lost = Event::new(notify::EventKind::Other).set_flag(notify::event::Flag::Rescan);
        tx.send(Ok(lost)).unwrap();
        let ms = Duration::from_millis;
        let batch = next_batch(&rx, &scope, ms(100), ms(10), ms(100));
        let all = ["/s/content", "/s/site.toml", "/s/theme"].map(PathBuf::from);
        assert_eq!(batch, Ok(Some(all.to_vec())));
    }

    #[test]
    fn bursts_become_one_batch() {
        let (tx, rx) = channel();
        let scope = Scope {
            trees: vec!["/s/content".into()],
            config: "/s/site.toml".into(),
            ignored: vec![],
        };
        for name in ["a.md", "a.md~", "b.md", "a.md"] {
            tx.send(Ok(
                Event::new(notify::EventKind::Any).add_path(format!("/s/content/{name}").into())
            ))
            .unwrap();
        }
        let ms = Duration::from_millis;
        let batch = next_batch(&rx, &scope, ms(100), ms(30), ms(500))
            .unwrap()
            .unwrap();
        assert_eq!(
            batch,
            [
                PathBuf::from("/s/content/a.md"),
                PathBuf::from("/s/content/b.md")
            ]
        );
        assert_eq!(
            next_batch(&rx, &scope, ms(10), ms(10), ms(50)).unwrap(),
            None
        );
    }
}
