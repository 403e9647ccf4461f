//! Files as an editor holds them: the text of an unsaved buffer stands in for the file on
//! disk when the site loads. A buffer of a page not yet saved joins the site at its path in
//! the content folder (`unsaved_pages`); nothing is read from disk for it. `lsp` keeps one per
//! open document; tests use them to change a page without writing it.

use super::discover::{kind_of, Entry, Kind};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};

#[derive(Debug, Default, Clone)]
pub struct Overlays {
    /// Content-relative path (`/` separators) to the buffer's text.
    texts: HashMap<String, String>,
}

impl Overlays {
    pub fn set(&mut self, rel: impl Into<String>, text: impl Into<String>) {
        self.texts.insert(rel.into(), text.into());
    }

    pub fn remove(&mut self, rel: &str) -> Option<String> {
        self.texts.remove(rel)
    }

    pub fn get(&self, rel: &str) -> Option<&str> {
        self.texts.get(rel).map(String::as_str)
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.texts.contains_key(rel)
    }

    /// The pages the walk did not find (buffers not saved yet), as walk entries under `root`,
    /// in path order. Only plain relative paths of Markdown pages qualify: no `..`, no root.
    pub fn unsaved_pages(&self, root: &Path, walked: &[Entry]) -> Vec<Entry> {
        let known: HashSet<&str> = walked.iter().map(|e| e.rel.as_str()).collect();
        let mut out: Vec<Entry> = self
            .texts
            .keys()
            .filter(|rel| !known.contains(rel.as_str()) && kind_of(rel) == Kind::Page)
            .filter(|rel| {
                Path::new(rel.as_str())
                    .components()
                    .all(|c| matches!(c, Component::Normal(_)))
            })
            .map(|rel| Entry {
                rel: rel.clone(),
                path: root.join(rel),
                kind: Kind::Page,
            })
            .collect();
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_of_pages_join_the_site() {
        let mut o = Overlays::default();
        for rel in [
            "en/new.md",
            "en/old.md",
            "../x.md",
            "en/../../y.md",
            "en/pic.png",
            "en/toc.yml",
        ] {
            o.set(rel, "# x");
        }
        let walked = [Entry {
            rel: "en/old.md".into(),
            path: "/c/en/old.md".into(),
            kind: Kind::Page,
        }];
        let added: Vec<String> = o
            .unsaved_pages(Path::new("/c"), &walked)
            .into_iter()
            .map(|e| e.rel)
            .collect();
        assert_eq!(added, ["en/new.md"]);
    }
}
