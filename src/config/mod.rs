//! `site.toml`: the site, its languages and each language's vocabulary. Nothing about the
//! playbook is hard-coded in Rust; a new locale is a config change. Unknown keys are an error.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod dates;
mod error;
pub mod external;
pub mod files;
mod language;
pub mod lints;
mod local_dates;
pub mod print;
pub mod schema;
pub mod search;
mod sections;

pub use error::ConfigError;
pub use language::{matches_any, normalize, Language, Vocabulary};
pub use sections::{whole_value_regex, HighlightConfig, NavConfig, PlaybookRules, ThemeBase};
mod validate;
pub use validate::folders as check_folders;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    /// Absolute URL (or path) the site is served under; used for sitemap and hreflang links.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_content")]
    pub content_dir: PathBuf,
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Globs of the content files to read (all when empty), as DocFX's `files`.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of content files and folders never read (`**/includes/**`), as DocFX's `exclude`.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// `include` and `exclude` compiled when site.toml is read.
    #[serde(skip)]
    pub files: files::FileFilter,
    /// A theme folder laid over the built-in theme file by file (`theme_base = "none"`: used
    /// alone). Unset: the built-in theme.
    #[serde(default)]
    pub theme: Option<PathBuf>,
    /// What the `theme` folder is laid over: `builtin` (the default) or `none`.
    #[serde(default)]
    pub theme_base: ThemeBase,
    /// "Edit this page" link: `{path}` is replaced by the page's content-relative path
    /// (e.g. `https://example.org/edit/main/content/{path}`); no link when unset.
    #[serde(default)]
    pub edit_url: Option<String>,
    /// "Report a problem" link: `{path}`, `{title}` and `{url}` are replaced by the page's
    /// content path, title and address, URL-encoded (e.g.
    /// `https://github.com/org/playbook/issues/new?title={title}&body={url}`); no link when unset.
    #[serde(default)]
    pub issue_url: Option<String>,
    pub default_language: String,
    /// Errors in the content fail the build (exit 1), as `--strict` does.
    #[serde(default)]
    pub strict: bool,
    /// Phase ids in lifecycle order; navigation by phase follows it.
    #[serde(default)]
    pub phases: Vec<String>,
    #[serde(default)]
    pub nav: NavConfig,
    #[serde(default)]
    pub highlight: HighlightConfig,
    /// The portal's search: on by default; weights, stemmers and stop words.
    #[serde(default)]
    pub search: search::SearchConfig,
    /// Each language's playbook as one document to print: on by default.
    #[serde(default)]
    pub print: print::PrintConfig,
    pub languages: Vec<Language>,
    /// The front-matter schema: required keys, allowed values, patterns, date formats.
    #[serde(default)]
    pub metadata: schema::Schema,
    /// Rules of the playbook's structure that are not words of a language.
    #[serde(default)]
    pub playbook: PlaybookRules,
    /// `check --external`: limits, timeouts, patterns, cache, hosts.
    #[serde(default)]
    pub external: external::ExternalConfig,
    /// Level per diagnostic code: `allow`, `note`, `warning` or `error`.
    #[serde(default)]
    pub lints: BTreeMap<String, lints::Level>,
    /// Pages that moved: an old content path (`guides/old.md`) to the page it moved to (a
    /// content path) or a web address. Each becomes a small page at the old address that sends
    /// readers on. A DocFX `.openpublishing.redirection.json` beside site.toml is read too.
    #[serde(default)]
    pub redirects: BTreeMap<String, String>,
    /// Set after loading: the folder holding site.toml, against which paths resolve.
    #[serde(skip)]
    pub root: PathBuf,
    /// Set after loading: site.toml itself (errors about its contents point into it).
    #[serde(skip)]
    pub file: PathBuf,
    /// Set after loading: site.toml's text as read (an editor's buffer in `lsp`), so that
    /// problems found later are placed in the text that was checked.
    #[serde(skip)]
    pub text: String,
    /// Set by `serve`: pages are for editors, so broken links stay marked (in red, naming
    /// their target); a build for readers shows their text plainly.
    #[serde(skip)]
    pub preview: bool,
    /// Set after loading from the clock: what "in the future" means for dates.
    #[serde(skip, default = "crate::config::dates::today")]
    pub today: dates::Date,
}

fn default_base_url() -> String {
    "/".into()
}
fn default_content() -> PathBuf {
    "content".into()
}
fn default_output() -> PathBuf {
    "public".into()
}

