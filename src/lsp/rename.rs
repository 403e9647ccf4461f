//! Renames that keep links working: a heading's text (every `#anchor` that names it follows
//! its new id), and a page file (`workspace/willRenameFiles`: every link and toc entry to it,
//! and the page's own relative links when it moves to another folder, and a site.toml
//! `[redirects]` entry from the old path to the new one). Only destinations
//! written as they resolve are rewritten (a span whose text is not the destination is left).

use super::navigate::{spot_at, Spot};
use super::position;
use super::session::Session;
use super::{ErrorCode, Failure};
use cuaderno::content::page::Page;
use cuaderno::rules::links::Target;
use cuaderno::source::{SourceFile, Span};
use cuaderno::Site;
use lsp_types::*;
use std::collections::HashMap;

/// The editable text of an ATX heading (`## Text ##`), unless it has its own `{#id}`.
fn heading_text(page: &Page, heading: usize) -> Option<Span> {
    let span = page.analysis.headings[heading].span;
    let text = page.file.text.get(span.start..span.end)?;
    let (start, len) = atx_text(text.split('\n').next()?)?;
    Some(Span::new(span.start + start, span.start + start + len))
}

/// Where the text of an ATX heading line is (byte offset and length), without the opening
/// `#`s and a closing sequence, which counts only after a space (`## C#` keeps its `#`).
fn atx_text(line: &str) -> Option<(usize, usize)> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if hashes == 0 || line.contains("{#") {
        return None;
    }
    let body = line[hashes..].trim_start();
    let trimmed = body.trim_end();
    let closed = trimmed.trim_end_matches('#');
    let body = if closed.len() < trimmed.len() && closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        trimmed
    };
    Some((line.len() - line[hashes..].trim_start().len(), body.len()))
}

pub fn prepare(
    session: &Session,
    p: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Failure> {
    let Some((site, Spot::Heading { page, heading })) = spot_at(session, &p) else {
        return Ok(None);
    };
    let p = &site.pages[page];
    let span = heading_text(p, heading)
        .ok_or_else(|| refuse("only a `#` heading without its own `{#id}` is renamed here"))?;
    Ok(Some(PrepareRenameResponse::Range(position::range(
        &p.file, span,
    ))))
}

fn refuse(why: &str) -> Failure {
    Failure(ErrorCode::InvalidRequest, why.to_string())
}

pub fn heading(session: &Session, p: RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
    let Some((site, Spot::Heading { page, heading })) = spot_at(session, &p.text_document_position)
    else {
        return Ok(None);
    };
    let pg = &site.pages[page];
    let span = heading_text(pg, heading)
        .ok_or_else(|| refuse("only a `#` heading without its own `{#id}` is renamed here"))?;
    let old = &pg.analysis.headings[heading].id;
    if *old != cuaderno::slug::slugify(&pg.analysis.headings[heading].text) {
        return Err(refuse(
            "another heading of the page has the same text; rename that one first",
        ));
    }
    let new = cuaderno::slug::slugify(&p.new_name);
    if new.is_empty()
        || pg
            .analysis
            .headings
            .iter()
            .any(|h| h.id == new && &h.id != old)
    {
        return Err(refuse(&format!(
            "another heading of the page already has the anchor `{new}`"
        )));
    }
    let mut edits: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    let uri = p.text_document_position.text_document.uri.clone();
    edits.entry(uri).or_default().push(TextEdit {
        range: position::range(&pg.file, span),
        new_text: p.new_name.clone(),
    });
    let suffix = format!("#{old}");
    for (_, target, file, link) in page_links(site) {
        let Target::Page {
            page: to,
            fragment: Some(f),
        } = target
        else {
            continue;
        };
        if *to != page || f != old || !link.written.ends_with(&suffix) {
            continue;
        }
        let at = Span::new(link.span.end - old.len(), link.span.end);
        push(session, file, at, new.clone(), &mut edits);
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(edits),
        ..Default::default()
    }))
}

/// The edits a page's move asks for.
pub fn files(session: &Session, p: RenameFilesParams) -> Option<WorkspaceEdit> {
    let site = &session.current.as_ref()?.site;
    let mut edits: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for rename in &p.files {
        let (Ok(old), Ok(new)) = (Url::parse(&rename.old_uri), Url::parse(&rename.new_uri)) else {
            continue;
        };
        let (Some(old_rel), Some(new_rel)) = (session.rel_of(&old), session.rel_of(&new)) else {
            continue;
        };
        let Some(&moved) = site.index.page_by_rel.get(&old_rel) else {
            continue;
        };
        links_to(session, site, moved, &new_rel, &mut edits);
        if cuaderno::paths::dir_of(&old_rel) != cuaderno::paths::dir_of(&new_rel) {
            links_from(session, site, moved, &new_rel, &mut edits);
        }
        redirect(site, &old_rel, &new_rel, &mut edits);
    }
    Some(WorkspaceEdit {
        changes: Some(edits),
        ..Default::default()
    })
}

