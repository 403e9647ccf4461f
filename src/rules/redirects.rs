//! Redirects resolved against the site: each declared old path becomes a page per language
//! that has the target (the target's translation there), or a finding: a target that is no
//! page, a loop, a chain (followed, and reported), an old path that is still a page.

use crate::content::discover::page_locale;
use crate::diagnostics::{Code, Diagnostic};
use crate::paths;
use crate::site::redirects::{declared, Declared, Redirect, To, JSON};
use crate::site::Site;
use std::collections::{HashMap, HashSet};

/// How many redirects a chain may follow before it is called a loop.
const MAX_HOPS: usize = 10;

pub fn resolve(site: &Site) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let (all, unreadable) = declared(&site.config);
    let mut diags = Vec::new();
    if let Some(why) = unreadable {
        diags.push(finding(format!(
            "`{JSON}` cannot be read: {why}; its redirects are left out"
        )));
    }
    let by_source: HashMap<&str, &Declared> = all
        .iter()
        .filter_map(|d| Some((d.source.as_deref()?, d)))
        .collect();
    let mut out = Vec::new();
    let mut written = HashSet::new();
    let mut loops: HashSet<Vec<String>> = HashSet::new();
    for d in &all {
        let Some(source) = d.source.as_deref() else {
            diags.push(finding(format!(
                "{}: `{}` is outside the content folder; no redirect is written",
                d.origin, d.written
            )));
            continue;
        };
        if site.index.page_by_rel.contains_key(source) {
            diags.push(finding(format!(
                "{}: `{source}` is still a page; the redirect would hide it and is left out",
                d.origin
            )));
            continue;
        }
        match follow(site, &by_source, d) {
            Ok((to, hops)) => {
                if hops.len() > 1 {
                    diags.push(chain(d, &hops));
                }
                for r in pages_for(site, source, &to) {
                    if written.insert(r.out_rel.clone()) {
                        out.push(r);
                    }
                }
            }
            // A loop is one fault however many of its redirects are declared: one finding.
            Err((message, Some(mut members))) => {
                members.sort();
                if loops.insert(members) {
                    diags.push(finding(message));
                }
            }
            Err((message, None)) => diags.push(finding(message)),
        }
    }
    (out, diags)
}

fn finding(message: String) -> Diagnostic {
    Diagnostic::new(Code::BrokenRedirect, "", message)
}

fn chain(d: &Declared, hops: &[String]) -> Diagnostic {
    let path = hops.join("` → `");
    Diagnostic::new(
        Code::RedirectChain,
        "",
        format!(
            "{}: `{}` → `{path}` is a chain of redirects; readers are sent straight to the end",
            d.origin, d.written
        ),
    )
    .help(format!("point the redirect at `{}`", hops[hops.len() - 1]))
}

/// Why a redirect is not written: the message, and a loop's members (to report it once).
type Failure = (String, Option<Vec<String>>);

/// Where a redirect ends, following other redirects, and the targets on the way.
fn follow(
    site: &Site,
    by_source: &HashMap<&str, &Declared>,
    start: &Declared,
) -> Result<(To, Vec<String>), Failure> {
    let mut hops = Vec::new();
    let mut current = start;
    loop {
        let target = current.target.trim();
        hops.push(target.to_string());
        if is_web(target) {
            return Ok((To::Web(target.to_string()), hops));
        }
        let rel = target_rel(site, target);
        if let Some(&page) = rel.as_deref().and_then(|r| site.index.page_by_rel.get(r)) {
            return Ok((To::Page(page), hops));
        }
        let next = rel.as_deref().and_then(|r| by_source.get(r));
        match next {
            Some(next) if hops.len() <= MAX_HOPS && !std::ptr::eq(*next, start) => current = next,
            Some(_) => {
                let message = format!(
                    "{}: `{}` → `{}` is a loop of redirects; none of it is written",
                    start.origin,
                    start.written,
                    hops.join("` → `")
                );
                return Err((message, Some(hops)));
            }
            None => {
                let names = site.pages.iter().map(|p| p.file.rel.as_str());
                let near = paths::closest(rel.as_deref().unwrap_or(target), names);
                let hint = near
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                let message = format!(
                    "{}: `{}` leads to `{target}`, which is no page{hint}; no redirect is written",
                    start.origin, start.written
                );
                return Err((message, None));
            }
        }
    }
}

fn is_web(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The content path a target names: a content path (`.md`) as is; a DocFX URL path
/// (`/docs/guides/new`) as the page whose path, without `.md`, ends it.
fn target_rel(site: &Site, target: &str) -> Option<String> {
    let clean = target.split(['?', '#']).next().unwrap_or(target);
    if clean.ends_with(".md") {
        return paths::join("", clean);
    }
    let path = clean.trim_matches('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    (0..segments.len()).find_map(|i| {
        let tail = segments[i..].join("/");
        [format!("{tail}.md"), format!("{tail}/index.md")]
            .into_iter()
            .find(|rel| site.index.page_by_rel.contains_key(rel))
    })
}

/// The redirect pages of `source`: in its own language, to the target's page there (or the
/// target); in each other language that has the target, at the old path's place in it.
fn pages_for(site: &Site, source: &str, to: &To) -> Vec<Redirect> {
    let config = &site.config;
    let locale = page_locale(config, source);
    let To::Page(target) = *to else {
        return vec![Redirect {
            out_rel: locale.out_rel,
            lang: locale.site,
            to: to.clone(),
        }];
    };
    let slots = site.index.translations.get(&site.pages[target].locale.key);
    let taken: HashSet<&str> = site
        .pages
        .iter()
        .map(|p| p.locale.out_rel.as_str())
        .collect();
    let mut out = Vec::new();
    for (lang, language) in config.languages.iter().enumerate() {
        let there = slots.and_then(|s| s[lang]);
        let out_rel = if lang == locale.site {
            locale.out_rel.clone()
        } else if there.is_some() {
            format!("{}/{}{}.html", language.code, locale.key, language.suffix)
        } else {
            continue;
        };
        if taken.contains(out_rel.as_str()) {
            continue;
        }
        let page = there.unwrap_or(target);
        out.push(Redirect {
            out_rel,
            lang,
            to: To::Page(page),
        });
    }
    out
}
