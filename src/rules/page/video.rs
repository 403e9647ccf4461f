//! `> [!VIDEO url]` whose URL is not `https`: not embedded (an `http:` URL is shown as a link,
//! any other scheme, `javascript:` among them, as text), so readers get no player.

use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;

pub fn check(page: &Page) -> Vec<Diagnostic> {
    let file = &page.file;
    let mut diags = Vec::new();
    for &quote in &page.analysis.quotes {
        let Some(source) = file.text.get(quote.start..quote.end) else {
            continue;
        };
        let Some(url) = crate::markdown::docfx_blocks::video_url(source) else {
            continue;
        };
        if url.to_ascii_lowercase().starts_with("https://") {
            continue;
        }
        let shown = match url.to_ascii_lowercase().starts_with("http://") {
            true => "a link, not a player",
            false => "its text, not a player or a link",
        };
        let start = quote.start + source.find(url).unwrap_or(0);
        let span = Span::new(start, start + url.len());
        diags.push(
            Diagnostic::new(
                Code::VideoNotEmbedded,
                &file.rel,
                format!("the video `{url}` is not an `https` address: readers get {shown}"),
            )
            .at(span, file.position(start))
            .help("embed videos from an `https://` address"),
        );
    }
    diags
}
