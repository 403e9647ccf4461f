//! Include files: the Markdown that pages insert with DocFX's `[!INCLUDE [title](path)]`.
//! They are not pages (not published, not in the navigation, not checked as a page's whole:
//! no title or metadata required), but their links, tables and text are checked where they are
//! written, so a finding inside an include points into the include file.
//!
//! A walked page that something includes is moved here; an include the walk did not list (an
//! `exclude` glob, as DocFX projects exclude `**/includes/**`) is read on demand, confined to
//! the content folder like the walk. What cannot be read is kept in `failed`, with why, for
//! `rules::includes` to report at each directive naming it.

use crate::config::Config;
use crate::content::discover;
use crate::content::overlay::Overlays;
use crate::content::page::{self, Page};
use crate::content::text_language::StopWords;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::analyze::Heading;
use crate::paths;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::Path;

/// Codes about a page as a whole, which an include is not.
const PAGE_ONLY: &[Code] = &[
    Code::MissingMetadata,
    Code::EmptyPage,
    Code::TextLanguageMismatch,
    Code::UnknownPhase,
];

/// How deep includes may nest (a page's include is depth 1), as DocFX allows.
pub const MAX_DEPTH: usize = 10;

/// Include files above this size are refused (a page that includes them would be huge).
const MAX_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct Includes {
    pub files: Vec<Page>,
    pub by_rel: HashMap<String, usize>,
    /// Per include file, the target of each of its links (like `Site::links`).
    pub links: Vec<Vec<crate::site::Target>>,
    /// Content paths that directives name but that cannot be included, with why.
    pub failed: BTreeMap<String, String>,
    /// Per page that includes something (by content path), its headings with those its
    /// includes bring: computed once, when the includes are read (see [`Includes::headings`]).
    headings_of: HashMap<String, Vec<(Heading, bool)>>,
}

/// The content path a directive's `path`, written in the file at `from`, names: relative to
/// that file, or from the content root with `~/`; `None` when it climbs out of the content.
pub fn target(from: &str, path: &str) -> Option<String> {
    let (path, _) = paths::split_fragment(path);
    paths::join(paths::dir_of(from), &paths::percent_decode(path))
}

