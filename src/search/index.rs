//! A language's index: per page the weighted terms (in parallel), then one posting list per
//! term, scored with BM25's term-frequency part (the browser multiplies by the inverse
//! document frequency, which it knows from the list's length), cut into shards of sorted terms.

use super::analyze::{units, Analyzer, Unit};
use super::extract::{self, Extract, Field};
use super::SearchConfig;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;

/// A shard's terms and postings stay near this many bytes (one term may exceed it).
pub const SHARD_BYTES: usize = 40 * 1024;
/// Text kept per section and per page for excerpts (the index itself has all of it).
const SECTION_CHARS: usize = 1200;
const PAGE_CHARS: usize = 24 * 1024;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// What the browser shows of a result.
#[derive(Debug, serde::Serialize)]
pub struct Doc {
    /// URL from the language's folder (where `search.html` is).
    pub u: String,
    pub t: String,
    /// 1 for an untranslated copy.
    #[serde(skip_serializing_if = "is_zero")]
    pub c: u8,
    /// Sections: `[anchor, heading, text]`.
    pub s: Vec<[String; 3]>,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

pub struct Index {
    pub docs: Vec<Doc>,
    /// Terms in UTF-16 order (the browser's string order) with their postings:
    /// `[doc, score, section, doc, score, section, ...]`.
    pub terms: Vec<(String, Vec<u32>)>,
}

struct PageTerms {
    doc: Doc,
    /// Term, weighted frequency, best section.
    terms: Vec<(String, f32, u32)>,
    length: f32,
}

pub fn build(site: &Site, lang: usize, analyzer: &Analyzer, config: &SearchConfig) -> Index {
    let from = super::page_rel(&site.config, lang);
    let pages: Vec<usize> = site.pages_of(lang).collect();
    let per_page: Vec<PageTerms> = pages
        .par_iter()
        .map(|&page| page_terms(site, page, &from, analyzer, config))
        .collect();
    let avg = per_page.iter().map(|p| p.length).sum::<f32>() / per_page.len().max(1) as f32;
    let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
    let mut docs = Vec::with_capacity(per_page.len());
    for (id, page) in per_page.into_iter().enumerate() {
        let norm = K1 * (1.0 - B + B * page.length / avg.max(1.0));
        for (term, tf, section) in page.terms {
            let score = (100.0 * tf * (K1 + 1.0) / (tf + norm)).round().max(1.0) as u32;
            postings
                .entry(term)
                .or_default()
                .extend([id as u32, score, section]);
        }
        docs.push(page.doc);
    }
    let mut terms: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    Index { docs, terms }
}

fn page_terms(
    site: &Site,
    page: usize,
    from: &str,
    analyzer: &Analyzer,
    config: &SearchConfig,
) -> PageTerms {
    let p = &site.pages[page];
    let ex = extract::page(site, page);
    let weights = &config.weights;
    let weight = |field| match field {
        Field::Title => weights.title,
        Field::Heading => weights.heading,
        Field::Step => weights.step,
        Field::Task => weights.task,
        Field::Body => weights.body,
    } as f32;
    // Each distinct unit is analyzed once per page.
    let mut counts: HashMap<(Unit<'_>, u32), f32> = HashMap::new();
    for (i, s) in ex.sections.iter().enumerate() {
        count(&mut counts, i, weight(Field::Heading), &s.heading);
        count(&mut counts, i, weight(Field::Body), &s.text);
    }
    for (i, field, text) in &ex.extra {
        count(&mut counts, *i, weight(*field), text);
    }
    let mut analyzed: HashMap<Unit<'_>, Vec<String>> = HashMap::new();
    let mut by_term: HashMap<String, (f32, u32, f32)> = HashMap::new();
    let mut length = 0.0;
    for ((unit, section), w) in counts {
        let terms = analyzed.entry(unit).or_insert_with(|| {
            let mut t = Vec::new();
            analyzer.terms(unit, &mut t);
            t
        });
        for term in terms.iter() {
            length += w;
            let e = by_term.entry(term.clone()).or_insert((0.0, section, 0.0));
            e.0 += w;
            if w > e.2 || (w == e.2 && section < e.1) {
                e.1 = section;
                e.2 = w;
            }
        }
    }
    let mut terms: Vec<(String, f32, u32)> = by_term
        .into_iter()
        .map(|(t, (tf, s, _))| (t, tf, s))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    PageTerms {
        doc: doc(p, from, ex),
        terms,
        length,
    }
}

fn count<'t>(counts: &mut HashMap<(Unit<'t>, u32), f32>, section: usize, w: f32, text: &'t str) {
    if w > 0.0 {
        units(text, |u| {
            *counts.entry((u, section as u32)).or_default() += w
        });
    }
}

fn doc(p: &crate::content::page::Page, from: &str, ex: Extract) -> Doc {
    let mut budget = PAGE_CHARS;
    let s = ex
        .sections
        .into_iter()
        .map(|s| {
            let keep = SECTION_CHARS.min(budget);
            let text = cut(&s.text, keep);
            budget -= text.chars().count().min(budget);
            [s.anchor, s.heading, text]
        })
        .collect();
    Doc {
        u: crate::paths::relative(from, &p.locale.out_rel),
        t: p.title.clone(),
        c: u8::from(p.locale.site != p.locale.content),
        s,
    }
}

/// At most `chars` characters, cut at a space when there is one near the end.
fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let at = head.rfind(' ').filter(|&i| i > end / 2).unwrap_or(end);
            format!("{}…", &head[..at])
        }
    }
}
