//! The banner of a stale translation lists the source's changes since the translation's date:
//! newest first, at most five and a count of the rest, each note as text.

use crate::common;

use common::*;

#[test]
fn a_stale_banner_lists_the_sources_newer_changes_bounded_and_escaped() {
    let (tmp, config) = fixture_copy("lint-translations");
    let source = tmp.path().join("content/en/kick-off.md");
    let text = std::fs::read_to_string(&source).expect("source");
    let mut rows = String::new();
    for month in (4..=10).rev() {
        let what = if month == 10 {
            "Added <script>alert(1)</script> notes".to_string()
        } else {
            format!("Change {month}")
        };
        rows.push_str(&format!("| {month:02}/01/2020 | Ada | {what} |\n"));
    }
    let text = text.replace(
        "| 03/01/2020 | Ada |",
        &format!("{rows}| 03/01/2020 | Ada |"),
    );
    std::fs::write(&source, text).expect("write");
    let site = build_with(&config, None);
    let page = site.html("es/kick-off-es.html");
    let items = select_all(&page, ".notice.stale .stale-changes li");
    // 8 changes are newer than the translation's 1/15/2020: five listed, then "3 more".
    assert_eq!(items.len(), 6, "{items:?}");
    // The note's text, never its tags (a refresh cell's HTML is not published).
    assert!(items[0].contains("Added alert(1) notes"), "{items:?}");
    assert!(items[1].contains("Change 9"), "{items:?}");
    assert!(items[4].contains("Change 6"), "{items:?}");
    assert!(items[5].contains('3'), "{items:?}");
    assert_eq!(count(&page, ".notice.stale script"), 0);
    assert_eq!(count(&page, ".notice.stale .stale-more"), 1);

    // The dashboard: status.json keeps all 8 changes, the page lists five and "3 more", as
    // text.
    let status: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.out.join("status.json")).unwrap())
            .unwrap();
    let row = (status["pages"].as_array().unwrap().iter())
        .find(|r| r["page"]["path"] == "es/kick-off-es.md")
        .expect("a row for the stale page");
    assert_eq!(row["stale"]["changes"].as_array().unwrap().len(), 8);
    assert_eq!(row["stale"]["changes"][0]["what"], "Added alert(1) notes");
    let dashboard = site.html("status.html");
    let listed = select_all(&dashboard, ".status-rows .stale-changes li");
    assert_eq!(listed.len(), 6, "{listed:?}");
    assert!(listed[5].contains('3'), "{listed:?}");
    assert_eq!(count(&dashboard, ".status-rows script"), 0);
}
