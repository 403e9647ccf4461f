//! Task tables at their worst stay usable: duplicate ids on one page, an id in two phases, a
//! role of 80 characters without a space, a table of 40 columns and one of 1, a word of 2,000
//! characters, a page with no steps, a step with no role, and 5,000 tasks in one language. Nothing is silently dropped, and in
//! Chromium no cell leaves its table's box and no table leaves the main column.

use crate::common;

use common::browser::*;
use common::*;
use serde_json::Value;
use std::fs;

fn site_with_many_tasks() -> Site {
    let (tmp, config) = fixture_copy("tasks-bad");
    let mut rows =
        String::from("| Task ID | Task | M/O | Role | Services |\n|---|---|---|---|---|\n");
    for i in 0..5000 {
        rows.push_str(&format!(
            "| {} | Task {i} | M | Manager | Teams |\n",
            10_000 + i
        ));
    }
    fs::write(
        tmp.path().join("content/en/many.md"),
        format!("# Many tasks\n\nPhase: **Initiate**\n\n{rows}"),
    )
    .unwrap();
    // A task table of one column, a 2,000-character word and a long bare URL.
    fs::write(
        tmp.path().join("content/en/odd.md"),
        format!(
            "# Odd\n\nPhase: **Initiate**\n\n| Task ID |\n|---|\n| 601 |\n\n{}\n\nhttps://example.org/{}\n",
            "w".repeat(2000),
            "segment/".repeat(40)
        ),
    )
    .unwrap();
    let s = build_with(&config, Some(tmp.path().join("content")));
    // Keep the folder alive with the site.
    std::mem::forget(tmp);
    s
}

#[test]
fn the_task_index_keeps_every_task_and_reports_the_rest() {
    let s = site_with_many_tasks();
    let codes = s.codes();
    for code in ["duplicate-task-id", "invalid-mandatory-code"] {
        assert!(codes.contains(&code), "{code}: {codes:?}");
    }
    let index = s.html("en/tasks.html");
    let ids = select_all(&index, "table.task-index tbody th");
    assert_eq!(ids.len(), 5005, "ids 1-4, 601 and 5,000 more, each once");
    // Id 2 is on a page of each phase: both phases and both pages are listed.
    let two = select_all(&index, "tr#task-2 td");
    assert_eq!(two[4], "Initiate, Success");
    assert_eq!(count(&index, "tr#task-2 td:last-child a"), 2);
    // An unknown code is shown as written, not dropped.
    assert_eq!(select_all(&index, "tr#task-3 td")[1], "X");
    // The 40-column table is in a scroll region; the page without steps has no step facts.
    let c = s.html("en/c.html");
    assert_eq!(
        count(
            &c,
            "article .table-wrap[role=region] table tr:first-child th"
        ),
        40
    );
}

#[test]
fn wide_and_long_tables_stay_inside_their_boxes_in_a_browser() {
    if !browser_available() {
        return;
    }
    let s = site_with_many_tasks();
    let profile = tempdir();
    let driver = start_driver(profile.path());
    for (width, height) in [(1366, 900), (390, 844)] {
        driver.size(width, height);
        for rel in ["en/tasks.html", "en/a.html", "en/c.html", "en/odd.html"] {
            driver.go(&format!("file://{}", s.out.join(rel).display()));
            driver.wait_for(rel, "return document.readyState === 'complete'");
            let bad = driver.js(TABLES_OUT_OF_BOX);
            assert_eq!(bad, Value::Array(vec![]), "{rel} at {width}px");
            let wide = driver
                .js("const d = document.documentElement; return d.scrollWidth - d.clientWidth");
            assert!(
                wide.as_i64().is_some_and(|w| w <= 0),
                "{rel} at {width}px: {wide} px too wide"
            );
        }
    }
}

/// One fault, one finding: a task row a cell short, or shifted by a leading `||`, is reported
/// by the table rule alone, not again cell by cell (its role read as an M/O code, an empty id).
#[test]
fn a_row_of_the_wrong_width_is_one_finding() {
    let (tmp, config) = fixture_copy("tasks-bad");
    fs::write(
        tmp.path().join("content/en/shifted.md"),
        "# Shifted\n\nPhase: **Initiate**\n\n| Task ID | Task | M/O | Role | Services |\n|---|---|---|---|---|\n\
         | 501 | Short row | M Manager | Teams |\n|| 502 | Shifted row | M | Manager | Teams |\n| 503 | Good | Q | Manager | Teams |\n",
    )
    .unwrap();
    let config = cuaderno::load_config(&config, &cuaderno::Overrides::default()).unwrap();
    let (site, diags) = cuaderno::check(config).unwrap();
    // The shifted row is still task 502, read where its cells are.
    let page = site
        .pages
        .iter()
        .find(|p| p.file.rel == "en/shifted.md")
        .unwrap();
    let ids: Vec<&str> = page.playbook.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["501", "502", "503"]);
    let shifted = &page.playbook.tasks[1];
    assert_eq!(
        (shifted.name.as_str(), shifted.role.as_str()),
        ("Shifted row", "Manager")
    );
    let mine: Vec<(&str, usize)> = diags
        .iter()
        .filter(|d| d.file == "en/shifted.md")
        .map(|d| (d.code.name(), d.position.map_or(0, |p| p.line)))
        .collect();
    assert_eq!(
        mine,
        [
            ("table-missing-cells", 7),
            ("table-extra-cells", 8),
            ("invalid-mandatory-code", 9)
        ],
        "{mine:?}"
    );
}
