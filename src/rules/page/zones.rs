//! DocFX zones and monikers left open (closed only where their container ends, so what
//! follows is shown in them) and end lines that close nothing (shown as nothing).

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::zones::Kind;

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let file = &page.file;
    let name = |k: Kind| match k {
        Kind::Zone => "zone",
        Kind::Moniker => "moniker",
    };
    let mut diags: Vec<Diagnostic> = page
        .analysis
        .zones
        .iter()
        .filter(|z| !z.closed)
        .map(|z| {
            let kind = name(z.kind);
            Diagnostic::new(
                Code::ZoneUnbalanced,
                &file.rel,
                format!("this `::: {kind}` has no `::: {kind}-end`: everything after it, to the end of its container, is inside it"),
            )
            .at(z.span, file.position(z.span.start))
            .help(format!("end it with a line `::: {kind}-end`"))
        })
        .collect();
    for &span in &page.analysis.stray_zone_ends {
        let line = file.text.get(span.start..span.end).unwrap_or("").trim();
        diags.push(
            Diagnostic::new(
                Code::ZoneUnbalanced,
                &file.rel,
                format!("`{line}` closes no open zone or moniker; it is left out"),
            )
            .at(span, file.position(span.start)),
        );
    }
    diags
}
