//! Lint levels: `[lints]` in site.toml sets a level per diagnostic code, like clippy's
//! `allow` / `warn` / `deny`: `broken-anchor = "error"`, `untranslated-page = "allow"`.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::paths::closest;
use anyhow::Result;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported at all.
    Allow,
    Note,
    Warning,
    Error,
}

/// Checks that every key names a code; the error has the key's line and a suggestion.
pub fn validate(
    lints: &BTreeMap<String, Level>,
    text: &str,
    path: &std::path::Path,
) -> Result<(), crate::config::ConfigError> {
    for name in lints.keys() {
        if Code::from_name(name).is_some() {
            continue;
        }
        let section = text.find("[lints]").unwrap_or(0);
        let offset = text[section..]
            .find(name.as_str())
            .map_or(section, |i| section + i);
        let p = crate::source::LineIndex::new(text).position(text, offset);
        let names = Code::ALL.iter().map(|c| c.name());
        let hint = closest(name, names)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        let message = format!("unknown lint `{name}` in [lints]{hint} (`cuaderno --help` lists none; docs/diagnostics.md lists every code)");
        return Err(crate::config::ConfigError::new(path, Some(p), message));
    }
    Ok(())
}

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
        let err = validate(&lints, text, Path::new("site.toml"))
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
