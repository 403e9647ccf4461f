//! One pulldown-cmark pass with offsets over a page body: headings with their anchors, links
//! and images with the span of their destination, tables cell by cell, code-block spans.
//! All spans are file-relative (the body offset is added).

use super::highlight::block_key;
use crate::slug::{slugify, Slugger};
use crate::source::Span;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown dialect, the same for analysis and rendering so both see the same events.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// The events of a page body with their offsets, as both passes read them.
pub fn parse(body: &str) -> Events<'_> {
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    let paired = super::cjk_emphasis::CjkEmphasis::new(parser, body);
    let images = super::docfx_image::Images::new(paired, body);
    let includes = super::include::Includes::new(images, body);
    if !super::docfx_syntax(body) {
        return Events::Plain(includes);
    }
    let snippets = super::snippet::Snippets::new(includes, body);
    let zones = super::zones::Zones::new(snippets, body);
    let tabs = super::tabs::Tabs::new(zones, body);
    let shorthands = super::xref_shorthand::Shorthands::new(tabs, body);
    Events::DocFx(super::bare_urls::BareUrls::new(shorthands, body))
}

/// What [`parse`] yields: CJK emphasis paired, DocFX `:::image` as images, DocFX includes as
/// one marker each; and on a page that has any of their syntax, DocFX code snippets as one
/// marker each, zones, monikers and tab groups as their HTML, `@uid` shorthands and bare URLs
/// as links (a page without pays nothing for them).
#[allow(
    clippy::large_enum_variant,
    reason = "made once per parse, on the stack; a box would be an allocation per page"
)]
pub enum Events<'a> {
    Plain(Base<'a>),
    DocFx(super::bare_urls::BareUrls<'a, super::xref_shorthand::Shorthands<'a, Tabs<'a>>>),
}

impl<'a> Iterator for Events<'a> {
    type Item = (pulldown_cmark::Event<'a>, std::ops::Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Events::Plain(events) => events.next(),
            Events::DocFx(events) => events.next(),
        }
    }
}

type Base<'a> = super::include::Includes<
    'a,
    super::docfx_image::Images<'a, super::cjk_emphasis::CjkEmphasis<'a>>,
>;

type Tabs<'a> =
    super::tabs::Tabs<'a, super::zones::Zones<'a, super::snippet::Snippets<'a, Base<'a>>>>;

/// A DocFX `[!INCLUDE [title](path)]` of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeRef {
    /// The path as written (relative to the file, or `~/` from the content root).
    pub path: String,
    /// The whole directive.
    pub span: Span,
    /// A paragraph of its own (block content), or inside a paragraph's text.
    pub block: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as pulldown-cmark gives it (escapes processed, not percent-decoded).
    pub dest: String,
    /// The destination's bytes in the file, or the whole link if they cannot be found.
    pub span: Span,
    pub image: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub span: Span,
    /// The cell's content is (or contains) a link.
    pub linked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub span: Span,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// Every table, cell by cell. `page::load` empties it once the playbook structure and
    /// table shapes are read, so that a 10,000-page site does not keep every cell in memory.
    pub tables: Vec<Table>,
    pub code_blocks: Vec<Span>,
    /// `highlight::block_key` of each fenced or indented code block, in order.
    pub code_keys: Vec<u64>,
    /// Code blocks with a language that are too large to highlight (shown plain).
    pub unhighlighted: Vec<Span>,
    /// Offsets of `]` left as text right before a `(`: a link or image CommonMark did not parse
    /// (`[text]((url)`, a title in `「…」`). `rules::page::malformed_links` reads them.
    pub stray_brackets: Vec<usize>,
    /// Where each block quote starts (an alert is a quote whose first line is `> [!NOTE]`).
    pub quotes: Vec<Span>,
    /// The DocFX includes, in order (the renderer meets them in the same order).
    pub includes: Vec<IncludeRef>,
    /// The DocFX tab groups, in order of their first tab.
    pub tab_groups: Vec<super::tabs::TabGroup>,
    /// The DocFX zones and monikers, in order.
    pub zones: Vec<super::zones::Zone>,
    /// `::: zone-end` / `::: moniker-end` lines that close nothing.
    pub stray_zone_ends: Vec<Span>,
    /// The DocFX code snippets, in order (the renderer meets them in the same order).
    pub snippets: Vec<super::snippet::SnippetRef>,
    /// Bare URLs in text (`markdown::bare_urls`), linked as DocFX links them: each one's
    /// source, and the address it links to.
    pub bare_urls: Vec<(Span, String)>,
    /// Indented (not fenced) code blocks: `rules::page::indented_lists` reads their first line.
    pub indented_code: Vec<Span>,
}

#[derive(Default)]
struct TableState {
    table: Option<Table>,
    row: Option<Row>,
    cell: Option<Cell>,
    in_head: bool,
}

