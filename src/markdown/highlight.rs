//! Code highlighting with syntect, as CSS classes (the theme's stylesheet colours them, light
//! and dark). The syntax set is loaded once per run. Blocks that occur more than once in the
//! site (same language, same code: translations share their code) are highlighted once and
//! cached until their last use; blocks that occur once are never kept, so the cache stays
//! small on large sites.

pub use super::spans::Classes;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};
use syntect::parsing::SyntaxSet;

const SHARDS: usize = 16;

/// Highlighted blocks of one cache shard, with the uses each has left.
type Shard = HashMap<u64, (Arc<str>, usize)>;

pub struct Highlighter {
    syntaxes: Option<SyntaxSet>,
    /// How many times each block seen more than once in the site is still to be rendered.
    repeated: HashMap<u64, usize>,
    /// Per shard: highlighted blocks and their remaining uses.
    cache: Vec<Mutex<Shard>>,
    /// The scope atoms spans carry: the theme's (`Classes::named_in`).
    classes: Classes,
}

/// Larger code blocks are shown plain: syntect's cost (time and memory) grows with the block,
/// and the longest line weighs most. Under these limits a page of any size highlights within
/// a bounded amount of memory.
pub const MAX_BLOCK: usize = 256 * 1024;
pub const MAX_LINE: usize = 16 * 1024;

/// Whether `code` is small enough to highlight.
pub fn fits(code: &str) -> bool {
    code.len() <= MAX_BLOCK && code.split('\n').all(|l| l.len() <= MAX_LINE)
}

/// Identifies a code block by language and content.
pub fn block_key(lang: &str, code: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    (lang, code).hash(&mut hasher);
    hasher.finish()
}

/// Fence names DocFX and Microsoft Learn pages use that name no syntax or extension.
fn alias(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "csharp" | "c#" => "cs",
        "fsharp" | "f#" => "fs",
        "pwsh" | "ps" | "azurepowershell" | "azurepowershell-interactive" => "ps1",
        "azurecli" | "azurecli-interactive" | "shell" | "console" | "zsh" => "bash",
        "cmd" | "dos" | "batch" => "bat",
        _ => return None,
    })
}

impl Highlighter {
    /// `enabled = false` renders code blocks escaped but uncoloured (and loads nothing).
    pub fn new(enabled: bool) -> Highlighter {
        Highlighter {
            syntaxes: enabled.then(two_face::syntax::extra_newlines),
            repeated: HashMap::new(),
            cache: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            classes: Classes::All,
        }
    }

    /// Spans carry only these atoms from now on (cached blocks made with others are dropped).
    pub fn use_classes(&mut self, classes: Classes) {
        if classes != self.classes {
            self.classes = classes;
            for shard in &mut self.cache {
                match shard.get_mut() {
                    Ok(blocks) => blocks.clear(),
                    Err(poisoned) => poisoned.into_inner().clear(),
                }
            }
        }
    }

    /// Tells which blocks the site holds (their `block_key`s, with repeats): those seen twice
    /// or more will be cached when first highlighted.
    pub fn expect(&mut self, keys: impl Iterator<Item = u64>) {
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
        counts.retain(|_, n| *n > 1);
        self.repeated = counts;
    }

    /// The `<pre>` block for `code` in language `lang` (the fence's info string).
    pub fn block(&self, lang: &str, code: &str) -> Arc<str> {
        let key = block_key(lang, code);
        let Some(&uses) = self.repeated.get(&key) else {
            return self.render(lang, code).into();
        };
        let Ok(mut shard) = self.cache[(key as usize) % SHARDS].lock() else {
            return self.render(lang, code).into();
        };
        // Highlighting under the shard's lock: a block is never highlighted twice.
        let (html, left) = shard
            .entry(key)
            .or_insert_with(|| (self.render(lang, code).into(), uses));
        let html = html.clone();
        *left = left.saturating_sub(1);
        if *left == 0 {
            shard.remove(&key);
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
        format!("<pre class=\"code\" tabindex=\"0\"><code{class}>{inner}</code></pre>\n")
    }

    fn highlight(&self, lang: &str, code: &str) -> Option<String> {
        let set = self.syntaxes.as_ref()?;
        if lang.is_empty() || !fits(code) {
            return None;
        }
        let lower = lang.to_lowercase();
        let token = alias(&lower).unwrap_or(&lower);
        let syntax = set
            .find_syntax_by_token(lang)
            .or_else(|| set.find_syntax_by_token(token))?;
        super::spans::highlight(code, syntax, set, &self.classes)
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`] onto the end of `out`.
pub fn escape_into(out: &mut String, text: &str) {
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
}

/// Undoes [`escape`] (its five entities only).
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes_and_escapes_unknown() {
        let h = Highlighter::new(true);
        let json = h.block("json", "{\"a\": 1}\n");
        assert!(json.contains("class=\"hl-"), "{json}");
        assert!(
            json.starts_with("<pre class=\"code\" tabindex=\"0\"><code class=\"language-json\">")
        );
        let plain = h.block("no-such-language", "<b>\n");
        assert!(plain.contains("&lt;b&gt;"));
    }

    #[test]
    fn the_playbooks_languages_are_highlighted() {
        let h = Highlighter::new(true);
        for (lang, code) in [
            (
                "powershell",
                "Get-MsolUser -All | Where-Object { $_.IsLicensed }\n",
            ),
            ("PowerShell", "$users = Get-MsolUser\n"),
            ("ps1", "Write-Host \"hi\"\n"),
            ("bash", "for f in *.md; do echo \"$f\"; done\n"),
            ("yaml", "title: Kick-off\n"),
            ("json", "{\"a\": 1}\n"),
            ("csharp", "var x = new List<int>();\n"),
            ("azurecli", "az group create --name rg\n"),
            ("pwsh", "Get-Date\n"),
            ("toml", "[site]\ntitle = \"t\"\n"),
        ] {
            let html = h.block(lang, code);
            assert!(html.contains("class=\"hl-"), "{lang}: {html}");
        }
    }

    #[test]
    fn a_repeated_block_is_highlighted_once_and_a_single_one_not_kept() {
        let mut h = Highlighter::new(true);
        let twice = block_key("rust", "fn main() {}\n");
        h.expect([twice, twice, block_key("rust", "let x = 1;\n")].into_iter());
        let a = h.block("rust", "fn main() {}\n");
        let b = h.block("rust", "fn main() {}\n");
        assert!(Arc::ptr_eq(&a, &b));
        let c = h.block("rust", "let x = 1;\n");
        let d = h.block("rust", "let x = 1;\n");
        assert!(!Arc::ptr_eq(&c, &d));
        assert_eq!(c, d);
        assert!(
            h.cache.iter().all(|s| s.lock().unwrap().is_empty()),
            "evicted after its last use"
        );
    }
}
