//! `bare-url`: a web address written as text. DocFX links it and so does the portal
//! (`markdown::bare_urls`), but a CommonMark viewer shows text, and the playbook's upstream
//! lint (markdownlint's `no-bare-urls`) asked for `<…>`. The fix writes the autolink, which
//! every reader links the same way.

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let file = &page.file;
    let bare = page.analysis.bare_urls.iter();
    bare.filter_map(|(span, href)| {
        let written = file.text.get(span.start..span.end)?;
        // `www.example.com` keeps the words it shows; an address with a scheme is its own text.
        let fixed = if written.len() >= 4 && written[..4].eq_ignore_ascii_case("www.") {
            format!("[{written}]({href})")
        } else {
            format!("<{href}>")
        };
        let d = Diagnostic::new(
            Code::BareUrl,
            &file.rel,
            format!("`{written}` is a bare URL: the portal links it as DocFX does, other Markdown viewers may show it as text"),
        )
        .at(*span, file.position(span.start))
        .help(format!("write it as `{fixed}` (`check --fix` does)"));
        Some(d.suggest(fixed).fixable(true))
    })
    .collect()
}
