//! Completion, from what the site knows:
//! - after `](`: link targets, the page's own language first, each with its title (images:
//!   the site's images); after `#`: the headings and task anchors of the target page;
//! - in the first cell of a table row: the task ids of the page's language;
//! - in the front matter: the keys `[metadata]` declares, then a key's allowed values;
//! - after a phase label (`Fase: **`): the language's phase names; at the start of a line,
//!   the language's labels.

use super::position;
use super::session::Session;
use cuaderno::config::Vocabulary;
use cuaderno::content::page::Page;
use cuaderno::Site;
use lsp_types::*;
use std::collections::BTreeMap;

const IMAGE: [&str; 6] = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"];

pub fn complete(session: &Session, p: CompletionParams) -> Option<CompletionResponse> {
    let site = &session.current.as_ref()?.site;
    let rel = session.rel_of(&p.text_document_position.text_document.uri)?;
    let page_index = *site.index.page_by_rel.get(&rel)?;
    let page = &site.pages[page_index];
    let offset = position::offset(&page.file, p.text_document_position.position);
    let line_start = page.file.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &page.file.text[line_start..offset];
    let here = p.text_document_position.position;
    let items = if let Some(typed) = link_destination(prefix) {
        let image = prefix[..prefix.len() - typed.len() - 2].contains("![");
        link_items(site, page_index, typed, image, here)
    } else if in_front_matter(page, offset) {
        front_matter_items(site, page, prefix)
    } else if prefix.trim_start().starts_with('|') && prefix.matches('|').count() == 1 {
        task_items(site, page)
    } else {
        word_items(site, page, prefix)
    };
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    }))
}

/// What is typed after `](` when the cursor is inside a link destination.
fn link_destination(prefix: &str) -> Option<&str> {
    let at = prefix.rfind("](")?;
    let typed = &prefix[at + 2..];
    (!typed.contains([')', ' ', '\t'])).then_some(typed)
}

/// An edit that replaces the `len` UTF-16 units before the cursor.
fn replace(here: Position, typed: &str, new_text: String) -> Option<CompletionTextEdit> {
    let units: u32 = typed.chars().map(|c| c.len_utf16() as u32).sum();
    let start = Position::new(here.line, here.character.saturating_sub(units));
    Some(CompletionTextEdit::Edit(TextEdit {
        range: Range::new(start, here),
        new_text,
    }))
}

fn link_items(
    site: &Site,
    from: usize,
    typed: &str,
    image: bool,
    here: Position,
) -> Vec<CompletionItem> {
    let page = &site.pages[from];
    if let Some((path, fragment)) = typed.split_once('#') {
        let target = if path.is_empty() {
            Some(from)
        } else {
            let res = cuaderno::rules::links::resolve(site, &page.file.rel, page.locale.site, path);
            match res.target {
                cuaderno::rules::links::Target::Page { page, .. } => Some(page),
                _ => None,
            }
        };
        let Some(target) = target else {
            return Vec::new();
        };
        let t = &site.pages[target];
        let headings = t
            .analysis
            .headings
            .iter()
            .map(|h| (h.id.clone(), h.text.clone()));
        let tasks = t
            .playbook
            .tasks
            .iter()
            .map(|k| (k.anchor.clone(), format!("{} {}", k.id, k.name)));
        return headings
            .chain(tasks)
            .map(|(id, text)| CompletionItem {
                label: id.clone(),
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(text),
                text_edit: replace(here, fragment, id),
                ..Default::default()
            })
            .collect();
    }
    if image {
        return site
            .assets
            .iter()
            .filter(|a| IMAGE.iter().any(|e| a.rel.to_lowercase().ends_with(e)))
            .map(|a| {
                let path = cuaderno::paths::relative(&page.file.rel, &a.rel);
                let own = a.rel.split('/').any(|part| part == "media");
                CompletionItem {
                    label: path.clone(),
                    kind: Some(CompletionItemKind::FILE),
                    sort_text: Some(format!("{}{path}", if own { 0 } else { 1 })),
                    text_edit: replace(here, typed, path),
                    ..Default::default()
                }
            })
            .collect();
    }
    site.pages
        .iter()
        .map(|p| {
            let path = cuaderno::paths::relative(&page.file.rel, &p.file.rel);
            let own = p.locale.site == page.locale.site;
            let code = &site.config.languages[p.locale.site].code;
            CompletionItem {
                label: path.clone(),
                kind: Some(CompletionItemKind::FILE),
                detail: Some(format!("{} ({code})", p.title)),
                sort_text: Some(format!("{}{path}", if own { 0 } else { 1 })),
                filter_text: Some(format!("{path} {}", p.title)),
                text_edit: replace(here, typed, path),
                ..Default::default()
            }
        })
        .collect()
}

