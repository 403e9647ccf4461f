//! A link problem as the diagnostic an editor reads: code, message, help, and a fix when the
//! replacement is certain.

use super::{is_page_path, Problem};
use crate::diagnostics::{Code, Diagnostic};
use crate::paths;
use crate::source::{SourceFile, Span};

/// The diagnostic for a problem with `href` at `span` of `file`.
pub fn diagnostic(
    file: &SourceFile,
    span: Span,
    href: &str,
    image: bool,
    problem: &Problem,
    toc: bool,
) -> Diagnostic {
    let at = |d: Diagnostic| d.at(span, file.position(span.start));
    // A fix replaces the span's bytes: only when they are the destination exactly as written.
    let as_written = file.text.get(span.start..span.end) == Some(href);
    let (path, _) = paths::split_fragment(href);
    // What follows the path as written (`?query`, `#fragment`) is kept by a replacement.
    let tail = href.get(path.len()..).unwrap_or("");
    let keep_fragment = |new: &str| format!("{new}{tail}");
    match problem {
        Problem::Missing { suggestion, exact } => {
            let code = match (toc, image || !is_page_path(path)) {
                (true, _) => Code::TocBrokenLink,
                (false, true) => Code::MissingAsset,
                (false, false) => Code::BrokenLink,
            };
            let what = if code == Code::MissingAsset {
                "no file"
            } else {
                "no page"
            };
            let d = at(Diagnostic::new(code, &file.rel, format!("{what} `{path}`")));
            match suggestion {
                Some(s) => d
                    .help(format!("did you mean `{s}`?"))
                    .suggest(keep_fragment(s))
                    .fixable(*exact && !toc && as_written),
                None if !path.contains(['/', '.']) => d.help(
                    "a bare name is read as a file next to this page; a web address needs `https://`",
                ),
                None => d.help(format!(
                    "paths are relative to {}; no {} has a name close enough to suggest",
                    if path.starts_with('/') || path.starts_with("~/") {
                        "the content folder when they start with `/` or `~/`"
                    } else if toc {
                        "the toc file"
                    } else {
                        "this page's folder"
                    },
                    if code == Code::MissingAsset { "file" } else { "page" }
                )),
            }
        }
        Problem::QuotedTitle { fixed } => {
            let d = at(Diagnostic::new(
                Code::MalformedLink,
                &file.rel,
                format!(
                    "`{href}`: the title in `「…」` or curly quotes is read as part of the path"
                ),
            ));
            match fixed {
                Some(fixed) => d
                    .help(format!("CommonMark titles take straight quotes: `{fixed}`"))
                    .suggest(fixed.clone())
                    .fixable(as_written),
                None => d.help("CommonMark titles take straight quotes: `path \"title\"`"),
            }
        }
        Problem::Email { address } => at(Diagnostic::new(
            Code::EmailWithoutMailto,
            &file.rel,
            format!("`{address}` is an e-mail address without `mailto:`"),
        ))
        .help(format!(
            "write `mailto:{address}`; the portal links it that way already"
        ))
        .suggest(format!("mailto:{address}"))
        .fixable(as_written),
        Problem::Invisible { clean } => at(Diagnostic::new(
            Code::InvisibleCharacter,
            &file.rel,
            "the link contains invisible characters (zero-width or no-break spaces)",
        ))
        .help(format!(
            "write `{clean}`; the portal links it that way already"
        ))
        .suggest(clean.clone())
        .fixable(as_written),
        Problem::Outside => at(Diagnostic::new(
            if toc {
                Code::TocBrokenLink
            } else {
                Code::LinkOutsideContent
            },
            &file.rel,
            format!("`{path}` is outside the content folder"),
        ))
        .help("the portal only contains the content folder; link with an absolute URL instead"),
        Problem::Case { actual } => at(Diagnostic::new(
            Code::LinkCase,
            &file.rel,
            format!("`{path}` matches `{actual}` only when case is ignored"),
        ))
        .help(format!(
            "write `{actual}`: it works on Windows and macOS but not on Linux servers"
        ))
        .suggest(keep_fragment(actual)),
        Problem::Anchor {
            fragment,
            suggestion,
        } => {
            let d = at(Diagnostic::new(
                Code::BrokenAnchor,
                &file.rel,
                format!("no heading or task `#{fragment}` in `{path}`"),
            ));
            match suggestion {
                Some(s) => d
                    .help(format!("did you mean `#{s}`?"))
                    .suggest(format!("{path}#{s}")),
                None => d,
            }
        }
        Problem::NoScheme { url } => at(Diagnostic::new(
            Code::LinkWithoutScheme,
            &file.rel,
            format!("`{path}` is a web address without `https://`"),
        ))
        .help(format!(
            "write `{url}`; the portal links it that way already"
        ))
        .suggest(url.clone())
        .fixable(as_written),
        Problem::SafeLinks { url } => {
            let d = at(Diagnostic::new(
                Code::SafelinksUrl,
                &file.rel,
                "an Outlook Safe Links URL: it sends readers through Outlook's redirector and publishes the e-mail address in its `data=`",
            ));
            match url {
                Some(url) => d
                    .help(format!("write the URL it wraps, `{url}`; the portal links that already"))
                    .suggest(url.clone())
                    .fixable(as_written),
                None => d.help("the URL it wraps cannot be read from its `url=`: copy the link again from the page it leads to; the portal shows the link's text only"),
            }
        }
        Problem::DefaultLanguageAsset { used } => at(Diagnostic::new(
            Code::AssetFromDefaultLanguage,
            &file.rel,
            format!("no file `{path}`; the portal shows `{used}` instead"),
        ))
        .help("add this language's copy of the file, or link the other one"),
        Problem::UnknownUid {
            uid,
            suggestion,
            exact,
        } => {
            let d = at(Diagnostic::new(
                Code::BrokenXref,
                &file.rel,
                format!("no page declares the uid `{uid}`"),
            ));
            // The replacement keeps what follows the uid as written (`?…`, `#…`).
            let after = href
                .get(5..)
                .map_or(0, |r| r.find(['?', '#']).unwrap_or(r.len()));
            let rest = href.get(5 + after..).unwrap_or("");
            match suggestion {
                Some(s) => d
                    .help(format!("did you mean `xref:{s}`?"))
                    .suggest(format!("xref:{s}{rest}"))
                    .fixable(*exact && as_written),
                None => d.help(
                    "an xref names the `uid:` in a page's front matter; no uid is close enough to suggest",
                ),
            }
        }
        Problem::OtherLanguage { better } => at(Diagnostic::new(
            Code::WrongLanguageLink,
            &file.rel,
            format!("`{path}` is another language's page, and this language has its own"),
        ))
        .help(format!("link `{better}`"))
        .suggest(keep_fragment(better))
        // A fragment names a heading of the other language's page: not safe to carry over.
        .fixable(as_written && !href.contains('#')),
    }
}
