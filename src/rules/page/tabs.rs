//! DocFX tab groups: one left open so that it swallows the sections after it, and dependent
//! tabs (`#tab/id/condition`) whose condition no other group of the page offers, so they never
//! show.

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::analyze::Heading;
use crate::markdown::tabs::TabGroup;

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let groups = &page.analysis.tab_groups;
    let mut diags: Vec<Diagnostic> = groups.iter().filter_map(|g| unclosed(page, g)).collect();
    for (k, group) in groups.iter().enumerate() {
        for (tab, span) in &group.tabs {
            if tab.condition.is_empty() || offered(groups, k, &tab.condition) {
                continue;
            }
            let message = format!(
                "the tab `{}` shows only while a tab `{}` is chosen, and no other tab group of the page has one: readers never see it",
                tab.id, tab.condition
            );
            let file = &page.file;
            diags.push(
                Diagnostic::new(Code::TabConditionUnknown, &file.rel, message)
                    .at(*span, file.position(span.start))
                    .help("a condition names a tab id of another group on the page (`#tab/linux` for `#tab/dotnet/linux`)"),
            );
        }
    }
    diags
}

/// Whether a group other than `k` has a tab `id`.
fn offered(groups: &[TabGroup], k: usize, id: &str) -> bool {
    let other = groups.iter().enumerate().filter(|(i, _)| *i != k);
    other
        .flat_map(|(_, g)| &g.tabs)
        .any(|(t, _)| t.id.split('+').any(|i| i == id))
}

/// A group without `---` whose last tab holds a heading that none of its other tabs has the
/// like of (as high or higher): most likely the section after the group, swallowed into it.
fn unclosed(page: &Page, group: &TabGroup) -> Option<Diagnostic> {
    if group.closed {
        return None;
    }
    let (last, last_span) = group.tabs.last()?;
    let inside = |from: usize, to: usize| {
        let h = page.analysis.headings.iter();
        h.filter(move |h| h.span.start >= from && h.span.start < to)
    };
    let first = group.tabs.first()?.1.start;
    let others = inside(first, last_span.start).map(|h| h.level).min();
    let swallowed: &Heading =
        inside(last_span.end, group.end).find(|h| others.is_none_or(|top| h.level <= top))?;
    let file = &page.file;
    let line = file.position(first).line;
    Some(
        Diagnostic::new(
            Code::TabGroupUnclosed,
            &file.rel,
            format!(
                "the tab group that starts at line {line} has no closing `---`, so the heading `{}` and all that follows it are inside the tab `{}`",
                swallowed.text, last.id
            ),
        )
        .at(swallowed.span, file.position(swallowed.span.start))
        .help("end the tab group with a line `---` (a blank line above it) before this heading"),
    )
}
