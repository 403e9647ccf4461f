//! DocFX zones and monikers: `::: zone pivot="python"` … `::: zone-end` and
//! `::: moniker range=">=v3"` … `::: moniker-end`, each line a paragraph of its own. This
//! adapter, in the stream both passes read, turns each opening line into the opening HTML of a
//! labelled `<section>` and each end line into its close; a section left open closes where its
//! container ends. The analysis records every zone (`Zone`) for the rules: one left open, an
//! end that closes nothing, a pivot no `zone_pivot_groups.yml` defines.

use super::nesting::Nesting;
use pulldown_cmark::{Event, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

/// How a zone's section starts (the renderer labels it).
pub const ZONE_OPEN: &str = "<section class=\"zone\" data-pivot=\"";
/// How a moniker's section starts.
pub const MONIKER_OPEN: &str = "<section class=\"moniker\" data-range=\"";
/// The close of either.
pub const CLOSE: &str = "</section>\n";
/// An end line that closes nothing: written as nothing, recorded for its finding.
pub const STRAY_END: &str = "<!-- zone-end -->\n";

static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^:::\s*(zone|moniker)(?:\s+(pivot|range)\s*=\s*"([^"\n]*)"|-end)\s*$"#)
        .expect("the zone pattern compiles")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Zone,
    Moniker,
}

/// A zone or moniker as the analysis records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub kind: Kind,
    /// The pivots (`python,java`) or the range, as written.
    pub value: String,
    /// The opening line.
    pub span: crate::source::Span,
    /// Closed by its end line (not by the end of its container).
    pub closed: bool,
}

/// What a line is: an opening (kind, value) or an end (kind).
fn read_line(text: &str) -> Option<(Kind, Option<String>)> {
    let text = text.trim();
    if !text.starts_with(":::") {
        return None;
    }
    let c = LINE.captures(text)?;
    let kind = match c.get(1)?.as_str().to_ascii_lowercase().as_str() {
        "zone" => Kind::Zone,
        _ => Kind::Moniker,
    };
    match (c.get(2), c.get(3)) {
        (Some(attr), Some(value)) => {
            let fits = match kind {
                Kind::Zone => attr.as_str().eq_ignore_ascii_case("pivot"),
                Kind::Moniker => attr.as_str().eq_ignore_ascii_case("range"),
            };
            fits.then(|| (kind, Some(value.as_str().trim().to_string())))
        }
        _ => Some((kind, None)),
    }
}

/// The opening HTML of a section (`value` escaped; the renderer adds the label).
fn open_html(kind: Kind, value: &str) -> String {
    let prefix = match kind {
        Kind::Zone => ZONE_OPEN,
        Kind::Moniker => MONIKER_OPEN,
    };
    format!("{prefix}{}\">\n", super::highlight::escape(value))
}

/// The kind and value of a section's opening HTML as [`Zones`] writes it.
pub fn opened(html: &str) -> Option<(Kind, String)> {
    let (kind, rest) = match html.strip_prefix(ZONE_OPEN) {
        Some(rest) => (Kind::Zone, rest),
        None => (Kind::Moniker, html.strip_prefix(MONIKER_OPEN)?),
    };
    let value = rest.strip_suffix("\">\n")?;
    Some((kind, crate::markdown::highlight::unescape(value)))
}

/// The events of `inner` with zone and moniker lines turned into section HTML.
pub struct Zones<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
    /// The open sections.
    open: Nesting<Kind>,
    /// The body has a `:::` at all (else every event passes as it is).
    any: bool,
}

