//! The page chrome built from the playbook's data: the lifecycle strip, the outline ("on this
//! page") with each step's role and applies-to, and the banner of a stale translation with
//! the source's changes since.

use super::views::{page_link, OutlineEntry, PhaseView, StaleChange, StaleView, STALE_LISTED};
use crate::nav::LangNav;
use crate::paths;
use crate::rules::page::refresh;
use crate::site::Site;

/// The lifecycle strip: every phase of the site in order, this page's current, each linked to
/// its phase page when the navigation has one.
pub fn lifecycle(site: &Site, nav: &LangNav, page: usize, from: &str) -> Vec<PhaseView> {
    let p = &site.pages[page];
    let Some(current) = p.playbook.phase_id.as_deref() else {
        return Vec::new();
    };
    let phases = &site.config.phases;
    if !phases.iter().any(|ph| ph == current) {
        return Vec::new();
    }
    phases
        .iter()
        .map(|phase| PhaseView {
            name: site.config.phase_name(p.locale.site, phase),
            href: nav
                .phase_pages
                .get(phase)
                .filter(|&&target| target != page)
                .map(|&target| paths::relative(from, &site.pages[target].locale.out_rel)),
            current: phase == current,
        })
        .collect()
}

/// The headings of levels 2 and 3, those of included files among them; a heading that starts
/// a step carries its role and applies-to.
pub fn outline<'a>(site: &'a Site, p: &'a crate::content::page::Page) -> Vec<OutlineEntry<'a>> {
    site.includes
        .headings(p)
        .into_iter()
        .filter(|(h, _)| (2..=3).contains(&h.level))
        .map(|(h, included)| {
            let step = (!included)
                .then(|| p.playbook.steps.iter().find(|s| s.anchor == h.id))
                .flatten();
            OutlineEntry {
                title: &h.text,
                anchor: &h.id,
                level: h.level,
                role: step.and_then(|s| s.role.as_ref()).map(|l| l.value.as_str()),
                applies_to: step
                    .and_then(|s| s.applies_to.as_ref())
                    .map(|l| l.value.as_str()),
            }
        })
        .collect()
}

/// For a translation whose source page (the default language's) changed after it: the
/// source page and both dates, in the translation's language.
pub fn stale(
    site: &Site,
    page: usize,
    own: Option<crate::config::dates::Date>,
    from: &str,
) -> Option<StaleView> {
    let p = &site.pages[page];
    let default = site.config.default_language_index();
    if p.locale.site == default || p.is_copy() {
        return None;
    }
    let source = site.translation(page, default)?;
    let (theirs, _) = site.pages[source].dates.changed.clone()?;
    let own = own?;
    if theirs <= own {
        return None;
    }
    let language = &site.config.languages[p.locale.site];
    let newer: Vec<_> = refresh::changes(&site.config, &site.pages[source])
        .into_iter()
        .filter(|(d, _)| *d > own)
        .collect();
    let more_changes = newer.len().saturating_sub(STALE_LISTED);
    let changes = newer
        .into_iter()
        .take(STALE_LISTED)
        .map(|(d, what)| StaleChange {
            date: super::ui::format_date(language, d),
            what,
        })
        .collect();
    Some(StaleView {
        source: page_link(site, from, source),
        source_lang: site.config.languages[default].code.clone(),
        source_date: super::ui::format_date(language, theirs),
        own_date: super::ui::format_date(language, own),
        changes,
        more_changes,
    })
}
