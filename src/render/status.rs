//! The translation dashboard at the portal root: `status.json` always (for a site of more
//! than one language), `status.html` when the theme has a `status.html` template (the
//! built-in theme does; a theme of its own without it keeps working).

use super::{views, ListView, OutFile, Theme};
use crate::site::Site;
use crate::status::{self, Coverage, Row, Status};
use anyhow::Result;
use serde::Serialize;

/// How many rows the page lists (status.json has them all), and how many of a stale
/// page's changes.
pub const ROWS_LISTED: usize = 2000;
pub const CHANGES_LISTED: usize = views::STALE_LISTED;

#[derive(Serialize)]
struct StatusView<'a> {
    source_language: &'a str,
    languages: Vec<LanguageView<'a>>,
    rows: Vec<RowView<'a>>,
    more_rows: usize,
    /// Every state a row can have, in the order the filter lists them.
    states: &'static [&'static str],
}

#[derive(Serialize)]
struct LanguageView<'a> {
    #[serde(flatten)]
    coverage: &'a Coverage,
    /// The language's home, relative to the root.
    home: String,
}

#[derive(Serialize)]
struct RowView<'a> {
    #[serde(flatten)]
    row: &'a Row,
    language_name: &'a str,
    /// The changes beyond [`CHANGES_LISTED`].
    more_changes: usize,
}

pub const STATES: &[&str] = &[
    "missing",
    "untranslated",
    "other_language",
    "stale",
    "tasks",
    "steps",
    "phase",
];

/// Whether the site has a dashboard: one language has nothing to compare.
pub fn wanted(site: &Site) -> bool {
    site.config.languages.len() > 1
}

/// `status.json`, and `status.html` when the theme has the template.
pub fn files(site: &Site, theme: &Theme) -> Result<Vec<OutFile>> {
    if !wanted(site) {
        return Ok(Vec::new());
    }
    let status = status::status(site);
    let mut out = vec![OutFile {
        rel: status::JSON.into(),
        content: serde_json::to_string_pretty(&status).unwrap_or_default() + "\n",
    }];
    if theme.has("status.html") {
        out.push(page(site, theme, &status)?);
    }
    Ok(out)
}

fn page(site: &Site, theme: &Theme, status: &Status) -> Result<OutFile> {
    let default = site.config.default_language_index();
    let name_of = |code: &str| {
        let language = site.config.languages.iter().find(|l| l.code == code);
        language.map_or("", |l| l.name.as_str())
    };
    let languages = (status.languages.iter().enumerate())
        .map(|(lang, coverage)| LanguageView {
            coverage,
            home: views::home_rel(site, lang),
        })
        .collect();
    let rows = (status.pages.iter().take(ROWS_LISTED))
        .map(|row| RowView {
            row,
            language_name: name_of(&row.language),
            more_changes: (row.stale.as_ref())
                .map_or(0, |s| s.changes.len().saturating_sub(CHANGES_LISTED)),
        })
        .collect();
    let rel = status::HTML;
    let view = ListView {
        site: views::site_view(site, default, rel),
        nav: Vec::new(),
        alternates: views::alternates(site, None, default, rel),
        items: StatusView {
            source_language: &status.source_language,
            languages,
            rows,
            more_rows: status.pages.len().saturating_sub(ROWS_LISTED),
            states: STATES,
        },
        inline_css: None,
    };
    Ok(OutFile {
        rel: rel.to_string(),
        content: theme.render("status.html", view, rel)?,
    })
}
