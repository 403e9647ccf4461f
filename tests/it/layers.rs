//! The library's modules form layers (ARCHITECTURE.md, "Layers"): a module may use modules of
//! its own layer or below, never above, and no set of modules uses each other in a circle.
//! Read from the source: every `crate::` path in `src/` (the binary's `cli/`, `lsp/` and
//! `main.rs` use the library from outside). A module is a top-level module of the crate, except
//! under `rules/`, where each rule family is one (`rules::links`, `rules::page`, ...), since
//! page rules run below the site and site rules above it.

use crate::common::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. Keep in step with ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &[
        "source",
        "paths",
        "slug",
        "new_folder",
        "output",
        "diagnostics",
        "walk",
        "report",
        "gate",
    ],
    &["config"],
    &["theme", "lints"],
    &["settings"],
    &["markdown", "conflicts", "playbook"],
    &["content"],
    &["rules::page"],
    &["site"],
    &[
        "rules",
        "rules::includes",
        "rules::redirects",
        "rules::pivots",
        "rules::links",
        "rules::i18n",
        "rules::tasks",
        "rules::translations",
    ],
    &["nav", "status"],
    &["rules::orphans"],
    &["search"],
    &["render"],
    &["lib", "fix", "external"],
    &["serve", "init"],
];

/// Names `lib.rs` re-exports from a module.
const REEXPORTS: &[(&str, &str)] = &[
    ("Code", "diagnostics"),
    ("Diagnostic", "diagnostics"),
    ("Severity", "diagnostics"),
    ("Config", "config"),
    ("Site", "site"),
];

fn src() -> std::path::PathBuf {
    root().join("src")
}

/// The module a `crate::` path names.
fn node_of_path(segments: &[String]) -> String {
    let first = segments[0].as_str();
    if let Some((_, module)) = REEXPORTS.iter().find(|(name, _)| *name == first) {
        return module.to_string();
    }
    let is_module = src().join(format!("{first}.rs")).exists() || src().join(first).is_dir();
    if !is_module {
        return "lib".into();
    }
    if first == "rules" {
        if let Some(second) = segments.get(1) {
            let rules = src().join("rules");
            if rules.join(format!("{second}.rs")).exists() || rules.join(second).is_dir() {
                return format!("rules::{second}");
            }
        }
    }
    first.to_string()
}

/// The module a source file belongs to (`src/rules/links/memo.rs` → `rules::links`).
fn node_of_file(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts[0] == "rules" && parts.len() > 1 && parts[1] != "mod" {
        return format!("rules::{}", parts[1]);
    }
    parts[0].clone()
}

/// The paths after each `crate::` in `text`, a `{...}` group expanded (`crate::{a::b, c}`).
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `cuaderno_crate::`, not ours
        }
        let mut prefix = Vec::new();
        parse_tree(&mut rest, &mut prefix, &mut paths);
    }
    paths
}

/// Reads one use tree at the start of `rest`: `a::b::c`, or `a::{b, c::d}`.
fn parse_tree(rest: &mut &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let depth = prefix.len();
    loop {
        *rest = rest.trim_start();
        if let Some(inner) = rest.strip_prefix('{') {
            *rest = inner;
            loop {
                parse_tree(rest, prefix, out);
                *rest = rest.trim_start();
                match rest.chars().next() {
                    Some(',') => *rest = &rest[1..],
                    Some('}') => {
                        *rest = &rest[1..];
                        break;
                    }
                    _ => break,
                }
                if rest.trim_start().starts_with('}') {
                    *rest = &rest.trim_start()[1..];
                    break;
                }
            }
            prefix.truncate(depth);
            return;
        }
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        prefix.push(rest[..len].to_string());
        *rest = &rest[len..];
        match rest.strip_prefix("::") {
            Some(next) => *rest = next,
            None => break,
        }
    }
    if prefix.len() > depth && prefix[0] != "self" {
        out.push(prefix.clone());
    }
    prefix.truncate(depth);
}

/// `from → to → files that make the arrow`, over the library's sources.
fn arrows() -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut arrows: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.expect("walk src");
        let rel = entry
            .path()
            .strip_prefix(src())
            .expect("inside")
            .to_path_buf();
        let top = rel.iter().next().map(|p| p.to_string_lossy().to_string());
        let binary = matches!(top.as_deref(), Some("cli" | "lsp" | "main.rs"));
        if binary || entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let code: String = text
            .lines()
            .map(|l| l.trim_start())
            .filter(|l| !l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let from = node_of_file(&rel);
        for path in crate_paths(&code) {
            let to = node_of_path(&path);
            if to != from {
                let file = rel.to_string_lossy().to_string();
                arrows.entry((from.clone(), to)).or_default().insert(file);
            }
        }
    }
    arrows
}

fn layer(node: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&node))
}

#[test]
fn no_module_uses_one_above_it() {
    let arrows = arrows();
    assert!(arrows.len() > 50, "only {} arrows read", arrows.len());
    let mut wrong = Vec::new();
    for ((from, to), files) in &arrows {
        match (layer(from), layer(to)) {
            (Some(a), Some(b)) if b > a => wrong.push(format!("{from} -> {to}: {files:?}")),
            (None, _) => wrong.push(format!("`{from}` is in no layer of tests/it/layers.rs")),
            (_, None) => wrong.push(format!("`{to}` is in no layer of tests/it/layers.rs")),
            _ => {}
        }
    }
    wrong.dedup();
    assert!(wrong.is_empty(), "upward imports:\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_use_each_other_in_a_circle() {
    let arrows = arrows();
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in arrows.keys() {
        next.entry(from).or_default().push(to);
    }
    // Depth-first search for a back edge; the path to it is the circle.
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node);
            return Some(circle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for to in next.get(node).into_iter().flatten() {
            if let Some(circle) = visit(to, next, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in next.keys() {
        let circle = visit(node, &next, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "modules in a circle: {}",
            circle.unwrap_or_default().join(" -> ")
        );
    }
}

#[test]
fn use_trees_are_read_whole() {
    let paths = crate_paths("use crate::{config::Config, rules::{links::Target, page}};\nx = crate::site::Site::new(); not_crate::x");
    let nodes: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        nodes,
        [
            "config::Config",
            "rules::links::Target",
            "rules::page",
            "site::Site::new"
        ]
    );
}
