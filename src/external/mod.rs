//! `check --external`: every `http`/`https` link of the site, each distinct URL requested once
//! (or answered from the cache), every occurrence reported at its place.
//!
//! Blocking requests on a pool of threads (`pool.rs`) rather than an async runtime: a link
//! check is a few hundred to a few thousand requests bounded by politeness limits, not by
//! threads, and ureq keeps the dependency tree small (rustls, no OpenSSL, no tokio).

mod cache;
mod client;
mod pool;
mod url;

pub use crate::config::external::{CacheTtl, ExternalConfig, HostConfig};

use crate::diagnostics::{Code, Diagnostic};
use crate::site::Site;
use crate::source::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one URL turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Ok,
    /// Permanently redirected (or `http` upgraded to the same `https` address).
    Moved {
        to: String,
    },
    Gone(u16),
    Auth(u16),
    /// No answer worth trusting: `network` when the name or the connection failed.
    Unreachable {
        reason: String,
        network: bool,
    },
    /// Not requested: the host is a loopback, private or link-local address.
    Private,
    /// Cannot be requested, or leads nowhere a browser would go (a loop, `file:`).
    Invalid(String),
}

/// How `check --external` runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Ignore the cache: request everything, and write nothing back.
    pub no_cache: bool,
    /// One time to live, in hours, for every class of result (overrides site.toml's).
    pub ttl_hours: Option<f64>,
    /// Draw a progress bar on standard error.
    pub progress: bool,
}

/// Diagnostics, a per-host summary, and what was sent.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: String,
    pub requests: usize,
    pub urls: usize,
    pub from_cache: usize,
}

/// One link of one page: where it is and what is written.
struct Occurrence {
    page: usize,
    span: Span,
    written: String,
}

/// The links requested as one URL: the request (or why there can be none) and every place.
struct Group {
    prepared: Result<url::Prepared, String>,
    occurrences: Vec<Occurrence>,
}

type Entry<'a> = (&'a String, &'a Group);

/// The site's web links, grouped by the URL that is requested for them.
fn collect(site: &Site, cfg: &ExternalConfig) -> BTreeMap<String, Group> {
    let include: Vec<Regex> = cfg
        .include
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect();
    let exclude: Vec<Regex> = cfg
        .exclude
        .iter()
        .filter_map(|p| Regex::new(p).ok())
        .collect();
    let mut out: BTreeMap<String, Group> = BTreeMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        for link in &page.analysis.links {
            let dest = link.dest.trim();
            let lower = dest.get(..8).unwrap_or(dest).to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                continue;
            }
            if (!include.is_empty() && !include.iter().any(|r| r.is_match(dest)))
                || exclude.iter().any(|r| r.is_match(dest))
            {
                continue;
            }
            let prepared = url::prepare(dest);
            let key = prepared
                .as_ref()
                .map_or_else(|e| format!("{dest}\u{0}{e}"), |p| p.request.clone());
            out.entry(key)
                .or_insert_with(|| Group {
                    prepared,
                    occurrences: Vec::new(),
                })
                .occurrences
                .push(Occurrence {
                    page: i,
                    span: link.span,
                    written: dest.to_string(),
                });
        }
    }
    out
}