/// Analyzes `text[body_start..]`.
pub fn analyze(text: &str, body_start: usize) -> Analysis {
    let body = &text[body_start..];
    let mut out = Analysis::default();
    let mut slugger = Slugger::default();
    let mut heading: Option<(u8, Option<String>, Span, String)> = None;
    let mut t = TableState::default();
    let mut code: Option<(String, String)> = None;
    let mut tabs = super::tabs::Recorder::default();
    let mut zones = super::zones::Recorder::default();
    for (event, range) in parse(body) {
        let span = Span::new(range.start, range.end).shift(body_start);
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    span,
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, custom, span, text)) = heading.take() {
                    let base = custom.unwrap_or_else(|| slugify(&text));
                    let id = slugger.unique(base);
                    out.headings.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        id,
                        span,
                    });
                }
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                let written = &body[range.clone()];
                if link_type == pulldown_cmark::LinkType::Autolink
                    && !written.starts_with(['<', '@'])
                {
                    out.bare_urls.push((span, dest_url.to_string()));
                }
                out.links.push(link(text, &dest_url, span, false));
                if let Some(cell) = t.cell.as_mut() {
                    cell.linked = true;
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.links.push(link(text, &dest_url, span, true))
            }
            Event::Start(Tag::BlockQuote(_)) => out.quotes.push(span),
            Event::Html(marker) | Event::InlineHtml(marker)
                if marker.starts_with(super::include::INLINE) =>
            {
                if let Some(path) = super::include::path_of(&body[range.clone()]) {
                    let block = &*marker == super::include::BLOCK;
                    out.includes.push(IncludeRef { path, span, block });
                }
            }
            Event::Html(html) if &*html == super::snippet::MARKER => {
                if let Some((lang, path)) = super::snippet::read(&body[range.clone()]) {
                    out.snippets
                        .push(super::snippet::SnippetRef { lang, path, span });
                }
            }
            Event::Html(html) => {
                tabs.html(&html, span);
                zones.html(&html, span);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                out.code_blocks.push(span);
                if matches!(kind, CodeBlockKind::Indented) {
                    out.indented_code.push(span);
                }
                code = Some((code_lang(&kind), String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    out.code_keys.push(block_key(&lang, &text));
                    if !lang.is_empty() && !crate::markdown::highlight::fits(&text) {
                        out.unhighlighted.extend(out.code_blocks.last().copied());
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                t.table = Some(Table {
                    span,
                    header: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => out.tables.extend(t.table.take()),
            Event::Start(Tag::TableHead) => t.in_head = true,
            Event::End(TagEnd::TableHead) => t.in_head = false,
            Event::Start(Tag::TableRow) => {
                t.row = Some(Row {
                    cells: Vec::new(),
                    span,
                })
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(table), Some(row)) = (t.table.as_mut(), t.row.take()) {
                    table.rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => {
                t.cell = Some(Cell {
                    text: String::new(),
                    span,
                    linked: false,
                })
            }
            Event::End(TagEnd::TableCell) => end_cell(&mut t),
            Event::Text(s) if code.is_some() => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(&s);
                }
            }
            Event::Text(s) | Event::Code(s) => {
                if stray_bracket(&s, body, &range) {
                    out.stray_brackets.push(span.start);
                }
                if let Some((_, _, _, text)) = heading.as_mut() {
                    text.push_str(&s);
                }
                if let Some(cell) = t.cell.as_mut() {
                    cell.text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    out.tab_groups = tabs.groups;
    out.zones = zones.zones;
    out.stray_zone_ends = zones.stray_ends;
    out
}

/// A text `]` written as such (not escaped) and followed by `(`.
fn stray_bracket(s: &str, body: &str, range: &std::ops::Range<usize>) -> bool {
    s == "]" && body.get(range.clone()) == Some("]") && body[range.end..].starts_with('(')
}

/// The language of a code block: the first word of a fence's info string.
pub fn code_lang(kind: &CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

fn end_cell(t: &mut TableState) {
    let Some(mut cell) = t.cell.take() else {
        return;
    };
    cell.text = cell.text.trim().to_string();
    if t.in_head {
        if let Some(table) = t.table.as_mut() {
            table.header.push(cell);
        }
    } else if let Some(row) = t.row.as_mut() {
        row.cells.push(cell);
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Finds the destination's own bytes inside the link's source (`[text](dest "title")`).
fn link(text: &str, dest: &str, whole: Span, image: bool) -> Link {
    let source = &text[whole.start..whole.end];
    let span = source
        .rfind("](")
        .and_then(|open| {
            let after = open + 2;
            source[after..].find(dest).map(|i| after + i)
        })
        .or_else(|| {
            if dest.is_empty() {
                None
            } else {
                source.find(dest)
            }
        })
        .map_or(whole, |i| {
            Span::new(whole.start + i, whole.start + i + dest.len())
        });
    Link {
        dest: dest.to_string(),
        span,
        image,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchors_and_custom_ids() {
        let a = analyze(
            "# Título\n\n## Resumen\n\n## Resumen\n\n### Other {#custom}\n",
            0,
        );
        let ids: Vec<_> = a.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["título", "resumen", "resumen-1", "custom"]);
        assert_eq!(a.headings[0].level, 1);
        assert_eq!(a.headings[0].text, "Título");
    }

    #[test]
    fn link_spans_point_at_the_destination() {
        let text =
            "---\nx: y\n---\nSee [the kick-off](kick-off-es.md#step) and ![img](media/a.png).\n";
        let start = text.find("See").unwrap();
        let a = analyze(text, start);
        assert_eq!(a.links.len(), 2);
        let l = &a.links[0];
        assert_eq!(&text[l.span.start..l.span.end], "kick-off-es.md#step");
        assert!(a.links[1].image);
        assert_eq!(
            &text[a.links[1].span.start..a.links[1].span.end],
            "media/a.png"
        );
    }

    #[test]
    fn tables_are_read_cell_by_cell() {
        let text = "| Task ID | Name |\n|---|---|\n| [3735](x.md) | Do it |\n| 12 | Other |\n";
        let a = analyze(text, 0);
        let t = &a.tables[0];
        assert_eq!(
            t.header.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["Task ID", "Name"]
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "3735");
        assert!(t.rows[0].cells[0].linked);
        assert!(!t.rows[1].cells[0].linked);
    }

    #[test]
    fn header_wider_than_delimiter_is_not_a_table() {
        let a = analyze("| a | b | c |\n|---|---|\n| 1 | 2 |\n", 0);
        assert!(a.tables.is_empty());
    }
}
