//! Reader aids on a page: "Back to top" on pages with a long outline, and (in a browser) the
//! section being read marked in "On this page" as the reader scrolls.

use crate::common;

use common::browser::*;
use common::*;

const PAGE: &str = "es/initiate-conduct-customer-kick-off-partner-es.html";

#[test]
fn long_pages_have_back_to_top_and_their_outline_follows_the_reader() {
    let s = crate::portal::build_corpus();
    let doc = s.html(PAGE);
    assert!(count(&doc, ".on-this-page li") > 3);
    assert_eq!(
        attr(&doc, ".page-actions a.to-top", "href").as_deref(),
        Some("#content")
    );
    assert_eq!(count(&doc, "main#content"), 1);
    assert_eq!(
        select_all(&doc, ".page-actions a.to-top"),
        ["Volver arriba"]
    );
    if !browser_available() {
        return;
    }
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    driver.go(&format!("file://{}", s.out.join(PAGE).display()));
    driver.wait_for("the page", "return document.readyState === 'complete'");
    // Scroll the third outline entry's heading to the top: that entry is the current one.
    let marked = driver.js_async(
        "const done = arguments[arguments.length - 1]; \
         const links = document.querySelectorAll('.on-this-page a'); \
         const id = decodeURIComponent(links[2].getAttribute('href').slice(1)); \
         document.getElementById(id).scrollIntoView(); \
         setTimeout(() => done([links[2].getAttribute('aria-current'), \
           document.querySelectorAll('.on-this-page a[aria-current]').length]), 300);",
    );
    assert_eq!(marked, serde_json::json!(["location", 1]), "{marked}");
}

/// The language switcher opens a translation with the same sections at the section being
/// read, though its id differs there (by place: `?section=N`, turned back into `#id`).
#[test]
fn the_switcher_keeps_the_section_being_read() {
    if !browser_available() {
        return;
    }
    let s = crate::portal::build_corpus();
    let doc = s.html(PAGE);
    let ids: Vec<String> = (doc.select(&sel("article h2[id], article h3[id]")))
        .filter_map(|h| h.value().attr("id").map(String::from))
        .collect();
    let german = "de/initiate-conduct-customer-kick-off-partner-de.html";
    let theirs: Vec<String> = (s
        .html(german)
        .select(&sel("article h2[id], article h3[id]")))
    .filter_map(|h| h.value().attr("id").map(String::from))
    .collect();
    assert_eq!(ids.len(), theirs.len());
    assert_ne!(ids[3], theirs[3], "the ids differ between the languages");
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    driver.go(&format!("file://{}#{}", s.out.join(PAGE).display(), ids[3]));
    driver.wait_for("the page", "return document.readyState === 'complete'");
    driver.js("document.querySelector('.languages a[hreflang=de]').click(); return true;");
    driver.wait_for(
        "the German page",
        "return location.pathname.endsWith('-de.html') && document.readyState === 'complete'",
    );
    let there = driver
        .js("return [decodeURIComponent(location.hash), location.search, window.scrollY > 0];");
    assert_eq!(
        there,
        serde_json::json!([format!("#{}", theirs[3]), "", true])
    );
}

#[test]
fn every_task_row_has_a_link_to_copy_in_the_language_of_the_page() {
    let s = crate::portal::build_corpus();
    let doc = s.html(PAGE);
    let ids: Vec<String> = doc
        .select(&sel("main td > .task-id[id]"))
        .filter_map(|e| e.value().attr("id").map(|id| format!("#{id}")))
        .collect();
    assert!(ids.len() > 3, "{ids:?}");
    let links: Vec<String> = doc
        .select(&sel("main td > .task-id + a.anchor.task-link"))
        .filter_map(|e| e.value().attr("href").map(String::from))
        .collect();
    assert_eq!(links, ids);
    let labels = doc
        .select(&sel("main a.task-link"))
        .filter_map(|e| e.value().attr("aria-label"))
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(
        labels.into_iter().collect::<Vec<_>>(),
        ["Enlace a esta tarea"]
    );
    // The script that copies them is on the page.
    assert_eq!(count(&doc, "script[src$='static/outline.js']"), 1);
}
