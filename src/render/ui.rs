//! The theme's words: each language's `ui` strings from site.toml over English defaults, so
//! templates write `{{ site.ui.next }}` and never hold text of their own.

use crate::config::Language;
use std::collections::BTreeMap;

/// English for every key the default theme uses. A language's `ui` table overrides any.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("breadcrumbs", "Breadcrumbs"),
    ("caution", "Caution"),
    ("home", "Home"),
    ("important", "Important"),
    ("mandatory", "M/O"),
    ("more", "more"),
    ("navigation", "Navigation"),
    ("next", "Next"),
    ("not_found", "Page not found"),
    (
        "not_found_help",
        "The page you asked for does not exist. Start again from a home page:",
    ),
    (
        "not_translated",
        "This page is not translated; go to the home page",
    ),
    ("not_translated_short", "not translated"),
    ("note", "Note"),
    ("other_pages", "Other pages"),
    ("page", "Page"),
    ("pager", "Previous and next"),
    ("previous", "Previous"),
    ("role", "Role"),
    ("services", "Services"),
    ("site_tools", "Site"),
    ("skip", "Skip to content"),
    ("task_id", "Task ID"),
    ("task_index", "Task index"),
    ("task_name", "Task name"),
    ("tasks", "FTOP tasks"),
    ("tip", "Tip"),
    (
        "untranslated",
        "This page has not been translated yet; it is shown in its original language:",
    ),
    ("updated", "Updated"),
    ("warning", "Warning"),
];

/// The language's strings over the English defaults.
pub fn strings(language: &Language) -> BTreeMap<&str, &str> {
    let mut out: BTreeMap<&str, &str> = DEFAULTS.iter().copied().collect();
    out.extend(language.ui.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    out
}

/// One string: the language's, else the English default, else the key itself.
pub fn get<'a>(language: &'a Language, key: &'a str) -> &'a str {
    language
        .ui
        .get(key)
        .map(String::as_str)
        .or_else(|| DEFAULTS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
        .unwrap_or(key)
}
