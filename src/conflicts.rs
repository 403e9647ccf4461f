//! Unresolved merge conflicts: `<<<<<<<` … `=======` … `>>>>>>>` left in a page. Every rule
//! downstream would see duplicated rows and odd task ids: one error per conflict, and the
//! findings inside it are dropped (they are the conflict's). Readers never see the markers:
//! `build` and `serve` render each conflict's first side (`first_sides`,
//! `Site::with_first_sides`), and the error stays, so strict CI fails and `serve` shows it.

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
        format!("unresolved merge conflict (lines {first}–{last}): the portal shows only its first side (`HEAD`), and its rows are not compared with other languages"),
    )
    .at(span, file.position(span.start))
    .help("keep one version and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines; the findings inside the conflict are not shown until then")
}

/// A run of bytes kept by `first_sides`: where it starts in the new text and in the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub new: usize,
    pub old: usize,
    pub len: usize,
}

/// The text as readers get it: each conflict replaced by its first side (the lines between
/// `<<<<<<<` and `=======`, or the diff3 `|||||||` base marker), the markers and the other side
/// dropped. With the runs kept, in order, to map an offset of the new text back to the old.
pub fn first_sides(text: &str, conflicts: &[Span]) -> (String, Vec<Kept>) {
    let mut out = String::with_capacity(text.len());
    let mut kept: Vec<Kept> = Vec::new();
    let mut keep = |out: &mut String, from: usize, to: usize| {
        if from >= to {
            return;
        }
        match kept.last_mut() {
            Some(k) if k.old + k.len == from => k.len += to - from,
            _ => kept.push(Kept {
                new: out.len(),
                old: from,
                len: to - from,
            }),
        }
        out.push_str(&text[from..to]);
    };
    let mut at = 0;
    for c in conflicts {
        keep(&mut out, at, c.start);
        let mut offset = c.start;
        let mut side = false;
        for line in text[c.start..c.end].split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let base = line.trim_start().starts_with("|||||||");
            if start == c.start {
                side = true;
            } else if side && (base || (is_marker(line) && line.contains("======="))) {
                side = false;
            } else if side {
                keep(&mut out, start, offset);
            }
        }
        at = c.end;
    }
    keep(&mut out, at, text.len());
    (out, kept)
}

/// Where an offset of `first_sides`' text was in the old text.
pub fn old_offset(kept: &[Kept], new: usize) -> Option<usize> {
    let i = kept.partition_point(|k| k.new + k.len <= new);
    let k = kept.get(i)?;
    (k.new <= new).then(|| k.old + (new - k.new))
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

    #[test]
    fn first_sides_keep_head_and_map_offsets_back() {
        let text = "# T\n<<<<<<< HEAD\nours [a](a.md)\n=======\ntheirs\n>>>>>>> 4b48cb7\nafter\n";
        let (out, kept) = first_sides(text, &find(text, 0, &[]));
        assert_eq!(out, "# T\nours [a](a.md)\nafter\n");
        let new = out.find("a.md").unwrap();
        assert_eq!(old_offset(&kept, new), text.find("a.md"));
        let after = out.find("after").unwrap();
        assert_eq!(old_offset(&kept, after), text.find("after"));
        assert_eq!(old_offset(&kept, out.len()), None);

        let diff3 = "<<<<<<< ours\n| 1 | a |\n||||||| base\n| 1 | b |\n=======\n| 1 | c |\n>>>>>>> theirs\n";
        assert_eq!(first_sides(diff3, &find(diff3, 0, &[])).0, "| 1 | a |\n");
        let only = "<<<<<<< HEAD\nonly one side, never closed\n";
        assert_eq!(
            first_sides(only, &find(only, 0, &[])).0,
            "only one side, never closed\n"
        );
        assert_eq!(first_sides("no conflict", &[]).0, "no conflict");
    }
}
