//! Reading the pages of a walk: each page read (from an editor's buffer, else from disk),
//! analyzed and checked by the page rules, in parallel, or taken unchanged from the page cache;
//! then added to the site with the tocs (`Site::load_cached` runs these steps in order).

use crate::config::Config;
use crate::content::cache::{self, PageCache, Stamp};
use crate::content::discover::{self, Kind};
use crate::content::overlay::Overlays;
use crate::content::page::{self, Page};
use crate::content::text_language::StopWords;
use crate::content::toc::{self, Toc};
use crate::diagnostics::{Code, Diagnostic};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::Site;

/// Per page path, the stamp its file had (none for an editor's buffer, which is never kept)
/// and the page's own diagnostics. Filled only when loading with a cache.
pub(super) type Origins = rustc_hash::FxHashMap<String, (Option<Stamp>, Vec<Diagnostic>)>;

/// What `load_pages` gives: the pages in walk order, their diagnostics, their origins (when
/// caching) and the paths of the pages taken unchanged from the cache.
#[allow(
    clippy::vec_box,
    reason = "a page is large; boxed, it moves as a pointer"
)]
pub(super) struct Pages {
    pub pages: Vec<Box<Page>>,
    pub diagnostics: Vec<Diagnostic>,
    pub origins: Origins,
    pub from_cache: HashSet<String>,
}

pub(super) fn read(
    rel: &str,
    path: &Path,
    overlays: &Overlays,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::source::SourceFile> {
    if let Some(text) = overlays.get(rel) {
        let bytes = text.as_bytes().to_vec();
        return Some(page::decode(rel, path.to_path_buf(), bytes, diags));
    }
    match std::fs::read(path) {
        Ok(bytes) => Some(page::decode(rel, path.to_path_buf(), bytes, diags)),
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::UnreadablePath,
                rel,
                format!("cannot read: {e}"),
            ));
            None
        }
    }
}

/// Reads one page and runs its page rules; `None` (with the finding) when it cannot be read.
pub(super) fn load_page(
    config: &Config,
    stops: &StopWords,
    (rel, path): (&str, &Path),
    overlays: &Overlays,
    diags: &mut Vec<Diagnostic>,
) -> Option<Page> {
    read(rel, path, overlays, diags).map(|file| {
        let locale = discover::page_locale(config, rel);
        let mut page = page::load((config, stops), file, locale, diags);
        diags.extend(crate::rules::page::check(config, &mut page));
        page
    })
}

/// Reads and analyzes every page in parallel (or takes it from `cache`); the result keeps the
/// walk's order.
pub(super) fn load_pages(
    config: &Config,
    entries: &[discover::Entry],
    cache: Option<&mut PageCache>,
    overlays: &Overlays,
) -> Pages {
    let entries: Vec<&discover::Entry> = entries.iter().filter(|e| e.kind == Kind::Page).collect();
    let caching = cache.is_some();
    // Built only when a page is read (not when every page comes from the cache).
    let stops = std::sync::OnceLock::new();
    let stamps: Vec<Option<Stamp>> = match &cache {
        // A buffer has no stamp: it is read every time and never kept.
        Some(cache) => entries
            .iter()
            .map(|e| {
                if overlays.contains(&e.rel) {
                    None
                } else if cache.files_unchanged {
                    cache.stamp_of(&e.rel).or_else(|| cache::stamp(&e.path))
                } else {
                    cache::stamp(&e.path)
                }
            })
            .collect(),
        None => vec![None; entries.len()],
    };
    let mut reused: Vec<Option<(Box<Page>, Vec<Diagnostic>)>> = match cache {
        Some(cache) => entries
            .iter()
            .zip(&stamps)
            .map(|(e, s)| s.and_then(|s| cache.take(&e.rel, s)))
            .collect(),
        None => entries.iter().map(|_| None).collect(),
    };
    let from_cache: HashSet<String> = entries
        .iter()
        .zip(&reused)
        .filter(|(_, r)| r.is_some())
        .map(|(e, _)| e.rel.clone())
        .collect();
    let loaded: Vec<(Option<Box<Page>>, Vec<Diagnostic>)> = entries
        .par_iter()
        .zip(reused.par_iter_mut())
        .map(|(entry, reused)| {
            if let Some((page, diags)) = reused.take() {
                return (Some(page), diags);
            }
            let mut diags = Vec::new();
            let stops = stops.get_or_init(|| StopWords::new(config));
            let at = (entry.rel.as_str(), entry.path.as_path());
            let page = load_page(config, stops, at, overlays, &mut diags).map(Box::new);
            (page, diags)
        })
        .collect();
    let mut out = Pages {
        pages: Vec::with_capacity(loaded.len()),
        diagnostics: Vec::new(),
        origins: Origins::default(),
        from_cache,
    };
    for ((page, page_diags), stamp) in loaded.into_iter().zip(stamps) {
        out.diagnostics.extend(page_diags.iter().cloned());
        if let (Some(page), true) = (&page, caching) {
            out.origins
                .insert(page.file.rel.clone(), (stamp, page_diags));
        }
        out.pages.extend(page);
    }
    out
}

/// The load's steps after the pages are read: pages and tocs added to the site.
impl Site {
    #[allow(
        clippy::vec_box,
        reason = "a page is large; boxed, it moves as a pointer"
    )]
    pub(super) fn add_pages(&mut self, pages: Vec<Box<Page>>, diags: &mut Vec<Diagnostic>) {
        let mut outputs: HashMap<String, String> = HashMap::new();
        for page in pages {
            if let Some(first) = outputs.get(&page.locale.out_rel) {
                diags.push(Diagnostic::new(
                    Code::DuplicateOutput,
                    &page.file.rel,
                    format!(
                        "`{}` would overwrite `{first}` at `{}`; not built",
                        page.file.rel, page.locale.out_rel
                    ),
                ));
                continue;
            }
            outputs.insert(page.locale.out_rel.clone(), page.file.rel.clone());
            self.pages.push(*page);
        }
    }

    fn toc_language(&self, rel: &str) -> usize {
        match discover::folder_language(&self.config, rel) {
            (Some(lang), _) => lang,
            (None, _) => self.config.default_language_index(),
        }
    }

    /// The toc of each language that is its navigation: the shallowest (the root `toc.yml`
    /// over `articles/toc.yml` and `api/toc.yml`, as in DocFX projects), then the first in path
    /// order. The others are read as tocs that entries may name.
    pub(super) fn navigation_tocs<'e>(&self, entries: &'e [discover::Entry]) -> Vec<&'e str> {
        let mut best: HashMap<usize, &str> = HashMap::new();
        let depth = |rel: &str| rel.matches('/').count();
        for e in entries.iter().filter(|e| e.kind == Kind::Toc) {
            let slot = best.entry(self.toc_language(&e.rel)).or_insert(&e.rel);
            if depth(&e.rel) < depth(slot) {
                *slot = &e.rel;
            }
        }
        best.into_values().collect()
    }

    pub(super) fn add_toc(
        &mut self,
        entry: &discover::Entry,
        navigation: bool,
        overlays: &Overlays,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(file) = read(&entry.rel, &entry.path, overlays, diags) else {
            return;
        };
        let lang = self.toc_language(&entry.rel);
        let items = toc::parse(&file, diags);
        let toc = Toc { lang, file, items };
        match navigation {
            true => self.tocs.push(toc),
            false => self.nested_tocs.push(toc),
        }
    }
}
