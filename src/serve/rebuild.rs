//! Builds for `serve`, into memory. A rebuild reloads and re-checks the whole site (fast), and
//! re-renders only the pages whose source changed when nothing that other pages show changed
//! (titles, paths, languages, navigation, links' targets, theme, config); otherwise all pages.
//! Either way the files are byte-identical to a full build's.

use crate::diagnostics::Diagnostic;
use crate::markdown::highlight::Highlighter;
use crate::render::{self, Sink, Theme};
use crate::theme::Source;
use crate::{Overrides, Site};
use anyhow::Result;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Output path to bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// One successful build.
pub struct Output {
    pub files: Files,
    /// Output path of each content asset and theme static file, to its file on disk.
    pub assets: HashMap<String, PathBuf>,
    /// Output path of each page to its source path (for the overlay).
    pub sources: HashMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Folders that served files may come from (canonical): content and theme static.
    pub roots: Vec<PathBuf>,
    /// Pages rendered by this build (all, or the changed ones).
    pub rendered: usize,
    pub elapsed: Duration,
}

struct Previous {
    signature: u64,
    languages: Vec<u64>,
    /// What the extra files (task indexes, sitemap) show besides the signature.
    extras: u64,
    texts: HashMap<String, u64>,
    files: Files,
    /// The rendered body of each page, by output path, for the print documents.
    bodies: HashMap<String, String>,
}

pub struct Rebuilder {
    config_path: PathBuf,
    overrides: Overrides,
    highlighter: Option<Highlighter>,
    previous: Option<Previous>,
    /// Pages of the last build, reused while their files and site.toml are unchanged.
    cache: crate::Caches,
    config_text: Option<String>,
    /// The theme of the last build and the template text it was compiled from.
    theme: Option<(String, Arc<Theme>)>,
}

struct MemorySink(Mutex<Files>);

impl Sink for MemorySink {
    fn make_dirs(&self, _: &[&str]) -> Result<()> {
        Ok(())
    }

    fn write(&self, rel: &str, content: String) -> Result<()> {
        if let Ok(mut files) = self.0.lock() {
            files.insert(rel.to_string(), Arc::from(content.into_bytes()));
        }
        Ok(())
    }
}

/// A page's text and the texts it includes: when one changes, the page is written again.
fn text_hash(site: &Site, page: &crate::content::page::Page) -> u64 {
    let mut h = DefaultHasher::new();
    page.file.text.hash(&mut h);
    let included = site.includes.inserted_by(page);
    for &i in &included {
        site.includes.files[i].file.text.hash(&mut h);
    }
    // The code its snippets show (read from their files each analysis).
    let rels = included.iter().map(|&i| &site.includes.files[i].file.rel);
    for rel in std::iter::once(&page.file.rel).chain(rels) {
        site.snippets.get(rel).hash(&mut h);
    }
    h.finish()
}

/// What shapes every page: a change here means a full render.
fn signature(site: &Site, config_text: &str, theme_text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    (config_text, theme_text).hash(&mut h);
    for page in &site.pages {
        let l = &page.locale;
        (&page.file.rel, &l.out_rel, &l.key, l.site, l.content).hash(&mut h);
    }
    for asset in &site.assets {
        asset.rel.hash(&mut h);
    }
    for toc in site.tocs.iter().chain(&site.nested_tocs) {
        toc.file.text.hash(&mut h);
    }
    // A page's own links show only in that page, and its text is compared separately.
    h.finish()
}

/// Per language, what its pages show of each other: titles (navigation, breadcrumbs,
/// previous/next) and phases (navigation by phase, the lifecycle strip); and, in a
/// translation, the dates and refresh notes of the default language's pages (the
/// stale-translation banner and its list of the source's changes).
/// A change re-renders that language.
fn language_signatures(site: &Site) -> Vec<u64> {
    let default = site.config.default_language_index();
    (0..site.config.languages.len())
        .map(|lang| {
            let mut h = DefaultHasher::new();
            for page in site.pages_of(lang).map(|p| &site.pages[p]) {
                (&page.title, &page.playbook.phase_id).hash(&mut h);
            }
            if lang != default {
                for page in site.pages_of(default).map(|p| &site.pages[p]) {
                    page.front
                        .get(&site.config.metadata.date_field)
                        .hash(&mut h);
                    for row in &page.playbook.refresh {
                        (&row.date, &row.what).hash(&mut h);
                    }
                }
            }
            h.finish()
        })
        .collect()
}

/// What the task indexes, the sitemap and the translation dashboard show that the signature
/// does not: tasks, dates, refresh rows, step counts, copies.
fn extras_signature(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    for page in &site.pages {
        let date = page.front.get(&site.config.metadata.date_field);
        (date, &page.playbook.phase_id).hash(&mut h);
        (page.playbook.steps.len(), page.is_copy()).hash(&mut h);
        for row in &page.playbook.refresh {
            (&row.date, &row.what).hash(&mut h);
        }
        for t in &page.playbook.tasks {
            (&t.id, &t.name, &t.mandatory, &t.role, &t.services).hash(&mut h);
        }
    }
    h.finish()
}

impl Rebuilder {
    pub fn new(config_path: PathBuf, overrides: Overrides) -> Rebuilder {
        Rebuilder {
            config_path,
            overrides,
            highlighter: None,
            previous: None,
            cache: Default::default(),
            config_text: None,
            theme: None,
        }
    }

