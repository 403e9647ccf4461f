//! DocFX includes: every `[!INCLUDE]` that names no readable file, that leads back to a file it
//! came from, or that nests deeper than [`MAX_DEPTH`], reported at the directive; and the links
//! of the include files resolved (from the include file, where they are written).

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::site::includes::target;
use crate::site::Site;
use std::collections::{HashMap, HashSet};

pub use crate::site::includes::MAX_DEPTH;

/// The findings about the directives of every page and include file.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let files = site.pages.iter().chain(&site.includes.files);
    for file in files {
        for (k, inc) in file.analysis.includes.iter().enumerate() {
            let why = match target(&file.file.rel, &inc.path) {
                None => Some("it climbs out of the content folder".to_string()),
                Some(rel) => site
                    .includes
                    .failed
                    .get(&rel)
                    .map(|w| format!("`{rel}`: {w}")),
            };
            if let Some(why) = why {
                let message = format!("include `{}` cannot be inserted: {why}", inc.path);
                diags.push(at(file, k, Code::BrokenInclude, message));
            }
        }
    }
    diags.extend(cycles(site));
    diags.extend(too_deep(site));
    diags
}

fn at(file: &Page, k: usize, code: Code, message: String) -> Diagnostic {
    let span = file.analysis.includes[k].span;
    Diagnostic::new(code, &file.file.rel, message).at(span, file.file.position(span.start))
}

/// The include files each include file's directives lead to, by directive.
fn edges(site: &Site) -> Vec<Vec<Option<usize>>> {
    let inc = &site.includes;
    let of = |p: &Page| {
        let refs = p.analysis.includes.iter();
        refs.map(|r| inc.named_by(&p.file.rel, &r.path)).collect()
    };
    inc.files.iter().map(of).collect()
}

/// A directive that leads back into a file on its own chain: one finding per such directive.
fn cycles(site: &Site) -> Vec<Diagnostic> {
    let edges = edges(site);
    let mut state = vec![0u8; edges.len()]; // 0 new, 1 on the stack, 2 done
    let mut diags = Vec::new();
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&edge) = edges[node].get(*next) else {
                state[node] = 2;
                stack.pop();
                continue;
            };
            let k = *next;
            *next += 1;
            let Some(to) = edge else { continue };
            match state[to] {
                0 => {
                    state[to] = 1;
                    stack.push((to, 0));
                }
                1 => {
                    let file = &site.includes.files[node];
                    let back = &site.includes.files[to].file.rel;
                    let message = format!(
                        "include `{}` leads back to `{back}`, which includes this file: an include cycle; this directive is left out where it would insert a file again",
                        file.analysis.includes[k].path
                    );
                    diags.push(at(file, k, Code::IncludeCycle, message));
                }
                _ => {}
            }
        }
    }
    diags
}

/// A directive at depth `MAX_DEPTH + 1` from a page, along a chain without a cycle (cycles
/// are reported by [`cycles`]): one finding per such directive.
fn too_deep(site: &Site) -> Vec<Diagnostic> {
    let edges = edges(site);
    let inc = &site.includes;
    let mut deepest: HashMap<usize, usize> = HashMap::new();
    let mut reported = HashSet::new();
    let mut diags = Vec::new();
    for page in &site.pages {
        for r in &page.analysis.includes {
            let Some(first) = inc.named_by(&page.file.rel, &r.path) else {
                continue;
            };
            // Depth-first along chains: (file, next directive), the chain is the stack.
            let mut chain: Vec<(usize, usize)> = vec![(first, 0)];
            while let Some(&(node, k)) = chain.last() {
                let depth = chain.len();
                let Some(&edge) = edges[node].get(k) else {
                    chain.pop();
                    continue;
                };
                if let Some(top) = chain.last_mut() {
                    top.1 += 1;
                }
                let Some(to) = edge else { continue };
                if chain.iter().any(|&(n, _)| n == to) {
                    continue;
                }
                if depth >= MAX_DEPTH {
                    if reported.insert((node, k)) {
                        let message = format!(
                            "include `{}` nests deeper than {MAX_DEPTH} levels; it is not inserted",
                            inc.files[node].analysis.includes[k].path
                        );
                        diags.push(at(&inc.files[node], k, Code::IncludeCycle, message));
                    }
                } else if deepest.get(&to).is_none_or(|&d| d < depth + 1) {
                    deepest.insert(to, depth + 1);
                    chain.push((to, 0));
                }
            }
        }
    }
    diags
}
