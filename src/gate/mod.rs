//! Gating a change on a tree that already has findings: a baseline file of the findings that
//! stand (`check --write-baseline`, `check --baseline`), and the findings a git revision did not
//! have (`check --since`, in `git.rs`).
//!
//! A finding is matched by its fingerprint: its code, file, message (line numbers in it
//! removed) and the text it points at, not its line, so it survives lines moving above it.
//! Equal fingerprints are counted: a page with two identical broken links that gains a third
//! has one new finding.

pub mod git;
mod translations;

pub use translations::TranslationChanges;

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// The baseline file's format version; a file of another version is refused.
pub const BASELINE_VERSION: u32 = 1;

/// At most this many characters of the pointed-at text go into a fingerprint.
const TEXT_LIMIT: usize = 200;

/// A stable fingerprint (FNV-1a, 64 bits, as hex) of what a finding is, not where it is.
pub fn fingerprint(d: &Diagnostic, file: Option<&SourceFile>) -> String {
    let text = pointed_text(d, file);
    let message = without_line_numbers(&d.message);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [d.code.name(), &d.file, &message, &text] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The source text a finding points at: its span, or its line when the span is empty.
fn pointed_text(d: &Diagnostic, file: Option<&SourceFile>) -> String {
    let (Some(file), Some(span)) = (file, d.span) else {
        return String::new();
    };
    let text = &file.text;
    let get = |a: usize, b: usize| text.get(a.min(text.len())..b.min(text.len()));
    let pointed = match get(span.start, span.end) {
        Some(s) if !s.trim().is_empty() => s,
        _ => {
            let start = text[..span.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            get(start, end).unwrap_or("")
        }
    };
    pointed.trim().chars().take(TEXT_LIMIT).collect()
}

/// `… (lines 135–147) …` and `… line 12 …` lose their numbers: they move with the text.
fn without_line_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let inside_word = before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let word = if inside_word {
            out.push_str("line");
            rest = &from[4..];
            continue;
        } else if from.starts_with("lines ") {
            "lines "
        } else if from.starts_with("line ") {
            "line "
        } else {
            out.push_str("line");
            rest = &from[4..];
            continue;
        };
        out.push_str(word);
        let after = &from[word.len()..];
        let numbers = after
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '–' | '-' | ',')))
            .unwrap_or(after.len());
        if numbers > 0 {
            out.push('#');
        }
        rest = &after[numbers..];
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    tool: String,
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding. Only the fingerprint matches; the rest is for people reading the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

/// The findings recorded in a baseline file.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub entries: Vec<Entry>,
}

/// What a comparison with a baseline found.
#[derive(Debug, Default)]
pub struct Compared {
    /// Indices into the diagnostics of the findings the baseline lacks, in order.
    pub new: Vec<usize>,
    /// How many findings the baseline has and this run has too.
    pub known: usize,
    /// Baseline findings this run no longer has (fixed, or their text changed).
    pub gone: Vec<Entry>,
}

