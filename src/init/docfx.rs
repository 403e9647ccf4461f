//! `cuaderno init --from-docfx docfx.json`: a site.toml from a DocFX project's configuration.
//! What carries over: `build.content` (its `src` as `content_dir`, `files` and `exclude` as
//! `include` / `exclude`, with `build.resource` files included too), `build.dest`,
//! `build.sitemap.baseUrl`, `globalMetadata` (`_appTitle`, `_enableSearch`, `_gitContribute`
//! as the edit link, its other keys as known metadata), and languages where the content has
//! one folder per locale. Every other setting is named in a note, never dropped silently.

use super::docfx_paths::{common_folder, dedup, glob_of, inside, languages, strings};
use super::{list, quote};
use anyhow::{bail, Context, Result};
use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::path::Path;

/// The site.toml text, and a note for each setting not carried over.
pub struct FromDocfx {
    pub site_toml: String,
    pub notes: Vec<String>,
}

/// Writes site.toml beside the docfx.json at `path` (never over one); returns its path and
/// the notes on what was not carried over.
pub fn init(path: &Path, title: Option<&str>) -> Result<(std::path::PathBuf, Vec<String>)> {
    let made = convert(path, title)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let target = dir.unwrap_or(Path::new(".")).join("site.toml");
    if target.exists() {
        bail!(
            "`{}` exists already; nothing written (move it away to make a new one)",
            target.display()
        );
    }
    crate::new_folder::create(&target, made.site_toml.as_bytes())?;
    Ok((target, made.notes))
}

/// Builds a site.toml from the docfx.json at `path` (read-only; nothing is written); `title`
/// replaces the project's.
pub fn convert(path: &Path, title_override: Option<&str>) -> Result<FromDocfx> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let json: Value = serde_json::from_str(&text)
        .with_context(|| format!("`{}` is not valid JSON", path.display()))?;
    let Some(build) = json.get("build").and_then(Value::as_object) else {
        bail!(
            "`{}` has no `build` section: it is no DocFX project configuration",
            path.display()
        );
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut notes = Vec::new();
    if json.get("metadata").is_some() {
        notes.push("`metadata` (API documentation from source code) is not carried over: cuaderno builds Markdown pages only".into());
    }
    let content = Content::read(build, &mut notes);
    let mut out = String::from(
        "# Made by `cuaderno init --from-docfx` from docfx.json. Paths are relative to this file's folder.\n\
         #   cuaderno check    lint links, includes, xrefs and metadata\n\
         #   cuaderno build    the portal\n",
    );
    let global = build.get("globalMetadata").and_then(Value::as_object);
    let title = global
        .and_then(|g| g.get("_appTitle").or_else(|| g.get("_appName")))
        .and_then(Value::as_str);
    let title = title_override.or(title).unwrap_or("Documentation");
    let _ = writeln!(out, "title = {}", quote(title));
    let base = build
        .get("sitemap")
        .and_then(|s| s.get("baseUrl"))
        .and_then(Value::as_str)
        .filter(|b| !b.trim().is_empty());
    let _ = writeln!(
        out,
        "base_url = {}",
        quote(base.unwrap_or("https://example.org/"))
    );
    if base.is_none() {
        out.push_str("# Set base_url to the address the site is published at (sitemap.xml and canonical links).\n");
    }
    // `output` is what older docfx.json files call it.
    let dest = ["dest", "output"]
        .iter()
        .find_map(|k| build.get(*k).and_then(Value::as_str))
        .unwrap_or("_site");
    let _ = writeln!(out, "content_dir = {}", quote(&content.src));
    let _ = writeln!(out, "output_dir = {}", quote(dest));
    let mut exclude = content.exclude.clone();
    // The output must never be read back as content.
    if let Some(inside) = inside(&content.src, dest) {
        exclude.push(format!("{inside}/**"));
        dedup(&mut exclude);
    }
    if !content.include.is_empty() {
        let _ = writeln!(out, "include = {}", list(&content.include));
    }
    let _ = writeln!(out, "exclude = {}", list(&exclude));
    let languages = languages(&dir.join(&content.src));
    let _ = writeln!(out, "default_language = {}", quote(&languages[0].0));
    if let Some(g) = global {
        global_metadata(g, &content.src, &mut out, &mut notes);
    }
    other_build_keys(build, &mut notes);
    for (code, folder) in &languages {
        let name = crate::init::words::find(code)
            .or_else(|| crate::init::words::find_language(code))
            .map_or(code.as_str(), |w| w.name);
        let _ = write!(
            out,
            "\n[[languages]]\ncode = {}\nname = {}\n",
            quote(code),
            quote(name)
        );
        if let Some(folder) = folder {
            let _ = writeln!(out, "folder = {}", quote(folder));
        }
    }
    if languages.len() == 1 {
        notes.push(format!("the pages are taken to be in `{}`: no folder per locale was found (set `code` in site.toml otherwise)", languages[0].0));
    }
    Ok(FromDocfx {
        site_toml: out,
        notes,
    })
}

