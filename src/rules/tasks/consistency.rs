//! The same task id told differently on two pages of one language. Values are compared
//! normalized (case, spaces, dashes, a trailing period; M/O codes by meaning; roles through
//! the language's `role_aliases`), and the page at fault is the one against the others: for a
//! name or code, the majority of the task's pages; for a role, the language's house style (the
//! role most task rows write). One finding per task and page, on the cell that differs, naming
//! the pages that agree. With no majority (two pages, two values), the later page is blamed.
//! Untranslated copies take no part: their source speaks for them.

use crate::config::{matches_any, normalize, Vocabulary};
use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::playbook::Task;
use crate::rules::page::tasks::{at, ID, MANDATORY, NAME, ROLE};
use crate::site::Site;
use std::collections::BTreeMap;

/// The fields compared, with their table column.
const FIELDS: [(&str, usize); 3] = [("name", NAME), ("role", ROLE), ("M/O", MANDATORY)];

pub fn check(site: &Site) -> Vec<Diagnostic> {
    // (language, id) -> every page's first row for it, in path order.
    let mut by_task: BTreeMap<(usize, &str), Vec<(&Page, &Task)>> = BTreeMap::new();
    // An untranslated copy (an English page in the Spanish folder) repeats its source: it
    // would vote twice for the source's wording.
    let own = site.pages.iter().filter(|p| !p.is_copy());
    for page in own {
        for task in page.playbook.tasks.iter().filter(|t| !t.id.is_empty()) {
            let rows = by_task.entry((page.written_in(), &task.id)).or_default();
            if !rows.iter().any(|(p, _)| std::ptr::eq(*p, page)) {
                rows.push((page, task));
            }
        }
    }
    // How many task rows of the language write each role: the house style that a garbled
    // role on a page or two (`FE は`) does not outvote.
    let mut usage: BTreeMap<(usize, &str, String), usize> = BTreeMap::new();
    for ((lang, _), rows) in &by_task {
        let vocab = &site.config.languages[*lang].vocabulary;
        for (_, task) in rows {
            for field in ["role", "M/O"] {
                *usage
                    .entry((*lang, field, key(vocab, field, task)))
                    .or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for ((lang, _), rows) in by_task.iter().filter(|(_, rows)| rows.len() > 1) {
        let vocab = &site.config.languages[*lang].vocabulary;
        let used = |field: &str, k: &str| {
            usage
                .get(&(*lang, field, k.to_string()))
                .copied()
                .unwrap_or(0)
        };
        out.extend(blame(rows, vocab, &used));
    }
    out
}

/// A field's value for comparison.
fn key(vocab: &Vocabulary, field: &str, task: &Task) -> String {
    let value = match field {
        "name" => &task.name,
        "role" => &task.role,
        _ => &task.mandatory,
    };
    match field {
        "M/O" if matches_any(value, &vocab.mandatory_codes) => return "mandatory".into(),
        "M/O" if matches_any(value, &vocab.optional_codes) => return "optional".into(),
        "role" => {
            if let Some(meant) = vocab
                .role_aliases
                .iter()
                .find(|(alias, _)| normalize(alias) == normalize(value))
            {
                return fold(meant.1);
            }
        }
        _ => {}
    }
    fold(value)
}

/// Case, runs of space, dash variants, space around `-` and `/`, a trailing period.
fn fold(value: &str) -> String {
    let text: String = normalize(value)
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    text.replace(" - ", "-")
        .replace(" / ", "/")
        .trim_end_matches('.')
        .to_string()
}

fn blame(
    rows: &[(&Page, &Task)],
    vocab: &Vocabulary,
    used: &dyn Fn(&str, &str) -> usize,
) -> Vec<Diagnostic> {
    // Per row: the fields where it departs from the majority, with what the majority writes
    // and on which pages.
    let mut findings: Vec<Vec<(usize, String)>> = vec![Vec::new(); rows.len()];
    let mut column: Vec<Option<usize>> = vec![None; rows.len()];
    let mut agree: Vec<Vec<&str>> = vec![Vec::new(); rows.len()];
    for (field, col) in FIELDS {
        let keys: Vec<String> = rows.iter().map(|(_, t)| key(vocab, field, t)).collect();
        // A name or code: the one most of the task's pages write. A role: the one most task
        // rows of the language write. On a tie, the first page's.
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            match counts.iter_mut().find(|(v, _, _)| v == k) {
                Some(c) => c.1 += 1,
                None => counts.push((k, 1, i)),
            }
        }
        let weight = |(v, pages, _): &(&str, usize, usize)| match field {
            "role" => (used(field, v), *pages),
            _ => (*pages, 0),
        };
        let Some(&(winner, _, first)) = counts
            .iter()
            .max_by_key(|c| (weight(c), std::cmp::Reverse(c.2)))
        else {
            continue;
        };
        for (i, k) in keys.iter().enumerate() {
            if k == winner {
                continue;
            }
            let (_, task) = rows[first];
            let written = match field {
                "name" => &task.name,
                "role" => &task.role,
                _ => &task.mandatory,
            };
            findings[i].push((col, format!("{field} `{written}`")));
            column[i].get_or_insert(col);
            for (j, kj) in keys.iter().enumerate() {
                if kj == winner && !agree[i].contains(&rows[j].0.file.rel.as_str()) {
                    agree[i].push(&rows[j].0.file.rel);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, (page, task)) in rows.iter().enumerate() {
        if findings[i].is_empty() {
            continue;
        }
        let wanted: Vec<&str> = findings[i].iter().map(|(_, w)| w.as_str()).collect();
        let pages = &agree[i];
        let shown: Vec<String> = pages.iter().take(3).map(|p| format!("`{p}`")).collect();
        let more = match pages.len().saturating_sub(3) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let who = match pages.len() {
            1 => format!("the other page, {}, has", shown.join("")),
            n => format!("{n} other pages ({}{more}) have", shown.join(", ")),
        };
        let message = format!(
            "task `{}` is told differently here: {who} {}",
            task.id,
            wanted.join(", ")
        );
        let mut d = at(page, task, column[i].unwrap_or(ID), Code::InconsistentTask, message).help(
            "write the task as the other pages do, or change them all; a short form of a role can be declared in `role_aliases`",
        );
        for rel in pages.iter().take(3) {
            if let Some((other, row)) = rows.iter().find(|(p, _)| p.file.rel == *rel) {
                d = d.related(&other.file, row.span, "written this way here");
            }
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn dashes_spaces_and_a_final_period_do_not_count() {
        assert_eq!(
            fold("Exchange – Email Migration."),
            fold("exchange - email  migration")
        );
        assert_eq!(fold("Office 365 / Windows"), fold("Office 365/Windows"));
        assert_ne!(fold("Office ProPlus"), fold("Microsoft 365 Apps"));
    }
}