impl<'a, I: Iterator<Item = Item<'a>>> Zones<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Zones {
            inner,
            body,
            ready: VecDeque::new(),
            open: Nesting::default(),
            any: body.contains(":::"),
        }
    }

    fn html(&mut self, html: String, range: Range<usize>) {
        self.ready.push_back((Event::Html(html.into()), range));
    }

    /// A paragraph that is a zone line: swallowed into its HTML. Else `None`.
    fn line(&mut self, range: &Range<usize>) -> Option<()> {
        let (kind, value) = read_line(self.body.get(range.clone())?)?;
        for (event, _) in self.inner.by_ref() {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                break;
            }
        }
        match value {
            Some(value) => {
                self.open.open(kind);
                self.html(open_html(kind, &value), range.clone());
            }
            None if self.open.is_open_here(&kind) => {
                self.open.close();
                self.html(CLOSE.into(), range.clone());
            }
            None => self.html(STRAY_END.into(), range.clone()),
        }
        Some(())
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Zones<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            let Some((event, range)) = self.inner.next() else {
                let end = self.body.len();
                self.open.close()?;
                self.html(CLOSE.into(), end..end);
                continue;
            };
            if !self.any {
                return Some((event, range));
            }
            match event {
                Event::Start(Tag::Paragraph) if self.line(&range).is_some() => {}
                Event::Start(_) => {
                    self.open.start();
                    return Some((event, range));
                }
                Event::End(_) => {
                    let closed = self.open.end();
                    if closed == 0 {
                        return Some((event, range));
                    }
                    for _ in 0..closed {
                        self.html(CLOSE.into(), range.start..range.start);
                    }
                    self.ready.push_back((event, range));
                }
                _ => return Some((event, range)),
            }
        }
    }
}

/// Builds [`Zone`]s from the HTML events [`Zones`] yields, and the stray end lines.
#[derive(Debug, Default)]
pub struct Recorder {
    pub zones: Vec<Zone>,
    pub stray_ends: Vec<crate::source::Span>,
    open: Vec<usize>,
}

impl Recorder {
    pub fn html(&mut self, html: &str, span: crate::source::Span) {
        if let Some((kind, value)) = opened(html) {
            self.open.push(self.zones.len());
            self.zones.push(Zone {
                kind,
                value,
                span,
                closed: false,
            });
        } else if html == CLOSE {
            if let Some(z) = self.open.pop() {
                self.zones[z].closed = span.end > span.start;
            }
        } else if html == STRAY_END {
            self.stray_ends.push(span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn html(md: &str) -> String {
        let parser = Parser::new_ext(md, crate::markdown::analyze::options()).into_offset_iter();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Zones::new(parser, md).map(|(e, _)| e));
        out
    }

    #[test]
    fn lines_are_read_as_docfx_writes_them() {
        assert_eq!(
            read_line("::: zone pivot=\"python,java\""),
            Some((Kind::Zone, Some("python,java".into())))
        );
        assert_eq!(read_line(":::zone-end"), Some((Kind::Zone, None)));
        assert_eq!(
            read_line("::: moniker range=\">=aspnetcore-3.0\""),
            Some((Kind::Moniker, Some(">=aspnetcore-3.0".into())))
        );
        assert_eq!(read_line("::: zone range=\"x\""), None);
        assert_eq!(read_line("::: zone pivot=\"x\" more"), None);
    }

    #[test]
    fn zones_become_sections_and_close_with_their_container() {
        let out = html("::: zone pivot=\"python\"\n\nFor Python.\n\n::: zone-end\n\nAfter.\n");
        assert_eq!(
            out,
            "<section class=\"zone\" data-pivot=\"python\">\n<p>For Python.</p>\n</section>\n<p>After.</p>\n"
        );
        let out = html("> ::: moniker range=\"&lt;v2\"\n>\n> Old.\n\nOut.\n");
        assert!(
            out.contains("<p>Old.</p>\n</section>\n</blockquote>"),
            "{out}"
        );
        let out = html("::: zone-end\n\nText.\n");
        assert!(out.starts_with(STRAY_END), "{out}");
        let (kind, value) = opened(&open_html(Kind::Moniker, ">=3 & <5")).unwrap();
        assert_eq!((kind, value.as_str()), (Kind::Moniker, ">=3 & <5"));
    }
}
