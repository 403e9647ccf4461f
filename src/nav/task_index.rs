//! The task index of a language: one row per FTOP task id, with every page that carries it,
//! the phases of those pages, and mandatory/optional as a word of the language (`b` in pt-BR
//! and `E` in German are codes, not words). `render` shows it as `tasks.html`, `.json` and
//! `.csv`; `search` indexes its rows.

use crate::config::{matches_any, normalize};
use crate::site::Site;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    pub id: String,
    /// The row's own anchor on the index page (`task-101`).
    pub anchor: String,
    pub name: String,
    /// `true` mandatory, `false` optional, absent when the code is neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The code as written on the first page (`M`, `O`, `E`, `b`).
    pub code: String,
    /// `required` as a word of the language, else the code.
    pub required_word: String,
    pub role: String,
    pub services: Vec<String>,
    pub phases: Vec<PhaseRef>,
    pub pages: Vec<PageRef>,
    /// Whether the row's values come from an untranslated copy (a translated page that
    /// carries the task replaces them).
    #[serde(skip)]
    from_copy: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PhaseRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    pub title: String,
    /// From the task index (`initiate-kick-off-es.html#task-101`).
    pub href: String,
    /// Output path from the site's root, with the task's anchor.
    pub path: String,
    /// The source file, content-relative.
    pub source: String,
}

/// The task-index rows of some languages, made once for everything a build writes from them
/// (the task index pages and files, the search's task lookup).
pub struct TaskRows(Vec<Option<Vec<TaskRow>>>);

impl TaskRows {
    /// The rows of `langs`, in parallel.
    pub fn of(site: &Site, langs: &[usize]) -> TaskRows {
        use rayon::prelude::*;
        let made: Vec<(usize, Vec<TaskRow>)> =
            langs.par_iter().map(|&l| (l, rows(site, l))).collect();
        let mut by_lang: Vec<Option<Vec<TaskRow>>> = vec![None; site.config.languages.len()];
        for (lang, rows) in made {
            if let Some(slot) = by_lang.get_mut(lang) {
                *slot = Some(rows);
            }
        }
        TaskRows(by_lang)
    }

    /// A language's rows: those made, else made now.
    pub fn get(&self, site: &Site, lang: usize) -> std::borrow::Cow<'_, [TaskRow]> {
        match self.0.get(lang) {
            Some(Some(rows)) => std::borrow::Cow::Borrowed(rows),
            _ => std::borrow::Cow::Owned(rows(site, lang)),
        }
    }
}

/// The rows of a language's task index, ordered by id (numerically where ids are numbers).
pub fn rows(site: &Site, lang: usize) -> Vec<TaskRow> {
    let from = rel(site, lang);
    let mut by_id: BTreeMap<(bool, u64, String), TaskRow> = BTreeMap::new();
    for page in site.published(lang) {
        let p = &site.pages[page];
        let href_base = crate::paths::relative(&from, &p.locale.out_rel);
        let phase = phase(site, lang, p.playbook.phase_id.as_deref());
        for t in p.playbook.tasks.iter().filter(|t| !t.id.is_empty()) {
            let number = t.id.parse::<u64>().ok();
            let key = (number.is_none(), number.unwrap_or(0), t.id.clone());
            // Made only for a row's first page, or the first page in the language after
            // copies: most tasks are on many pages.
            let values = || {
                let required = required(site, lang, p.written_in(), &t.mandatory);
                TaskRow {
                    id: t.id.clone(),
                    anchor: t.anchor.clone(),
                    name: t.name.clone(),
                    required,
                    code: t.mandatory.clone(),
                    required_word: word(site, lang, required, &t.mandatory),
                    role: role(site, p.written_in(), &t.role),
                    services: (t.services.iter())
                        .map(|s| service(site, p.written_in(), s))
                        .collect(),
                    phases: Vec::new(),
                    pages: Vec::new(),
                    from_copy: p.is_copy(),
                }
            };
            let row = by_id.entry(key).or_insert_with(values);
            // A page in the language says it in the language's words: its values win over
            // an untranslated copy's.
            if row.from_copy && !p.is_copy() {
                let (phases, pages) = (
                    std::mem::take(&mut row.phases),
                    std::mem::take(&mut row.pages),
                );
                *row = TaskRow {
                    phases,
                    pages,
                    ..values()
                };
            }
            let anchor = t.anchor.clone();
            // Pages come one after the other: only this one can be the row's last already.
            if row.pages.last().is_none_or(|r| r.source != p.file.rel) {
                row.pages.push(PageRef {
                    title: p.title.clone(),
                    href: format!("{href_base}#{anchor}"),
                    path: format!("{}#{anchor}", p.locale.out_rel),
                    source: p.file.rel.clone(),
                });
            }
            if let Some(phase) = &phase {
                if !row.phases.contains(phase) {
                    row.phases.push(phase.clone());
                }
            }
        }
    }
    let order = |p: &PhaseRef| site.config.phases.iter().position(|id| *id == p.id);
    let mut rows: Vec<TaskRow> = by_id.into_values().collect();
    for row in &mut rows {
        row.phases.sort_by_key(order);
    }
    one_spelling(&mut rows);
    rows
}

