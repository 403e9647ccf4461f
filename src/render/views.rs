//! What templates see: borrowed, serializable views built per render, so the model can change
//! without breaking themes. Every URL here is relative to the page being rendered, so the site
//! works from `file://` and under any sub-path. The theme's variables are documented in docs/themes.md.

use crate::nav::{LangNav, SideNode};
use crate::paths;
use crate::playbook::{RefreshRow, Step};
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    /// The language site being rendered.
    pub lang: &'a str,
    pub lang_name: &'a str,
    /// Relative prefix from the current file to the output root (`../`).
    pub root: String,
    /// Relative URL of this language's home and task index.
    pub home: String,
    pub tasks: String,
    /// Relative URL of this language's search page; empty when search is off.
    pub search: String,
    /// Relative URL of this language's Atom feed and "What's new" page.
    pub feed: String,
    pub whats_new: String,
    /// Relative URL of the translation dashboard at the root; empty for a site of one
    /// language, which has none.
    pub status: String,
    /// The search page's stemmer script, relative (empty when the language has none).
    pub stemmer: String,
    /// Relative URL of this language's print document; empty when it has none.
    pub print: String,
    /// The site's phases in lifecycle order, named in this language (the task index's
    /// phase filter).
    pub phases: Vec<crate::nav::task_index::PhaseRef>,
    /// The theme's words in this language (see `render::ui`).
    pub ui: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
pub struct LinkView {
    pub title: String,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct Alternate<'a> {
    pub lang: &'a str,
    pub name: &'a str,
    /// Relative link to the same page in that language, or to its home when missing.
    pub href: String,
    /// Absolute URL (base_url + path), for `<link rel="alternate" hreflang>`.
    pub url: String,
    pub available: bool,
    pub current: bool,
    /// "Choose your language" in that language (the root chooser's heading).
    pub choose: &'a str,
    /// The page in that language has the same sections (levels 2 and 3, in order) as this
    /// one: the switcher can take the reader to the same section.
    pub same_sections: bool,
}

#[derive(Serialize)]
pub struct SideView {
    pub title: String,
    pub href: Option<String>,
    pub external: bool,
    pub current: bool,
    pub open: bool,
    pub hidden_before: usize,
    pub hidden_after: usize,
    /// Links to the nearest hidden entries' first pages: "… N more" leads there, where the
    /// window shows them.
    pub hidden_before_href: Option<String>,
    pub hidden_after_href: Option<String>,
    pub children: Vec<SideView>,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub site: SiteView<'a>,
    pub title: &'a str,
    pub description: &'a str,
    /// The page's first heading when the body starts with its `<h1>`: the template writes it
    /// before the page's notices and "On this page", so a phone's first screen shows it.
    pub heading: &'a str,
    /// The body after that heading.
    pub content: &'a str,
    /// The language the page is written in (differs from `site.lang` for untranslated copies).
    pub content_lang: &'a str,
    pub content_lang_name: &'a str,
    pub untranslated: bool,
    /// For an untranslated copy: the page's translation in this language, when there is one.
    pub translation: Option<LinkView>,
    /// The newest of `ms.date` and the refresh-summary dates, in the language's format, and
    /// as `YYYY-MM-DD` for `<time datetime>`.
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    /// A translation older than its source page: the source page and both dates.
    pub stale: Option<StaleView>,
    /// The site's phases in lifecycle order, this page's marked (empty without a phase).
    pub lifecycle: Vec<PhaseView>,
    /// The page's headings (levels 2 and 3), steps marked with their role and applies-to.
    pub outline: Vec<OutlineEntry<'a>>,
    pub edit_url: Option<String>,
    /// "Report a problem": site.toml's `issue_url` with the page's path, title and address.
    pub report_url: Option<String>,
    pub phase: Option<&'a str>,
    pub phase_id: Option<&'a str>,
    pub steps: &'a [Step],
    pub task_count: usize,
    pub refresh: &'a [RefreshRow],
    pub meta: BTreeMap<&'a str, &'a str>,
    pub source: &'a str,
    pub url: String,
    pub breadcrumbs: Vec<LinkView>,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    pub nav: Vec<SideView>,
    pub alternates: Vec<Alternate<'a>>,
}

#[derive(Serialize)]
pub struct PhaseView {
    pub name: String,
    pub href: Option<String>,
    pub current: bool,
}

#[derive(Serialize)]
pub struct OutlineEntry<'a> {
    pub title: &'a str,
    pub anchor: &'a str,
    pub level: u8,
    pub role: Option<&'a str>,
    pub applies_to: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StaleView {
    pub source: LinkView,
    pub source_lang: String,
    pub source_date: String,
    pub own_date: String,
    /// The source's changes since the translation's date (`rules::page::refresh::changes`),
    /// newest first, at most [`STALE_LISTED`]; `more_changes` counts the rest.
    pub changes: Vec<StaleChange>,
    pub more_changes: usize,
}

