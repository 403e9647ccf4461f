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
            let width = caret_width(d, source, line, p.column);
            let (shown, indent, width) = window(line, p.column - 1, width);
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

/// The part of `line` to show, the caret indent, and the caret width (all in characters).
fn window(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    if chars.len() <= MAX_LINE {
        return (chars.into_iter().collect(), column, width);
    }
    let start = column.saturating_sub(40).min(chars.len());
    let end = (start + MAX_LINE)
        .min(chars.len())
        .max((column + width).min(chars.len()));
    let mut shown: String = if start > 0 {
        "...".into()
    } else {
        String::new()
    };
    let indent = column - start + shown.len();
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown, indent, width)
}

/// Carets under the span, in characters, kept on the first line and at least one wide.
fn caret_width(d: &Diagnostic, source: Option<&SourceFile>, line: &str, column: usize) -> usize {
    let span_chars = d.span.zip(source).map_or(1, |(s, f)| {
        let end = crate::source::floor_char_boundary(&f.text, s.end.min(f.text.len()));
        let start = crate::source::floor_char_boundary(&f.text, s.start.min(end));
        f.text[start..end]
            .chars()
            .take_while(|c| *c != '\n')
            .count()
    });
    let room = line.chars().count().saturating_sub(column - 1);
    span_chars.min(room).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}[x](target.md){}", "a".repeat(300), "b".repeat(300));
        let column = 304; // 0-based start of `target.md`
        let (shown, indent, width) = window(&line, column, 9);
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
    fn short_lines_are_shown_whole() {
        assert_eq!(window("a\tb", 2, 1), ("a b".to_string(), 2, 1));
    }
}
