//! The code DocFX snippet directives show, read from their files: inside the content folder
//! only (symbolic links resolved), text, at most 4 MiB, the part the directive asks for.

use crate::config::Config;
use crate::content::page::Page;
use crate::markdown::snippet::{extract, part_of};
use std::collections::HashMap;

/// A snippet ready to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Snippet {
    pub lang: String,
    pub code: String,
}

/// Per file (content path), the snippet of each directive in order, or why it has none.
pub type Snippets = HashMap<String, Vec<Result<Snippet, String>>>;

/// Reads the snippets of `files` (pages and include files).
pub fn load<'p>(config: &Config, files: impl Iterator<Item = &'p Page>) -> Snippets {
    let root = config.content_path();
    let mut out = Snippets::new();
    for file in files.filter(|f| !f.analysis.snippets.is_empty()) {
        let from = &file.file.rel;
        let each = file.analysis.snippets.iter().map(|s| {
            let (path, part) = part_of(&s.path)?;
            let rel =
                super::includes::target(from, path).ok_or("it climbs out of the content folder")?;
            let bytes = super::includes::read_confined(&root, &root.join(&rel))
                .map_err(|why| format!("`{rel}`: {why}"))?;
            if bytes.contains(&0) {
                return Err(format!("`{rel}` is a binary file"));
            }
            let code = extract(&String::from_utf8_lossy(&bytes), &part)
                .map_err(|why| format!("`{rel}`: {why}"))?;
            let lang = match s.lang.as_str() {
                "" => lang_of(&rel),
                l => l.to_string(),
            };
            Ok(Snippet { lang, code })
        });
        out.insert(from.clone(), each.collect());
    }
    out
}

/// The fence name for a file's extension.
fn lang_of(rel: &str) -> String {
    let ext = rel
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    let name = match ext.as_str() {
        "cs" => "csharp",
        "py" => "python",
        "ps1" | "psm1" => "powershell",
        "js" | "mjs" => "javascript",
        "ts" => "typescript",
        "yml" => "yaml",
        "sh" => "bash",
        "md" => "markdown",
        other => other,
    };
    name.to_string()
}
