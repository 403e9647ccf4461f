//! Code actions: each suggestion of a diagnostic under the cursor as a quick fix (preferred
//! when it is machine-applicable), and "fix all in file" with every machine-applicable
//! suggestion of the file, planned by the library's `fix::plan` as `check --fix` does.

use super::position;
use super::publish::to_lsp;
use super::session::Session;
use lsp_types::*;
use std::collections::HashMap;

pub fn actions(session: &Session, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
    let Some(analyzed) = &session.current else {
        return Vec::new();
    };
    let site = &analyzed.site;
    let uri = p.text_document.uri;
    let Some(rel) = session.rel_of(&uri) else {
        return Vec::new();
    };
    let Some(file) = site.source_file(&rel) else {
        return Vec::new();
    };
    let wants = |kind: &CodeActionKind| {
        p.context
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
    };
    let mine: Vec<&cuaderno::Diagnostic> = analyzed
        .diagnostics
        .iter()
        .filter(|d| d.file == rel)
        .collect();
    let mut out = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for d in &mine {
            let (Some(span), Some(new)) = (d.span, &d.suggestion) else {
                continue;
            };
            let range = position::range(file, span);
            if !overlaps(range, p.range) {
                continue;
            }
            let edit = TextEdit {
                range,
                new_text: new.clone(),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace with `{new}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(site, &|rel| session.url_of(rel), d)]),
                edit: Some(edit_of(&uri, vec![edit])),
                is_preferred: Some(d.fixable),
                ..Default::default()
            }));
        }
    }
    let fixable: Vec<cuaderno::Diagnostic> = mine
        .iter()
        .filter(|d| d.fixable)
        .map(|d| (*d).clone())
        .collect();
    let plan = cuaderno::fix::plan(site, &fixable);
    if let Some(fix) = plan.first().filter(|f| !f.edits.is_empty()) {
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|e| TextEdit {
                range: position::range(file, e.span),
                new_text: e.new.clone(),
            })
            .collect();
        let title = format!(
            "Fix all in file ({} machine-applicable fix(es))",
            edits.len()
        );
        for kind in [CodeActionKind::SOURCE_FIX_ALL, CodeActionKind::QUICKFIX] {
            if wants(&kind) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: title.clone(),
                    kind: Some(kind),
                    edit: Some(edit_of(&uri, edits.clone())),
                    ..Default::default()
                }));
                break;
            }
        }
    }
    out
}

fn edit_of(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
