//! DocFX's `:::image type="content" source="media/a.png" alt-text="A diagram":::`, a paragraph
//! of its own, read as the image it is: both passes then see an ordinary image, so its path is
//! resolved, checked and rewritten like any other. `type="icon"` images are decorative (empty
//! alt text). `type="complex"` has a long description up to `:::image-end:::` (in the same
//! paragraph or in blocks of its own): the image, then the description in a `<details>` that
//! the renderer gives its summary ([`DESCRIPTION_OPEN`]).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

/// Opens a complex image's long description (the renderer adds its `<summary>`).
pub const DESCRIPTION_OPEN: &str = "<details class=\"image-description\">\n";
/// Closes it.
pub const DESCRIPTION_CLOSE: &str = "</details>\n";
/// The line that ends a complex image.
const END: &str = ":::image-end:::";

static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^:::image\s+((?:[\w-]+\s*=\s*"[^"\n]*"\s*)+):::$"#).expect("the pattern compiles")
});
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([\w-]+)\s*=\s*"([^"\n]*)""#).expect("the pattern compiles"));

/// An image directive: its source, alt text, and whether it is `complex`.
#[derive(Debug, PartialEq, Eq)]
pub struct Directive {
    pub source: String,
    pub alt: String,
    pub complex: bool,
}

/// The directive a line is.
pub fn directive(line: &str) -> Option<Directive> {
    let caps = IMAGE.captures(line.trim())?;
    let attrs = caps.get(1)?.as_str();
    let get = |name: &str| {
        ATTR.captures_iter(attrs)
            .find(|c| c[1].eq_ignore_ascii_case(name))
            .map(|c| c[2].to_string())
    };
    let kind = get("type").unwrap_or_else(|| "content".into());
    let alt = match kind.eq_ignore_ascii_case("icon") {
        true => String::new(),
        false => get("alt-text").unwrap_or_default(),
    };
    Some(Directive {
        source: get("source")?,
        alt,
        complex: kind.eq_ignore_ascii_case("complex"),
    })
}

/// The events of `inner` with every `:::image` paragraph turned into a paragraph with an image.
pub struct Images<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
    any: bool,
    /// Inside a complex image's description written as blocks of its own.
    describing: bool,
}

