//! Document symbols: headings nested by level, the steps of the playbook (their role as
//! detail) and each FTOP task table with its task ids.

use super::position;
use super::session::Session;
use cuaderno::content::page::Page;
use cuaderno::source::{SourceFile, Span};
use lsp_types::*;

pub fn symbols(session: &Session, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let site = &session.current.as_ref()?.site;
    let rel = session.rel_of(&p.text_document.uri)?;
    let page = &site.pages[*site.index.page_by_rel.get(&rel)?];
    let mut flat: Vec<(u8, DocumentSymbol)> = Vec::new();
    for h in &page.analysis.headings {
        let step = page
            .playbook
            .steps
            .iter()
            .find(|s| s.heading_start == h.span.start);
        let (kind, detail) = match step {
            Some(s) => (SymbolKind::EVENT, s.role.as_ref().map(|r| r.value.clone())),
            None => (SymbolKind::STRING, None),
        };
        flat.push((
            h.level,
            symbol(&page.file, h.text.clone(), detail, kind, h.span),
        ));
    }
    flat.extend(task_tables(page));
    flat.sort_by_key(|(_, s)| s.range.start);
    Some(DocumentSymbolResponse::Nested(nest(flat)))
}

fn task_tables(page: &Page) -> Vec<(u8, DocumentSymbol)> {
    let mut out = Vec::new();
    for table in 0..page.playbook.task_tables.len() {
        let tasks: Vec<_> = page
            .playbook
            .tasks
            .iter()
            .filter(|t| t.table == table)
            .collect();
        let (Some(first), Some(last)) = (tasks.first(), tasks.last()) else {
            continue;
        };
        let span = Span::new(first.span.start, last.span.end);
        let mut s = symbol(
            &page.file,
            format!("FTOP tasks ({})", tasks.len()),
            None,
            SymbolKind::ARRAY,
            span,
        );
        s.children = Some(
            tasks
                .iter()
                .map(|t| {
                    symbol(
                        &page.file,
                        t.id.clone(),
                        Some(t.name.clone()),
                        SymbolKind::KEY,
                        t.span,
                    )
                })
                .collect(),
        );
        out.push((u8::MAX, s)); // a table is a leaf under the heading it follows
    }
    out
}

#[allow(deprecated)] // `deprecated` is a required field of the struct
fn symbol(
    file: &SourceFile,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: Span,
) -> DocumentSymbol {
    let range = position::range(file, span);
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(untitled)".into()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// Headings under the nearest earlier heading of a lower level.
fn nest(flat: Vec<(u8, DocumentSymbol)>) -> Vec<DocumentSymbol> {
    let mut roots: Vec<DocumentSymbol> = Vec::new();
    let mut stack: Vec<(u8, DocumentSymbol)> = Vec::new();
    let close = |stack: &mut Vec<(u8, DocumentSymbol)>, roots: &mut Vec<DocumentSymbol>| {
        let (_, done) = stack.pop().expect("called on a non-empty stack");
        match stack.last_mut() {
            Some((_, parent)) => {
                // A section's range holds its children (the protocol asks it).
                parent.range.end = parent.range.end.max(done.range.end);
                parent.children.get_or_insert_with(Vec::new).push(done);
            }
            None => roots.push(done),
        }
    };
    for (level, s) in flat {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut stack, &mut roots);
        }
        stack.push((level, s));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}
