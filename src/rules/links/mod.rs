//! Cross-links: every relative link of every page (and every toc href) is resolved against
//! the content tree. What resolves is rewritten at render time; what does not is a diagnostic
//! with a "did you mean" drawn from the pages of the same language.

use crate::diagnostics::Diagnostic;
use crate::markdown::analyze::Link;
use crate::paths;
use crate::site::Site;

mod diagnostic;
mod language;
pub mod memo;
pub mod safelinks;
pub mod xref;
use crate::source::SourceFile;
pub use diagnostic::diagnostic;
pub use language::translation_of_copy;
use language::{other_language, written_in_language};
use rayon::prelude::*;

pub use crate::site::Target;

/// Characters that cannot be seen in an editor but break a URL: zero-width space, joiners,
/// byte-order mark, word joiner, no-break space.
pub const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2060}', '\u{00A0}',
];

/// Hosts whose links are written without a scheme often enough to recognize (`aka.ms/x`):
/// short-link services and documentation sites, never a file name.
const SHORT_LINK_HOSTS: &[&str] = &[
    "aka.ms",
    "bit.ly",
    "go.microsoft.com",
    "learn.microsoft.com",
    "docs.microsoft.com",
    "techcommunity.microsoft.com",
    "support.microsoft.com",
    "github.com",
    "youtu.be",
];

/// `aka.ms/Name` or `learn.microsoft.com/...`: a known host and a path, without `https://`.
fn short_link_host(path: &str) -> bool {
    path.split_once('/').is_some_and(|(host, rest)| {
        !rest.is_empty()
            && SHORT_LINK_HOSTS
                .iter()
                .any(|h| host.eq_ignore_ascii_case(h))
    })
}

/// Why a link is not fine. `Target` says what to render; this says what to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `exact`: the suggestion is this page in the link's language (a wrong suffix), not a guess.
    Missing {
        suggestion: Option<String>,
        exact: bool,
    },
    Email {
        address: String,
    },
    Invisible {
        clean: String,
    },
    Outside,
    Case {
        actual: String,
    },
    Anchor {
        fragment: String,
        suggestion: Option<String>,
    },
    OtherLanguage {
        better: String,
    },
    /// `www.example.com` or `aka.ms/x` without `https://`.
    NoScheme {
        url: String,
    },
    /// A title in `「…」` or curly quotes glued to the path (`a.png「Title」`): CommonMark reads
    /// it as part of the path. `fixed` is the destination with the title in straight quotes.
    QuotedTitle {
        fixed: Option<String>,
    },
    /// An Outlook Safe Links URL; `url` is the one it wraps, when it can be read.
    SafeLinks {
        url: Option<String>,
    },
    /// The language's copy of an asset is missing; the default language's is used.
    DefaultLanguageAsset {
        used: String,
    },
    /// An `xref:` to a uid no page declares; `exact` when the suggestion differs in case only.
    UnknownUid {
        uid: String,
        suggestion: Option<String>,
        exact: bool,
    },
}

pub struct Resolution {
    pub target: Target,
    pub problem: Option<Problem>,
}

impl Resolution {
    fn ok(target: Target) -> Resolution {
        Resolution {
            target,
            problem: None,
        }
    }
}