impl Config {
    /// Reads and validates `path`. Errors name the file and, for TOML problems, the line.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config `{}`", path.display()))?;
        Config::from_text(&text, path)
    }

    /// `load` of a text that stands for `path` (an editor's unsaved site.toml).
    pub fn from_text(text: &str, path: &Path) -> Result<Config> {
        let mut config = Config::parse(text, path)?;
        config.file = path.to_path_buf();
        config.text = text.to_string();
        config.root = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        Ok(config)
    }

    /// Parses and validates site.toml's text. Every error is a [`ConfigError`] (inside the
    /// `anyhow::Error`), placed in the file when the problem has a place.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        Config::parse_typed(text, path).map_err(anyhow::Error::new)
    }

    fn parse_typed(text: &str, path: &Path) -> std::result::Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|span| error::offset(text, span.start));
            ConfigError::new(path, at, e.message())
        })?;
        let whole = |e: anyhow::Error| ConfigError::new(path, None, format!("{e:#}"));
        config.validate().map_err(whole)?;
        let mut config = config;
        config.metadata.compile().map_err(whole)?;
        lints::validate(&config.lints, text, path)?;
        validate::check(&config, text, path)?;
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        config.search.validate(&codes).map_err(whole)?;
        if let Err(e) = regex::Regex::new(&config.playbook.task_id_pattern) {
            return Err(ConfigError::near(
                path,
                text,
                "task_id_pattern",
                format!("[playbook] task_id_pattern is not a valid regular expression: {e}"),
            ));
        }
        config.playbook.task_id_regex = whole_value_regex(&config.playbook.task_id_pattern);
        config.files = files::FileFilter::new(&config.include, &config.exclude).map_err(|bad| {
            let needle = format!("\"{}\"", bad.glob);
            let needle = if text.contains(&needle) {
                needle
            } else {
                bad.key.to_string()
            };
            let message = format!(
                "`{}` glob `{}` is not usable: {}",
                bad.key, bad.glob, bad.why
            );
            ConfigError::near(path, text, &needle, message)
        })?;
        Ok(config)
    }

    fn validate(&self) -> Result<()> {
        if self.languages.is_empty() {
            bail!("no `[[languages]]` declared");
        }
        if self.language(&self.default_language).is_none() {
            let codes: Vec<_> = self.languages.iter().map(|l| l.code.as_str()).collect();
            bail!(
                "default_language `{}` is not one of the declared languages ({})",
                self.default_language,
                codes.join(", ")
            );
        }
        let mut seen = std::collections::HashSet::new();
        for lang in &self.languages {
            if lang.code.is_empty() || lang.code.contains(['/', '\\', ' ']) || lang.code == ".." {
                bail!(
                    "language code `{}` cannot be used as a folder name",
                    lang.code
                );
            }
            if !seen.insert(format!("code:{}", lang.code)) {
                bail!("language `{}` is declared twice", lang.code);
            }
            for suffix in std::iter::once(&lang.suffix).chain(&lang.alt_suffixes) {
                // Languages with folders of their own may all leave their pages unsuffixed
                // (DocFX's `en-us/`, `zh-cn/`): the folder tells their pages apart.
                if suffix.is_empty() && lang.folder.is_some() {
                    continue;
                }
                if !seen.insert(format!("suffix:{suffix}")) {
                    bail!("suffix `{suffix}` is used by two languages");
                }
            }
            if let Some(folder) = &lang.folder {
                if !seen.insert(format!("folder:{}", folder.trim_matches('/'))) {
                    bail!("folder `{folder}` is used by two languages");
                }
            }
            for phase in lang.vocabulary.phases.keys() {
                if !self.phases.contains(phase) {
                    bail!(
                        "language `{}` names phase `{phase}`, which is not in `phases`",
                        lang.code
                    );
                }
            }
        }
        Ok(())
    }

    /// True when `[lints]` turns `code` off: rules may then skip the work.
    pub fn allows(&self, code: crate::diagnostics::Code) -> bool {
        self.lints.get(code.name()) == Some(&lints::Level::Allow)
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    /// A phase's name in a language: the first of its vocabulary's names, else the id.
    pub fn phase_name(&self, lang: usize, phase: &str) -> String {
        self.languages[lang]
            .vocabulary
            .phases
            .get(phase)
            .and_then(|names| names.first())
            .cloned()
            .unwrap_or_else(|| phase.to_string())
    }

    pub fn default_language_index(&self) -> usize {
        self.language_index(&self.default_language).unwrap_or(0)
    }

    /// `path` against the config's folder, with `.` and `..` folded away lexically so that
    /// paths print the way a person would write them.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        let joined = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        let mut out = PathBuf::new();
        for part in joined.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir if out.file_name().is_some() => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        if out.as_os_str().is_empty() {
            out.push(".");
        }
        out
    }

    pub fn content_path(&self) -> PathBuf {
        self.resolve(&self.content_dir)
    }

    pub fn output_path(&self) -> PathBuf {
        self.resolve(&self.output_dir)
    }

    /// The theme folder site.toml names, if any (the built-in theme needs none).
    pub fn theme_path(&self) -> Option<PathBuf> {
        self.theme.as_deref().map(|t| self.resolve(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
title = "T"
default_language = "en"
[[languages]]
code = "en"
name = "English"
"#;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse(MINIMAL, Path::new("site.toml")).unwrap();
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.base_url, "/");
        assert!(c.highlight.enabled);
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let text = format!("{MINIMAL}colour = \"red\"\n");
        let err = Config::parse(&text, Path::new("site.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("site.toml:7:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn default_language_must_exist() {
        let text = MINIMAL.replace("default_language = \"en\"", "default_language = \"fr\"");
        let err = format!(
            "{:#}",
            Config::parse(&text, Path::new("s.toml")).unwrap_err()
        );
        assert!(err.contains("`fr`"), "{err}");
    }

    #[test]
    fn normalize_ignores_case_space_and_colon() {
        assert_eq!(normalize("  Id.  de   Tarea : "), "id. de tarea");
        assert_eq!(normalize("適用対象："), "適用対象");
        assert!(matches_any("ROL principal", &["Rol Principal".into()]));
    }
}
