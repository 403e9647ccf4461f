//! DocFX zones and monikers: `::: zone pivot="python"` … `::: zone-end` and
//! `::: moniker range=">=v3"` … `::: moniker-end`, each on a line of its own (text may
//! follow or precede it without a blank line, as DocFX accepts). This
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
    /// Zone lines written at the start of a line inside a quote or a list item's paragraph (a
    /// lazy continuation line): DocFX reads them after the containers, as the document's.
    after_containers: Vec<ZoneLine>,
}

impl<'a, I: Iterator<Item = Item<'a>>> Zones<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Zones {
            inner,
            body,
            ready: VecDeque::new(),
            open: Nesting::default(),
            any: body.contains(":::"),
            after_containers: Vec::new(),
        }
    }

    fn html(&mut self, html: String, range: Range<usize>) {
        self.ready.push_back((Event::Html(html.into()), range));
    }

    /// A zone line: an opening, an end that closes the section open here, or a stray end.
    fn zone(&mut self, kind: Kind, value: Option<String>, range: Range<usize>) {
        match value {
            Some(value) => {
                self.open.open(kind);
                self.html(open_html(kind, &value), range);
            }
            None if self.open.is_open_here(&kind) => {
                self.open.close();
                self.html(CLOSE.into(), range);
            }
            None => self.html(STRAY_END.into(), range),
        }
    }

    /// A paragraph with zone lines (`range`, after its start event): each zone line becomes its
    /// HTML and the text between them paragraphs of their own, as DocFX reads a zone line
    /// that has text right above or below it. A paragraph whose inline markup spans a zone
    /// line is left as it is.
    fn split(&mut self, range: Range<usize>, lines: Vec<ZoneLine>) {
        let mut events = Vec::new();
        for item in self.inner.by_ref() {
            if matches!(item.0, Event::End(TagEnd::Paragraph)) {
                break;
            }
            events.push(item);
        }
        if !splits_cleanly(&events, &lines) {
            self.ready
                .push_back((Event::Start(Tag::Paragraph), range.clone()));
            self.ready.extend(events);
            self.ready.push_back((Event::End(TagEnd::Paragraph), range));
            return;
        }
        let mut events = events.into_iter().peekable();
        let mut segment = Vec::new();
        for line in lines {
            while let Some(e) = events.next_if(|(_, r)| r.start < line.range.start) {
                segment.push(e);
            }
            // The line's own text and the break after it.
            while events.next_if(|(_, r)| r.start <= line.range.end).is_some() {}
            self.paragraph(&mut segment);
            if line.lazy && self.open.depth() > 0 {
                self.after_containers.push(line);
            } else {
                self.zone(line.kind, line.value, line.range);
            }
        }
        segment.extend(events);
        self.paragraph(&mut segment);
    }

    /// The text between zone lines as a paragraph (none when it is only a line break).
    fn paragraph(&mut self, segment: &mut Vec<Item<'a>>) {
        while matches!(
            segment.last(),
            Some((Event::SoftBreak | Event::HardBreak, _))
        ) {
            segment.pop();
        }
        let (Some(first), Some(last)) = (segment.first(), segment.last()) else {
            return;
        };
        let range = first.1.start..last.1.end;
        self.ready
            .push_back((Event::Start(Tag::Paragraph), range.clone()));
        self.ready.extend(segment.drain(..));
        self.ready.push_back((Event::End(TagEnd::Paragraph), range));
    }
}

/// A zone line inside a paragraph: from its `:::` to the end of its line.
struct ZoneLine {
    range: Range<usize>,
    kind: Kind,
    value: Option<String>,
    /// Not the paragraph's first line, and at the start of its line: no container's marks.
    lazy: bool,
}

/// The zone lines of the paragraph at `range` (a line of a paragraph in a block quote or a
/// list item starts after its container's marks).
fn zone_lines(body: &str, range: &Range<usize>) -> Vec<ZoneLine> {
    let Some(text) = body.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = range.start;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let marks = content.len() - content.trim_start_matches([' ', '\t', '>']).len();
        if let Some((kind, value)) = read_line(&content[marks..]) {
            let lazy = at > range.start && marks == 0;
            let range = at + marks..at + content.len();
            out.push(ZoneLine {
                range,
                kind,
                value,
                lazy,
            });
        }
        at += line.len();
    }
    out
}

/// Every zone line of the paragraph lies outside its inline markup (emphasis, links), so the
/// paragraph can be cut at them. Read in stream order: an end event carries the range of its
/// whole element, so its offset says nothing about where it comes.
fn splits_cleanly(events: &[Item], lines: &[ZoneLine]) -> bool {
    let depth_at = |offset: usize| -> i32 {
        let mut depth = 0;
        for (event, range) in events {
            match event {
                Event::End(_) => depth -= 1,
                _ if range.start >= offset => break,
                Event::Start(_) => depth += 1,
                _ => {}
            }
        }
        depth
    };
    lines
        .iter()
        .all(|l| depth_at(l.range.start) == 0 && depth_at(l.range.end + 1) == 0)
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
                Event::Start(Tag::Paragraph) => {
                    let lines = zone_lines(self.body, &range);
                    if lines.is_empty() {
                        self.open.start();
                        return Some((Event::Start(Tag::Paragraph), range));
                    }
                    self.split(range, lines);
                }
                Event::Start(_) => {
                    self.open.start();
                    return Some((event, range));
                }
                Event::End(_) => {
                    let closed = self.open.end();
                    for _ in 0..closed {
                        self.html(CLOSE.into(), range.start..range.start);
                    }
                    self.ready.push_back((event, range));
                    if self.open.depth() == 0 {
                        for line in std::mem::take(&mut self.after_containers) {
                            self.zone(line.kind, line.value, line.range);
                        }
                    }
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

    #[test]
    fn a_zone_line_with_text_right_above_or_below_it_is_a_line_of_its_own() {
        let out = html("::: moniker range=\">= v2\"\nNew text.\n::: moniker-end\n\nAfter.\n");
        assert_eq!(
            out,
            "<section class=\"moniker\" data-range=\"&gt;= v2\">\n<p>New text.</p>\n</section>\n<p>After.</p>\n"
        );
        let out = html("Before.\n::: zone pivot=\"a\"\nIn *a*.\n::: zone-end\nAfter.\n");
        assert_eq!(
            out,
            "<p>Before.</p>\n<section class=\"zone\" data-pivot=\"a\">\n<p>In <em>a</em>.</p>\n</section>\n<p>After.</p>\n"
        );
    }

    #[test]
    fn an_end_line_that_continues_a_quote_or_a_list_lazily_ends_after_them() {
        let out = html("::: moniker range=\"v1\"\n\n> Old.\n::: moniker-end\n\nAfter.\n");
        assert_eq!(
            out,
            "<section class=\"moniker\" data-range=\"v1\">\n<blockquote>\n<p>Old.</p>\n</blockquote>\n</section>\n<p>After.</p>\n"
        );
        let out =
            html("::: moniker range=\"v1\"\n\n1. One.\n\n   > Old.\n::: moniker-end\n\nAfter.\n");
        assert!(out.ends_with("</ol>\n</section>\n<p>After.</p>\n"), "{out}");
        assert!(!out.contains(":::") && !out.contains(STRAY_END), "{out}");
    }

    #[test]
    fn a_zone_line_inside_inline_markup_is_left_as_text() {
        let out = html("*a\n::: zone-end\nb*\n");
        assert_eq!(out, "<p><em>a\n::: zone-end\nb</em></p>\n");
    }
}
