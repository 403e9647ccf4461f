//! Playbook structure written wrong: a step label one letter off (`Aplica a` for `Aplicar a`)
//! is reported with a fix and still read, so the step keeps its data, while other labels
//! (`Rol secundario`) and short ones are not guessed at; a merge conflict is one error, not a
//! dozen findings about the rows it doubled.

use crate::common;

use common::*;
use cuaderno::{Code, Overrides};

#[test]
fn near_miss_labels_are_read_and_reported_with_a_fix() {
    let config = cuaderno::load_config(
        &fixture("lint-labels").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    let (site, diags) = cuaderno::check(config).expect("check");
    let found: Vec<(usize, usize, Option<&str>, bool)> = diags
        .iter()
        .filter(|d| d.code == Code::UnknownLabel)
        .map(|d| {
            let p = d.position.expect("a position");
            (p.line, p.column, d.suggestion.as_deref(), d.fixable)
        })
        .collect();
    assert_eq!(
        found,
        [
            (7, 1, Some("Rol principal"), true),
            (8, 1, Some("Aplicar a"), true)
        ]
    );
    let steps = &site.pages[0].playbook.steps;
    assert_eq!(steps.len(), 2);
    let value = |l: &Option<cuaderno::playbook::Labeled>| l.as_ref().map(|l| l.value.clone());
    assert_eq!(value(&steps[0].role).as_deref(), Some("Administrador"));
    assert_eq!(
        value(&steps[0].applies_to).as_deref(),
        Some("Todos los servicios")
    );
}

#[test]
fn check_fix_writes_the_known_label() {
    let (tmp, config) = fixture_copy("lint-labels");
    let dir = tmp.path();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["check", "--fix", "--config"])
        .arg(&config)
        .output()
        .expect("run cuaderno");
    assert!(out.status.code().is_some(), "{out:?}");
    let page = std::fs::read_to_string(dir.join("content/index.md")).expect("page");
    assert!(
        page.contains("\nRol principal: **Administrador**\nAplicar a: **Todos"),
        "{page}"
    );
    assert!(
        page.contains("\nRol secundario: **Ingeniero**\nFas: **Éxito**\n"),
        "{page}"
    );
}

#[test]
fn a_merge_conflict_is_one_error_and_silences_what_it_causes() {
    let config = cuaderno::load_config(
        &fixture("lint-tables").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    let (site, diags) = cuaderno::check(config).expect("check");
    let here: Vec<(Code, usize)> = diags
        .iter()
        .filter(|d| d.file == "conflict.md")
        .map(|d| (d.code, d.position.expect("a position").line))
        .collect();
    // Not: two rows of one cell, two task ids `<<<<<<< HEAD` and `=======`, task 901 twice.
    assert_eq!(here, [(Code::MergeConflict, 8)], "{diags:#?}");
    let message = &diags
        .iter()
        .find(|d| d.file == "conflict.md")
        .expect("one")
        .message;
    assert!(message.contains("lines 8–12"), "{message}");
    let page = site
        .pages
        .iter()
        .find(|p| p.file.rel == "conflict.md")
        .expect("page");
    let ids: Vec<&str> = page.playbook.tasks.iter().map(|t| t.id.as_str()).collect();
    // `>>>>>>>` opens a block quote, which ends the table: row 902 is quoted text, as readers
    // see it until the conflict is resolved.
    assert_eq!(ids, ["900", "901", "901"]);
}
