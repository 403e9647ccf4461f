//! Freshness findings land on the row at fault and can be fixed: `refresh-order` blames the
//! rows out of place (not the correct row below them), and `date-older-than-refresh` offers
//! the newest refresh date, written the way the page writes `ms.date`.

use crate::common;

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

/// A copy of the fixture after `cuaderno check --fix`.
fn fixed_copy() -> tempfile::TempDir {
    let (tmp, config) = fixture_copy("lint-freshness");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["--config", &config.to_string_lossy(), "check", "--fix"])
        .output()
        .expect("cuaderno runs");
    assert!(out.status.code().is_some(), "{out:?}");
    tmp
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
    let tmp = fixed_copy();
    let page = std::fs::read_to_string(tmp.path().join("content/typo-year.md")).expect("page");
    assert!(page.contains("ms.date: \"1/31/2020\"\n"), "{page}");
}

/// `stale-translation` looks past the source's maintenance rows (`maintenance_rows`) and names
/// the change the translation has to follow.
#[test]
fn a_maintenance_row_does_not_make_a_translation_stale() {
    let (tmp, config) = fixture_copy("lint-translations");
    let stale = |config: &std::path::Path| -> Vec<String> {
        let config = cuaderno::load_config(config, &Overrides::default()).expect("config");
        let (_, diags) = cuaderno::check(config).expect("check");
        diags
            .into_iter()
            .filter(|d| d.code == Code::StaleTranslation)
            .map(|d| d.message)
            .collect()
    };
    let source = tmp.path().join("content/en/kick-off.md");
    let text = std::fs::read_to_string(&source).expect("source");
    let text = text.replace(
        "| 03/01/2020 | Ada | Added the meeting |",
        "| 04/01/2020 | Ada | General maintenance |\n| 03/01/2020 | Ada | Added the meeting |",
    );
    std::fs::write(&source, text).expect("write");
    // Without the setting, the maintenance row is the change.
    assert_eq!(stale(&config).len(), 1);
    assert!(stale(&config)[0].contains("changed on 2020-04-01 (“General maintenance”)"));
    let toml = std::fs::read_to_string(&config).expect("site.toml");
    let toml = toml.replacen(
        "refresh_headings = [\"Refresh Summary\"]",
        "refresh_headings = [\"Refresh Summary\"]\nmaintenance_rows = [\"General Maintenance\"]",
        1,
    );
    std::fs::write(&config, toml).expect("write");
    let found = stale(&config);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("changed on 2020-03-01 (“Added the meeting”)"),
        "{found:?}"
    );
    // A translation updated after the real change is not stale, whatever maintenance followed.
    let page = tmp.path().join("content/es/kick-off-es.md");
    let text = std::fs::read_to_string(&page).expect("page");
    std::fs::write(
        &page,
        text.replace(
            "| 1/15/2020 | Ada | Desordenada |",
            "| 3/15/2020 | Ada | Desordenada |",
        ),
    )
    .expect("write");
    assert_eq!(stale(&config), Vec::<String>::new());
}

/// A language writes dates its own way (`24.10.2019`): its `date_formats` make those valid,
/// where the playbook's formats alone call them invalid.
#[test]
fn a_language_can_write_dates_its_own_way() {
    let (tmp, config) = fixture_copy("lint-freshness");
    let page = tmp.path().join("content/dotted.md");
    std::fs::write(
        &page,
        "---\ntitle: Dotted\nms.date: 10/24/2019\n---\n# Dotted\n\n## Refresh Summary\n\n| Date | Who | What |\n|---|---|---|\n| 24.10.2019 | A | Updated |\n",
    )
    .expect("write");
    let invalid = |config: &std::path::Path| {
        let config = cuaderno::load_config(config, &Overrides::default()).expect("config");
        let (_, diags) = cuaderno::check(config).expect("check");
        diags
            .iter()
            .filter(|d| d.code == Code::RefreshDateInvalid && d.file == "dotted.md")
            .count()
    };
    assert_eq!(invalid(&config), 1);
    let toml = std::fs::read_to_string(&config).expect("site.toml");
    let toml = toml.replace(
        "refresh_headings = [\"Refresh Summary\"]",
        "refresh_headings = [\"Refresh Summary\"]\ndate_formats = [\"D.M.Y\"]",
    );
    std::fs::write(&config, toml).expect("write");
    assert_eq!(invalid(&config), 0);
}

