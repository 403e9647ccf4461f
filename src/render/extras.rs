//! The files that are not pages: each language's task index (page, JSON, CSV), generated
//! home, 404 page, search page and "What's new" (page and feed); the root's language chooser and 404 page; the sitemap,
//! redirects and the translation dashboard.

use super::{
    feed, redirects, sitemap, status, tasks, views, ListView, OutFile, Sink, TaskRows, Theme,
};
use crate::nav::LangNav;
use crate::site::Site;
use anyhow::{bail, Result};
use serde::Serialize;

/// The files that are not pages: task indexes, generated homes, the language chooser, 404,
/// sitemap. Returns how many.
pub fn render_extras<S: Sink>(
    site: &Site,
    navs: &[LangNav],
    theme: &Theme,
    rows: &TaskRows,
    sink: &S,
) -> Result<usize> {
    let mut extra = Vec::new();
    for (lang, nav) in navs.iter().enumerate() {
        let tasks = rows.get(site, lang);
        let code = &site.config.languages[lang].code;
        extra.push(OutFile {
            rel: format!("{code}/tasks.json"),
            content: tasks::json(site, lang, &tasks),
        });
        extra.push(OutFile {
            rel: format!("{code}/tasks.csv"),
            content: tasks::csv(&tasks),
        });
        let rel = views::tasks_rel(site, lang);
        extra.push(render_list(
            site,
            nav,
            theme,
            lang,
            &rel,
            "tasks.html",
            &*tasks,
        )?);
        extra.extend(feed::files(site, nav, theme, lang)?);
        let home = views::home_rel(site, lang);
        if !site.pages.iter().any(|p| p.locale.out_rel == home) {
            extra.push(render_list(site, nav, theme, lang, &home, "home.html", ())?);
        }
        // A 404 page in the language's own words, with relative links (it works from
        // `file://` and under any sub-path); `serve` answers with it inside the language.
        let missing = views::not_found_rel(site, lang);
        if !site.pages.iter().any(|p| p.locale.out_rel == missing) {
            extra.push(render_list(
                site,
                nav,
                theme,
                lang,
                &missing,
                "404.html",
                (),
            )?);
        }
    }
    if site.config.search.enabled {
        extra.extend(search_pages(site, navs, theme)?);
    }
    extra.push(render_root(site, theme, "index.html", "root.html")?);
    extra.push(render_root(site, theme, "404.html", "404.html")?);
    extra.extend(status::files(site, theme)?);
    extra.push(OutFile {
        rel: "sitemap.xml".into(),
        content: sitemap::render(site),
    });
    extra.extend(redirects::pages(site));
    let rels: Vec<&str> = extra.iter().map(|f| f.rel.as_str()).collect();
    sink.make_dirs(&rels)?;
    let n = extra.len();
    for file in extra {
        sink.write(&file.rel, file.content)?;
    }
    Ok(n)
}

/// Each language's search page. The theme must have the stemmer script the language's index
/// was stemmed with: a query stemmed otherwise would find nothing.
fn search_pages(site: &Site, navs: &[LangNav], theme: &Theme) -> Result<Vec<OutFile>> {
    let mut out = Vec::new();
    for (lang, nav) in navs.iter().enumerate() {
        let language = &site.config.languages[lang];
        let stemmer = crate::search::stemmer(&site.config, language);
        let script = format!("static/search/stem/{stemmer}.js");
        if stemmer != "none" && !theme.static_files.iter().any(|(rel, _)| *rel == script) {
            bail!(
                "the theme has no `{script}`, the stemmer of `{}`'s search (add it with \
                 tools/vendor-stemmers.mjs, or set [search.languages.{}] stemmer = \"none\")",
                language.code,
                language.code
            );
        }
        let rel = crate::search::page_rel(&site.config, lang);
        out.push(render_list(
            site,
            nav,
            theme,
            lang,
            &rel,
            "search.html",
            (),
        )?);
    }
    Ok(out)
}

fn render_list<T: Serialize>(
    site: &Site,
    nav: &LangNav,
    theme: &Theme,
    lang: usize,
    rel: &str,
    template: &str,
    items: T,
) -> Result<OutFile> {
    let view = ListView {
        site: views::site_view(site, lang, rel),
        nav: views::sidebar(site, nav, None, rel),
        alternates: views::alternates(site, None, lang, rel),
        items,
        inline_css: None,
    };
    Ok(OutFile {
        rel: rel.to_string(),
        content: theme.render(template, view, rel)?,
    })
}

/// Root files: the language chooser and the 404 page. The 404 page is served at any depth, so
/// its links are absolute from `base_url`; the chooser's are relative.
fn render_root(site: &Site, theme: &Theme, rel: &str, template: &str) -> Result<OutFile> {
    let default = site.config.default_language_index();
    let mut view = ListView {
        site: views::site_view(site, default, rel),
        nav: Vec::new(),
        alternates: views::alternates(site, None, default, rel),
        items: (),
        inline_css: None,
    };
    if rel == "404.html" {
        view.inline_css = theme.stylesheet.clone();
        let base = format!("{}/", site.config.base_url.trim_end_matches('/'));
        view.site.home = format!("{base}{}", views::home_rel(site, default));
        view.site.tasks = format!("{base}{}", views::tasks_rel(site, default));
        view.site.root = base.clone();
        view.site.feed = format!("{base}{}", feed::feed_rel(site, default));
        view.site.whats_new = format!("{base}{}", feed::page_rel(site, default));
        if !view.site.status.is_empty() {
            view.site.status = format!("{base}{}", crate::status::HTML);
        }
        if !view.site.print.is_empty() {
            view.site.print = format!("{base}{}", super::print::rel(site, default));
        }
        for alt in &mut view.alternates {
            alt.href = format!(
                "{base}{}",
                views::home_rel(
                    site,
                    site.config.language_index(alt.lang).unwrap_or(default)
                )
            );
        }
    }
    Ok(OutFile {
        rel: rel.to_string(),
        content: theme.render(template, view, rel)?,
    })
}
