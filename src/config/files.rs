//! Which files of the content folder are read: site.toml's `include` and `exclude` globs
//! (DocFX's `files` and `exclude`), compiled once when site.toml is read and applied by the
//! walk before any file is opened.
//!
//! Globs match the content-relative path with `/` separators; `*` stays inside one folder
//! name, `**` crosses folders, matching ignores case (`**/includes/**` also skips
//! `Includes/`). A glob that matches a folder skips the whole folder, so `**/archive` and
//! `**/archive/**` both keep `archive/` out. With `include`, only files matching one of its
//! globs are read; `exclude` wins over `include`.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// The compiled `include` / `exclude` globs. The default reads everything.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

/// A glob of `include` or `exclude` that does not compile: which list, which glob, why.
#[derive(Debug)]
pub struct BadGlob {
    pub key: &'static str,
    pub glob: String,
    pub why: String,
}

impl FileFilter {
    pub fn new(include: &[String], exclude: &[String]) -> Result<FileFilter, BadGlob> {
        Ok(FileFilter {
            include: set("include", include)?,
            exclude: set("exclude", exclude)?,
        })
    }

    /// True when the folder at content-relative `rel` is skipped, with all it holds.
    pub fn skips_folder(&self, rel: &str) -> bool {
        self.exclude.as_ref().is_some_and(|set| set.is_match(rel))
    }

    /// True when the file at content-relative `rel` is read (neither it nor a folder above it
    /// excluded, and included).
    pub fn reads_file(&self, rel: &str) -> bool {
        if let Some(set) = &self.exclude {
            let folders = rel.match_indices('/').map(|(i, _)| &rel[..i]);
            if set.is_match(rel) || folders.into_iter().any(|f| set.is_match(f)) {
                return false;
            }
        }
        self.include.as_ref().is_none_or(|set| set.is_match(rel))
    }
}

impl crate::walk::Filter for FileFilter {
    fn skips_folder(&self, rel: &str) -> bool {
        FileFilter::skips_folder(self, rel)
    }
    fn reads_file(&self, rel: &str) -> bool {
        FileFilter::reads_file(self, rel)
    }
}

fn set(key: &'static str, globs: &[String]) -> Result<Option<GlobSet>, BadGlob> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(compile(glob).map_err(|why| BadGlob {
            key,
            glob: glob.clone(),
            why,
        })?);
    }
    builder.build().map(Some).map_err(|e| BadGlob {
        key,
        glob: globs.join(", "),
        why: e.kind().to_string(),
    })
}

/// One glob; a trailing `/**` also matches the folder itself, so the walk can skip it whole.
fn compile(glob: &str) -> Result<Glob, String> {
    let trimmed = glob.trim().trim_start_matches("./");
    if trimmed.is_empty() {
        return Err("an empty glob matches nothing; remove it".into());
    }
    if trimmed.starts_with('/') || trimmed.split('/').any(|part| part == "..") {
        return Err("globs match paths inside the content folder: no leading `/`, no `..`".into());
    }
    let pattern = match trimmed.strip_suffix("/**") {
        Some(folder) if !folder.is_empty() => format!("{{{folder},{folder}/**}}"),
        _ => trimmed.to_string(),
    };
    GlobBuilder::new(&pattern)
        .literal_separator(true)
        .case_insensitive(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| e.kind().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> FileFilter {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        FileFilter::new(&own(include), &own(exclude)).unwrap()
    }

    #[test]
    fn default_reads_everything() {
        let f = FileFilter::default();
        assert!(f.reads_file("a/b.md"));
        assert!(!f.skips_folder("a"));
    }

    #[test]
    fn a_folder_glob_skips_the_folder_either_way() {
        for glob in ["**/includes/**", "**/includes"] {
            let f = filter(&[], &[glob]);
            assert!(f.skips_folder("en/includes"), "{glob}");
            assert!(f.skips_folder("includes"), "{glob}");
            assert!(f.skips_folder("en/Includes"), "{glob}: case is ignored");
            assert!(!f.skips_folder("en/includes-not"), "{glob}");
            assert!(!f.reads_file("en/includes/a.md"), "{glob}");
            assert!(f.reads_file("en/a.md"), "{glob}");
        }
    }

    #[test]
    fn star_stays_in_one_folder_and_exclude_wins() {
        let f = filter(&["*.md", "docs/**/*.md"], &["docs/draft-*.md"]);
        assert!(f.reads_file("index.md"));
        assert!(!f.reads_file("other/index.md"));
        assert!(f.reads_file("docs/a/b.md"));
        assert!(!f.reads_file("docs/draft-x.md"));
        assert!(!f.reads_file("docs/image.png"));
    }

    #[test]
    fn bad_globs_are_refused_with_their_list() {
        for (glob, why) in [
            ("a/[b", "unclosed"),
            ("../x/**", ".."),
            ("/abs", "leading"),
            (" ", "empty"),
        ] {
            let err = FileFilter::new(&[], &[glob.to_string()]).unwrap_err();
            assert_eq!(err.key, "exclude");
            assert!(err.why.contains(why), "{glob}: {}", err.why);
        }
    }
}
