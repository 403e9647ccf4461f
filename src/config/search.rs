//! `[search]` in site.toml: whether the portal has search, how much each kind of text weighs,
//! and per language the stemmer and the words not to index.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The names `stemmer` accepts: `none` and the Snowball algorithms `search::analyze` runs
/// (a test there keeps the two lists the same).
pub const STEMMERS: [&str; 18] = [
    "none",
    "arabic",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "hungarian",
    "italian",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Write a search index and search page per language (on by default).
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub weights: Weights,
    /// Per language code: stemmer and stop words.
    #[serde(default)]
    pub languages: BTreeMap<String, SearchLanguage>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            weights: Weights::default(),
            languages: BTreeMap::new(),
        }
    }
}

/// How much a word counts where it appears; 0 leaves that kind of text out of the index.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(default = "w_title")]
    pub title: u32,
    #[serde(default = "w_heading")]
    pub heading: u32,
    #[serde(default = "w_step")]
    pub step: u32,
    #[serde(default = "w_task")]
    pub task: u32,
    #[serde(default = "w_body")]
    pub body: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            title: w_title(),
            heading: w_heading(),
            step: w_step(),
            task: w_task(),
            body: w_body(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchLanguage {
    /// A Snowball algorithm (`english`, `spanish`, `german`, `portuguese`, ...) or `none`.
    /// By default the one of the code's language (`pt-BR` → `portuguese`), else `none`.
    #[serde(default)]
    pub stemmer: Option<String>,
    /// Words not indexed nor searched. By default the theme's `search_stop_words`.
    #[serde(default)]
    pub stop_words: Option<Vec<String>>,
}

fn yes() -> bool {
    true
}
fn w_title() -> u32 {
    10
}
fn w_heading() -> u32 {
    5
}
fn w_step() -> u32 {
    4
}
fn w_task() -> u32 {
    4
}
fn w_body() -> u32 {
    1
}

impl SearchConfig {
    /// Every `[search.languages.<code>]` names a declared language and a known stemmer.
    pub fn validate(&self, codes: &[&str]) -> anyhow::Result<()> {
        for (code, lang) in &self.languages {
            if !codes.contains(&code.as_str()) {
                anyhow::bail!(
                    "[search.languages.{code}]: `{code}` is not a declared language ({})",
                    codes.join(", ")
                );
            }
            if let Some(name) = &lang.stemmer {
                if !STEMMERS.contains(&name.as_str()) {
                    anyhow::bail!(
                        "[search.languages.{code}]: unknown stemmer `{name}` (one of: {})",
                        STEMMERS.join(", ")
                    );
                }
            }
        }
        Ok(())
    }
}

/// The stemmer of a language code's primary subtag (`pt-BR` → `portuguese`), else `none`.
pub fn default_stemmer(code: &str) -> &'static str {
    let primary = code.split(['-', '_']).next().unwrap_or("").to_lowercase();
    let name = match primary.as_str() {
        "ar" => "arabic",
        "da" => "danish",
        "nl" => "dutch",
        "en" => "english",
        "fi" => "finnish",
        "fr" => "french",
        "de" => "german",
        "hu" => "hungarian",
        "it" => "italian",
        "nb" | "nn" | "no" => "norwegian",
        "pt" => "portuguese",
        "ro" => "romanian",
        "ru" => "russian",
        "es" => "spanish",
        "sv" => "swedish",
        "ta" => "tamil",
        "tr" => "turkish",
        _ => "none",
    };
    name
}

impl crate::config::Config {
    /// The stop words of a language: site.toml's, else the theme's `search_stop_words`.
    pub fn stop_words(&self, language: &crate::config::Language) -> Vec<String> {
        match self
            .search
            .languages
            .get(&language.code)
            .and_then(|l| l.stop_words.clone())
        {
            Some(words) => words,
            None => language
                .word("search_stop_words")
                .split_whitespace()
                .filter(|w| *w != "search_stop_words")
                .map(str::to_string)
                .collect(),
        }
    }
}
