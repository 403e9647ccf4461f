//! Front matter is read as YAML: values are decoded (escapes, quotes, folded and literal
//! blocks, null as no value) while one-line plain values stay as written, and a YAML error is
//! one diagnostic at its cause, not a second one claiming every required key is missing.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};

fn check() -> Vec<cuaderno::Diagnostic> {
    let config = cuaderno::load_config(
        &fixture("lint-front-matter").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    cuaderno::check(config).expect("check").1
}

fn on(diags: &[cuaderno::Diagnostic], file: &str) -> Vec<(Code, usize, usize, String)> {
    diags
        .iter()
        .filter(|d| d.file == file)
        .map(|d| {
            let p = d.position.expect("a position");
            (d.code, p.line, p.column, d.message.clone())
        })
        .collect()
}

#[test]
fn a_yaml_error_is_one_diagnostic_at_its_cause() {
    let diags = check();
    let quote = on(&diags, "unclosed-quote.md");
    assert_eq!(quote.len(), 1, "{quote:?}");
    assert_eq!(
        (quote[0].0, quote[0].1, quote[0].2),
        (Code::YamlSyntax, 3, 14)
    );
    assert!(
        quote[0].3.contains("quoted value is never closed"),
        "{}",
        quote[0].3
    );

    let list = on(&diags, "unclosed-list.md");
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!((list[0].1, list[0].2), (3, 14));
    assert!(list[0].3.contains("`[` is never closed"), "{}", list[0].3);

    let twice = on(&diags, "twice.md");
    assert_eq!(twice.len(), 1, "{twice:?}");
    assert_eq!((twice[0].1, twice[0].2), (5, 1));
    assert!(twice[0].3.contains("first on line 3"), "{}", twice[0].3);
}

#[test]
fn nulls_are_missing_values_and_decoded_pages_are_clean() {
    let diags = check();
    let nulls = on(&diags, "nulls.md");
    assert_eq!(nulls.len(), 1, "{nulls:?}");
    assert_eq!(nulls[0].0, Code::MissingMetadata);
    assert!(
        nulls[0].3.ends_with("description, ms.date"),
        "{}",
        nulls[0].3
    );
    assert!(on(&diags, "decoded.md").is_empty(), "{diags:?}");
}

#[test]
fn the_built_page_carries_decoded_values() {
    let site = build_fixture("lint-front-matter");
    let doc = read(&site.out, "en/decoded.html");
    assert_eq!(
        attr(&doc, "meta[name=description]", "content").as_deref(),
        Some("A description folded over two lines, with 'quotes' and a colon: kept.")
    );
    // The unparsable page keeps the lines that read alone: its `ms.date` still dates it.
    let broken = read(&site.out, "en/unclosed-list.html");
    assert_eq!(
        attr(&broken, "footer time", "datetime").as_deref(),
        Some("2020-01-02")
    );
}

/// With no formats declared for `ms.date`, a Spanish page's DocFX date (`M/D/Y`, as DocFX
/// always writes it) is read as the refresh rules and the sitemap read it: no `invalid-date`.
#[test]
fn the_date_field_is_checked_in_the_formats_it_is_read_in() {
    let (_tmp, config) = fixture_copy("basic");
    let page = config
        .parent()
        .expect("dir")
        .join("content/es/kick-off-es.md");
    let text = std::fs::read_to_string(&page).expect("page");
    let dated = text.replacen("---\n", "---\nms.date: 8/21/2020\n", 1);
    std::fs::write(&page, &dated).expect("write");
    let config = cuaderno::load_config(&config, &cuaderno::Overrides::default()).expect("config");
    let (_, diags) = cuaderno::check(config.clone()).expect("check");
    let dates: Vec<_> = diags
        .iter()
        .filter(|d| d.file == "es/kick-off-es.md" && d.code == Code::InvalidDate)
        .collect();
    assert!(dates.is_empty(), "{dates:?}");
    // A value no format reads is still reported, naming the formats tried.
    std::fs::write(
        &page,
        text.replacen("---\n", "---\nms.date: 21/21/2020\n", 1),
    )
    .expect("write");
    let (_, diags) = cuaderno::check(config).expect("check");
    let bad: Vec<String> = diags
        .iter()
        .filter(|d| d.file == "es/kick-off-es.md" && d.code == Code::InvalidDate)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].contains("M/D/Y"), "{bad:?}");
}