    /// Builds the site. `Err` for what stops a build (config, theme, template errors); the
    /// previous output stays valid then.
    pub fn build(&mut self) -> Result<Output> {
        let started = Instant::now();
        let config_text = std::fs::read_to_string(&self.config_path).unwrap_or_default();
        let mut config = crate::load_config(&self.config_path, &self.overrides)?;
        config.preview = true;
        let enabled = config.highlight.enabled;
        let mut highlighter = self
            .highlighter
            .take()
            .unwrap_or_else(|| Highlighter::new(enabled));
        let content_root = config.content_path();
        if self.config_text.as_deref() != Some(config_text.as_str()) {
            self.cache.clear();
        }
        let crate::Analyzed {
            mut site,
            navs,
            diagnostics: diags,
        } = crate::analyze(config, Some(&mut self.cache), &Default::default())?;
        // Templates and words decide every page; which static files there are, the assets.
        let mut templates = site.theme.fingerprint(&["templates/", "i18n/"]);
        for (rel, source) in site.theme.under("static/") {
            templates.push_str(&format!("{rel}{source:?}"));
        }
        // A stylesheet that styles other scopes changes every highlighted block.
        let classes = render::highlight_classes(&site.theme)?;
        templates.push_str(&format!("{classes:?}"));
        let theme = match self.theme.take() {
            Some((text, theme)) if text == templates => theme,
            _ => Arc::new(Theme::load(&site.theme)?),
        };
        self.theme = Some((templates.clone(), theme.clone()));
        highlighter.use_classes(classes);
        highlighter.expect(
            site.pages
                .iter()
                .flat_map(|p| p.analysis.code_keys.iter().copied()),
        );

        let signature = signature(&site, &config_text, &templates);
        let languages = language_signatures(&site);
        let extras = extras_signature(&site);
        let texts: HashMap<String, u64> = site
            .pages
            .iter()
            .map(|p| (p.file.rel.clone(), text_hash(&site, p)))
            .collect();
        let (pages, base, same_extras, mut bodies) = match self.previous.take() {
            Some(prev) if prev.signature == signature => {
                let stale: Vec<bool> = languages
                    .iter()
                    .zip(&prev.languages)
                    .map(|(a, b)| a != b)
                    .collect();
                let changed = (0..site.pages.len()).filter(|&i| {
                    let page = &site.pages[i];
                    stale[page.locale.site]
                        || prev.texts.get(&page.file.rel) != texts.get(&page.file.rel)
                });
                // The task index shows page titles, the sitemap dates: both are extras.
                let same = prev.extras == extras && !stale.contains(&true);
                (
                    changed.collect::<Vec<usize>>(),
                    prev.files,
                    same,
                    prev.bodies,
                )
            }
            _ => (
                (0..site.pages.len()).collect(),
                Files::new(),
                false,
                HashMap::new(),
            ),
        };
        let sink = MemorySink(Mutex::new(base));
        let result = site.with_first_sides(|site| {
            let rendered = render::render_pages(site, &navs, &theme, &highlighter, &pages, &sink)?;
            for (page, body) in rendered {
                bodies.insert(site.pages[page].locale.out_rel.clone(), body);
            }
            // A page's text is in its language's index only.
            let mut langs: Vec<usize> = match same_extras {
                true => pages.iter().map(|&p| site.pages[p].locale.site).collect(),
                false => (0..site.config.languages.len()).collect(),
            };
            langs.sort_unstable();
            langs.dedup();
            // Rows for the extras and the search index, when either is written.
            let wanted = !same_extras || site.config.search.enabled;
            let rows = render::TaskRows::of(site, if wanted { &langs } else { &[] });
            if !same_extras {
                render::render_extras(site, &navs, &theme, &rows, &sink)?;
            }
            let body = |p: usize| {
                bodies
                    .get(&site.pages[p].locale.out_rel)
                    .map(String::as_str)
            };
            render::render_prints(site, &navs, &theme, &body, &sink)?;
            render::render_search_of(site, &langs, &rows, &sink)
        });
        self.highlighter = Some(highlighter);
        result?;
        let mut files = sink.0.into_inner().unwrap_or_default();
        for (rel, source) in &theme.static_files {
            if let Source::Builtin(bytes) = source {
                files.insert(rel.clone(), Arc::from(*bytes));
            }
        }
        self.previous = Some(Previous {
            signature,
            languages,
            extras,
            texts,
            files: files.clone(),
            bodies,
        });
        let output = Output {
            assets: assets(&site, &theme),
            sources: site
                .pages
                .iter()
                .map(|p| (p.locale.out_rel.clone(), p.file.rel.clone()))
                .collect(),
            roots: [
                Some(content_root),
                site.theme.dir().map(|d| d.join("static")),
            ]
            .into_iter()
            .flatten()
            .filter_map(|p| p.canonicalize().ok())
            .collect(),
            files,
            diagnostics: diags,
            rendered: pages.len(),
            elapsed: started.elapsed(),
        };
        site.into_cache(&mut self.cache.pages);
        self.config_text = Some(config_text);
        Ok(output)
    }
}

/// Content assets and the theme's static files on disk (built-in ones are in `files`).
fn assets(site: &Site, theme: &Theme) -> HashMap<String, PathBuf> {
    let mut out: HashMap<String, PathBuf> = site
        .assets
        .iter()
        .map(|a| (a.out_rel.clone(), a.path.clone()))
        .collect();
    for (rel, source) in &theme.static_files {
        if let Source::Disk(path) = source {
            out.insert(rel.clone(), path.clone());
        }
    }
    out
}
