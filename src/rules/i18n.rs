//! Translations: which pages pair across languages, summarized per language (one line per
//! language, not one per page).

use crate::diagnostics::{Code, Diagnostic};
use crate::site::Site;

const LISTED: usize = 5;

fn summary(code: Code, message: String, mut names: Vec<String>) -> Option<Diagnostic> {
    if names.is_empty() {
        return None;
    }
    names.sort();
    let more = names.len().saturating_sub(LISTED);
    let mut list = names
        .into_iter()
        .take(LISTED)
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    Some(Diagnostic::new(code, "", message).help(list))
}

/// The pages of language site `lang` that are untranslated copies (a page whose text reads
/// as another language has its own finding and is not one).
pub fn untranslated(site: &Site, lang: usize) -> impl Iterator<Item = usize> + '_ {
    site.pages_of(lang).filter(|&i| {
        let p = &site.pages[i];
        p.locale.content != p.locale.site && p.text_language.is_none()
    })
}

/// The default language's pages that language `lang` has no page for (none for the default
/// language itself).
pub fn missing(site: &Site, lang: usize) -> impl Iterator<Item = usize> + '_ {
    let default = site.config.default_language_index();
    site.index
        .translations
        .values()
        .filter(move |slots| lang != default && slots[lang].is_none())
        .filter_map(move |slots| slots[default])
}

pub fn diagnostics(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let default = config.default_language_index();
    let mut out = Vec::new();
    for (lang, language) in config.languages.iter().enumerate() {
        let pages: Vec<usize> = untranslated(site, lang).collect();
        let beside = pages
            .iter()
            .filter(|&&p| site.superseded_by(p).is_some())
            .count();
        let untranslated: Vec<String> = (pages.iter())
            .map(|&p| site.pages[p].file.rel.clone())
            .collect();
        let n = untranslated.len();
        let shown = match beside {
            0 => "shown with a notice".to_string(),
            b if b == n => "each beside its translation, which it redirects to (delete the copies)".to_string(),
            b => format!("{} shown with a notice, {b} beside their translation, which they redirect to (delete those)", n - b),
        };
        out.extend(summary(
            Code::UntranslatedPage,
            format!(
                "{n} page(s) of the {} site are untranslated copies, {shown}",
                language.name
            ),
            untranslated,
        ));
        if lang == default {
            continue;
        }
        let missing: Vec<String> = missing(site, lang)
            .map(|p| site.pages[p].file.rel.clone())
            .collect();
        let n = missing.len();
        out.extend(summary(
            Code::MissingTranslation,
            format!(
                "{n} page(s) have no {} translation; the language switcher says so",
                language.name
            ),
            missing,
        ));
    }
    out
}
