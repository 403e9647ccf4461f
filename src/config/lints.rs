//! `[lints]` in site.toml: a level per diagnostic code, like clippy's `allow` / `warn` /
//! `deny` (`broken-anchor = "error"`). Applying the levels to findings is `crate::lints`.

use crate::diagnostics::Code;
use crate::paths::closest;
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
