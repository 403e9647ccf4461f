//! Offline search: per language an index the browser loads with `<script>` tags (so it works
//! from `file://` and under any sub-path), in pieces, only what a query needs.
//!
//! `<code>/search/` holds `index.js` (the manifest: stemmer, stop words, page count, the first
//! term of every shard), `t<N>.js` (shards of sorted terms with their postings), `d/<N>.js`
//! (one page's title, URL and section texts, loaded for the results shown) and `tasks.js` (task
//! id to its row). Every file calls `cuadernoSearch.add(name, data)`. The browser half is
//! `themes/default/static/search/`.

pub mod analyze;
mod config;
pub mod extract;
pub mod index;

pub use config::{SearchConfig, SearchLanguage, Weights};

use crate::config::{Config, Language};
use crate::site::Site;
use analyze::Analyzer;
use anyhow::{anyhow, Result};
use serde::Serialize;
use std::fmt::Write as _;

/// Gives every language without a `stemmer` in site.toml its default: the Snowball stemmer of
/// its language when the theme ships that stemmer's script (the browser must stem queries as
/// the index was stemmed), else `none`. A stemmer named in site.toml that the theme lacks is an
/// error when the site renders.
pub fn resolve_stemmers(config: &mut Config) {
    let scripts = config.theme_path().join("static/search/stem");
    for language in &config.languages {
        let entry = config
            .search
            .languages
            .entry(language.code.clone())
            .or_default();
        if entry.stemmer.is_none() {
            let name = analyze::default_stemmer(&language.code);
            let shipped = scripts.join(format!("{name}.js")).is_file();
            entry.stemmer = Some(if shipped { name } else { "none" }.to_string());
        }
    }
}

/// The stemmer a language's index and queries use.
pub fn stemmer(config: &Config, language: &Language) -> String {
    config
        .search
        .languages
        .get(&language.code)
        .and_then(|l| l.stemmer.clone())
        .unwrap_or_else(|| analyze::default_stemmer(&language.code).to_string())
}

/// The stop words of a language: site.toml's, else the theme's `search_stop_words`.
pub fn stop_words(config: &Config, language: &Language) -> Vec<String> {
    match config
        .search
        .languages
        .get(&language.code)
        .and_then(|l| l.stop_words.clone())
    {
        Some(words) => words,
        None => crate::render::ui::get(language, "search_stop_words")
            .split_whitespace()
            .filter(|w| *w != "search_stop_words")
            .map(str::to_string)
            .collect(),
    }
}

pub fn analyzer(config: &Config, language: &Language) -> Result<Analyzer> {
    let name = stemmer(config, language);
    Analyzer::new(&name, &stop_words(config, language)).ok_or_else(|| {
        anyhow!(
            "[search.languages.{}]: unknown stemmer `{name}`",
            language.code
        )
    })
}

/// The output path of a language's search page.
pub fn page_rel(config: &Config, lang: usize) -> String {
    format!("{}/search.html", config.languages[lang].code)
}

#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    stemmer: String,
    stop: Vec<String>,
    /// Pages in the index.
    n: usize,
    /// First term of each shard `t<N>.js`.
    shards: Vec<&'a str>,
    /// Changes when the index does; shard URLs carry it against stale caches.
    id: String,
    tasks: usize,
}

/// The index files of one language: (output path, contents).
pub fn files(site: &Site, lang: usize) -> Result<Vec<(String, String)>> {
    let config = &site.config;
    let language = &config.languages[lang];
    let analyzer = analyzer(config, language)?;
    let idx = index::build(site, lang, &analyzer, &config.search);
    let dir = format!("{}/search", language.code);
    let mut out = Vec::with_capacity(idx.docs.len() + 8);
    let mut shards = Vec::new();
    let mut firsts = Vec::new();
    let mut current = String::new();
    for (term, postings) in &idx.terms {
        if current.len() >= index::SHARD_BYTES {
            shards.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            firsts.push(term.as_str());
        }
        current.push_str(if current.is_empty() { "{" } else { "," });
        current.push_str(&serde_json::to_string(term)?);
        current.push_str(":[");
        for (i, n) in postings.iter().enumerate() {
            if i > 0 {
                current.push(',');
            }
            let _ = write!(current, "{n}");
        }
        current.push(']');
    }
    if !current.is_empty() {
        shards.push(current);
    }
    let mut hash = std::collections::hash_map::DefaultHasher::new();
    for (i, shard) in shards.into_iter().enumerate() {
        std::hash::Hash::hash(&shard, &mut hash);
        out.push((
            format!("{dir}/t{i}.js"),
            wrap(&format!("t{i}"), &(shard + "}")),
        ));
    }
    for (i, doc) in idx.docs.iter().enumerate() {
        let json = serde_json::to_string(doc)?;
        out.push((format!("{dir}/d/{i}.js"), wrap(&format!("d/{i}"), &json)));
    }
    let tasks = tasks(site, lang)?;
    out.push((format!("{dir}/tasks.js"), wrap("tasks", &tasks.1)));
    let manifest = Manifest {
        v: 1,
        stemmer: stemmer(config, language),
        stop: stop_words(config, language),
        n: idx.docs.len(),
        shards: firsts,
        id: format!("{:x}", std::hash::Hasher::finish(&hash) & 0xffff_ffff),
        tasks: tasks.0,
    };
    out.push((
        format!("{dir}/index.js"),
        wrap("index", &serde_json::to_string(&manifest)?),
    ));
    Ok(out)
}

/// Task id to `[URL of its row, task name, page title]`, from the language's task index.
fn tasks(site: &Site, lang: usize) -> Result<(usize, String)> {
    let rows = crate::render::tasks::rows(site, lang);
    let map: serde_json::Map<String, serde_json::Value> = rows
        .iter()
        .filter_map(|r| {
            let page = r.pages.first()?;
            Some((
                r.id.clone(),
                serde_json::json!([page.href, r.name, page.title]),
            ))
        })
        .collect();
    Ok((map.len(), serde_json::to_string(&map)?))
}

fn wrap(name: &str, json: &str) -> String {
    format!("cuadernoSearch.add({name:?},{json});\n")
}
