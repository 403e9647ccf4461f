//! cuaderno: a static documentation-site generator for localized DocFX-style playbooks.
//!
//! The pipeline, in the order data flows (see ARCHITECTURE.md):
//! config → discover → front matter → markdown analysis → playbook structure → rules (links,
//! i18n, tasks, refresh, translations) → nav → render → output. [`analyze`] is the one
//! pipeline up to the diagnostics, shared by [`check`], [`build`], `serve` and the binary's
//! `lsp`. Content problems are [`Diagnostic`]s collected over the whole run; `Err` means the
//! tool could not run (a site.toml problem is a [`config::ConfigError`] inside it).
//!
//! The public API is what the binary and the tests use: loading a config ([`load_config`],
//! [`config_from_text`]), the pipeline, the loaded [`Site`] and its data (`content`,
//! `source`, `links::Target`, `playbook`), `diagnostics`, `fix`, `report`, `external`,
//! `serve`, and the parts of `render`/`search` the tests read. The rules, navigation and
//! Markdown passes are internal (`pub(crate)`).

pub mod config;
pub(crate) mod conflicts;
pub mod content;
pub mod diagnostics;
pub mod external;
pub mod fix;
pub mod gate;
pub mod init;
pub mod lints;
pub(crate) mod markdown;
pub(crate) mod nav;
pub(crate) mod new_folder;
pub mod output;
pub mod paths;
pub mod playbook;
pub mod render;
pub mod report;
pub mod rules;
pub mod search;
pub mod serve;
pub mod settings;
pub mod site;
pub mod slug;
pub mod source;
pub mod status;
pub mod theme;
pub mod walk;

pub use config::Config;
pub use diagnostics::{Code, Diagnostic, Severity};
pub use site::Site;

use anyhow::{bail, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Command-line overrides of what `site.toml` says.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub content: Option<PathBuf>,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub strict: bool,
}

/// Reads `site.toml` and applies the overrides (their paths are relative to the current folder).
pub fn load_config(path: &Path, overrides: &Overrides) -> Result<Config> {
    with_overrides(Config::load(path)?, overrides)
}

/// `load_config` of a text that stands for `path` (an editor's unsaved site.toml).
pub fn config_from_text(path: &Path, text: &str, overrides: &Overrides) -> Result<Config> {
    with_overrides(Config::from_text(text, path)?, overrides)
}

fn with_overrides(mut config: Config, overrides: &Overrides) -> Result<Config> {
    if let Some(content) = &overrides.content {
        config.content_dir = std::path::absolute(content)?;
    }
    if let Some(output) = &overrides.output {
        config.output_dir = std::path::absolute(output)?;
    }
    if let Some(base) = &overrides.base_url {
        config.base_url = base.clone();
    }
    config.strict |= overrides.strict;
    Ok(config)
}

/// What an analysis keeps for the next one (`serve`, `lsp`): the pages by file stamp, and the
/// link resolutions of pages whose site-wide context did not change. The pipeline owns them;
/// the stages they serve only borrow them.
#[derive(Default)]
pub struct Caches {
    pub pages: content::cache::PageCache,
    pub links: rules::links::memo::LinkMemo,
}

impl Caches {
    /// Forgets everything (a new config, a changed theme).
    pub fn clear(&mut self) {
        self.pages.clear();
        self.links.clear();
    }
}

