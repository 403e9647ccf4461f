//! Property tests over hostile input: pages built from Markdown, YAML, table, link and
//! Unicode fragments (and raw bytes), toc files, and mutated site.toml files. Nothing may
//! panic; every diagnostic must point inside its file at the position its span says; whole
//! sites must check and build.
//!
//! `cargo test` runs a short pass (`FUZZ_CASES`, default 64 per property). For a long run:
//! `FUZZ_CASES=20000 cargo test --release --test fuzz`.

use crate::common;

use common::*;
use cuaderno::content::{discover, page, toc};
use cuaderno::{Config, Diagnostic, Overrides};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, FileFailurePersistence};
use std::path::{Path, PathBuf};

fn runner(factor: u32) -> RunnerConfig {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64u32);
    RunnerConfig {
        cases: (cases / factor).max(4),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..RunnerConfig::default()
    }
}

const FRAGMENTS: &[&str] = &[
    "---\n",
    "title: T\n",
    "title: \"q \\\" ",
    "ms.date: 13/32/2020\n",
    "ms.date: 01/02/2020\n",
    "description: |\n  a\n",
    "key: [1, {a: b}]\n",
    "&a *a\n",
    ": :\n",
    "- - -\n",
    "# Heading {#custom}\n",
    "## Kick-off\n",
    "Fase: **Éxito**\n",
    "Phase: **Success**\n",
    "Primary Role: FM\n",
    "Applies To: all\n",
    "| Task ID | Task | M/O |\n",
    "|---|---|---|\n",
    "| 1234 | Name | M |\n",
    "| [12](x.md) | a | b | c | d |\n",
    "|:-|\n",
    "| |\n",
    "|",
    "[t](",
    "](",
    "x.md",
    "../../etc/passwd",
    "kick-off.md",
    "#overview",
    "#",
    "?q=1",
    ")",
    "![i](",
    "media/pic.png",
    "<https://a.b>",
    "mailto:",
    "a@b.c",
    "www.example.com",
    "%2e%2e/",
    "%",
    "\u{200b}",
    "\u{a0}",
    "\u{feff}",
    "日本語の",
    "**太字**。",
    "é",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "\t",
    "```rust\n",
    "```\n",
    "~~~\n",
    "    code\n",
    "> [!NOTE]\n",
    "> [!nota]\n",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "{{ x }}",
    "{% include \"page.html\" %}",
    "\\",
    "*",
    "_",
    "`",
    "[^1]",
    "[^1]: n\n",
    "- [ ] task\n",
    "1. one\n",
    "* * *\n",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ]
}

fn page_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(fragment(), 0..60).prop_map(|parts| parts.concat())
}

fn basic_config() -> Config {
    cuaderno::load_config(&fixture("basic").join("site.toml"), &Overrides::default())
        .expect("fixture config")
}

/// Every diagnostic about `rel` points inside `text`, at the position its span gives.
fn assert_placed(diags: &[Diagnostic], file: &cuaderno::source::SourceFile) {
    for d in diags.iter().filter(|d| d.file == file.rel) {
        if let Some(span) = d.span {
            assert!(
                span.start <= span.end && span.end <= file.text.len(),
                "{d:?}"
            );
            assert!(file.text.is_char_boundary(span.start), "{d:?}");
            if let Some(p) = d.position {
                assert_eq!(p, file.position(span.start), "{d:?}");
            }
        }
        if let Some(p) = d.position {
            let lines = file.text.split('\n').count();
            assert!(p.line >= 1 && p.line <= lines && p.column >= 1, "{d:?}");
        }
    }
}

fn load(config: &Config, rel: &str, bytes: Vec<u8>) {
    let mut diags = Vec::new();
    let file = page::decode(rel, PathBuf::from(rel), bytes, &mut diags);
    let locale = discover::page_locale(config, rel);
    let text = file.text.clone();
    let stops = cuaderno::content::text_language::StopWords::new(config);
    let page = page::load((config, &stops), file, locale, &mut diags);
    assert_eq!(page.file.text, text);
    assert_placed(&diags, &page.file);
}

proptest! {
    #![proptest_config(runner(1))]

    #[test]
    fn pages_of_fragments_load_without_panics_and_place_every_diagnostic(text in page_text()) {
        let config = basic_config();
        load(&config, "en/fuzz.md", text.clone().into_bytes());
        load(&config, "es/fuzz-es.md", text.into_bytes());
    }

    #[test]
    fn raw_bytes_load_without_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        load(&basic_config(), "en/bytes.md", bytes);
    }

    #[test]
    fn toc_files_parse_without_panics(text in page_text()) {
        let mut diags = Vec::new();
        let file = cuaderno::source::SourceFile::new("en/toc.yml".into(), PathBuf::new(), text);
        let _ = toc::parse(&file, &mut diags);
        assert_placed(&diags, &file);
    }

    #[test]
    fn mutated_site_toml_loads_or_errs_without_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), fragment(), 0..3u8), 1..6)
    ) {
        let original = std::fs::read_to_string(fixture("basic").join("site.toml")).unwrap();
        let mut text = original;
        for (at, piece, how) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match how {
                0 => text.insert_str(i, &piece),
                1 => {
                    let end = (i + piece.len()).min(text.len());
                    let end = (end..=text.len()).find(|&e| text.is_char_boundary(e)).unwrap_or(text.len());
                    text.replace_range(i..end, "");
                }
                _ => text.insert_str(i, "\n[[languages]]\ncode = \"x\"\n"),
            }
        }
        let _ = Config::parse(&text, Path::new("site.toml"));
    }
}

proptest! {
    #![proptest_config(runner(8))]

    /// Whole sites: two languages of fuzzed pages, checked and built through the pipeline.
    #[test]
    fn sites_of_fuzzed_pages_check_and_build(pages in proptest::collection::vec(page_text(), 1..5)) {
        let (tmp, config_path) = fixture_copy("basic");
        for (i, text) in pages.iter().enumerate() {
            let rel = if i % 2 == 0 { format!("en/f{i}.md") } else { format!("es/f{i}-es.md") };
            std::fs::write(tmp.path().join("content").join(rel), text).unwrap();
        }
        let overrides = Overrides {
            output: Some(tmp.path().join("public")),
            ..Overrides::default()
        };
        let config = cuaderno::load_config(&config_path, &overrides).unwrap();
        let (site, diags) = cuaderno::check(config.clone()).unwrap();
        for page in &site.pages {
            assert_placed(&diags, &page.file);
        }
        let built = cuaderno::build(config).unwrap();
        prop_assert!(tmp.path().join("public/en/f0.html").is_file());
        prop_assert_eq!(built.diagnostics.len(), diags.len());
    }
}
