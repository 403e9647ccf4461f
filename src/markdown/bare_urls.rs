//! Bare web addresses in text (`https://aka.ms/x`, `www.example.com`), linked as DocFX
//! (Markdig's autolinks) and GitHub link them; CommonMark alone shows them as text. A URL
//! starts after a space, punctuation such as `(` or `*`, or a CJK character (CJK text has no
//! spaces), and ends before a space, `<`, a quote, `|` or a non-ASCII character; trailing
//! `.`, `,`, `:` and the like, and a `)` that closes nothing, are not part of it. Text in
//! links, code and raw `<a>` elements is left alone. The link's source has no `<`, which is
//! how the analysis tells it from an autolink for `bare-url`.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i:https?://|www\.)[^\s<>"'`|\x{80}-\x{10FFFF}]+"#)
        .expect("the URL pattern compiles")
});

/// The bare URLs of `text` (a piece of source), relative to it.
pub fn find(text: &str) -> Vec<Range<usize>> {
    URL.find_iter(text)
        .filter(|m| starts_a_url(text[..m.start()].chars().next_back()))
        .filter_map(|m| {
            let end = m.start() + trimmed_len(m.as_str());
            valid(&text[m.start()..end]).then_some(m.start()..end)
        })
        .collect()
}

/// Whether a body may hold a bare URL: a first look, so that pages without skip the adapter.
/// A link's destination (`](https://`) or an autolink (`<https://`) does not count.
pub fn any(body: &str) -> bool {
    let at = |needle: &str| {
        body.match_indices(needle).any(|(i, _)| {
            let before = &body[..i];
            !after_bracket(before)
                && !in_directive(before)
                && starts_a_url(before.chars().next_back())
        })
    };
    at("http") || at("www.")
}

/// Whether text before a URL ends with `](` or `]((`: the destination of a link CommonMark
/// did not read.
fn after_bracket(before: &str) -> bool {
    let before = before.strip_suffix('(').unwrap_or(before);
    let before = before.strip_suffix('(').unwrap_or(before);
    before.ends_with(']')
}

/// Whether the line before a URL opened a DocFX `[!WORD …]` marker it has not closed.
fn in_directive(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.rfind("[!").is_some_and(|at| !line[at..].contains(']'))
}

/// What may stand right before a URL: nothing, a space, an opening or emphasis mark, or a
/// non-ASCII character (Japanese and Chinese write a URL right after a word).
fn starts_a_url(before: Option<char>) -> bool {
    match before {
        None => true,
        Some(c) => c.is_whitespace() || "*_~(".contains(c) || !c.is_ascii(),
    }
}

/// The URL's length without trailing punctuation and without a `)` that closes nothing.
fn trimmed_len(url: &str) -> usize {
    let mut end = url.len();
    loop {
        let s = &url[..end];
        let Some(last) = s.chars().next_back() else {
            return end;
        };
        let unbalanced = last == ')' && s.matches(')').count() > s.matches('(').count();
        if "?!.,:;*_~\\".contains(last) || unbalanced {
            end -= 1;
        } else {
            return end;
        }
    }
}

/// A host with a dot after `www.`, or any host after a scheme; letters, digits, `-`, `.`.
fn valid(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let (rest, needs_dot) = match lower.strip_prefix("https://") {
        Some(rest) => (rest, false),
        None => match lower.strip_prefix("http://") {
            Some(rest) => (rest, false),
            None => (&lower["www.".len().min(lower.len())..], true),
        },
    };
    let host = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
        && (!needs_dot || host.contains('.'))
}

/// The URL a bare address links to: backslash escapes dropped, `https://` before `www.`.
pub fn href(source: &str) -> String {
    let shown = shown(source);
    if source.len() >= 4 && source[..4].eq_ignore_ascii_case("www.") {
        return format!("https://{shown}");
    }
    shown
}

/// The text a bare address shows: as written, escapes dropped.
fn shown(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

pub struct BareUrls<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
    any: bool,
    /// Inside a link, an image, a code block or a raw `<a>` element.
    inside: usize,
}

