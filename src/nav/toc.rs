//! A language's navigation tree from a `toc.yml`: its own when most of its entries lead to the
//! language's pages, else the default language's toc with each page replaced by its
//! translation. A toc that mostly does not resolve (another site's, a stale copy) is reported
//! once, not entry by entry.

use super::NavNode;
use crate::content::toc::{Toc, TocItem};
use crate::diagnostics::{Code, Diagnostic};
use crate::rules::links::{self, Target};
use crate::site::Site;
use std::collections::BTreeSet;

/// How a toc's entries become this language's pages.
#[derive(Clone, Copy)]
pub enum Mapping {
    /// The language's own toc: entries are its pages.
    Own,
    /// Another language's toc: each entry's page stands for its translation into this one.
    Translate { into: usize },
}

/// A tree from a toc, with the problems of its entries (for the toc's own language only) and
/// how many of its page entries lead to a page of the language.
pub struct FromToc {
    pub roots: Vec<NavNode>,
    pub diags: Vec<Diagnostic>,
    pub pages: usize,
    pub resolved: usize,
    /// How many tocs deep the entry being read is (named tocs nest).
    depth: usize,
}

pub fn tree(site: &Site, toc: &Toc, mapping: Mapping) -> FromToc {
    let mut out = FromToc {
        roots: Vec::new(),
        diags: Vec::new(),
        pages: 0,
        resolved: 0,
        depth: 0,
    };
    out.roots = toc
        .items
        .iter()
        .map(|item| node(site, toc, mapping, item, &mut out))
        .collect();
    out
}

/// Whether a toc is to be trusted: at least half of its page entries resolve.
pub fn trusted(t: &FromToc) -> bool {
    t.resolved * 2 >= t.pages
}

/// The one diagnostic for a toc that is not used, and why.
pub fn not_used(site: &Site, toc: &Toc, t: &FromToc, fallback: &str) -> Diagnostic {
    let lang = &site.config.languages[toc.lang].name;
    Diagnostic::new(
        Code::TocNotUsed,
        &toc.file.rel,
        format!(
            "only {} of {} entries of this toc lead to {lang} pages; the {lang} navigation is built {fallback}",
            t.resolved, t.pages
        ),
    )
    .help(format!(
        "point the entries at this language's pages (`page{}.md`), or delete the file",
        site.config.languages[toc.lang].suffix
    ))
}

fn node(site: &Site, toc: &Toc, mapping: Mapping, item: &TocItem, out: &mut FromToc) -> NavNode {
    let mut node = NavNode {
        title: item.name.clone(),
        page: None,
        external: None,
        children: Vec::new(),
    };
    if let Some(nested) = item.href.as_deref().and_then(|h| named_toc(site, toc, h)) {
        return from_named(site, toc, nested, mapping, item, node, out);
    }
    if let Some(href) = item.href.as_deref().filter(|h| !h.trim().is_empty()) {
        let res = links::resolve(site, &toc.file.rel, toc.lang, href);
        let internal = !matches!(
            res.target,
            Target::External | Target::Mailto(_) | Target::Web(_)
        );
        if let (Some(problem), Mapping::Own) = (&res.problem, mapping) {
            out.diags.push(links::diagnostic(
                &toc.file,
                item.href_span,
                href,
                false,
                problem,
                true,
            ));
        }
        if internal {
            out.pages += 1;
        }
        match (res.target, mapping) {
            (Target::Page { page, .. }, Mapping::Own) => {
                // Another language's page stands for its translation here, if there is one.
                node.page = if site.pages[page].locale.site == toc.lang {
                    out.resolved += 1;
                    // An untranslated copy stands for its translation when there is one.
                    Some(links::translation_of_copy(site, toc.lang, page).unwrap_or(page))
                } else {
                    let own = site.translation(page, toc.lang);
                    out.diags.push(other_language(site, toc, item, href, own));
                    own
                };
            }
            (Target::Page { page, .. }, Mapping::Translate { into }) => {
                node.page = site.translation(page, into);
                out.resolved += usize::from(node.page.is_some());
            }
            (Target::External, _) => node.external = Some(href.to_string()),
            (Target::Web(url), _) => node.external = Some(url),
            (Target::Mailto(address), _) => node.external = Some(format!("mailto:{address}")),
            (Target::Asset(_) | Target::Broken | Target::Plain, _) => {}
        }
        // toc names are often English in every locale; the page's own H1 is localized.
        if let Some(page) = node.page {
            node.title = site.pages[page].title.clone();
        }
    }
    node.children = item
        .items
        .iter()
        .map(|child| self::node(site, toc, mapping, child, out))
        .collect();
    node
}

