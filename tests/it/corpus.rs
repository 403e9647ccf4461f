//! The whole real playbook (../shared/corpus, read-only) through the real pipeline.

use crate::common;

use common::*;
use std::collections::BTreeMap;

fn corpus_dir() -> std::path::PathBuf {
    root().join("../shared/corpus/fasttrack-playbook")
}

/// The corpus built once for the test binary (`common::corpus`).
fn build_corpus() -> &'static Site {
    corpus()
}

#[test]
fn the_whole_corpus_builds_every_page_and_pairs_every_translation() {
    let s = build_corpus();
    let site = &s.built.site;
    let sources = walkdir::WalkDir::new(corpus_dir())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(sources, 443);
    assert_eq!(site.pages.len(), sources);
    for page in &site.pages {
        assert!(
            s.out.join(&page.locale.out_rel).is_file(),
            "{} not written",
            page.file.rel
        );
    }
    let per_lang: Vec<usize> = (0..site.config.languages.len())
        .map(|l| site.pages_of(l).count())
        .collect();
    assert_eq!(per_lang, [69, 88, 91, 65, 65, 65]);
    // Every page of another language pairs with its English source page by stem. These ten
    // translations have no English page of the same stem in the corpus (their sources were
    // renamed or removed upstream); they are pinned so that a pairing regression shows.
    let english = site.config.default_language_index();
    let unpaired: Vec<&str> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.locale.site != english)
        .filter(|(i, _)| site.translation(*i, english).is_none())
        .map(|(_, p)| p.file.rel.as_str())
        .collect();
    assert_eq!(
        unpaired,
        [
            "german-playbook/approach-get-modern-fta-partner-de.md",
            "german-playbook/approach-get-modern-ftc-partner-de.md",
            "german-playbook/opp365-standalone-engagement-de.md",
            "german-playbook/opp365-standalone-engagement-partner-de.md",
            "german-playbook/phase-success-de.md",
            "japanese-playbook/opp365-standalone-engagement-jp.md",
            "portuguese-playbook/opp365-standalone-engagement-pr.md",
            "simplified-chineses-playbook/opp365-standalone-engagement-sc.md",
            "spanish-playbook/opp365-standalone-engagement-es.md",
            "spanish-playbook/phase-success-es.md",
        ]
    );
    for stem in [
        "opp365-standalone-engagement",
        "phase-success",
        "approach-get-modern-ftc-partner",
    ] {
        assert!(!corpus_dir()
            .join(format!("english-playbook/{stem}.md"))
            .exists());
    }
}

#[test]
fn the_seed_page_is_read_as_structured_playbook_data() {
    let s = build_corpus();
    let site = &s.built.site;
    let page = &site.pages
        [site.index.page_by_rel["spanish-playbook/success-conduct-success-review-partner-es.md"]];
    assert_eq!(page.title, "Llevar a cabo una revisión del éxito");
    assert_eq!(page.front.get("ms.date"), Some("5/03/2019"));
    assert_eq!(page.front.get("ft.owner"), Some("pagrim"));
    assert_eq!(page.playbook.phase_id.as_deref(), Some("success"));
    let tasks: Vec<&str> = page.playbook.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tasks, ["3735"]);
    assert_eq!(page.playbook.tasks[0].mandatory, "M");
    assert_eq!(page.playbook.steps.len(), 4);
    assert!(page
        .playbook
        .steps
        .iter()
        .all(|st| st.role.is_some() && st.applies_to.is_some()));
    assert_eq!(page.playbook.refresh.len(), 6);
    assert_eq!(page.playbook.refresh[0].date, "03/26/2020");
    let english = site
        .translation(site.index.page_by_rel[&page.file.rel], 0)
        .expect("English source");
    assert_eq!(
        site.pages[english].file.rel,
        "english-playbook/success-conduct-success-review-partner.md"
    );
    let html = s.html("es/success-conduct-success-review-partner-es.html");
    assert_eq!(count(&html, "#task-3735"), 1);
    assert_eq!(
        attr(&html, ".languages a[hreflang=ja]", "href").as_deref(),
        Some("../ja/success-conduct-success-review-partner-jp.html")
    );
}

#[test]
fn every_internal_link_and_fragment_in_the_corpus_build_resolves() {
    let s = build_corpus();
    let (problems, checked) = crawl(&s.out, "https://partners.example.org/playbook/");
    assert!(checked > 10_000, "only {checked} links checked");
    assert!(
        problems.is_empty(),
        "{} problems, first: {:#?}",
        problems.len(),
        &problems[..problems.len().min(10)]
    );
    // The search index of every language agrees with the built pages (section anchors, task
    // rows) and is sorted where its manifest says.
    for code in ["en", "es", "de", "pt-BR", "ja", "zh-Hans"] {
        let terms = common::search::check_index(&s.out, code);
        assert!(terms > 2_000, "{code}: {terms} terms");
    }
}

