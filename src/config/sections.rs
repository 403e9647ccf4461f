//! The small sections of `site.toml`: `[nav]`, `[playbook]`, `[highlight]`, and what a theme
//! folder is laid over.

use serde::Deserialize;

/// What a theme folder is laid over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeBase {
    /// The theme built into the binary: the folder replaces its files one by one.
    #[default]
    Builtin,
    /// Nothing: the folder is the whole theme.
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavConfig {
    /// In the sidebar, at most this many siblings on each side of the current page are listed,
    /// so that a flat section of thousands of pages does not make every page quadratic in size.
    #[serde(default = "default_window")]
    pub sibling_window: usize,
}

impl Default for NavConfig {
    fn default() -> Self {
        NavConfig {
            sibling_window: default_window(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaybookRules {
    /// Every FTOP task id must match this (whole value); empty to accept any non-empty id.
    #[serde(default = "default_task_id")]
    pub task_id_pattern: String,
    /// Formats of the refresh-summary dates (tokens as in `[metadata]` date formats).
    #[serde(default = "default_dates")]
    pub date_formats: Vec<String>,
    /// `task_id_pattern` as a whole-value regex, compiled when site.toml is read; `None` when
    /// the pattern is empty.
    #[serde(skip)]
    pub task_id_regex: Option<regex::Regex>,
}

impl Default for PlaybookRules {
    fn default() -> Self {
        PlaybookRules {
            task_id_pattern: default_task_id(),
            date_formats: default_dates(),
            task_id_regex: whole_value_regex(&default_task_id()),
        }
    }
}

/// The regex that matches a whole value against `pattern`; `None` for an empty or invalid one.
pub fn whole_value_regex(pattern: &str) -> Option<regex::Regex> {
    (!pattern.is_empty())
        .then(|| regex::Regex::new(&format!("^(?:{pattern})$")).ok())
        .flatten()
}

fn default_task_id() -> String {
    "[0-9]+".into()
}

fn default_dates() -> Vec<String> {
    vec!["M/D/Y".into()]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighlightConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig { enabled: true }
    }
}

fn default_window() -> usize {
    12
}
fn yes() -> bool {
    true
}
