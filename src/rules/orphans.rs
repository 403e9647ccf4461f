//! Pages that nothing reaches: no toc entry (the navigation places them by phase, but an
//! editor should list them) and no link from another page.

use crate::diagnostics::{Code, Diagnostic};
use crate::nav::LangNav;
use crate::rules::links::Target;
use crate::site::Site;

pub fn check(site: &Site, navs: &[LangNav]) -> Vec<Diagnostic> {
    let mut reached = vec![false; site.pages.len()];
    for nav in navs {
        for &page in &nav.listed {
            reached[page] = true;
        }
    }
    for (from, targets) in site.links.iter().enumerate() {
        for target in targets {
            if let Target::Page { page, .. } = target {
                if *page != from {
                    reached[*page] = true;
                }
            }
        }
    }
    // An untranslated copy whose translation is published is superseded by it: links and
    // the navigation lead to the translation, and the copy's notice does too.
    let superseded = |i: usize| {
        crate::rules::links::translation_of_copy(site, site.pages[i].locale.site, i).is_some()
    };
    site.pages
        .iter()
        .zip(reached)
        .enumerate()
        .filter(|(i, (page, reached))| {
            !reached && page.locale.key.rsplit('/').next() != Some("index") && !superseded(*i)
        })
        .map(|(_, pair)| pair)
        .map(|(page, _)| {
            Diagnostic::new(
                Code::OrphanPage,
                &page.file.rel,
                "no toc entry and no other page links to this page",
            )
            .help("add it to the language's toc.yml or link it from a related page; until then the navigation places it by its phase")
        })
        .collect()
}
