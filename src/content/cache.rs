//! Pages kept between `serve` rebuilds: a page whose file has the same size and modification
//! time as when it was read is not read and analyzed again. Valid only while the config is the
//! same (the caller drops the cache when site.toml changes).

use super::page::Page;
use crate::diagnostics::Diagnostic;
use crate::walk::Entry;
use rustc_hash::FxHashMap;
use std::path::Path;
use std::time::SystemTime;

/// Size and modification time of a file.
pub type Stamp = (u64, Option<SystemTime>);

pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// A loaded page with its own diagnostics and the stamp of the file it came from.
pub struct Cached {
    pub stamp: Stamp,
    /// Boxed: a page moves between the cache and a site on every analysis.
    pub page: Box<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Default)]
pub struct PageCache {
    entries: FxHashMap<String, Cached>,
    /// The last walk of the content folder and its findings.
    walk: Option<(Vec<Entry>, Vec<Diagnostic>)>,
    /// The caller knows that no file changed on disk since the last load (`lsp` between two
    /// keystrokes, with a client that reports file changes): the next load reuses the last
    /// walk and takes cached pages by their recorded stamps, without a look at the files.
    pub files_unchanged: bool,
}

impl PageCache {
    /// The cached page for `rel` if its file still has `stamp`.
    pub fn take(&mut self, rel: &str, stamp: Stamp) -> Option<(Box<Page>, Vec<Diagnostic>)> {
        let cached = self.entries.remove(rel)?;
        (cached.stamp == stamp && stamp.1.is_some()).then_some((cached.page, cached.diagnostics))
    }

    /// The recorded stamp of a cached page (what its file had when it was read).
    pub fn stamp_of(&self, rel: &str) -> Option<Stamp> {
        self.entries.get(rel).map(|c| c.stamp)
    }

    /// The last walk, when the files are known to be unchanged.
    pub fn reusable_walk(&self) -> Option<(Vec<Entry>, Vec<Diagnostic>)> {
        self.walk.clone().filter(|_| self.files_unchanged)
    }

    /// Keeps a walk for the next load.
    pub fn keep_walk(&mut self, entries: Vec<Entry>, diags: Vec<Diagnostic>) {
        self.walk = Some((entries, diags));
    }

    pub fn put(&mut self, cached: Cached) {
        self.entries.insert(cached.page.file.rel.clone(), cached);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.walk = None;
    }
}