/// `build.content` and `build.resource` as one content folder with include / exclude globs.
struct Content {
    src: String,
    include: Vec<String>,
    exclude: Vec<String>,
}

impl Content {
    fn read(build: &Map<String, Value>, notes: &mut Vec<String>) -> Content {
        let entries = |key: &str| -> Vec<&Map<String, Value>> {
            match build.get(key) {
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
                Some(Value::Object(o)) => vec![o],
                _ => Vec::new(),
            }
        };
        let content = entries("content");
        let resource = entries("resource");
        let src_of = |e: &Map<String, Value>| {
            let src = e.get("src").and_then(Value::as_str).unwrap_or(".");
            crate::paths::join("", src).unwrap_or_default()
        };
        // The deepest folder every entry's `src` is inside.
        let srcs: Vec<String> = content.iter().chain(&resource).map(|e| src_of(e)).collect();
        let common = common_folder(&srcs);
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        for e in content.iter().chain(&resource) {
            let prefix = inside(&common, &src_of(e)).unwrap_or_default();
            for glob in strings(e.get("files")) {
                include.push(glob_of(&prefix, &glob));
            }
            for glob in strings(e.get("exclude")) {
                exclude.push(glob_of(&prefix, &glob));
            }
            if e.get("dest").is_some() {
                notes.push("a `dest` inside `build.content` or `build.resource` is not carried over: pages are written at their content path".into());
            }
        }
        if include
            .iter()
            .any(|g| g.ends_with(".yml") && !g.ends_with("toc.yml"))
        {
            notes.push("YAML pages in `build.content` (API reference, `api/**.yml`) are not rendered: cuaderno builds Markdown pages and toc.yml".into());
        }
        if resource.is_empty() {
            // Without `resource` DocFX copies no images; cuaderno reads what `include` names:
            // keep images and other files readable rather than reporting every one missing.
            include.clear();
            notes.push("no `build.resource`: `include` is left out, so images and other files in the content are read".into());
        }
        dedup(&mut include);
        dedup(&mut exclude);
        Content {
            src: if common.is_empty() {
                ".".into()
            } else {
                common
            },
            include,
            exclude,
        }
    }
}