/// Resolves `href` written in the file at content path `from`, whose site language is `lang`.
pub fn resolve(site: &Site, from: &str, lang: usize, href: &str) -> Resolution {
    let href = href.trim();
    if href.contains(INVISIBLE) {
        let clean: String = href.chars().filter(|c| !INVISIBLE.contains(c)).collect();
        let mut res = resolve(site, from, lang, &clean);
        if res.problem.is_none() {
            res.problem = Some(Problem::Invisible { clean });
        }
        return res;
    }
    if let Some(url) = safelinks::unwrap(href) {
        // Readers get the real URL, or the link's text: never the wrapped one.
        return Resolution {
            target: url.clone().map_or(Target::Broken, Target::Web),
            problem: Some(Problem::SafeLinks { url }),
        };
    }
    if let Some(name) = href.strip_prefix('@') {
        return xref::shorthand(site, lang, name);
    }
    if let Some(res) = xref::resolve(site, lang, href) {
        return res;
    }
    if paths::is_external(href) {
        return Resolution::ok(Target::External);
    }
    if let Some(q) = href.find(['「', '“']).filter(|&q| q > 0) {
        let path = href[..q].trim_end();
        let title = href[q..].trim_start_matches(['「', '“']);
        let title = title.trim_end_matches(['」', '”']);
        let mut res = resolve(site, from, lang, path);
        if res.problem.is_none() {
            let fixed = (!title.contains('"')).then(|| format!("{path} \"{title}\""));
            res.problem = Some(Problem::QuotedTitle { fixed });
        }
        return res;
    }
    let (path, fragment) = paths::split_fragment(href);
    let fragment = fragment
        .filter(|f| !f.is_empty())
        .map(paths::percent_decode);
    if path.is_empty() {
        return match site.index.page_by_rel.get(from) {
            Some(&page) => with_fragment(site, page, fragment),
            None => Resolution::ok(Target::External),
        };
    }
    if looks_like_email(path) {
        let address = path.to_string();
        return Resolution {
            target: Target::Mailto(address.clone()),
            problem: Some(Problem::Email { address }),
        };
    }
    if path.starts_with("www.") || short_link_host(path) {
        let url = format!("https://{href}");
        return Resolution {
            target: Target::Web(url.clone()),
            problem: Some(Problem::NoScheme { url }),
        };
    }
    let decoded = paths::percent_decode(path);
    let Some(rel) = paths::join(paths::dir_of(from), &decoded) else {
        return Resolution {
            target: Target::Broken,
            problem: Some(Problem::Outside),
        };
    };
    if let Some(&page) = site.index.page_by_rel.get(&rel) {
        if let Some(own) = translation_of_copy(site, lang, page) {
            // An untranslated copy whose translation is published: readers go there, at the
            // same anchor when the translation has it (a task's); the fragment is checked
            // against the copy it was written for.
            let broken = with_fragment(site, page, fragment.clone()).problem;
            let fragment = fragment.filter(|f| site.has_anchor(own, f));
            let other = || Problem::OtherLanguage {
                better: paths::relative(from, &site.pages[own].file.rel),
            };
            return Resolution {
                target: Target::Page {
                    page: own,
                    fragment,
                },
                problem: broken.or_else(|| written_in_language(site, from).then(other)),
            };
        }
        let mut res = with_fragment(site, page, fragment);
        if res.problem.is_none() {
            res.problem = other_language(site, from, lang, page);
        }
        return res;
    }
    if let Some(&asset) = site.index.asset_by_rel.get(&rel) {
        return Resolution::ok(Target::Asset(asset));
    }
    if let Some(asset) = language::default_language_asset(site, &rel) {
        return Resolution {
            target: Target::Asset(asset),
            problem: Some(Problem::DefaultLanguageAsset {
                used: paths::relative(from, &site.assets[asset].rel),
            }),
        };
    }
    if let Some(actual) = site.index.by_lower.get(&rel.to_lowercase()) {
        let target = match site.index.page_by_rel.get(actual) {
            Some(&page) => Target::Page { page, fragment },
            None => site
                .index
                .asset_by_rel
                .get(actual)
                .map_or(Target::Broken, |&a| Target::Asset(a)),
        };
        let actual = paths::relative(from, actual);
        return Resolution {
            target,
            problem: Some(Problem::Case { actual }),
        };
    }
    if host_absolute(site, path, &rel) {
        return Resolution::ok(Target::External);
    }
    let (suggestion, exact) = match suggest(site, from, lang, &rel) {
        Some((s, exact)) => (Some(s), exact),
        None => (None, false),
    };
    Resolution {
        target: Target::Broken,
        problem: Some(Problem::Missing { suggestion, exact }),
    }
}

/// A site-absolute URL of the host the portal is published on, not a file of the content:
/// `/azure/app-service/overview` or `/en-us/cli/azure/` as Microsoft Learn pages link each
/// other (DocFX leaves them as written). Only a `/` path whose last part has no extension and
/// that names no page with `.md` added: `/guides/setup` where `guides/setup.md` exists is a
/// forgotten `.md`, and `/b.md` or `/media/a.png` are files, checked as such.
fn host_absolute(site: &Site, path: &str, rel: &str) -> bool {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    path.starts_with('/')
        && !path.starts_with("//")
        && !name.contains('.')
        && !site.index.page_by_rel.contains_key(&format!("{rel}.md"))
}

/// `name@host.tld` with no folder: an e-mail address that lacks `mailto:`.
fn looks_like_email(path: &str) -> bool {
    match path.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !path.contains(['/', ' ']),
        None => false,
    }
}

fn with_fragment(site: &Site, page: usize, fragment: Option<String>) -> Resolution {
    let problem = fragment.as_ref().and_then(|f| {
        if site.has_anchor(page, f) {
            return None;
        }
        let anchors = site.anchors(page);
        let suggestion = paths::closest(f, anchors.iter().map(String::as_str)).map(String::from);
        Some(Problem::Anchor {
            fragment: f.clone(),
            suggestion,
        })
    });
    Resolution {
        target: Target::Page { page, fragment },
        problem,
    }
}

