//! Links and images of a body: the output URL of each (in analysis order), and what a link
//! that leads nowhere shows.

use super::{BodyRenderer, Doc, Open, State};
use crate::markdown::highlight::escape;
use crate::paths;
use crate::rules::links::Target;
use pulldown_cmark::Event;

impl BodyRenderer<'_> {
    /// The rewritten URL of the next link: `Ok(Some)` rewritten, `Ok(None)` kept, `Err` broken.
    /// A relative link's `?query` (DocFX's `?tabs=`) is kept.
    pub(super) fn link_target(
        &self,
        doc: &Doc,
        dest: &str,
        st: &mut State,
    ) -> Result<Option<String>, ()> {
        let index = st.links;
        st.links += 1;
        let page = doc.page;
        let from = &self.site.pages[page].locale.out_rel;
        match doc.links.get(index) {
            Some(Target::Page {
                page: target,
                fragment,
            }) => {
                // A superseded copy is a redirect: link its translation, and keep the
                // fragment only where the translation has that anchor.
                let (target, fragment) = match self.site.superseded_by(*target) {
                    Some(t) => (t, fragment.as_ref().filter(|f| self.site.has_anchor(t, f))),
                    None => (*target, fragment.as_ref()),
                };
                let mut url = if target == page {
                    String::new()
                } else {
                    paths::relative(from, &self.site.pages[target].locale.out_rel)
                };
                if let Some(query) = paths::query_of(dest) {
                    if url.is_empty() {
                        url = paths::relative(from, from);
                    }
                    url.push_str(query);
                }
                if let Some(f) = fragment {
                    url.push('#');
                    url.push_str(f);
                }
                if url.is_empty() {
                    url = paths::relative(from, from);
                }
                Ok(Some(paths::encode_href(&url)))
            }
            Some(Target::Asset(asset)) => {
                let url = paths::relative(from, &self.site.assets[*asset].out_rel);
                let query = paths::query_of(dest).unwrap_or_default();
                Ok(Some(paths::encode_href(&format!("{url}{query}"))))
            }
            Some(Target::Mailto(address)) => {
                Ok(Some(format!("mailto:{}", paths::encode_href(address))))
            }
            Some(Target::Web(url)) => Ok(Some(paths::encode_href(url))),
            Some(Target::Broken) => Err(()),
            // Text (an `@name` no page declares); `transform` shows it plainly even in `serve`.
            Some(Target::Plain) => Err(()),
            Some(Target::External) | None => Ok(None),
        }
    }

    /// A link or image that leads nowhere: its text (an image's alt text), plainly for readers;
    /// marked in red with its target in `serve`, for the editor.
    pub(super) fn open_broken<'e>(
        &self,
        class: &str,
        what: &str,
        dest: &str,
        st: &mut State<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        if !self.site.config.preview {
            st.open_links.push(Open::Replaced(""));
            return;
        }
        st.open_links.push(Open::Replaced("</span>"));
        let title = escape(&format!("{what}: {dest}"));
        out.push(Event::Html(
            format!("<span class=\"{class}\" title=\"{title}\">").into(),
        ));
    }
}