fn global_metadata(g: &Map<String, Value>, src: &str, out: &mut String, notes: &mut Vec<String>) {
    if g.get("_enableSearch") == Some(&Value::Bool(false)) {
        out.push_str("[search]\nenabled = false\n");
    }
    let contribute = g.get("_gitContribute");
    let repo = contribute
        .and_then(|c| c.get("repo"))
        .and_then(Value::as_str);
    // An edit link needs a web address (site.toml refuses any other): a `git@` remote is not.
    let web = |r: &&str| r.starts_with("https://") || r.starts_with("http://");
    if let Some(repo) = repo.filter(|r| !web(r)) {
        notes.push(format!(
            "`_gitContribute.repo` `{repo}` is not an http(s) address: no `edit_url` (set one by hand)"
        ));
    }
    if let Some(repo) = repo.filter(web) {
        let branch = contribute
            .and_then(|c| c.get("branch"))
            .and_then(Value::as_str)
            .unwrap_or("main");
        let folder = match src {
            "." | "" => String::new(),
            s => format!("{s}/"),
        };
        let url = format!(
            "{}/edit/{branch}/{folder}{{path}}",
            repo.trim_end_matches(".git").trim_end_matches('/')
        );
        // A top-level key must come before any table: written into the text above the tables.
        if let Some(at) = out.find("default_language") {
            out.insert_str(at, &format!("edit_url = {}\n", quote(&url)));
        }
    }
    let known = ["_appTitle", "_appName", "_enableSearch", "_gitContribute"];
    let keys: Vec<&str> = g
        .keys()
        .map(String::as_str)
        .filter(|k| !known.contains(k))
        .collect();
    let (ui, meta): (Vec<&str>, Vec<&str>) = keys.into_iter().partition(|k| k.starts_with('_'));
    for key in ui {
        notes.push(format!("`globalMetadata.{key}` is a DocFX template setting; not carried over (`cuaderno theme eject` to change the theme)"));
    }
    if !meta.is_empty() {
        notes.push(format!("`globalMetadata` values ({}) are not given to pages: cuaderno has no metadata defaults (declare a `[metadata]` schema to check pages' own)", meta.join(", ")));
    }
}

fn other_build_keys(build: &Map<String, Value>, notes: &mut Vec<String>) {
    let carried = [
        "content",
        "resource",
        "dest",
        "output",
        "globalMetadata",
        "sitemap",
    ];
    for key in build.keys().filter(|k| !carried.contains(&k.as_str())) {
        let why = match key.as_str() {
            "template" => "cuaderno has its own theme (`cuaderno theme eject` to change it)",
            "xref" | "xrefService" => "cross references resolve to the `uid:` of pages only",
            "fileMetadata" => "per-file metadata defaults do not exist in cuaderno",
            "overwrite" => "overwrite files are for API documentation",
            "postProcessors" | "markdownEngineName" | "markdownEngineProperties" => {
                "cuaderno renders DocFX Markdown itself"
            }
            _ => "cuaderno has no such setting",
        };
        notes.push(format!("`build.{key}` is not carried over: {why}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_docfx_json_converts_with_its_notes() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("docfx.json");
        let json = r#"{"metadata": [{"dest": "api"}], "build": {
            "content": [{"files": ["**/*.{md,yml}", "api/**.yml"], "exclude": ["_site/**"]}],
            "resource": [{"files": ["images/**"]}],
            "output": "site-out", "sitemap": {"baseUrl": ""},
            "globalMetadata": {"_appName": "Boose", "pdf": true},
            "externalReference": ["xref/*.yml"]}}"#;
        std::fs::write(&path, json).unwrap();
        let made = convert(&path, None).unwrap();
        let toml: toml::Value = toml::from_str(&made.site_toml).expect("valid TOML");
        assert_eq!(toml["title"].as_str(), Some("Boose"));
        assert_eq!(toml["output_dir"].as_str(), Some("site-out"));
        assert_eq!(toml["base_url"].as_str(), Some("https://example.org/"));
        let include: Vec<&str> = toml["include"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(include, ["**/*.{md,yml}", "api/**/*.yml", "images/**"]);
        let exclude: Vec<&str> = toml["exclude"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(exclude, ["_site/**", "site-out/**"]);
        let notes = made.notes.join("\n");
        for needle in [
            "`metadata`",
            "YAML pages",
            "`build.externalReference`",
            "(pdf)",
        ] {
            assert!(notes.contains(needle), "{needle}: {notes}");
        }
        // The globs compile as site.toml's.
        let include: Vec<String> = include.iter().map(|s| s.to_string()).collect();
        assert!(crate::config::files::FileFilter::new(&include, &[]).is_ok());
    }
}
