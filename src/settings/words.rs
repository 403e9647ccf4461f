//! The theme's words. A theme ships them per language in `i18n/<code>.toml` (the default
//! theme has en, es, de, pt-BR, ja and zh-Hans); site.toml's `[languages.ui]` overrides any
//! word for one language. Templates write `{{ site.ui.next }}` and hold no text of their own; `render::ui`
//! formats them.
//!
//! A language takes its own file (or its primary subtag's: `pt.toml` for `pt-PT`), then the
//! default language's, then English, key by key. A language with no words of its own (no
//! file, no `ui` table) gets a note, since its pages would show another language's words.

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic};
use crate::theme::{Source, ThemeFiles};
use anyhow::{anyhow, Result};
use std::collections::BTreeMap;

type Words = BTreeMap<String, String>;

/// Fills every language's `ui` with the theme's words under what site.toml says.
pub fn merge_theme_words(config: &mut Config, theme: &ThemeFiles) -> Result<Vec<Diagnostic>> {
    let default_code = config.default_language.clone();
    let english = read(theme, "en")?.unwrap_or_default();
    let default = read(theme, &default_code)?.unwrap_or_default();
    check_keys(config, english.keys().chain(default.keys()))?;
    let mut diags = Vec::new();
    for lang in &mut config.languages {
        let primary = lang
            .code
            .split('-')
            .next()
            .unwrap_or(&lang.code)
            .to_string();
        let own = match read(theme, &lang.code)? {
            Some(words) => Some(words),
            None => read(theme, &primary)?,
        };
        if own.is_none() && lang.ui.is_empty() {
            diags.push(Diagnostic::new(
                Code::UiWordsMissing,
                "",
                format!(
                    "the theme has no words for {} (`{}`) and site.toml gives none: its pages show {} interface words",
                    lang.name,
                    lang.code,
                    if default.is_empty() { "English" } else { "the default language's" },
                ),
            )
            .help(format!(
                "add `i18n/{}.toml` to the theme, or a `[languages.ui]` table for it in site.toml",
                lang.code
            )));
        }
        for words in [own.unwrap_or_default(), default.clone(), english.clone()] {
            for (k, v) in words {
                lang.ui.entry(k).or_insert(v);
            }
        }
    }
    Ok(diags)
}

/// Every word site.toml sets must be one the theme has (a typo would silently do nothing):
/// an unknown key is an error at its line in site.toml, with the nearest known key.
fn check_keys<'k>(config: &Config, known: impl Iterator<Item = &'k String>) -> Result<()> {
    let known: std::collections::BTreeSet<&str> = known.map(String::as_str).collect();
    if known.is_empty() {
        return Ok(());
    }
    for lang in &config.languages {
        let Some(key) = lang.ui.keys().find(|k| !known.contains(k.as_str())) else {
            continue;
        };
        let line = config
            .text
            .lines()
            .position(|l| {
                let l = l.trim_start().trim_start_matches('"');
                l.strip_prefix(key.as_str())
                    .is_some_and(|rest| rest.trim_start_matches('"').trim_start().starts_with('='))
            })
            .map(|i| crate::source::Position {
                line: i + 1,
                column: 1,
            });
        let hint = crate::paths::closest(key, known.iter().copied())
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        let message = format!(
            "`{key}` in the `ui` words of `{}` is not a word of the theme{hint}",
            lang.code
        );
        return Err(crate::config::ConfigError::new(&config.file, line, message).into());
    }
    Ok(())
}

fn read(theme: &ThemeFiles, code: &str) -> Result<Option<Words>> {
    let rel = format!("i18n/{code}.toml");
    let Some(text) = theme.read_text(&rel)? else {
        return Ok(None);
    };
    let shown = match theme.source(&rel) {
        Some(Source::Disk(path)) => path.display().to_string(),
        _ => format!("{rel} of the built-in theme"),
    };
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| anyhow!("theme words `{shown}`: {e}"))
}
