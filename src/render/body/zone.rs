//! DocFX zones and monikers: their sections get a label for readers (all are shown): the
//! pivots' titles from the pivot groups file, or "Versions: >=3.0".

use super::BodyRenderer;
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
}
