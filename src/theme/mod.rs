//! Where the theme's files come from. The default theme (`themes/default/` in this repository:
//! templates, stylesheet, scripts, word files, stemmers) is built into the binary
//! (`builtin.rs`), so `cuaderno` works in any folder. A `theme` folder named in site.toml is
//! laid over it file by file: a file at the same path replaces the built-in one, and what the
//! folder lacks comes from the built-in theme. `theme_base = "none"` uses the folder alone.
//!
//! Everything that reads the theme (templates, `i18n/` words, `static/` files, stemmer
//! scripts) reads it through [`ThemeFiles`], so every stage sees the same layering.

mod builtin;

pub use builtin::eject;

use crate::config::{Config, ThemeBase};
use anyhow::{bail, Result};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where one theme file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into the binary.
    Builtin(&'static [u8]),
    /// A file of the theme folder on disk.
    Disk(PathBuf),
}

/// The theme's files by their path inside the theme (`templates/page.html`,
/// `static/style.css`), in a stable order.
#[derive(Debug, Clone)]
pub struct ThemeFiles {
    files: BTreeMap<String, Source>,
    /// The theme folder on disk, when site.toml names one.
    dir: Option<PathBuf>,
    /// Whether the built-in theme is under it.
    builtin: bool,
}

impl ThemeFiles {
    /// The built-in theme alone.
    pub fn builtin() -> ThemeFiles {
        ThemeFiles {
            files: builtin::files()
                .map(|(rel, bytes)| (rel, Source::Builtin(bytes)))
                .collect(),
            dir: None,
            builtin: true,
        }
    }

    /// The theme `config` names: its folder over the built-in theme (or alone, with
    /// `theme_base = "none"`). A named folder that does not exist is an error: a typo must not
    /// silently fall back. The folder is walked like the content: a symbolic link that leads
    /// outside it is an error, so a theme from a pull request cannot publish other files.
    pub fn load(config: &Config) -> Result<ThemeFiles> {
        let dir = config.theme_path();
        let mut theme = match config.theme_base {
            ThemeBase::Builtin => ThemeFiles::builtin(),
            ThemeBase::None => ThemeFiles {
                files: BTreeMap::new(),
                dir: None,
                builtin: false,
            },
        };
        let Some(dir) = dir else {
            if !theme.builtin {
                bail!("`theme_base = \"none\"` needs a `theme` folder in site.toml");
            }
            return Ok(theme);
        };
        if !dir.is_dir() {
            bail!(
                "theme folder `{}` does not exist (remove `theme` from site.toml to use the \
                 built-in theme, or write it out with `cuaderno theme eject`)",
                dir.display()
            );
        }
        let mut diags = Vec::new();
        let entries = crate::walk::walk(&dir, &(), &mut diags);
        if let Some(d) = diags
            .iter()
            .find(|d| d.code == crate::Code::SymlinkOutsideContent)
        {
            bail!(
                "theme `{}`: `{}` is {}",
                dir.display(),
                d.file,
                d.message.replace("the content folder", "the theme folder")
            );
        }
        for entry in entries {
            theme.files.insert(entry.rel, Source::Disk(entry.path));
        }
        theme.dir = Some(dir);
        Ok(theme)
    }

    /// The theme folder on disk, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// How to name this theme in a message.
    pub fn describe(&self) -> String {
        match (&self.dir, self.builtin) {
            (None, _) => "the built-in theme".to_string(),
            (Some(dir), true) => format!("theme `{}` (over the built-in theme)", dir.display()),
            (Some(dir), false) => format!("theme `{}`", dir.display()),
        }
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    pub fn source(&self, rel: &str) -> Option<&Source> {
        self.files.get(rel)
    }

    /// A file's bytes; `Err` when a file on disk cannot be read.
    pub fn read(&self, rel: &str) -> Result<Option<Cow<'static, [u8]>>> {
        match self.files.get(rel) {
            None => Ok(None),
            Some(Source::Builtin(bytes)) => Ok(Some(Cow::Borrowed(bytes))),
            Some(Source::Disk(path)) => match std::fs::read(path) {
                Ok(bytes) => Ok(Some(Cow::Owned(bytes))),
                Err(e) => bail!("theme file `{}`: {e}", path.display()),
            },
        }
    }

    /// A file as text; `Err` when it cannot be read or is not UTF-8.
    pub fn read_text(&self, rel: &str) -> Result<Option<String>> {
        match self.read(rel)? {
            None => Ok(None),
            Some(bytes) => match String::from_utf8(bytes.into_owned()) {
                Ok(text) => Ok(Some(text)),
                Err(_) => bail!("theme file `{rel}` is not UTF-8 text"),
            },
        }
    }

    /// The files under `prefix` (e.g. `static/`), with their paths inside the theme.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a Source)> {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(rel, _)| rel.starts_with(prefix))
            .map(|(rel, source)| (rel.as_str(), source))
    }

    /// A fingerprint of the files under `prefixes`: which files, from where, and their text,
    /// so that `serve` can tell when templates or words changed.
    pub fn fingerprint(&self, prefixes: &[&str]) -> String {
        let mut out = String::new();
        for prefix in prefixes {
            for (rel, source) in self.under(prefix) {
                out.push_str(rel);
                match source {
                    Source::Builtin(_) => out.push_str("\0builtin\0"),
                    Source::Disk(path) => {
                        out.push('\0');
                        out.push_str(&std::fs::read_to_string(path).unwrap_or_default());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_theme_has_what_a_site_needs() {
        let theme = ThemeFiles::builtin();
        for rel in [
            "templates/page.html",
            "templates/base.html",
            "static/style.css",
            "static/search/search.js",
            "static/search/stem/spanish.js",
            "i18n/en.toml",
            "i18n/es.toml",
        ] {
            assert!(theme.contains(rel), "{rel}");
        }
        assert!(theme
            .under("static/")
            .all(|(rel, _)| rel.starts_with("static/")));
        assert_eq!(theme.describe(), "the built-in theme");
    }

    #[test]
    fn under_lists_only_its_prefix_in_order() {
        let theme = ThemeFiles::builtin();
        let rels: Vec<&str> = theme.under("i18n/").map(|(r, _)| r).collect();
        let mut sorted = rels.clone();
        sorted.sort_unstable();
        assert_eq!(rels, sorted);
        assert!(rels.contains(&"i18n/de.toml"));
        assert!(!rels.iter().any(|r| r.starts_with("templates/")));
    }
}
