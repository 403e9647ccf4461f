//! Each language's "What's new": `<code>/feed.xml` (Atom 1.0, RFC 4287) and
//! `<code>/whats-new.html` when the theme has the `whats-new.html` template, from
//! `nav::whats_new`.

use super::views::{self, absolute};
use super::{ListView, OutFile, Theme};
use crate::config::dates::Date;
use crate::nav::whats_new::{self, Change};
use crate::nav::LangNav;
use crate::paths;
use crate::site::Site;
use crate::status::iso;
use anyhow::Result;
use serde::Serialize;
use std::fmt::Write;

/// How many changes the feed carries, and how many the page lists.
pub const FEED_ENTRIES: usize = 50;
pub const PAGE_ENTRIES: usize = 200;

pub fn feed_rel(site: &Site, lang: usize) -> String {
    format!("{}/feed.xml", site.config.languages[lang].code)
}

pub fn page_rel(site: &Site, lang: usize) -> String {
    format!("{}/whats-new.html", site.config.languages[lang].code)
}

#[derive(Serialize)]
struct Entry {
    date: String,
    iso: String,
    title: String,
    href: String,
    what: String,
}

#[derive(Serialize)]
struct WhatsNew {
    entries: Vec<Entry>,
    /// The changes beyond [`PAGE_ENTRIES`].
    more: usize,
    feed: String,
}

/// The feed and the page of language `lang`.
pub fn files(site: &Site, nav: &LangNav, theme: &Theme, lang: usize) -> Result<Vec<OutFile>> {
    let changes = whats_new::changes(site, lang);
    let mut out = vec![OutFile {
        rel: feed_rel(site, lang),
        content: atom(site, lang, &changes),
    }];
    if theme.has("whats-new.html") {
        let rel = page_rel(site, lang);
        let language = &site.config.languages[lang];
        let entries = (changes.iter().take(PAGE_ENTRIES))
            .map(|c| Entry {
                date: super::ui::format_date(language, c.date),
                iso: iso(c.date),
                title: site.pages[c.page].title.clone(),
                href: paths::relative(&rel, &site.pages[c.page].locale.out_rel),
                what: c.what.clone(),
            })
            .collect();
        let items = WhatsNew {
            entries,
            more: changes.len().saturating_sub(PAGE_ENTRIES),
            feed: paths::relative(&rel, &feed_rel(site, lang)),
        };
        let view = ListView {
            site: views::site_view(site, lang, &rel),
            nav: views::sidebar(site, nav, None, &rel),
            alternates: views::alternates(site, None, lang, &rel),
            items,
            inline_css: None,
        };
        let content = theme.render("whats-new.html", view, &rel)?;
        out.push(OutFile { rel, content });
    }
    Ok(out)
}

fn stamp(d: Date) -> String {
    format!("{}T00:00:00Z", iso(d))
}

/// Text for XML: escaped, and without the characters XML 1.0 cannot hold (a control
/// character pasted into a refresh note).
fn xml(text: &str) -> String {
    let allowed = |c: &char| !matches!(*c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    let text: String = text.chars().filter(allowed).collect();
    crate::markdown::highlight::escape(&text)
}

/// The Atom document: the newest [`FEED_ENTRIES`] changes, each linking its page. Ids are
/// the page's URL with the change's date and number, stable across builds.
fn atom(site: &Site, lang: usize, changes: &[Change]) -> String {
    let language = &site.config.languages[lang];
    let title = language.title.as_deref().unwrap_or(&site.config.title);
    let self_url = absolute(site, &feed_rel(site, lang));
    let updated = changes.first().map_or(site.config.today, |c| c.date);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml(&language.code)
    );
    let _ = writeln!(
        out,
        "  <title>{} · {}</title>",
        xml(title),
        xml(language.word("whats_new"))
    );
    let _ = writeln!(out, "  <id>{}</id>", xml(&self_url));
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml(&self_url)
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&absolute(site, &page_rel(site, lang)))
    );
    let _ = writeln!(out, "  <updated>{}</updated>", stamp(updated));
    let _ = writeln!(out, "  <author><name>{}</name></author>", xml(title));
    let _ = writeln!(out, "  <generator>cuaderno</generator>");
    for c in changes.iter().take(FEED_ENTRIES) {
        let page = &site.pages[c.page];
        let url = absolute(site, &page.locale.out_rel);
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <id>{}#change-{}-{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml(&page.title),
            xml(&url),
            iso(c.date),
            c.nth,
            xml(&url),
            stamp(c.date),
            xml(&c.what),
        );
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_loses_what_xml_cannot_hold() {
        assert_eq!(
            xml("a < b & \"c\"\u{1}\u{7}\tz"),
            "a &lt; b &amp; &quot;c&quot;\tz"
        );
    }
}
