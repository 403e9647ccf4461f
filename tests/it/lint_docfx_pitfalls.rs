//! What the playbook's upstream lint (markdownlint with `no-bare-urls` and `code-block-style`)
//! caught, on a page written for it: bare URLs are linked as DocFX links them and noted, with
//! a fix to `<…>`; list items indented into code blocks are warnings, and the one a fix can
//! be sure of (spaces after the marker) is fixed. A malformed link is that alone, and real
//! code stays code.

use crate::common;

use common::*;
use std::process::Command;

fn findings(site: &Site) -> Vec<(&'static str, usize, usize)> {
    let diags = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "index.md");
    diags
        .map(|d| {
            let p = d.position.expect("a position");
            (d.code.name(), p.line, p.column)
        })
        .collect()
}

#[test]
fn bare_urls_and_list_items_in_code_are_found_once_each() {
    let site = build_fixture("lint-docfx-pitfalls");
    assert_eq!(
        findings(&site),
        [
            ("bare-url", 3, 19),
            ("bare-url", 3, 52),
            ("bare-url", 4, 1),
            ("malformed-link", 7, 19),
            ("indented-code-in-list", 11, 1),
            ("indented-code-in-list", 17, 5),
        ]
    );
}

#[test]
fn bare_urls_are_linked_for_readers_and_code_is_left() {
    let site = build_fixture("lint-docfx-pitfalls");
    let page = site.html("en/index.html");
    let hrefs = select_all(&page, "main a[href^='http']");
    let href = |css: &str| attr(&page, css, "href");
    assert_eq!(
        href("main a[href*='fasttrackterms']").as_deref(),
        Some("http://aka.ms/fasttrackterms")
    );
    assert_eq!(
        href("main a[href*='example.com']").as_deref(),
        Some("https://www.example.com/start")
    );
    assert_eq!(
        href("main a[href*='FindWizards']").as_deref(),
        Some("https://portal.office.com/AdminPortal/Home#/FindWizards"),
        "the escape is dropped: {hrefs:?}"
    );
    assert_eq!(
        select_all(&page, "main a[href*='FindWizards']"),
        ["https://portal.office.com/AdminPortal/Home#/FindWizards"]
    );
    assert_eq!(count(&page, "main code a, main pre a"), 0);
    assert_eq!(count(&page, "main a[href*='aka.ms/template']"), 0);
    let code = select_all(&page, "main pre");
    assert!(code.iter().any(|c| c.contains("Get-Mailbox")), "{code:?}");
}

#[test]
fn fix_writes_autolinks_and_one_space_after_a_marker() {
    let (tmp, config) = fixture_copy("lint-docfx-pitfalls");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cuaderno"))
            .args(["--config", config.to_str().unwrap(), "check"])
            .args(args)
            .output()
            .expect("run cuaderno")
    };
    run(&["--fix"]);
    let page = std::fs::read_to_string(tmp.path().join("content/index.md")).unwrap();
    assert!(page.contains("at <http://aka.ms/fasttrackterms>. Or [www.example.com/start](https://www.example.com/start), or\n<https://portal.office.com/AdminPortal/Home#/FindWizards> (the wizard)"), "{page}");
    assert!(
        page.contains("\n- Set expectations with the customer.\n"),
        "{page}"
    );
    assert!(
        page.contains("\n    1. Does the customer"),
        "not fixed: {page}"
    );
    let site = build_with(&config, None);
    assert!(
        page.contains("[the template](https://aka.ms/template)"),
        "{page}"
    );
    assert_eq!(
        findings(&site),
        [("indented-code-in-list", 17, 5)],
        "{page}"
    );
    let html = site.html("en/index.html");
    let items = select_all(&html, "main li");
    assert!(
        items
            .iter()
            .any(|i| i.trim() == "Set expectations with the customer."),
        "{items:?}"
    );
}
