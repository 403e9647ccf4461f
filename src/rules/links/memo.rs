//! Link resolutions kept from one analysis to the next (`serve` rebuilds, `lsp` keystrokes).
//! A page that came unchanged from the page cache keeps its links' targets and findings as
//! long as nothing they depend on changed: the site's shape, that is every page's path,
//! languages, translation key and anchors, every asset's path, and the include files' headings. Debug builds (every test)
//! resolve everything again and check that the kept results are the same.

use super::Target;
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// One page's link targets (in link order) and link findings.
pub type Resolved = (Vec<Target>, Vec<Diagnostic>);

#[derive(Debug, Default)]
pub struct LinkMemo {
    shape: u64,
    per_page: HashMap<String, Resolved>,
}

impl LinkMemo {
    /// The kept results of `rel`, if the site has the shape they were made for.
    pub(super) fn get(&self, shape: u64, rel: &str) -> Option<&Resolved> {
        (self.shape == shape)
            .then(|| self.per_page.get(rel))
            .flatten()
    }

    /// Keeps this analysis's results. With the same shape (the same pages) only the pages
    /// resolved afresh are written; otherwise everything is.
    pub(super) fn keep(&mut self, shape: u64, site: &Site, resolved: &[Resolved]) {
        let same = self.shape == shape && self.per_page.len() == site.pages.len();
        if !same {
            self.per_page.clear();
        }
        self.shape = shape;
        for (i, (page, r)) in site.pages.iter().zip(resolved).enumerate() {
            if !(same && site.is_reused(i)) {
                self.per_page.insert(page.file.rel.clone(), r.clone());
            }
        }
    }

    pub fn clear(&mut self) {
        *self = LinkMemo::default();
    }
}

/// What link resolution reads of the site besides the linking page itself.
pub(super) fn shape(site: &Site) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for page in &site.pages {
        page.link_shape.hash(&mut h);
    }
    for asset in &site.assets {
        asset.rel.hash(&mut h);
    }
    // Includes bring headings (anchors) into the pages that insert them.
    for inc in &site.includes.files {
        inc.file.rel.hash(&mut h);
        for heading in &inc.analysis.headings {
            heading.id.hash(&mut h);
        }
    }
    h.finish()
}
