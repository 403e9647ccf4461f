//! Pages kept between `serve` rebuilds: a page whose file has the same size and modification
//! time as when it was read is not read and analyzed again. Valid only while the config is the
//! same (the caller drops the cache when site.toml changes).

use super::page::Page;
use crate::diagnostics::Diagnostic;
use std::collections::HashMap;
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
    pub page: Page,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Default)]
pub struct PageCache {
    entries: HashMap<String, Cached>,
}

impl PageCache {
    /// The cached page for `rel` if its file still has `stamp`.
    pub fn take(&mut self, rel: &str, stamp: Stamp) -> Option<(Page, Vec<Diagnostic>)> {
        let cached = self.entries.remove(rel)?;
        (cached.stamp == stamp && stamp.1.is_some()).then_some((cached.page, cached.diagnostics))
    }

    pub fn put(&mut self, cached: Cached) {
        self.entries.insert(cached.page.file.rel.clone(), cached);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
