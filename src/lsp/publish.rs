//! The library's diagnostics as the protocol's, per file: severity, stable code, message with
//! its help, the range in UTF-16 units.

use super::position;
use super::session::{Problem, Session};
use cuaderno::diagnostics::{Diagnostic, Severity};
use cuaderno::Site;
use lsp_types::{DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Range, Url};
use std::collections::BTreeMap;

pub fn to_lsp(
    site: &Site,
    url_of: &dyn Fn(&str) -> Option<Url>,
    d: &Diagnostic,
) -> lsp_types::Diagnostic {
    let range = match (d.span, site.source_file(&d.file)) {
        (Some(span), Some(file)) => position::range(file, span),
        _ => Range::default(),
    };
    with_range(site, url_of, d, range)
}

/// `to_lsp` with the diagnostic's range already found.
fn with_range(
    site: &Site,
    url_of: &dyn Fn(&str) -> Option<Url>,
    d: &Diagnostic,
    range: Range,
) -> lsp_types::Diagnostic {
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<lsp_types::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let file = site.source_file(&r.file)?;
            Some(lsp_types::DiagnosticRelatedInformation {
                location: lsp_types::Location {
                    uri: url_of(&r.file)?,
                    range: position::range(file, r.span),
                },
                message: r.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        related_information: (!related.is_empty()).then_some(related),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.name().to_string())),
        source: Some("cuaderno".into()),
        message,
        ..Default::default()
    }
}

/// Diagnostics published per file at most: an editor shows no more usefully (`check` lists
/// them all).
const MAX_PER_FILE: usize = 5_000;

fn left_out_note(n: usize) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some("cuaderno".into()),
        message: format!(
            "{n} more diagnostic(s) in this file are not shown (at most {MAX_PER_FILE} are)\nhelp: `cuaderno check` lists them all"
        ),
        ..Default::default()
    }
}

/// What to publish now: with `all`, every file that has diagnostics or had some (cleared),
/// else the open documents only. `shown` is the set of files the client shows findings for.
pub fn collect(
    session: &Session,
    all: bool,
    shown: &mut std::collections::HashSet<Url>,
) -> Vec<PublishDiagnosticsParams> {
    let mut by_url: BTreeMap<Url, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
    // An open document keeps the URL the editor gave it (through a symbolic link, say).
    let open: std::collections::HashMap<&str, &Url> = session
        .docs
        .iter()
        .filter_map(|(url, doc)| Some((doc.rel.as_deref()?, url)))
        .collect();
    if let Some(analyzed) = &session.current {
        let site = &analyzed.site;
        let url_of = |rel: &str| session.url_of(rel);
        let mut cursor: Option<position::Cursor> = None;
        let mut per_file = 0;
        let mut current = "";
        let mut left_out: BTreeMap<Url, usize> = BTreeMap::new();
        for d in analyzed.diagnostics.iter().filter(|d| !d.file.is_empty()) {
            // Without `all`, only open documents: no URL is made for the other files.
            if !all && !open.contains_key(d.file.as_str()) {
                continue;
            }
            let url = match open.get(d.file.as_str()) {
                Some(url) => (*url).clone(),
                None => match session.url_of(&d.file) {
                    Some(url) => url,
                    None => continue,
                },
            };
            if !(all || session.docs.contains_key(&url)) {
                continue;
            }
            // Diagnostics come sorted by file: one cursor per file.
            if current != d.file {
                current = &d.file;
                cursor = site.source_file(&d.file).map(position::Cursor::new);
                per_file = 0;
            }
            per_file += 1;
            if per_file > MAX_PER_FILE {
                *left_out.entry(url).or_default() += 1;
                continue;
            }
            let range = match (d.span, cursor.as_mut()) {
                (Some(span), Some(c)) => c.range(span),
                _ => Range::default(),
            };
            by_url
                .entry(url)
                .or_default()
                .push(with_range(site, &url_of, d, range));
        }
        for (url, n) in left_out {
            by_url.entry(url).or_default().push(left_out_note(n));
        }
    }
    if let Some(url) = session.config_url() {
        if let Some(problem) = &session.config_problem {
            by_url.entry(url).or_default().push(config_problem(problem));
        } else if all || session.docs.contains_key(&url) {
            by_url.entry(url).or_default();
        }
    }
    // Open documents always hear back (an empty list clears what they showed); with `all`,
    // so do the files that showed findings before.
    let mut wanted: Vec<Url> = session.docs.keys().cloned().collect();
    if all {
        wanted.extend(shown.iter().cloned());
    }
    for url in wanted {
        by_url.entry(url).or_default();
    }
    by_url
        .into_iter()
        .map(|(uri, diagnostics)| {
            if diagnostics.is_empty() {
                shown.remove(&uri);
            } else {
                shown.insert(uri.clone());
            }
            let version = session.docs.get(&uri).map(|d| d.version);
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            }
        })
        .collect()
}

/// A site.toml problem, where it is in site.toml.
fn config_problem(problem: &Problem) -> lsp_types::Diagnostic {
    let at = problem
        .position
        .map_or(lsp_types::Position::default(), |p| {
            let line = u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX);
            let column = u32::try_from(p.column.saturating_sub(1)).unwrap_or(u32::MAX);
            lsp_types::Position::new(line, column)
        });
    lsp_types::Diagnostic {
        range: Range::new(at, at),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".into())),
        source: Some("cuaderno".into()),
        message: format!(
            "{}\nhelp: the last good site.toml is used until this is fixed",
            problem.message
        ),
        ..Default::default()
    }
}
