//! `check --fix` round-trips the whole corpus: only the bytes of machine-applicable
//! suggestions change, every other byte of every file is kept, and `--dry-run` writes nothing.

use crate::common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_corpus() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let from = root().join("../shared/corpus/fasttrack-playbook");
    let to = tmp.path().join("fasttrack-playbook");
    copy_tree(&from, &to);
    (tmp, to)
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn check_json(content: &Path, extra: &[&str]) -> (serde_json::Value, std::process::Output) {
    let config = root().join("tests/corpus/site.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args([
            "--config",
            config.to_str().unwrap(),
            "check",
            "--content",
            content.to_str().unwrap(),
            "--format",
            "json",
        ])
        .args(extra)
        .output()
        .expect("run cuaderno");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (json, out)
}

/// The expected file after the fixes, spliced independently of cuaderno's own code: each
/// suggestion at its JSON span, a byte range into the file as stored (byte-order mark
/// included; 49 corpus diagnostics are in files that start with one).
fn expected(original: &[u8], fixes: &[(usize, usize, String)]) -> Vec<u8> {
    let mut out = original.to_vec();
    let mut sorted = fixes.to_vec();
    sorted.sort();
    for (start, end, new) in sorted.iter().rev() {
        out.splice(start..end, new.bytes());
    }
    out
}

#[test]
fn fix_changes_only_the_fixable_spans_of_the_whole_corpus() {
    let (_tmp, content) = copy_corpus();
    let before = files(&content);
    let (report, _) = check_json(&content, &[]);
    let mut fixes: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        if d["machine_applicable"] == true {
            let span = &d["span"];
            let entry = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
                d["suggestion"].as_str().unwrap().to_string(),
            );
            fixes
                .entry(d["file"].as_str().unwrap().to_string())
                .or_default()
                .push(entry);
        }
    }
    let count: usize = fixes.values().map(Vec::len).sum();
    assert!(
        count >= 30,
        "only {count} fixable diagnostics in the corpus"
    );

    let dry = Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args([
            "--config",
            root().join("tests/corpus/site.toml").to_str().unwrap(),
            "check",
            "--content",
            content.to_str().unwrap(),
            "--fix",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_eq!(dry.status.code(), Some(0));
    let diff = String::from_utf8_lossy(&dry.stdout);
    let added = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .count();
    let removed = diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .count();
    assert!(added > 0 && added == removed, "{diff}");
    assert_eq!(files(&content), before, "--dry-run wrote something");

    let (after_report, out) = check_json(&content, &["--fix"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!(
            "{count} fix(es) applied in {} file(s)",
            fixes.len()
        )),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = files(&content);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "files were added or removed"
    );
    for (rel, bytes) in &before {
        match fixes.get(rel) {
            None => assert!(&after[rel] == bytes, "{rel} changed without a fix"),
            Some(f) => assert!(
                after[rel] == expected(bytes, f),
                "{rel} differs from its original with only the fixes applied"
            ),
        }
    }
    let remaining = after_report["diagnostics"].as_array().unwrap();
    assert!(
        remaining.iter().all(|d| d["machine_applicable"] != true),
        "fixable diagnostics remain"
    );
    // Every other diagnostic stays, except orphans that a repaired link now reaches.
    let by_code = |r: &serde_json::Value| {
        r["summary"]["by_code"]
            .as_object()
            .cloned()
            .unwrap_or_default()
    };
    let (old, new) = (by_code(&report), by_code(&after_report));
    let fixed_per_code = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["machine_applicable"] == true)
        .fold(BTreeMap::new(), |mut m, d| {
            *m.entry(d["code"].as_str().unwrap().to_string())
                .or_insert(0u64) += 1;
            m
        });
    for (code, n) in &old {
        let n = n.as_u64().unwrap();
        let left = new.get(code).and_then(|v| v.as_u64()).unwrap_or(0);
        let expected = n - fixed_per_code.get(code).copied().unwrap_or(0);
        match code.as_str() {
            "orphan-page" => assert!(left <= expected, "{code}: {left} > {expected}"),
            _ => assert_eq!(left, expected, "{code}"),
        }
    }
}