impl<'a, I: Iterator<Item = Item<'a>>> BareUrls<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        BareUrls {
            inner,
            body,
            ready: VecDeque::new(),
            any: any(body),
            inside: 0,
        }
    }

    /// A run of adjacent text events (an escape splits text in several), with the event that
    /// ended it, if any.
    fn run(&mut self, first: Item<'a>) -> (Vec<Item<'a>>, Option<Item<'a>>) {
        let mut run = vec![first];
        loop {
            let end = run.last().map_or(0, |l: &Item<'a>| l.1.end);
            match self.inner.next() {
                // Adjacent, or apart by the `\` of an escape (`Home\#/Find`).
                Some((Event::Text(t), r))
                    if r.start == end || self.body.get(end..r.start) == Some("\\") =>
                {
                    run.push((Event::Text(t), r))
                }
                other => return (run, other),
            }
        }
    }

    /// The run's events with each bare URL in it made a link.
    fn link(&mut self, run: Vec<Item<'a>>) {
        let (start, end) = (run[0].1.start, run[run.len() - 1].1.end);
        let Some(source) = self.body.get(start..end) else {
            self.ready.extend(run);
            return;
        };
        let urls = find(source);
        if urls.is_empty() {
            self.ready.extend(run);
            return;
        }
        let mut at = start;
        for url in urls {
            let url = start + url.start..start + url.end;
            let before = &self.body[..url.start];
            if after_bracket(before) || in_directive(before) {
                // `[text]((url)` is a malformed link (`malformed-link`); `[!VIDEO url]` a
                // DocFX block the renderer reads from its text.
                continue;
            }
            self.plain(&run, at..url.start);
            let written = &self.body[url.clone()];
            let tag = Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: href(written).into(),
                title: "".into(),
                id: "".into(),
            };
            self.ready.extend([
                (Event::Start(tag), url.clone()),
                (Event::Text(shown(written).into()), url.clone()),
                (Event::End(TagEnd::Link), url.clone()),
            ]);
            at = url.end;
        }
        self.plain(&run, at..end);
    }

    /// The run's text between two source offsets: whole events as they were, a piece of one
    /// as its text (or its source, for an event whose text is not as written).
    fn plain(&mut self, run: &[Item<'a>], span: Range<usize>) {
        for (event, range) in run {
            let (s, e) = (span.start.max(range.start), span.end.min(range.end));
            if s >= e {
                continue;
            }
            if (s, e) == (range.start, range.end) {
                self.ready.push_back((event.clone(), range.clone()));
                continue;
            }
            let Event::Text(text) = event else { continue };
            let written = &self.body[range.clone()];
            let piece: CowStr<'a> = if written == &**text {
                text[s - range.start..e - range.start].to_string().into()
            } else {
                self.body[s..e].to_string().into()
            };
            self.ready.push_back((Event::Text(piece), s..e));
        }
    }

    fn track(&mut self, event: &Event<'a>) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.inside += 1
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                self.inside = self.inside.saturating_sub(1)
            }
            Event::InlineHtml(html) => {
                let lower = html.trim_start().to_ascii_lowercase();
                if lower.starts_with("<a ") || lower == "<a>" {
                    self.inside += 1;
                } else if lower.starts_with("</a") {
                    self.inside = self.inside.saturating_sub(1);
                }
            }
            _ => {}
        }
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for BareUrls<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        let (event, range) = self.inner.next()?;
        if !self.any {
            return Some((event, range));
        }
        if matches!(event, Event::Text(_)) && self.inside == 0 {
            let (run, after) = self.run((event, range));
            self.link(run);
            if let Some(after) = after {
                self.track(&after.0);
                self.ready.push_back(after);
            }
            return self.ready.pop_front();
        }
        self.track(&event);
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn urls_end_where_prose_takes_over() {
        assert_eq!(
            urls("See https://aka.ms/fasttrackterms. Or (www.example.com/a_(b))."),
            ["https://aka.ms/fasttrackterms", "www.example.com/a_(b)"]
        );
        assert_eq!(
            urls("詳しくはhttp://aka.ms/fasttrackterms詳しくは、"),
            ["http://aka.ms/fasttrackterms"]
        );
        assert_eq!(
            urls("https://x.org/Home\\#/Find"),
            ["https://x.org/Home\\#/Find"]
        );
        assert!(urls("xhttps://a.b a/www.b.c www.nodot https:// http://-x").is_empty());
    }

    #[test]
    fn escapes_are_dropped_from_the_address() {
        assert_eq!(
            href("https://x.org/Home\\#/Find"),
            "https://x.org/Home#/Find"
        );
        assert_eq!(href("www.example.com"), "https://www.example.com");
    }

    #[test]
    fn text_is_linked_in_place_and_links_and_code_are_left() {
        let md = "Go to https://a.org/x\\#/y now.\n\n> [!VIDEO https://g.org/v]\n\n[t]((https://f.org) `https://b.org` [https://c.org](https://c.org) <a href=\"z\">https://d.org</a> <https://e.org>\n";
        let parser = pulldown_cmark::Parser::new(md).into_offset_iter();
        let events: Vec<(String, &str)> = BareUrls::new(parser, md)
            .map(|(e, r)| (format!("{e:?}"), &md[r]))
            .collect();
        let links: Vec<&str> = events
            .iter()
            .filter(|(e, _)| e.starts_with("Start(Link"))
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(
            links,
            [
                "https://a.org/x\\#/y",
                "[https://c.org](https://c.org)",
                "<https://e.org>"
            ]
        );
        let dest = events.iter().find(|(e, _)| e.contains("a.org")).unwrap();
        assert!(dest.0.contains("\"https://a.org/x#/y\""), "{}", dest.0);
        let texts: Vec<&str> = events
            .iter()
            .filter(|(e, _)| e.starts_with("Text"))
            .map(|(_, s)| *s)
            .take(3)
            .collect();
        assert_eq!(texts, ["Go to ", "https://a.org/x\\#/y", " now."]);
    }
}