pub fn check(site: &Site, opts: &Options) -> Report {
    let cfg = &site.config.external;
    let groups = collect(site, cfg);
    let mut ttl = cfg.cache_ttl.clone();
    if let Some(h) = opts.ttl_hours {
        ttl = CacheTtl {
            ok: h,
            redirect: h,
            gone: h,
            auth: h,
            unreachable: h,
        };
    }
    let cache_path = site.config.root.join(&cfg.cache);
    let mut cache = if opts.no_cache {
        cache::Cache::default()
    } else {
        cache::Cache::load(&cache_path)
    };
    let now = cache::now();
    let entries: Vec<Entry> = groups.iter().collect();
    let mut outcomes: Vec<Option<Outcome>> = entries
        .iter()
        .map(|(key, group)| match &group.prepared {
            Err(e) => Some(Outcome::Invalid(e.clone())),
            Ok(_) => cache.get(key, &ttl, now),
        })
        .collect();
    let from_cache = outcomes
        .iter()
        .zip(&entries)
        .filter(|(o, (_, g))| o.is_some() && g.prepared.is_ok())
        .count();
    // With `check_fragments`, a page linked with a `#fragment` is downloaded even when its
    // status is cached: anchors are not.
    let wants: Vec<bool> = entries
        .iter()
        .map(|(_, g)| {
            cfg.check_fragments && g.occurrences.iter().any(|o| fragment(&o.written).is_some())
        })
        .collect();
    let todo: Vec<usize> = (0..entries.len())
        .filter(|&i| outcomes[i].is_none() || (wants[i] && reached(outcomes[i].as_ref())))
        .collect();
    let client = client::Client::new(cfg);
    let requests = AtomicUsize::new(0);
    let bar = progress_bar(opts.progress, todo.len());
    let prepared = |j: usize| entries[todo[j]].1.prepared.as_ref().ok().cloned();
    let fresh = pool::run(
        todo.len(),
        cfg.concurrency,
        &|j| prepared(j).map(|p| p.host).unwrap_or_default(),
        &|host| {
            cfg.hosts
                .get(host)
                .and_then(|h| h.concurrency)
                .unwrap_or(cfg.per_host)
        },
        &|j| {
            let Some(p) = prepared(j) else {
                return (Outcome::Invalid("not a URL".into()), None);
            };
            let mut sent = 0;
            let i = todo[j];
            let outcome = outcomes[i]
                .clone()
                .unwrap_or_else(|| client.check(&p, &mut sent));
            let ids = match &outcome {
                Outcome::Moved { to } if wants[i] => client.anchors(to, &mut sent),
                Outcome::Ok if wants[i] => client.anchors(&p.request, &mut sent),
                _ => None,
            };
            requests.fetch_add(sent, Ordering::Relaxed);
            (outcome, ids)
        },
        &|_| {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut anchors: Vec<Option<HashSet<String>>> = vec![None; entries.len()];
    for (j, (outcome, ids)) in fresh.into_iter().enumerate() {
        let i = todo[j];
        if outcomes[i].is_none() {
            cache.put(entries[i].0, &outcome, now);
        }
        outcomes[i] = Some(outcome);
        anchors[i] = ids;
    }
    if !opts.no_cache {
        if let Err(e) = cache.save() {
            eprintln!(
                "warning: cannot write the link cache `{}`: {e}",
                cache_path.display()
            );
        }
    }
    let outcomes: Vec<Outcome> = outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Ok))
        .collect();
    let mut report = Report {
        requests: requests.into_inner(),
        urls: entries.len(),
        from_cache,
        ..Report::default()
    };
    report.summary = summary(&entries, &outcomes);
    if offline(&outcomes) {
        report.diagnostics.push(
            Diagnostic::new(
                Code::ExternalOffline,
                "",
                format!("no external link could be reached ({} URLs): is this machine offline?", entries.len()),
            )
            .help("every request failed to resolve or connect; run `check --external` where the internet is reachable"),
        );
        return report;
    }
    for (((_, group), outcome), ids) in entries.iter().zip(&outcomes).zip(&anchors) {
        for occ in &group.occurrences {
            report.diagnostics.extend(diagnostic(site, occ, outcome));
            let missing =
                fragment(&occ.written).filter(|f| ids.as_ref().is_some_and(|ids| !ids.contains(f)));
            if let Some(f) = missing {
                let file = &site.pages[occ.page].file;
                report.diagnostics.push(
                    Diagnostic::new(Code::ExternalFragment, &file.rel, format!("`{}` has no `#{f}` anchor", occ.written))
                        .at(occ.span, file.position(occ.span.start))
                        .help("the page is there but not that section: link an anchor it has, or the page itself"),
                );
            }
        }
    }
    crate::diagnostics::sort(&mut report.diagnostics);
    report
}

