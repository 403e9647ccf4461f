//! DocFX's `@uid` shorthand for a cross reference, in text: each `@name` (after a space or
//! punctuation, never inside a word such as an e-mail address, a link or code) becomes a link
//! whose destination is `@name`. Link resolution makes it the page of that uid, shown with the
//! page's title; a name no page declares stays the text it was, with no finding (DocFX does
//! the same: `@` is common in prose).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

static SHORTHAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(\[{,;])(@[A-Za-z_](?:[\w.\-]*\w)?)")
        .expect("the shorthand pattern compiles")
});

/// Whether `text` has an `@name` anywhere (in code too: a first look).
pub fn any(text: &str) -> bool {
    SHORTHAND.is_match(text)
}

/// The `@name` spans of a text, relative to it.
fn found(text: &str) -> Vec<Range<usize>> {
    SHORTHAND
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.range()))
        .collect()
}

pub struct Shorthands<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
    any: bool,
    /// Inside a link or an image (no link inside a link).
    in_link: usize,
}

impl<'a, I: Iterator<Item = Item<'a>>> Shorthands<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Shorthands {
            inner,
            body,
            ready: VecDeque::new(),
            any: body.contains('@'),
            in_link: 0,
        }
    }

    /// A text event split around its shorthands; only text written as it reads (no escapes),
    /// so that every piece keeps its place in the file.
    fn split(&mut self, text: CowStr<'a>, range: Range<usize>) -> Option<()> {
        if !text.contains('@') || self.body.get(range.clone())? != &*text {
            return None;
        }
        let spans = found(&text);
        if spans.is_empty() {
            return None;
        }
        let mut at = 0;
        for s in spans {
            if s.start > at {
                let piece = text[at..s.start].to_string();
                self.ready.push_back((
                    Event::Text(piece.into()),
                    range.start + at..range.start + s.start,
                ));
            }
            let r = range.start + s.start..range.start + s.end;
            let name = text[s.clone()].to_string();
            let link = Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: name.clone().into(),
                title: "".into(),
                id: "".into(),
            };
            self.ready.extend([
                (Event::Start(link), r.clone()),
                (Event::Text(name.into()), r.clone()),
                (Event::End(TagEnd::Link), r),
            ]);
            at = s.end;
        }
        if at < text.len() {
            let piece = text[at..].to_string();
            self.ready
                .push_back((Event::Text(piece.into()), range.start + at..range.end));
        }
        Some(())
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Shorthands<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        let (event, range) = self.inner.next()?;
        if !self.any {
            return Some((event, range));
        }
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.in_link += 1;
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                self.in_link = self.in_link.saturating_sub(1);
            }
            Event::Text(text) if self.in_link == 0 => {
                if self.split(text.clone(), range.clone()).is_some() {
                    return self.ready.pop_front();
                }
                return Some((Event::Text(text), range));
            }
            _ => {}
        }
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands_are_found_after_a_space_never_inside_a_word() {
        let text = "See @guides.setup, (@a_b) and a@b.com or @x. @";
        let names: Vec<&str> = found(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(names, ["@guides.setup", "@a_b", "@x"]);
    }

    #[test]
    fn text_is_split_into_links_in_place_and_code_is_left() {
        let md = "Read @guides.setup now.\n\n`@not.this` and [@nor.this](x.md)\n";
        let parser = pulldown_cmark::Parser::new(md).into_offset_iter();
        let events: Vec<(String, &str)> = Shorthands::new(parser, md)
            .map(|(e, r)| (format!("{e:?}"), &md[r]))
            .collect();
        let links: Vec<&str> = events
            .iter()
            .filter(|(e, _)| e.starts_with("Start(Link"))
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(links, ["@guides.setup", "[@nor.this](x.md)"]);
        let texts: Vec<&str> = events
            .iter()
            .filter(|(e, _)| e.starts_with("Text"))
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(&texts[..3], ["Read ", "@guides.setup", " now."]);
    }
}
