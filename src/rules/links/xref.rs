//! DocFX cross references: `[text](xref:uid)`, `<xref:uid>`, `xref:uid#fragment`, resolved to
//! the page whose front matter declares `uid:`, in the linking page's language first, then the
//! default language's, then any. An unknown uid is a `broken-xref` with the nearest uid.

use super::{with_fragment, Problem, Resolution};
use crate::paths;
use crate::site::{Site, Target};

/// The uid and fragment of an `xref:` href (`xref:a.b?displayProperty=name#part`).
pub fn split(href: &str) -> Option<(String, Option<String>)> {
    let scheme = href.get(..5)?;
    if !scheme.eq_ignore_ascii_case("xref:") {
        return None;
    }
    let rest = &href[5..];
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(paths::percent_decode(f)).filter(|f| !f.is_empty())),
        None => (rest, None),
    };
    let uid = rest.split('?').next().unwrap_or(rest);
    Some((paths::percent_decode(uid), fragment))
}

/// The page of `uid` for a page of site language `lang`.
pub fn page_of(site: &Site, lang: usize, uid: &str) -> Option<usize> {
    let slots = site.index.uids.get(uid)?;
    let default = site.config.default_language_index();
    slots[lang]
        .or(slots[default])
        .or_else(|| slots.iter().flatten().next().copied())
}

/// A `@uid` shorthand: the page of the uid, or its text when no page declares it (`@` is
/// common in prose: never a finding).
pub(super) fn shorthand(site: &Site, lang: usize, uid: &str) -> Resolution {
    match page_of(site, lang, uid) {
        Some(page) => Resolution {
            target: Target::Page {
                page,
                fragment: None,
            },
            problem: None,
        },
        None => Resolution {
            target: Target::Plain,
            problem: None,
        },
    }
}

/// The resolution of an `xref:` href, or `None` when `href` is none.
pub(super) fn resolve(site: &Site, lang: usize, href: &str) -> Option<Resolution> {
    let (uid, fragment) = split(href)?;
    if let Some(page) = page_of(site, lang, &uid) {
        return Some(with_fragment(site, page, fragment));
    }
    let uids = || site.index.uids.keys().map(String::as_str);
    let lower = uid.to_lowercase();
    let mut same_but_case = uids().filter(|u| u.to_lowercase() == lower);
    let (suggestion, exact) = match (same_but_case.next(), same_but_case.next()) {
        (Some(only), None) => (Some(only.to_string()), true),
        _ => (paths::closest(&uid, uids()).map(String::from), false),
    };
    Some(Resolution {
        target: Target::Broken,
        problem: Some(Problem::UnknownUid {
            uid,
            suggestion,
            exact,
        }),
    })
}

/// One `duplicate-uid` per page that declares a uid its language already has.
pub fn duplicates(site: &Site) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Code, Diagnostic};
    let mut diags = Vec::new();
    for &(page, first) in &site.index.duplicate_uids {
        let p = &site.pages[page];
        let Some(field) = p.front.fields.get("uid") else {
            continue;
        };
        let span = field.value_span;
        let first = &site.pages[first].file.rel;
        let message = format!(
            "the uid `{}` is declared by `{first}` already: cross references lead there",
            field.value.trim()
        );
        diags.push(
            Diagnostic::new(Code::DuplicateUid, &p.file.rel, message)
                .at(span, p.file.position(span.start))
                .help("give this page a uid of its own (uids are unique within a language)"),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_give_their_uid_and_fragment() {
        assert_eq!(split("xref:a.b"), Some(("a.b".into(), None)));
        assert_eq!(
            split("XREF:a%60b?displayProperty=fullName#part"),
            Some(("a`b".into(), Some("part".into())))
        );
        assert_eq!(split("xref:a#"), Some(("a".into(), None)));
        assert_eq!(split("https://x"), None);
        assert_eq!(split("xre"), None);
    }
}
