//! Page rules: what one page shows wrong on its own, whatever the rest of the site is. The
//! loader runs them on each page as it is read (in parallel), and their findings are cached
//! with the page, so a page an editor did not touch is not checked again. Site rules
//! (`rules::run`) come after, over the whole site.

pub(crate) mod bare_urls;
pub(crate) mod indented_lists;
pub(crate) mod malformed_links;
pub(crate) mod metadata;
pub mod refresh;
pub(crate) mod table_cells;
pub(crate) mod tables;
pub(crate) mod tabs;
pub(crate) mod tasks;
pub mod text_language;
pub(crate) mod video;
pub(crate) mod zones;

use crate::config::Config;
use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;

/// Every page rule on `page`. Afterwards the page's table cells, which only these rules read,
/// are dropped.
pub fn check(config: &Config, page: &mut Page) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let file = &page.file;
    if file.text.trim().is_empty() {
        diags.push(Diagnostic::new(
            Code::EmptyPage,
            &file.rel,
            "the page is empty",
        ));
    }
    // A date field is read as `refresh::field_date` reads it: its own formats, then the
    // site's (`[playbook] date_formats`, DocFX's `M/D/Y` by default), then the language's.
    let local = config.date_formats_of(&page.languages());
    diags.extend(
        config
            .metadata
            .check(file, &page.front, config.today, &local),
    );
    diags.extend(tables::check(file, &page.analysis, page.body_start));
    diags.extend(tasks::check(config, page));
    diags.extend(refresh::check(config, page));
    page.dates.newest = refresh::newest(config, page);
    page.dates.changed = refresh::changed(config, page);
    diags.extend(malformed_links::check(file, &page.analysis));
    diags.extend(tabs::check(page));
    diags.extend(zones::check(page));
    diags.extend(video::check(page));
    diags.extend(bare_urls::check(page));
    diags.extend(indented_lists::check(page));
    unknown_alerts(config, page, &mut diags);
    diags.extend(
        page.conflicts
            .iter()
            .map(|&c| crate::conflicts::diagnostic(file, c)),
    );
    if config.highlight.enabled {
        not_highlighted(page, &mut diags);
    }
    label_typos(config, page, &mut diags);
    unknown_phase(config, page, &mut diags);
    diags.extend(text_language::check(config, page));
    page.analysis.tables = Vec::new();
    page.analysis.headings.shrink_to_fit();
    page.analysis.links.shrink_to_fit();
    diags
}

/// `> [!WORD]` quotes whose word is no alert kind.
fn unknown_alerts(config: &Config, page: &Page, diags: &mut Vec<Diagnostic>) {
    let file = &page.file;
    let alerts = &config.languages[page.locale.site].vocabulary.alerts;
    for &quote in &page.analysis.quotes {
        let Some(source) = file.text.get(quote.start..quote.end) else {
            continue;
        };
        let Some(word) = crate::markdown::alerts::unknown(source, alerts) else {
            continue;
        };
        let start = quote.start + source.find("[!").unwrap_or(0);
        let span = Span::new(start, start + word.len() + 3);
        diags.push(
            Diagnostic::new(
                Code::UnknownAlert,
                &file.rel,
                format!("`[!{word}]` is not an alert keyword: readers see it as text in a quote"),
            )
            .at(span, file.position(start))
            .help(format!(
                "write `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, or map the word in site.toml: `alerts = {{ \"{word}\" = \"note\" }}` under the language's `[languages.vocabulary]`"
            )),
        );
    }
}

/// Code blocks too large to highlight.
fn not_highlighted(page: &Page, diags: &mut Vec<Diagnostic>) {
    let file = &page.file;
    for &span in &page.analysis.unhighlighted {
        diags.push(
            Diagnostic::new(
                Code::CodeNotHighlighted,
                &file.rel,
                "this code block is too large to highlight; it is shown without colours",
            )
            .at(span, file.position(span.start))
            .help(format!(
                "blocks over {} KiB, or with a line over {} KiB, are not highlighted",
                crate::markdown::highlight::MAX_BLOCK / 1024,
                crate::markdown::highlight::MAX_LINE / 1024
            )),
        );
    }
}

/// Label lines one edit off a known label, read as that label (`playbook::labels`).
fn label_typos(config: &Config, page: &Page, diags: &mut Vec<Diagnostic>) {
    let file = &page.file;
    let language = &config.languages[page.written_in()].name;
    for typo in &page.playbook.label_typos {
        let written = &file.text[typo.span.start..typo.span.end];
        diags.push(
            Diagnostic::new(
                Code::UnknownLabel,
                &file.rel,
                format!("unknown label `{written}`; did you mean `{}`?", typo.meant),
            )
            .at(typo.span, file.position(typo.span.start))
            .help(format!(
                "the line is read as `{}`; if `{written}` is right, add it to the {language} vocabulary in site.toml",
                typo.meant
            ))
            .suggest(typo.meant.clone())
            .fixable(true),
        );
    }
}

/// A phase line naming no phase of the language's vocabulary.
fn unknown_phase(config: &Config, page: &Page, diags: &mut Vec<Diagnostic>) {
    let (Some(phase), None) = (&page.playbook.phase, &page.playbook.phase_id) else {
        return;
    };
    let file = &page.file;
    diags.push(
        Diagnostic::new(
            Code::UnknownPhase,
            &file.rel,
            format!("unknown phase `{}`", phase.value),
        )
        .at(phase.span, file.position(phase.span.start))
        .help(format!(
            "the {} vocabulary's `phases` in site.toml lists the known names",
            config.languages[page.written_in()].name
        )),
    );
}
