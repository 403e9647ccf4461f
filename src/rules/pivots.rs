//! `unknown-pivot`: a zone's pivot, or a page's `zone_pivot_groups`, that the site's pivot
//! groups file does not define. Without such a file nothing is reported: pivots cannot be
//! known.

use crate::diagnostics::{Code, Diagnostic};
use crate::paths;
use crate::site::Site;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    let pivots = &site.pivots;
    let Some(defined_in) = &pivots.file else {
        return Vec::new();
    };
    let mut diags = Vec::new();
    for page in &site.pages {
        let file = &page.file;
        let named = page.front.fields.get("zone_pivot_groups");
        let groups: Vec<&str> = named
            .map(|f| {
                f.value
                    .split(',')
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        for g in groups.iter().filter(|g| !pivots.groups.contains_key(**g)) {
            // The group's own bytes inside the value (`dev-lang, platfrom`).
            let span = named.map_or_else(Default::default, |f| {
                let at = f.value.find(*g).unwrap_or(0);
                let start = f.value_span.start + at;
                crate::source::Span::new(start, start + g.len())
            });
            let near = paths::closest(g, pivots.groups.keys().map(String::as_str));
            let d = Diagnostic::new(
                Code::UnknownPivot,
                &file.rel,
                format!("no pivot group `{g}` in `{defined_in}`"),
            )
            .at(span, file.position(span.start));
            diags.push(match near {
                Some(n) => d.help(format!("did you mean `{n}`?")),
                None => d,
            });
        }
        // The pivots the page may show: its groups', else every group's.
        let known: Vec<&str> = pivots
            .groups
            .iter()
            .filter(|(id, _)| groups.is_empty() || groups.contains(&id.as_str()))
            .flat_map(|(_, list)| list.iter().map(|(p, _)| p.as_str()))
            .collect();
        let zones = page.analysis.zones.iter();
        for zone in zones.filter(|z| z.kind == crate::markdown::zones::Kind::Zone) {
            for pivot in zone
                .value
                .split(',')
                .map(str::trim)
                .filter(|p| !known.contains(p))
            {
                let near = paths::closest(pivot, known.iter().copied());
                let d = Diagnostic::new(
                    Code::UnknownPivot,
                    &file.rel,
                    format!("the pivot `{pivot}` is not in the page's pivot groups in `{defined_in}`: no reader can choose it"),
                )
                .at(zone.span, file.position(zone.span.start));
                diags.push(match near {
                    Some(n) => d.help(format!("did you mean `{n}`?")),
                    None => d,
                });
            }
        }
    }
    diags
}
