//! The translation status of the portal (`status.json`, `status.html`): per language, how
//! many pages are translated, untranslated copies or missing, and one row per page that needs
//! a translator: stale (with the source's changes since), or with tasks, steps or a phase
//! that differ from its source. Built from the loaded site with the same predicates as the
//! findings (`rules::i18n`, `rules::translations`), so the counts are the findings' counts.

use crate::rules::page::refresh;
use crate::rules::{i18n, translations};
use crate::site::Site;
use serde::Serialize;

pub mod git;
pub mod text;

/// The output path of the dashboard and of its data.
pub const HTML: &str = "status.html";
pub const JSON: &str = "status.json";

#[derive(Serialize)]
pub struct Status {
    pub version: u32,
    /// The code of the default language, the source of every translation.
    pub source_language: String,
    pub languages: Vec<Coverage>,
    /// Language by language (site order); in a language, the translations to update (stale
    /// or differing), then missing pages, pages in another language, untranslated copies.
    pub pages: Vec<Row>,
}

/// One language's counts. `pages` = `translated` + `untranslated` + `other_language`.
#[derive(Serialize, Default)]
pub struct Coverage {
    pub code: String,
    pub name: String,
    pub source: bool,
    /// Pages published in this language's site.
    pub pages: usize,
    /// Pages written in the language.
    pub translated: usize,
    /// Copies of another language's page (`untranslated-page`).
    pub untranslated: usize,
    /// Pages whose text reads as another language (`text-language`).
    pub other_language: usize,
    /// Source pages the language has no page for (`missing-translation`).
    pub missing: usize,
    /// The source's pages with a translation written in the language, in percent.
    pub percent: u32,
    pub stale: usize,
    pub tasks_differ: usize,
    pub steps_differ: usize,
    pub phase_differs: usize,
}

#[derive(Serialize)]
pub struct Row {
    pub language: String,
    /// What needs doing: `missing`, `untranslated`, `other_language`, or any of `stale`,
    /// `tasks`, `steps`, `phase`.
    pub states: Vec<&'static str>,
    /// The page in this language (none when missing).
    pub page: Option<PageRef>,
    /// The default language's page of the same key.
    pub source: Option<PageRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale: Option<Stale>,
    /// Task ids the source lists and this page lacks, and the other way round.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks_missing: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks_extra: Vec<String>,
    /// Steps of this page and of the source, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<[usize; 2]>,
    /// Phase ids of this page and of the source, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<[Option<String>; 2]>,
    /// `status --git` only: the source's diff since the translation's last commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_diff: Option<git::SourceDiff>,
}

