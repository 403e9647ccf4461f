//! `check`: one fixture per rule family with golden output in every format, the JSON and
//! SARIF reports validated against their schemas, exit codes, and `--fix`.
//! `BLESS=1 cargo test --test lint` rewrites the goldens after a deliberate change.

use crate::common;

use common::*;
use cuaderno::report::{self, Format, Options};
use cuaderno::Overrides;
use std::path::{Path, PathBuf};
use std::process::Command;

const FAMILIES: [&str; 4] = [
    "lint-links",
    "lint-metadata",
    "lint-tables",
    "lint-translations",
];
const FORMATS: [(Format, &str); 5] = [
    (Format::Human, "txt"),
    (Format::Short, "short"),
    (Format::Json, "json"),
    (Format::Github, "github"),
    (Format::Sarif, "sarif"),
];

fn check(fixture: &str) -> (cuaderno::Site, Vec<cuaderno::Diagnostic>) {
    let config = cuaderno::load_config(
        &fixture_path(fixture).join("site.toml"),
        &Overrides::default(),
    )
    .expect("config");
    cuaderno::check(config).expect("check")
}

fn fixture_path(name: &str) -> PathBuf {
    fixture(name)
}

fn render(site: &cuaderno::Site, diags: &[cuaderno::Diagnostic], format: Format) -> String {
    let lookup = |rel: &str| {
        site.index
            .page_by_rel
            .get(rel)
            .map(|&p| &site.pages[p].file)
    };
    report::render(
        diags,
        &lookup,
        &Options {
            format,
            color: false,
            prefix: String::new(),
            max_per_code: None,
            summary: true,
        },
    )
}

