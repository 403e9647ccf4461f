//! DocFX zones and monikers: their sections get a label for readers (all are shown): the
//! pivots' titles from the pivot groups file, or "Versions: >=3.0". And DocFX code snippets:
//! the code read from their file, highlighted (nothing for readers when it cannot be read).

use super::{BodyRenderer, Doc, State};
use crate::markdown::highlight::escape;
use crate::markdown::zones::{opened, Kind};
use pulldown_cmark::Event;

impl BodyRenderer<'_> {
    /// The section's opening HTML and its label.
    pub(super) fn zone_open<'e>(&self, html: &str, out: &mut Vec<Event<'e>>) {
        let Some((kind, value)) = opened(html) else {
            return out.push(Event::Html(html.to_string().into()));
        };
        let label = match kind {
            Kind::Zone => {
                let titles: Vec<&str> = value
                    .split(',')
                    .map(str::trim)
                    .map(|p| self.site.pivots.title(p).unwrap_or(p))
                    .collect();
                titles.join(", ")
            }
            Kind::Moniker => format!("{}: {value}", self.language.word("moniker")),
        };
        out.push(Event::Html(
            format!("{html}<p class=\"zone-label\">{}</p>\n", escape(&label)).into(),
        ));
    }

    /// The next snippet of `doc`, highlighted; a red mark in `serve` when it has no code.
    pub(super) fn snippet<'e>(&self, doc: &Doc, st: &mut State<'e>, out: &mut Vec<Event<'e>>) {
        let k = st.snippets;
        st.snippets += 1;
        let loaded = self
            .site
            .snippets
            .get(&doc.src.file.rel)
            .and_then(|v| v.get(k));
        match loaded {
            Some(Ok(s)) => out.push(Event::Html(
                self.highlighter.block(&s.lang, &s.code).to_string().into(),
            )),
            _ if self.site.config.preview => {
                let path = doc
                    .src
                    .analysis
                    .snippets
                    .get(k)
                    .map_or("", |s| s.path.as_str());
                let title = escape(&format!("snippet not shown: {path}"));
                out.push(Event::Html(
                    format!(
                        "<p><span class=\"broken-include\" title=\"{title}\">{title}</span></p>\n"
                    )
                    .into(),
                ));
            }
            _ => {}
        }
    }
}