impl Baseline {
    /// The baseline of `diags` (sorted), each file's text found by `source`.
    pub fn of<'s>(
        diags: &[Diagnostic],
        source: &dyn Fn(&str) -> Option<&'s SourceFile>,
    ) -> Baseline {
        let entries = diags
            .iter()
            .map(|d| Entry {
                fingerprint: fingerprint(d, source(&d.file)),
                code: d.code.name().to_string(),
                file: d.file.clone(),
                line: d.position.map(|p| p.line),
                message: d.message.clone(),
            })
            .collect();
        Baseline { entries }
    }

    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            tool: "cuaderno".into(),
            version: BASELINE_VERSION,
            findings: self.entries.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the file whole (through a temporary file beside it, so a failed write leaves the
    /// old baseline).
    pub fn write(&self, path: &Path) -> Result<()> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if path.is_dir() {
            bail!("baseline `{}` is a folder", path.display());
        }
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write the baseline into `{}`", dir.display()))?;
        std::io::Write::write_all(&mut tmp, self.to_json().as_bytes())?;
        tmp.persist(path)
            .map_err(|e| anyhow!("cannot write baseline `{}`: {}", path.display(), e.error))?;
        Ok(())
    }

    pub fn read(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline `{}`", path.display()))?;
        Baseline::parse(&text).map_err(|e| anyhow!("baseline `{}`: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Baseline> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            anyhow!("not JSON ({e}); write one with `cuaderno check --write-baseline FILE`")
        })?;
        if value.get("tool").and_then(|t| t.as_str()) != Some("cuaderno") {
            bail!("not a cuaderno baseline (no `\"tool\": \"cuaderno\"`)");
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(BASELINE_VERSION) => {}
            Some(v) => bail!(
                "version {v}, and this cuaderno reads version {BASELINE_VERSION}; write it again with `cuaderno check --write-baseline FILE`"
            ),
            None => bail!("no `version`"),
        }
        let file: BaselineFile =
            serde_json::from_value(value).map_err(|e| anyhow!("unexpected shape: {e}"))?;
        Ok(Baseline {
            entries: file.findings,
        })
    }

    /// Splits `diags` into what the baseline has and what it lacks.
    pub fn compare<'s>(
        &self,
        diags: &[Diagnostic],
        source: &dyn Fn(&str) -> Option<&'s SourceFile>,
    ) -> Compared {
        let mut left: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in &self.entries {
            left.entry(e.fingerprint.as_str()).or_default().push(e);
        }
        let mut out = Compared::default();
        for (i, d) in diags.iter().enumerate() {
            let print = fingerprint(d, source(&d.file));
            match left.get_mut(print.as_str()).and_then(Vec::pop) {
                Some(_) => out.known += 1,
                None => out.new.push(i),
            }
        }
        let mut gone: Vec<Entry> = left.into_values().flatten().cloned().collect();
        gone.sort_by(|a, b| (&a.file, a.line, &a.code).cmp(&(&b.file, b.line, &b.code)));
        out.gone = gone;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::source::Span;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.md".into(), "a.md".into(), text.to_string())
    }

    fn link_at(f: &SourceFile, needle: &str) -> Diagnostic {
        let start = f.text.find(needle).unwrap();
        let span = Span::new(start, start + needle.len());
        Diagnostic::new(Code::BrokenLink, "a.md", "no page `x.md`").at(span, f.position(start))
    }

    #[test]
    fn fingerprint_survives_lines_moving_and_changes_with_the_text() {
        let before = file("# A\n\n[x](x.md)\n");
        let after = file("# A\n\nnew line\n\n[x](x.md)\n");
        let a = fingerprint(&link_at(&before, "x.md"), Some(&before));
        let b = fingerprint(&link_at(&after, "x.md"), Some(&after));
        assert_eq!(a, b);
        let other = file("# A\n\n[x](y.md)\n");
        let mut d = link_at(&other, "y.md");
        d.message = "no page `x.md`".into();
        assert_ne!(a, fingerprint(&d, Some(&other)));
    }

    #[test]
    fn line_numbers_in_messages_do_not_count() {
        assert_eq!(
            without_line_numbers("conflict (lines 135–147): first row at line 12"),
            "conflict (lines #): first row at line #"
        );
        assert_eq!(without_line_numbers("a deadline 3"), "a deadline 3");
    }

    #[test]
    fn compare_counts_equal_findings() {
        let f = file("[x](x.md) [x](x.md)\n");
        let one = link_at(&f, "x.md");
        let base = Baseline::of(std::slice::from_ref(&one), &|_| Some(&f));
        let found = base.compare(&[one.clone(), one], &|_| Some(&f));
        assert_eq!((found.known, found.new.len(), found.gone.len()), (1, 1, 0));
        let found = base.compare(&[], &|_| Some(&f));
        assert_eq!(found.gone.len(), 1);
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        for (text, says) in [
            ("not json", "not JSON"),
            (
                "{\"tool\": \"eslint\", \"version\": 1}",
                "not a cuaderno baseline",
            ),
            (
                "{\"tool\": \"cuaderno\", \"version\": 99, \"findings\": []}",
                "version 99",
            ),
            (
                "{\"tool\": \"cuaderno\", \"version\": 1, \"findings\": 3}",
                "shape",
            ),
        ] {
            let err = Baseline::parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
        }
        let round = Baseline::parse(&Baseline::default().to_json()).unwrap();
        assert!(round.entries.is_empty());
    }
}
