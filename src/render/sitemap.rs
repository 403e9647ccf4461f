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
        let _ = writeln!(
            out,
            "  <url>\n    <loc>{}</loc>",
            escape(&absolute(site, &p.locale.out_rel))
        );
        if let Some(date) = p.front.get("ms.date").and_then(iso_date) {
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

/// `5/02/2019`, `09/27/2019` or `5/2/19` (US month first) as `2019-05-02`; `None` otherwise.
pub fn iso_date(us: &str) -> Option<String> {
    let mut parts = us.trim().split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (m, d, y): (u32, u32, u32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    let y = if y < 100 { 2000 + y } else { y };
    let days = [
        31,
        if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
            29
        } else {
            28
        },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let valid = (1..=12).contains(&m)
        && d >= 1
        && d <= days[(m - 1) as usize]
        && (1900..=9999).contains(&y);
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::iso_date;

    #[test]
    fn us_dates() {
        assert_eq!(iso_date("5/02/2019").as_deref(), Some("2019-05-02"));
        assert_eq!(iso_date("5/2/19").as_deref(), Some("2019-05-02"));
        assert_eq!(iso_date("02/29/2019"), None);
        assert_eq!(iso_date("13/01/2019"), None);
        assert_eq!(iso_date("2019-05-02"), None);
    }
}
