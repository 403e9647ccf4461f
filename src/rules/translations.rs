//! Translations against their source page (the default language's page of the same key):
//! the same FTOP tasks, the same phase, the same number of steps, and not older.

use crate::config::dates::Date;
use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::site::Site;
use crate::source::Span;
use std::collections::BTreeSet;

/// The page a translation is checked against: for a page of a language other than the
/// default that is written in its language, the default language's page of the same key.
pub fn source_of(site: &Site, page: usize) -> Option<usize> {
    let default = site.config.default_language_index();
    let p = &site.pages[page];
    let is_translation = p.locale.site != default && !p.is_copy();
    is_translation.then(|| site.translation(page, default))?
}

/// Whether the phases differ. A phase line naming no known phase is `unknown-phase`, on its
/// page: that is no difference here.
pub fn phase_differs(page: &Page, source: &Page) -> bool {
    let unknown = |p: &Page| p.playbook.phase.is_some() && p.playbook.phase_id.is_none();
    page.playbook.phase_id != source.playbook.phase_id && !unknown(page) && !unknown(source)
}

/// Whether the pages have a different number of steps.
pub fn steps_differ(page: &Page, source: &Page) -> bool {
    page.playbook.steps.len() != source.playbook.steps.len()
}

fn conflicted(page: &Page, source: &Page) -> bool {
    !page.conflicts.is_empty() || !source.conflicts.is_empty()
}

/// The source's last change a translation must follow, with its note, when it is newer than
/// the translation's newest date (also given).
pub fn stale<'p>(page: &Page, source: &'p Page) -> Option<(Date, Option<&'p str>, Date)> {
    let (theirs, what) = source.dates.changed.as_ref()?;
    let own = page.dates.newest?;
    (*theirs > own).then_some((*theirs, what.as_deref(), own))
}

pub fn check(site: &Site) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let pages = site.pages.par_iter().enumerate();
    pages
        .flat_map_iter(|(i, page)| check_page(site, i, page))
        .collect()
}

/// A page against its source, when it is a translation.
fn check_page(site: &Site, i: usize, page: &Page) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(source) = source_of(site, i).map(|s| &site.pages[s]) else {
        return out;
    };
    out.extend(tasks(page, source));
    let at_top = |code: Code, message: String| {
        let span = page.top_span();
        Diagnostic::new(code, &page.file.rel, message).at(span, page.file.position(span.start))
    };
    if phase_differs(page, source) {
        let name = |p: &Page| p.playbook.phase_id.clone().unwrap_or_else(|| "none".into());
        let vocab = &site.config.languages[page.written_in()].vocabulary;
        let line = source.playbook.phase_id.as_ref().and_then(|id| {
            let label = vocab.phase_labels.first()?;
            Some(format!("{label}: **{}**", vocab.phases.get(id)?.first()?))
        });
        let help = match line {
            Some(line) => format!("the source's phase in this language: `{line}`"),
            None if source.playbook.phase_id.is_none() => {
                "the source page has no known phase: fix its phase line, or this one".into()
            }
            None => "the vocabulary has no name for the source's phase in this language".into(),
        };
        out.push(
            at_top(
                Code::TranslationPhaseDiffers,
                format!(
                    "phase `{}` differs from `{}` in `{}`",
                    name(page),
                    name(source),
                    source.file.rel
                ),
            )
            .help(help)
            .related(&source.file, source.top_span(), "the source page's phase"),
        );
    }
    if let Some(d) = steps(page, source) {
        out.push(d);
    }
    if let Some((src, what, own)) = stale(page, source) {
        let date = crate::config::dates::iso;
        let change = what.map_or_else(String::new, |w| format!(" (“{w}”)"));
        let message = format!(
            "stale translation: `{}` changed on {}{change}, this page last on {}",
            source.file.rel,
            date(src),
            date(own)
        );
        out.push(
            at_top(Code::StaleTranslation, message)
                .related(&source.file, source.top_span(), "the source page")
                .help(format!("update the translation, then its refresh summary and `{}`; rows that change nothing to translate can be listed in the source language's `maintenance_rows`", site.config.metadata.date_field)),
        );
    }
    out
}

