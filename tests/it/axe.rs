//! Accessibility, checked: axe-core (from `tests/axe/node_modules`, which `.ci/run` installs
//! with `npm ci --prefix tests/axe`) in headless Chromium over a fixed set of built corpus
//! pages (two search pages with results among them, and a print document), in light and dark, at desktop and phone width. Any violation of any impact fails.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;

const PAGES: &[&str] = &[
    "index.html",
    "es/index.html",
    "es/initiate-conduct-customer-kick-off-partner-es.html",
    "es/tasks.html",
    "es/l1l2l3-blocked-es.html",
    "ja/approach-get-modern-ftc-jp.html",
    "zh-Hans/404.html",
    "es/search.html?q=migracion",
    "ja/search.html?q=%E7%A7%BB%E8%A1%8C",
    "404.html",
    "status.html",
    "de/whats-new.html",
    "es/print.html",
];

fn axe_source() -> Option<String> {
    let path = root().join("tests/axe/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            let what = "this test needs axe-core: npm ci --prefix tests/axe (`.ci/run` does it)";
            assert!(std::env::var_os("CI").is_none(), "{what}");
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "SKIPPED: {what}");
            None
        }
    }
}

#[test]
fn axe_finds_no_violation_in_light_and_dark_on_desktop_and_phone() {
    if !browser_available() {
        return;
    }
    let Some(axe) = axe_source() else {
        return;
    };
    let s = corpus();
    let mut report = Vec::new();
    for (scheme, extra) in [("light", &[][..]), ("dark", &["--force-dark-mode"][..])] {
        let profile = tempdir();
        let driver = start_driver_with(profile.path(), extra);
        driver.script_timeout(60_000);
        for (width, height) in [(1366, 900), (390, 844)] {
            driver.size(width, height);
            for page in PAGES {
                let url = format!("file://{}", s.out.join(page).display());
                // The root page's script opens a language: keep it from doing so here.
                driver.go(&format!("{url}#axe"));
                driver.wait_for(page, "return document.readyState === 'complete'");
                driver.js("try { localStorage.clear(); } catch (e) {} return true;");
                driver.go(&url);
                driver.wait_for(page, "return document.readyState === 'complete'");
                // A search page shows its results first.
                driver.wait_for(
                    page,
                    "const s = document.getElementById('search-status'); return !s || s.textContent !== ''",
                );
                let here = driver.js("return location.pathname");
                let run = format!(
                    "{axe}\n;const done = arguments[arguments.length - 1]; \
                     axe.run(document, {{ resultTypes: ['violations'] }}).then(r => done(r.violations.map(v => \
                     v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))) \
                     .catch(e => done(['axe failed: ' + e]));"
                );
                let violations = driver.js_async(&run);
                let list = violations
                    .as_array()
                    .cloned()
                    .unwrap_or_else(|| vec![violations.clone()]);
                for v in list {
                    report.push(format!(
                        "{scheme} {width}px {page} ({here}): {}",
                        v.as_str().unwrap_or(&v.to_string())
                    ));
                }
            }
        }
    }
    assert!(
        report.is_empty(),
        "{} violation(s):\n{}",
        report.len(),
        report.join("\n")
    );
    let _ = Value::Null;
}
