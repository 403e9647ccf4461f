//! Freshness findings land on the row at fault and can be fixed: `refresh-order` blames the
//! rows out of place (not the correct row below them), and `date-older-than-refresh` offers
//! the newest refresh date, written the way the page writes `ms.date`.

mod common;

use common::*;
use cuaderno::{Code, Overrides};

fn check() -> Vec<cuaderno::Diagnostic> {
    let config = cuaderno::load_config(
        &fixture("lint-freshness").join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    cuaderno::check(config).expect("check").1
}

fn lines(diags: &[cuaderno::Diagnostic], file: &str, code: Code) -> Vec<usize> {
    diags
        .iter()
        .filter(|d| d.file == file && d.code == code)
        .map(|d| d.position.expect("a position").line)
        .collect()
}

#[test]
fn the_rows_out_of_place_are_blamed() {
    let diags = check();
    // The two 2018 rows sit above the 2019 rows and the older 2018 ones: they are the ones
    // to move (the old rule blamed the correct `03/06/2019` below them).
    assert_eq!(
        lines(&diags, "two-old-rows.md", Code::RefreshOrder),
        [12, 13]
    );
    let first = diags
        .iter()
        .find(|d| d.file == "two-old-rows.md" && d.code == Code::RefreshOrder)
        .expect("a finding");
    assert!(
        first.message.contains("belongs below `11/01/2018`"),
        "{}",
        first.message
    );
    // `1/10/2019` between `1/31/2020` and `12/6/2019`: the typo is blamed, not `12/6/2019`.
    assert_eq!(lines(&diags, "typo-year.md", Code::RefreshOrder), [13]);
}

#[test]
fn an_old_ms_date_is_fixed_to_the_newest_row_in_the_pages_own_way() {
    let diags = check();
    let d = diags
        .iter()
        .find(|d| d.file == "typo-year.md" && d.code == Code::DateOlderThanRefresh)
        .expect("ms.date is older than 1/31/2020");
    // The future row (its own finding) is not the newest date; `5/02/2019` pads the day.
    assert_eq!(d.suggestion.as_deref(), Some("1/31/2020"));
    assert!(d.fixable);
    assert_eq!(d.position.expect("position").line, 3);
    assert!(lines(&diags, "two-old-rows.md", Code::DateOlderThanRefresh).is_empty());
    // `check --fix` writes it inside the quotes.
    let (tmp, config) = fixture_copy("lint-freshness");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["--config", &config.to_string_lossy(), "check", "--fix"])
        .output()
        .expect("cuaderno runs");
    assert!(out.status.code().is_some(), "{out:?}");
    let page = std::fs::read_to_string(tmp.path().join("content/typo-year.md")).expect("page");
    assert!(page.contains("ms.date: \"1/31/2020\"\n"), "{page}");
}
