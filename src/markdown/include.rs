//! DocFX includes, `[!INCLUDE [title](path)]`, found in the event stream both passes read.
//!
//! CommonMark reads the directive as text around a link. This adapter swallows those events and
//! yields one marker event in their place, spanning the directive: `Event::Html(BLOCK)` when the
//! directive is a paragraph of its own (the paragraph's tags go too, so the included blocks are
//! not nested in a `<p>`), `Event::InlineHtml(INLINE)` inside a paragraph. The analysis records
//! each marker as an `IncludeRef`, the renderer puts the included file there. Inside code nothing
//! is swallowed, and the inner link is never a link of the page: it is the include's path.

use pulldown_cmark::{Event, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

/// The marker of a block include (an HTML comment if it were ever written as is).
pub const BLOCK: &str = "<!-- include -->\n";
/// The marker of an inline include.
pub const INLINE: &str = "<!-- include -->";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\[!include\s*\[[^\]\n]*\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+"[^"\n]*")?\s*\)\s*\]"#,
    )
    .expect("the include pattern compiles")
});

/// Every directive in `body` with its path, in order (code not yet excluded).
fn directives(body: &str) -> Vec<(Range<usize>, String)> {
    if !body.contains("[!") {
        return Vec::new();
    }
    DIRECTIVE
        .captures_iter(body)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let path = c
                .get(1)?
                .as_str()
                .trim_start_matches('<')
                .trim_end_matches('>');
            Some((whole.range(), path.to_string()))
        })
        .collect()
}

/// The path written in a directive's text (`[!INCLUDE [t](path)]`), if it is one.
pub fn path_of(directive: &str) -> Option<String> {
    directives(directive).into_iter().next().map(|(_, p)| p)
}

/// The events of `inner` with every include directive turned into one marker event.
pub struct Includes<'a, I> {
    inner: I,
    body: &'a str,
    found: VecDeque<(Range<usize>, String)>,
    ready: VecDeque<Item<'a>>,
    in_code: bool,
}

impl<'a, I: Iterator<Item = Item<'a>>> Includes<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Includes {
            inner,
            body,
            found: directives(body).into(),
            ready: VecDeque::new(),
            in_code: false,
        }
    }

    /// Drops directives that end before `at` (inside code, or not read as one).
    fn skip_before(&mut self, at: usize) {
        while self.found.front().is_some_and(|(r, _)| r.end <= at) {
            self.found.pop_front();
        }
    }

    /// A paragraph that is only the directive: swallowed whole into one block marker.
    fn block(&mut self, para: &Range<usize>) -> Option<Item<'a>> {
        let text = &self.body[para.clone()];
        let start = para.start + (text.len() - text.trim_start().len());
        let end = para.start + text.trim_end().len();
        let (range, _) = self.found.front()?;
        if range.start != start || range.end != end {
            return None;
        }
        let range = range.clone();
        for (event, _) in self.inner.by_ref() {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                break;
            }
        }
        self.found.pop_front();
        Some((Event::Html(BLOCK.into()), range))
    }

    /// Inside a paragraph: the events within the directive swallowed into one inline marker.
    fn inline(&mut self, first: Item<'a>) -> Item<'a> {
        let (range, _) = self
            .found
            .pop_front()
            .expect("called with a directive ahead");
        let mut last = first.1.end;
        while last < range.end {
            match self.inner.next() {
                Some((_, r)) if r.start < range.end => last = r.end,
                Some(after) => {
                    self.ready.push_back(after);
                    break;
                }
                None => break,
            }
        }
        (Event::InlineHtml(INLINE.into()), range)
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Includes<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let item = match self.ready.pop_front() {
            Some(item) => item,
            None => self.inner.next()?,
        };
        match &item.0 {
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            _ => {}
        }
        if self.found.is_empty() || self.in_code {
            return Some(item);
        }
        self.skip_before(item.1.start + 1);
        let Some((next, _)) = self.found.front() else {
            return Some(item);
        };
        if matches!(item.0, Event::Start(Tag::Paragraph)) {
            return Some(self.block(&item.1.clone()).unwrap_or(item));
        }
        let starts_it = item.1.start == next.start && item.1.end <= next.end;
        let inline = matches!(item.0, Event::Text(_) | Event::Start(Tag::Link { .. }));
        if starts_it && inline {
            return Some(self.inline(item));
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn events(body: &str) -> Vec<(String, String)> {
        let parser = Parser::new_ext(body, Options::all()).into_offset_iter();
        Includes::new(parser, body)
            .map(|(e, r)| (format!("{e:?}"), body[r].to_string()))
            .collect()
    }

    fn markers(body: &str) -> Vec<String> {
        events(body)
            .into_iter()
            .filter(|(e, _)| e.contains("<!-- include -->"))
            .map(|(e, text)| format!("{}:{text}", &e[..4]))
            .collect()
    }

    #[test]
    fn a_paragraph_of_its_own_is_a_block_include() {
        let body = "Intro.\n\n[!INCLUDE [t](../includes/a.md)]\n\nAfter.\n";
        assert_eq!(markers(body), ["Html:[!INCLUDE [t](../includes/a.md)]"]);
        let all = events(body);
        assert_eq!(
            all.iter().filter(|(e, _)| e.contains("Paragraph")).count(),
            4
        );
        assert!(!all.iter().any(|(e, _)| e.contains("Link")));
    }

    #[test]
    fn inside_a_paragraph_an_inline_include_and_the_text_around_stays() {
        let body = "Call [!include[t](a.md)] now.\n";
        assert_eq!(markers(body), ["Inli:[!include[t](a.md)]"]);
        let texts: Vec<_> = events(body)
            .into_iter()
            .filter(|(e, _)| e.starts_with("Text"))
            .map(|(_, t)| t)
            .collect();
        assert_eq!(texts, ["Call ", " now."]);
    }

    #[test]
    fn in_a_list_item_and_in_code_it_is_what_it_is() {
        let body = "- item\n\n  [!INCLUDE [x](b.md)]\n\n```md\n[!INCLUDE [x](b.md)]\n```\n\n`[!INCLUDE [x](c.md)]`\n";
        assert_eq!(markers(body), ["Html:[!INCLUDE [x](b.md)]"]);
    }

    #[test]
    fn paths_are_read_with_angle_brackets_and_titles() {
        assert_eq!(
            path_of("[!INCLUDE [t](<a b.md>)]").as_deref(),
            Some("a b.md")
        );
        assert_eq!(
            path_of("[!INCLUDE [t](a.md \"T\")]").as_deref(),
            Some("a.md")
        );
        assert_eq!(path_of("[!NOTE]"), None);
    }
}
