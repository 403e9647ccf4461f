//! Walk the content tree and classify every file: page, `toc.yml`, or asset; and for pages,
//! which language's site they belong to, what language they are written in, the translation
//! key that pairs them across languages, and where they are written.
//!
//! The rule for the locale (documented in docs/portal.md):
//! - the site language comes from the language folder the file is in, else from its suffix;
//! - the content language comes from an explicit suffix (`-es`, or an alternative like `-en`);
//! - a page without its folder's suffix, in a folder whose language has one, is an untranslated
//!   copy written in the unsuffixed (default) language, except `index.md`, the folder's home page.

use crate::config::Config;
pub use crate::walk::{kind_of, walk, Entry, Kind};

/// Where a page belongs. Languages are indexes into `Config::languages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The language site the page is published in.
    pub site: usize,
    /// The language the page is written in (differs for untranslated copies).
    pub content: usize,
    /// Pairs translations: folder-relative path without language suffix and extension.
    pub key: String,
    /// Output path relative to the output root.
    pub out_rel: String,
}

/// The language whose folder holds `rel`, and the path inside that folder.
pub fn folder_language<'r>(config: &Config, rel: &'r str) -> (Option<usize>, &'r str) {
    for (i, lang) in config.languages.iter().enumerate() {
        if let Some(folder) = &lang.folder {
            let folder = folder.trim_matches('/');
            if let Some(inner) = rel.strip_prefix(folder).and_then(|r| r.strip_prefix('/')) {
                return (Some(i), inner);
            }
        }
    }
    (None, rel)
}

/// The language marked by the end of a file stem, and the stem without it. The longest
/// matching suffix wins; a stem with no known suffix belongs to the unsuffixed language.
fn suffix_language<'s>(config: &Config, stem: &'s str) -> (usize, Option<&'s str>) {
    let mut best: Option<(usize, usize)> = None;
    for (i, lang) in config.languages.iter().enumerate() {
        for suffix in std::iter::once(&lang.suffix).chain(&lang.alt_suffixes) {
            let fits =
                !suffix.is_empty() && stem.len() > suffix.len() && stem.ends_with(suffix.as_str());
            if fits && best.is_none_or(|(_, len)| suffix.len() > len) {
                best = Some((i, suffix.len()));
            }
        }
    }
    match best {
        Some((i, len)) => (i, Some(&stem[..stem.len() - len])),
        None => (unsuffixed_language(config), None),
    }
}

/// The language with no suffix (the default language if several or none have none).
pub fn unsuffixed_language(config: &Config) -> usize {
    let default = config.default_language_index();
    if config.languages[default].suffix.is_empty() {
        return default;
    }
    config
        .languages
        .iter()
        .position(|l| l.suffix.is_empty())
        .unwrap_or(default)
}

fn split_dir(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    }
}

/// Locale, translation key and output path of the page at content-relative `rel`.
pub fn page_locale(config: &Config, rel: &str) -> Locale {
    let (folder, inner) = folder_language(config, rel);
    let (dir, name) = split_dir(inner);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let (suffix_lang, bare) = suffix_language(config, stem);
    let site = folder.unwrap_or(suffix_lang);
    let content = match (folder, bare) {
        (_, Some(_)) => suffix_lang,
        (Some(f), None)
            if !config.languages[f].suffix.is_empty() && !stem.eq_ignore_ascii_case("index") =>
        {
            suffix_lang
        }
        _ => site,
    };
    let key = format!("{dir}{}", bare.unwrap_or(stem));
    let out_rel = format!("{}/{dir}{stem}.html", config.languages[site].code);
    Locale {
        site,
        content,
        key,
        out_rel,
    }
}

/// Output path of an asset or `toc.yml`: language folders become language codes.
pub fn asset_out_rel(config: &Config, rel: &str) -> String {
    match folder_language(config, rel) {
        (Some(lang), inner) => format!("{}/{inner}", config.languages[lang].code),
        (None, _) => rel.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> Config {
        let text = r#"
title = "t"
default_language = "en"
[[languages]]
code = "en"
name = "English"
folder = "english-playbook"
alt_suffixes = ["-en"]
[[languages]]
code = "es"
name = "Español"
suffix = "-es"
folder = "spanish-playbook"
[[languages]]
code = "pt-BR"
name = "Português"
suffix = "-pr"
"#;
        Config::parse(text, Path::new("site.toml")).unwrap()
    }

    #[test]
    fn folder_and_suffix_agree() {
        let c = config();
        let l = page_locale(&c, "spanish-playbook/initiate-kick-off-partner-es.md");
        assert_eq!((l.site, l.content), (1, 1));
        assert_eq!(l.key, "initiate-kick-off-partner");
        assert_eq!(l.out_rel, "es/initiate-kick-off-partner-es.html");
        let en = page_locale(&c, "english-playbook/initiate-kick-off-partner.md");
        assert_eq!(en.key, l.key);
        assert_eq!(en.out_rel, "en/initiate-kick-off-partner.html");
    }

    #[test]
    fn unsuffixed_page_in_a_suffixed_folder_is_an_untranslated_copy() {
        let c = config();
        let l = page_locale(&c, "spanish-playbook/l1l2l3-blocked.md");
        assert_eq!((l.site, l.content), (1, 0));
        assert_eq!(l.key, "l1l2l3-blocked");
        let stray = page_locale(&c, "spanish-playbook/success-partner-en.md");
        assert_eq!((stray.site, stray.content), (1, 0));
        assert_eq!(stray.key, "success-partner");
        assert_eq!(stray.out_rel, "es/success-partner-en.html");
    }

    #[test]
    fn index_is_always_in_its_folder_language() {
        let c = config();
        let l = page_locale(&c, "spanish-playbook/index.md");
        assert_eq!((l.site, l.content), (1, 1));
        assert_eq!(l.key, "index");
    }

    #[test]
    fn suffix_alone_decides_outside_language_folders() {
        let c = config();
        let l = page_locale(&c, "guides/setup-pr.md");
        assert_eq!((l.site, l.content), (2, 2));
        assert_eq!(l.key, "guides/setup");
        assert_eq!(l.out_rel, "pt-BR/guides/setup-pr.html");
        let plain = page_locale(&c, "guides/setup.md");
        assert_eq!((plain.site, plain.key.as_str()), (0, "guides/setup"));
    }

    #[test]
    fn a_bare_suffix_is_a_name_not_a_suffix() {
        let c = config();
        let l = page_locale(&c, "-es.md");
        assert_eq!(l.site, 0);
        assert_eq!(l.key, "-es");
    }

    #[test]
    fn assets_follow_their_language_folder() {
        let c = config();
        assert_eq!(
            asset_out_rel(&c, "spanish-playbook/media/x.png"),
            "es/media/x.png"
        );
        assert_eq!(asset_out_rel(&c, "media/x.png"), "media/x.png");
    }
}
