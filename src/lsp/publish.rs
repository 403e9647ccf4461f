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
        for d in analyzed.diagnostics.iter().filter(|d| !d.file.is_empty()) {
            let url = match open.get(d.file.as_str()) {
                Some(url) => (*url).clone(),
                None => match session.url_of(&d.file) {
                    Some(url) => url,
                    None => continue,
                },
            };
            if all || session.docs.contains_key(&url) {
                by_url.entry(url).or_default().push(to_lsp(
                    &analyzed.site,
                    &|rel| session.url_of(rel),
                    d,
                ));
            }
        }
    }
    if let Some(url) = session.config_url() {
        if let Some(problem) = &session.config_problem {
            by_url.entry(url).or_default().push(config_problem(problem));
        } else if all || session.docs.contains_key(&url) {
            by_url.entry(url).or_default();
        }
    }
    let wanted: Vec<Url> = if all {
        shown.iter().cloned().collect()
    } else {
        session.docs.keys().cloned().collect()
    };
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
