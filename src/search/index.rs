//! A language's index: per page the weighted terms (in parallel, a chunk of pages at a time),
//! then one posting list per term, scored with BM25's term-frequency part (the browser
//! multiplies by the inverse document frequency, which it knows from the list's length).

use super::analyze::{units, Analyzer, Unit};
use super::extract::{self, Extract, Field};
use super::{codec, SearchConfig};
use crate::site::Site;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Mutex;

/// A shard's terms and postings stay near this many bytes (one term may exceed it).
pub const SHARD_BYTES: usize = 40 * 1024;
/// Text kept per section and per page for excerpts (the index itself has all of it): what a
/// result shows costs the reader a download, so a page's record stays under 2 KB.
const SECTION_CHARS: usize = 280;
const PAGE_CHARS: usize = 1400;
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
    pub pages: usize,
    /// Terms in UTF-16 order (the browser's string order) with their postings, encoded.
    pub terms: Vec<(String, String)>,
}

struct PageTerms {
    doc: Doc,
    /// Term id, weighted frequency, best section.
    terms: Vec<(u32, f32, u32)>,
    length: f32,
}

/// Pages analyzed at a time: the records of one chunk are written before the next is read,
/// so memory holds the postings, not every page's terms and records.
const CHUNK: usize = 512;

/// Builds a language's index; page records go to `records` in bundles (first page id,
/// records) as they are made.
pub fn build(
    site: &Site,
    lang: usize,
    analyzer: &Analyzer,
    config: &SearchConfig,
    records: &mut dyn FnMut(usize, &[Doc]) -> anyhow::Result<()>,
) -> anyhow::Result<Index> {
    let from = super::page_rel(&site.config, lang);
    let pages: Vec<usize> = site.published(lang).collect();
    let terms = Mutex::new(Terms::default());
    // One worker state per thread, kept from chunk to chunk.
    let workers: Vec<Mutex<Worker>> = (0..rayon::current_num_threads() + 1)
        .map(|_| Mutex::default())
        .collect();
    let mut postings: Vec<Vec<(u32, f32, u32)>> = Vec::new();
    let mut lengths: Vec<f32> = Vec::with_capacity(pages.len());
    let mut pending: Vec<Doc> = Vec::new();
    for chunk in pages.chunks(CHUNK) {
        let per_page: Vec<PageTerms> = chunk
            .par_iter()
            .map(|&page| {
                let slot = rayon::current_thread_index().unwrap_or(0) % workers.len();
                let mut worker = lock(&workers[slot]);
                let ctx = Context {
                    analyzer,
                    config,
                    terms: &terms,
                };
                page_terms(site, page, &from, &ctx, &mut worker)
            })
            .collect();
        for page in per_page {
            let id = lengths.len() as u32;
            lengths.push(page.length);
            for (term, tf, section) in page.terms {
                let term = term as usize;
                if term >= postings.len() {
                    postings.resize_with(term + 1, Vec::new);
                }
                postings[term].push((id, tf, section));
            }
            pending.push(page.doc);
        }
        let whole = pending.len() - pending.len() % super::DOCS_PER_FILE;
        records(lengths.len() - pending.len(), &pending[..whole])?;
        pending.drain(..whole);
    }
    records(lengths.len() - pending.len(), &pending)?;
    let avg = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
    let names = terms.into_inner().unwrap_or_else(|e| e.into_inner()).names;
    let mut terms: Vec<(String, String)> = postings
        .into_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(term, list)| {
            let encoded = codec::postings(list.into_iter().map(|(page, tf, section)| {
                let norm = K1 * (1.0 - B + B * lengths[page as usize] / avg.max(1.0));
                // BM25's term-frequency part (0 to K1 + 1) on a scale of 1 to 31.
                let score = (31.0 * tf / (tf + norm)).round().clamp(1.0, 31.0) as u32;
                (page, score, section)
            }));
            (names[term].to_string(), encoded)
        })
        .collect();
    terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    Ok(Index {
        pages: lengths.len(),
        terms,
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The language's terms, numbered as they are first seen (shared by the worker threads, and
/// locked only when a thread meets a unit it has not seen).
#[derive(Default)]
struct Terms {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Terms {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(term.into());
        self.ids.insert(term.into(), id);
        id
    }
}

struct Context<'a> {
    analyzer: &'a Analyzer,
    config: &'a SearchConfig,
    terms: &'a Mutex<Terms>,
}

/// A worker thread's state: the term ids of every unit it has seen (a site's pages share most
/// of their words: each is analyzed once per thread, not once per occurrence), and the
/// weights of the page at hand by term id.
#[derive(Default)]
struct Worker {
    units: HashMap<Box<str>, Box<[u32]>>,
    weights: Vec<Weight>,
    touched: Vec<u32>,
}

/// A term's weight on a page: the sum over its occurrences, and the section of its heaviest
/// occurrence (the first of them): a title word points at the page, a heading word at its
/// section, a word of the body at the first section that has it.
#[derive(Clone, Copy, Default)]
struct Weight {
    total: f32,
    section: u32,
    heaviest: f32,
}

impl Worker {
    fn count(&mut self, ctx: &Context<'_>, text: &str, section: usize, w: f32) {
        if w <= 0.0 {
            return;
        }
        let section = section as u32;
        units(text, |unit| {
            let key = match unit {
                Unit::Word(t) | Unit::Cjk(t) => t,
            };
            let ids = match self.units.get(key) {
                Some(ids) => ids,
                None => {
                    let mut found = Vec::new();
                    ctx.analyzer.terms(unit, &mut found);
                    let mut terms = lock(ctx.terms);
                    let ids: Box<[u32]> = found.iter().map(|t| terms.id(t)).collect();
                    drop(terms);
                    self.units.entry(key.into()).or_insert(ids)
                }
            };
            for &id in ids.iter() {
                let i = id as usize;
                if i >= self.weights.len() {
                    self.weights.resize(i + 1, Weight::default());
                }
                let e = &mut self.weights[i];
                if e.total == 0.0 {
                    self.touched.push(id);
                    *e = Weight {
                        total: 0.0,
                        section,
                        heaviest: w,
                    };
                }
                e.total += w;
                if w > e.heaviest {
                    e.heaviest = w;
                    e.section = section;
                }
            }
        });
    }

    /// The page's terms; the weights are cleared for the next page.
    fn take(&mut self) -> (Vec<(u32, f32, u32)>, f32) {
        let mut length = 0.0;
        let terms = self
            .touched
            .drain(..)
            .map(|id| {
                let w = std::mem::take(&mut self.weights[id as usize]);
                length += w.total;
                (id, w.total, w.section)
            })
            .collect();
        (terms, length)
    }
}

fn page_terms(
    site: &Site,
    page: usize,
    from: &str,
    ctx: &Context<'_>,
    worker: &mut Worker,
) -> PageTerms {
    let p = &site.pages[page];
    let ex = extract::page(site, page);
    let weights = &ctx.config.weights;
    let weight = |field| match field {
        Field::Title => weights.title,
        Field::Heading => weights.heading,
        Field::Step => weights.step,
        Field::Task => weights.task,
        Field::Body => weights.body,
    } as f32;
    for (i, field, text) in &ex.extra {
        worker.count(ctx, text, *i, weight(*field));
    }
    let body = weight(Field::Body);
    // The excerpts are made from the same read as the body's terms.
    let mut budget = PAGE_CHARS;
    let mut excerpts = Vec::with_capacity(ex.sections.len());
    for (i, s) in ex.sections.iter().enumerate() {
        worker.count(ctx, &s.heading, i, weight(Field::Heading));
        let mut excerpt = extract::Excerpt::new(SECTION_CHARS.min(budget));
        if body > 0.0 {
            extract::pieces(s.source, &mut |piece| {
                worker.count(ctx, piece, i, body);
                excerpt.push(piece);
            });
        } else if budget > 0 {
            extract::pieces(s.source, &mut |piece| excerpt.push(piece));
        }
        let text = match budget {
            0 => String::new(),
            _ => excerpt.finish(),
        };
        budget -= text.chars().count().min(budget);
        excerpts.push(text);
    }
    let (terms, length) = worker.take();
    PageTerms {
        doc: doc(p, from, ex, excerpts),
        terms,
        length,
    }
}

fn doc(p: &crate::content::page::Page, from: &str, ex: Extract<'_>, excerpts: Vec<String>) -> Doc {
    let s = ex
        .sections
        .into_iter()
        .zip(excerpts)
        .map(|(s, text)| [s.anchor, s.heading, text])
        .collect();
    Doc {
        u: crate::paths::relative(from, &p.locale.out_rel),
        t: p.title.clone(),
        c: u8::from(p.is_copy()),
        s,
    }
}
