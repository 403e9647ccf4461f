//! `cuaderno status`: the portal's status.json data on standard output, one language's
//! pages, and with `--git` each stale translation's source diff since its last commit.

use crate::adoption::git;
use crate::common;

use common::*;
use std::path::Path;
use std::process::{Command, Output};

fn status(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(["--config", "site.toml", "status"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run")
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn status_prints_the_dashboards_data_and_one_language() {
    let (tmp, config) = fixture_copy("lint-translations");
    let built = build_with(&config, None);
    let portal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(built.out.join("status.json")).unwrap())
            .unwrap();
    assert_eq!(json(&status(tmp.path(), &["--format", "json"])), portal);

    let out = status(tmp.path(), &["--language", "es"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Español (es): "), "{text}");
    assert!(text.contains("es/kick-off-es.md"), "{text}");
    let out = status(tmp.path(), &["--language", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no language `fr`"));
}

#[test]
fn status_git_shows_the_sources_diff_since_the_translations_last_commit() {
    // In the system's temporary folder: the build's own is inside this repository.
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    copy_tree(&fixture("lint-translations"), dir);
    // Outside a repository, --git says so (exit 2).
    let out = status(dir, &["--git"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not inside a git repository"),
        "{out:?}"
    );
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "base"]);
    let source = dir.join("content/en/kick-off.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        format!("{text}\nA paragraph the translation lacks.\n"),
    )
    .unwrap();
    let data = json(&status(dir, &["--git", "--format", "json"]));
    let row = (data["pages"].as_array().unwrap().iter())
        .find(|r| r["page"]["path"] == "es/kick-off-es.md")
        .expect("the stale translation");
    let diff = &row["source_diff"];
    assert_eq!(diff["since"].as_str().map(str::len), Some(7), "{diff}");
    let lines = diff["diff"].as_str().unwrap();
    assert!(
        lines.contains("+A paragraph the translation lacks."),
        "{lines}"
    );
    assert_eq!(diff["more_lines"], 0);
    // Bounded.
    let data = json(&status(
        dir,
        &["--git", "--max-diff-lines", "3", "--format", "json"],
    ));
    let row = (data["pages"].as_array().unwrap().iter())
        .find(|r| r["page"]["path"] == "es/kick-off-es.md")
        .unwrap();
    assert_eq!(
        row["source_diff"]["diff"].as_str().unwrap().lines().count(),
        3
    );
    assert!(row["source_diff"]["more_lines"].as_u64().unwrap() > 0);
    // Without --git, no diff is computed.
    let data = json(&status(dir, &["--format", "json"]));
    assert!(data["pages"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r.get("source_diff").is_none()));
    // The text form shows it under the page.
    let out = status(dir, &["--git"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the source since the translation's last commit"),
        "{text}"
    );
}
