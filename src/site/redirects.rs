//! Redirects as declared: site.toml's `[redirects]` and a DocFX
//! `.openpublishing.redirection.json` beside site.toml, read into one list of (old content
//! path, target as written). `rules::redirects` resolves them; the renderer writes the pages.

use crate::config::Config;
use std::path::Path;

/// Where a redirect was declared, for its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    SiteToml,
    /// The JSON file, at this 1-based entry.
    Json(usize),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::SiteToml => write!(f, "site.toml `[redirects]`"),
            Origin::Json(n) => write!(f, "{JSON} entry {n}"),
        }
    }
}

/// DocFX's (Microsoft Learn's) redirect file.
pub const JSON: &str = ".openpublishing.redirection.json";

/// One redirect as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The old page's content path (`guides/old.md`), or `None` when the JSON names a file
    /// outside the content folder.
    pub source: Option<String>,
    /// As written: the source path in the JSON file.
    pub written: String,
    /// A content path of the page it moved to, a web address, or (JSON) a site URL path.
    pub target: String,
    pub origin: Origin,
}

/// A redirect resolved: the small page at `out_rel` sends readers to `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub out_rel: String,
    /// The site language the page is written for.
    pub lang: usize,
    pub to: To,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum To {
    Page(usize),
    Web(String),
}

/// Every declared redirect, and why the JSON file could not be read, if it could not.
pub fn declared(config: &Config) -> (Vec<Declared>, Option<String>) {
    let mut out: Vec<Declared> = config
        .redirects
        .iter()
        .map(|(from, to)| Declared {
            source: Some(from.trim_start_matches('/').to_string()),
            written: from.clone(),
            target: to.clone(),
            origin: Origin::SiteToml,
        })
        .collect();
    let path = config.root.join(JSON);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (out, None),
        Err(e) => return (out, Some(e.to_string())),
    };
    match from_json(&text, &config.root, &config.content_path()) {
        Ok(found) => {
            out.extend(found);
            (out, None)
        }
        Err(why) => (out, Some(why)),
    }
}

#[derive(serde::Deserialize)]
struct File {
    redirections: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    source_path: String,
    redirect_url: String,
}

/// The entries of the JSON file at `root`; source paths are relative to `root`, made relative
/// to the content folder.
fn from_json(text: &str, root: &Path, content: &Path) -> Result<Vec<Declared>, String> {
    let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let inside = |written: &str| {
        let joined = crate::paths::join("", &written.replace('\\', "/"))?;
        let path = root.join(&joined);
        let rel = path.strip_prefix(content).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    };
    let entries = file.redirections.into_iter().enumerate();
    Ok(entries
        .map(|(i, e)| Declared {
            source: inside(&e.source_path),
            written: e.source_path,
            target: e.redirect_url,
            origin: Origin::Json(i + 1),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_sources_are_made_content_relative() {
        let text = r#"{"redirections": [
            {"source_path": "docs/old.md", "redirect_url": "/docs/new", "redirect_document_id": false},
            {"source_path": "other/x.md", "redirect_url": "https://example.org/x"}
        ]}"#;
        let found = from_json(text, Path::new("/repo"), Path::new("/repo/docs")).unwrap();
        assert_eq!(found[0].source.as_deref(), Some("old.md"));
        assert_eq!(found[0].target, "/docs/new");
        assert_eq!(found[0].origin, Origin::Json(1));
        assert_eq!(found[1].source, None);
        assert!(from_json("{", Path::new("/r"), Path::new("/r")).is_err());
    }
}
