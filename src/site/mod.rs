//! The loaded site: every page, asset and toc, with indexes by path and by translation key.
//! Built once, then read-only: validation, navigation and rendering borrow it.

use crate::config::Config;
use crate::content::cache::{Cached, PageCache};
use crate::content::discover::{self, Kind};
use crate::content::overlay::Overlays;
use crate::content::page::Page;
use crate::content::toc::Toc;
use crate::diagnostics::Diagnostic;
use anyhow::{bail, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

mod first_sides;
pub mod includes;
mod load;
mod patch;
pub mod pivots;
pub mod redirects;
pub mod snippets;

/// What a link of a page leads to, as resolved by the rules (`crate::rules::links`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Leaves the site (`https:`, `mailto:`): kept as written.
    External,
    /// A page, maybe with a fragment (`#` alone on the same page too).
    Page {
        page: usize,
        fragment: Option<String>,
    },
    Asset(usize),
    /// An e-mail address written without `mailto:`: rendered as a `mailto:` link.
    Mailto(String),
    /// A web address written without its scheme (`www.example.com`): rendered with `https://`.
    Web(String),
    /// Resolves nowhere: rendered visibly as broken.
    Broken,
    /// A DocFX `@uid` shorthand no page declares: its text, as written, with no finding.
    Plain,
}

#[derive(Debug)]
pub struct Asset {
    pub rel: String,
    pub path: PathBuf,
    pub out_rel: String,
}

#[derive(Debug, Default)]
pub struct Index {
    pub page_by_rel: HashMap<String, usize>,
    pub asset_by_rel: HashMap<String, usize>,
    /// Lowercased content path to the real one, for case-mismatch hints.
    pub by_lower: HashMap<String, String>,
    /// Translation key to the page of each site language (indexed like `Config::languages`).
    pub translations: BTreeMap<String, Vec<Option<usize>>>,
    /// A front matter `uid:` (DocFX) to the page of each site language that declares it.
    pub uids: HashMap<String, Vec<Option<usize>>>,
    /// Pages declaring a uid that another page of their language (not one of their own
    /// translations) declared first: (the later page, the first).
    pub duplicate_uids: Vec<(usize, usize)>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// The theme's files (its folder over the built-in theme), read when the site loaded.
    pub theme: crate::theme::ThemeFiles,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    pub tocs: Vec<Toc>,
    /// The other toc files: DocFX tocs that a navigation entry names by folder
    /// (`href: articles/`) or by file (`href: articles/toc.yml`).
    pub nested_tocs: Vec<Toc>,
    pub index: Index,
    /// Per page, the target of each link of `page.analysis.links`, in the same order.
    pub links: Vec<Vec<Target>>,
    /// The files pages insert with `[!INCLUDE]`: not pages.
    pub includes: includes::Includes,
    /// The redirect pages to write (`rules::redirects` fills them).
    pub redirects: Vec<redirects::Redirect>,
    /// The DocFX pivot groups (`rules::run` reads them).
    pub pivots: pivots::Pivots,
    /// The code of each DocFX snippet directive, per file (`rules::run` reads them).
    pub snippets: snippets::Snippets,
    /// When loaded with a cache: each page's file stamp and own diagnostics, for `into_cache`
    /// and `patch_pages`.
    origins: load::Origins,
    /// When loaded with a cache: every diagnostic the load found, for `patch_pages`.
    loaded: Option<Vec<Diagnostic>>,
    /// Per page: it is unchanged since the previous analysis (taken from the cache, or not
    /// patched), so what that analysis kept for it holds (`rules::links::memo`).
    reused: Vec<bool>,
    /// How many pages each language site publishes (`published`), counted once when loaded.
    published_counts: Vec<usize>,
}

