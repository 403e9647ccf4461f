//! Golden files of the `<main>` of a few pages (theme chrome changes do not churn them).
//! `BLESS=1 cargo test --test golden_main` rewrites them after a deliberate change.

use crate::common;

use common::*;
use std::path::PathBuf;

/// (golden file, fixture, page).
const CASES: &[(&str, &str, &str)] = &[
    ("basic-en-kick-off.html", "basic", "en/kick-off.html"),
    ("basic-es-kick-off-es.html", "basic", "es/kick-off-es.html"),
    ("basic-es-legacy.html", "basic", "es/legacy.html"),
    ("toc-en-first.html", "toc", "en/first.html"),
    ("docfx-en-index.html", "docfx", "en/index.html"),
    ("docfx-en-setup.html", "docfx", "en/guides/setup.html"),
    ("docfx-en-images.html", "docfx", "en/guides/images.html"),
    ("docfx-en-tabs.html", "docfx", "en/guides/tabs.html"),
    ("docfx-en-xrefs.html", "docfx", "en/guides/xrefs.html"),
    ("docfx-en-zones.html", "docfx", "en/guides/zones.html"),
    ("docfx-en-snippets.html", "docfx", "en/guides/snippets.html"),
];

fn golden_dir() -> PathBuf {
    root().join("tests/golden")
}

fn main_of(site: &Site, page: &str) -> String {
    let doc = site.html(page);
    let main = doc
        .select(&sel("main"))
        .next()
        .unwrap_or_else(|| panic!("{page} has no <main>"));
    main.html() + "\n"
}

#[test]
fn main_matches_the_golden_files() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for fixture in ["basic", "toc", "docfx"] {
        let site = build_fixture(fixture);
        for (golden, _, page) in CASES.iter().filter(|c| c.1 == fixture) {
            let actual = main_of(&site, page);
            let path = golden_dir().join(golden);
            if bless {
                std::fs::write(&path, &actual).expect("write golden");
                continue;
            }
            let expected = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("no golden {}; run with BLESS=1", path.display()));
            if expected != actual {
                failures.push(format!(
                    "{golden} differs from {page}:\n--- expected\n{expected}\n--- actual\n{actual}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_file_has_a_case() {
    for entry in std::fs::read_dir(golden_dir()).expect("golden dir") {
        let entry = entry.expect("entry");
        if entry.path().is_dir() {
            continue; // tests/golden/lint belongs to tests/it/lint.rs
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            CASES.iter().any(|c| c.0 == name),
            "golden {name} belongs to no page: delete it"
        );
    }
}
