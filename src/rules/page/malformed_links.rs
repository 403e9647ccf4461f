//! Link syntax CommonMark does not read: `[text]((url)`, `[text]](url)`, `[text](url]`, an image title in
//! `「…」` or curly quotes. Readers see the raw brackets, so each is an error at the whole
//! would-be link, with a fix when one rewrite makes it parse as exactly one link or image.

use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::analyze::{options, Analysis};
use crate::source::{SourceFile, Span};
use pulldown_cmark::{Event, Parser, Tag};

/// One malformed link: its span and, when a rewrite makes it a link, that rewrite.
#[derive(Debug, PartialEq, Eq)]
struct Malformed {
    span: Span,
    /// The rewrite and what it changes, in words.
    fix: Option<(String, Vec<&'static str>)>,
}

pub fn check(file: &SourceFile, analysis: &Analysis) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut last_end = 0;
    for &bracket in &analysis.stray_brackets {
        let Some(m) = find(&file.text, bracket).filter(|m| m.span.start >= last_end) else {
            continue;
        };
        last_end = m.span.end;
        let written = &file.text[m.span.start..m.span.end];
        let d = Diagnostic::new(
            Code::MalformedLink,
            &file.rel,
            format!(
                "`{}` is not a link in CommonMark: readers see it as text",
                shorten(written)
            ),
        )
        .at(m.span, file.position(m.span.start));
        out.push(match m.fix {
            Some((fix, changes)) => d
                .help(format!("{}, and it is one", changes.join(" and ")))
                .suggest(fix)
                .fixable(true),
            None => d.help(
                "a link is `[text](url)`, an image `![alt](path \"title\")`; titles take straight quotes",
            ),
        });
    }
    out
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 80 {
        return text.to_string();
    }
    let head: String = text.chars().take(77).collect();
    format!("{head}…")
}

/// The would-be link around the text `]` at `bracket` (followed by `(`), on its line.
fn find(text: &str, bracket: usize) -> Option<Malformed> {
    let line_start = text[..bracket].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[bracket..]
        .find('\n')
        .map_or(text.len(), |i| bracket + i);
    // Back over doubled `]` to the `[` that opens the text, and its `!` for an image.
    let before = text[line_start..bracket].trim_end_matches(']');
    let open = line_start + before.rfind('[')?;
    let start = if text[..open].ends_with('!') {
        open - 1
    } else {
        open
    };
    // Forward to the `)` that closes it: after a `「…」` title when there is one.
    let rest = &text[bracket + 1..line_end];
    let close_quote = rest
        .find(['」', '”'])
        .filter(|q| rest[..*q].contains(['「', '“']));
    let from = close_quote.unwrap_or(0);
    let close = match rest[from..].find(')') {
        Some(at) => from + at,
        // `[text](url]`: the destination closed with `]` (no space in it, or it is prose).
        None => rest
            .find(']')
            .filter(|&at| at > 1 && !rest[1..at].contains(char::is_whitespace))?,
    };
    let end = bracket + 1 + close + 1;
    let span = Span::new(start, end);
    let fix = repair(&text[start..end]);
    Some(Malformed { span, fix })
}

/// The one rewrite that makes `written` exactly one link or image, if there is one, and what
/// it changes.
fn repair(written: &str) -> Option<(String, Vec<&'static str>)> {
    let mut fixed = written.to_string();
    let mut changes = Vec::new();
    if fixed.contains("]](") {
        changes.push("remove the doubled `]`");
        while fixed.contains("]](") {
            fixed = fixed.replacen("]](", "](", 1);
        }
    }
    if fixed.contains("]((") && !is_link(&fixed) {
        changes.push("remove the doubled `(`");
        fixed = fixed.replacen("]((", "](", 1);
    }
    if fixed.ends_with(']') && !is_link(&fixed) {
        let closed = format!("{})", &fixed[..fixed.len() - 1]);
        if is_link(&closed) {
            changes.push("close the destination with `)`, not `]`");
            fixed = closed;
        }
    }
    for (open, close) in [('「', '」'), ('“', '”')] {
        if let (Some(a), Some(b)) = (fixed.find(open), fixed.rfind(close)) {
            if a < b {
                changes.push("write the title in straight quotes");
                let spaced = if fixed[..a].ends_with(' ') {
                    "\""
                } else {
                    " \""
                };
                fixed = format!(
                    "{}{spaced}{}\"{}",
                    &fixed[..a],
                    &fixed[a + open.len_utf8()..b],
                    &fixed[b + close.len_utf8()..]
                );
            }
        }
    }
    (fixed != written && is_link(&fixed)).then_some((fixed, changes))
}

/// `text` parses as one link or image covering all of it.
fn is_link(text: &str) -> bool {
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    matches!(events.next(), Some((Event::Start(Tag::Paragraph), _)))
        && matches!(
            events.next(),
            Some((Event::Start(Tag::Link { .. } | Tag::Image { .. }), r)) if r == (0..text.len())
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let analysis = crate::markdown::analyze::analyze(text, 0);
        let file = SourceFile::new("p.md".into(), "p.md".into(), text.into());
        check(&file, &analysis)
            .into_iter()
            .map(|d| {
                let span = d.span.expect("a span");
                (text[span.start..span.end].to_string(), d.suggestion)
            })
            .collect()
    }

    #[test]
    fn malformed_links_are_found_and_fixed_when_one_rewrite_fits() {
        assert_eq!(
            run("Use [the template]((https://aka.ms/x).\n"),
            [(
                "[the template]((https://aka.ms/x)".into(),
                Some("[the template](https://aka.ms/x)".into())
            )]
        );
        assert_eq!(
            run("[讨论]](https://y.com/1)\n"),
            [(
                "[讨论]](https://y.com/1)".into(),
                Some("[讨论](https://y.com/1)".into())
            )]
        );
        assert_eq!(
            run("See [the guide](https://example.org/guide] for more.\n"),
            [(
                "[the guide](https://example.org/guide]".into(),
                Some("[the guide](https://example.org/guide)".into())
            )]
        );
        assert_eq!(
            run("![a.png](media/a.png 「登録 - 1」)\n"),
            [(
                "![a.png](media/a.png 「登録 - 1」)".into(),
                Some("![a.png](media/a.png \"登録 - 1\")".into())
            )]
        );
        assert_eq!(
            run("![a.png](media/a.png「登録 (1)」)\n"),
            [(
                "![a.png](media/a.png「登録 (1)」)".into(),
                Some("![a.png](media/a.png \"登録 (1)\")".into())
            )]
        );
    }

    #[test]
    fn text_and_real_links_are_left_alone() {
        assert!(run("[a](b) and \\[x\\](y) and `[a]((b)` and [sic] (2019)\n").is_empty());
        assert!(run("```\n[a]((b)\n```\n").is_empty());
        // A bracket in prose after a parenthesis is not a destination.
        assert!(run("[a](see the note] below\n").is_empty());
        // No single rewrite makes this a link: reported without a fix.
        assert_eq!(run("[a]((b c d)\n"), [("[a]((b c d)".into(), None)]);
    }
}
