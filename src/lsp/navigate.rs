//! Go to definition, hover and references: links (to a page, a heading, a task row, an
//! asset), task ids in task tables (their row on the source-language page), `toc.yml` hrefs,
//! DocFX include directives (the file they include).

use super::position;
use super::session::Session;
use cuaderno::content::page::Page;
use cuaderno::playbook::Task;
use cuaderno::rules::links::Target;
use cuaderno::Site;
use lsp_types::*;

/// What the cursor is on in a file of the site.
pub enum Spot {
    /// The `n`-th link of page `page`.
    Link { page: usize, n: usize },
    /// A task row of page `page`.
    Task { page: usize, task: usize },
    /// A heading of page `page`.
    Heading { page: usize, heading: usize },
    /// Somewhere else on page `page`.
    Page { page: usize },
    /// A toc entry's href, resolved.
    TocHref(Target),
    /// A DocFX `[!INCLUDE]` directive: the content path of the file it names.
    Include(String),
}

/// The site and the spot at a document position.
pub fn spot_at<'s>(
    session: &'s Session,
    at: &TextDocumentPositionParams,
) -> Option<(&'s Site, Spot)> {
    let site = &session.current.as_ref()?.site;
    let rel = session.rel_of(&at.text_document.uri)?;
    if let Some(&page) = site.index.page_by_rel.get(&rel) {
        let p = &site.pages[page];
        let offset = position::offset(&p.file, at.position);
        return Some((site, page_spot(p, page, offset)));
    }
    if let Some(&i) = site.includes.by_rel.get(&rel) {
        let file = &site.includes.files[i];
        let offset = position::offset(&file.file, at.position);
        return include_at(file, offset).map(|spot| (site, spot));
    }
    let mut tocs = site.tocs.iter().chain(&site.nested_tocs);
    let toc = tocs.find(|t| t.file.rel == rel)?;
    let offset = position::offset(&toc.file, at.position);
    let mut stack: Vec<&cuaderno::content::toc::TocItem> = toc.items.iter().collect();
    while let Some(item) = stack.pop() {
        let span = item.href_span;
        if let Some(href) = item
            .href
            .as_deref()
            .filter(|_| span.start <= offset && offset <= span.end)
        {
            let res = cuaderno::rules::links::resolve(site, &rel, toc.lang, href);
            return Some((site, Spot::TocHref(res.target)));
        }
        stack.extend(item.items.iter());
    }
    None
}

/// The include directive at `offset` in `file` (a page or an include file).
fn include_at(file: &Page, offset: usize) -> Option<Spot> {
    let inc = file.analysis.includes.iter();
    let mut on = inc.filter(|i| i.span.start <= offset && offset <= i.span.end);
    let found = on.next()?;
    cuaderno::site::includes::target(&file.file.rel, &found.path).map(Spot::Include)
}

fn page_spot(p: &Page, page: usize, offset: usize) -> Spot {
    if let Some(spot) = include_at(p, offset) {
        return spot;
    }
    let text = &p.file.text;
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    for (n, link) in p.analysis.links.iter().enumerate() {
        let on_dest = link.span.start <= offset && offset <= link.span.end;
        // On the link's text: the destination starts later on the same line, after `](`.
        let on_text = link.span.start > offset
            && link.span.start <= line_end
            && text[offset..link.span.start].contains("](")
            && !text[offset..link.span.start].contains(')');
        if on_dest || on_text {
            return Spot::Link { page, n };
        }
    }
    if let Some(task) = p
        .playbook
        .tasks
        .iter()
        .position(|t| t.span.start <= offset && offset < t.span.end)
    {
        return Spot::Task { page, task };
    }
    if let Some(heading) = p
        .analysis
        .headings
        .iter()
        .position(|h| h.span.start <= offset && offset <= h.span.end)
    {
        return Spot::Heading { page, heading };
    }
    Spot::Page { page }
}

fn location(
    session: &Session,
    site: &Site,
    rel: &str,
    span: Option<cuaderno::source::Span>,
) -> Option<Location> {
    let uri = session.url_of(rel)?;
    let range = match (span, site.source_file(rel)) {
        (Some(span), Some(file)) => position::range(file, span),
        _ => Range::default(),
    };
    Some(Location { uri, range })
}

/// Where a page target is: the heading or task row its fragment names, else the page's top.
fn target_location(session: &Session, site: &Site, target: &Target) -> Option<Location> {
    match target {
        Target::Page { page, fragment } => {
            let p = &site.pages[*page];
            let span = fragment.as_deref().and_then(|f| fragment_span(p, f));
            let span = span.or_else(|| p.analysis.headings.first().map(|h| h.span));
            location(session, site, &p.file.rel, span)
        }
        Target::Asset(a) => location(session, site, &site.assets[*a].rel, None),
        _ => None,
    }
}

fn fragment_span(p: &Page, fragment: &str) -> Option<cuaderno::source::Span> {
    p.analysis
        .headings
        .iter()
        .find(|h| h.id == fragment)
        .map(|h| h.span)
        .or_else(|| {
            p.playbook
                .tasks
                .iter()
                .find(|t| t.anchor == fragment)
                .map(|t| t.span)
        })
}

/// The pages of one language carrying a task id, the source-language page's first.
fn pages_with_task<'s>(site: &'s Site, page: usize, id: &str) -> Vec<(usize, &'s Task)> {
    let lang = site.pages[page].locale.site;
    let mut found: Vec<(usize, &Task)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.locale.site == lang)
        .filter_map(|(i, p)| p.playbook.tasks.iter().find(|t| t.id == id).map(|t| (i, t)))
        .collect();
    found.sort_by_key(|(i, _)| *i != page);
    found
}

