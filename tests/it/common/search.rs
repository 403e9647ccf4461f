//! Reading a built search index back, and the checks every built index must pass.

use super::*;
use serde_json::Value;
use std::path::Path;

/// The JSON a `cuadernoSearch.add(name, json);` file carries.
pub fn index_file(out: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let start = text.find(',').expect("a call with two arguments") + 1;
    let end = text.rfind(");").expect("a closed call");
    serde_json::from_str(&text[start..end]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn utf16_less(a: &str, b: &str) -> bool {
    a.encode_utf16().lt(b.encode_utf16())
}

/// A term's postings from its shard's string: `[page, score, section]` each.
pub fn postings(value: &Value) -> Vec<[u64; 3]> {
    let text = value.as_str().expect("postings are a string");
    let numbers = cuaderno::search::codec::decode(text).expect("postings decode");
    assert!(
        !numbers.is_empty() && numbers.len() % 3 == 0,
        "postings `{text}`"
    );
    let mut page = 0;
    numbers
        .chunks(3)
        .map(|t| {
            page += u64::from(t[0]);
            [page, u64::from(t[1]), u64::from(t[2])]
        })
        .collect()
}

/// A page's record, from its `d<N>.js`.
pub fn doc_record(out: &Path, code: &str, id: usize) -> Value {
    let per = cuaderno::search::DOCS_PER_FILE;
    let file = index_file(out, &format!("{code}/search/d{}.js", id / per));
    file[id % per].clone()
}

/// Checks a language's index against the built pages: shards sorted and where the manifest
/// says, postings pointing at real pages and sections, every section's anchor an id of the
/// built page (the extraction and the render agree), every task's link a real row.
/// Returns the number of terms.
pub fn check_index(out: &Path, code: &str) -> usize {
    let manifest = index_file(out, &format!("{code}/search/index.js"));
    let n = manifest["n"].as_u64().expect("n") as usize;
    let firsts: Vec<&str> = manifest["shards"]
        .as_array()
        .expect("shards")
        .iter()
        .map(|v| v.as_str().expect("a term"))
        .collect();
    let mut docs = Vec::new();
    for id in 0..n {
        let doc = doc_record(out, code, id);
        let url = doc["u"].as_str().expect("u").to_string();
        let html = read(out, &format!("{code}/{url}"));
        for section in doc["s"].as_array().expect("sections") {
            let anchor = section[0].as_str().expect("anchor");
            if !anchor.is_empty() {
                let found = count(&html, &format!("[id=\"{anchor}\"]"));
                assert_eq!(found, 1, "{code}/{url}: section anchor #{anchor}");
            }
        }
        docs.push(doc);
    }
    let mut terms = 0;
    for (i, first) in firsts.iter().enumerate() {
        let shard = index_file(out, &format!("{code}/search/t{i}.js"));
        for (term, postings) in shard.as_object().expect("a shard is an object") {
            terms += 1;
            assert!(
                !utf16_less(term, first),
                "{code} t{i}: `{term}` before `{first}`"
            );
            if let Some(next) = firsts.get(i + 1) {
                assert!(
                    utf16_less(term, next),
                    "{code} t{i}: `{term}` after `{next}`"
                );
            }
            let mut previous = None;
            for [doc, score, section] in self::postings(postings) {
                let doc = doc as usize;
                assert!(doc < n, "{code} `{term}`: doc {doc} of {n}");
                assert!(previous < Some(doc), "{code} `{term}`: pages ascending");
                previous = Some(doc);
                assert!((1..=31).contains(&score), "{code} `{term}`: score {score}");
                let sections = docs[doc]["s"].as_array().expect("s").len();
                assert!((section as usize) < sections);
            }
        }
    }
    let tasks = index_file(out, &format!("{code}/search/tasks.js"));
    let tasks = tasks.as_object().expect("tasks");
    assert_eq!(
        tasks.len() as u64,
        manifest["tasks"].as_u64().expect("tasks")
    );
    for (id, task) in tasks {
        let href = task[0].as_str().expect("href");
        let (file, anchor) = href.split_once('#').expect("a row anchor");
        let html = read(out, &format!("{code}/{file}"));
        assert_eq!(
            count(&html, &format!("[id=\"{anchor}\"]")),
            1,
            "task {id}: {href}"
        );
    }
    terms
}

/// The pages (URL from the language folder) whose postings hold `term`.
pub fn pages_with(out: &Path, code: &str, term: &str) -> Vec<String> {
    let manifest = index_file(out, &format!("{code}/search/index.js"));
    let firsts = manifest["shards"].as_array().expect("shards");
    let Some(i) = firsts
        .iter()
        .rposition(|f| !utf16_less(term, f.as_str().unwrap_or_default()))
    else {
        return Vec::new();
    };
    let shard = index_file(out, &format!("{code}/search/t{i}.js"));
    if shard.get(term).is_none() {
        return Vec::new();
    }
    postings(&shard[term])
        .into_iter()
        .map(|[doc, _, _]| {
            let doc = doc_record(out, code, doc as usize);
            doc["u"].as_str().expect("u").to_string()
        })
        .collect()
}
