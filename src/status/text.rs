//! `cuaderno status` for a terminal: one line per language, then per language the pages to
//! act on, each with what to do (and, with `--git`, the source's diff since).

use super::{Row, Status};
use std::fmt::Write;

pub fn render(status: &Status) -> String {
    let mut out = format!(
        "Translation status (source language: {})\n\n",
        status.source_language
    );
    let name = |l: &super::Coverage| format!("{} ({})", l.name, l.code);
    let width = (status.languages.iter())
        .map(|l| name(l).chars().count())
        .max()
        .unwrap_or(0)
        .max("language".len());
    let _ = writeln!(
        out,
        "{:<width$} {:>6} {:>11} {:>7} {:>8} {:>6} {:>7}",
        "language", "pages", "translated", "copies", "missing", "stale", "differ"
    );
    for l in &status.languages {
        let name = name(l);
        let differ = l.tasks_differ + l.steps_differ + l.phase_differs;
        let _ = writeln!(
            out,
            "{name:<width$} {:>6} {:>10}% {:>7} {:>8} {:>6} {:>7}",
            l.pages,
            l.percent,
            l.untranslated + l.other_language,
            l.missing,
            l.stale,
            differ
        );
    }
    for l in &status.languages {
        let rows: Vec<&Row> = (status.pages.iter())
            .filter(|r| r.language == l.code)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n{} ({}): {} page(s) to act on\n",
            l.name,
            l.code,
            rows.len()
        );
        for row in rows {
            row_lines(&mut out, row);
        }
    }
    if status.pages.is_empty() {
        out.push_str("\nNothing to do: every page is translated and up to date.\n");
    }
    out
}

fn row_lines(out: &mut String, row: &Row) {
    let path = |p: &Option<super::PageRef>| p.as_ref().map_or("", |p| p.path.as_str()).to_string();
    let (page, source) = (path(&row.page), path(&row.source));
    let states = row.states.join(", ");
    match row.page {
        Some(_) => {
            let _ = writeln!(out, "  {states:<14} {page}  (source: {source})");
        }
        None => {
            let _ = writeln!(out, "  {states:<14} {source} has no page in this language");
        }
    }
    let indent = " ".repeat(17);
    if let Some(stale) = &row.stale {
        let _ = writeln!(
            out,
            "{indent}translated {}, the source changed {}",
            stale.date, stale.source_date
        );
        for c in &stale.changes {
            let _ = writeln!(out, "{indent}  {} {}", c.date, c.what);
        }
    }
    if !row.tasks_missing.is_empty() {
        let _ = writeln!(out, "{indent}lacks tasks {}", row.tasks_missing.join(", "));
    }
    if !row.tasks_extra.is_empty() {
        let _ = writeln!(
            out,
            "{indent}tasks the source lacks: {}",
            row.tasks_extra.join(", ")
        );
    }
    if let Some([mine, theirs]) = row.steps {
        let _ = writeln!(out, "{indent}{mine} step(s), the source {theirs}");
    }
    if let Some([mine, theirs]) = &row.phase {
        let name = |p: &Option<String>| p.clone().unwrap_or_else(|| "none".into());
        let _ = writeln!(
            out,
            "{indent}phase {}, the source {}",
            name(mine),
            name(theirs)
        );
    }
    if let Some(diff) = &row.source_diff {
        if diff.since.is_empty() {
            let _ = writeln!(out, "{indent}(the translation is not committed: no diff)");
        } else if diff.diff.is_empty() {
            let _ = writeln!(
                out,
                "{indent}the source has not changed in git since {} ({})",
                diff.since, diff.since_date
            );
        } else {
            let _ = writeln!(
                out,
                "{indent}the source since the translation's last commit {} ({}):",
                diff.since, diff.since_date
            );
            for line in diff.diff.lines() {
                let _ = writeln!(out, "{indent}  {line}");
            }
            if diff.more_lines > 0 {
                let _ = writeln!(out, "{indent}  … {} more line(s)", diff.more_lines);
            }
        }
    }
}