/// The toc an entry's `href` names, DocFX's way: a folder (`articles/`, its toc.yml) or a toc
/// file (`articles/toc.yml`); never the toc itself.
fn named_toc<'s>(site: &'s Site, toc: &Toc, href: &str) -> Option<&'s Toc> {
    let href = href.trim();
    let name = href.rsplit('/').next().unwrap_or(href).to_ascii_lowercase();
    let path = crate::paths::join(crate::paths::dir_of(&toc.file.rel), href)?;
    let candidates = match (href.ends_with('/'), name.as_str()) {
        (true, _) => vec![format!("{path}/toc.yml"), format!("{path}/toc.yaml")],
        (false, "toc.yml" | "toc.yaml") => vec![path],
        _ => return None,
    };
    let candidates: Vec<String> = candidates
        .into_iter()
        .map(|c| c.trim_start_matches('/').to_string())
        .collect();
    site.nested_tocs
        .iter()
        .find(|t| candidates.contains(&t.file.rel) && t.file.rel != toc.file.rel)
}

/// An entry whose `href` names another toc: that toc's entries are its children (resolved
/// from that file), its `homepage` its page. Tocs nest at most 8 deep.
fn from_named(
    site: &Site,
    toc: &Toc,
    nested: &Toc,
    mapping: Mapping,
    item: &TocItem,
    mut node: NavNode,
    out: &mut FromToc,
) -> NavNode {
    if let Some(home) = &item.homepage {
        let page = TocItem {
            name: item.name.clone(),
            href: Some(home.clone()),
            href_span: item.href_span,
            homepage: None,
            items: Vec::new(),
        };
        let home = self::node(site, toc, mapping, &page, out);
        node.page = home.page;
        node.external = home.external;
    }
    out.depth += 1;
    if out.depth <= 8 {
        let children = nested.items.iter();
        node.children = children
            .map(|c| self::node(site, nested, mapping, c, out))
            .collect();
    }
    out.depth -= 1;
    node
}

/// The names of a toc's groups (entries without an `href`).
pub fn group_names(toc: &Toc) -> BTreeSet<String> {
    fn walk(items: &[TocItem], out: &mut BTreeSet<String>) {
        for item in items {
            if item.href.is_none() {
                out.insert(item.name.clone());
            }
            walk(&item.items, out);
        }
    }
    let mut out = BTreeSet::new();
    walk(&toc.items, &mut out);
    out
}

/// Names the groups of `roots` (entries without a page or link) in `lang` through its
/// `toc_names`; in a language other than the default, a name it leaves untranslated is a note
/// (once per name), so that no interface word of another language goes unnoticed. With
/// `copied` (the default toc's group names, for a language's own toc), only those count as
/// untranslated: other names are the language's own.
pub fn name_groups(
    site: &Site,
    lang: usize,
    toc: &Toc,
    copied: Option<&BTreeSet<String>>,
    roots: &mut [NavNode],
    diags: &mut Vec<Diagnostic>,
) {
    let toc_rel = &toc.file.rel;
    let language = &site.config.languages[lang];
    let check = lang != site.config.default_language_index();
    let mut missing = BTreeSet::new();
    rename(roots, &language.toc_names, &mut missing);
    let untranslated = |name: &String| copied.is_none_or(|c| c.contains(name));
    for name in missing.into_iter().filter(|n| check && untranslated(n)) {
        diags.push(
            Diagnostic::new(
                Code::TocNameUntranslated,
                toc_rel,
                format!("the toc group `{name}` has no {} name", language.name),
            )
            .help(format!(
                "add `\"{name}\" = \"...\"` under `[languages.toc_names]` of `{}` in site.toml",
                language.code
            )),
        );
    }
}

fn rename(
    nodes: &mut [NavNode],
    names: &std::collections::BTreeMap<String, String>,
    missing: &mut BTreeSet<String>,
) {
    for node in nodes {
        if node.page.is_none() && node.external.is_none() {
            match names.get(&node.title) {
                Some(name) => node.title = name.clone(),
                None => {
                    missing.insert(node.title.clone());
                }
            }
        }
        rename(&mut node.children, names, missing);
    }
}

/// A toc entry of one language that names another language's page.
fn other_language(
    site: &Site,
    toc: &Toc,
    item: &TocItem,
    href: &str,
    own: Option<usize>,
) -> Diagnostic {
    let d = Diagnostic::new(
        Code::WrongLanguageLink,
        &toc.file.rel,
        format!(
            "`{href}` is another language's page in the {} toc",
            site.config.languages[toc.lang].name
        ),
    )
    .at(item.href_span, toc.file.position(item.href_span.start));
    match own {
        Some(page) => {
            let better = crate::paths::relative(&toc.file.rel, &site.pages[page].file.rel);
            d.help(format!("link `{better}`; the navigation uses it already"))
                .suggest(better)
        }
        None => d.help("this language has no translation of it; the entry is left out"),
    }
}