impl Includes {
    /// Takes out of `pages` every file that a page or include names, and reads the named files
    /// the walk did not list. The page rules' findings about a whole page are dropped for them.
    #[allow(
        clippy::vec_box,
        reason = "a page is large; boxed, it moves as a pointer"
    )]
    pub fn split(
        config: &Config,
        pages: &mut Vec<Box<Page>>,
        overlays: &Overlays,
        diags: &mut Vec<Diagnostic>,
    ) -> Includes {
        let mut out = Includes::default();
        let mut queue: VecDeque<String> = pages.iter().flat_map(|p| named(p)).collect();
        if queue.is_empty() {
            return out;
        }
        let mut walked: HashMap<String, usize> = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            walked.insert(page.file.rel.clone(), i);
        }
        let mut taken = HashSet::new();
        let stops = std::sync::OnceLock::new();
        let mut seen = HashSet::new();
        while let Some(rel) = queue.pop_front() {
            if !seen.insert(rel.clone()) {
                continue;
            }
            if let Some(&i) = walked.get(&rel) {
                taken.insert(i);
                queue.extend(named(&pages[i]));
                continue;
            }
            match read(config, &rel, overlays, &stops) {
                Ok((page, own)) => {
                    diags.extend(own);
                    queue.extend(named(&page));
                    out.add(page);
                }
                Err(why) => {
                    out.failed.insert(rel, why);
                }
            }
        }
        let mut kept = Vec::with_capacity(pages.len());
        for (i, page) in std::mem::take(pages).into_iter().enumerate() {
            match taken.contains(&i) {
                true => out.add(*page),
                false => kept.push(page),
            }
        }
        *pages = kept;
        diags.retain(|d| !(PAGE_ONLY.contains(&d.code) && out.by_rel.contains_key(&d.file)));
        for page in pages.iter().filter(|p| !p.analysis.includes.is_empty()) {
            let headings = out.placed(page);
            out.headings_of.insert(page.file.rel.clone(), headings);
        }
        out
    }

    fn add(&mut self, page: Page) {
        self.by_rel.insert(page.file.rel.clone(), self.files.len());
        self.files.push(page);
    }

    /// Every include file `page` inserts, directly or through another include, once each.
    pub fn inserted_by(&self, page: &Page) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo = vec![page];
        while let Some(file) = todo.pop() {
            for inc in &file.analysis.includes {
                if let Some(i) = self.named_by(&file.file.rel, &inc.path) {
                    if !out.contains(&i) {
                        out.push(i);
                        todo.push(&self.files[i]);
                    }
                }
            }
        }
        out
    }

    /// The include a directive of the file at `from` names, if it could be read.
    pub fn named_by(&self, from: &str, path: &str) -> Option<usize> {
        target(from, path).and_then(|rel| self.by_rel.get(&rel).copied())
    }

    /// The include a directive inserts from inside the chain `stack` (outermost first): none
    /// when it names nothing readable, leads back into the chain or nests too deep. The
    /// renderer and [`Includes::headings`] both decide through this.
    pub fn inserted_at(&self, from: &str, path: &str, stack: &[usize]) -> Option<usize> {
        self.named_by(from, path)
            .filter(|f| !stack.contains(f) && stack.len() < MAX_DEPTH)
    }

    /// Every heading of `page` as readers get it, in order: its own with their ids, and those
    /// of what it includes where the directive is, with ids made unique on the page (an
    /// include's `## Prerequisites` after the page's own is `prerequisites-1`). The flag says
    /// the heading comes from an include.
    pub fn headings<'p>(&'p self, page: &'p Page) -> Vec<(&'p Heading, bool)> {
        match self.headings_of.get(&page.file.rel) {
            Some(all) => all.iter().map(|(h, inc)| (h, *inc)).collect(),
            None => page.analysis.headings.iter().map(|h| (h, false)).collect(),
        }
    }

    /// [`Includes::headings`] computed.
    fn placed(&self, page: &Page) -> Vec<(Heading, bool)> {
        let mut out = Vec::new();
        self.walk(page, &mut Vec::new(), &mut out);
        let mut seen: HashSet<String> = page
            .analysis
            .headings
            .iter()
            .map(|h| h.id.clone())
            .collect();
        for (h, _) in out.iter_mut().filter(|(_, inc)| *inc) {
            let mut id = h.id.clone();
            let mut n = 0;
            while !seen.insert(id.clone()) {
                n += 1;
                id = format!("{}-{n}", h.id);
            }
            h.id = id;
        }
        out
    }

    fn walk(&self, file: &Page, stack: &mut Vec<usize>, out: &mut Vec<(Heading, bool)>) {
        let mut incs = file.analysis.includes.iter().peekable();
        for h in &file.analysis.headings {
            while let Some(inc) = incs.next_if(|i| i.span.start < h.span.start) {
                self.insert(file, inc, stack, out);
            }
            out.push((h.clone(), !stack.is_empty()));
        }
        for inc in incs {
            self.insert(file, inc, stack, out);
        }
    }

    fn insert(
        &self,
        file: &Page,
        inc: &crate::markdown::analyze::IncludeRef,
        stack: &mut Vec<usize>,
        out: &mut Vec<(Heading, bool)>,
    ) {
        if let Some(f) = self.inserted_at(&file.file.rel, &inc.path, stack) {
            stack.push(f);
            self.walk(&self.files[f], stack, out);
            stack.pop();
        }
    }
}

/// The content paths `page`'s directives name.
fn named(page: &Page) -> Vec<String> {
    let from = &page.file.rel;
    let names = page.analysis.includes.iter();
    names.filter_map(|inc| target(from, &inc.path)).collect()
}

/// Reads and loads an include the walk did not list: inside the content folder, a Markdown
/// text file of reasonable size. Its page rules run as a page's do.
fn read(
    config: &Config,
    rel: &str,
    overlays: &Overlays,
    stops: &std::sync::OnceLock<StopWords>,
) -> Result<(Page, Vec<Diagnostic>), String> {
    if !crate::walk::kind_of(rel).eq(&discover::Kind::Page) {
        return Err("an include is a Markdown file (`.md`)".into());
    }
    let root = config.content_path();
    let path = root.join(rel);
    let bytes = match overlays.get(rel) {
        Some(text) => text.as_bytes().to_vec(),
        None => read_confined(&root, &path)?,
    };
    if bytes.contains(&0) {
        return Err("a binary file, not Markdown text".into());
    }
    let mut diags = Vec::new();
    let file = page::decode(rel, path, bytes, &mut diags);
    let locale = discover::page_locale(config, rel);
    let stops = stops.get_or_init(|| StopWords::new(config));
    let mut page = page::load((config, stops), file, locale, &mut diags);
    diags.extend(crate::rules::page::check(config, &mut page));
    Ok((page, diags))
}

/// The file's bytes, when it exists inside `root` (symbolic links resolved) and is not huge.
pub(crate) fn read_confined(root: &Path, path: &Path) -> Result<Vec<u8>, String> {
    let real = path
        .canonicalize()
        .map_err(|_| "no such file".to_string())?;
    let real_root = root.canonicalize().map_err(|e| e.to_string())?;
    if !real.starts_with(&real_root) {
        return Err(format!(
            "a symbolic link to `{}`, outside the content folder; not read",
            real.display()
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("a folder, not a file".into());
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "{} bytes, over the 4 MiB an include may have",
            meta.len()
        ));
    }
    std::fs::read(&real).map_err(|e| e.to_string())
}
