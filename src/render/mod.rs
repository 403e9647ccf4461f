//! The portal: every page through the theme's Tera templates (in parallel), plus each
//! language's home (when it has no `index.md`) and task index, the language chooser at the
//! root, `404.html`, `sitemap.xml` and the translation dashboard.

mod body;
mod chrome;
mod cycles;
mod extras;
pub mod feed;
pub mod print;
mod redirects;
mod sitemap;
mod status;
pub mod tasks;
pub mod ui;
pub mod views;

pub use crate::nav::task_index::TaskRows;
pub use extras::render_extras;

use crate::markdown::highlight::{Classes, Highlighter};
use crate::nav::LangNav;
use crate::output::Staging;
use crate::site::Site;
use crate::theme::{Source, ThemeFiles};
use anyhow::{anyhow, bail, Context as _, Result};
use body::BodyRenderer;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

/// Templates a theme must have.
pub const TEMPLATES: [&str; 6] = [
    "page.html",
    "search.html",
    "home.html",
    "tasks.html",
    "404.html",
    "root.html",
];

pub struct Theme {
    tera: Tera,
    /// The theme's `static/` files (paths inside the theme, which are also their output
    /// paths), copied to the output's `static/`.
    pub static_files: Vec<(String, Source)>,
    /// The stylesheet, inlined into the root 404 page.
    stylesheet: Option<String>,
    /// The scope atoms the theme's stylesheets and templates style (`.hl-string`): the
    /// classes highlighted code carries.
    pub highlight_classes: Classes,
}

impl Theme {
    /// Compiles the templates of `files` (`templates/**/*.html`, named by their path under
    /// `templates/`) and lists its static files.
    pub fn load(files: &ThemeFiles) -> Result<Theme> {
        let what = files.describe();
        let mut templates = Vec::new();
        for (rel, _) in files.under("templates/") {
            if rel.ends_with(".html") {
                let text = files.read_text(rel)?.unwrap_or_default();
                templates.push((rel["templates/".len()..].to_string(), text));
            }
        }
        let highlight_classes = highlight_classes(files)?;
        let mut tera = Tera::default();
        tera.add_raw_templates(templates)
            .map_err(|e| anyhow!("{what}: {}", chain(&e)))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        if let Some(cycle) = cycles::include_cycle(&tera) {
            bail!(
                "{what}: templates include themselves ({}); this would recurse forever",
                cycle.join(" -> ")
            );
        }
        let names: Vec<&str> = tera.get_template_names().collect();
        let missing: Vec<&str> = TEMPLATES
            .iter()
            .copied()
            .filter(|t| !names.contains(t))
            .collect();
        if !missing.is_empty() {
            bail!(
                "{what} lacks template(s) {} in `templates/`",
                missing.join(", "),
            );
        }
        Ok(Theme {
            tera,
            static_files: files
                .under("static/")
                .map(|(rel, source)| (rel.to_string(), source.clone()))
                .collect(),
            stylesheet: files.read_text("static/style.css")?,
            highlight_classes,
        })
    }

    /// Whether the theme has this template (an optional one: `status.html`).
    pub fn has(&self, template: &str) -> bool {
        self.tera.get_template_names().any(|t| t == template)
    }

    /// Renders `template` with `view`, which is dropped once turned into Tera's context so
    /// that a large view (the task index of a big site) is not held twice.
    fn render(&self, template: &str, view: impl Serialize, what: &str) -> Result<String> {
        let context =
            Context::from_serialize(&view).map_err(|e| anyhow!("{what}: {}", chain(&e)))?;
        drop(view);
        self.tera
            .render(template, &context)
            .map_err(|e| anyhow!("template `{template}` failed for {what}: {}", chain(&e)))
    }
}

/// A Tera error with its causes (Tera puts the useful part in the source chain).
fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

/// A generated file: output-relative path and contents.
pub struct OutFile {
    pub rel: String,
    pub content: String,
}

/// A page body larger than this is not given to Tera (which would copy it into its context):
/// the template sees [`BODY_PLACEHOLDER`] as `content`, and the body is written in its place.
/// A 50 MB page then costs about its text and its HTML in memory, not twice the HTML more.
pub const SPLICE_OVER: usize = 1024 * 1024;
pub const BODY_PLACEHOLDER: &str = "cuaderno-body-placeholder-5f0c2a9e";

#[derive(Serialize)]
struct ListView<'a, T: Serialize> {
    site: views::SiteView<'a>,
    nav: Vec<views::SideView>,
    alternates: Vec<views::Alternate<'a>>,
    items: T,
    /// The theme's stylesheet, for the root 404 page: a server shows it at any depth, where
    /// no relative stylesheet URL works, and an absolute one breaks under another sub-path.
    #[serde(skip_serializing_if = "Option::is_none")]
    inline_css: Option<String>,
}

/// Where rendered files go: the staging folder of a build, or memory for `serve`.
pub trait Sink: Sync {
    /// Called before writing files at these output paths.
    fn make_dirs(&self, rels: &[&str]) -> Result<()>;
    fn write(&self, rel: &str, content: String) -> Result<()>;

    /// Writes the concatenation of `parts` (a spliced page) without joining them first.
    fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<()> {
        self.write(rel, parts.concat())
    }
}

impl Sink for Staging {
    fn make_dirs(&self, rels: &[&str]) -> Result<()> {
        Staging::make_dirs(self, rels.iter().copied())
    }

    fn write(&self, rel: &str, content: String) -> Result<()> {
        Staging::write(self, rel, content.as_bytes())
    }

    fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<()> {
        Staging::write_parts(self, rel, parts)
    }
}

