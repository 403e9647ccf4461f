//! Link syntax CommonMark does not read is an error at the whole would-be link, with a fix
//! when one rewrite makes it exactly one link; `check --fix` writes it and the rebuilt page
//! has real links and images.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};

fn malformed(config: &std::path::Path) -> Vec<(usize, usize, Option<String>)> {
    let config = cuaderno::load_config(config, &Overrides::default()).expect("config");
    let (_, diags) = cuaderno::check(config).expect("check");
    diags
        .iter()
        .filter(|d| d.code == Code::MalformedLink)
        .map(|d| {
            let p = d.position.expect("a position");
            (
                p.line,
                p.column,
                d.fixable.then(|| d.suggestion.clone()).flatten(),
            )
        })
        .collect()
}

#[test]
fn malformed_links_are_reported_where_they_are_with_fixes() {
    let found = malformed(&fixture("lint-malformed-links").join("site.toml"));
    assert_eq!(
        found,
        [
            (3, 5, Some("[the other page](other.md)".into())),
            (5, 1, Some("[もう一つ](other.md)".into())),
            (7, 1, Some("![図](pic.svg \"登録 - 1\")".into())),
            (9, 6, Some("pic.svg \"登録\"".into())),
            (11, 1, None),
        ]
    );
}

#[test]
fn fixed_pages_have_working_links_and_images() {
    let (tmp, config) = fixture_copy("lint-malformed-links");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["check", "--fix", "--config"])
        .arg(&config)
        .output()
        .expect("run cuaderno");
    assert!(status.status.code().is_some());
    assert_eq!(malformed(&config), [(11, 1, None)]);
    let site = build_with(&config, Some(tmp.path().join("content")));
    let doc = read(&site.out, "ja/index.html");
    assert_eq!(count(&doc, "main article p a[href='other.html']"), 2);
    assert_eq!(count(&doc, "main img[title]"), 2);
    let text = select_all(&doc, "main p").join("\n");
    assert!(text.contains("[escaped](other.md)"), "{text}");
}
