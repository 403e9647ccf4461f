//! `check --fix`: applies the machine-applicable suggestions (exactly one candidate) and
//! nothing else. Only the bytes of each diagnostic's span change; each file is rewritten
//! atomically; a file whose bytes on disk are not the text that was checked (changed since,
//! or not valid UTF-8) is left alone.

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::source::Span;
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

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

/// What became of one file's fix.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// The fix is on disk.
    Fixed,
    /// The file on disk is not the text that was checked (edited since, or during the fix):
    /// left alone.
    Changed,
}

/// Writes one file's fix, safely against a content tree that others control:
/// - a symbolic link is edited through its target, and only when that target is inside
///   `root` (the content folder); the link stays a link;
/// - the new text goes to a temporary file created exclusively, under an unpredictable name,
///   beside the target (never through a path that already exists);
/// - the temporary file and the target are exchanged atomically (Linux), and what was swapped
///   out is compared with the checked text: an editor's save that came in between is put back
///   (elsewhere the target is read again just before the rename);
/// - on any failure the temporary file is removed.
pub fn write(root: &Path, path: &Path, fix: &FileFix) -> Result<Written> {
    write_with_grace(root, path, fix, GRACE)
}

/// How long a replaced page is watched for a late in-place save: an editor whose `open` looked
/// the page up just before the exchange truncates and writes the old file a moment later (a
/// preempted thread, on a loaded machine). Its text is put back when that happens.
pub const GRACE: std::time::Duration = std::time::Duration::from_millis(40);

/// [`write`] with another grace period.
pub fn write_with_grace(
    root: &Path,
    path: &Path,
    fix: &FileFix,
    grace: std::time::Duration,
) -> Result<Written> {
    let pending = begin(root, path, fix)?;
    if matches!(pending, Pending::Swapped { .. }) {
        std::thread::sleep(grace);
    }
    pending.finish()
}

/// Writes several files' fixes ([`write`] for each), with one grace period for all of them.
pub fn write_all(root: &Path, fixes: &[&FileFix]) -> Vec<Result<Written>> {
    let pending: Vec<Result<Pending>> = fixes
        .iter()
        .map(|f| begin(root, &root.join(&f.rel), f))
        .collect();
    if pending
        .iter()
        .any(|p| matches!(p, Ok(Pending::Swapped { .. })))
    {
        std::thread::sleep(GRACE);
    }
    pending
        .into_iter()
        .map(|p| p.and_then(Pending::finish))
        .collect()
}

/// A fix on its way: done, or exchanged with the page and waiting for the grace period.
enum Pending {
    Done(Written),
    Swapped {
        /// The page as it was (the other side of the exchange).
        old: tempfile::TempPath,
        target: PathBuf,
        checked: Vec<u8>,
        fixed: Vec<u8>,
    },
}

impl Pending {
    fn finish(self) -> Result<Written> {
        match self {
            Pending::Done(w) => Ok(w),
            Pending::Swapped {
                old,
                target,
                checked,
                fixed,
            } => settle(old, &target, &checked, &fixed),
        }
    }
}

fn begin(root: &Path, path: &Path, fix: &FileFix) -> Result<Pending> {
    let target = confined_target(root, path)?;
    let bytes =
        std::fs::read(&target).with_context(|| format!("cannot read `{}`", target.display()))?;
    let Some(bom) = matches_checked(&bytes, fix) else {
        return Ok(Pending::Done(Written::Changed));
    };
    let mut out = Vec::with_capacity(bytes.len() + 64);
    if bom {
        out.extend_from_slice(BOM.as_bytes());
    }
    out.extend_from_slice(fix.after.as_bytes());
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".cuaderno-fix")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(&out)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write a temporary file in `{}`", dir.display()))?;
    if let Ok(meta) = std::fs::metadata(&target) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    let tmp = tmp.into_temp_path();
    if crate::output::swap::exchange(&tmp, &target).is_ok() {
        // A save that came in already is put back at once; otherwise, watch for a late one.
        if !std::fs::read(&tmp).is_ok_and(|b| b == bytes) {
            return settle(tmp, &target, &bytes, &out).map(Pending::Done);
        }
        return Ok(Pending::Swapped {
            old: tmp,
            target,
            checked: bytes,
            fixed: out,
        });
    }
    // Without an atomic exchange: the last look, then the rename.
    let now = std::fs::read(&target).unwrap_or_default();
    if now != bytes {
        return Ok(Pending::Done(Written::Changed));
    }
    tmp.persist(&target)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace `{}`", target.display()))?;
    Ok(Pending::Done(Written::Fixed))
}

/// After the fixed file and the page were exchanged atomically, `swapped` holds what the page
/// was at that instant. If that is not the checked text (an editor saved meanwhile, in place or
/// by rename), the editor's file is put back; a newer save that landed between the two
/// exchanges wins over both. Whatever stays at `swapped` is removed with it.
fn settle(
    swapped: tempfile::TempPath,
    target: &Path,
    checked: &[u8],
    fixed: &[u8],
) -> Result<Written> {
    if std::fs::read(&swapped).is_ok_and(|b| b == checked) {
        return Ok(Written::Fixed);
    }
    let back = crate::output::swap::exchange(&swapped, target).and_then(|()| {
        if std::fs::read(&swapped).is_ok_and(|b| b == fixed) {
            Ok(())
        } else {
            // Not ours: an even newer save. It is the one to keep.
            std::fs::rename(&swapped, target)
        }
    });
    if let Err(e) = back {
        // Never delete an editor's text: leave it where it is and say so.
        let kept = swapped.keep().unwrap_or_default();
        anyhow::bail!(
            "`{}` changed while it was fixed, and putting it back failed ({e}); the edited text is in `{}`",
            target.display(),
            kept.display()
        );
    }
    Ok(Written::Changed)
}

/// Whether `bytes` (with or without a byte-order mark) are the checked text; `Some(bom)` if so.
fn matches_checked(bytes: &[u8], fix: &FileFix) -> Option<bool> {
    let (bom, body) = match bytes.strip_prefix(BOM.as_bytes()) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    (body == fix.before.as_bytes()).then_some(bom)
}

/// The file to rewrite for `path`: itself, or the target of a symbolic link when that target,
/// resolved, is inside `root`.
fn confined_target(root: &Path, path: &Path) -> Result<std::path::PathBuf> {
    let real_root = root
        .canonicalize()
        .with_context(|| format!("cannot resolve `{}`", root.display()))?;
    let real = path
        .canonicalize()
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    if !real.starts_with(&real_root) {
        anyhow::bail!(
            "`{}` leads to `{}`, outside the content folder; not fixed",
            path.display(),
            real.display()
        );
    }
    Ok(real)
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
        assert_eq!(write(tmp.path(), &path, &fix).unwrap(), Written::Fixed);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "\u{feff}[a](mailto:x@y.com)\n"
        );
        assert_eq!(
            write(tmp.path(), &path, &fix).unwrap(),
            Written::Changed,
            "the file changed since it was checked"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
