//! Links that cross languages: to another language's page when this language has its own,
//! and to an untranslated copy when its translation is published beside it.

use super::Problem;
use crate::paths;
use crate::site::Site;

/// For a page of `lang`'s site that is an untranslated copy, the translation published
/// beside it.
pub fn translation_of_copy(site: &Site, lang: usize, page: usize) -> Option<usize> {
    let p = &site.pages[page];
    if p.locale.site != lang || !p.is_copy() {
        return None;
    }
    site.translation(page, lang)
        .filter(|&own| own != page && site.pages[own].written_in() == lang)
}

/// Whether the page at `from` is written in its site's language (links from untranslated
/// copies are not the translators' to fix).
pub(super) fn written_in_language(site: &Site, from: &str) -> bool {
    site.index.page_by_rel.get(from).is_some_and(|&p| {
        let locale = &site.pages[p].locale;
        locale.content == locale.site && site.pages[p].written_in() == locale.site
    })
}

pub(super) fn other_language(
    site: &Site,
    from: &str,
    lang: usize,
    target: usize,
) -> Option<Problem> {
    let source = site
        .index
        .page_by_rel
        .get(from)
        .map(|&p| &site.pages[p].locale)?;
    if source.content != source.site || site.pages[target].locale.site == lang {
        return None;
    }
    let own = site.translation(target, lang)?;
    let own_page = &site.pages[own];
    // Its translation, if it is written in `lang` (not a page whose text is another language's).
    (own_page.locale.content == lang && own_page.written_in() == lang).then(|| {
        Problem::OtherLanguage {
            better: paths::relative(from, &own_page.file.rel),
        }
    })
}

/// For a missing file inside a language's folder (`german-playbook/media/x.png`), the file of
/// the same path in the default language's folder (`english-playbook/media/x.png`).
pub fn default_language_asset(site: &Site, rel: &str) -> Option<usize> {
    let config = &site.config;
    let (Some(lang), inner) = crate::content::discover::folder_language(config, rel) else {
        return None;
    };
    let default = config.default_language_index();
    if lang == default {
        return None;
    }
    let folder = config.languages[default]
        .folder
        .as_deref()?
        .trim_matches('/');
    site.index
        .asset_by_rel
        .get(&format!("{folder}/{inner}"))
        .copied()
}
