//! rustc-style diagnostics for people: the source line, a caret under the span, the help line.

use crate::diagnostics::{Diagnostic, Severity};
use crate::source::SourceFile;
use std::fmt::Write;

pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, sev: Severity, text: &str) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;36",
        };
        self.paint(code, text)
    }
}

/// One diagnostic, with `source` the file it points into when it was read.
pub fn render(d: &Diagnostic, source: Option<&SourceFile>, prefix: &str, style: &Style) -> String {
    let mut out = String::new();
    let head = style.severity(d.severity, &format!("{}[{}]", d.severity, d.code.name()));
    let _ = writeln!(
        out,
        "{head}{} {}",
        style.paint("1", ":"),
        style.paint("1", &d.message)
    );
    let location = match (d.file.is_empty(), d.position) {
        (true, _) => None,
        (false, Some(p)) => Some((
            format!("{prefix}{}:{}:{}", d.file, p.line, p.column),
            Some(p),
        )),
        (false, None) => Some((format!("{prefix}{}", d.file), None)),
    };
    let mut gutter = 1;
    if let Some((place, position)) = location {
        let snippet = position
            .zip(source)
            .map(|(p, file)| (p, file.lines.line_text(&file.text, p.line)));
        gutter = snippet.map_or(1, |(p, _)| p.line.to_string().len());
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}{} {place}", style.paint("1;34", "-->"));
        if let Some((p, line)) = snippet {
            let bar = style.paint("1;34", "|");
            let at = byte_in_line(d, source, line, p);
            let width = caret_width(d, source, &line[at..]);
            let (shown, indent, width) = window(line, at, width);
            let (indent, width) = columns(&shown, indent, width);
            let number = style.paint("1;34", &p.line.to_string());
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{number} {bar} {shown}");
            let carets = style.severity(d.severity, &"^".repeat(width));
            let _ = writeln!(out, "{pad} {bar} {}{carets}", " ".repeat(indent));
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "{} {} {help}",
            " ".repeat(gutter),
            style.paint("1", "= help:")
        );
    }
    out
}

/// Lines longer than this are cut around the span, with `...` where text was left out.
const MAX_LINE: usize = 120;

/// Where in `line` (bytes) the diagnostic points: from its span when it has one, else from
/// its column.
fn byte_in_line(
    d: &Diagnostic,
    source: Option<&SourceFile>,
    line: &str,
    p: crate::source::Position,
) -> usize {
    let from_span = d.span.zip(source).and_then(|(s, f)| {
        let start = f.lines.line_start(p.line)?;
        s.start.checked_sub(start)
    });
    let at = from_span.unwrap_or_else(|| {
        line.char_indices()
            .nth(p.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
    });
    crate::source::floor_char_boundary(line, at.min(line.len()))
}

/// The part of `line` to show, the caret indent, and the caret width (all in characters).
/// `at` is the byte where the carets start. The work is bounded by the window, not the line,
/// so that many diagnostics on one long line stay linear.
fn window(line: &str, at: usize, width: usize) -> (String, usize, usize) {
    let tabless = |s: &str| s.replace('\t', " ");
    if line.chars().nth(MAX_LINE).is_none() {
        return (tabless(line), line[..at].chars().count(), width);
    }
    let start = line[..at]
        .char_indices()
        .rev()
        .nth(39)
        .map_or(0, |(i, _)| i);
    let advance = |from: usize, n: usize| {
        line[from..]
            .char_indices()
            .nth(n)
            .map_or(line.len(), |(i, _)| from + i)
    };
    let end = advance(start, MAX_LINE).max(advance(at, width));
    let mut shown = if start > 0 {
        "...".to_string()
    } else {
        String::new()
    };
    let indent = shown.len() + line[start..at].chars().count();
    shown.push_str(&tabless(&line[start..end]));
    if end < line.len() {
        shown.push_str("...");
    }
    (shown, indent, width)
}

/// Characters to terminal columns: the indent and the carets under `shown`, where Chinese and
/// Japanese characters (and other wide ones) take two columns and combining marks none.
fn columns(shown: &str, indent: usize, width: usize) -> (usize, usize) {
    use unicode_width::UnicodeWidthChar;
    let cols = |c: char| c.width().unwrap_or(0);
    let before: usize = shown.chars().take(indent).map(cols).sum();
    let under: usize = shown.chars().skip(indent).take(width).map(cols).sum();
    (before, under.max(1))
}

/// Carets under the span, in characters, kept on the first line (`rest` is the line from the
/// span on) and at least one wide.
fn caret_width(d: &Diagnostic, source: Option<&SourceFile>, rest: &str) -> usize {
    let span_chars = d.span.zip(source).map_or(1, |(s, f)| {
        let end = crate::source::floor_char_boundary(&f.text, s.end.min(f.text.len()));
        let start = crate::source::floor_char_boundary(&f.text, s.start.min(end));
        f.text[start..end]
            .chars()
            .take_while(|c| *c != '\n')
            .count()
    });
    let room = rest.chars().take(span_chars).count();
    span_chars.min(room).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}[x](target.md){}", "a".repeat(300), "b".repeat(300));
        let at = line.find("target.md").unwrap();
        let (shown, indent, width) = window(&line, at, 9);
        assert!(
            shown.starts_with("...") && shown.ends_with("..."),
            "{shown}"
        );
        assert_eq!(
            shown.chars().skip(indent).take(width).collect::<String>(),
            "target.md"
        );
        assert!(shown.chars().count() <= MAX_LINE + 6);
    }

    #[test]
    fn carets_count_wide_characters_twice() {
        let line = "见 [举办客户启动会议](initiate-kickoff-sc.md) 期间";
        let at = line.find("initiate").unwrap();
        let (shown, indent, width) = window(line, at, "initiate-kickoff-sc.md".len());
        // `见 [` is 4 columns, `举办客户启动会议](` 18: the carets start under `i`.
        assert_eq!(columns(&shown, indent, width), (22, 22));
        assert_eq!(
            columns("e\u{301}x", 2, 1),
            (1, 1),
            "a combining mark takes no column"
        );
    }

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(window("a\tb", 2, 1), ("a b".to_string(), 2, 1));
    }
}
