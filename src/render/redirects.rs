//! The small pages redirects leave at old addresses: a meta refresh, a link for readers whose
//! browser does not follow it, the target as the canonical URL, and no indexing.

use super::views::absolute;
use super::OutFile;
use crate::markdown::highlight::escape;
use crate::paths;
use crate::site::redirects::{Redirect, To};
use crate::site::Site;

pub fn pages(site: &Site) -> Vec<OutFile> {
    site.redirects.iter().map(|r| page(site, r)).collect()
}

/// The page an untranslated copy leaves when its language has the translation
/// (`Site::superseded_by`): a redirect to the translation.
pub fn superseded(site: &Site, copy: usize, translation: usize) -> OutFile {
    let p = &site.pages[copy];
    page(
        site,
        &Redirect {
            lang: p.locale.site,
            out_rel: p.locale.out_rel.clone(),
            to: To::Page(translation),
        },
    )
}

fn page(site: &Site, r: &Redirect) -> OutFile {
    let language = &site.config.languages[r.lang];
    let (href, canonical, title) = match &r.to {
        To::Page(p) => {
            let target = &site.pages[*p];
            let out = &target.locale.out_rel;
            let href = paths::encode_href(&paths::relative(&r.out_rel, out));
            (href, absolute(site, out), target.title.clone())
        }
        To::Web(url) => (paths::encode_href(url), url.clone(), url.clone()),
    };
    let (href, canonical, title) = (escape(&href), escape(&canonical), escape(&title));
    let moved = escape(language.word("moved"));
    let content = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n\
         <body>\n<p>{moved} <a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
        lang = escape(&language.code),
    );
    OutFile {
        rel: r.out_rel.clone(),
        content,
    }
}
