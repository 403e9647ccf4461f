//! Files as an editor holds them: the text of an unsaved buffer stands in for the file on
//! disk when the site loads. Only files the walk finds are read this way, so an overlay
//! cannot bring in a path outside the content folder. `lsp` keeps one per open document;
//! tests use them to change a page without writing it.

use std::collections::HashMap;

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

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}
