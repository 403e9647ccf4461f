//! Code highlighting with syntect, as CSS classes (the theme's stylesheet colours them, light
//! and dark). The syntax set is loaded once per run; a block already highlighted in this run
//! (same language, same code) is taken from a cache instead of being highlighted again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const SHARDS: usize = 16;

pub struct Highlighter {
    syntaxes: Option<SyntaxSet>,
    cache: Vec<Mutex<HashMap<u64, Arc<str>>>>,
}

impl Highlighter {
    /// `enabled = false` renders code blocks escaped but uncoloured (and loads nothing).
    pub fn new(enabled: bool) -> Highlighter {
        Highlighter {
            syntaxes: enabled.then(SyntaxSet::load_defaults_newlines),
            cache: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    /// The `<pre>` block for `code` in language `lang` (the fence's info string).
    pub fn block(&self, lang: &str, code: &str) -> Arc<str> {
        let mut hasher = DefaultHasher::new();
        (lang, code).hash(&mut hasher);
        let key = hasher.finish();
        let shard = &self.cache[(key as usize) % SHARDS];
        if let Some(hit) = shard.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let html: Arc<str> = self.render(lang, code).into();
        if let Ok(mut cache) = shard.lock() {
            cache.insert(key, html.clone());
        }
        html
    }

    fn render(&self, lang: &str, code: &str) -> String {
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape(lang))
        };
        let inner = self.highlight(lang, code).unwrap_or_else(|| escape(code));
        format!("<pre class=\"code\"><code{class}>{inner}</code></pre>\n")
    }

    fn highlight(&self, lang: &str, code: &str) -> Option<String> {
        let set = self.syntaxes.as_ref()?;
        if lang.is_empty() {
            return None;
        }
        let syntax = set
            .find_syntax_by_token(lang)
            .or_else(|| set.find_syntax_by_token(&lang.to_lowercase()))?;
        let mut gen = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            set,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            gen.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(gen.finalize())
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes_and_escapes_unknown() {
        let h = Highlighter::new(true);
        let json = h.block("json", "{\"a\": 1}\n");
        assert!(json.contains("class=\"hl-"), "{json}");
        assert!(json.starts_with("<pre class=\"code\"><code class=\"language-json\">"));
        let plain = h.block("no-such-language", "<b>\n");
        assert!(plain.contains("&lt;b&gt;"));
    }

    #[test]
    fn the_same_block_is_highlighted_once() {
        let h = Highlighter::new(true);
        let a = h.block("powershell", "Get-Mailbox\n");
        let b = h.block("powershell", "Get-Mailbox\n");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
