//! DocFX's `:::image type="content" source="media/a.png" alt-text="A diagram":::`, a paragraph
//! of its own, read as the image it is: both passes then see an ordinary image, so its path is
//! resolved, checked and rewritten like any other. `type="icon"` images are decorative (empty
//! alt text). The `complex` form with a long description up to `:::image-end:::` stays text.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^:::image\s+((?:[\w-]+\s*=\s*"[^"\n]*"\s*)+):::$"#).expect("the pattern compiles")
});
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([\w-]+)\s*=\s*"([^"\n]*)""#).expect("the pattern compiles"));

/// The source and alt text of a paragraph that is one `:::image … :::` directive.
pub fn read(paragraph: &str) -> Option<(String, String)> {
    let caps = IMAGE.captures(paragraph.trim())?;
    let attrs = caps.get(1)?.as_str();
    let get = |name: &str| {
        ATTR.captures_iter(attrs)
            .find(|c| c[1].eq_ignore_ascii_case(name))
            .map(|c| c[2].to_string())
    };
    let kind = get("type").unwrap_or_else(|| "content".into());
    if kind.eq_ignore_ascii_case("complex") {
        return None;
    }
    let alt = match kind.eq_ignore_ascii_case("icon") {
        true => String::new(),
        false => get("alt-text").unwrap_or_default(),
    };
    Some((get("source")?, alt))
}

/// The events of `inner` with every `:::image` paragraph turned into a paragraph with an image.
pub struct Images<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
    any: bool,
}

impl<'a, I: Iterator<Item = Item<'a>>> Images<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Images {
            inner,
            body,
            ready: VecDeque::new(),
            any: body.contains(":::image"),
        }
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Images<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        let item = self.inner.next()?;
        if !self.any || !matches!(item.0, Event::Start(Tag::Paragraph)) {
            return Some(item);
        }
        let range = item.1.clone();
        let Some((source, alt)) = read(&self.body[range.clone()]) else {
            return Some(item);
        };
        for (event, _) in self.inner.by_ref() {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                break;
            }
        }
        let image = Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(source),
            title: CowStr::from(""),
            id: CowStr::from(""),
        };
        let r = || range.clone();
        self.ready.extend([
            (Event::Start(image), r()),
            (Event::Text(alt.into()), r()),
            (Event::End(TagEnd::Image), r()),
            (Event::End(TagEnd::Paragraph), r()),
        ]);
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn image_directives_are_read() {
        let line = r#":::image type="content" source="media/a.png" alt-text="A diagram":::"#;
        assert_eq!(read(line), Some(("media/a.png".into(), "A diagram".into())));
        let icon = r#":::image type="icon" source="media/i.svg" alt-text="ignored":::"#;
        assert_eq!(read(icon), Some(("media/i.svg".into(), String::new())));
        let complex = r#":::image type="complex" source="a.png" alt-text="x":::"#;
        assert_eq!(read(complex), None);
        assert_eq!(read(":::image source=\"a.png\""), None);
        assert_eq!(read("text :::image source=\"a.png\":::"), None);
    }
}