impl Site {
    /// Loads the content tree: every page read and analyzed, assets, tocs, indexes; the rules
    /// (`crate::rules`) run on the result. Unchanged pages come from `cache` (which this load's
    /// pages fill again, see `Site::into_cache`), and a file's text from `overlays` when it
    /// holds one (an editor's unsaved buffer) instead of from disk. `Err` only when the tool
    /// cannot run (no content folder); every content problem is a diagnostic.
    pub fn load_cached(
        settings: crate::settings::Settings,
        mut cache: Option<&mut PageCache>,
        overlays: &Overlays,
    ) -> Result<(Site, Vec<Diagnostic>)> {
        let crate::settings::Settings {
            config,
            theme,
            notes: words,
        } = settings;
        let root = config.content_path();
        if !root.is_dir() {
            bail!(
                "content folder `{}` does not exist or is not a folder",
                root.display()
            );
        }
        let mut diags = words;
        let reused = cache.as_deref().and_then(PageCache::reusable_walk);
        let (mut entries, walk_diags) = reused.unwrap_or_else(|| {
            let mut found = Vec::new();
            (discover::walk(&root, &config.files, &mut found), found)
        });
        if let Some(cache) = cache.as_deref_mut() {
            cache.keep_walk(entries.clone(), walk_diags.clone());
        }
        diags.extend(walk_diags);
        entries.extend(
            overlays
                .unsaved_pages(&root, &entries)
                .into_iter()
                .filter(|e| config.files.reads_file(&e.rel)),
        );
        let caching = cache.is_some();
        let load::Pages {
            mut pages,
            diagnostics: mut diags_of_pages,
            origins,
            from_cache,
        } = load::load_pages(&config, &entries, cache, overlays);
        let includes =
            includes::Includes::split(&config, &mut pages, overlays, &mut diags_of_pages);
        let page_diags = diags_of_pages;
        if pages.is_empty() {
            bail!(
                "no pages in the content folder `{}`: it has no `.md` file (is `content_dir` in                  site.toml, or `--content`, the folder of your Markdown pages?)",
                root.display()
            );
        }
        diags.extend(page_diags);
        let mut site = Site {
            pages: Vec::new(),
            assets: Vec::new(),
            tocs: Vec::new(),
            nested_tocs: Vec::new(),
            index: Index::default(),
            links: Vec::new(),
            includes,
            redirects: Vec::new(),
            pivots: pivots::Pivots::default(),
            snippets: snippets::Snippets::new(),
            origins,
            loaded: None,
            reused: Vec::new(),
            published_counts: Vec::new(),
            config,
            theme,
        };
        site.add_pages(pages, &mut diags);
        let navigation = site.navigation_tocs(&entries);
        for entry in &entries {
            match entry.kind {
                // The pivot groups file is configuration, not something to publish.
                Kind::Asset if pivots::FILES.contains(&entry.rel.as_str()) => {}
                Kind::Asset => site.assets.push(Asset {
                    out_rel: discover::asset_out_rel(&site.config, &entry.rel),
                    rel: entry.rel.clone(),
                    path: entry.path.clone(),
                }),
                Kind::Toc => {
                    let nav = navigation.contains(&entry.rel.as_str());
                    site.add_toc(entry, nav, overlays, &mut diags)
                }
                Kind::Page => {}
            }
        }
        site.build_index();
        site.published_counts = (0..site.config.languages.len())
            .map(|lang| site.published(lang).count())
            .collect();
        site.reused = site
            .pages
            .iter()
            .map(|p| from_cache.contains(&p.file.rel))
            .collect();
        if caching {
            site.loaded = Some(diags.clone());
        }
        Ok((site, diags))
    }

    fn build_index(&mut self) {
        let n = self.config.languages.len();
        let index = &mut self.index;
        for (i, page) in self.pages.iter().enumerate() {
            index.page_by_rel.insert(page.file.rel.clone(), i);
            index
                .by_lower
                .insert(page.file.rel.to_lowercase(), page.file.rel.clone());
            let slots = index
                .translations
                .entry(page.locale.key.clone())
                .or_insert_with(|| vec![None; n]);
            let slot = &mut slots[page.locale.site];
            // A page written in its site's language wins over an untranslated copy.
            let better = slot.is_none_or(|j| self.pages[j].is_copy() && !page.is_copy());
            if better {
                *slot = Some(i);
            }
        }
        for (i, asset) in self.assets.iter().enumerate() {
            index.asset_by_rel.insert(asset.rel.clone(), i);
            index
                .by_lower
                .insert(asset.rel.to_lowercase(), asset.rel.clone());
        }
        self.index_uids();
    }

