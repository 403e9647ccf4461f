//! Emphasis next to Chinese and Japanese text. CommonMark's flanking rules treat `「`, `」`, `、`
//! and `。` as punctuation, so `これは**「理由」**です` — bold as every Japanese editor writes it —
//! is not emphasis: pulldown-cmark leaves the four `*` as text and readers see them. This pass
//! pairs such leftover delimiters when CJK text touches them, the way CommonMark's
//! "CJK-friendly emphasis" amendment (and markdown-it-cjk-friendly) reads them. Analysis and
//! rendering both parse through it, so they see the same events.

use pulldown_cmark::{Event, OffsetIter, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

type Item<'a> = (Event<'a>, Range<usize>);

/// The parser's events with CJK-adjacent emphasis paired.
pub struct CjkEmphasis<'a> {
    inner: OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
}

impl<'a> CjkEmphasis<'a> {
    pub fn new(
        inner: OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
        body: &'a str,
    ) -> Self {
        CjkEmphasis {
            inner,
            body,
            ready: VecDeque::new(),
        }
    }
}

impl<'a> Iterator for CjkEmphasis<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        // Gather the inline events up to the next block boundary, then pair within them.
        let mut run = Vec::new();
        let boundary = loop {
            match self.inner.next() {
                Some(item) if is_block(&item.0) => break Some(item),
                Some(item) => run.push(item),
                None => break None,
            }
        };
        pair(&mut run, self.body);
        self.ready.extend(run);
        self.ready.extend(boundary);
        self.ready.pop_front()
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block(event: &Event) -> bool {
    match event {
        Event::Start(tag) => !is_inline(tag),
        Event::End(end) => !matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        _ => false,
    }
}

/// Chinese, Japanese or Korean script, or their full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F // CJK symbols and punctuation: 、。「」『』【】
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // Han
        | 0xAC00..=0xD7AF // Hangul
        | 0xFF00..=0xFFEF) // full-width forms
}

/// A run of one or two unescaped `*` left as text: (first event index, length).
fn delimiters(run: &[Item], body: &str) -> Vec<(usize, usize)> {
    let star = |i: usize| {
        let (event, range) = &run[i];
        matches!(event, Event::Text(t) if t.as_ref() == "*")
            && body.get(range.clone()) == Some("*")
            && !body[..range.start].ends_with('\\')
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < run.len() {
        if !star(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < run.len() && star(j) && run[j].1.start == run[j - 1].1.end {
            j += 1;
        }
        if j - i <= 2 {
            out.push((i, j - i));
        }
        i = j;
    }
    out
}

/// The character of the text event at `i`, from its end or its start.
fn char_at(run: &[Item], i: Option<usize>, last: bool) -> Option<char> {
    match &run.get(i?)?.0 {
        Event::Text(t) if last => t.chars().next_back(),
        Event::Text(t) => t.chars().next(),
        _ => None,
    }
}

/// Between `from` and `to` (exclusive): only text and balanced inline tags, no raw HTML.
fn balanced(run: &[Item], from: usize, to: usize) -> bool {
    let mut depth = 0i32;
    for (event, _) in &run[from..to] {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Html(_) | Event::InlineHtml(_) => return false,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn pair(run: &mut [Item], body: &str) {
    let delims = delimiters(run, body);
    let mut k = 0;
    while k < delims.len() {
        let (open, len) = delims[k];
        let inside_first = char_at(run, Some(open + len), false);
        if inside_first.is_none_or(char::is_whitespace) {
            k += 1;
            continue;
        }
        let closer = delims[k + 1..].iter().position(|&(close, l)| {
            let inside_last = char_at(run, close.checked_sub(1), true);
            let near = [
                char_at(run, open.checked_sub(1), true),
                inside_first,
                inside_last,
                char_at(run, Some(close + l), false),
            ];
            l == len
                && inside_last.is_some_and(|c| !c.is_whitespace())
                && near.into_iter().flatten().any(is_cjk)
                && balanced(run, open + len, close)
        });
        let Some(offset) = closer else {
            k += 1;
            continue;
        };
        let (close, _) = delims[k + 1 + offset];
        let (start, end) = if len == 2 {
            (Tag::Strong, TagEnd::Strong)
        } else {
            (Tag::Emphasis, TagEnd::Emphasis)
        };
        // The delimiter events become the tags (a second `*` event becomes empty text).
        run[open].0 = Event::Start(start);
        run[close].0 = Event::End(end);
        if len == 2 {
            run[open + 1].0 = Event::Text("".into());
            run[close + 1].0 = Event::Text("".into());
        }
        k += offset + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn html(md: &str) -> String {
        let parser = Parser::new_ext(md, super::super::analyze::options()).into_offset_iter();
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, CjkEmphasis::new(parser, md).map(|(e, _)| e));
        out
    }

    #[test]
    fn cjk_adjacent_delimiters_become_emphasis() {
        assert_eq!(
            html("これは**「理由」**です。"),
            "<p>これは<strong>「理由」</strong>です。</p>\n"
        );
        assert_eq!(html("は*「x」*の"), "<p>は<em>「x」</em>の</p>\n");
        assert_eq!(
            html("x**「[l](u)」**y"),
            "<p>x<strong>「<a href=\"u\">l</a>」</strong>y</p>\n"
        );
        assert_eq!(
            html("| a |\n|---|\n| は**「x」**の |\n"),
            "<table><thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>は<strong>「x」</strong>の</td></tr>\n</tbody></table>\n"
        );
    }

    #[test]
    fn other_asterisks_stay_as_written() {
        assert_eq!(html("a \\*\\* b \\*\\*"), "<p>a ** b **</p>\n");
        assert_eq!(html("2 ** 3 ** 4"), "<p>2 ** 3 ** 4</p>\n");
        assert_eq!(html("は ** 「x」 ** の"), "<p>は ** 「x」 ** の</p>\n");
        assert_eq!(html("**plain**"), "<p><strong>plain</strong></p>\n");
        assert_eq!(html("は**「x」*の"), "<p>は**「x」*の</p>\n");
        assert_eq!(
            html("は**「x」\n\n」**の"),
            "<p>は**「x」</p>\n<p>」**の</p>\n"
        );
    }
}