#[derive(Serialize)]
pub struct PageRef {
    /// Content path (as findings name it).
    pub path: String,
    /// Output path, which is also its URL relative to the portal root.
    pub url: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Stale {
    /// The translation's newest date and the source's change it lacks (`YYYY-MM-DD`).
    pub date: String,
    pub source_date: String,
    /// The source's refresh rows newer than the translation, newest first.
    pub changes: Vec<Change>,
}

#[derive(Serialize)]
pub struct Change {
    pub date: String,
    pub what: String,
}

pub use crate::config::dates::iso;

fn page_ref(site: &Site, page: usize) -> PageRef {
    let p = &site.pages[page];
    PageRef {
        path: p.file.rel.clone(),
        url: p.locale.out_rel.clone(),
        title: p.title.clone(),
    }
}

/// The status of every language of `site`.
pub fn status(site: &Site) -> Status {
    let default = site.config.default_language_index();
    let mut languages = Vec::new();
    let mut pages = Vec::new();
    for lang in 0..site.config.languages.len() {
        let (coverage, rows) = language(site, lang);
        languages.push(coverage);
        pages.extend(rows);
    }
    Status {
        version: 1,
        source_language: site.config.languages[default].code.clone(),
        languages,
        pages,
    }
}

fn language(site: &Site, lang: usize) -> (Coverage, Vec<Row>) {
    let default = site.config.default_language_index();
    let language = &site.config.languages[lang];
    let mut c = Coverage {
        code: language.code.clone(),
        name: language.name.clone(),
        source: lang == default,
        ..Coverage::default()
    };
    let row = |states, page: Option<usize>, source: Option<usize>| Row {
        language: language.code.clone(),
        states,
        page: page.map(|p| page_ref(site, p)),
        source: source.map(|s| page_ref(site, s)),
        stale: None,
        tasks_missing: Vec::new(),
        tasks_extra: Vec::new(),
        steps: None,
        phase: None,
        source_diff: None,
    };
    let mut missing = Vec::new();
    for p in i18n::missing(site, lang) {
        c.missing += 1;
        missing.push(row(vec!["missing"], None, Some(p)));
    }
    // In page order (`pages_of`), for the binary search below.
    let untranslated: Vec<usize> = i18n::untranslated(site, lang).collect();
    c.untranslated = untranslated.len();
    let mut other = Vec::new();
    let mut drifting = Vec::new();
    for p in site.pages_of(lang) {
        c.pages += 1;
        let page = &site.pages[p];
        if !page.is_copy() {
            c.translated += 1;
        } else if untranslated.binary_search(&p).is_err() {
            c.other_language += 1;
            other.push(row(
                vec!["other_language"],
                Some(p),
                site.translation(p, default),
            ));
        }
        if let Some(r) = drift(site, p, &mut c, row(Vec::new(), Some(p), None)) {
            drifting.push(r);
        }
    }
    // Translations to update first, then what is not translated at all.
    let mut rows = drifting;
    rows.extend(missing);
    rows.extend(other);
    let copies = untranslated.iter();
    rows.extend(copies.map(|&p| row(vec!["untranslated"], Some(p), site.translation(p, default))));
    c.percent = percent(site, lang);
    (c, rows)
}

/// How a translation differs from its source, as a row (none when it does not), counted.
fn drift(site: &Site, page: usize, c: &mut Coverage, mut row: Row) -> Option<Row> {
    let source = translations::source_of(site, page)?;
    let (p, s) = (&site.pages[page], &site.pages[source]);
    row.source = Some(page_ref(site, source));
    if let Some((theirs, _, own)) = translations::stale(p, s) {
        c.stale += 1;
        row.states.push("stale");
        let changes = refresh::changes(&site.config, s)
            .into_iter()
            .filter(|(d, _)| *d > own)
            .map(|(d, what)| Change { date: iso(d), what })
            .collect();
        row.stale = Some(Stale {
            date: iso(own),
            source_date: iso(theirs),
            changes,
        });
    }
    if let Some((missing, extra)) = translations::task_drift(p, s) {
        c.tasks_differ += 1;
        row.states.push("tasks");
        row.tasks_missing = missing.into_iter().map(String::from).collect();
        row.tasks_extra = extra.into_iter().map(String::from).collect();
    }
    if translations::steps_differ(p, s) {
        c.steps_differ += 1;
        row.states.push("steps");
        row.steps = Some([p.playbook.steps.len(), s.playbook.steps.len()]);
    }
    if translations::phase_differs(p, s) {
        c.phase_differs += 1;
        row.states.push("phase");
        row.phase = Some([p.playbook.phase_id.clone(), s.playbook.phase_id.clone()]);
    }
    (!row.states.is_empty()).then_some(row)
}

/// The default language's pages with a page of `lang` written in it, in percent (rounded
/// down, so 100 means all).
fn percent(site: &Site, lang: usize) -> u32 {
    let default = site.config.default_language_index();
    let (mut sources, mut done) = (0usize, 0usize);
    for slots in site.index.translations.values() {
        if slots[default].is_none() {
            continue;
        }
        sources += 1;
        if slots[lang].is_some_and(|p| !site.pages[p].is_copy()) {
            done += 1;
        }
    }
    match sources {
        0 => 100,
        n => (done * 100 / n) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso() {
        assert_eq!(iso((2020, 6, 4)), "2020-06-04");
    }
}
