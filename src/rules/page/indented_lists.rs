//! `indented-code-in-list`: a list item indented four or more spaces past where its list
//! puts it (a `-` under a `1.` written with five spaces, or a blank line and then four),
//! which CommonMark shows as a code block with the marker in it. The playbook's upstream lint
//! had markdownlint's `code-block-style` for it. No fix: how far to de-indent depends on
//! which list the editor meant the item for.

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;

/// A list marker (`-`, `*`, `+`, `1.`, `1)`) and the space after it, at the start of `line`.
fn marker_len(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits)
            && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let after = line[marker..].chars().next();
    after
        .is_none_or(|c| c == ' ' || c == '\t')
        .then_some(marker)
}

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let file = &page.file;
    let mut out = Vec::new();
    for block in &page.analysis.indented_code {
        let first = file.position(block.start).line;
        let last = file
            .position(block.end.saturating_sub(1).max(block.start))
            .line;
        let Some((line_no, text)) = (first..=last)
            .map(|n| (n, file.lines.line_text(&file.text, n)))
            .find(|(_, t)| !t.trim().is_empty())
        else {
            continue;
        };
        let body = text.trim_start_matches([' ', '\t']);
        let Some(marker) = marker_len(body) else {
            continue;
        };
        let Some(line_start) = file.lines.line_start(line_no) else {
            continue;
        };
        let indent = text.len() - body.len();
        let start = line_start + indent;
        let after = &body[marker..];
        let gap = after.len() - after.trim_start_matches(' ').len();
        if block.start >= start + marker {
            // `-     text`: the marker is the item's, five or more spaces make its text code.
            out.push(spaced_marker(
                page,
                Span::new(start, start + marker + gap),
                &body[..marker],
            ));
            continue;
        }
        let span = Span::new(start, start + marker);
        out.push(
            Diagnostic::new(
                Code::IndentedCodeInList,
                &file.rel,
                format!("this list item is indented {indent} spaces, so it is shown as a code block with `{}` in it", &body[..marker]),
            )
            .at(span, file.position(start))
            .help("indent a nested item under the text of the item above it (two or three spaces for `-`, three or four for `1.`), and by less than four spaces more after a blank line"),
        );
    }
    out
}

/// A list item whose text starts five or more spaces after its marker: CommonMark reads the
/// text as an indented code block inside the item. One space after the marker is what was
/// meant; the fix writes it (the item and its later lines stay where they are).
fn spaced_marker(page: &Page, span: Span, marker: &str) -> Diagnostic {
    let file = &page.file;
    let gap = span.end - span.start - marker.len();
    Diagnostic::new(
        Code::IndentedCodeInList,
        &file.rel,
        format!("{gap} spaces after `{marker}` make this list item's text a code block"),
    )
    .at(span, file.position(span.start))
    .help(format!(
        "write one space after `{marker}` (`check --fix` does)"
    ))
    .suggest(format!("{marker} "))
    .fixable(true)
}

#[cfg(test)]
mod tests {
    use super::marker_len;

    #[test]
    fn list_markers_are_told_from_text() {
        assert_eq!(marker_len("- item"), Some(1));
        assert_eq!(marker_len("12. item"), Some(3));
        assert_eq!(marker_len("3) item"), Some(2));
        assert_eq!(marker_len("-"), Some(1));
        assert_eq!(marker_len("-x"), None);
        assert_eq!(marker_len("1.5 GB"), None);
        assert_eq!(marker_len("Get-Mailbox"), None);
        assert_eq!(marker_len("1234567890. x"), None);
    }
}