#[test]
fn each_language_reads_dates_its_own_way() {
    let diags = check();
    // `24.10.2019`, `1. 10. 2019`, `2019/10/01` and `2019 年 10 月 1 日` are dates in German and
    // Japanese although only `M/D/Y` is declared; `32.10.2019` is still not one.
    let dates = |file: &str| {
        diags
            .iter()
            .filter(|d| d.file == file)
            .filter(|d| matches!(d.code, Code::RefreshDateInvalid | Code::InvalidDate))
            .map(|d| d.position.expect("a position").line)
            .collect::<Vec<_>>()
    };
    assert_eq!(dates("de/lokal-de.md"), [13]);
    assert!(dates("ja/local-ja.md").is_empty(), "{diags:?}");
    let bad = diags
        .iter()
        .find(|d| d.code == Code::RefreshDateInvalid)
        .expect("32.10.2019");
    assert!(
        bad.message
            .contains("any of the formats M/D/Y, D.M.Y or Y-M-D"),
        "{}",
        bad.message
    );
    // The Japanese `ms.date` is as new as the newest row: no finding.
    assert!(lines(&diags, "ja/local-ja.md", Code::DateOlderThanRefresh).is_empty());
}

#[test]
fn the_date_field_is_named_in_site_toml() {
    let (tmp, config) = fixture_copy("lint-freshness");
    let text = std::fs::read_to_string(&config).expect("site.toml");
    let text = text
        .replace("[metadata]\n", "[metadata]\ndate_field = \"updated\"\n")
        .replace("\"ms.date\"", "\"updated\"");
    std::fs::write(&config, text).expect("site.toml");
    let page = tmp.path().join("content/typo-year.md");
    let source = std::fs::read_to_string(&page).expect("page");
    std::fs::write(&page, source.replace("ms.date:", "updated:")).expect("page");
    let config = cuaderno::load_config(&config, &Overrides::default()).expect("config");
    let diags = cuaderno::check(config).expect("check").1;
    let d = diags
        .iter()
        .find(|d| d.file == "typo-year.md" && d.code == Code::DateOlderThanRefresh)
        .expect("`updated` is older than the newest row");
    assert!(
        d.message.starts_with("`updated: 5/02/2019`"),
        "{}",
        d.message
    );
    assert_eq!(d.suggestion.as_deref(), Some("1/31/2020"));
}

/// A day-first table reads its ambiguous rows day-first (`5/08/2019` is August 5th beside
/// `26/02/2019`), and `--fix` writes `ms.date` only from a date whose reading is certain.
#[test]
fn ambiguous_dates_are_read_the_way_their_table_writes_and_never_fixed_on_a_guess() {
    let diags = check();
    let older = |file: &str| {
        diags
            .iter()
            .find(|d| d.file == file && d.code == Code::DateOlderThanRefresh)
            .unwrap_or_else(|| panic!("{file}: {diags:#?}"))
            .clone()
    };
    let decided = older("es/dia-primero-es.md");
    assert_eq!(
        decided.suggestion.as_deref(),
        Some("08/05/2019"),
        "{decided:?}"
    );
    assert!(decided.fixable);
    assert!(
        decided
            .message
            .contains("`5/08/2019` read day-first, as the table's other rows are written"),
        "{}",
        decided.message
    );
    let guessed = older("es/ambigua-es.md");
    assert!(!guessed.fixable, "{guessed:?}");
    assert!(
        guessed
            .message
            .contains("nothing in the table tells day from month"),
        "{}",
        guessed.message
    );
    assert!(
        lines(&diags, "es/dia-primero-es.md", Code::RefreshOrder).is_empty(),
        "in order once read day-first"
    );
    let tmp = fixed_copy();
    let read = |rel: &str| std::fs::read_to_string(tmp.path().join(rel)).expect("page");
    assert!(read("content/es/dia-primero-es.md").contains("ms.date: 08/05/2019\n"));
    assert!(read("content/es/ambigua-es.md").contains("ms.date: 01/01/2019\n"));
}