fn in_front_matter(page: &Page, offset: usize) -> bool {
    if let Some(block) = page.front.block {
        return block.start <= offset && offset <= block.end;
    }
    // An unclosed block (being typed): the text starts with a fence and no other follows.
    page.file.text.starts_with("---") && !page.file.text[3..offset.max(3)].contains("\n---")
}

fn front_matter_items(site: &Site, page: &Page, prefix: &str) -> Vec<CompletionItem> {
    let schema = &site.config.metadata;
    if let Some((key, _)) = prefix.split_once(':') {
        let values = schema
            .fields
            .get(key.trim())
            .map(|f| f.values.clone())
            .unwrap_or_default();
        return values
            .into_iter()
            .map(|v| item(v, CompletionItemKind::ENUM_MEMBER, None))
            .collect();
    }
    schema
        .required
        .iter()
        .map(|k| (k, "required"))
        .chain(schema.optional.iter().map(|k| (k, "optional")))
        .filter(|(k, _)| page.front.get(k).is_none())
        .map(|(k, why)| item(k.clone(), CompletionItemKind::FIELD, Some(why.into())))
        .collect()
}

fn task_items(site: &Site, page: &Page) -> Vec<CompletionItem> {
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    for p in site
        .pages
        .iter()
        .filter(|p| p.locale.site == page.locale.site)
    {
        for t in &p.playbook.tasks {
            ids.entry(&t.id).or_insert(&t.name);
        }
    }
    ids.into_iter()
        .map(|(id, name)| {
            item(
                id.to_string(),
                CompletionItemKind::CONSTANT,
                Some(name.to_string()),
            )
        })
        .collect()
}

fn vocabulary<'s>(site: &'s Site, page: &Page) -> [&'s Vocabulary; 2] {
    let langs = &site.config.languages;
    [
        &langs[page.written_in()].vocabulary,
        &langs[site.config.default_language_index()].vocabulary,
    ]
}

fn word_items(site: &Site, page: &Page, prefix: &str) -> Vec<CompletionItem> {
    let vocabs = vocabulary(site, page);
    let trimmed = prefix.trim_start();
    if let Some((label, after)) = trimmed.split_once(':') {
        let is_phase = vocabs
            .iter()
            .any(|v| v.phase_labels.iter().any(|l| l == label.trim()));
        if !is_phase {
            return Vec::new();
        }
        let names = vocabs
            .iter()
            .find(|v| !v.phases.is_empty())
            .map(|v| v.phases.values().flatten().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        // Right after the colon the value comes with its bold marks (`Fase: **Iniciar**`).
        let space = if after.ends_with(' ') { "" } else { " " };
        let bare = after.trim().is_empty();
        return names
            .into_iter()
            .map(|n| {
                let mut it = item(n.clone(), CompletionItemKind::ENUM_MEMBER, None);
                if bare {
                    it.insert_text = Some(format!("{space}**{n}**"));
                }
                it
            })
            .collect();
    }
    if trimmed.is_empty() || trimmed.chars().count() > 40 {
        return Vec::new();
    }
    let lower = trimmed.to_lowercase();
    let v = vocabs
        .iter()
        .find(|v| !v.phase_labels.is_empty())
        .copied()
        .unwrap_or(vocabs[1]);
    let labels = [
        &v.phase_labels,
        &v.role_labels,
        &v.motions_labels,
        &v.applies_to_labels,
    ];
    labels
        .into_iter()
        .flatten()
        .filter(|l| l.to_lowercase().starts_with(&lower))
        .map(|l| {
            let mut it = item(l.clone(), CompletionItemKind::KEYWORD, Some("label".into()));
            it.insert_text = Some(format!("{l}: **"));
            it
        })
        .collect()
}

fn item(label: String, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(kind),
        detail,
        ..Default::default()
    }
}
