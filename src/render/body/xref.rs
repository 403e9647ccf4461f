//! The text of a link that shows none of its own: `<xref:uid>` (its text would be the href)
//! and `[](xref:uid)` show the target page's title, as DocFX does; so does `[](page.md)`, and
//! `[](https://aka.ms/kit)` shows its address (an empty link is invisible, and has no name
//! for a screen reader).

use super::{BodyRenderer, Doc, State};
use crate::rules::links::{xref, Target};
use pulldown_cmark::{Event, LinkType};

pub(super) enum Title {
    /// An autolink: its one text event is replaced.
    Replace(String),
    /// An empty link text: the title is written before the link's end.
    Fill(String),
}

impl BodyRenderer<'_> {
    /// The title to show for the link just resolved (`links` links resolved so far).
    pub(super) fn xref_title(
        &self,
        doc: &Doc,
        dest: &str,
        link_type: LinkType,
        source: &str,
        links: usize,
    ) -> Option<Title> {
        let target = doc.links.get(links.checked_sub(1)?);
        if !dest.starts_with('@') && xref::split(dest).is_none() {
            return match target {
                _ if !source.starts_with("[]") => None,
                Some(Target::Page { page, .. }) => {
                    Some(Title::Fill(self.site.pages[*page].title.clone()))
                }
                _ => Some(Title::Fill(dest.to_string())),
            };
        }
        let Some(Target::Page { page, .. }) = target else {
            return None;
        };
        let title = self.site.pages[*page].title.clone();
        match link_type {
            LinkType::Autolink => Some(Title::Replace(title)),
            _ if source.starts_with("[]") => Some(Title::Fill(title)),
            _ => None,
        }
    }
}

pub(super) fn text<'e>(event: Event<'e>, st: &mut State<'e>, out: &mut Vec<Event<'e>>) {
    match st.link_title.take() {
        Some(Title::Replace(title)) => out.push(Event::Text(title.into())),
        other => {
            st.link_title = other;
            out.push(event);
        }
    }
}

pub(super) fn end<'e>(st: &mut State<'e>, out: &mut Vec<Event<'e>>) {
    if let Some(Title::Fill(title)) = st.link_title.take() {
        out.push(Event::Text(title.into()));
    }
}
