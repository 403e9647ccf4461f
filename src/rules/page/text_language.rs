//! `text-language-mismatch`: a page whose text is not in the language its name and folder
//! claim (`content::text_language` detects it when the page is loaded).

use crate::config::Config;
use crate::content::page::Page;
use crate::diagnostics::{Code, Diagnostic};

/// The finding on one page, if its text is clearly in another language. A page-level check
/// (its result depends on the page and the config only), run when the page is loaded, so an
/// unchanged page is not read again on the next analysis.
pub fn check(config: &Config, page: &Page) -> Option<Diagnostic> {
    let found = page.text_language?;
    let claimed = &config.languages[page.locale.content];
    let (name, help) = match found {
        Ok(i) => {
            let l = &config.languages[i];
            let named = if l.suffix.is_empty() {
                "named without a language suffix".to_string()
            } else {
                format!("and end its name with `{}`", l.suffix)
            };
            let fix = match &l.folder {
                Some(folder) if page.locale.site != i => {
                    format!("move it to the `{folder}` folder {named}")
                }
                _ => format!("end its name with `{}`", l.suffix),
            };
            let help = format!(
                "if the page is in {}, {fix}; if it should be in {}, translate it",
                l.name, claimed.name
            );
            (l.name.clone(), help)
        }
        Err(script) => {
            let help = format!(
                        "the site has no language in that script; if the page should be in {}, translate it",
                        claimed.name
                    );
            (script.to_string(), help)
        }
    };
    let span = page.top_span();
    Some(
        Diagnostic::new(
            Code::TextLanguageMismatch,
            &page.file.rel,
            format!(
                "the page's text reads as {name}, but its name and folder make it {}",
                claimed.name
            ),
        )
        .at(span, page.file.position(span.start))
        .help(help),
    )
}
