//! Search as you type in the header box: `/` and Ctrl+K focus it, the first results show
//! under it from `file://`, arrow keys and Enter open one; without JavaScript it is a plain
//! form for the search page, which keeps its own box.

use crate::common;

use common::browser::*;
use common::*;

const PAGE: &str = "es/initiate-conduct-customer-kick-off-partner-es.html";

#[test]
fn the_header_box_is_a_form_for_the_search_page_and_names_its_scripts() {
    let s = common::corpus();
    let doc = s.html(PAGE);
    assert_eq!(
        attr(&doc, "header form.search-box", "action").as_deref(),
        Some("search.html")
    );
    assert_eq!(
        attr(&doc, "header form.search-box input", "name").as_deref(),
        Some("q")
    );
    let scripts = attr(&doc, "header form.search-box", "data-scripts").expect("data-scripts");
    let page_dir = s.out.join(PAGE);
    let page_dir = page_dir.parent().expect("folder");
    let scripts: Vec<&str> = scripts.split(' ').collect();
    assert!(
        scripts
            .last()
            .is_some_and(|s| s.ends_with("search/search.js")),
        "{scripts:?}"
    );
    assert!(
        scripts.iter().any(|s| s.ends_with("stem/spanish.js")),
        "{scripts:?}"
    );
    for script in &scripts {
        assert!(page_dir.join(script).is_file(), "{script} is in the site");
    }
    assert!(
        page_dir.join("search/index.js").is_file(),
        "the index beside the search page"
    );
    assert_eq!(count(&doc, "script[src$='static/search/quick.js']"), 1);
    // The search page has its own box: none in its header.
    let search = s.html("es/search.html");
    assert_eq!(count(&search, "header form.search-box"), 0);
    assert_eq!(count(&search, "form#search-form input[name=q]"), 1);
}

#[test]
fn typing_in_the_header_shows_results_and_the_keyboard_opens_one() {
    if !browser_available() {
        return;
    }
    let s = common::corpus();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    driver.size(1366, 900);
    driver.script_timeout(10_000);
    let page = format!("file://{}", s.out.join(PAGE).display());
    driver.go(&page);
    driver.wait_for("the page", "return document.readyState === 'complete'");
    // `/` from the page focuses the box, and the engine loads.
    driver.keys("", "/");
    let focused =
        "return document.activeElement === document.querySelector('form.search-box input')";
    driver.wait_for("the box to be focused by /", focused);
    driver.wait_for(
        "the engine",
        "return typeof window.cuadernoEngine === 'function'",
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    driver.js(
        "const box = document.getElementById('quick-results'); window.__shown = 0; \
         document.querySelector('form.search-box input').addEventListener('input', () => { window.__typed = performance.now(); window.__shown = 0; }); \
         new MutationObserver(() => { if (!window.__shown && box.children.length) window.__shown = performance.now(); }) \
           .observe(box, { childList: true });",
    );
    driver.keys("", "llevar a cabo el inicio");
    driver.wait_for(
        "the first results",
        "return !document.getElementById('quick-results').hidden && window.__shown > 0",
    );
    let waited = driver.js("return window.__shown - window.__typed");
    eprintln!("quick search: results {waited} ms after the last keystroke (file://, corpus)");
    assert!(waited.as_f64().is_some_and(|ms| ms < 2000.0), "{waited}");
    let first = driver
        .js("return document.querySelector('#quick-results [role=option] a').getAttribute('href')");
    assert!(
        first
            .as_str()
            .is_some_and(|h| h.starts_with("initiate-conduct-customer-kick-off-partner-es.html")),
        "the page of that title first: {first}"
    );
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifacts folder");
    driver.screenshot(&artifacts.join("quick-search-1366-light.png"));
    let expanded = driver
        .js("return document.querySelector('form.search-box input').getAttribute('aria-expanded')");
    assert_eq!(expanded, "true");
    let last = driver
        .js("return document.querySelector('#quick-results li:last-child a').getAttribute('href')");
    assert!(
        last.as_str()
            .is_some_and(|h| h.starts_with("search.html?q=")),
        "{last}"
    );
    // ArrowDown selects the first result, Enter opens it.
    driver.keys("", "\u{E015}");
    let selected = driver.js(
        "const i = document.querySelector('form.search-box input'); \
         return [i.getAttribute('aria-activedescendant'), document.querySelector('#quick-results [aria-selected=true]').id]",
    );
    assert_eq!(selected[0], selected[1]);
    assert_eq!(selected[0], "quick-0");
    driver.go(&format!("{page}#x"));
    driver.go(&page);
    driver.wait_for(
        "the page again",
        "return document.readyState === 'complete'",
    );
    // Ctrl+K focuses the box from the page; Escape closes the list.
    driver.keys("\u{E009}", "k");
    driver.wait_for("the box to be focused by Ctrl+K", focused);
    driver.keys("", "kick");
    let open = "return !document.getElementById('quick-results').hidden";
    driver.wait_for("results", open);
    driver.keys("", "\u{E00C}");
    assert_eq!(driver.js(open), false, "Escape closes the list");
    driver.keys("", "-off");
    driver.wait_for("results again", open);
    driver.keys("", "\u{E015}\u{E007}");
    driver.wait_for(
        "the result opened by Enter",
        &format!(
            "return location.href !== {:?} && document.readyState === 'complete'",
            page
        ),
    );
    assert!(driver.console_errors().is_empty());
    drop(driver);
    // The same list in dark mode, to look at.
    let dark_profile = tempdir();
    let dark = start_driver_with(dark_profile.path(), &["--force-dark-mode"]);
    dark.size(1366, 900);
    dark.go(&page);
    dark.wait_for("the dark page", "return document.readyState === 'complete'");
    dark.keys("", "/");
    dark.wait_for("the box to be focused", focused);
    dark.keys("", "revisión del éxito");
    dark.wait_for("results", open);
    dark.screenshot(&artifacts.join("quick-search-1366-dark.png"));
}
