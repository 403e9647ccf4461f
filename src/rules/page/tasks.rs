//! A page's FTOP task tables on their own: the header is one of the language's variants, task
//! ids match `[playbook] task_id_pattern`, M/O codes, roles and services are the language's,
//! and no id is listed twice.

use crate::config::{matches_any, Config, Vocabulary};
use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::paths::closest;
use crate::playbook::Task;
use crate::rules::page::table_cells::{cell_span, count_cells};
use crate::source::Span;
use regex::Regex;
use std::collections::HashMap;

/// Column of each field in a task table.
pub(crate) const ID: usize = 0;
pub(crate) const NAME: usize = 1;
pub(crate) const MANDATORY: usize = 2;
pub(crate) const ROLE: usize = 3;
pub(crate) const SERVICES: usize = 4;

/// The task-table rules of one page: headers, ids, M/O codes, roles, services, duplicates.
pub fn check(config: &Config, page: &Page) -> Vec<Diagnostic> {
    let pattern = config.playbook.task_id_regex.as_ref();
    let merged;
    let vocab = match page.languages()[..] {
        [one] => &config.languages[one].vocabulary,
        ref several => {
            merged = merge(several.iter().map(|&l| &config.languages[l].vocabulary));
            &merged
        }
    };
    let mut out: Vec<Diagnostic> = headers(page, vocab).collect();
    let mut seen = HashMap::new();
    for task in &page.playbook.tasks {
        // A row wider or narrower than its header is one fault, reported by the table rule
        // (`tables::check`); its shifted cells are not checked one by one as well.
        if !fits_header(page, task) {
            continue;
        }
        out.extend(task_rules(page, vocab, pattern, task));
        if task.id.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(task.id.as_str(), task.span) {
            out.push(duplicate(page, task, first));
        }
    }
    out
}

/// The words of a page read in two languages (its text's and its name's): a header, code,
/// role or service of either is right (and a list one leaves empty, meaning any, stays empty).
fn merge<'v>(mut vocabs: impl Iterator<Item = &'v Vocabulary>) -> Vocabulary {
    let mut out = vocabs.next().cloned().unwrap_or_default();
    for v in vocabs {
        let add = |to: &mut Vec<String>, from: &[String]| {
            if to.is_empty() || from.is_empty() {
                to.clear();
            } else {
                to.extend(
                    from.iter()
                        .filter(|w| !to.contains(w))
                        .cloned()
                        .collect::<Vec<_>>(),
                )
            }
        };
        add(&mut out.task_id_headers, &v.task_id_headers);
        add(&mut out.mandatory_codes, &v.mandatory_codes);
        add(&mut out.optional_codes, &v.optional_codes);
        add(&mut out.roles, &v.roles);
        add(&mut out.services, &v.services);
        for (alias, meant) in &v.service_aliases {
            out.service_aliases
                .entry(alias.clone())
                .or_insert_with(|| meant.clone());
        }
    }
    out
}

/// The task's row has as many cells as its table's header, counted on the source lines.
fn fits_header(page: &Page, task: &Task) -> bool {
    let Some(table) = page.analysis.tables.get(task.table) else {
        return true; // tables already dropped: nothing to compare with
    };
    let line_of = |offset: usize| {
        let line = page.file.position(offset).line;
        page.file.lines.line_text(&page.file.text, line)
    };
    count_cells(line_of(task.span.start)) == count_cells(line_of(table.span.start))
}

fn duplicate(page: &Page, task: &Task, first: Span) -> Diagnostic {
    let line = page.file.position(first.start).line;
    at(
        page,
        task,
        ID,
        Code::DuplicateTaskId,
        format!(
            "task `{}` is listed twice on this page (first on line {line})",
            task.id
        ),
    )
    .help("remove one of the two rows, or give this one the id it was meant to have")
    .related(&page.file, first, "the first row")
}

pub(crate) fn at(
    page: &Page,
    task: &Task,
    column: usize,
    code: Code,
    message: String,
) -> Diagnostic {
    let span = cell_span(&page.file, task.span.start, column);
    Diagnostic::new(code, &page.file.rel, message).at(span, page.file.position(span.start))
}

