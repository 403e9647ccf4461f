//! Tables in the body: each in a scroll region a keyboard can reach and a screen reader can
//! name, and the anchors of FTOP task rows.

use super::{BodyRenderer, State};
use crate::markdown::highlight::escape;
use crate::playbook::task_anchor;
use crate::render::ui;
use pulldown_cmark::{Alignment, Event};

impl BodyRenderer<'_> {
    pub(super) fn open_table<'e>(
        &self,
        doc: &super::Doc,
        event: Event<'e>,
        st: &mut State<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        let pb = &doc.src.playbook;
        let index = st.tables;
        st.tables += 1;
        st.row = None;
        let task = pb.task_tables.contains(&index);
        st.labels.clear();
        st.aligns = match &event {
            Event::Start(pulldown_cmark::Tag::Table(aligns)) if task => aligns.clone(),
            _ => Vec::new(),
        };
        if task {
            st.task_table = Some(
                pb.tasks
                    .iter()
                    .filter(|t| t.table == index)
                    .map(|t| t.id.clone())
                    .collect(),
            );
        }
        // A table wider than the column scrolls inside a region that a keyboard can reach
        // (focusable, named after the heading above it).
        let heading = st
            .headings
            .checked_sub(1)
            .and_then(|i| doc.src.analysis.headings.get(i))
            .map(|h| h.text.as_str());
        let name = match heading {
            Some(h) => format!("{} {}: {h}", ui::get(self.language, "table"), index + 1),
            None => format!("{} {}", ui::get(self.language, "table"), index + 1),
        };
        let class = if task {
            "table-wrap ftop-tasks"
        } else {
            "table-wrap"
        };
        out.push(Event::Html(
            format!(
                "<div class=\"{class}\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                escape(&name)
            )
            .into(),
        ));
        out.push(event);
    }

    /// A cell: a task table's header cell is remembered as a label, and its body cells are
    /// written here with that label (`<td data-label="Role">`), the alignment kept.
    pub(super) fn open_cell<'e>(
        &self,
        event: Event<'e>,
        st: &mut State<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        if st.task_table.is_none() {
            return out.push(event);
        }
        if st.in_head {
            st.labels.push(String::new());
            return out.push(event);
        }
        let column = st.cell.saturating_sub(1);
        let label = st.labels.get(column).map(|l| l.trim()).unwrap_or_default();
        let align = match st.aligns.get(column) {
            Some(Alignment::Left) => " style=\"text-align: left\"",
            Some(Alignment::Center) => " style=\"text-align: center\"",
            Some(Alignment::Right) => " style=\"text-align: right\"",
            _ => "",
        };
        out.push(Event::Html(
            format!("<td data-label=\"{}\"{align}>", escape(label)).into(),
        ));
    }

    /// The anchor for the first cell of a task-table body row, unless already used on the page.
    pub(super) fn task_cell_id(&self, st: &mut State) -> Option<String> {
        if st.in_head || st.cell != 1 {
            return None;
        }
        let ids = st.task_table.as_ref()?;
        let id = ids.get(st.row?)?;
        if id.is_empty() {
            return None;
        }
        let anchor = task_anchor(id);
        st.used_ids.insert(anchor.clone()).then_some(anchor)
    }
}
