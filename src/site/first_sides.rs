//! Pages with an unresolved merge conflict, as readers get them: each conflict's first side
//! (`conflicts::first_sides`), analyzed again, its links mapped to the targets the rules
//! resolved. Swapped in only while rendering: the diagnostics, the caches `serve` keeps and
//! the language server read the file as written, where their positions are.

use super::{Site, Target};
use crate::conflicts::{self, Kept};
use crate::content::page::{self, Page};
use std::collections::HashMap;

impl Site {
    /// Runs `render` with every conflicted page replaced by its first side, then puts the
    /// pages as written back.
    pub fn with_first_sides<T>(&mut self, render: impl FnOnce(&Site) -> T) -> T {
        let conflicted: Vec<usize> = (0..self.pages.len())
            .filter(|&i| !self.pages[i].conflicts.is_empty())
            .collect();
        let mut written = Vec::with_capacity(conflicted.len());
        for &i in &conflicted {
            let (page, links) = self.first_side(i);
            let page = std::mem::replace(&mut self.pages[i], page);
            let links = std::mem::replace(&mut self.links[i], links);
            written.push((i, page, links));
        }
        let out = render(self);
        for (i, page, links) in written {
            self.pages[i] = page;
            self.links[i] = links;
        }
        out
    }

    fn first_side(&self, i: usize) -> (Page, Vec<Target>) {
        let old = &self.pages[i];
        let (text, kept) = conflicts::first_sides(&old.file.text, &old.conflicts);
        let new = page::with_text(&self.config, old, text);
        let links = mapped_links(old, &self.links[i], &new, &kept);
        (new, links)
    }
}

/// The target of each link of `new`: the one its old self had, found by where it was in the
/// old text (a link the edit made, which cannot happen with whole lines kept, shows as
/// broken).
fn mapped_links(old: &Page, targets: &[Target], new: &Page, kept: &[Kept]) -> Vec<Target> {
    let by_start: HashMap<usize, usize> = old
        .analysis
        .links
        .iter()
        .enumerate()
        .map(|(n, l)| (l.span.start, n))
        .collect();
    new.analysis
        .links
        .iter()
        .map(|l| {
            conflicts::old_offset(kept, l.span.start)
                .and_then(|at| by_start.get(&at))
                .and_then(|&n| targets.get(n))
                .cloned()
                .unwrap_or(Target::Broken)
        })
        .collect()
}
