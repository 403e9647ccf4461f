//! Markdown: one analysis pass (positions, headings, links, tables) and one render pass.

pub mod alerts;
pub mod analyze;
pub mod bare_urls;
pub mod cjk_emphasis;
pub mod docfx_blocks;
pub mod docfx_image;
pub mod highlight;
pub mod include;
pub mod nesting;
pub mod snippet;
pub mod spans;
pub mod tabs;
pub mod xref_shorthand;
pub mod zones;

/// Whether a body may hold DocFX syntax beyond images, includes and alerts: a `[!code`
/// snippet, a `:::` zone, a `#tab/` link, an `@uid` shorthand, a bare URL. A first look, so that pages
/// without (most) skip those adapters.
pub fn docfx_syntax(body: &str) -> bool {
    let snippet = body.match_indices("[!").any(|(i, _)| {
        body.get(i + 2..i + 6)
            .is_some_and(|w| w.eq_ignore_ascii_case("code"))
    });
    snippet
        || body.contains(":::")
        || body.contains("#tab/")
        || (body.contains('@') && xref_shorthand::any(body))
        || bare_urls::any(body)
}