fn headers<'p>(page: &'p Page, vocab: &'p Vocabulary) -> impl Iterator<Item = Diagnostic> + 'p {
    page.playbook
        .task_headers
        .iter()
        .filter(|_| !vocab.task_id_headers.is_empty())
        .filter_map(move |header| {
            if matches_any(&header.value, &vocab.task_id_headers) {
                return None;
            }
            let d = Diagnostic::new(
                Code::TaskTableHeader,
                &page.file.rel,
                format!(
                    "task table header `{}` is not one of this language's variants",
                    header.value
                ),
            )
            .at(header.span, page.file.position(header.span.start));
            let names = vocab.task_id_headers.iter().map(String::as_str);
            Some(match closest(&header.value, names) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!("known: {}", vocab.task_id_headers.join(", "))),
            })
        })
}

fn task_rules(
    page: &Page,
    vocab: &Vocabulary,
    pattern: Option<&Regex>,
    task: &Task,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if task.id.is_empty() {
        out.push(
            at(page, task, ID, Code::InvalidTaskId, "empty task id".into())
                .help("every task row starts with its FTOP task id"),
        );
    } else if pattern.is_some_and(|re| !re.is_match(&task.id)) {
        let conflict = ["<<<<<<<", "=======", ">>>>>>>"]
            .iter()
            .any(|m| task.id.starts_with(m));
        let help = if conflict {
            "this is a merge-conflict marker: resolve the conflict and keep one version of the rows"
        } else {
            "`[playbook] task_id_pattern` in site.toml says what a task id looks like"
        };
        out.push(
            at(
                page,
                task,
                ID,
                Code::InvalidTaskId,
                format!(
                    "task id `{}` does not match `{}`",
                    task.id,
                    page_pattern(pattern)
                ),
            )
            .help(help),
        );
    }
    if task.id_linked {
        out.push(
            at(
                page,
                task,
                ID,
                Code::LinkedTaskId,
                format!("task id `{}` is wrapped in a link", task.id),
            )
            .help("write the id as plain text; link from the task name if needed"),
        );
    }
    let mut codes = vocab.mandatory_codes.iter().chain(&vocab.optional_codes);
    let code = task.mandatory.trim();
    if codes.clone().next().is_some() && !task.mandatory.is_empty() && !codes.any(|c| c == code) {
        let codes: Vec<&str> = vocab
            .mandatory_codes
            .iter()
            .chain(&vocab.optional_codes)
            .map(String::as_str)
            .collect();
        let d = at(
            page,
            task,
            MANDATORY,
            Code::InvalidMandatoryCode,
            format!(
                "`{}` is not one of this language's M/O codes",
                task.mandatory
            ),
        );
        out.push(d.help(format!("use one of: {}", codes.join(", "))));
    }
    if !vocab.roles.is_empty() && !task.role.is_empty() && !matches_any(&task.role, &vocab.roles) {
        let d = at(
            page,
            task,
            ROLE,
            Code::UnknownRole,
            format!("role `{}` is not in this language's `roles`", task.role),
        );
        out.push(
            match closest(&task.role, vocab.roles.iter().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d,
            },
        );
    }
    if !vocab.services.is_empty() {
        for service in task
            .services
            .iter()
            .filter(|s| !matches_any(s, &vocab.services) && !is_alias(s, &vocab.service_aliases))
        {
            let d = at(
                page,
                task,
                SERVICES,
                Code::UnknownService,
                format!("service `{service}` is not in this language's `services`"),
            );
            out.push(
                match closest(service, vocab.services.iter().map(String::as_str)) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d,
                },
            );
        }
    }
    out
}

/// A short or misspelt form the vocabulary declares (`service_aliases`).
fn is_alias(text: &str, aliases: &std::collections::BTreeMap<String, String>) -> bool {
    let text = crate::config::normalize(text);
    aliases.keys().any(|a| crate::config::normalize(a) == text)
}

fn page_pattern(pattern: Option<&Regex>) -> String {
    pattern.map_or_else(String::new, |re| {
        re.as_str()
            .trim_start_matches("^(?:")
            .trim_end_matches(")$")
            .to_string()
    })
}
