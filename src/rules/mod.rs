//! The rules: what is checked once the site is loaded. The site holds data (pages, assets,
//! tocs, indexes); this layer reads it, resolves every link into `Site::links` (which the
//! renderer needs) and reports what the rules find. Navigation and orphans come after it, in
//! `crate::analyze`, because they need the navigation tree.

pub(crate) mod i18n;
pub mod includes;
pub mod links;
pub(crate) mod orphans;
pub mod page;
pub(crate) mod pivots;
pub mod redirects;
pub(crate) mod tasks;
pub(crate) mod translations;

use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// Resolves the links of every page (kept in `site.links`; unchanged pages' from `memo`) and runs the site-wide rules:
/// languages, tasks, refresh dates, translations. Findings located inside an
/// unresolved merge conflict are dropped (the conflict is the one finding there).
/// `broken-snippet`: a snippet directive whose code cannot be shown, at the directive.
fn snippets(site: &Site) -> Vec<Diagnostic> {
    let files = site.pages.iter().chain(&site.includes.files);
    let mut diags = Vec::new();
    for file in files {
        let Some(loaded) = site.snippets.get(&file.file.rel) else {
            continue;
        };
        for (s, why) in file.analysis.snippets.iter().zip(loaded) {
            if let Err(why) = why {
                let message = format!("snippet `{}` cannot be shown: {why}", s.path);
                let f = &file.file;
                diags.push(
                    Diagnostic::new(crate::diagnostics::Code::BrokenSnippet, &f.rel, message)
                        .at(s.span, f.position(s.span.start)),
                );
            }
        }
    }
    diags
}

pub fn run(site: &mut Site, diags: &mut Vec<Diagnostic>, memo: Option<&mut links::memo::LinkMemo>) {
    let previous = std::mem::take(&mut site.links);
    let (links, link_diags) = links::resolve_pages(site, memo, previous);
    site.links = links;
    diags.extend(link_diags);
    let (include_links, include_diags) = links::resolve_includes(site);
    site.includes.links = include_links;
    diags.extend(include_diags);
    diags.extend(includes::check(site));
    diags.extend(links::xref::duplicates(site));
    let (pivots, unreadable) = crate::site::pivots::load(&site.config);
    site.pivots = pivots;
    diags.extend(unreadable);
    diags.extend(pivots::check(site));
    site.snippets =
        crate::site::snippets::load(&site.config, site.pages.iter().chain(&site.includes.files));
    diags.extend(snippets(site));
    let (redirects, redirect_diags) = redirects::resolve(site);
    site.redirects = redirects;
    diags.extend(redirect_diags);
    diags.extend(i18n::diagnostics(site));
    diags.extend(tasks::check(site));
    diags.extend(translations::check(site));
    let conflicts: Vec<(String, crate::source::Span)> = site
        .pages
        .iter()
        .flat_map(|p| p.conflicts.iter().map(|c| (p.file.rel.clone(), *c)))
        .collect();
    crate::conflicts::drop_inside(diags, &conflicts);
}
