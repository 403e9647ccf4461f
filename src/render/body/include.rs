//! An include written into the page at its marker: the included file rendered as a document
//! of its own (its links resolved from where it is written, its URLs relative to the page).
//! A directive that names nothing readable, leads back into its own chain or nests too deep
//! is left out for readers (`rules::includes` reports it) and marked in `serve`.

use super::{BodyRenderer, Doc, State};
use crate::markdown::highlight::escape;
use crate::markdown::include::BLOCK;
use pulldown_cmark::Event;

impl BodyRenderer<'_> {
    pub(super) fn include<'e>(
        &self,
        doc: &Doc,
        marker: &str,
        st: &mut State<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        let index = st.includes;
        st.includes += 1;
        let block = marker == BLOCK;
        let Some(inc) = doc.src.analysis.includes.get(index) else {
            return;
        };
        let includes = &self.site.includes;
        let file = includes.inserted_at(&doc.src.file.rel, &inc.path, &doc.stack);
        let Some(file) = file else {
            return self.unresolved(&inc.path, block, out);
        };
        let mut stack = doc.stack.clone();
        stack.push(file);
        let inner = Doc {
            src: &includes.files[file],
            links: includes.links.get(file).map_or(&[][..], Vec::as_slice),
            page: doc.page,
            stack,
            included_ids: doc.included_ids,
            next_id: doc.next_id,
        };
        let html = self.render_doc(inner);
        out.push(match block {
            true => Event::Html(html.into()),
            false => Event::InlineHtml(inline(&html).to_string().into()),
        });
    }

    /// An include that cannot be inserted: nothing for readers, a red mark in `serve`.
    fn unresolved<'e>(&self, path: &str, block: bool, out: &mut Vec<Event<'e>>) {
        if !self.site.config.preview {
            return;
        }
        let title = escape(&format!("include not inserted: {path}"));
        let mark = format!("<span class=\"broken-include\" title=\"{title}\">{title}</span>");
        out.push(match block {
            true => Event::Html(format!("<p>{mark}</p>\n").into()),
            false => Event::InlineHtml(mark.into()),
        });
    }
}

/// An inline include's HTML without the paragraph around it (DocFX inserts its text in the line).
fn inline(html: &str) -> &str {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner,
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn an_inline_include_loses_its_one_paragraph() {
        assert_eq!(
            inline("<p>Hola <em>mundo</em></p>\n"),
            "Hola <em>mundo</em>"
        );
        assert_eq!(inline("<p>a</p>\n<p>b</p>\n"), "<p>a</p>\n<p>b</p>");
        assert_eq!(inline("<ul><li>x</li></ul>\n"), "<ul><li>x</li></ul>");
    }
}
