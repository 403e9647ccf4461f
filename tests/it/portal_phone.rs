//! The corpus portal on a 390 px phone in headless Chromium: no page scrolls sideways (long
//! German words, raw URLs, wide tables and code blocks wrap or scroll inside their box), and
//! a page's FTOP task table is a list of cards, each cell labelled with its header. On a
//! laptop the same table is a table. Screenshots in `target/test-artifacts/`.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;

/// Pages that scrolled sideways at 390 px before (37 in all), one or more per cause.
const WIDE_BEFORE: &[&str] = &[
    "de/approach-get-modern-ftc-de.html",
    "de/assess-conduct-services-workshops-partner-de.html",
    "de/guidance-fm-notes-partner-de.html",
    "de/initiate-review-meeting-cadence-partner-de.html",
    "de/l1l2l3-blocked-app-compatibility-de.html",
    "de/status-guidance-entitlement-status-notes-partner-de.html",
    "en/multiple-phases-automated-onboarding-assistance-partner.html",
    "es/l1l2l3-blocked-security-privacy-non-product-feature-es.html",
    "ja/approach-get-modern-ftc-jp.html",
    "pt-BR/enable-enable-services-partner-pr.html",
];

const OVERFLOW: &str = "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];";

const CARD: &str = "const tr = document.querySelector('.ftop-tasks tbody tr'); \
     const td = tr.querySelectorAll('td')[3]; \
     return [getComputedStyle(tr).display, getComputedStyle(td, '::before').content, \
             Math.round(tr.getBoundingClientRect().right) <= document.documentElement.clientWidth];";

#[test]
fn pages_fit_a_phone_and_task_tables_are_cards_there() {
    if !browser_available() {
        return;
    }
    let s = corpus();
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    let loaded = "return document.readyState === 'complete'";
    let url = |rel: &str| format!("file://{}", s.out.join(rel).display());

    driver.size(390, 844);
    for rel in WIDE_BEFORE {
        driver.go(&url(rel));
        driver.wait_for(rel, loaded);
        let v = driver.js(OVERFLOW);
        let (scroll, client) = (v[0].as_i64().unwrap(), v[1].as_i64().unwrap());
        assert!(
            scroll <= client,
            "{rel}: {scroll} px wide in a {client} px phone"
        );
    }
    let page = "de/assess-conduct-services-workshops-partner-de.html";
    driver.go(&url(page));
    driver.wait_for(page, loaded);
    let card = driver.js(CARD);
    assert_eq!(card[0], Value::String("block".into()), "a card: {card}");
    assert_eq!(
        card[1],
        Value::String("\"FastTrack-Rolle: \"".into()),
        "{card}"
    );
    assert_eq!(card[2], Value::Bool(true), "inside the screen: {card}");
    driver.js("document.querySelector('.ftop-tasks').scrollIntoView(); return true;");
    driver.screenshot(&artifacts.join("de-task-cards-phone.png"));

    driver.size(1366, 900);
    driver.go(&url(page));
    driver.wait_for(page, loaded);
    let card = driver.js(CARD);
    assert_eq!(
        card[0],
        Value::String("table-row".into()),
        "a table row: {card}"
    );
    assert_eq!(card[1], Value::String("none".into()), "no label: {card}");
}

/// Every page of the corpus at 390 px: none wider than the screen, no task table that needs
/// sideways scrolling (its scroll region as wide as its content).
#[test]
fn no_corpus_page_and_no_task_table_is_wider_than_a_phone() {
    if !browser_available() {
        return;
    }
    let s = corpus();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(390, 844);
    let site = &s.built.site;
    let pages: Vec<&str> = (0..site.config.languages.len())
        .flat_map(|l| site.published(l))
        .map(|p| site.pages[p].locale.out_rel.as_str())
        .collect();
    assert!(pages.len() > 390, "{}", pages.len());
    let measure = "const d = document.documentElement; \
        const wide = [...document.querySelectorAll('.ftop-tasks')] \
          .filter(t => t.scrollWidth > t.clientWidth + 1).length; \
        return [d.scrollWidth, d.clientWidth, wide, document.querySelectorAll('.ftop-tasks').length];";
    let mut bad = Vec::new();
    let mut tables = 0;
    for rel in &pages {
        driver.go(&format!("file://{}", s.out.join(rel).display()));
        let v = driver.js(measure);
        let n = |i: usize| v[i].as_i64().unwrap_or(-1);
        tables += n(3);
        if n(0) > n(1) || n(2) != 0 {
            bad.push(format!(
                "{rel}: {} px in {} px, {} task table(s) scroll",
                n(0),
                n(1),
                n(2)
            ));
        }
    }
    assert!(
        tables > 250,
        "the corpus's task tables were measured ({tables})"
    );
    assert!(bad.is_empty(), "{} page(s):\n{}", bad.len(), bad.join("\n"));
}

/// The Spanish seed page and its task table at 390 px, light and dark, kept to look at.
#[test]
fn seed_page_and_task_table_screenshots_on_a_phone() {
    if !browser_available() {
        return;
    }
    let s = corpus();
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let url = format!(
        "file://{}",
        s.out
            .join("es/initiate-conduct-customer-kick-off-partner-es.html")
            .display()
    );
    for (scheme, extra) in [("light", &[][..]), ("dark", &["--force-dark-mode"][..])] {
        let profile = tempdir();
        let driver = start_driver_with(profile.path(), extra);
        driver.size(390, 844);
        driver.go(&url);
        driver.wait_for("the page", "return document.readyState === 'complete'");
        // The title is on the first screen.
        let top = driver.js("return document.querySelector('main h1').getBoundingClientRect().top");
        assert!(
            top.as_f64().is_some_and(|t| t < 500.0),
            "{scheme}: the title at {top} px"
        );
        driver.screenshot(&artifacts.join(format!("es-seed-390-{scheme}.png")));
        driver.js("document.querySelector('.ftop-tasks').scrollIntoView(); return 1");
        driver.screenshot(&artifacts.join(format!("es-task-table-390-{scheme}.png")));
    }
}
