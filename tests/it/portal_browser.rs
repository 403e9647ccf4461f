//! The built corpus in headless Chromium, from `file://`, as a reader sees it: screenshots of
//! the Spanish home, a Spanish page no toc lists, a Chinese page, and a phone page with its menu
//! open, in light and dark, kept in `target/test-artifacts/` (look at them); and on a phone the
//! menu is at the top, closed, with the article right below it.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;
use std::path::Path;

fn url(out: &Path, rel: &str) -> String {
    format!("file://{}", out.join(rel).display())
}

#[test]
fn the_corpus_portal_in_a_browser_on_a_laptop_and_a_phone() {
    if !browser_available() {
        return;
    }
    let s = corpus();
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    let loaded = "return document.readyState === 'complete'";

    driver.size(1366, 900);
    for (rel, name) in [
        ("es/index.html", "es-home"),
        (
            "es/success-conduct-success-review-partner-es.html",
            "es-outside-toc",
        ),
        (
            "zh-Hans/assess-conduct-technical-assessment-partner-sc.html",
            "zh-Hans-page",
        ),
    ] {
        driver.go(&url(&s.out, rel));
        driver.wait_for(rel, loaded);
        // Wide screens show the sidebar's tree without opening anything.
        let shown = driver.js("const a = document.querySelector('.sidebar .menu li a'); \
             return !!a && a.getBoundingClientRect().width > 0;");
        assert_eq!(shown, Value::Bool(true), "{rel}: the sidebar is visible");
        driver.screenshot(&artifacts.join(format!("{name}.png")));
    }
    // The page no toc lists has its place: an open group and itself marked current.
    driver.go(&url(
        &s.out,
        "es/success-conduct-success-review-partner-es.html",
    ));
    driver.wait_for("the success page", loaded);
    let current = driver.js(
        "return document.querySelector('.sidebar li.current a[aria-current=page]').textContent",
    );
    assert_eq!(
        current,
        Value::String("Llevar a cabo una revisión del éxito".into())
    );

    driver.size(390, 844);
    driver.go(&url(&s.out, "es/tasks.html"));
    driver.wait_for("the phone page", loaded);
    let closed = driver.js("const m = document.querySelector('.menu'); \
         const s = m.querySelector('summary').getBoundingClientRect(); \
         const main = document.querySelector('main').getBoundingClientRect(); \
         return [m.open, s.height > 0, Math.round(s.top), Math.round(main.top)];");
    let values = closed.as_array().cloned().unwrap_or_default();
    assert_eq!(values[0], Value::Bool(false), "closed at first: {closed}");
    assert_eq!(
        values[1],
        Value::Bool(true),
        "the menu button shows: {closed}"
    );
    let (button, article) = (values[2].as_i64().unwrap(), values[3].as_i64().unwrap());
    assert!(
        button < 200 && article < 300,
        "menu at {button}, article at {article}"
    );
    driver.screenshot(&artifacts.join("es-phone-closed.png"));
    driver.js("document.querySelector('.menu > summary').click(); return true;");
    driver.wait_for(
        "the menu to open",
        "return document.querySelector('.menu').open",
    );
    driver.screenshot(&artifacts.join("es-phone-menu-open.png"));

    // Tables: no cell outside its table's box, no table wider than its scroll region or the
    // main column, at both widths; the task index filters from file://.
    for (width, height) in [(1366, 900), (390, 844)] {
        driver.size(width, height);
        for rel in [
            "de/tasks.html",
            "es/initiate-conduct-customer-kick-off-partner-es.html",
        ] {
            driver.go(&url(&s.out, rel));
            driver.wait_for(rel, loaded);
            let outside = driver.js(TABLES_OUT_OF_BOX);
            assert_eq!(outside, Value::Array(vec![]), "{rel} at {width}px");
        }
    }
    driver.size(1366, 900);
    driver.go(&url(&s.out, "es/tasks.html"));
    driver.wait_for("the task index", loaded);
    let filtered = driver.js("const f = document.querySelector('.task-filters'); \
         const all = document.querySelectorAll('.task-index tbody tr').length; \
         const phase = f.elements.phase; phase.value = phase.options[1].value; \
         f.dispatchEvent(new Event('input')); \
         const shown = document.querySelectorAll('.task-index tbody tr:not([hidden])').length; \
         return [f.hidden, all, shown];");
    let v = filtered.as_array().cloned().unwrap_or_default();
    assert_eq!(v[0], Value::Bool(false), "the filters show with script");
    let (all, shown) = (v[1].as_u64().unwrap(), v[2].as_u64().unwrap());
    assert!(
        shown > 0 && shown < all,
        "a phase filter keeps {shown} of {all}"
    );
    driver.screenshot(&artifacts.join("es-tasks-filtered.png"));

    // Dark, on a laptop, and one long page printed to PDF.
    drop(driver);
    let dark_profile = tempdir();
    let dark = start_driver_with(dark_profile.path(), &["--force-dark-mode"]);
    dark.size(1366, 900);
    dark.go(&url(
        &s.out,
        "de/initiate-conduct-customer-kick-off-partner-de.html",
    ));
    dark.wait_for("the dark page", loaded);
    let background = dark.js("return getComputedStyle(document.body).backgroundColor");
    assert_eq!(
        background,
        Value::String("rgb(13, 17, 23)".into()),
        "dark mode"
    );
    dark.screenshot(&artifacts.join("de-dark.png"));
    let pdf = artifacts.join("es-kick-off-print.pdf");
    let print_profile = tempdir();
    let printed = std::process::Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .args(["--disable-background-networking", "--no-first-run"])
        .arg(format!(
            "--user-data-dir={}",
            print_profile.path().display()
        ))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url(
            &s.out,
            "es/initiate-conduct-customer-kick-off-partner-es.html",
        ))
        .output()
        .unwrap();
    assert!(printed.status.success(), "{printed:?}");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
}
