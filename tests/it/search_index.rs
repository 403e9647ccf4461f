//! The search index a build writes: its structure against the built pages, weights, the
//! untranslated and the empty, a language without pages, a page of 100,000 words, and the
//! `[search]` settings.

use crate::common;

use common::search::*;
use common::*;

#[test]
fn the_fixture_index_matches_its_pages_in_every_language() {
    let s = build_fixture("search");
    for code in ["en", "ja", "de"] {
        check_index(&s.out, code);
        let page = s.html(&format!("{code}/search.html"));
        assert_eq!(
            count(&page, "form#search-form input#search-input[name=q]"),
            1
        );
        assert_eq!(count(&page, "#search-results"), 1);
        assert_eq!(count(&page, "#search-status[role=status]"), 1);
    }
    // Inflections meet: `migration`, `migrating` and `migrate` are one term.
    let pages = pages_with(&s.out, "en", "migrat");
    assert!(pages.contains(&"migrate.html".to_string()), "{pages:?}");
    assert!(pages.contains(&"index.html".to_string()), "{pages:?}");
    // Step and task names are indexed; task ids are terms.
    assert_eq!(pages_with(&s.out, "en", "cutov"), ["migrate.html"]);
    assert_eq!(pages_with(&s.out, "en", "1370"), ["migrate.html"]);
    // A word from the middle of a Japanese heading.
    assert_eq!(pages_with(&s.out, "ja", "計画"), ["migrate-ja.html"]);
    // German has no pages: an empty index, a search page all the same.
    let de = index_file(&s.out, "de/search/index.js");
    assert_eq!(de["n"], 0);
    assert_eq!(de["shards"].as_array().map(Vec::len), Some(0));
    // The header of every page has a search box that works without JavaScript.
    let page = s.html("en/migrate.html");
    assert_eq!(
        attr(&page, "header form.search-box", "action").as_deref(),
        Some("search.html")
    );
    assert_eq!(
        count(&page, "header form.search-box input[name=q][type=search]"),
        1
    );
}

/// The score of `term` in each page that has it (URL → score).
fn scores(out: &std::path::Path, term: &str) -> std::collections::BTreeMap<String, u64> {
    let manifest = index_file(out, "en/search/index.js");
    let shards = manifest["shards"].as_array().expect("shards").len();
    let mut found = std::collections::BTreeMap::new();
    for i in 0..shards {
        let shard = index_file(out, &format!("en/search/t{i}.js"));
        if let Some(value) = shard.get(term) {
            for [doc, score, _] in postings(value) {
                let doc = doc_record(out, "en", doc as usize);
                found.insert(doc["u"].as_str().expect("u").to_string(), score);
            }
        }
    }
    found
}

#[test]
fn titles_outweigh_body_text() {
    let s = build_fixture("search");
    // `migrat`: in the title of migrate.html and once in its body; once in index.html's body.
    let migrat = scores(&s.out, "migrat");
    assert!(
        migrat["migrate.html"] > migrat["index.html"] + 6,
        "{migrat:?}"
    );
    // Turning the title's weight down turns the order around.
    let (_tmp, config) = fixture_copy("search");
    let text = std::fs::read_to_string(&config).expect("site.toml");
    std::fs::write(
        &config,
        text.replace("title = 10", "title = 0\nheading = 0"),
    )
    .expect("write");
    let s = build_with(&config, None);
    let migrat = scores(&s.out, "migrat");
    assert!(
        migrat["migrate.html"] <= migrat["index.html"] + 1,
        "{migrat:?}"
    );
}

#[test]
fn a_page_of_100000_words_and_an_untranslated_copy_still_index() {
    let (_tmp, config) = fixture_copy("search");
    let content = config.parent().expect("folder").join("content");
    let mut big = String::from("---\ntitle: Big\n---\n# Big\n\n");
    for i in 0..100_000 {
        big.push_str(["alpha ", "beta ", "gamma ", "delta\n"][i % 4]);
        if i % 5_000 == 0 {
            big.push_str(&format!("\n## Part {i}\n\nwordnumber{i} "));
        }
    }
    std::fs::write(content.join("en/big.md"), big).expect("write");
    let s = build_with(&config, None);
    check_index(&s.out, "en");
    let doc = (0..4)
        .map(|i| doc_record(&s.out, "en", i))
        .find(|d| d["u"] == "big.html")
        .expect("the big page is indexed");
    // Excerpt text is capped, so a result never loads the whole page.
    let size = serde_json::to_string(&doc).expect("json").len();
    assert!(size < 4_000, "the big page's record is {size} bytes");
    assert_eq!(pages_with(&s.out, "en", "wordnumber95000"), ["big.html"]);
    // An English page in the Japanese folder is indexed there, marked as untranslated.
    let ja = index_file(&s.out, "ja/search/index.js");
    let copies = (0..ja["n"].as_u64().expect("n"))
        .map(|i| doc_record(&s.out, "ja", i as usize))
        .filter(|d| d["c"] == 1)
        .count();
    assert!(copies >= 1, "untranslated copies are marked");
}

#[test]
fn search_can_be_turned_off_and_a_bad_stemmer_is_a_config_error() {
    let (_tmp, config) = fixture_copy("search");
    let text = std::fs::read_to_string(&config).expect("site.toml");
    let typo = text.replace("[search.weights]", "[search.weightz]");
    std::fs::write(&config, typo).expect("write");
    let err = cuaderno::load_config(&config, &Default::default()).expect_err("unknown key");
    let err = format!("{err:#}");
    assert!(
        err.contains("site.toml:") && err.contains("weightz"),
        "{err}"
    );
    let off = format!("{text}\n[search]\nenabled = false\n");
    std::fs::write(&config, off).expect("write");
    let s = build_with(&config, None);
    assert!(!s.out.join("en/search.html").exists());
    assert!(!s.out.join("en/search").exists());
    assert_eq!(count(&s.html("en/migrate.html"), "form.search-box"), 0);
    std::fs::write(
        &config,
        text.replace("stemmer = \"none\"", "stemmer = \"klingon\""),
    )
    .expect("write");
    let err = cuaderno::load_config(&config, &Default::default()).expect_err("bad stemmer");
    assert!(
        format!("{err:#}").contains("unknown stemmer `klingon`"),
        "{err:#}"
    );
}
