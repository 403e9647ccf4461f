//! What the server knows: the last good config, the open documents (their text stands in for
//! the files on disk), and the last analysis of the whole site. An edit marks the session
//! dirty; the main loop analyzes once the queued messages are handled, so a burst of
//! keystrokes costs one analysis. When only buffers changed, the last analysis is patched: the
//! edited pages are parsed again in place (`cuaderno::reanalyze_pages`); otherwise unchanged
//! pages come from the page cache. The site-wide rules run on the whole site either way.

use cuaderno::content::overlay::Overlays;
use cuaderno::{Analyzed, Config, Overrides};
use lsp_types::Url;
use std::collections::HashMap;
use std::path::PathBuf;

/// An open document: the editor's text of it.
pub struct Doc {
    pub text: String,
    pub version: i32,
    /// Its content-relative path, when it is in the content folder.
    pub rel: Option<String>,
}

/// What to publish after the next analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dirty {
    Clean,
    /// The open documents' diagnostics (a keystroke).
    Open,
    /// Every file's (a save, a config change, the first analysis).
    Full,
}

pub struct Session {
    pub config_path: PathBuf,
    overrides: Overrides,
    pub config: Option<Config>,
    /// Why site.toml cannot be used now (or the site not loaded), placed when it can be.
    pub config_problem: Option<Problem>,
    /// The content folder, resolved.
    pub root: Option<PathBuf>,
    pub docs: HashMap<Url, Doc>,
    overlays: Overlays,
    cache: cuaderno::Caches,
    pub current: Option<Analyzed>,
    pub dirty: Dirty,
    /// The pages whose buffers changed since the last analysis.
    edited: std::collections::BTreeSet<String>,
}

impl Session {
    pub fn new(config_path: PathBuf, overrides: Overrides) -> Session {
        let mut session = Session {
            config_path,
            overrides,
            config: None,
            config_problem: None,
            root: None,
            docs: HashMap::new(),
            overlays: Overlays::default(),
            cache: Default::default(),
            current: None,
            dirty: Dirty::Full,
            edited: Default::default(),
        };
        session.reload_config();
        session
    }

    /// Reads site.toml (the open buffer's text if it is open). A broken one keeps the last
    /// good config and is reported on site.toml.
    pub fn reload_config(&mut self) {
        let open = self.config_doc().map(|d| d.text.clone());
        let loaded = match &open {
            Some(text) => cuaderno::config_from_text(&self.config_path, text, &self.overrides),
            None => cuaderno::load_config(&self.config_path, &self.overrides),
        };
        // A language folder that does not exist is a site.toml problem here too: the last
        // good config stays.
        let loaded = loaded.and_then(|c| {
            cuaderno::config::check_folders(&c)?;
            Ok(c)
        });
        match loaded {
            Ok(config) => {
                self.root = config.content_path().canonicalize().ok();
                self.config = Some(config);
                self.config_problem = None;
                self.cache.clear();
                self.current = None;
                self.relocate_docs();
            }
            Err(e) => self.config_problem = Some(Problem::of(&e, false)),
        }
        self.dirty = Dirty::Full;
    }

    /// The URL of site.toml.
    pub fn config_url(&self) -> Option<Url> {
        Url::from_file_path(std::path::absolute(&self.config_path).ok()?).ok()
    }

    fn config_doc(&self) -> Option<&Doc> {
        self.docs.get(&self.config_url()?)
    }

    /// After a config change: which open documents are pages, and their overlays.
    fn relocate_docs(&mut self) {
        let mut overlays = Overlays::default();
        let rels: Vec<(Url, Option<String>)> = self
            .docs
            .keys()
            .map(|u| (u.clone(), self.rel_of(u)))
            .collect();
        for (url, rel) in rels {
            if let Some(doc) = self.docs.get_mut(&url) {
                if let Some(rel) = &rel {
                    overlays.set(rel.clone(), doc.text.clone());
                }
                doc.rel = rel;
            }
        }
        self.overlays = overlays;
    }

