//! The paths of a docfx.json as site.toml spells them: its globs in globset's syntax under
//! their `src` folder, the folder every entry shares, and the locale folders of the content.

use serde_json::Value;
use std::path::Path;

/// Drops repeated globs, the first kept in place.
pub(super) fn dedup(globs: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    globs.retain(|g| seen.insert(g.clone()));
}

pub(super) fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// A DocFX glob under `prefix`, in globset's spelling (`**.md` is `**/*.md`).
pub(super) fn glob_of(prefix: &str, glob: &str) -> String {
    let glob = glob.trim_start_matches("./").replace('\\', "/");
    let mut fixed = String::new();
    let mut rest = glob.as_str();
    while let Some(i) = rest.find("**") {
        fixed.push_str(&rest[..i]);
        fixed.push_str("**");
        rest = &rest[i + 2..];
        if !rest.is_empty() && !rest.starts_with('/') {
            fixed.push_str("/*");
        }
    }
    fixed.push_str(rest);
    match prefix {
        "" => fixed,
        p => format!("{p}/{fixed}"),
    }
}

/// The longest folder path every one of `paths` is in (`""`: the root).
pub(super) fn common_folder(paths: &[String]) -> String {
    let mut parts: Option<Vec<&str>> = None;
    for p in paths {
        let these: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
        parts = Some(match parts {
            None => these,
            Some(prev) => prev
                .iter()
                .zip(&these)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    parts.unwrap_or_default().join("/")
}

/// `path` relative to `folder`, if it is inside it (`folder` `.` or `""` is the root).
pub(super) fn inside(folder: &str, path: &str) -> Option<String> {
    let folder = crate::paths::join("", folder)?;
    let path = crate::paths::join("", path)?;
    if folder.is_empty() {
        return (!path.is_empty()).then_some(path);
    }
    path.strip_prefix(&folder)?
        .strip_prefix('/')
        .map(String::from)
}

/// The content's languages: one per locale-named top folder when there are two or more
/// (`en-us/`, `zh-cn/`), else English.
pub(super) fn languages(content: &Path) -> Vec<(String, Option<String>)> {
    let mut found: Vec<String> = std::fs::read_dir(content)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|name| is_locale(name))
        .collect();
    found.sort();
    if found.len() < 2 {
        return vec![("en".into(), None)];
    }
    // English first when there is one: DocFX projects are most often written in it.
    if let Some(i) = found
        .iter()
        .position(|f| f.to_ascii_lowercase().starts_with("en"))
    {
        let en = found.remove(i);
        found.insert(0, en);
    }
    found.into_iter().map(|f| (f.clone(), Some(f))).collect()
}

/// Language subtags a locale folder may start with (ISO 639-1 codes Learn publishes in; not
/// every two-letter name, so that `js/` and `go/` are never taken for languages).
const LANGUAGES: &[&str] = &[
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fi", "fr", "gl", "he", "hi",
    "hr", "hu", "id", "it", "ja", "kk", "ko", "lt", "lv", "ms", "nb", "nl", "pl", "pt", "ro", "ru",
    "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh",
];

/// `en`, `es`, `en-us`, `zh-hans`, `pt-BR`.
fn is_locale(name: &str) -> bool {
    let mut parts = name.split('-');
    let lang = parts.next().unwrap_or("");
    if !LANGUAGES.contains(&lang) {
        return false;
    }
    let region = parts.next();
    let ok = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
    };
    ok(lang, 2, 2)
        && lang.chars().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| ok(r, 2, 4))
        && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_spelt_for_globset_under_their_folder() {
        assert_eq!(glob_of("", "**.md"), "**/*.md");
        assert_eq!(glob_of("docs", "articles/**.md"), "docs/articles/**/*.md");
        assert_eq!(glob_of("", "**/includes/**"), "**/includes/**");
        assert_eq!(glob_of("", "toc.yml"), "toc.yml");
    }

    #[test]
    fn locale_folders_become_languages_english_first() {
        let tmp = tempfile::tempdir().unwrap();
        for dir in ["zh-cn", "en-us", "images", "js"] {
            std::fs::create_dir(tmp.path().join(dir)).unwrap();
        }
        let found = languages(tmp.path());
        let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["en-us", "zh-cn"]);
        std::fs::remove_dir(tmp.path().join("zh-cn")).unwrap();
        assert_eq!(languages(tmp.path()), [("en".to_string(), None)]);
    }

    #[test]
    fn folders_and_locales() {
        assert_eq!(common_folder(&["docs/a".into(), "docs/b".into()]), "docs");
        assert_eq!(common_folder(&["docs".into(), "".into()]), "");
        assert_eq!(inside(".", "_site").as_deref(), Some("_site"));
        assert_eq!(inside("docs", "_site"), None);
        assert_eq!(inside("docs", "docs/_site").as_deref(), Some("_site"));
        assert!(is_locale("en-us") && is_locale("zh-Hans") && is_locale("es"));
        assert!(!is_locale("images") && !is_locale("api") && !is_locale("EN") && !is_locale("js"));
    }
}
