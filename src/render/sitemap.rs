//! `sitemap.xml` with `xhtml:link` hreflang alternates for every translation.

use super::views::absolute;
use crate::markdown::highlight::escape;
use crate::site::Site;
use std::fmt::Write;

pub fn render(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (page, p) in site.pages.iter().enumerate() {
        if site.superseded_by(page).is_some() {
            continue;
        }
        let _ = writeln!(
            out,
            "  <url>\n    <loc>{}</loc>",
            escape(&absolute(site, &p.locale.out_rel))
        );
        if let Some(date) = p
            .front
            .get(&site.config.metadata.date_field)
            .and_then(|d| iso_date(&site.config.date_formats(p.written_in()), d))
        {
            let _ = writeln!(out, "    <lastmod>{date}</lastmod>");
        }
        for (lang, language) in site.config.languages.iter().enumerate() {
            if let Some(t) = site.translation(page, lang) {
                let href = escape(&absolute(site, &site.pages[t].locale.out_rel));
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\"/>",
                    escape(&language.code)
                );
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `ms.date` in one of the playbook's date formats, as `2019-05-02`; `None` otherwise.
pub fn iso_date(formats: &[String], text: &str) -> Option<String> {
    crate::rules::page::refresh::date(formats, text)
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn us_dates() {
        let us = ["M/D/Y".to_string()];
        assert_eq!(iso_date(&us, "5/02/2019").as_deref(), Some("2019-05-02"));
        assert_eq!(iso_date(&us, "5/2/19").as_deref(), Some("2019-05-02"));
        assert_eq!(iso_date(&us, "02/29/2019"), None);
        assert_eq!(iso_date(&us, "13/01/2019"), None);
        assert_eq!(iso_date(&us, "2019-05-02"), None);
    }
}
