//! A page whose text is not in the language its name and folder claim is reported on its
//! first heading, with what to rename: Japanese saved without its suffix, Spanish in the
//! English folder, English under a Japanese name. Pages in their language, short pages and
//! Spanish pages with English tables are not.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};

#[test]
fn pages_in_another_language_than_their_name_are_reported() {
    let config = cuaderno::load_config(
        &fixture("lint-text-language").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    let (_, diags) = cuaderno::check(config).expect("check");
    let found: Vec<(&str, usize, &str)> = diags
        .iter()
        .filter(|d| d.code == Code::TextLanguageMismatch)
        .map(|d| {
            let line = d.position.expect("a position").line;
            (d.file.as_str(), line, d.help.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(found.len(), 6, "{found:#?}");
    assert_eq!(found[0].0, "en/gestion.md");
    assert!(found[0]
        .2
        .contains("move it to the `es` folder and end its name with `-es`"));
    assert_eq!(found[1].0, "es/guia-es.md");
    assert_eq!((found[2].0, found[2].1), ("ja/english-ja.md", 1));
    assert_eq!(found[3].0, "ja/henkou.md");
    assert!(
        found[3].2.contains("end its name with `-ja`"),
        "{}",
        found[3].2
    );
    let message = &diags
        .iter()
        .find(|d| d.file == "ja/henkou.md" && d.code == Code::TextLanguageMismatch)
        .expect("henkou")
        .message;
    assert!(message.contains("reads as 日本語") && message.ends_with("make it English"));
}

/// A Japanese page saved without its suffix is read as Japanese once the mismatch is found: its
/// `タスク ID` header, `フェーズ` line and `2019/03/06` dates are right, so the mismatch is its one
/// finding; it is no untranslated copy, and it is published as Japanese.
#[test]
fn a_page_is_read_and_published_in_the_language_its_text_is_in() {
    let site = build_fixture("lint-text-language");
    let on = |file: &str| -> Vec<&str> {
        let diags = site.built.diagnostics.iter();
        diags
            .filter(|d| d.file == file)
            .map(|d| d.code.name())
            .collect()
    };
    assert_eq!(on("ja/keikaku.md"), ["text-language-mismatch"]);
    // Japanese text with the English page's tables and dates kept: either language's words
    // are right on it.
    assert_eq!(on("ja/tabla.md"), ["text-language-mismatch"]);
    let untranslated = site
        .built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UntranslatedPage);
    assert!(untranslated.is_none(), "{untranslated:?}");
    let page = site.html("ja/keikaku.html");
    assert_eq!(attr(&page, "html", "lang").as_deref(), Some("ja"));
    assert_eq!(
        count(&page, "article[lang]"),
        0,
        "the article is not marked as English"
    );
    assert_eq!(count(&page, ".notice.untranslated"), 0);
    // Spanish text in the English folder is shown as Spanish.
    let gestion = site.html("en/gestion.html");
    assert_eq!(attr(&gestion, "article", "lang").as_deref(), Some("es"));
}

/// No link fix points at a page as a language's own when its text is another language's:
/// `es/guia-es.md` is English, so a Spanish page's link to `en/guia.md` is not moved to it.
#[test]
fn no_link_fix_points_at_a_page_written_in_another_language() {
    let site = build_fixture("lint-text-language");
    let on = |file: &str| -> Vec<&str> {
        let diags = site.built.diagnostics.iter();
        diags
            .filter(|d| d.file == file)
            .map(|d| d.code.name())
            .collect()
    };
    assert!(
        on("es/enlace-es.md").is_empty(),
        "{:?}",
        on("es/enlace-es.md")
    );
}