/// A page written in its site's language that links a page of another language when its own
/// language has that page too.
/// "Did you mean": the same page in this language (a wrong suffix: exact, `true`), else the
/// nearest name (a guess, `false`).
fn suggest(site: &Site, from: &str, lang: usize, rel: &str) -> Option<(String, bool)> {
    if is_page_path(rel) {
        let wrote_md = rel.ends_with(".md") || rel.ends_with(".markdown");
        let rel = &with_md(rel);
        let locale = crate::content::discover::page_locale(&site.config, rel);
        let same = site
            .index
            .translations
            .get(&locale.key)
            .and_then(|slots| slots[lang]);
        if let Some(page) = same {
            return Some((paths::relative(from, &site.pages[page].file.rel), wrote_md));
        }
        let names = site
            .pages
            .iter()
            .filter(|p| p.locale.site == lang)
            .map(|p| p.file.rel.as_str());
        return closest_name(rel, names).map(|best| (paths::relative(from, best), false));
    }
    let names = site.assets.iter().map(|a| a.rel.as_str());
    closest_name(rel, names).map(|best| (paths::relative(from, best), false))
}

/// A page link: `.md`, or a bare name without an extension (a forgotten `.md`).
pub fn is_page_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.ends_with(".md") || name.ends_with(".markdown") || !name.contains('.')
}

fn with_md(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name.contains('.') {
        rel.to_string()
    } else {
        format!("{rel}.md")
    }
}

/// The candidate whose file name is nearest to `rel`'s, preferring the same folder.
fn closest_name<'a>(rel: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let candidates: Vec<&str> = candidates.collect();
    let by_name = paths::closest(
        name,
        candidates.iter().map(|c| c.rsplit('/').next().unwrap_or(c)),
    )?;
    let dir = paths::dir_of(rel);
    let matching = candidates
        .iter()
        .filter(|c| c.rsplit('/').next() == Some(by_name));
    let mut matching: Vec<&str> = matching.copied().collect();
    matching.sort_by_key(|c| (paths::dir_of(c) != dir, c.len()));
    matching.first().copied()
}

/// Resolves every page's links in parallel: the targets per page, and the findings. With a
/// `memo`, an unchanged page keeps what the previous analysis found (see `memo`), and its
/// targets from `previous` (that analysis's `Site::links`, when this site is that one
/// patched: `lsp`) rather than copied from the memo.
pub fn resolve_pages(
    site: &Site,
    memo: Option<&mut memo::LinkMemo>,
    previous: Vec<Vec<Target>>,
) -> (Vec<Vec<Target>>, Vec<Diagnostic>) {
    let shape = memo.as_ref().map_or(0, |_| memo::shape(site));
    let kept = |i: usize, page: &crate::content::page::Page, before: Option<Vec<Target>>| {
        let m = memo.as_deref()?;
        let (targets, diags) = site.is_reused(i).then(|| m.get(shape, &page.file.rel))??;
        Some((before.unwrap_or_else(|| targets.clone()), diags.clone()))
    };
    let previous: Vec<Option<Vec<Target>>> = match previous.len() == site.pages.len() {
        true => previous.into_iter().map(Some).collect(),
        false => site.pages.iter().map(|_| None).collect(),
    };
    let per_page: Vec<memo::Resolved> = site
        .pages
        .par_iter()
        .enumerate()
        .zip(previous.into_par_iter())
        .map(|((i, page), before)| {
            kept(i, page, before).unwrap_or_else(|| resolve_page(site, page))
        })
        .collect();
    #[cfg(debug_assertions)]
    if memo.is_some() {
        let fresh: Vec<memo::Resolved> = site
            .pages
            .par_iter()
            .map(|p| resolve_page(site, p))
            .collect();
        assert!(
            fresh == per_page,
            "kept link resolutions differ from fresh ones"
        );
    }
    if let Some(m) = memo {
        m.keep(shape, site, &per_page);
    }
    let mut all = Vec::new();
    let targets = per_page.into_iter().map(|(t, d)| {
        all.extend(d);
        t
    });
    (targets.collect(), all)
}

/// The links of every include file, resolved from where they are written (never memoized:
/// includes are few and re-read every analysis).
pub fn resolve_includes(site: &Site) -> (Vec<Vec<Target>>, Vec<Diagnostic>) {
    let mut all = Vec::new();
    let files = site.includes.files.iter().map(|inc| {
        let (targets, diags) = resolve_page(site, inc);
        all.extend(diags);
        targets
    });
    (files.collect(), all)
}

fn resolve_page(site: &Site, page: &crate::content::page::Page) -> memo::Resolved {
    let mut diags = Vec::new();
    let targets = page
        .analysis
        .links
        .iter()
        .map(|link| {
            let res = resolve(site, &page.file.rel, page.locale.site, &link.dest);
            if let Some(problem) = &res.problem {
                diags.push(link_diagnostic(&page.file, link, problem));
            }
            res.target
        })
        .collect();
    (targets, diags)
}

fn link_diagnostic(file: &SourceFile, link: &Link, problem: &Problem) -> Diagnostic {
    diagnostic(file, link.span, &link.dest, link.image, problem, false)
}
