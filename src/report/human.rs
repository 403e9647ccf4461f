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
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                style.paint("1;34", &p.line.to_string()),
                line.replace('\t', " ")
            );
            let carets = style.severity(d.severity, &"^".repeat(width));
            let _ = writeln!(out, "{pad} {bar} {}{carets}", " ".repeat(p.column - 1));
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
