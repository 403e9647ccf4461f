//! DocFX `toc.yml` files: a tree of `name` / `href` / `items`, with each href's position.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct RawItem {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    href: Option<String>,
    /// DocFX: the page of an entry whose `href` is a folder (its own toc.yml).
    #[serde(default)]
    homepage: Option<String>,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocItem {
    pub name: String,
    pub href: Option<String>,
    /// Where the href's value is in the file.
    pub href_span: Span,
    /// DocFX's `homepage`: the page of an entry whose `href` names another toc.
    pub homepage: Option<String>,
    pub items: Vec<TocItem>,
}

#[derive(Debug)]
pub struct Toc {
    /// The language site this toc navigates.
    pub lang: usize,
    pub file: SourceFile,
    pub items: Vec<TocItem>,
}

/// Parses a toc file; on a YAML error reports it and returns no items.
pub fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<TocItem> {
    let raw: Vec<RawItem> = match serde_yaml::from_str::<Option<Vec<RawItem>>>(&file.text) {
        Ok(items) => items.unwrap_or_default(),
        Err(e) => {
            let offset = e.location().map_or(0, |l| l.index());
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            diags.push(
                Diagnostic::new(Code::TocSyntax, &file.rel, format!("invalid toc: {msg}"))
                    .at(Span::new(offset, offset), file.position(offset))
                    .help("a toc is a YAML list of items with `name`, `href` and `items`"),
            );
            return Vec::new();
        }
    };
    let mut cursor = 0;
    raw.into_iter()
        .map(|item| convert(item, &file.text, &mut cursor))
        .collect()
}

/// Converts in document order, finding each href after the previous one.
fn convert(item: RawItem, text: &str, cursor: &mut usize) -> TocItem {
    let mut href_span = Span::new(*cursor, *cursor);
    if let Some(href) = &item.href {
        if let Some(found) = find_href(text, *cursor, href) {
            href_span = Span::new(found, found + href.len());
            *cursor = found + href.len();
        }
    }
    let items = item
        .items
        .into_iter()
        .map(|child| convert(child, text, cursor))
        .collect();
    TocItem {
        name: item.name.unwrap_or_default(),
        href: item.href,
        href_span,
        homepage: item.homepage,
        items,
    }
}

fn find_href(text: &str, from: usize, href: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text.get(at..)?.find("href:") {
        let value_from = at + i + "href:".len();
        let line_end = text[value_from..]
            .find('\n')
            .map_or(text.len(), |n| value_from + n);
        if let Some(j) = text[value_from..line_end].find(href) {
            return Some(value_from + j);
        }
        at = line_end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_items_with_href_positions() {
        let text = "- name: Home\n  href: index.md\n  items:\n  - name: Kick-off\n    href: kick-off.md\n- name: Empty\n";
        let file = SourceFile::new("toc.yml".into(), "toc.yml".into(), text.into());
        let mut diags = Vec::new();
        let items = parse(&file, &mut diags);
        assert!(diags.is_empty());
        assert_eq!(items.len(), 2);
        let kick = &items[0].items[0];
        assert_eq!(kick.href.as_deref(), Some("kick-off.md"));
        assert_eq!(file.position(kick.href_span.start).line, 5);
        assert_eq!(items[1].href, None);
    }

    #[test]
    fn syntax_errors_are_diagnostics() {
        let file = SourceFile::new("toc.yml".into(), "toc.yml".into(), "- name: [x\n".into());
        let mut diags = Vec::new();
        assert!(parse(&file, &mut diags).is_empty());
        assert_eq!(diags[0].code, Code::TocSyntax);
    }
}