impl<'a, I: Iterator<Item = Item<'a>>> Images<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Images {
            inner,
            body,
            ready: VecDeque::new(),
            any: body.contains(":::image"),
            describing: false,
        }
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Images<'a, I> {
    fn html(&mut self, html: &'static str, range: Range<usize>) {
        self.ready.push_back((Event::Html(html.into()), range));
    }

    /// The image's paragraph (the opening one is consumed), then the description's opening.
    fn image(&mut self, d: Directive, open: Item<'a>) {
        let r = open.1.clone();
        let image = Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(d.source),
            title: CowStr::from(""),
            id: CowStr::from(""),
        };
        self.ready.extend([
            open,
            (Event::Start(image), r.clone()),
            (Event::Text(d.alt.into()), r.clone()),
            (Event::End(TagEnd::Image), r.clone()),
            (Event::End(TagEnd::Paragraph), r),
        ]);
    }

    /// A paragraph starting with a complex image: in one paragraph with its description and
    /// end line, or the opening line alone (the description follows as blocks).
    fn complex(&mut self, d: Directive, open: Item<'a>) {
        let range = open.1.clone();
        let text = &self.body[range.clone()];
        let first_end = range.start + text.find('\n').unwrap_or(text.len());
        let trimmed = text.trim_end();
        let last_start = range.start + trimmed.rfind('\n').map_or(0, |i| i + 1);
        let one_paragraph =
            trimmed.lines().count() > 1 && trimmed.lines().last().map(str::trim) == Some(END);
        let mut inner = Vec::new();
        for item in self.inner.by_ref() {
            if matches!(item.0, Event::End(TagEnd::Paragraph)) {
                break;
            }
            if one_paragraph && item.1.start >= first_end && item.1.end <= last_start {
                inner.push(item);
            }
        }
        self.image(d, open);
        self.html(DESCRIPTION_OPEN, range.clone());
        if one_paragraph {
            let r = || first_end..last_start;
            self.ready.push_back((Event::Start(Tag::Paragraph), r()));
            self.ready.extend(inner);
            self.ready.push_back((Event::End(TagEnd::Paragraph), r()));
            self.html(DESCRIPTION_CLOSE, last_start..range.end);
        } else {
            self.describing = true;
        }
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Images<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        let Some(item) = self.inner.next() else {
            // A description never ended: it ends with the page.
            if std::mem::take(&mut self.describing) {
                let end = self.body.len();
                return Some((Event::Html(DESCRIPTION_CLOSE.into()), end..end));
            }
            return None;
        };
        if !self.any || !matches!(item.0, Event::Start(Tag::Paragraph)) {
            return Some(item);
        }
        let range = item.1.clone();
        let text = &self.body[range.clone()];
        if self.describing && text.trim() == END {
            for (event, _) in self.inner.by_ref() {
                if matches!(event, Event::End(TagEnd::Paragraph)) {
                    break;
                }
            }
            self.describing = false;
            return Some((Event::Html(DESCRIPTION_CLOSE.into()), range));
        }
        let first = text.lines().next().unwrap_or("");
        match directive(first) {
            Some(d) if d.complex && !self.describing => self.complex(d, item),
            Some(d) if !d.complex && first.trim() == text.trim() => {
                for (event, _) in self.inner.by_ref() {
                    if matches!(event, Event::End(TagEnd::Paragraph)) {
                        break;
                    }
                }
                self.image(d, item);
            }
            _ => return Some(item),
        }
        self.ready.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(String, String, bool)> {
        directive(line).map(|d| (d.source, d.alt, d.complex))
    }

    fn html(md: &str) -> String {
        let parser = pulldown_cmark::Parser::new(md).into_offset_iter();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Images::new(parser, md).map(|(e, _)| e));
        out
    }

    #[test]
    fn image_directives_are_read() {
        let line = r#":::image type="content" source="media/a.png" alt-text="A diagram":::"#;
        assert_eq!(
            read(line),
            Some(("media/a.png".into(), "A diagram".into(), false))
        );
        let icon = r#":::image type="icon" source="media/i.svg" alt-text="ignored":::"#;
        assert_eq!(
            read(icon),
            Some(("media/i.svg".into(), String::new(), false))
        );
        let complex = r#":::image type="complex" source="a.png" alt-text="x":::"#;
        assert_eq!(read(complex), Some(("a.png".into(), "x".into(), true)));
        assert_eq!(read(":::image source=\"a.png\""), None);
        assert_eq!(read("text :::image source=\"a.png\":::"), None);
    }

    #[test]
    fn a_complex_image_has_its_description_in_details() {
        let one = ":::image type=\"complex\" source=\"a.png\" alt-text=\"A chart\":::\nSales rose *twice*.\n:::image-end:::\n\nAfter.\n";
        assert_eq!(
            html(one),
            "<p><img src=\"a.png\" alt=\"A chart\" /></p>\n<details class=\"image-description\">\n<p>\nSales rose <em>twice</em>.\n</p>\n</details>\n<p>After.</p>\n"
        );
        let blocks = ":::image type=\"complex\" source=\"a.png\" alt-text=\"A chart\":::\n\n- one\n- two\n\n:::image-end:::\n\nAfter.\n";
        assert_eq!(
            html(blocks),
            "<p><img src=\"a.png\" alt=\"A chart\" /></p>\n<details class=\"image-description\">\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</details>\n<p>After.</p>\n"
        );
        let open =
            ":::image type=\"complex\" source=\"a.png\" alt-text=\"A chart\":::\n\nNever ended.\n";
        assert!(
            html(open).ends_with("<p>Never ended.</p>\n</details>\n"),
            "{}",
            html(open)
        );
    }
}
