//! Pages with an unresolved merge conflict: readers get the first side (HEAD) with no markers
//! and no commit hash, in the page, its task rows, the task index and the search index; the
//! error stays at the conflict's line.

use crate::common;

use common::*;

const MARKERS: [&str; 4] = ["<<<<<<<", "=======", ">>>>>>>", "4b48cb7"];

fn text_of(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn no_markers(text: &str, what: &str) {
    for m in MARKERS {
        assert!(!text.contains(m), "{what} shows {m}");
    }
}

#[test]
fn a_conflicted_table_is_published_as_its_first_side() {
    let s = build_fixture("lint-tables");
    let doc = s.html("en/conflict.html");
    assert_eq!(
        select_all(&doc, "main tbody .task-id"),
        ["900", "901", "902"]
    );
    let rows = select_all(&doc, "main tbody tr");
    assert!(rows[1].contains("Review") && !rows[1].contains("Review the plan"));
    no_markers(&text_of(&s, "en/conflict.html"), "the page");
    for rel in [
        "en/search/t0.js",
        "en/search/d0.js",
        "en/tasks.json",
        "en/tasks.html",
    ] {
        no_markers(&text_of(&s, rel), rel);
    }
    let conflict = s
        .built
        .diagnostics
        .iter()
        .find(|d| d.code.name() == "merge-conflict")
        .expect("the conflict is still an error");
    let line = conflict.position.map(|p| p.line);
    assert_eq!((conflict.file.as_str(), line), ("conflict.md", Some(8)));
}

#[test]
fn a_page_that_is_only_a_conflict_keeps_its_links_and_headings() {
    let (_tmp, config) = fixture_copy("lint-tables");
    let content = config.parent().expect("dir").join("content");
    std::fs::write(
        content.join("conflict.md"),
        "<<<<<<< HEAD\n# Ours\n\nSee [the other page](other.md#nowhere-else).\n=======\n# Theirs\n",
    )
    .expect("write");
    let s = build_with(&config, None);
    let doc = s.html("en/conflict.html");
    assert_eq!(
        (count(&doc, "main h1"), count(&doc, "main h1#ours")),
        (1, 1)
    );
    assert_eq!(count(&doc, "main h1#theirs"), 0);
    let href = attr(&doc, "main p a", "href").expect("the link is kept");
    assert!(href.starts_with("other.html"), "{href}");
    no_markers(&text_of(&s, "en/conflict.html"), "the page");
    // One error, at the file's first line; the findings inside the conflict are its own.
    let found: Vec<_> = s
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "conflict.md")
        .map(|d| (d.code.name(), d.position.map(|p| p.line)))
        .collect();
    assert_eq!(found, [("merge-conflict", Some(1))]);
}

#[test]
fn the_corpus_publishes_no_conflict_markers() {
    let s = common::corpus();
    for rel in [
        "pt-BR/approach-opp-365-standalone-pr.html",
        "pt-BR/enable-enable-services-partner-pr.html",
    ] {
        no_markers(&text_of(s, rel), rel);
        let doc = s.html(rel);
        assert!(
            count(&doc, "main tbody tr") > 0,
            "{rel} keeps its task rows"
        );
    }
    let doc = s.html("pt-BR/approach-opp-365-standalone-pr.html");
    let ids = select_all(&doc, "main tbody .task-id");
    assert_eq!(ids.iter().filter(|i| *i == "3080").count(), 1, "{ids:?}");
}
