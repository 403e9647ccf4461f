//! Lint levels: `[lints]` in site.toml sets a level per diagnostic code, like clippy's
//! `allow` / `warn` / `deny`: `broken-anchor = "error"`, `untranslated-page = "allow"`.

use crate::diagnostics::{Code, Diagnostic, Severity};
use std::collections::BTreeMap;

pub use crate::config::lints::Level;

/// Applies the levels: drops allowed diagnostics and sets the severity of the others.
pub fn apply(diags: &mut Vec<Diagnostic>, lints: &BTreeMap<String, Level>) {
    if lints.is_empty() {
        return;
    }
    let level = |code: Code| lints.get(code.name()).copied();
    diags.retain(|d| level(d.code) != Some(Level::Allow));
    for d in diags.iter_mut() {
        d.severity = match level(d.code) {
            Some(Level::Error) => Severity::Error,
            Some(Level::Warning) => Severity::Warning,
            Some(Level::Note) => Severity::Note,
            Some(Level::Allow) | None => d.severity,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn unknown_lints_are_errors_with_a_suggestion_and_their_line() {
        let text = "title = \"t\"\n[lints]\nbroken-lnk = \"allow\"\n";
        let lints: BTreeMap<String, Level> = [("broken-lnk".to_string(), Level::Allow)].into();
        let err = crate::config::lints::validate(&lints, text, Path::new("site.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("site.toml:3:1: unknown lint `broken-lnk`"),
            "{err}"
        );
        assert!(err.contains("did you mean `broken-link`?"), "{err}");
    }

    #[test]
    fn levels_drop_and_change_severities() {
        let mut diags = vec![
            Diagnostic::new(Code::BrokenAnchor, "a.md", "x"),
            Diagnostic::new(Code::UntranslatedPage, "", "y"),
            Diagnostic::new(Code::BrokenLink, "a.md", "z"),
        ];
        let lints: BTreeMap<String, Level> = [
            ("broken-anchor".to_string(), Level::Error),
            ("untranslated-page".to_string(), Level::Allow),
        ]
        .into();
        apply(&mut diags, &lints);
        let got: Vec<_> = diags.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            got,
            [
                (Code::BrokenAnchor, Severity::Error),
                (Code::BrokenLink, Severity::Error)
            ]
        );
    }
}
