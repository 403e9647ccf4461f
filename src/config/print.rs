//! `[print]` in site.toml: each language's whole playbook as one document to print or save as
//! PDF (`<code>/print.html`).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// Write `print.html` per language (on by default).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// A language with more published pages gets no print document: one file of thousands
    /// of pages is more than a browser prints.
    #[serde(default = "max_pages")]
    pub max_pages: usize,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            enabled: true,
            max_pages: max_pages(),
        }
    }
}

fn yes() -> bool {
    true
}

fn max_pages() -> usize {
    1000
}
