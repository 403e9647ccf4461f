//! "What's new": each language's `feed.xml` is valid Atom 1.0 (jing against RFC 4287's
//! schema, tests/atom/atom.rnc, plus the schema's two Schematron rules here), lists the
//! refresh rows of the language's own pages newest first without maintenance rows, links
//! built pages, and every page's head points to it; the page lists the same changes.

use crate::common;

use common::*;
use std::path::Path;

fn jing_available() -> bool {
    let found = std::process::Command::new("jing")
        .arg("-h")
        .output()
        .is_ok();
    // CI installs jing (.ci/run): there the test must not pass by skipping.
    assert!(
        found || std::env::var_os("CI").is_none(),
        "jing is missing (apt-get install jing)"
    );
    if !found {
        eprintln!("SKIPPED: the Atom schema check needs jing (apt-get install jing)");
    }
    found
}

/// Errors jing reports for `feed` against RFC 4287's schema (none when valid).
fn jing(feed: &Path) -> Option<String> {
    let out = std::process::Command::new("jing")
        .arg("-c")
        .arg(root().join("tests/atom/atom.rnc"))
        .arg(feed)
        .output()
        .expect("jing runs");
    (!out.status.success()).then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn text_of(node: roxmltree::Node, name: &str) -> String {
    child(node, name)
        .and_then(|c| c.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_language_has_a_valid_atom_feed_of_its_own_changes() {
    let s = crate::portal::build_corpus();
    let site = &s.built.site;
    let base = site.config.base_url.trim_end_matches('/').to_string() + "/";
    let with_jing = jing_available();
    for (lang, language) in site.config.languages.iter().enumerate() {
        let rel = format!("{}/feed.xml", language.code);
        let path = s.out.join(&rel);
        if with_jing {
            assert_eq!(jing(&path), None, "{rel} against RFC 4287");
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let feed = doc.root_element();
        assert!(feed.has_tag_name(("http://www.w3.org/2005/Atom", "feed")));
        // The schema's Schematron rules: an author for the feed, a link for each entry.
        assert!(child(feed, "author").is_some(), "{rel}: an author");
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name("entry"))
            .collect();
        assert_eq!(entries.len(), 50, "{rel}: bounded to 50 entries");
        let maintenance: Vec<&String> = (site.config.languages.iter())
            .flat_map(|l| &l.vocabulary.maintenance_rows)
            .collect();
        let mut previous = String::from("9999");
        let mut ids = std::collections::BTreeSet::new();
        for e in &entries {
            let updated = text_of(*e, "updated");
            assert!(updated <= previous, "{rel}: newest first");
            previous = updated.clone();
            assert!(ids.insert(text_of(*e, "id")), "{rel}: ids are unique");
            let summary = text_of(*e, "summary");
            assert!(!summary.trim().is_empty(), "{rel}");
            assert!(
                !maintenance.iter().any(|m| summary.eq_ignore_ascii_case(m)),
                "{rel}: a maintenance row: {summary}"
            );
            let link = child(*e, "link").and_then(|l| l.attribute("href")).unwrap();
            let out_rel = link.strip_prefix(&base).expect("under base_url");
            let page = (site.pages.iter())
                .find(|p| p.locale.out_rel == out_rel)
                .unwrap_or_else(|| panic!("{rel}: {link} is a page"));
            assert_eq!(page.locale.site, lang, "{rel}: {link}");
            assert!(!page.is_copy(), "{rel}: {link} is an untranslated copy");
            assert_eq!(text_of(*e, "title"), page.title);
        }
        // The newest change is the newest of the language's own pages' changes.
        let newest = (site.pages_of(lang))
            .filter(|&p| !site.pages[p].is_copy())
            .flat_map(|p| cuaderno::rules::page::refresh::changes(&site.config, &site.pages[p]))
            .map(|(d, _)| format!("{:04}-{:02}-{:02}T00:00:00Z", d.0, d.1, d.2))
            .max()
            .unwrap();
        assert_eq!(text_of(entries[0], "updated"), newest, "{rel}");
        assert_eq!(text_of(feed, "updated"), newest, "{rel}");

        // The page lists the same changes, first to last, with working links.
        let page_rel = format!("{}/whats-new.html", language.code);
        let page = s.html(&page_rel);
        let items = select_all(&page, "ol.changes li");
        assert!(items.len() >= entries.len(), "{page_rel}");
        for (item, e) in items.iter().zip(&entries) {
            assert!(item.contains(&text_of(*e, "summary")), "{page_rel}: {item}");
        }
        for href in page
            .select(&sel("ol.changes a[href]"))
            .filter_map(|a| a.value().attr("href"))
        {
            let target = join(&page_rel, href).unwrap();
            assert!(s.out.join(&target).is_file(), "{page_rel}: {href}");
        }
    }
    // Every page's head names its language's feed (a copy beside its translation is a
    // redirect, not a page).
    let pages = (0..site.pages.len()).filter(|&p| site.superseded_by(p).is_none());
    for p in pages.map(|p| &site.pages[p]) {
        let doc = s.html(&p.locale.out_rel);
        let href = attr(
            &doc,
            "head link[rel=alternate][type=\"application/atom+xml\"]",
            "href",
        )
        .unwrap_or_else(|| panic!("{}: no feed link", p.locale.out_rel));
        let code = &site.config.languages[p.locale.site].code;
        assert_eq!(
            join(&p.locale.out_rel, &href),
            Some(format!("{code}/feed.xml")),
            "{}",
            p.locale.out_rel
        );
        // And its footer, the page.
        let href = attr(&doc, "footer a.whats-new-link", "href").unwrap_or_default();
        assert_eq!(
            join(&p.locale.out_rel, &href),
            Some(format!("{code}/whats-new.html")),
            "{}",
            p.locale.out_rel
        );
    }
}

/// A refresh note with markup, an ampersand and a control character; a row dated in the
/// future; a language with no pages: the feeds stay valid, escaped and sane.
#[test]
fn odd_refresh_rows_and_an_empty_language_make_valid_feeds() {
    let (tmp, config) = fixture_copy("lint-translations");
    let source = tmp.path().join("content/en/kick-off.md");
    let text = std::fs::read_to_string(&source).unwrap();
    let rows = "| 04/01/2020 | Ada | Tom & Jerry <b>bold</b> a < b \u{1} |\n| 12/31/2099 | Ada | From the future |\n";
    let text = text.replace(
        "| 03/01/2020 | Ada |",
        &format!("{rows}| 03/01/2020 | Ada |"),
    );
    std::fs::write(&source, text).unwrap();
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str(
        "\n[[languages]]\ncode = \"fr\"\nname = \"Français\"\nfolder = \"fr\"\nsuffix = \"-fr\"\n",
    );
    std::fs::write(&config, toml).unwrap();
    std::fs::create_dir(tmp.path().join("content/fr")).unwrap();
    let s = build_with(&config, None);
    let with_jing = jing_available();
    for code in ["en", "es", "fr"] {
        let path = s.out.join(format!("{code}/feed.xml"));
        if with_jing {
            assert_eq!(jing(&path), None, "{code}");
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed");
        let summaries: Vec<String> = (doc.descendants())
            .filter(|n| n.has_tag_name("summary"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect();
        assert!(!summaries.iter().any(|t| t.contains("future")), "{code}");
        if code == "en" {
            assert!(
                summaries
                    .iter()
                    .any(|t| t.contains("Tom & Jerry") && t.contains("a < b")),
                "{summaries:?}"
            );
            assert!(!summaries
                .iter()
                .any(|t| t.contains('\u{1}') || t.contains("<b>")));
        }
        if code == "fr" {
            assert!(summaries.is_empty());
            let page = s.html("fr/whats-new.html");
            assert_eq!(count(&page, "ol.changes li"), 0);
        }
    }
    assert!(
        s.codes().contains(&"refresh-date-future"),
        "{:?}",
        s.codes()
    );
}
