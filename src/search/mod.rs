//! Offline search: per language an index the browser loads with `<script>` tags (so it works
//! from `file://` and under any sub-path), in pieces, only what a query needs.
//!
//! `<code>/search/` holds `index.js` (the manifest: stemmer, stop words, page count, the first
//! term of every shard), `t<N>.js` (shards of sorted terms with their postings), `d<N>.js`
//! (the records of pages `N*8` to `N*8+7`: title, URL and the start of each section's text,
//! loaded for the results shown) and `tasks.js` (task id to its row). Every file calls `cuadernoSearch.add(name, data)`. The browser half is
//! `themes/default/static/search/`.

pub mod analyze;
pub mod codec;
pub mod extract;
pub mod index;

pub use crate::config::search::{SearchConfig, SearchLanguage, Weights};

use crate::config::{Config, Language};
use crate::nav::task_index::TaskRow;
use crate::site::Site;
use analyze::Analyzer;
use anyhow::{anyhow, Result};
use serde::Serialize;
use std::fmt::Write as _;

/// The stemmer a language's index and queries use.
pub fn stemmer(config: &Config, language: &Language) -> String {
    config
        .search
        .languages
        .get(&language.code)
        .and_then(|l| l.stemmer.clone())
        .unwrap_or_else(|| crate::config::search::default_stemmer(&language.code).to_string())
}

pub fn analyzer(config: &Config, language: &Language) -> Result<Analyzer> {
    let name = stemmer(config, language);
    Analyzer::new(&name, &config.stop_words(language)).ok_or_else(|| {
        anyhow!(
            "[search.languages.{}]: unknown stemmer `{name}`",
            language.code
        )
    })
}

/// Page records per file `d<N>.js`: few files for the build to create, little for a result
/// to load (a record is at most about 3 KB).
pub const DOCS_PER_FILE: usize = 8;

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
    /// Page records per `d<N>.js`.
    b: usize,
    /// First term of each shard `t<N>.js`.
    shards: Vec<&'a str>,
    /// Changes when the index does; shard URLs carry it against stale caches.
    id: String,
    tasks: usize,
}

/// Writes the index files of one language through `write(output path, contents)`, with the
/// language's task-index rows for the task lookup; returns how many.
pub fn write(
    site: &Site,
    lang: usize,
    rows: &[TaskRow],
    write: &(dyn Fn(String, String) -> Result<()> + Sync),
) -> Result<usize> {
    let config = &site.config;
    let language = &config.languages[lang];
    let analyzer = analyzer(config, language)?;
    let dir = format!("{}/search", language.code);
    let mut files = 0;
    let mut records = |first: usize, docs: &[index::Doc]| -> Result<()> {
        for (k, bundle) in docs.chunks(DOCS_PER_FILE).enumerate() {
            let n = first / DOCS_PER_FILE + k;
            let json = serde_json::to_string(bundle)?;
            write(format!("{dir}/d{n}.js"), wrap(&format!("d{n}"), &json))?;
            files += 1;
        }
        Ok(())
    };
    let idx = index::build(site, lang, &analyzer, &config.search, &mut records)?;
    let mut firsts = Vec::new();
    let mut hash = std::collections::hash_map::DefaultHasher::new();
    let mut shard = String::new();
    let mut flush = |shard: &mut String, n: usize| -> Result<()> {
        shard.push('}');
        std::hash::Hash::hash(&shard, &mut hash);
        write(format!("{dir}/t{n}.js"), wrap(&format!("t{n}"), shard))?;
        shard.clear();
        Ok(())
    };
    for (term, postings) in &idx.terms {
        if shard.len() >= index::SHARD_BYTES {
            flush(&mut shard, firsts.len() - 1)?;
        }
        shard.push(if shard.is_empty() { '{' } else { ',' });
        if shard.len() == 1 {
            firsts.push(term.as_str());
        }
        let _ = write!(shard, "{}:\"{postings}\"", serde_json::to_string(term)?);
    }
    if !shard.is_empty() {
        flush(&mut shard, firsts.len() - 1)?;
    }
    let tasks = tasks(rows)?;
    write(format!("{dir}/tasks.js"), wrap("tasks", &tasks.1))?;
    let manifest = Manifest {
        v: 2,
        stemmer: stemmer(config, language),
        stop: config.stop_words(language),
        n: idx.pages,
        b: DOCS_PER_FILE,
        shards: firsts,
        id: format!("{:x}", std::hash::Hasher::finish(&hash) & 0xffff_ffff),
        tasks: tasks.0,
    };
    let shard_files = manifest.shards.len();
    let json = serde_json::to_string(&manifest)?;
    write(format!("{dir}/index.js"), wrap("index", &json))?;
    Ok(files + shard_files + 2)
}

/// Task id to `[URL of its row, task name, page title]`, from the language's task index.
fn tasks(rows: &[TaskRow]) -> Result<(usize, String)> {
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