/// The FTOP task ids the source lists and the translation lacks, and those it lists that the
/// source does not; `None` when both list the same. A row glued onto another on one line
/// (`table-extra-cells` on its own page) still lists its task: neither page is told to drop
/// or add it. Nor while either page has an unresolved merge conflict (its rows are doubled or
/// its table cut by the markers: `merge-conflict` says so).
pub fn task_drift<'p>(page: &'p Page, source: &'p Page) -> Option<(Vec<&'p str>, Vec<&'p str>)> {
    let (a, b) = (&page.playbook.tasks, &source.playbook.tasks);
    if conflicted(page, source)
        || (a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.id == b.id))
    {
        return None;
    }
    let ids = |p: &'p Page| {
        p.playbook
            .tasks
            .iter()
            .filter(|t| !t.id.is_empty())
            .map(|t| t.id.as_str())
            .collect::<BTreeSet<&'p str>>()
    };
    let (mine, theirs) = (ids(page), ids(source));
    if mine == theirs {
        return None;
    }
    let missing: Vec<&str> = theirs
        .difference(&mine)
        .copied()
        .filter(|id| !glued(page, id))
        .collect();
    let extra: Vec<&str> = mine
        .difference(&theirs)
        .copied()
        .filter(|id| !glued(source, id))
        .collect();
    (!missing.is_empty() || !extra.is_empty()).then_some((missing, extra))
}

fn tasks(page: &Page, source: &Page) -> Option<Diagnostic> {
    let (missing, extra) = task_drift(page, source)?;
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("lacks {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        parts.push(format!("has {} that the source does not", extra.join(", ")));
    }
    let span = page
        .playbook
        .task_headers
        .first()
        .map_or(Span::new(page.body_start, page.body_start), |h| h.span);
    let message = format!(
        "FTOP tasks differ from `{}`: this page {}",
        source.file.rel,
        parts.join(" and ")
    );
    Some(
        Diagnostic::new(Code::TranslationTasksDiffer, &page.file.rel, message)
            .at(span, page.file.position(span.start))
            .help("a translation lists the same FTOP tasks as its source page: add or remove rows here, or update the source")
            .related(
                &source.file,
                source.playbook.task_headers.first().map_or(source.top_span(), |h| h.span),
                "the source page's tasks",
            ),
    )
}

/// Whether `id` is a cell of one of the page's task rows after the row's own id: a row
/// glued onto the end of another.
fn glued(page: &Page, id: &str) -> bool {
    page.playbook.tasks.iter().any(|t| {
        let line = page.file.position(t.span.start).line;
        let text = page.file.lines.line_text(&page.file.text, line);
        let cells = text.trim().trim_start_matches('|').split('|');
        cells.skip(1).any(|cell| cell.trim() == id)
    })
}

/// A translation with more or fewer steps than its source, the steps of both named.
fn steps(page: &Page, source: &Page) -> Option<Diagnostic> {
    if !steps_differ(page, source) {
        return None;
    }
    let (mine, theirs) = (&page.playbook.steps, &source.playbook.steps);
    let names = |steps: &[crate::playbook::Step]| {
        let mut named: Vec<String> = steps
            .iter()
            .take(6)
            .map(|s| format!("`{}`", s.title))
            .collect();
        if steps.len() > 6 {
            named.push(format!("{} more", steps.len() - 6));
        }
        if named.is_empty() {
            "none".to_string()
        } else {
            named.join(", ")
        }
    };
    let message = format!(
        "{} step(s), but `{}` has {}: here {}; there {}",
        mine.len(),
        source.file.rel,
        theirs.len(),
        names(mine),
        names(theirs)
    );
    // Steps pair by meaning, not by position (one step missing shifts all the others), so
    // no step is blamed: both lists are named, for the translator to compare.
    let span = page.top_span();
    let help = if mine.len() > theirs.len() {
        "remove the steps the source does not have, or add them to the source if the translation is right"
    } else {
        "translate the steps the source has and this page lacks, or update the source if the translation is right"
    };
    Some(
        Diagnostic::new(Code::TranslationStepsDiffer, &page.file.rel, message)
            .at(span, page.file.position(span.start))
            .help(help)
            .related(&source.file, source.top_span(), "the source page"),
    )
}
