//! The same FTOP task told differently on two pages of a language (`consistency.rs`). What a
//! page's task tables show wrong on their own is a page rule (`rules::page::tasks`).

use crate::diagnostics::{Code, Diagnostic};
use crate::site::Site;

mod consistency;

pub fn check(site: &Site) -> Vec<Diagnostic> {
    if site.config.allows(Code::InconsistentTask) {
        return Vec::new();
    }
    consistency::check(site)
}
