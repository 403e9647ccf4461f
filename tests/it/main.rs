//! The integration tests: one binary (as ripgrep has), one module per area, shared helpers in
//! `common`. Each module builds fixture sites through the real pipeline or runs the binary.

mod adoption;
mod analysis_cache;
mod axe;
mod browser;
mod build_basic;
mod build_toc_and_bad_input;
mod cli;
mod common;
mod corpus;
mod docs;
mod external;
mod fix;
mod fuzz;
mod golden_main;
mod hardening_content;
mod hardening_fix;
mod hardening_output;
mod hardening_serve;
mod layers;
mod lint;
mod lint_freshness;
mod lint_front_matter;
mod lint_labels;
mod lint_malformed_links;
mod lint_task_consistency;
mod lint_text_language;
mod lsp;
mod portal;
mod portal_browser;
mod render_cjk;
mod search_analyze;
mod search_browser;
mod search_index;
mod serve;
mod tasks_bad_input;
