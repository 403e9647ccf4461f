//! What `serve` prints in the terminal: each build's time and its findings, one short line
//! each (at most [`SHOWN`]; the page overlay and `check` show them all).

use super::rebuild::Output;
use crate::diagnostics::Diagnostic;
use crate::report::{self, Format};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Findings printed after a build.
pub const SHOWN: usize = 20;

/// The content folder as a prefix that reads from the current folder.
pub fn prefix(content: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = content.strip_prefix(&cwd).unwrap_or(content);
    let shown = shown.to_string_lossy().replace('\\', "/");
    match shown.trim_start_matches("./").trim_end_matches('/') {
        "" | "." => String::new(),
        dir => format!("{dir}/"),
    }
}

/// The findings, short form, at most [`SHOWN`], then how many more.
pub fn findings(diags: &[Diagnostic], prefix: &str) -> String {
    let opts = report::Options {
        format: Format::Short,
        color: false,
        prefix: prefix.to_string(),
        max_per_code: None,
        summary: false,
    };
    let shown = &diags[..diags.len().min(SHOWN)];
    let mut out = report::render(shown, &|_| None, &opts);
    if diags.len() > SHOWN {
        out.push_str(&format!(
            "... and {} more (`cuaderno check` lists all)\n",
            diags.len() - SHOWN
        ));
    }
    out
}

pub fn first(out: &Output, prefix: &str) {
    eprint!("{}", findings(&out.diagnostics, prefix));
    eprintln!(
        "cuaderno: built {} pages in {} ms, {} diagnostic(s)",
        out.rendered,
        out.elapsed.as_millis(),
        out.diagnostics.len()
    );
}

pub fn rebuilt(paths: &[PathBuf], result: &Result<Output>, prefix: &str) {
    // Editors and tools write through temporary names: name the source file when there is one.
    let known = ["md", "markdown", "toml", "yml", "yaml", "html"];
    let source = paths
        .iter()
        .find(|p| p.extension().is_some_and(|e| known.iter().any(|k| e == *k)));
    let what = source
        .or(paths.first())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    match result {
        Ok(out) => {
            eprint!("{}", findings(&out.diagnostics, prefix));
            eprintln!(
                "cuaderno: {what} changed: rebuilt in {} ms ({} page(s) rendered), {} diagnostic(s)",
                out.elapsed.as_millis(),
                out.rendered,
                out.diagnostics.len()
            )
        }
        Err(e) => eprintln!(
            "cuaderno: {what} changed: build failed, still serving the last good build:\n{e:#}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn findings_are_short_and_bounded() {
        let d = Diagnostic::new(Code::BrokenLink, "en/a.md", "no page `x.md`");
        let text = findings(&vec![d; SHOWN + 3], "content/");
        assert_eq!(text.lines().count(), SHOWN + 1, "{text}");
        assert!(
            text.starts_with("content/en/a.md: error[broken-link]: no page `x.md`"),
            "{text}"
        );
        assert!(text.ends_with("... and 3 more (`cuaderno check` lists all)\n"));
    }
}