/// A loaded site, its navigation, and every diagnostic at its lint level, in order.
pub struct Analyzed {
    pub site: Site,
    pub navs: Vec<nav::LangNav>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The one pipeline `build`, `check` and `serve` share: load the pages (unchanged ones from
/// `cache`, `Site::load_cached`), run the rules (`rules::run`), build the navigation, find the orphans, apply
/// the `[lints]` levels, sort. `overlays` stand in for files on disk (unsaved editor buffers).
pub fn analyze(
    config: Config,
    cache: Option<&mut Caches>,
    overlays: &content::overlay::Overlays,
) -> Result<Analyzed> {
    analyze_resolved(settings::resolve(config)?, cache, overlays)
}

/// `analyze` with the settings already resolved (`settings::resolve`): `lsp` resolves them
/// first, so that a broken theme file keeps the last good analysis instead of losing it.
pub fn analyze_resolved(
    settings: settings::Settings,
    mut cache: Option<&mut Caches>,
    overlays: &content::overlay::Overlays,
) -> Result<Analyzed> {
    let (mut site, diags) = Site::load_cached(
        settings,
        cache.as_deref_mut().map(|c| &mut c.pages),
        overlays,
    )?;
    let (navs, diagnostics) = settle(&mut site, diags, cache.map(|c| &mut c.links));
    Ok(Analyzed {
        site,
        navs,
        diagnostics,
    })
}

/// `analyze` again after an editor changed the text of pages already in `analyzed` (an `lsp`
/// keystroke, no file changed on disk): only the pages at `rels` are read again, in place
/// (`Site::patch_pages`), then the site rules, navigation and lint levels run as in
/// `analyze`. `false`, with `analyzed` unchanged, when the edit can reach past those pages
/// (the caller then analyzes the whole site). Debug builds (every test) analyze the whole site
/// too and check that the findings are the same.
pub fn reanalyze_pages(
    analyzed: &mut Analyzed,
    rels: &[String],
    overlays: &content::overlay::Overlays,
    caches: &mut Caches,
) -> bool {
    if !analyzed.site.patch_pages(rels, overlays) {
        return false;
    }
    let diags = analyzed.site.load_diagnostics();
    let (navs, diagnostics) = settle(&mut analyzed.site, diags, Some(&mut caches.links));
    analyzed.navs = navs;
    analyzed.diagnostics = diagnostics;
    #[cfg(debug_assertions)]
    if let Ok(fresh) = analyze(analyzed.site.config.clone(), None, overlays) {
        assert!(
            fresh.diagnostics == analyzed.diagnostics,
            "a patched analysis differs from a full one"
        );
    }
    true
}

/// The steps after loading: the site rules, navigation, orphans, lint levels, order. Gives the
/// navigation and every diagnostic (`diags`, the load's, first).
fn settle(
    site: &mut Site,
    mut diags: Vec<Diagnostic>,
    links: Option<&mut rules::links::memo::LinkMemo>,
) -> (Vec<nav::LangNav>, Vec<Diagnostic>) {
    rules::run(site, &mut diags, links);
    let (navs, nav_diags) = nav::build(site);
    diags.extend(nav_diags);
    diags.extend(rules::orphans::check(site, &navs));
    lints::apply(&mut diags, &site.config.lints);
    diagnostics::sort(&mut diags);
    (navs, diags)
}

/// Loads and validates the site without writing anything.
pub fn check(config: Config) -> Result<(Site, Vec<Diagnostic>)> {
    let analyzed = analyze(config, None, &Default::default())?;
    Ok((analyzed.site, analyzed.diagnostics))
}

/// What a build produced.
pub struct Built {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
    /// Files written, pages included.
    pub files: usize,
}

/// Builds the portal into the output folder, atomically.
pub fn build(config: Config) -> Result<Built> {
    let output_dir = config.output_path();
    guard_overlap(&config, &output_dir)?;
    let mut highlighter = markdown::highlight::Highlighter::new(config.highlight.enabled);
    let Analyzed {
        mut site,
        navs,
        mut diagnostics,
    } = analyze(config, None, &Default::default())?;
    let theme = render::Theme::load(&site.theme)?;
    highlighter.use_classes(theme.highlight_classes.clone());
    if let Some(d) = relative_base_url(&site.config) {
        let mut found = vec![d];
        lints::apply(&mut found, &site.config.lints);
        diagnostics.extend(found);
        diagnostics::sort(&mut diagnostics);
    }
    highlighter.expect(
        site.pages
            .iter()
            .flat_map(|p| p.analysis.code_keys.iter().copied()),
    );
    let staging = output::Staging::new(&output_dir)?;
    // Readers never see merge-conflict markers: each conflict's first side is rendered.
    let mut files = site.with_first_sides(|site| {
        render::render_site(site, &navs, &theme, &highlighter, &staging)
    })?;
    let mut copies: Vec<(&str, &theme::Source)> = Vec::new();
    let assets: Vec<theme::Source> = site
        .assets
        .iter()
        .map(|a| theme::Source::Disk(a.path.clone()))
        .collect();
    copies.extend(site.assets.iter().map(|a| a.out_rel.as_str()).zip(&assets));
    copies.extend(theme.static_files.iter().map(|(rel, s)| (rel.as_str(), s)));
    staging.make_dirs(copies.iter().map(|c| c.0))?;
    copies
        .par_iter()
        .try_for_each(|&(rel, source)| match source {
            theme::Source::Disk(from) => staging.copy(from, rel),
            theme::Source::Builtin(bytes) => staging.write(rel, bytes),
        })?;
    files += copies.len();
    staging.commit()?;
    Ok(Built {
        files,
        site,
        diagnostics,
    })
}

/// A sitemap needs absolute URLs: a `base_url` without a scheme and host gives a warning.
fn relative_base_url(config: &Config) -> Option<Diagnostic> {
    let base = config.base_url.trim();
    let absolute = ["http://", "https://"].iter().any(|s| {
        base.len() > s.len()
            && base
                .get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
    });
    (!absolute).then(|| {
        Diagnostic::new(
            Code::RelativeBaseUrl,
            "",
            format!("`base_url = \"{base}\"` is not an absolute URL: sitemap.xml and the canonical links will not be valid"),
        )
        .help("set `base_url` in site.toml (or `--base-url`) to the address the portal is published at, e.g. `https://example.org/playbook/`")
    })
}

/// The output folder is replaced on every build: it must not hold or be inside the content or
/// the theme, except inside the content in a folder `exclude` leaves out (DocFX's `_site` in
/// a project whose content is its root). Paths are compared resolved (symbolic links and `..`
/// included), the output's through its nearest existing folder, since it may not exist yet.
fn guard_overlap(config: &Config, output: &Path) -> Result<()> {
    let output = resolve(output)?;
    let folders = [
        Some(("content", config.content_path())),
        config.theme_path().map(|t| ("theme", t)),
    ];
    for (what, dir) in folders.into_iter().flatten() {
        let dir = resolve(&dir)?;
        let excluded = what == "content"
            && output.strip_prefix(&dir).is_ok_and(|rel| {
                let rel = rel.to_string_lossy().replace('\\', "/");
                !rel.is_empty() && config.files.skips_folder(&rel)
            });
        if !excluded && (output.starts_with(&dir) || dir.starts_with(&output)) {
            bail!(
                "output folder `{}` overlaps the {what} folder `{}`; choose an output outside it",
                output.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

/// `path` made absolute with symbolic links resolved as far as it exists.
fn resolve(path: &Path) -> Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Ok(rest.iter().rev().fold(real, |p, c| p.join(c)));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(path),
        }
    }
}
