//! The playbook's structure as typed data with source positions: the phase line, each step's
//! role / motions / applies-to lines, FTOP task tables and the refresh-summary table. The words
//! come from the languages' vocabularies in site.toml.

mod labels;

use crate::config::{matches_any, normalize, Config, Vocabulary};
use crate::markdown::analyze::{Analysis, Cell, Table};
use crate::source::Span;
use serde::Serialize;

/// A `Label: **value**` line's value and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labeled {
    pub value: String,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Step {
    pub title: String,
    /// The step heading's anchor.
    pub anchor: String,
    pub role: Option<Labeled>,
    pub motions: Option<Labeled>,
    pub applies_to: Option<Labeled>,
    #[serde(skip)]
    pub heading_start: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub id: String,
    /// `task_anchor(id)`: the row's `id` in the rendered page, what a `#fragment` names.
    #[serde(skip)]
    pub anchor: String,
    pub name: String,
    pub mandatory: String,
    pub role: String,
    pub services: Vec<String>,
    /// The id cell is wrapped in a link.
    pub id_linked: bool,
    #[serde(skip)]
    pub span: Span,
    /// Index into `Playbook::tables` of the table the task is in.
    #[serde(skip)]
    pub table: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RefreshRow {
    pub date: String,
    pub who: String,
    pub what: String,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Playbook {
    pub phase: Option<Labeled>,
    /// The phase's id from the site's `phases`, when the vocabulary knows the name.
    pub phase_id: Option<String>,
    pub steps: Vec<Step>,
    pub tasks: Vec<Task>,
    /// Indexes into `Analysis::tables` of the FTOP task tables, in page order.
    pub task_tables: Vec<usize>,
    /// The first header cell of each task table (same order as `task_tables`).
    pub task_headers: Vec<Labeled>,
    pub refresh: Vec<RefreshRow>,
    /// Label lines whose label is a near miss of a known one (`Aplica a`), read as that one.
    pub label_typos: Vec<LabelTypo>,
}

/// A label written slightly off: where, and the vocabulary's label it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelTypo {
    pub span: Span,
    pub meant: String,
}

/// The vocabularies that apply to a page: its own language's first, then its site's.
pub struct Words<'c> {
    pub vocab: Vec<&'c Vocabulary>,
    pub config: &'c Config,
}

impl Words<'_> {
    fn any(&self, pick: impl Fn(&Vocabulary) -> &Vec<String>, text: &str) -> bool {
        self.vocab.iter().any(|v| matches_any(text, pick(v)))
    }

    /// Phase id for a phase name: the page's vocabularies first, then every language's.
    pub fn phase_id(&self, name: &str) -> Option<String> {
        let all = self.config.languages.iter().map(|l| &l.vocabulary);
        self.vocab.iter().copied().chain(all).find_map(|v| {
            v.phases
                .iter()
                .find(|(_, names)| matches_any(name, names))
                .map(|(id, _)| id.clone())
        })
    }

    fn is_task_header(&self, text: &str) -> bool {
        self.config
            .languages
            .iter()
            .any(|l| matches_any(text, &l.vocabulary.task_id_headers))
    }
}

pub fn extract(text: &str, analysis: &Analysis, body_start: usize, words: &Words) -> Playbook {
    let mut pb = Playbook::default();
    labels::scan(text, analysis, body_start, words, &mut pb);
    for (index, table) in analysis.tables.iter().enumerate() {
        let Some(first) = table.header.first() else {
            continue;
        };
        if words.is_task_header(&first.text) {
            pb.task_tables.push(index);
            pb.task_headers.push(Labeled {
                value: first.text.clone(),
                span: first.span,
            });
            pb.tasks.extend(table.rows.iter().filter_map(|row| {
                // `|| 3999 | ...`: an empty first cell shifts the row one column right
                // (reported by the table rule); the task is read where it is.
                let shifted = text
                    .get(row.span.start..)
                    .is_some_and(|r| r.trim_start().starts_with("||"));
                let cells = match &row.cells[..] {
                    [first, rest @ ..] if shifted && first.text.trim().is_empty() => rest,
                    all => all,
                };
                task(cells, row.span, index)
            }));
        }
    }
    pb.refresh = refresh_rows(analysis, words);
    pb
}

fn cell_text(cells: &[Cell], i: usize) -> String {
    cells.get(i).map(|c| c.text.clone()).unwrap_or_default()
}