#[test]
fn corpus_diagnostic_counts_are_pinned() {
    let s = build_corpus();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &s.built.diagnostics {
        *counts.entry(d.code.name()).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("broken-link", 119),
        ("date-older-than-refresh", 376),
        ("email-without-mailto", 15),
        ("inconsistent-task", 47),
        ("invalid-metadata-value", 36),
        // Two unresolved conflicts in pt-BR pages: one error each, instead of the five
        // duplicate ids, two marker "task ids" and two one-cell rows they caused.
        ("merge-conflict", 2),
        ("invisible-character-in-url", 2),
        ("linked-task-id", 10),
        ("malformed-table", 13),
        // `[text]((url)`, `[text]](url)` and Japanese image titles in `「…」` (seven shown as
        // text, five glued to the path; all twelve fixable).
        ("malformed-link", 12),
        ("missing-asset", 1),
        // `www.microsoft.com/...` written without `https://` (it was a broken link).
        ("link-without-scheme", 1),
        // Outlook Safe Links URLs with a recipient's address in `data=`: published unwrapped.
        ("safelinks-url", 6),
        // URLs written as text (DocFX links them; so does the portal): 14, the `[t]((url)`
        // one not among them (it is `malformed-link`).
        ("bare-url", 14),
        // List items shown as code: 69 indented four spaces or more, 6 with five spaces
        // after their `-`.
        ("indented-code-in-list", 75),
        ("asset-from-default-language", 4),
        ("missing-metadata", 39),
        ("missing-translation", 5),
        // zh-Hans pages are listed through the English toc now (its own toc is another
        // site's: one `toc-not-used` instead of 22 `toc-broken-link`), and untranslated copies
        // whose translation is published are superseded by it, not orphans.
        ("orphan-page", 28),
        ("refresh-date-invalid", 6),
        ("refresh-order", 34),
        ("stale-translation", 4),
        ("table-extra-cells", 20),
        ("table-missing-cells", 5),
        ("toc-broken-link", 2),
        ("toc-not-used", 1),
        ("translation-steps-differ", 10),
        // Not the two pt-BR pages with a merge conflict in their task table: the markers cut
        // the table (one "lacked" a task that follows the conflict).
        ("translation-tasks-differ", 4),
        ("unknown-phase", 1),
        ("untranslated-page", 2),
        // Links to an untranslated copy whose translation is published (now resolved to it).
        ("wrong-language-link", 4),
    ]
    .into();
    assert_eq!(counts, expected);
    // No page shows a Safe Links URL (with the address of whoever received the mail).
    for entry in walkdir::WalkDir::new(&s.out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).expect("page");
            assert!(
                !html.contains("safelinks.protection.outlook.com"),
                "{}",
                entry.path().display()
            );
        }
    }
    // Every finding says what to do (there were 39 without help: broken links with nothing to
    // suggest, pattern mismatches, duplicate ids, translations' tasks and phase).
    let bare: Vec<String> = s
        .built
        .diagnostics
        .iter()
        .filter(|d| d.help.as_deref().is_none_or(str::is_empty))
        .map(|d| format!("{} {}: {}", d.code.name(), d.file, d.message))
        .collect();
    assert!(bare.is_empty(), "{bare:#?}");
}

/// Every diagnostic that has a place shows its source line, never an empty one with a lone
/// caret (page-wide findings sit on the phase line or the first heading).
#[test]
fn every_located_diagnostic_shows_a_source_line() {
    let s = build_corpus();
    let site = &s.built.site;
    let lookup = |rel: &str| site.source_file(rel);
    let opts = cuaderno::report::Options {
        format: cuaderno::report::Format::Human,
        color: false,
        prefix: String::new(),
        max_per_code: None,
        summary: false,
    };
    let text = cuaderno::report::render(&s.built.diagnostics, &lookup, &opts);
    let empty: Vec<&str> = text
        .lines()
        .filter(|l| {
            let (number, rest) = l.split_once(" |").unwrap_or(("", "x"));
            !number.trim().is_empty()
                && number.trim().chars().all(|c| c.is_ascii_digit())
                && rest.trim().is_empty()
        })
        .collect();
    assert!(
        empty.is_empty(),
        "{} empty source lines: {empty:?}",
        empty.len()
    );
}
