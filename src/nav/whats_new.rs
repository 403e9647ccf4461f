//! "What's new" in a language: the refresh-summary rows of its pages (those written in the
//! language, not untranslated copies), newest first, without the rows the vocabulary names
//! as maintenance (`rules::page::refresh::changes`, which the stale-translation banner uses
//! too). `render` writes them as a page and an Atom feed.

use crate::config::dates::Date;
use crate::rules::page::refresh;
use crate::site::Site;

pub struct Change {
    pub page: usize,
    pub date: Date,
    pub what: String,
    /// The row's place among the page's changes of that day (0 for the first), so that two
    /// changes of one page on one day have distinct feed ids.
    pub nth: usize,
}

/// The changes of language `lang`, newest first; changes of one day by page path, then in
/// their table's order.
pub fn changes(site: &Site, lang: usize) -> Vec<Change> {
    let mut out = Vec::new();
    for page in site.pages_of(lang).filter(|&p| !site.pages[p].is_copy()) {
        let mut rows = refresh::changes(&site.config, &site.pages[page]);
        // Oldest first, so that a row's number stays when newer rows are added above it.
        rows.reverse();
        let mut previous: Option<Date> = None;
        let mut nth = 0;
        for (date, what) in rows {
            nth = if previous == Some(date) { nth + 1 } else { 0 };
            previous = Some(date);
            out.push(Change {
                page,
                date,
                what,
                nth,
            });
        }
    }
    out.sort_by(|a, b| {
        (b.date.cmp(&a.date))
            .then_with(|| {
                site.pages[a.page]
                    .file
                    .rel
                    .cmp(&site.pages[b.page].file.rel)
            })
            .then(a.nth.cmp(&b.nth))
    });
    out
}