/// A role as the language's vocabulary means it: a declared short form (`FM`) becomes the
/// role it stands for (`role_aliases`), a spelling of a listed role the list's, compared as
/// the task-consistency rule compares them (`config::normalize`).
fn role(site: &Site, language: usize, role: &str) -> String {
    let vocab = &site.config.languages[language].vocabulary;
    meant(role, &vocab.role_aliases, &vocab.roles)
}

/// A service as the vocabulary means it (`service_aliases`, then `services`).
fn service(site: &Site, language: usize, service: &str) -> String {
    let vocab = &site.config.languages[language].vocabulary;
    meant(service, &vocab.service_aliases, &vocab.services)
}

fn meant(text: &str, aliases: &BTreeMap<String, String>, listed: &[String]) -> String {
    let wanted = normalize(text);
    (aliases.iter())
        .find(|(alias, _)| normalize(alias) == wanted)
        .map(|(_, meant)| meant.clone())
        .or_else(|| listed.iter().find(|l| normalize(l) == wanted).cloned())
        .unwrap_or_else(|| text.to_string())
}

/// Roles and services that differ only in case or spacing (`OneDrive para la empresa`, a
/// no-break space in `Windows 10`) written one way: the one most rows use (the first seen
/// on a tie), so the filters list each once.
fn one_spelling(rows: &mut [TaskRow]) {
    let mut seen: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    let mut count = |value: &str| {
        let spellings = seen.entry(normalize(value)).or_default();
        match spellings.iter_mut().find(|(s, _)| s == value) {
            Some((_, n)) => *n += 1,
            None => spellings.push((value.to_string(), 1)),
        }
    };
    for row in rows.iter() {
        count(&row.role);
        row.services.iter().for_each(|s| count(s));
    }
    let chosen: BTreeMap<String, String> = (seen.into_iter())
        .filter(|(_, spellings)| spellings.len() > 1)
        .map(|(key, spellings)| {
            let best = spellings
                .iter()
                .fold(&spellings[0], |a, b| if b.1 > a.1 { b } else { a });
            (key, best.0.clone())
        })
        .collect();
    if chosen.is_empty() {
        return;
    }
    let pick = |value: &mut String| {
        if let Some(best) = chosen.get(&normalize(value)) {
            value.clone_from(best);
        }
    };
    for row in rows.iter_mut() {
        pick(&mut row.role);
        row.services.iter_mut().for_each(pick);
        row.services.dedup();
    }
}

/// Mandatory or optional from a code, in the site language's codes or the page's own.
fn required(site: &Site, lang: usize, content: usize, code: &str) -> Option<bool> {
    [lang, content].iter().find_map(|&l| {
        let vocab = &site.config.languages[l].vocabulary;
        if matches_any(code, &vocab.mandatory_codes) {
            Some(true)
        } else if matches_any(code, &vocab.optional_codes) {
            Some(false)
        } else {
            None
        }
    })
}

fn word(site: &Site, lang: usize, required: Option<bool>, code: &str) -> String {
    let language = &site.config.languages[lang];
    match required {
        Some(true) => language.word("mandatory_word").to_string(),
        Some(false) => language.word("optional_word").to_string(),
        None => code.to_string(),
    }
}

fn phase(site: &Site, lang: usize, id: Option<&str>) -> Option<PhaseRef> {
    let id = id?;
    Some(PhaseRef {
        id: id.to_string(),
        name: site.config.phase_name(lang, id),
    })
}

/// The output path of a language's task index.
pub fn rel(site: &Site, lang: usize) -> String {
    format!("{}/tasks.html", site.config.languages[lang].code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(role: &str, services: &[&str]) -> TaskRow {
        TaskRow {
            id: "1".into(),
            anchor: "task-1".into(),
            name: String::new(),
            required: None,
            code: String::new(),
            required_word: String::new(),
            role: role.into(),
            services: services.iter().map(|s| s.to_string()).collect(),
            phases: Vec::new(),
            pages: Vec::new(),
            from_copy: false,
        }
    }

    #[test]
    fn one_spelling_is_the_most_used_and_aliases_name_what_they_mean() {
        let mut rows = vec![
            row(
                "FastTrack Manager",
                &["OneDrive para la Empresa", "Windows\u{a0}10"],
            ),
            row("Fasttrack  manager", &["OneDrive para la empresa"]),
            row(
                "FastTrack Manager",
                &["OneDrive para la Empresa", "Windows 10"],
            ),
        ];
        one_spelling(&mut rows);
        for r in &rows {
            assert_eq!(r.role, "FastTrack Manager");
            assert_eq!(r.services[0], "OneDrive para la Empresa");
        }
        // A tie keeps the first seen.
        assert_eq!(rows[2].services[1], "Windows\u{a0}10");
        let aliases: BTreeMap<String, String> =
            [("FM".to_string(), "FastTrack Manager".to_string())].into();
        let listed = ["SharePoint".to_string()];
        assert_eq!(meant("fm", &aliases, &listed), "FastTrack Manager");
        assert_eq!(meant("sharepoint", &aliases, &listed), "SharePoint");
        assert_eq!(meant("Teams", &aliases, &listed), "Teams");
    }
}