pub fn definition(session: &Session, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let (site, spot) = spot_at(session, &p.text_document_position_params)?;
    let found = match spot {
        Spot::Link { page, n } => target_location(session, site, site.links[page].get(n)?),
        Spot::TocHref(target) => target_location(session, site, &target),
        Spot::Include(rel) => location(session, site, &rel, None),
        Spot::Task { page, task } => {
            let id = &site.pages[page].playbook.tasks[task].id;
            let source = site.translation(page, site.config.default_language_index());
            let (q, t) = match source.and_then(|s| {
                site.pages[s]
                    .playbook
                    .tasks
                    .iter()
                    .find(|t| &t.id == id)
                    .map(|t| (s, t))
            }) {
                Some(found) => found,
                None => *pages_with_task(site, page, id)
                    .iter()
                    .find(|(q, _)| *q != page)?,
            };
            location(session, site, &site.pages[q].file.rel, Some(t.span))
        }
        Spot::Heading { .. } | Spot::Page { .. } => None,
    };
    found.map(GotoDefinitionResponse::Scalar)
}

pub fn hover(session: &Session, p: HoverParams) -> Option<Hover> {
    let (site, spot) = spot_at(session, &p.text_document_position_params)?;
    let text = match spot {
        Spot::Link { page, n } => describe_target(site, site.links[page].get(n)?)?,
        Spot::TocHref(target) => describe_target(site, &target)?,
        Spot::Include(rel) => format!("include `{rel}`"),
        Spot::Task { page, task } => {
            describe_task(site, page, &site.pages[page].playbook.tasks[task])
        }
        Spot::Heading { .. } | Spot::Page { .. } => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: None,
    })
}

fn describe_target(site: &Site, target: &Target) -> Option<String> {
    match target {
        Target::Page { page, fragment } => {
            let p = &site.pages[*page];
            let lang = &site.config.languages[p.locale.site];
            let mut out = format!("**{}**\n\n`{}` · {}", p.title, p.file.rel, lang.name);
            if p.is_copy() {
                let written = &site.config.languages[p.written_in()].name;
                out.push_str(&format!(" (untranslated: written in {written})"));
            }
            let others: Vec<&str> = (0..site.config.languages.len())
                .filter(|&l| l != p.locale.site && site.translation(*page, l).is_some())
                .map(|l| site.config.languages[l].code.as_str())
                .collect();
            let missing: Vec<&str> = (0..site.config.languages.len())
                .filter(|&l| l != p.locale.site && site.translation(*page, l).is_none())
                .map(|l| site.config.languages[l].code.as_str())
                .collect();
            out.push_str(&format!("\n\nTranslated: {}", list(&others)));
            if !missing.is_empty() {
                out.push_str(&format!(" · not in: {}", missing.join(", ")));
            }
            if let Some(f) = fragment {
                out.push_str(&format!("\n\n`#{f}`"));
            }
            Some(out)
        }
        Target::Asset(a) => Some(format!("`{}`", site.assets[*a].rel)),
        Target::Broken => Some("Leads to no file of the content (see the diagnostic)".into()),
        _ => None,
    }
}

fn describe_task(site: &Site, page: usize, t: &Task) -> String {
    let carriers = pages_with_task(site, page, &t.id);
    let pages: Vec<String> = carriers
        .iter()
        .map(|(q, _)| format!("`{}`", site.pages[*q].file.rel))
        .collect();
    format!(
        "**{}** {}\n\nM/O: {} · role: {} · services: {}\n\nOn {} page(s): {}",
        t.id,
        t.name,
        t.mandatory,
        t.role,
        list(&t.services.iter().map(String::as_str).collect::<Vec<_>>()),
        pages.len(),
        pages.join(", ")
    )
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// Links of every page to this page (to the heading under the cursor, when on one).
pub fn references(session: &Session, p: ReferenceParams) -> Option<Vec<Location>> {
    let (site, spot) = spot_at(session, &p.text_document_position)?;
    let (page, heading) = match spot {
        Spot::Heading { page, heading } => (page, Some(heading)),
        Spot::Page { page } | Spot::Task { page, .. } => (page, None),
        Spot::Link { page, n } => match site.links[page].get(n)? {
            Target::Page { page, fragment } => {
                let h = fragment.as_deref().and_then(|f| {
                    site.pages[*page]
                        .analysis
                        .headings
                        .iter()
                        .position(|h| h.id == f)
                });
                (*page, h)
            }
            _ => return None,
        },
        Spot::TocHref(_) | Spot::Include(_) => return None,
    };
    let anchor = heading.map(|h| site.pages[page].analysis.headings[h].id.as_str());
    let mut found = Vec::new();
    for (q, targets) in site.links.iter().enumerate() {
        for (n, target) in targets.iter().enumerate() {
            let Target::Page { page: to, fragment } = target else {
                continue;
            };
            if *to == page && (anchor.is_none() || fragment.as_deref() == anchor) {
                let link = &site.pages[q].analysis.links[n];
                found.extend(location(
                    session,
                    site,
                    &site.pages[q].file.rel,
                    Some(link.span),
                ));
            }
        }
    }
    if p.context.include_declaration {
        let span = heading.map(|h| site.pages[page].analysis.headings[h].span);
        found.extend(location(session, site, &site.pages[page].file.rel, span));
    }
    Some(found)
}
