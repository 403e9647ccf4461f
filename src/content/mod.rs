//! Reading the content tree: discovery, front matter, pages, toc files.

pub mod cache;
pub mod discover;
pub mod frontmatter;
pub mod overlay;
pub mod page;
pub mod text_language;
pub mod toc;