/// How many of the source's changes a stale banner lists.
pub const STALE_LISTED: usize = 5;

#[derive(Serialize)]
pub struct StaleChange {
    pub date: String,
    pub what: String,
}

/// Text for a URL's query: every byte but the unreserved ones percent-encoded.
fn query_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Absolute URL of an output path.
pub fn absolute(site: &Site, out_rel: &str) -> String {
    let base = site.config.base_url.trim_end_matches('/');
    format!("{base}/{out_rel}")
}

/// The site view for a file at `out_rel` in language `lang`.
pub fn site_view<'a>(site: &'a Site, lang: usize, out_rel: &str) -> SiteView<'a> {
    let language = &site.config.languages[lang];
    let depth = out_rel.matches('/').count();
    SiteView {
        title: language.title.as_deref().unwrap_or(&site.config.title),
        lang: &language.code,
        lang_name: &language.name,
        root: "../".repeat(depth),
        home: paths::relative(out_rel, &home_rel(site, lang)),
        tasks: paths::relative(out_rel, &tasks_rel(site, lang)),
        search: match site.config.search.enabled {
            true => paths::relative(out_rel, &crate::search::page_rel(&site.config, lang)),
            false => String::new(),
        },
        feed: paths::relative(out_rel, &super::feed::feed_rel(site, lang)),
        whats_new: paths::relative(out_rel, &super::feed::page_rel(site, lang)),
        status: match site.config.languages.len() > 1 {
            true => paths::relative(out_rel, crate::status::HTML),
            false => String::new(),
        },
        print: match super::print::wanted(site, lang) {
            true => paths::relative(out_rel, &super::print::rel(site, lang)),
            false => String::new(),
        },
        stemmer: match crate::search::stemmer(&site.config, language).as_str() {
            "none" => String::new(),
            name => format!("{}static/search/stem/{name}.js", "../".repeat(depth)),
        },
        phases: (site.config.phases.iter())
            .map(|id| crate::nav::task_index::PhaseRef {
                id: id.clone(),
                name: site.config.phase_name(lang, id),
            })
            .collect(),
        ui: super::ui::strings(language),
    }
}

pub fn home_rel(site: &Site, lang: usize) -> String {
    format!("{}/index.html", site.config.languages[lang].code)
}

pub fn not_found_rel(site: &Site, lang: usize) -> String {
    format!("{}/404.html", site.config.languages[lang].code)
}

pub use crate::nav::task_index::rel as tasks_rel;

pub(super) fn page_link(site: &Site, from: &str, page: usize) -> LinkView {
    let p = &site.pages[page];
    LinkView {
        title: p.title.clone(),
        href: Some(paths::relative(from, &p.locale.out_rel)),
    }
}

pub fn alternates<'a>(
    site: &'a Site,
    page: Option<usize>,
    lang: usize,
    from: &str,
) -> Vec<Alternate<'a>> {
    // This page's sections, once, to compare with each translation's.
    let own = page.map(|p| (p, sections(site, p)));
    site.config
        .languages
        .iter()
        .enumerate()
        .map(|(l, language)| {
            let target = page.and_then(|p| site.translation(p, l));
            let same_sections = match (&own, target) {
                (Some((p, mine)), Some(t)) if *p != t => *mine == sections(site, t),
                _ => false,
            };
            let out = target.map_or_else(
                || home_rel(site, l),
                |t| site.pages[t].locale.out_rel.clone(),
            );
            Alternate {
                lang: &language.code,
                name: &language.name,
                href: paths::relative(from, &out),
                url: absolute(site, &out),
                available: target.is_some() || page.is_none(),
                current: l == lang,
                choose: super::ui::get(language, "choose_language"),
                same_sections,
            }
        })
        .collect()
}

/// The levels of a page's sections as "On this page" lists them (2 and 3, includes too).
fn sections(site: &Site, page: usize) -> Vec<u8> {
    let headings = site.includes.headings(&site.pages[page]);
    (headings.into_iter())
        .map(|(h, _)| h.level)
        .filter(|l| (2..=3).contains(l))
        .collect()
}

/// The link to an entry's page, else to the first page inside it (a group).
fn first_href(site: &Site, node: &crate::nav::NavNode, from: &str) -> Option<String> {
    fn first_page(node: &crate::nav::NavNode) -> Option<usize> {
        node.page
            .or_else(|| node.children.iter().find_map(first_page))
    }
    let page = first_page(node)?;
    Some(paths::relative(from, &site.pages[page].locale.out_rel))
}

