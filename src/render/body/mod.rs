//! A page body to HTML: pulldown-cmark's events, rewritten on the way to its HTML writer.
//! Heading ids come from the analysis (same order, same ids), links point at output URLs,
//! broken links stay visible, alerts become callouts, code is highlighted, task ids get anchors.

use crate::content::page::Page;
use crate::markdown::alerts::{self, Alert};
use crate::markdown::analyze::code_lang;
use crate::markdown::docfx_blocks;
use crate::markdown::highlight::{escape, Highlighter};
use crate::markdown::include::INLINE;
use crate::render::ui;
use crate::rules::links::{Target, INVISIBLE};
use crate::site::Site;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashSet;

pub struct BodyRenderer<'a> {
    pub site: &'a Site,
    pub highlighter: &'a Highlighter,
    /// The page's site language (for alert titles).
    pub language: &'a crate::config::Language,
}

/// The file whose events are being rewritten: the page, or a file it includes, written into
/// the page (so its URLs are relative to the page's output path).
pub(super) struct Doc<'a> {
    pub src: &'a Page,
    /// The target of each of `src`'s links.
    pub links: &'a [Target],
    /// The page being written.
    pub page: usize,
    /// The includes being written, outermost first (a guard against cycles).
    pub stack: Vec<usize>,
    /// The ids of the headings that includes bring into the page, in the order they are
    /// written (unique on the page: `Includes::headings`), and how many are written.
    pub included_ids: &'a [String],
    pub next_id: &'a std::cell::Cell<usize>,
}

/// The event stream after rewriting: one HTML writer sees all of it (it keeps table state).
struct Rewrite<'r, 'p> {
    renderer: &'r BodyRenderer<'r>,
    doc: Doc<'r>,
    body: &'p str,
    parser: crate::markdown::analyze::Events<'p>,
    state: State<'p>,
    pending: std::collections::VecDeque<Event<'p>>,
    buf: Vec<Event<'p>>,
}

impl<'p> Iterator for Rewrite<'_, 'p> {
    type Item = Event<'p>;

    fn next(&mut self) -> Option<Event<'p>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            let (event, range) = self.parser.next()?;
            self.renderer.transform(
                &self.doc,
                event,
                &self.body[range],
                &mut self.state,
                &mut self.buf,
            );
            self.pending.extend(self.buf.drain(..));
        }
    }
}

/// What an open tag turned into, so that its end tag matches.
enum Open {
    Kept,
    Replaced(&'static str),
}

mod docfx;
mod include;
mod links;
mod table;
mod xref;

struct State<'p> {
    headings: usize,
    links: usize,
    tables: usize,
    includes: usize,
    snippets: usize,
    task_table: Option<Vec<String>>,
    row: Option<usize>,
    cell: usize,
    /// The anchor of the task id cell being written (its span is open).
    task_span: Option<String>,
    in_head: bool,
    /// A task table's header cells as text, and its columns' alignments: each body cell is
    /// labelled with its header (`data-label`) for the phone layout, where rows are cards.
    labels: Vec<String>,
    aligns: Vec<pulldown_cmark::Alignment>,
    open_links: Vec<Open>,
    quotes: Vec<Open>,
    marker: Option<String>,
    held_paragraph: Option<Event<'p>>,
    code: Option<(String, String)>,
    used_ids: HashSet<String>,
    /// The id of the heading being written, for its anchor link at its end.
    heading_id: Option<String>,
    /// The target page's title for an xref link that shows none of its own.
    link_title: Option<xref::Title>,
}