#[test]
fn every_family_matches_its_golden_output_in_every_format() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for family in FAMILIES {
        let (site, diags) = check(family);
        assert!(
            diags.len() >= 8,
            "{family}: only {} diagnostics",
            diags.len()
        );
        for (format, ext) in FORMATS {
            let actual = render(&site, &diags, format);
            let path = root()
                .join("tests/golden/lint")
                .join(format!("{family}.{ext}"));
            if bless {
                std::fs::write(&path, &actual).expect("write golden");
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(actual.as_str()) {
                failures.push(format!(
                    "{} differs (BLESS=1 to rewrite):\n{actual}",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for entry in std::fs::read_dir(root().join("tests/golden/lint")).expect("golden dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let known = FAMILIES
            .iter()
            .any(|f| FORMATS.iter().any(|(_, ext)| name == format!("{f}.{ext}")));
        assert!(
            known,
            "tests/golden/lint/{name} belongs to no fixture and format: delete it"
        );
    }
}

fn validator(schema: &Path) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(schema).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
    // The published SARIF 2.1.0 schema has a stray `]` in the pattern of `run.language`,
    // which makes the schema itself invalid; that one character is removed before compiling.
    let text = text.replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}?$");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

/// The SARIF 2.1.0 schema shipped in the serde-sarif crate's source.
fn sarif_schema() -> PathBuf {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(root())
        .output()
        .expect("cargo metadata");
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let manifest = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif in the dependency graph");
    Path::new(manifest)
        .with_file_name("src")
        .join("schema.json")
}

#[test]
fn json_and_sarif_reports_validate_against_their_schemas() {
    let json_schema = validator(&root().join("docs/report.schema.json"));
    let sarif = validator(&sarif_schema());
    for family in FAMILIES {
        let (site, diags) = check(family);
        let json: serde_json::Value =
            serde_json::from_str(&render(&site, &diags, Format::Json)).expect("json");
        let errors: Vec<String> = json_schema
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{family} JSON: {errors:#?}");
        let report: serde_json::Value =
            serde_json::from_str(&render(&site, &diags, Format::Sarif)).expect("sarif");
        let errors: Vec<String> = sarif
            .iter_errors(&report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{family} SARIF: {errors:#?}");
        let typed: serde_sarif::sarif::Sarif =
            serde_json::from_value(report.clone()).expect("serde-sarif reads it");
        assert_eq!(
            typed.runs[0].results.as_ref().map(Vec::len),
            Some(diags.len())
        );
        // The validators do reject what breaks the schemas.
        let mut bad = json.clone();
        bad["diagnostics"][0]["severity"] = "fatal".into();
        assert!(!json_schema.is_valid(&bad));
        let mut bad = report;
        bad["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!sarif.is_valid(&bad));
    }
}

fn cuaderno(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cuaderno"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run cuaderno")
}

#[test]
fn exit_codes_follow_errors_and_deny_warnings() {
    let config = |f: &str| fixture(f).join("site.toml").display().to_string();
    assert_eq!(
        cuaderno(&["--config", &config("lint-links"), "check", "-q"])
            .status
            .code(),
        Some(1)
    );
    let clean = tempdir();
    std::fs::create_dir_all(clean.path().join("content")).unwrap();
    std::fs::write(clean.path().join("content/index.md"), "# Clean\n").unwrap();
    std::fs::write(
        clean.path().join("content/other.md"),
        "# Other\n\n[Home](index.md)\n\n## Warn\n\n[x](index.md#nowhere)\n",
    )
    .unwrap();
    let site = clean.path().join("site.toml");
    std::fs::write(&site, "title = \"t\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n").unwrap();
    let site = site.display().to_string();
    assert_eq!(
        cuaderno(&["--config", &site, "check"]).status.code(),
        Some(0),
        "a warning alone passes"
    );
    assert_eq!(
        cuaderno(&["--config", &site, "check", "--deny", "warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn config_mistakes_exit_2_with_a_pointer() {
    let tmp = tempdir();
    let site = tmp.path().join("site.toml");
    let base = "title = \"t\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n";
    std::fs::write(&site, format!("{base}[lints]\nbroken-lnk = \"allow\"\n")).unwrap();
    let out = cuaderno(&["--config", site.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("site.toml:7:1: unknown lint `broken-lnk`")
            && err.contains("did you mean `broken-link`?"),
        "{err}"
    );
    std::fs::write(
        &site,
        format!("{base}[metadata.fields.owner]\npattern = \"(unclosed\"\n"),
    )
    .unwrap();
    let out = cuaderno(&["--config", site.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("owner") && err.contains("regular expression"),
        "{err}"
    );
}

/// Mistakes TOML accepts: each is exit 2 at its place in site.toml, with what to do.
#[test]
fn site_toml_mistakes_are_refused_where_they_are() {
    let tmp = tempdir();
    std::fs::create_dir_all(tmp.path().join("content/spanish")).unwrap();
    let site = tmp.path().join("site.toml");
    let en = "[[languages]]\ncode = \"en\"\nname = \"English\"\n";
    let cases: [(String, &str); 10] = [
        (
            format!("edit_url = \"https://example.org/edit/main\"\n{en}"),
            "site.toml:3:1: `edit_url` `https://example.org/edit/main` has no `{path}`",
        ),
        (
            format!("edit_url = \"javascript:alert(1)//{{path}}\"\n{en}"),
            "site.toml:3:1: `edit_url` `javascript:alert(1)//{path}` is not an http(s) address",
        ),
        (
            format!("issue_url = \" JavaScript:alert(1)\"\n{en}"),
            "site.toml:3:1: `issue_url` ` JavaScript:alert(1)` is not an http(s) address",
        ),
        (
            format!("{en}[[languages]]\ncode = \"EN\"\nname = \"E\"\nsuffix = \"-E\"\n"),
            "site.toml:7:8: language code `EN` differs from `en` only in case",
        ),
        (
            format!("{en}[[languages]]\ncode = \"static\"\nname = \"S\"\nsuffix = \"-s\"\n"),
            "site.toml:7:8: language code `static` is a name the output already uses",
        ),
        (
            format!("phases = [\"a\", \"b\", \"a\"]\n{en}"),
            "site.toml:3:1: phase `a` is listed twice",
        ),
        (
            format!("[playbook]\ndate_formats = []\n{en}"),
            "site.toml:4:1: `[playbook] date_formats` is empty",
        ),
        (
            format!("[playbook]\ndate_formats = [\"MM/DD\"]\n{en}"),
            "site.toml:4:17: date format `MM/DD` has no year",
        ),
        (
            format!("{en}folder = \"../elsewhere\"\n"),
            "site.toml:6:10: folder `../elsewhere` of language `en` is outside the content folder",
        ),
        (
            format!("{en}folder = \"spanihs\"\n"),
            "site.toml:6:10: folder `spanihs` of language `en` does not exist",
        ),
    ];
    for (body, expected) in cases {
        std::fs::write(
            &site,
            format!("title = \"t\"\ndefault_language = \"en\"\n{body}"),
        )
        .unwrap();
        let out = cuaderno(&["--config", site.to_str().unwrap(), "check"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{expected}: {err}");
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
    let out = cuaderno(&["--config", site.to_str().unwrap(), "check"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `spanish`?"));
}

#[test]
fn ten_thousand_broken_links_stay_readable() {
    let tmp = tempdir();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    let links: String = (0..10_000)
        .map(|i| format!("- [page {i}](missing-{i}.md)\n"))
        .collect();
    std::fs::write(
        tmp.path().join("content/index.md"),
        format!("# Many\n\n{links}"),
    )
    .unwrap();
    let site = tmp.path().join("site.toml");
    std::fs::write(&site, "title = \"t\"\ndefault_language = \"en\"\n[[languages]]\ncode = \"en\"\nname = \"English\"\n").unwrap();
    let site = site.display().to_string();
    let short = cuaderno(&[
        "--config",
        &site,
        "check",
        "--format",
        "short",
        "--max-per-code",
        "20",
    ]);
    let text = String::from_utf8_lossy(&short.stdout);
    assert_eq!(text.lines().count(), 21, "{text}");
    assert!(text.ends_with(
        "... and 9980 more `broken-link` not shown (`check` or `--max-per-code N` shows more; `--format json` lists all)\n"
    ));
    let json = cuaderno(&[
        "--config",
        &site,
        "check",
        "--format",
        "json",
        "--max-per-code",
        "20",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(10_000));
}

/// One fault, one finding: a translation whose phase line names no known phase is
/// `unknown-phase` on that page, and not also a phase that differs from its source's.
#[test]
fn an_unknown_phase_is_not_also_a_differing_one() {
    let (tmp, config) = fixture_copy("lint-translations");
    let page = tmp.path().join("content/es/kick-off-es.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("Fase: **Éxito**", "Fase: **Essenciais**"),
    )
    .unwrap();
    let config = cuaderno::load_config(&config, &Overrides::default()).unwrap();
    let (_, diags) = cuaderno::check(config).unwrap();
    let codes: Vec<&str> = diags
        .iter()
        .filter(|d| d.file == "es/kick-off-es.md")
        .map(|d| d.code.name())
        .collect();
    assert!(codes.contains(&"unknown-phase"), "{codes:?}");
    assert!(!codes.contains(&"translation-phase-differs"), "{codes:?}");
}

/// One fault, one finding: a source page whose row 301 is glued onto row 300's line is told so
/// there (`table-extra-cells`), and its translation, which lists 301 on its own row, is not
/// told to drop it.
#[test]
fn a_translation_is_not_blamed_for_its_sources_glued_row() {
    let (_, diags) = check("lint-translations");
    let on = |file: &str| -> Vec<&str> {
        let on_file = diags.iter().filter(|d| d.file == file);
        on_file.map(|d| d.code.name()).collect()
    };
    assert_eq!(on("en/glued.md"), ["table-extra-cells"]);
    assert_eq!(on("es/glued-es.md"), Vec::<&str>::new());
}