    /// The content-relative path of a file URL, if it is inside the content folder.
    pub fn rel_of(&self, url: &Url) -> Option<String> {
        let root = self.root.as_ref()?;
        let path = url.to_file_path().ok()?;
        // A file not saved yet: its folder resolved, its name kept.
        let path = path.canonicalize().unwrap_or_else(|_| {
            match (
                path.parent().and_then(|p| p.canonicalize().ok()),
                path.file_name(),
            ) {
                (Some(dir), Some(name)) => dir.join(name),
                _ => path.clone(),
            }
        });
        let rel = path.strip_prefix(root).ok()?;
        let parts: Vec<&str> = rel.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// The file URL of a content-relative path.
    pub fn url_of(&self, rel: &str) -> Option<Url> {
        let root = self.root.as_ref()?;
        Url::from_file_path(root.join(rel)).ok()
    }

    pub fn is_config(&self, url: &Url) -> bool {
        self.config_url().as_ref() == Some(url)
    }

    pub fn open(&mut self, url: Url, text: String, version: i32) {
        let rel = self.rel_of(&url);
        if let Some(rel) = &rel {
            self.overlays.set(rel.clone(), text.clone());
            self.edited.insert(rel.clone());
        }
        let is_config = self.is_config(&url);
        self.docs.insert(url, Doc { text, version, rel });
        if is_config {
            self.reload_config();
        } else {
            self.dirty = self.dirty.max(Dirty::Open);
        }
    }

    /// Replaces a document's text after edits (`apply` has changed it).
    pub fn edited(&mut self, url: &Url) {
        let Some(doc) = self.docs.get(url) else {
            return;
        };
        if let Some(rel) = &doc.rel {
            self.overlays.set(rel.clone(), doc.text.clone());
            self.edited.insert(rel.clone());
        }
        if self.is_config(url) {
            self.reload_config();
        } else {
            self.dirty = self.dirty.max(Dirty::Open);
        }
    }

    pub fn close(&mut self, url: &Url) {
        if let Some(doc) = self.docs.remove(url) {
            if let Some(rel) = doc.rel {
                self.overlays.remove(&rel);
            }
        }
        if self.is_config(url) {
            self.reload_config();
        }
        self.dirty = Dirty::Full;
    }

    /// After a failed analysis: nothing to answer from, and a finding on site.toml.
    pub fn internal_error(&mut self, message: &str) {
        self.current = None;
        self.cache.clear();
        self.config_problem = Some(Problem {
            position: None,
            message: message.to_string(),
            at_load: true,
        });
    }

    /// Analyzes the site with the open documents' text. `files_unchanged`: no file changed on
    /// disk since the last analysis (only open buffers did), so the last analysis is patched
    /// with the edited pages when it can be; otherwise the previous analysis gives its pages
    /// back to the cache, and the site is loaded again from it (with `files_unchanged`, from
    /// the last walk and file stamps).
    pub fn analyze(&mut self, files_unchanged: bool) {
        let edited: Vec<String> = std::mem::take(&mut self.edited).into_iter().collect();
        // Only buffers changed: the pages typed in are read again, the rest of the site kept.
        if let (true, Some(current)) = (files_unchanged, self.current.as_mut()) {
            if cuaderno::reanalyze_pages(current, &edited, &self.overlays, &mut self.cache) {
                return;
            }
        }
        let Some(config) = self.config.clone() else {
            self.current = None;
            return;
        };
        // The theme is read first: when one of its files is broken (a word file that is not
        // TOML), the last good analysis stays, for its findings and answers, and the problem
        // is shown on site.toml until the file is fixed.
        let settings = match cuaderno::settings::resolve(config) {
            Ok(settings) => settings,
            Err(e) => {
                self.config_problem = Some(Problem::of(&e, true));
                return;
            }
        };
        if let Some(previous) = self.current.take() {
            previous.site.into_cache(&mut self.cache.pages);
        }
        self.cache.pages.files_unchanged = files_unchanged;
        match cuaderno::analyze_resolved(settings, Some(&mut self.cache), &self.overlays) {
            Ok(analyzed) => {
                self.current = Some(analyzed);
                if self.config_problem.as_ref().is_some_and(|p| p.at_load) {
                    self.config_problem = None;
                }
            }
            Err(e) => self.config_problem = Some(Problem::of(&e, true)),
        }
    }
}

/// Why the site cannot be used: a site.toml problem (placed in it when it has a place) or one
/// found when the site loads (a missing language folder or theme).
pub struct Problem {
    /// 1-based line and column in site.toml.
    pub position: Option<cuaderno::source::Position>,
    pub message: String,
    /// Found when the site loaded, not when site.toml was read: cleared by the next good load.
    pub at_load: bool,
}

impl Problem {
    fn of(e: &anyhow::Error, at_load: bool) -> Problem {
        match e.downcast_ref::<cuaderno::config::ConfigError>() {
            Some(c) => Problem {
                position: c.position,
                message: c.message.clone(),
                at_load,
            },
            None => Problem {
                position: None,
                message: format!("{e:#}"),
                at_load,
            },
        }
    }
}