/// The decoded `#fragment` of a link, if it has a non-empty one.
fn fragment(written: &str) -> Option<String> {
    let (_, f) = written.split_once('#')?;
    (!f.is_empty()).then(|| crate::paths::percent_decode(f))
}

/// The URL answered (so its anchors can be read).
fn reached(outcome: Option<&Outcome>) -> bool {
    matches!(outcome, Some(Outcome::Ok | Outcome::Moved { .. }))
}

fn progress_bar(show: bool, len: usize) -> Option<indicatif::ProgressBar> {
    if !show || len == 0 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style =
        indicatif::ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// No answer from anywhere, and at least one name or connection failure: one finding.
fn offline(outcomes: &[Outcome]) -> bool {
    let answered = outcomes.iter().any(|o| {
        matches!(
            o,
            Outcome::Ok | Outcome::Moved { .. } | Outcome::Gone(_) | Outcome::Auth(_)
        ) || matches!(o, Outcome::Unreachable { network: false, .. })
    });
    let network = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Unreachable { network: true, .. }))
        .count();
    !answered && network >= 2
}

/// Per host: URLs, and how many of them are fine, moved, broken or unreachable.
fn summary(entries: &[Entry], outcomes: &[Outcome]) -> String {
    let mut hosts: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for ((_, group), outcome) in entries.iter().zip(outcomes) {
        let host = group
            .prepared
            .as_ref()
            .map_or("(invalid)".to_string(), |p| p.host.clone());
        let slot = match outcome {
            Outcome::Ok => 0,
            Outcome::Moved { .. } => 1,
            Outcome::Gone(_) => 2,
            Outcome::Unreachable { .. } => 3,
            _ => 4,
        };
        hosts.entry(host).or_default()[slot] += 1;
    }
    let mut out =
        String::from("external links by host (ok / moved / gone / unreachable / other):\n");
    for (host, n) in &hosts {
        out.push_str(&format!(
            "  {:>4} {:>4} {:>4} {:>4} {:>4}  {host}\n",
            n[0], n[1], n[2], n[3], n[4]
        ));
    }
    out
}

fn diagnostic(site: &Site, occ: &Occurrence, outcome: &Outcome) -> Option<Diagnostic> {
    let page = &site.pages[occ.page];
    let file = &page.file;
    let url = &occ.written;
    let (code, message, help) = match outcome {
        Outcome::Ok => return None,
        Outcome::Gone(status) => (Code::ExternalGone, format!("`{url}` is gone (HTTP {status})"), "find where the page moved, or remove the link".to_string()),
        Outcome::Auth(status) => (Code::ExternalAuth, format!("`{url}` needs a login (HTTP {status}); not checked further"), "readers without access see an error page; link a public page if there is one".to_string()),
        Outcome::Unreachable { reason, .. } => (Code::ExternalUnreachable, format!("`{url}` could not be reached: {reason}"), "it may be down for a while; check it in a browser, and remove it if it stays unreachable".to_string()),
        Outcome::Private => (Code::ExternalPrivate, format!("`{url}` is a loopback, private or link-local address; not requested"), "`[external] allow_private = true` in site.toml checks such addresses".to_string()),
        Outcome::Invalid(reason) => (Code::ExternalInvalid, format!("`{url}` cannot be checked: {reason}"), "fix the address; a browser cannot follow it either".to_string()),
        Outcome::Moved { to } => {
            let fragment = url.find('#').map_or("", |i| &url[i..]);
            let new = format!("{to}{fragment}");
            let as_written = file.text.get(occ.span.start..occ.span.end) == Some(url.as_str());
            return Some(
                Diagnostic::new(Code::ExternalRedirect, &file.rel, format!("`{url}` has moved permanently to `{new}`"))
                    .at(occ.span, file.position(occ.span.start))
                    .help(format!("link `{new}` directly"))
                    .suggest(new)
                    .fixable(as_written),
            );
        }
    };
    Some(
        Diagnostic::new(code, &file.rel, message)
            .at(occ.span, file.position(occ.span.start))
            .help(help),
    )
}