fn task(cells: &[Cell], span: Span, table: usize) -> Option<Task> {
    let id_cell = cells.first()?;
    if crate::conflicts::is_marker(&id_cell.text) {
        return None; // a merge-conflict marker inside the table, reported as such
    }
    let services = cell_text(cells, 4)
        .split(['/', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let id = id_cell.text.trim().to_string();
    Some(Task {
        anchor: task_anchor(&id),
        id,
        name: cell_text(cells, 1),
        mandatory: cell_text(cells, 2),
        role: cell_text(cells, 3),
        services,
        id_linked: id_cell.linked,
        span,
        table,
    })
}

/// The rows of the first table after a refresh-summary heading, before the next heading.
fn refresh_rows(analysis: &Analysis, words: &Words) -> Vec<RefreshRow> {
    let Some(pos) = analysis
        .headings
        .iter()
        .position(|h| words.any(|v| &v.refresh_headings, &h.text))
    else {
        return Vec::new();
    };
    let start = analysis.headings[pos].span.end;
    let end = analysis
        .headings
        .get(pos + 1)
        .map_or(usize::MAX, |h| h.span.start);
    let table: Option<&Table> = analysis
        .tables
        .iter()
        .find(|t| t.span.start >= start && t.span.start < end);
    table.map_or_else(Vec::new, |t| {
        t.rows
            .iter()
            .map(|r| RefreshRow {
                date: cell_text(&r.cells, 0),
                who: cell_text(&r.cells, 1),
                what: cell_text(&r.cells, 2),
                span: r.span,
            })
            .collect()
    })
}

/// An anchor for a task id that is safe in HTML ids and URLs.
pub fn task_anchor(id: &str) -> String {
    format!("task-{}", crate::slug::slugify(&normalize(id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::analyze::analyze;
    use std::path::Path;

    fn config() -> Config {
        let text = r#"
title = "t"
default_language = "es"
phases = ["success"]
[[languages]]
code = "es"
name = "Español"
[languages.vocabulary]
phase_labels = ["Fase"]
role_labels = ["Rol principal"]
applies_to_labels = ["Aplicar a"]
task_id_headers = ["Id. de tarea"]
refresh_headings = ["Resumen de actualización"]
phases = { success = ["Éxito"] }
"#;
        Config::parse(text, Path::new("site.toml")).unwrap()
    }

    const PAGE: &str = "# T\n\nFase: **Éxito**  \n\n### Paso uno\n\nRol principal: **Administrador**  \nAplicar a: **Todos los servicios**\n\n#### Tareas de FTOP\n\n| Id. de Tarea | Nombre | M/O | Rol | Servicios |\n|---|---|---|---|---|\n| 3735 | Revisar | M | Admin | Teams / SharePoint |\n\n## Resumen de actualización\n\n| Fecha | Quién | Qué |\n|---|---|---|\n| 03/26/2020 | Celia | Mantenimiento |\n";

    #[test]
    fn extracts_phase_steps_tasks_and_refresh() {
        let c = config();
        let words = Words {
            vocab: vec![&c.languages[0].vocabulary],
            config: &c,
        };
        let a = analyze(PAGE, 0);
        let pb = extract(PAGE, &a, 0, &words);
        assert_eq!(pb.phase.as_ref().unwrap().value, "Éxito");
        assert_eq!(pb.phase_id.as_deref(), Some("success"));
        assert_eq!(pb.steps.len(), 1);
        assert_eq!(pb.steps[0].title, "Paso uno");
        assert_eq!(pb.steps[0].role.as_ref().unwrap().value, "Administrador");
        let span = pb.steps[0].applies_to.as_ref().unwrap().span;
        assert_eq!(&PAGE[span.start..span.end], "Todos los servicios");
        assert_eq!(pb.tasks.len(), 1);
        assert_eq!(pb.tasks[0].id, "3735");
        assert_eq!(pb.tasks[0].services, ["Teams", "SharePoint"]);
        assert_eq!(pb.refresh.len(), 1);
        assert_eq!(pb.refresh[0].date, "03/26/2020");
    }

    #[test]
    fn labels_inside_code_blocks_are_ignored() {
        let c = config();
        let words = Words {
            vocab: vec![&c.languages[0].vocabulary],
            config: &c,
        };
        let page = "```\nFase: **Éxito**\n```\n";
        let pb = extract(page, &analyze(page, 0), 0, &words);
        assert!(pb.phase.is_none());
    }

    #[test]
    fn task_anchors_are_url_safe() {
        assert_eq!(task_anchor(" 3735 "), "task-3735");
        assert_eq!(task_anchor("ONE-001"), "task-one-001");
    }
}
