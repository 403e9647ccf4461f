//! DocFX tabs: `# [Label](#tab/id)` headings, each opening a tab whose content runs to the
//! next tab heading; the group ends at a `---` rule, or where its container (the document, a
//! list item, a quote) ends. `#tab/id/condition` is a dependent tab, shown while the tab
//! `condition` is chosen in another group.
//!
//! This adapter, in the stream both passes read, turns the group into HTML events: a `<div>`
//! holding one `<section>` per tab with its label as a paragraph. Without script every panel
//! shows under its label (and in print); the theme's script turns the labels into an ARIA tab
//! list. The tab heading is no heading of the page (not in "On this page") and its `#tab/…`
//! link no link. A `---` written right under a tab's last line, which CommonMark reads as a
//! heading underline, closes the group instead.

use super::nesting::Nesting;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

type Item<'a> = (Event<'a>, Range<usize>);

/// What opens a group (the analysis recognizes it).
pub const GROUP_OPEN: &str = "<div class=\"tabs\" data-tabs>\n";
/// What closes one.
pub const GROUP_CLOSE: &str = "</section>\n</div>\n";
/// How a tab's section starts.
pub const PANEL_OPEN: &str = "<section class=\"tab-panel\"";

/// One `#tab/…` destination: its ids (`a+b`) and its condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabRef {
    pub id: String,
    pub condition: String,
}

/// Reads `#tab/id`, `#tab/id+id2`, `#tab/id/condition` as DocFX does (letters, digits, `-`).
pub fn parse_href(href: &str) -> Option<TabRef> {
    let rest = href.strip_prefix("#tab/")?;
    let (id, condition) = rest.split_once('/').unwrap_or((rest, ""));
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let ok = id.split('+').all(word) && (condition.is_empty() || word(condition));
    ok.then(|| TabRef {
        id: id.to_string(),
        condition: condition.to_string(),
    })
}

/// The tab of a panel's opening HTML (as [`Tabs`] writes it).
pub fn panel_tab(html: &str) -> Option<TabRef> {
    let rest = html.strip_prefix(PANEL_OPEN)?;
    let attr = |name: &str| {
        let start = rest.find(&format!("{name}=\""))? + name.len() + 2;
        let len = rest[start..].find('"')?;
        Some(rest[start..start + len].to_string())
    };
    Some(TabRef {
        id: attr("data-tab")?,
        condition: attr("data-condition")?,
    })
}

/// A tab group as the analysis records it (spans file-relative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabGroup {
    /// Each tab and its heading.
    pub tabs: Vec<(TabRef, crate::source::Span)>,
    /// Where the group ends: its `---`, or where its container or the document ends.
    pub end: usize,
    /// Ended by a `---` (not by the end of its container).
    pub closed: bool,
}

/// Builds [`TabGroup`]s from the HTML events [`Tabs`] yields, in order.
#[derive(Debug, Default)]
pub struct Recorder {
    pub groups: Vec<TabGroup>,
    open: Vec<usize>,
}

impl Recorder {
    /// Reads one HTML event; `span` is its file-relative span.
    pub fn html(&mut self, html: &str, span: crate::source::Span) {
        if html == GROUP_OPEN {
            self.open.push(self.groups.len());
            self.groups.push(TabGroup {
                tabs: Vec::new(),
                end: span.end,
                closed: false,
            });
        } else if let Some(tab) = panel_tab(html) {
            if let Some(&g) = self.open.last() {
                self.groups[g].tabs.push((tab, span));
            }
        } else if html == GROUP_CLOSE {
            if let Some(g) = self.open.pop() {
                self.groups[g].end = span.end;
                self.groups[g].closed = span.end > span.start;
            }
        }
    }
}

/// The events of `inner` with every tab group turned into its HTML.
pub struct Tabs<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
    /// The open groups.
    groups: Nesting<()>,
    /// The body has a `#tab/` link at all (else every event passes as it is).
    any: bool,
}

impl<'a, I: Iterator<Item = Item<'a>>> Tabs<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Tabs {
            inner,
            body,
            ready: VecDeque::new(),
            groups: Nesting::default(),
            any: body.contains("#tab/"),
        }
    }

    fn html(&mut self, html: String, range: Range<usize>) {
        self.ready.push_back((Event::Html(html.into()), range));
    }

    /// A heading: a tab, the `---` that closes a group, or a heading as it was.
    fn heading(&mut self, first: Item<'a>) {
        let mut items = vec![first];
        for item in self.inner.by_ref() {
            let end = matches!(item.0, Event::End(TagEnd::Heading(_)));
            items.push(item);
            if end {
                break;
            }
        }
        if let Some(tab) = tab_of(&items) {
            return self.tab(tab, items);
        }
        let range = items[0].1.clone();
        let in_group = self.groups.is_open_here(&());
        match underline(self.body, &range, &items[0].0) {
            Some(rule) if in_group => {
                let last = items.len() - 1;
                items[0].0 = Event::Start(Tag::Paragraph);
                items[last].0 = Event::End(TagEnd::Paragraph);
                self.ready.extend(items);
                self.groups.close();
                self.html(GROUP_CLOSE.into(), rule);
            }
            _ => self.ready.extend(items),
        }
    }

    /// A tab heading: the previous panel closed (or the group opened), this one opened with
    /// the link's text as its label.
    fn tab(&mut self, tab: TabRef, items: Vec<Item<'a>>) {
        let range = items[0].1.clone();
        if self.groups.is_open_here(&()) {
            self.html("</section>\n".into(), range.start..range.start);
        } else {
            self.groups.open(());
            self.html(GROUP_OPEN.into(), range.start..range.start);
        }
        let attr = |s: &str| super::highlight::escape(s);
        self.html(
            format!(
                "{PANEL_OPEN} data-tab=\"{}\" data-condition=\"{}\">\n<p class=\"tab-title\">",
                attr(&tab.id),
                attr(&tab.condition)
            ),
            range.clone(),
        );
        // The label: what is inside the link, inside the heading.
        let inner = items.len().saturating_sub(4);
        self.ready.extend(items.into_iter().skip(2).take(inner));
        self.html("</p>\n".into(), range.end..range.end);
    }
}

