//! Markdown: one analysis pass (positions, headings, links, tables) and one render pass.

pub mod alerts;
pub mod analyze;
pub mod cjk_emphasis;
pub mod docfx_blocks;
pub mod docfx_image;
pub mod highlight;
pub mod include;
pub mod snippet;
pub mod tabs;
pub mod xref_shorthand;
pub mod zones;
