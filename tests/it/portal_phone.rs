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