/// A redirect from the old path to the new one in site.toml's `[redirects]` (the table is
/// added at the end when there is none), so that readers of the old address are sent on.
fn redirect(site: &Site, old: &str, new: &str, edits: &mut HashMap<Url, Vec<TextEdit>>) {
    let config = &site.config;
    if config.redirects.contains_key(old) {
        return;
    }
    let Ok(url) = Url::from_file_path(&config.file) else {
        return;
    };
    let entry = format!("{} = {}\n", toml_string(old), toml_string(new));
    let text = &config.text;
    let header = text.lines().position(|l| l.trim() == "[redirects]");
    let (at, new_text) = match header {
        Some(line) => (Position::new(line as u32 + 1, 0), entry),
        None => {
            let lines = text.split('\n').count() as u32 - 1;
            let last = text.rsplit('\n').next().unwrap_or("");
            let end = Position::new(lines, last.encode_utf16().count() as u32);
            let gap = if text.ends_with('\n') || text.is_empty() {
                ""
            } else {
                "\n"
            };
            (end, format!("{gap}\n# Pages that moved: the old address sends readers on.\n[redirects]\n{entry}"))
        }
    };
    edits.entry(url).or_default().push(TextEdit {
        range: Range::new(at, at),
        new_text,
    });
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `written` (a destination as written) with its path replaced, its `#fragment` kept.
fn with_path(written: &str, path: &str) -> String {
    match written.split_once('#') {
        Some((_, fragment)) => format!("{path}#{fragment}"),
        None => path.to_string(),
    }
}

fn push(
    session: &Session,
    file: &cuaderno::source::SourceFile,
    span: Span,
    new: String,
    edits: &mut HashMap<Url, Vec<TextEdit>>,
) {
    if let Some(url) = session.url_of(&file.rel) {
        edits.entry(url).or_default().push(TextEdit {
            range: position::range(file, span),
            new_text: new,
        });
    }
}

fn links_to(
    session: &Session,
    site: &Site,
    moved: usize,
    new_rel: &str,
    edits: &mut HashMap<Url, Vec<TextEdit>>,
) {
    for (q, target, file, link) in page_links(site) {
        let from = if q == moved { new_rel } else { &file.rel };
        let Target::Page { page, .. } = target else {
            continue;
        };
        if *page != moved || !link.as_resolved() {
            continue;
        }
        let path = cuaderno::paths::relative(from, new_rel);
        push(
            session,
            file,
            link.span,
            with_path(link.written, &path),
            edits,
        );
    }
    for toc in site.tocs.iter().chain(&site.nested_tocs) {
        let mut stack: Vec<&cuaderno::content::toc::TocItem> = toc.items.iter().collect();
        while let Some(item) = stack.pop() {
            stack.extend(item.items.iter());
            let Some(href) = &item.href else { continue };
            let res = cuaderno::rules::links::resolve(site, &toc.file.rel, toc.lang, href);
            if matches!(res.target, Target::Page { page, .. } if page == moved) {
                let path = cuaderno::paths::relative(&toc.file.rel, new_rel);
                push(
                    session,
                    &toc.file,
                    item.href_span,
                    with_path(href, &path),
                    edits,
                );
            }
        }
    }
}

/// The moved page's own relative links, from its new folder.
fn links_from(
    session: &Session,
    site: &Site,
    moved: usize,
    new_rel: &str,
    edits: &mut HashMap<Url, Vec<TextEdit>>,
) {
    for (q, target, file, link) in page_links(site) {
        let to = match target {
            _ if q != moved => continue,
            Target::Page { page: to, .. } if *to != moved => &site.pages[*to].file.rel,
            Target::Asset(a) => &site.assets[*a].rel,
            _ => continue,
        };
        if !link.as_resolved() {
            continue;
        }
        let path = cuaderno::paths::relative(new_rel, to);
        push(
            session,
            file,
            link.span,
            with_path(link.written, &path),
            edits,
        );
    }
}

/// A link's destination: its span, the text there, and the destination as parsed.
struct Written<'s> {
    span: Span,
    written: &'s str,
    dest: &'s str,
}

impl Written<'_> {
    /// The text is the destination as it resolves (no escapes, no fragment-only link): safe to
    /// rewrite.
    fn as_resolved(&self) -> bool {
        self.written == self.dest && !self.written.starts_with('#')
    }
}

/// Every link of every page with its target, its page's file and its destination as written.
fn page_links(site: &Site) -> impl Iterator<Item = (usize, &Target, &SourceFile, Written<'_>)> {
    site.links.iter().enumerate().flat_map(move |(q, targets)| {
        let page = &site.pages[q];
        targets
            .iter()
            .zip(&page.analysis.links)
            .map(move |(target, link)| {
                let written = page
                    .file
                    .text
                    .get(link.span.start..link.span.end)
                    .unwrap_or_default();
                let w = Written {
                    span: link.span,
                    written,
                    dest: &link.dest,
                };
                (q, target, &page.file, w)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::atx_text;

    fn text(line: &str) -> Option<&str> {
        atx_text(line).map(|(at, len)| &line[at..at + len])
    }

    #[test]
    fn the_text_of_a_heading_line() {
        assert_eq!(text("## Old name"), Some("Old name"));
        assert_eq!(text("### Closed ###  "), Some("Closed"));
        assert_eq!(text("## C#"), Some("C#"));
        assert_eq!(text("# Día 1 #"), Some("Día 1"));
        assert_eq!(text("## Own {#id}"), None);
        assert_eq!(text("Setext"), None);
    }
}
