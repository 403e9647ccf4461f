//! `check --fix`: applies the machine-applicable suggestions (exactly one candidate) and
//! nothing else. Only the bytes of each diagnostic's span change; each file is rewritten
//! atomically; a file whose bytes on disk are not the text that was checked (changed since,
//! or not valid UTF-8) is left alone.

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::source::Span;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// One replacement in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub old: String,
    pub new: String,
}

/// A file's planned edits, and its text before and after them.
pub struct FileFix {
    pub rel: String,
    pub edits: Vec<Edit>,
    pub before: String,
    pub after: String,
}

const BOM: &str = "\u{feff}";

/// The fixes the diagnostics allow, per file, in path order. Overlapping edits keep the first.
pub fn plan(site: &Site, diags: &[Diagnostic]) -> Vec<FileFix> {
    let mut by_file: BTreeMap<&str, Vec<Edit>> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.fixable) {
        let (Some(span), Some(pos), Some(new)) = (d.span, d.position, &d.suggestion) else {
            continue;
        };
        let Some(&page) = site.index.page_by_rel.get(&d.file) else {
            continue;
        };
        let Some(old) = site.pages[page].file.text.get(span.start..span.end) else {
            continue;
        };
        by_file.entry(&d.file).or_default().push(Edit {
            span,
            line: pos.line,
            column: pos.column,
            old: old.to_string(),
            new: new.clone(),
        });
    }
    by_file
        .into_iter()
        .map(|(rel, mut edits)| {
            edits.sort_by_key(|e| e.span);
            edits.dedup_by(|later, earlier| later.span.start < earlier.span.end);
            let file = &site.pages[site.index.page_by_rel[rel]].file;
            let after = apply(&file.text, &edits);
            FileFix {
                rel: rel.to_string(),
                before: file.text.clone(),
                after,
                edits,
            }
        })
        .collect()
}

/// `text` with the (sorted, disjoint) edits applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.new);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Writes one file's fix. `Ok(false)` when the file on disk is not the checked text.
pub fn write(path: &Path, fix: &FileFix) -> Result<bool> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let (bom, body) = match bytes.strip_prefix(BOM.as_bytes()) {
        Some(rest) => (true, rest),
        None => (false, &bytes[..]),
    };
    if body != fix.before.as_bytes() {
        return Ok(false);
    }
    let mut out = Vec::with_capacity(bytes.len() + 64);
    if bom {
        out.extend_from_slice(BOM.as_bytes());
    }
    out.extend_from_slice(fix.after.as_bytes());
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.cuaderno-fix-{}", std::process::id()));
    std::fs::write(&tmp, &out).with_context(|| format!("cannot write `{}`", tmp.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(true)
}

/// A unified-style diff of the changed lines, for `--fix --dry-run`.
pub fn diff(fix: &FileFix, shown_path: &str) -> String {
    let mut out = format!("--- {shown_path}\n+++ {shown_path}\n");
    let before: Vec<&str> = fix.before.split('\n').collect();
    let after: Vec<&str> = fix.after.split('\n').collect();
    if before.len() != after.len() {
        return out + "(line structure changed)\n";
    }
    for (i, (a, b)) in before.iter().zip(&after).enumerate() {
        if a != b {
            out.push_str(&format!("@@ line {} @@\n-{a}\n+{b}\n", i + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, new: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            line: 1,
            column: start + 1,
            old: String::new(),
            new: new.into(),
        }
    }

    #[test]
    fn applies_only_the_spans() {
        let text = "see [a](x@y.com) and [b](b.md)\n";
        let a = text.find("x@y.com").unwrap();
        let b = text.find("b.md").unwrap();
        let out = apply(
            text,
            &[edit(a, a + 7, "mailto:x@y.com"), edit(b, b + 4, "b-es.md")],
        );
        assert_eq!(out, "see [a](mailto:x@y.com) and [b](b-es.md)\n");
    }

    #[test]
    fn writes_atomically_keeps_the_bom_and_refuses_changed_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("p.md");
        std::fs::write(&path, "\u{feff}[a](x@y.com)\n").unwrap();
        let before = "[a](x@y.com)\n".to_string();
        let fix = FileFix {
            rel: "p.md".into(),
            edits: vec![],
            after: "[a](mailto:x@y.com)\n".into(),
            before,
        };
        assert!(write(&path, &fix).unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "\u{feff}[a](mailto:x@y.com)\n"
        );
        assert!(
            !write(&path, &fix).unwrap(),
            "the file changed since it was checked"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
