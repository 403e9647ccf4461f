//! A loaded site patched after an editor changed the text of some of its pages (`lsp`
//! keystrokes): those pages are read again in place and everything else the load built is
//! kept, which is what a full load would give as long as the edit cannot reach past those
//! pages. When it can, the patch is refused and the caller loads the site again.

use super::{load, Site};
use crate::content::cache;
use crate::content::overlay::Overlays;
use crate::content::page::Page;
use crate::content::text_language::StopWords;
use crate::diagnostics::Diagnostic;

impl Site {
    /// Reads the pages at `rels` again (their text from `overlays`, else from disk) with their
    /// page rules, in place. `false`, and the site unchanged, when the result could differ
    /// from a full load: the site was loaded without a cache, a path is not one of its pages
    /// or cannot be read, a page names include files (before or after the edit), or the edit
    /// changed its uid or whether it is an untranslated copy (what the indexes and the
    /// published pages are built from).
    pub fn patch_pages(&mut self, rels: &[String], overlays: &Overlays) -> bool {
        if self.loaded.is_none() {
            return false;
        }
        let stops = StopWords::new(&self.config);
        let mut fresh = Vec::with_capacity(rels.len());
        for rel in rels {
            let Some(&i) = self.index.page_by_rel.get(rel) else {
                return false;
            };
            let old = &self.pages[i];
            let mut diags = Vec::new();
            let at = (rel.as_str(), old.file.path.as_path());
            let Some(page) = load::load_page(&self.config, &stops, at, overlays, &mut diags) else {
                return false;
            };
            if !same_place(old, &page) {
                return false;
            }
            fresh.push((i, page, diags));
        }
        // Every other page is as the previous analysis saw it.
        self.reused.iter_mut().for_each(|r| *r = true);
        for (i, page, diags) in fresh {
            self.replace(i, page, diags, overlays);
        }
        true
    }

    /// Puts `page` in place of page `i`, with its own diagnostics in place of the old page's.
    fn replace(&mut self, i: usize, page: Page, diags: Vec<Diagnostic>, overlays: &Overlays) {
        let rel = page.file.rel.clone();
        let stamp = match overlays.contains(&rel) {
            true => None,
            false => cache::stamp(&page.file.path),
        };
        let old = self.origins.insert(rel, (stamp, diags.clone()));
        if let Some(loaded) = self.loaded.as_mut() {
            if let Some((_, old)) = old {
                remove_each(loaded, &old);
            }
            loaded.extend(diags);
        }
        self.pages[i] = page;
        if let Some(r) = self.reused.get_mut(i) {
            *r = false;
        }
    }

    /// Every diagnostic the load found, as patched: what `load_cached` would give now.
    pub fn load_diagnostics(&self) -> Vec<Diagnostic> {
        self.loaded.clone().unwrap_or_default()
    }
}

/// The edit leaves the page where the indexes put it: no include files named, the same uid,
/// an untranslated copy still or not still.
fn same_place(old: &Page, new: &Page) -> bool {
    old.analysis.includes.is_empty()
        && new.analysis.includes.is_empty()
        && old.uid() == new.uid()
        && old.is_copy() == new.is_copy()
}

/// Removes one occurrence of each of `gone` from `all` (a page's old diagnostics from the
/// load's: others equal to them, found by another step, stay).
fn remove_each(all: &mut Vec<Diagnostic>, gone: &[Diagnostic]) {
    let mut left: Vec<&Diagnostic> = gone.iter().collect();
    all.retain(|d| match left.iter().position(|g| *g == d) {
        Some(at) => {
            left.swap_remove(at);
            false
        }
        None => true,
    });
}
