//! A language of the site (`[[languages]]`): its code, suffixes and folder, its vocabulary,
//! its interface words, and the date formats its pages write.

use super::{local_dates, Config};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code: `en`, `es`, `pt-BR`, `zh-Hans`. Also the output folder.
    pub code: String,
    /// Display name in the language switcher, in the language itself.
    pub name: String,
    /// The portal's title in this language, instead of the site's `title`.
    #[serde(default)]
    pub title: Option<String>,
    /// File-name suffix before `.md`, e.g. `-es`; empty for none.
    #[serde(default)]
    pub suffix: String,
    /// Other suffixes that also mark this language (e.g. `-en` on a stray English page).
    #[serde(default)]
    pub alt_suffixes: Vec<String>,
    /// Content folder (relative to the content root) whose pages belong to this language's site.
    #[serde(default)]
    pub folder: Option<String>,
    #[serde(default)]
    pub vocabulary: Vocabulary,
    /// Theme strings (`previous`, `next`, `tasks`, ...) over the theme's own words for the
    /// language (`i18n/<code>.toml`).
    #[serde(default)]
    pub ui: BTreeMap<String, String>,
    /// Names of toc groups (entries without a page) in this language: toc names are often
    /// written once, in English, for every language.
    #[serde(default)]
    pub toc_names: BTreeMap<String, String>,
}

/// The words a language's pages use for the playbook's structure. Matching ignores case,
/// surrounding space, repeated inner space and a trailing colon.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    #[serde(default)]
    pub phase_labels: Vec<String>,
    /// Phase id (from the site's `phases`) to the names pages use for it.
    #[serde(default)]
    pub phases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub role_labels: Vec<String>,
    #[serde(default)]
    pub motions_labels: Vec<String>,
    #[serde(default)]
    pub applies_to_labels: Vec<String>,
    /// First-header-cell variants that mark an FTOP task table.
    #[serde(default)]
    pub task_id_headers: Vec<String>,
    #[serde(default)]
    pub mandatory_codes: Vec<String>,
    #[serde(default)]
    pub optional_codes: Vec<String>,
    /// FastTrack roles a task table may name; empty to accept any.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Services a task table may name (split on `/` and `,`); empty to accept any.
    #[serde(default)]
    pub services: Vec<String>,
    /// Heading texts of the refresh-summary section.
    #[serde(default)]
    pub refresh_headings: Vec<String>,
    /// Other ways pages write a role, to the role they mean (`FM = "FastTrack Manager"`):
    /// the same task is not "inconsistent" for writing it short.
    #[serde(default)]
    pub role_aliases: BTreeMap<String, String>,
    /// Other ways pages write a service, to the service they mean (`"OneDrive para la
    /// Emresa" = "OneDrive para la Empresa"`): the task index lists it once, and
    /// `unknown-service` accepts it.
    #[serde(default)]
    pub service_aliases: BTreeMap<String, String>,
    /// Refresh-row descriptions that change nothing a translation must follow (`General
    /// Maintenance`): `stale-translation` looks past them.
    #[serde(default)]
    pub maintenance_rows: Vec<String>,
    /// Date formats this language's pages also write dates in (`["D.M.Y"]`), tried after
    /// `[playbook] date_formats` for refresh rows and after a field's own for date fields.
    /// Unset: the language's common formats (`config/local_dates.rs`); `[]`: none.
    #[serde(default)]
    pub date_formats: Option<Vec<String>>,
    /// Translated alert keywords to their kind: `HINWEIS = "note"`.
    #[serde(default)]
    pub alerts: BTreeMap<String, String>,
}

/// Normalizes a label or header for matching: lowercase, single spaces, no trailing colon.
pub fn normalize(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches([':', '：']).trim();
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// True when `text` matches one of `variants` after normalization.
pub fn matches_any(text: &str, variants: &[String]) -> bool {
    let text = normalize(text);
    variants.iter().any(|v| normalize(v) == text)
}

impl Language {
    /// One interface word (`next`, `home`, ...): the language's, from site.toml's `ui` or the
    /// theme's words once the settings are resolved; else the key itself.
    pub fn word<'a>(&'a self, key: &'a str) -> &'a str {
        self.ui.get(key).map_or(key, String::as_str)
    }
}

impl Config {
    /// The refresh-date formats of a language's pages: the playbook's, then the language's.
    pub fn date_formats(&self, lang: usize) -> Vec<String> {
        let mut out = self.playbook.date_formats.clone();
        for f in self.local_date_formats(lang) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    /// The site's date formats, then those of each of `langs` in turn (a page read in the
    /// language its text is in and the one its name claims: `Page::languages`).
    pub fn date_formats_of(&self, langs: &[usize]) -> Vec<String> {
        let mut out = self.playbook.date_formats.clone();
        for f in self.local_date_formats_of(langs) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    /// The date formats of each of `langs` in turn, without the site's.
    pub fn local_date_formats_of(&self, langs: &[usize]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &lang in langs {
            for f in self.local_date_formats(lang) {
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The date formats of a language: its vocabulary's, else its common ones.
    pub fn local_date_formats(&self, lang: usize) -> Vec<String> {
        let Some(language) = self.languages.get(lang) else {
            return Vec::new();
        };
        match &language.vocabulary.date_formats {
            Some(own) => own.clone(),
            None => local_dates::common_formats(&language.code)
                .iter()
                .map(|f| f.to_string())
                .collect(),
        }
    }
}
