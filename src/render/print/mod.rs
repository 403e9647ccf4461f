//! Each language's whole playbook as one document (`<code>/print.html`, the theme's
//! `print.html`), to print or to save as PDF (`build --pdf`): a cover, a table of contents in
//! navigation order, then every page of the navigation in that order, its ids and links made
//! in-document (`anchors`). The bodies are the ones the pages were rendered with.

mod anchors;
pub mod pdf;

use super::{ui, views, Sink, Theme, BODY_PLACEHOLDER};
use crate::nav::{LangNav, NavNode};
use crate::site::Site;
use anyhow::{bail, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// A toc deeper than this is drawn at this depth (a 20-deep toc still fits a phone).
const DEEPEST: usize = 6;

/// The print document's output path.
pub fn rel(site: &Site, lang: usize) -> String {
    format!("{}/print.html", site.config.languages[lang].code)
}

/// Whether the language gets a print document: `[print]` on, and at most `max_pages`
/// published pages.
pub fn wanted(site: &Site, lang: usize) -> bool {
    let print = &site.config.print;
    print.enabled && (1..=print.max_pages).contains(&site.published_count(lang))
}

#[derive(Serialize)]
struct PrintView<'a> {
    site: views::SiteView<'a>,
    /// The newest date of the pages, in the language's format.
    updated: Option<String>,
    toc: Vec<TocEntry>,
    pages: Vec<PrintPage>,
}

#[derive(Serialize)]
struct TocEntry {
    title: String,
    /// `#p3`, or none for a group without a page of its own.
    href: Option<String>,
    /// 0 for the toc's roots, at most `DEEPEST`.
    depth: usize,
}

#[derive(Serialize)]
struct PrintPage {
    id: String,
    title: String,
    /// `BODY_PLACEHOLDER`: the bodies are written in its place, in order, not given to Tera
    /// (a print document holds every page; Tera would copy it twice more).
    content: &'static str,
    /// The body has its own level-1 heading (else the template writes the title).
    has_h1: bool,
    /// The language the text is written in, when it is not the document's.
    lang: Option<String>,
}

/// Writes the print document of `lang` into `sink`, with `body` giving each page's rendered
/// body; returns whether it wrote one (none when the language gets none, or the theme has
/// no `print.html`).
pub fn write<'b, S: Sink>(
    site: &Site,
    nav: &LangNav,
    theme: &Theme,
    lang: usize,
    body: &(dyn Fn(usize) -> Option<&'b str> + Sync),
    sink: &S,
) -> Result<bool> {
    if !wanted(site, lang) || !theme.has("print.html") {
        return Ok(false);
    }
    let rel = rel(site, lang);
    let order: Vec<usize> = (nav.order.iter().copied())
        .filter(|&p| site.superseded_by(p).is_none())
        .collect();
    let places: HashMap<&str, usize> = (order.iter().enumerate())
        .map(|(n, &p)| (site.pages[p].locale.out_rel.as_str(), n))
        .collect();
    let anchors = anchors::Anchors {
        places: &places,
        print_rel: &rel,
    };
    let language = &site.config.languages[lang];
    let bodies: Vec<String> = (order.par_iter().enumerate())
        .map(|(n, &p)| {
            let page = &site.pages[p];
            let html = body(p).unwrap_or_default();
            anchors.rewrite(html, n, &page.locale.out_rel, &page.title)
        })
        .collect();
    let pages = (order.iter().enumerate())
        .map(|(n, &p)| {
            let page = &site.pages[p];
            let written = &site.config.languages[page.written_in()].code;
            PrintPage {
                id: format!("p{n}"),
                title: page.title.clone(),
                content: BODY_PLACEHOLDER,
                has_h1: page.analysis.headings.iter().any(|h| h.level == 1),
                lang: (*written != language.code).then(|| written.clone()),
            }
        })
        .collect();
    let mut toc = Vec::new();
    for node in &nav.roots {
        entries(node, 0, &places, site, &mut toc);
    }
    let view = PrintView {
        site: views::site_view(site, lang, &rel),
        updated: (order.iter())
            .filter_map(|&p| site.pages[p].dates.newest)
            .max()
            .map(|d| ui::format_date(language, d)),
        toc,
        pages,
    };
    let html = theme.render("print.html", view, &rel)?;
    let pieces: Vec<&str> = html.split(BODY_PLACEHOLDER).collect();
    if pieces.len() != bodies.len() + 1 {
        bail!(
            "template `print.html` must write each page's `content` once, as it is ({} pages, {} written)",
            bodies.len(),
            pieces.len() - 1
        );
    }
    let mut parts = Vec::with_capacity(pieces.len() * 2);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            parts.push(bodies[i - 1].as_str());
        }
        parts.push(piece);
    }
    sink.make_dirs(&[rel.as_str()])?;
    sink.write_parts(&rel, &parts)?;
    Ok(true)
}

/// The toc entries of `node` and its children, depth-first; a group with nothing under it
/// that the document holds is left out.
fn entries(
    node: &NavNode,
    depth: usize,
    places: &HashMap<&str, usize>,
    site: &Site,
    out: &mut Vec<TocEntry>,
) {
    let href = (node.page)
        .and_then(|p| places.get(site.pages[p].locale.out_rel.as_str()))
        .map(|&n| anchors::anchor(n, ""));
    let at = out.len();
    for child in &node.children {
        entries(child, depth + 1, places, site, out);
    }
    if href.is_some() || out.len() > at {
        out.insert(
            at,
            TocEntry {
                title: node.title.clone(),
                href,
                depth: depth.min(DEEPEST),
            },
        );
    }
}
