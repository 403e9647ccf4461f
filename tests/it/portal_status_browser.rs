//! The translation dashboard in headless Chromium, from `file://`: filters read from and kept
//! in the address, sorting by a column header, no sideways scrolling on a phone; screenshots
//! at 1366 and 390 px, light and dark, kept in `target/test-artifacts/` (look at them).

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;

const LOADED: &str = "return document.readyState === 'complete'";

#[test]
fn the_dashboard_filters_from_the_address_sorts_and_fits_a_phone() {
    if !browser_available() {
        return;
    }
    let s = crate::portal::build_corpus();
    let status: Value =
        serde_json::from_str(&std::fs::read_to_string(s.out.join("status.json")).unwrap()).unwrap();
    let stale_de = (status["pages"].as_array().unwrap().iter())
        .filter(|r| r["language"] == "de" && r["states"].to_string().contains("\"stale\""))
        .count();
    assert!(stale_de > 0);
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let page = format!("file://{}", s.out.join("status.html").display());

    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    driver.go(&format!("{page}?language=de&state=stale"));
    driver.wait_for("the dashboard", LOADED);
    let shown = driver.js("const f = document.querySelector('.status-filters'); \
         return [f.hidden, f.elements.language.value, f.elements.state.value, \
           document.querySelectorAll('.status-rows tbody tr:not([hidden])').length];");
    assert_eq!(
        shown,
        serde_json::json!([false, "de", "stale", stale_de]),
        "filters read from the address"
    );
    // Changing a filter changes the address, so the view can be shared.
    let search = driver.js(
        "const f = document.querySelector('.status-filters'); f.elements.state.value = 'missing'; \
         f.dispatchEvent(new Event('input')); return location.search;",
    );
    assert_eq!(search, Value::String("?language=de&state=missing".into()));
    // Sorting by the source column, both ways.
    let sorted = driver.js(
        "const f = document.querySelector('.status-filters'); f.elements.language.value = ''; \
         f.elements.state.value = ''; f.dispatchEvent(new Event('input')); \
         const th = document.querySelectorAll('.status-rows thead th')[4]; \
         const col = () => Array.from(document.querySelectorAll('.status-rows tbody tr')) \
           .map(r => r.cells[4].textContent.trim()); \
         const sorted = (a, up) => a.every((x, i) => i === 0 || \
           (up ? 1 : -1) * a[i - 1].localeCompare(x, undefined, { numeric: true }) <= 0); \
         th.querySelector('button').click(); const up = sorted(col(), true); \
         const first = th.getAttribute('aria-sort'); \
         th.querySelector('button').click(); const down = sorted(col(), false); \
         return [first, up, th.getAttribute('aria-sort'), down];",
    );
    assert_eq!(
        sorted,
        serde_json::json!(["ascending", true, "descending", true])
    );
    driver.go(&page);
    driver.wait_for("the dashboard", LOADED);
    driver.screenshot(&artifacts.join("status-1366-light.png"));
    driver.size(390, 844);
    driver.go(&page);
    driver.wait_for("the dashboard on a phone", LOADED);
    let width = driver.js("return document.documentElement.scrollWidth");
    assert!(width.as_u64().unwrap() <= 390, "{width} px wide at 390");
    driver.screenshot(&artifacts.join("status-390-light.png"));
    drop(driver);

    let dark_profile = tempdir();
    let dark = start_driver_with(dark_profile.path(), &["--force-dark-mode"]);
    for (w, h) in [(1366, 900), (390, 844)] {
        dark.size(w, h);
        dark.go(&page);
        dark.wait_for("the dark dashboard", LOADED);
        dark.screenshot(&artifacts.join(format!("status-{w}-dark.png")));
    }
}