impl BodyRenderer<'_> {
    pub fn render(&self, page: usize) -> String {
        let p = &self.site.pages[page];
        let included_ids: Vec<String> = match p.analysis.includes.is_empty() {
            true => Vec::new(),
            false => self
                .site
                .includes
                .headings(p)
                .into_iter()
                .filter(|(_, inc)| *inc)
                .map(|(h, _)| h.id.clone())
                .collect(),
        };
        let next_id = std::cell::Cell::new(0);
        let doc = Doc {
            src: p,
            links: &self.site.links[page],
            page,
            stack: Vec::new(),
            included_ids: &included_ids,
            next_id: &next_id,
        };
        self.render_doc(doc)
    }

    /// The HTML of a page or of an include inside it.
    fn render_doc(&self, doc: Doc) -> String {
        let p = doc.src;
        let body = p.body();
        let st = State {
            headings: 0,
            links: 0,
            tables: 0,
            includes: 0,
            snippets: 0,
            task_table: None,
            row: None,
            cell: 0,
            task_span: None,
            in_head: false,
            labels: Vec::new(),
            aligns: Vec::new(),
            open_links: Vec::new(),
            quotes: Vec::new(),
            marker: None,
            held_paragraph: None,
            code: None,
            used_ids: p.analysis.headings.iter().map(|h| h.id.clone()).collect(),
            heading_id: None,
            link_title: None,
        };
        let mut out = String::with_capacity(body.len() * 3 / 2);
        let mut events = Rewrite {
            renderer: self,
            doc,
            body,
            parser: crate::markdown::analyze::parse(body),
            state: st,
            pending: std::collections::VecDeque::new(),
            buf: Vec::new(),
        };
        pulldown_cmark::html::push_html(&mut out, &mut events);
        // The passes must see the same headings and links in the same order (ids and targets
        // are looked up by position): a difference is a bug that the test builds catch.
        debug_assert_eq!(
            (events.state.headings, events.state.links),
            (p.analysis.headings.len(), events.doc.links.len()),
            "analysis and rendering out of step in {}",
            p.file.rel
        );
        out
    }

    /// `before`, then a `#` link to `id` to copy, named by the theme's word `label` (without
    /// script it is a plain link there).
    fn anchor_link(&self, before: &str, id: &str, label: &str, class: &str) -> Event<'static> {
        let label = escape(ui::get(self.language, label));
        let id = escape(id);
        Event::Html(
            format!(
                "{before} <a class=\"anchor{class}\" href=\"#{id}\" aria-label=\"{label}\">#</a>"
            )
            .into(),
        )
    }

    fn transform<'e>(
        &self,
        doc: &Doc,
        event: Event<'e>,
        source: &str,
        st: &mut State<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        if st.code.is_some() {
            return self.code_event(event, st, out);
        }
        if st.marker.is_some()
            && alerts::strip_marker(&event, &mut st.marker, &mut st.held_paragraph, out)
        {
            return;
        }
        if let Some(held) = st.held_paragraph.take() {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                return;
            }
            out.push(held);
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id: _,
                classes,
                attrs,
            }) => {
                let id = match doc.stack.is_empty() {
                    true => doc
                        .src
                        .analysis
                        .headings
                        .get(st.headings)
                        .map(|h| h.id.clone()),
                    false => {
                        let n = doc.next_id.get();
                        doc.next_id.set(n + 1);
                        doc.included_ids.get(n).cloned()
                    }
                }
                .map(CowStr::from);
                st.headings += 1;
                st.heading_id = id.as_ref().map(|i| i.to_string());
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            // A visible link to the heading, to copy (its text is not part of the heading's).
            Event::End(TagEnd::Heading(_)) => {
                if let Some(id) = st.heading_id.take() {
                    out.push(self.anchor_link("", &id, "anchor", ""));
                }
                out.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.link_target(doc, &dest_url, st) {
                Ok(Some(url)) => {
                    st.open_links.push(Open::Kept);
                    st.link_title = self.xref_title(doc, &dest_url, link_type, source, st.links);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }));
                }
                Ok(None) => {
                    st.open_links.push(Open::Kept);
                    // An external URL with invisible characters is linked without them.
                    let dest_url = match dest_url.contains(INVISIBLE) {
                        true => dest_url.replace(INVISIBLE, "").into(),
                        false => dest_url,
                    };
                    st.link_title = self.xref_title(doc, &dest_url, link_type, source, st.links);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Err(()) if doc.links.get(st.links - 1) == Some(&Target::Plain) => {
                    st.open_links.push(Open::Replaced(""));
                }
                Err(()) => self.open_broken("broken-link", "broken link", &dest_url, st, out),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.link_target(doc, &dest_url, st) {
                Ok(url) => {
                    st.open_links.push(Open::Kept);
                    let dest_url = url.map_or(dest_url, CowStr::from);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Err(()) => self.open_broken("broken-image", "missing image", &dest_url, st, out),
            },
            Event::Text(_) if st.link_title.is_some() => xref::text(event, st, out),
            Event::End(TagEnd::Link) if st.link_title.is_some() => {
                xref::end(st, out);
                st.open_links.pop();
                out.push(event);
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => match st.open_links.pop() {
                Some(Open::Replaced("")) => {}
                Some(Open::Replaced(close)) => out.push(Event::Html(close.into())),
                _ => out.push(event),
            },
            Event::Start(Tag::BlockQuote(kind)) => {
                let translated = &self.site.config.languages[self.site.pages[doc.page].locale.site]
                    .vocabulary
                    .alerts;
                let video = ui::get(self.language, "video");
                match alerts::detect(source, translated) {
                    Some(alert) => self.open_alert(alert, st, out),
                    None if let Some(block) = docfx_blocks::detect(source, video) => {
                        out.push(Event::Html(block.open.into()));
                        st.quotes.push(Open::Replaced(block.close));
                        st.marker = Some(block.marker);
                    }
                    None => {
                        st.quotes.push(Open::Kept);
                        out.push(Event::Start(Tag::BlockQuote(kind)));
                    }
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => match st.quotes.pop() {
                Some(Open::Replaced(close)) => out.push(Event::Html(close.into())),
                _ => out.push(event),
            },
            Event::Start(Tag::CodeBlock(kind)) => {
                st.code = Some((code_lang(&kind), String::new()));
            }
            Event::Start(Tag::Table(_)) => self.open_table(doc, event, st, out),
            Event::Html(marker) | Event::InlineHtml(marker) if marker.starts_with(INLINE) => {
                self.include(doc, &marker, st, out)
            }
            Event::Html(html) if html.starts_with("<section class=\"") => {
                self.zone_open(&html, out)
            }
            Event::Html(html) if &*html == crate::markdown::zones::STRAY_END => {}
            Event::Html(html) if &*html == crate::markdown::docfx_image::DESCRIPTION_OPEN => {
                let summary = escape(ui::get(self.language, "image_description"));
                out.push(Event::Html(
                    format!("{html}<summary>{summary}</summary>\n").into(),
                ));
            }
            Event::Html(html) if &*html == crate::markdown::snippet::MARKER => {
                self.snippet(doc, st, out)
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html("</div>\n".into()));
                st.task_table = None;
            }
            Event::Start(Tag::TableHead) => {
                st.in_head = true;
                out.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                st.in_head = false;
                out.push(event);
            }
            Event::Start(Tag::TableRow) => {
                st.row = Some(st.row.map_or(0, |r| r + 1));
                st.cell = 0;
                out.push(event);
            }
            Event::Start(Tag::TableCell) => {
                st.cell += 1;
                self.open_cell(event, st, out);
                if let Some(id) = self.task_cell_id(st) {
                    out.push(Event::Html(
                        format!("<span class=\"task-id\" id=\"{}\">", escape(&id)).into(),
                    ));
                    st.task_span = Some(id);
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(id) = st.task_span.take() {
                    // A link to the task's row, to copy (outline.js copies it on click).
                    out.push(self.anchor_link("</span>", &id, "task_anchor", " task-link"));
                }
                out.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) if st.in_head && st.task_table.is_some() => {
                if let Some(label) = st.labels.last_mut() {
                    label.push_str(t);
                }
                out.push(event);
            }
            other => out.push(other),
        }
    }

    fn open_alert<'e>(&self, alert: Alert, st: &mut State<'e>, out: &mut Vec<Event<'e>>) {
        let title = crate::render::ui::get(self.language, alert.kind);
        let role = if matches!(alert.kind, "warning" | "caution") {
            "alert"
        } else {
            "note"
        };
        out.push(Event::Html(
            format!(
                "<div class=\"alert alert-{}\" role=\"{role}\"><p class=\"alert-title\">{}</p>\n",
                alert.kind,
                escape(title)
            )
            .into(),
        ));
        st.quotes.push(Open::Replaced("</div>\n"));
        st.marker = Some(alert.marker);
    }

    fn code_event<'e>(&self, event: Event<'e>, st: &mut State<'e>, out: &mut Vec<Event<'e>>) {
        match event {
            Event::Text(text) => {
                if let Some((_, code)) = st.code.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, code)) = st.code.take() {
                    out.push(Event::Html(
                        self.highlighter.block(&lang, &code).to_string().into(),
                    ));
                }
            }
            _ => {}
        }
    }
}
