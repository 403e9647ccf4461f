//! `inconsistent-task` compares what a task means, and blames the page against the others:
//! short forms of a role (`role_aliases`), dash variants, a final period and M/O codes of one
//! meaning are the same task; a garbled role or a renamed task is reported once, on its page,
//! naming the pages that agree.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};

#[test]
fn the_page_at_fault_is_blamed_once() {
    let config = cuaderno::load_config(
        &fixture("lint-task-consistency").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    let (_, diags) = cuaderno::check(config).expect("check");
    let found: Vec<(String, usize, usize)> = diags
        .iter()
        .filter(|d| d.code == Code::InconsistentTask)
        .map(|d| {
            let p = d.position.expect("position");
            (d.file.clone(), p.line, p.column)
        })
        .collect();
    // c.md: task 100's garbled role (column of the role cell), task 200's other name.
    // d.md: a garbled role that the language writes nowhere else loses to its house style,
    // even against one page.
    assert_eq!(
        found,
        [
            ("c.md".to_string(), 5, 44),
            ("c.md".to_string(), 6, 9),
            ("d.md".to_string(), 5, 22),
        ],
        "{diags:#?}"
    );
    let c = diags
        .iter()
        .find(|d| d.code == Code::InconsistentTask && d.file == "c.md")
        .expect("c.md");
    assert!(
        c.message
            .contains("2 other pages (`a.md`, `b.md`) have role `FastTrack Engineer`"),
        "{}",
        c.message
    );
    assert!(c.help.is_some());
}
