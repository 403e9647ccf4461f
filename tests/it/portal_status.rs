//! The translation dashboard: `status.json` counts are the findings' counts, `status.html`
//! lists every row with working links, and odd sites (one language, a language without
//! pages) get a sane dashboard or none.

use crate::common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn status(site: &Site) -> Value {
    let text = std::fs::read_to_string(site.out.join("status.json")).expect("status.json");
    serde_json::from_str(&text).expect("status.json parses")
}

/// The count a per-language summary finding states ("22 page(s) of the Español site ...").
fn summary_count(site: &Site, code: &str, language: &str) -> u64 {
    let found: Vec<u64> = (site.built.diagnostics.iter())
        .filter(|d| d.code.name() == code && d.message.contains(language))
        .map(|d| {
            let n = d.message.split(' ').next().unwrap_or_default();
            n.parse().unwrap_or_else(|_| panic!("{}", d.message))
        })
        .collect();
    assert!(found.len() <= 1, "{code} {language}: {found:?}");
    found.first().copied().unwrap_or(0)
}

fn files_with(site: &Site, code: &str) -> BTreeSet<String> {
    (site.built.diagnostics.iter())
        .filter(|d| d.code.name() == code)
        .map(|d| d.file.clone())
        .collect()
}

fn rows_with(status: &Value, state: &str) -> BTreeSet<String> {
    (status["pages"].as_array().expect("pages").iter())
        .filter(|r| r["states"].as_array().unwrap().iter().any(|s| s == state))
        .map(|r| r["page"]["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn corpus_status_counts_are_the_findings_counts() {
    let site = crate::portal::build_corpus();
    let status = status(site);
    assert_eq!(status["source_language"], "en");
    let languages = status["languages"].as_array().expect("languages");
    assert_eq!(languages.len(), 6);
    let mut copies = 0;
    for l in languages {
        let name = l["name"].as_str().unwrap();
        let count = |key: &str| l[key].as_u64().unwrap();
        let untranslated = summary_count(site, "untranslated-page", name);
        assert_eq!(count("untranslated"), untranslated, "{name}");
        copies += untranslated;
        let missing = summary_count(site, "missing-translation", name);
        assert_eq!(count("missing"), missing, "{name}");
        assert_eq!(
            count("pages"),
            count("translated") + count("untranslated") + count("other_language"),
            "{name}"
        );
    }
    assert!(copies > 0, "the corpus has untranslated copies");
    for (state, key, code) in [
        ("stale", "stale", "stale-translation"),
        ("tasks", "tasks_differ", "translation-tasks-differ"),
        ("steps", "steps_differ", "translation-steps-differ"),
        ("phase", "phase_differs", "translation-phase-differs"),
    ] {
        assert_eq!(rows_with(&status, state), files_with(site, code), "{state}");
        let counted: u64 = languages.iter().map(|l| l[key].as_u64().unwrap()).sum();
        assert_eq!(counted as usize, rows_with(&status, state).len(), "{state}");
    }
    assert!(!rows_with(&status, "stale").is_empty());
    // Every stale row names the source's changes since (the corpus's are all dated).
    for row in status["pages"].as_array().unwrap() {
        if let Some(stale) = row.get("stale") {
            let changes = stale["changes"].as_array().unwrap();
            assert!(!changes.is_empty(), "{row}");
            assert!(changes
                .iter()
                .all(|c| c["date"].as_str() > stale["date"].as_str()));
        }
    }

    // The page: one row per entry, each link leading to a built page; the language table's
    // homes too.
    let page = site.html("status.html");
    let rows = status["pages"].as_array().unwrap().len();
    assert_eq!(count(&page, ".status-rows tbody tr"), rows);
    assert_eq!(count(&page, ".status-languages tbody tr"), 6);
    let hrefs: Vec<String> = (page.select(&sel("main a[href]")))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(hrefs.len() > rows, "{}", hrefs.len());
    for href in &hrefs {
        let target = join("status.html", href).unwrap();
        assert!(site.out.join(&target).is_file(), "{href}");
    }
    // Rows carry what the filters read.
    let stale_rows = count(&page, ".status-rows tr[data-state~=\"stale\"]");
    assert_eq!(stale_rows, rows_with(&status, "stale").len());
    assert_eq!(
        count(&page, ".status-rows tr[data-language=\"es\"]"),
        (status["pages"].as_array().unwrap().iter())
            .filter(|r| r["language"] == "es")
            .count()
    );

    // Every page's footer links the dashboard (a language's home among them).
    for rel in [
        "es/index.html",
        "ja/tasks.html",
        "de/approach-get-modern-de.html",
    ] {
        let doc = site.html(rel);
        let href = attr(&doc, "footer a.status-link", "href").unwrap_or_default();
        assert_eq!(join(rel, &href).as_deref(), Some("status.html"), "{rel}");
    }
}

#[test]
fn a_site_of_one_language_has_no_dashboard() {
    let site = build_fixture("docfx");
    assert!(!site.out.join("status.json").exists());
    assert!(!site.out.join("status.html").exists());
    let home = site.html(&format!(
        "{}/index.html",
        site.built.site.config.languages[0].code
    ));
    assert_eq!(count(&home, "a.status-link"), 0);
}

#[test]
fn a_language_without_pages_is_all_missing() {
    let (_tmp, config) = fixture_copy("lint-translations");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[[languages]]\ncode = \"fr\"\nname = \"Français\"\nfolder = \"fr\"\nsuffix = \"-fr\"\n",
    );
    std::fs::write(&config, text).unwrap();
    std::fs::create_dir(config.with_file_name("content").join("fr")).unwrap();
    let site = build_with(&config, None);
    let status = status(&site);
    let fr = (status["languages"].as_array().unwrap().iter())
        .find(|l| l["code"] == "fr")
        .expect("fr");
    let sources = status["languages"][0]["pages"].as_u64().unwrap();
    assert_eq!(fr["pages"], 0);
    assert_eq!(fr["percent"], 0);
    assert_eq!(fr["missing"].as_u64(), Some(sources));
    let page = site.html("status.html");
    assert_eq!(
        count(
            &page,
            ".status-rows tr[data-language=\"fr\"][data-state=\"missing\"]"
        ),
        sources as usize
    );
}