/// The scope atoms a theme styles, named as `.hl-<atom>` in its stylesheets or templates.
pub fn highlight_classes(files: &ThemeFiles) -> Result<Classes> {
    let mut texts = Vec::new();
    for (rel, _) in files.under("static/").chain(files.under("templates/")) {
        if rel.ends_with(".css") || rel.ends_with(".html") {
            texts.extend(files.read_text(rel)?);
        }
    }
    Ok(Classes::named_in(texts.iter().map(String::as_str)))
}

/// Renders every file of the portal into `sink`, each as soon as it is ready (in parallel).
/// Returns the number of files written.
pub fn render_site<S: Sink>(
    site: &Site,
    navs: &[LangNav],
    theme: &Theme,
    highlighter: &Highlighter,
    sink: &S,
) -> Result<usize> {
    let all: Vec<usize> = (0..site.pages.len()).collect();
    // The search index is built while pages render: the page writers wait on the file
    // system often enough that the index costs little extra time.
    // So are the task-index rows that search and the task index share.
    let (pages, (rows, search)) = rayon::join(
        || render_pages(site, navs, theme, highlighter, &all, sink),
        || {
            let langs: Vec<usize> = (0..site.config.languages.len()).collect();
            let rows = TaskRows::of(site, &langs);
            let search = render_search_of(site, &langs, &rows, sink);
            (rows, search)
        },
    );
    let bodies = pages?;
    let extras = render_extras(site, navs, theme, &rows, sink)?;
    let prints = render_prints(
        site,
        navs,
        theme,
        &|p| bodies.get(&p).map(String::as_str),
        sink,
    )?;
    Ok(all.len() + extras + prints + search?)
}

/// The bodies of the pages rendered, by page, for the print documents: only those of the
/// languages that get one (`print::wanted`).
pub type Bodies = std::collections::HashMap<usize, String>;

/// Each language's print document, with `body` giving each page's rendered body. Returns the
/// number of files.
pub fn render_prints<'b, S: Sink>(
    site: &Site,
    navs: &[LangNav],
    theme: &Theme,
    body: &(dyn Fn(usize) -> Option<&'b str> + Sync),
    sink: &S,
) -> Result<usize> {
    let mut n = 0;
    for (lang, nav) in navs.iter().enumerate() {
        n += usize::from(print::write(site, nav, theme, lang, body, sink)?);
    }
    Ok(n)
}

/// Renders these pages only; returns the bodies the print documents need.
pub fn render_pages<S: Sink>(
    site: &Site,
    navs: &[LangNav],
    theme: &Theme,
    highlighter: &Highlighter,
    pages: &[usize],
    sink: &S,
) -> Result<Bodies> {
    let rels: Vec<&str> = pages
        .iter()
        .map(|&p| site.pages[p].locale.out_rel.as_str())
        .collect();
    sink.make_dirs(&rels)?;
    let printed: Vec<bool> = (0..site.config.languages.len())
        .map(|lang| print::wanted(site, lang) && theme.has("print.html"))
        .collect();
    let bodies = pages
        .par_iter()
        .map(|&page| {
            let keep = printed[site.pages[page].locale.site];
            render_page(site, navs, theme, highlighter, page, sink, keep)
                .map(|body| body.map(|b| (page, b)))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(bodies.into_iter().flatten().collect())
}

/// The search index of these languages (`<code>/search/`; `serve`: the languages of the
/// edited pages): it changes with any page's text, where the other extras change with titles
/// and dates. Returns the number of files.
pub fn render_search_of<S: Sink>(
    site: &Site,
    langs: &[usize],
    rows: &TaskRows,
    sink: &S,
) -> Result<usize> {
    if !site.config.search.enabled {
        return Ok(0);
    }
    let languages = &site.config.languages;
    let dirs: Vec<String> = langs
        .iter()
        .map(|&l| format!("{}/search/index.js", languages[l].code))
        .collect();
    sink.make_dirs(&dirs.iter().map(String::as_str).collect::<Vec<_>>())?;
    let write = |rel: String, content: String| sink.write(&rel, content);
    let counts: Vec<usize> = langs
        .par_iter()
        .map(|&lang| crate::search::write(site, lang, &rows.get(site, lang), &write))
        .collect::<Result<_>>()?;
    Ok(counts.iter().sum())
}

/// Renders one page; returns its body when `keep` (for the print document).
fn render_page<S: Sink>(
    site: &Site,
    navs: &[LangNav],
    theme: &Theme,
    highlighter: &Highlighter,
    page: usize,
    sink: &S,
    keep: bool,
) -> Result<Option<String>> {
    let p = &site.pages[page];
    if let Some(translation) = site.superseded_by(page) {
        let stub = redirects::superseded(site, page, translation);
        return sink.write(&stub.rel, stub.content).map(|()| None);
    }
    let language = &site.config.languages[p.locale.site];
    let body = BodyRenderer {
        site,
        highlighter,
        language,
    }
    .render(page);
    let splice = body.len() > SPLICE_OVER;
    let content = if splice { BODY_PLACEHOLDER } else { &body };
    let view = views::page_view(site, &navs[p.locale.site], page, content);
    let html = theme
        .render("page.html", view, &p.file.rel)
        .with_context(|| format!("rendering `{}`", p.file.rel))?;
    if !splice {
        sink.write(&p.locale.out_rel, html)?;
        return Ok(keep.then_some(body));
    }
    let mut parts = Vec::new();
    for (i, piece) in html.split(BODY_PLACEHOLDER).enumerate() {
        if i > 0 {
            parts.push(body.as_str());
        }
        parts.push(piece);
    }
    sink.write_parts(&p.locale.out_rel, &parts)?;
    Ok(keep.then_some(body))
}
