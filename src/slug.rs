//! Heading anchors: GitHub-style, Unicode-aware (accents, Japanese and Chinese are kept), and
//! unique within a page. Shared by the analysis (which records them) and link checking.

use std::collections::HashMap;

/// The anchor of a heading text: lowercase letters and digits of any script, `-` and `_` kept,
/// whitespace turned into `-`, all other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Hands out unique anchors for one page: the second "Overview" becomes `overview-1`.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    pub fn unique(&mut self, base: String) -> String {
        let Some(&count) = self.seen.get(&base) else {
            self.seen.insert(base.clone(), 0);
            return base;
        };
        let mut n = count;
        let candidate = loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.seen.contains_key(&candidate) {
                break candidate;
            }
        };
        self.seen.insert(base, n);
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_unicode_letters() {
        assert_eq!(slugify("Descripción general"), "descripción-general");
        assert_eq!(slugify("概要の更新"), "概要の更新");
        assert_eq!(slugify("FTOP 任务"), "ftop-任务");
        assert_eq!(slugify("Step 1: Plan (draft)"), "step-1-plan-draft");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut s = Slugger::default();
        assert_eq!(s.unique(slugify("Overview")), "overview");
        assert_eq!(s.unique(slugify("Overview")), "overview-1");
        assert_eq!(s.unique("overview-1".into()), "overview-1-1");
        assert_eq!(s.unique(slugify("Overview")), "overview-2");
    }
}
