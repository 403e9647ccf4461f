//! Unresolved merge conflicts: `<<<<<<<` … `=======` … `>>>>>>>` left in a page. Readers see
//! both versions and the markers, and every rule downstream sees duplicated rows and odd task
//! ids. One error per conflict, and the findings inside it are dropped: they are the conflict's.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceFile, Span};

/// A marker line: seven of `<`, `=` or `>` at the start of a line, maybe inside a table row.
pub fn is_marker(text: &str) -> bool {
    let text = text.trim_start_matches(['|', ' ']);
    ["<<<<<<<", "=======", ">>>>>>>"]
        .iter()
        .any(|m| text.starts_with(m) && !text[7..].starts_with(['<', '=', '>']))
}

/// The conflicts of a page body: from a `<<<<<<<` line to the end of its `>>>>>>>` line
/// (or the file's end), outside the code blocks `code`.
pub fn find(text: &str, body_start: usize, code: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if code.iter().any(|c| c.start <= start && start < c.end) {
            continue;
        }
        let bare = line.trim_start_matches(['|', ' ']);
        if bare.starts_with("<<<<<<<") && is_marker(line) && open.is_none() {
            open = Some(start);
        } else if bare.starts_with(">>>>>>>") && is_marker(line) {
            if let Some(from) = open.take() {
                out.push(Span::new(from, offset));
            }
        }
    }
    out.extend(open.map(|from| Span::new(from, text.len())));
    out
}

pub fn diagnostic(file: &SourceFile, conflict: Span) -> Diagnostic {
    let first = file.position(conflict.start).line;
    let last = file
        .position(conflict.end.saturating_sub(1).max(conflict.start))
        .line;
    let line_end = file.text[conflict.start..]
        .find('\n')
        .map_or(file.text.len(), |i| conflict.start + i);
    let span = Span::new(conflict.start, line_end.min(conflict.end));
    Diagnostic::new(
        Code::MergeConflict,
        &file.rel,
        format!("unresolved merge conflict (lines {first}–{last}): readers see both versions and the markers"),
    )
    .at(span, file.position(span.start))
    .help("keep one version and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines; the findings inside the conflict are not shown until then")
}

/// Drops the findings located inside a conflict of their file (not the conflict's own).
pub fn drop_inside(diags: &mut Vec<Diagnostic>, conflicts: &[(String, Span)]) {
    if conflicts.is_empty() {
        return;
    }
    diags.retain(|d| {
        let Some(span) = d.span else {
            return true;
        };
        d.code == Code::MergeConflict
            || !conflicts
                .iter()
                .any(|(file, c)| *file == d.file && c.start <= span.start && span.start < c.end)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_are_found_outside_code() {
        let text = "# T\n\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> 4b48cb7\n\n```\n<<<<<<< x\n```\n| <<<<<<< HEAD |\n";
        let code_start = text.find("```").unwrap();
        let code = [Span::new(code_start, code_start + 18)];
        let found = find(text, 0, &code);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> 4b48cb7\n"
        );
        assert_eq!(
            found[1].end,
            text.len(),
            "an unclosed conflict runs to the end"
        );
        assert!(is_marker("=======") && is_marker("| ======= |"));
        assert!(!is_marker("========") && !is_marker("a <<<<<<< b"));
    }
}