/// The tab a heading's events make, if its only content is one `#tab/…` link.
fn tab_of(items: &[Item]) -> Option<TabRef> {
    let n = items.len();
    if n < 4 {
        return None;
    }
    let Event::Start(Tag::Link { dest_url, .. }) = &items[1].0 else {
        return None;
    };
    if !matches!(items[n - 2].0, Event::End(TagEnd::Link)) {
        return None;
    }
    // The link must be the heading's only child (links do not nest: no other ends inside).
    let inside = &items[2..n - 2];
    if inside
        .iter()
        .any(|(e, _)| matches!(e, Event::End(TagEnd::Link)))
    {
        return None;
    }
    parse_href(dest_url)
}

/// The range of a setext `---` underline, if the heading is an h2 written that way.
fn underline(body: &str, range: &Range<usize>, start: &Event) -> Option<Range<usize>> {
    if !matches!(
        start,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            ..
        })
    ) {
        return None;
    }
    let text = body.get(range.clone())?.trim_end();
    let last_start = text.rfind('\n')? + 1;
    let last = text[last_start..].trim();
    (last.len() >= 3 && last.bytes().all(|b| b == b'-'))
        .then(|| range.start + last_start..range.start + text.len())
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Tabs<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            let Some((event, range)) = self.inner.next() else {
                let end = self.body.len();
                self.groups.close()?;
                self.html(GROUP_CLOSE.into(), end..end);
                continue;
            };
            if !self.any {
                return Some((event, range));
            }
            match event {
                Event::Start(Tag::Heading { .. }) => self.heading((event, range)),
                Event::Rule if self.groups.is_open_here(&()) => {
                    self.groups.close();
                    self.html(GROUP_CLOSE.into(), range);
                }
                Event::Start(_) => {
                    self.groups.start();
                    return Some((event, range));
                }
                Event::End(_) => {
                    // A container that ends closes the groups inside it.
                    let closed = self.groups.end();
                    if closed == 0 {
                        return Some((event, range));
                    }
                    for _ in 0..closed {
                        self.html(GROUP_CLOSE.into(), range.start..range.start);
                    }
                    self.ready.push_back((event, range));
                }
                _ => return Some((event, range)),
            }
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
        pulldown_cmark::html::push_html(&mut out, Tabs::new(parser, md).map(|(e, _)| e));
        out
    }

    #[test]
    fn hrefs_read_as_docfx_reads_them() {
        let t = parse_href("#tab/dotnet/linux").unwrap();
        assert_eq!((t.id.as_str(), t.condition.as_str()), ("dotnet", "linux"));
        assert_eq!(parse_href("#tab/a+b").unwrap().id, "a+b");
        assert!(parse_href("#tab/").is_none());
        assert!(parse_href("#tab/a b").is_none());
        assert!(parse_href("#tab/a/b/c").is_none());
        assert!(parse_href("#tabs/a").is_none());
    }

    #[test]
    fn a_group_becomes_sections_until_the_rule() {
        let out = html("# [Linux](#tab/linux)\n\nFor *Linux*.\n\n# [Win `10`](#tab/windows)\n\nFor Windows.\n\n---\n\nAfter.\n");
        assert_eq!(
            out,
            "<div class=\"tabs\" data-tabs>\n<section class=\"tab-panel\" data-tab=\"linux\" data-condition=\"\">\n<p class=\"tab-title\">Linux</p>\n<p>For <em>Linux</em>.</p>\n</section>\n<section class=\"tab-panel\" data-tab=\"windows\" data-condition=\"\">\n<p class=\"tab-title\">Win <code>10</code></p>\n<p>For Windows.</p>\n</section>\n</div>\n<p>After.</p>\n"
        );
    }

    #[test]
    fn a_rule_under_text_closes_the_group_and_keeps_the_text() {
        let out = html("## [A](#tab/a)\n\nText\n---\n\nAfter\n");
        assert!(
            out.contains("<p>Text</p>\n</section>\n</div>\n<p>After</p>"),
            "{out}"
        );
        assert!(!out.contains("<h2>"), "{out}");
        // Outside a group it stays a heading.
        assert_eq!(html("Text\n---\n"), "<h2>Text</h2>\n");
    }

    #[test]
    fn groups_end_with_their_container_and_the_document() {
        let out = html("- # [A](#tab/a)\n  one\n- after\n\n# [B](#tab/b)\n\nlast\n");
        assert_eq!(out.matches(GROUP_OPEN).count(), 2, "{out}");
        assert_eq!(out.matches(GROUP_CLOSE).count(), 2, "{out}");
        assert!(out.contains("one</section>\n</div>\n</li>"), "{out}");
    }

    #[test]
    fn headings_that_are_not_only_a_tab_link_stay_headings() {
        assert_eq!(
            html("# [A](#tab/a) more\n"),
            "<h1><a href=\"#tab/a\">A</a> more</h1>\n"
        );
        assert_eq!(
            html("# [A](#other)\n"),
            "<h1><a href=\"#other\">A</a></h1>\n"
        );
    }

    #[test]
    fn panels_give_back_their_tab() {
        let t = panel_tab("<section class=\"tab-panel\" data-tab=\"a+b\" data-condition=\"c\">\n")
            .unwrap();
        assert_eq!((t.id.as_str(), t.condition.as_str()), ("a+b", "c"));
    }
}
