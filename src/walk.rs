//! The walk of a folder that cuaderno reads from a pull request (the content, a theme): every
//! file in a stable order, classified as page, `toc.yml` or asset, hidden files skipped, and
//! symbolic links followed only inside the folder.

use crate::diagnostics::{Code, Diagnostic};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Page,
    Toc,
    Asset,
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Content-relative path with `/` separators.
    pub rel: String,
    pub path: PathBuf,
    pub kind: Kind,
}

/// Which content paths the walk lists (site.toml's `include` / `exclude` implement it).
pub trait Filter {
    /// Whether the folder at `rel` is left out with all it holds.
    fn skips_folder(&self, rel: &str) -> bool;
    /// Whether the file at `rel` is listed.
    fn reads_file(&self, rel: &str) -> bool;
}

/// Keeps everything.
impl Filter for () {
    fn skips_folder(&self, _: &str) -> bool {
        false
    }
    fn reads_file(&self, _: &str) -> bool {
        true
    }
}

/// Lists the content tree in a stable order. Unreadable entries (permissions, symlink loops)
/// become diagnostics; the walk goes on. Symbolic links are followed only when their target,
/// resolved, is inside the content folder: a link to `/etc` or `~/.ssh` is a diagnostic and is
/// never read, so a pull request cannot publish files of the machine that builds it.
///
/// `filter` (`&()` keeps everything; site.toml's `include` / `exclude`) is applied here, before anything is read: an
/// excluded folder is not entered, an excluded file not listed.
pub fn walk(root: &Path, filter: &dyn Filter, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut outside = Vec::new();
    let mut entries = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if e.file_type().is_dir() && filter.skips_folder(&rel_path(root, e.path())) {
                return false;
            }
            match inside(&real_root, e) {
                Ok(()) => true,
                Err(why) => {
                    let rel = rel_path(root, e.path());
                    outside.push(Diagnostic::new(Code::SymlinkOutsideContent, rel, why));
                    false
                }
            }
        });
    for item in walker {
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                let rel = err.path().map(|p| rel_path(root, p)).unwrap_or_default();
                let why = if err.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it; not followed".to_string()
                } else {
                    err.io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string())
                };
                diags.push(Diagnostic::new(Code::UnreadablePath, rel, why));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_path(root, entry.path());
        if !filter.reads_file(&rel) {
            continue;
        }
        entries.push(Entry {
            kind: kind_of(&rel),
            rel,
            path: entry.into_path(),
        });
    }
    diags.extend(outside);
    entries
}

/// `Ok` unless `e` is a symbolic link whose target, resolved, is outside `real_root`. Entries
/// below a followed link need no check of their own: the link was checked, and links below
/// it are links again.
fn inside(real_root: &Path, e: &walkdir::DirEntry) -> Result<(), String> {
    if !e.path_is_symlink() {
        return Ok(());
    }
    match e.path().canonicalize() {
        Ok(real) if real.starts_with(real_root) => Ok(()),
        Ok(real) => Err(format!(
            "a symbolic link to `{}`, outside the content folder; not read",
            real.display()
        )),
        // A dangling link: nothing to read; walkdir reports it when followed.
        Err(_) => Ok(()),
    }
}

fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn kind_of(rel: &str) -> Kind {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    if name == "toc.yml" || name == "toc.yaml" {
        Kind::Toc
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        Kind::Page
    } else {
        Kind::Asset
    }
}