pub fn sidebar(site: &Site, nav: &LangNav, page: Option<usize>, from: &str) -> Vec<SideView> {
    fn convert(site: &Site, node: &SideNode, from: &str) -> SideView {
        let href = match (node.node.page, &node.node.external) {
            (Some(p), _) => Some(paths::relative(from, &site.pages[p].locale.out_rel)),
            (None, Some(url)) => Some(url.clone()),
            (None, None) => None,
        };
        SideView {
            title: node.node.title.clone(),
            external: node.node.external.is_some(),
            href,
            current: node.current,
            open: node.open,
            hidden_before: node.hidden_before,
            hidden_after: node.hidden_after,
            hidden_before_href: node
                .hidden_next_before
                .and_then(|n| first_href(site, n, from)),
            hidden_after_href: node
                .hidden_next_after
                .and_then(|n| first_href(site, n, from)),

            children: node
                .children
                .iter()
                .map(|c| convert(site, c, from))
                .collect(),
        }
    }
    let window = site.config.nav.sibling_window;
    nav.sidebar(page, window)
        .iter()
        .map(|n| convert(site, n, from))
        .collect()
}

/// A body's leading `<h1>…</h1>` and the rest (an empty heading when it starts otherwise).
fn split_heading(content: &str) -> (&str, &str) {
    let trimmed = content.trim_start();
    if trimmed.starts_with("<h1") {
        if let Some(end) = trimmed.find("</h1>") {
            return trimmed.split_at(end + "</h1>".len());
        }
    }
    ("", content)
}

pub fn page_view<'a>(site: &'a Site, nav: &LangNav, page: usize, content: &'a str) -> PageView<'a> {
    let p = &site.pages[page];
    let (heading, content) = split_heading(content);
    let (lang, from) = (p.locale.site, p.locale.out_rel.as_str());
    let content_language = &site.config.languages[p.written_in()];
    let crumbs = nav.breadcrumbs(page);
    let breadcrumbs = crumbs
        .iter()
        .take(crumbs.len().saturating_sub(1))
        .map(|n| match n.page {
            Some(target) => page_link(site, from, target),
            None => LinkView {
                title: n.title.clone(),
                href: None,
            },
        })
        .collect();
    let (prev, next) = nav.prev_next(page);
    let untranslated = p.is_copy();
    let translation = site
        .translation(page, lang)
        .filter(|&t| untranslated && t != page)
        .map(|t| page_link(site, from, t));
    let newest = p.dates.newest;
    let language = &site.config.languages[lang];
    PageView {
        site: site_view(site, lang, from),
        title: &p.title,
        description: p.front.get("description").unwrap_or(""),
        heading,
        content,
        content_lang: &content_language.code,
        content_lang_name: &content_language.name,
        untranslated,
        translation,
        updated: newest.map(|d| super::ui::format_date(language, d)),
        updated_iso: newest.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        stale: super::chrome::stale(site, page, newest, from),
        lifecycle: super::chrome::lifecycle(site, nav, page, from),
        outline: super::chrome::outline(site, p),
        edit_url: site
            .config
            .edit_url
            .as_ref()
            .map(|u| u.replace("{path}", &paths::encode_href(&p.file.rel))),
        report_url: site.config.issue_url.as_ref().map(|u| {
            u.replace("{path}", &query_encode(&p.file.rel))
                .replace("{title}", &query_encode(&p.title))
                .replace(
                    "{url}",
                    &query_encode(&paths::encode_href(&absolute(site, &p.locale.out_rel))),
                )
        }),
        phase: p.playbook.phase.as_ref().map(|l| l.value.as_str()),
        phase_id: p.playbook.phase_id.as_deref(),
        steps: &p.playbook.steps,
        task_count: p.playbook.tasks.len(),
        refresh: &p.playbook.refresh,
        meta: p
            .front
            .fields
            .iter()
            .map(|(k, f)| (k.as_str(), f.value.as_str()))
            .collect(),
        source: &p.file.rel,
        url: absolute(site, from),
        breadcrumbs,
        prev: prev.map(|t| page_link(site, from, t)),
        next: next.map(|t| page_link(site, from, t)),
        nav: sidebar(site, nav, Some(page), from),
        alternates: alternates(site, Some(page), lang, from),
    }
}

#[cfg(test)]
mod tests {
    use super::split_heading;

    #[test]
    fn the_leading_heading_is_split_from_the_body() {
        let body = "\n<h1 id=\"t\">Title <a class=\"anchor\" href=\"#t\">#</a></h1>\n<p>Text</p>\n";
        let (heading, rest) = split_heading(body);
        assert_eq!(
            heading,
            "<h1 id=\"t\">Title <a class=\"anchor\" href=\"#t\">#</a></h1>"
        );
        assert_eq!(rest, "\n<p>Text</p>\n");
        assert_eq!(split_heading("<p>No title</p>"), ("", "<p>No title</p>"));
        assert_eq!(split_heading("<h1>unclosed"), ("", "<h1>unclosed"));
    }
}