    /// `Index::uids`: the first page of a language with a uid (in path order) keeps it; one of
    /// its translations (an untranslated copy) shares it silently, any other page is a duplicate.
    fn index_uids(&mut self) {
        let n = self.config.languages.len();
        let index = &mut self.index;
        for (i, page) in self.pages.iter().enumerate() {
            let Some(uid) = page.uid() else { continue };
            let slots = index
                .uids
                .entry(uid.to_string())
                .or_insert_with(|| vec![None; n]);
            match slots[page.locale.site] {
                None => slots[page.locale.site] = Some(i),
                Some(first) if self.pages[first].locale.key != page.locale.key => {
                    index.duplicate_uids.push((i, first))
                }
                Some(_) => {}
            }
        }
    }

    /// Whether `id` is an anchor of page `page`: a heading or task of its own, or a heading an
    /// include brings in.
    pub fn has_anchor(&self, page: usize, id: &str) -> bool {
        let p = &self.pages[page];
        p.has_anchor(id)
            || (!p.analysis.includes.is_empty()
                && self
                    .includes
                    .headings(p)
                    .iter()
                    .any(|&(h, inc)| inc && h.id == id))
    }

    /// Every anchor of page `page` ([`Site::has_anchor`]'s).
    pub fn anchors(&self, page: usize) -> Vec<String> {
        let p = &self.pages[page];
        let mut all: Vec<String> = p.anchors().collect();
        if !p.analysis.includes.is_empty() {
            let included = self
                .includes
                .headings(p)
                .into_iter()
                .filter(|(_, inc)| *inc);
            all.extend(included.map(|(h, _)| h.id.clone()));
        }
        all
    }

    /// Page `page` is unchanged since the previous analysis: it came from the page cache (same
    /// file, same config) or a patch left it as it was.
    pub fn is_reused(&self, page: usize) -> bool {
        self.reused.get(page).copied().unwrap_or(false)
    }

    /// Gives the pages back to a cache for the next load (`load_cached`).
    pub fn into_cache(self, cache: &mut PageCache) {
        let mut origins = self.origins;
        for page in self.pages {
            if let Some((Some(stamp), diagnostics)) = origins.remove(&page.file.rel) {
                cache.put(Cached {
                    stamp,
                    page: Box::new(page),
                    diagnostics,
                });
            }
        }
    }

    /// The page that `page` is in language `lang`, if there is one.
    /// The page or toc file at a content-relative path: what a diagnostic points into.
    pub fn source_file(&self, rel: &str) -> Option<&crate::source::SourceFile> {
        self.index
            .page_by_rel
            .get(rel)
            .map(|&p| &self.pages[p].file)
            .or_else(|| {
                let inc = self.includes.by_rel.get(rel);
                inc.map(|&i| &self.includes.files[i].file)
            })
            .or_else(|| self.tocs.iter().map(|t| &t.file).find(|f| f.rel == rel))
    }

    pub fn translation(&self, page: usize, lang: usize) -> Option<usize> {
        let key = &self.pages[page].locale.key;
        self.index
            .translations
            .get(key)
            .and_then(|slots| slots[lang])
    }

    /// Pages of one language site, in path order.
    pub fn pages_of(&self, lang: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.pages.len()).filter(move |&i| self.pages[i].locale.site == lang)
    }

    /// For an untranslated copy whose language site also has the page's translation (an
    /// English `l1l2l3-blocked.md` beside `l1l2l3-blocked-es.md` in the Spanish folder): the
    /// translation. Such a copy is published as a redirect to it, and listed nowhere.
    pub fn superseded_by(&self, page: usize) -> Option<usize> {
        let p = &self.pages[page];
        if !p.is_copy() {
            return None;
        }
        self.translation(page, p.locale.site)
            .filter(|&t| t != page && !self.pages[t].is_copy())
    }

    /// How many pages `published` gives for the language (counted once, when loaded).
    pub fn published_count(&self, lang: usize) -> usize {
        self.published_counts.get(lang).copied().unwrap_or(0)
    }

    /// The pages of one language site that are published as pages (not superseded copies),
    /// in path order: what navigation, the task index, search and the sitemap list.
    pub fn published(&self, lang: usize) -> impl Iterator<Item = usize> + '_ {
        self.pages_of(lang)
            .filter(move |&i| self.superseded_by(i).is_none())
    }
}
