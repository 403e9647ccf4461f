//! The portal as a reader meets it: every page of a language reachable from its home through
//! navigation links alone, every language in its own words and date format, untranslated
//! copies that lead to their translation, and a root page that lets the reader choose.

use crate::common;

use common::*;
use scraper::Html;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The corpus, built once for all the tests of this file.
pub(crate) fn build_corpus() -> &'static Site {
    corpus()
}

fn build_example() -> Site {
    build_with(&root().join("site.toml"), None)
}

#[test]
fn every_corpus_page_is_reachable_from_its_home_through_navigation() {
    assert_every_page_reachable(build_corpus());
}

#[test]
fn every_example_page_is_reachable_from_its_home_through_navigation() {
    assert_every_page_reachable(&build_example());
}

/// An English copy in the Spanish folder beside its Spanish translation is a redirect to the
/// translation, and nothing lists or links it: navigation, the task index, search, the
/// sitemap and the pages' links all lead to the translation.
#[test]
fn an_untranslated_copy_beside_its_translation_redirects_to_it() {
    let s = build_corpus();
    let copy = s.html("es/l1l2l3-blocked.html");
    let refresh = attr(&copy, "meta[http-equiv=refresh]", "content").unwrap_or_default();
    assert_eq!(refresh, "0; url=l1l2l3-blocked-es.html");
    assert_eq!(count(&copy, ".sidebar"), 0);
    assert!(s.out.join("es/l1l2l3-blocked-es.html").is_file());
    let site = &s.built.site;
    let superseded: Vec<&str> = (0..site.pages.len())
        .filter(|&p| site.superseded_by(p).is_some())
        .map(|p| site.pages[p].locale.out_rel.as_str())
        .collect();
    assert!(superseded.len() >= 22, "{superseded:?}");
    let sitemap = std::fs::read_to_string(s.out.join("sitemap.xml")).unwrap();
    let tasks = std::fs::read_to_string(s.out.join("es/tasks.json")).unwrap();
    for rel in &superseded {
        assert!(
            !sitemap.contains(&format!("/{rel}<")),
            "{rel} in the sitemap"
        );
        assert!(
            !tasks.contains(&format!("\"{rel}#")),
            "{rel} in the task index"
        );
    }
    // No built page links one (the crawl follows redirects; this is about the links).
    for p in (0..site.pages.len()).filter(|&p| site.superseded_by(p).is_none()) {
        let rel = &site.pages[p].locale.out_rel;
        let doc = s.html(rel);
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap_or_default();
            if let Some(target) = join(rel, href.split('#').next().unwrap_or_default()) {
                assert!(!superseded.contains(&target.as_str()), "{rel} links {href}");
            }
        }
    }
}

/// Words of the English theme that must not appear in another language's page chrome.
const ENGLISH: &[&str] = &[
    "Previous",
    "Next",
    "Task index",
    "Updated",
    "Skip to content",
    "Home",
    "Page not found",
    "Other pages",
    "not translated",
    "Lifecycle Phases",
    "Resources",
    "Breadcrumbs",
];

/// The text of everything around the article: header, navigation, notices, footer.
fn chrome(doc: &Html) -> String {
    // The outline lists the page's own headings (content, in an untranslated copy English):
    // only its title is chrome.
    let parts = ".skip, header, nav:not(.on-this-page), .on-this-page summary, .notice, footer, main > h1, main > p";
    let mut text: Vec<String> = doc
        .select(&sel(parts))
        .map(|e| e.text().collect::<String>())
        .collect();
    for attr_name in ["aria-label", "title"] {
        let css = format!("[{attr_name}]:not(article [{attr_name}])");
        text.extend(
            doc.select(&sel(&css))
                .filter_map(|e| e.value().attr(attr_name).map(String::from)),
        );
    }
    text.join(" | ")
}

#[test]
fn no_english_interface_word_in_other_languages() {
    let s = build_corpus();
    for code in ["es", "de", "pt-BR", "ja", "zh-Hans"] {
        let dir = s.out.join(code);
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        pages.sort();
        assert!(pages.len() > 60, "{code}");
        for page in pages.iter().step_by(7).chain(pages.last()) {
            let rel = page
                .strip_prefix(&s.out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = chrome(&read(&s.out, &rel));
            for word in ENGLISH {
                // The language switcher names languages in themselves ("English").
                assert!(
                    !text.contains(word),
                    "{rel}: `{word}` in the chrome: {text}"
                );
            }
        }
        let missing = s.html(&format!("{code}/404.html"));
        let text = chrome(&missing);
        assert!(!text.contains("Page not found"), "{code}/404.html: {text}");
    }
}

#[test]
fn the_root_is_a_visible_chooser_not_a_redirect() {
    let s = build_corpus();
    let root = s.html("index.html");
    assert_eq!(count(&root, "meta[http-equiv=refresh]"), 0);
    let links = select_all(&root, "nav .language-list a[hreflang]");
    assert_eq!(links.len(), 6, "{links:?}");
    assert_eq!(
        attr(&root, ".language-list a[hreflang=es]", "href").as_deref(),
        Some("es/index.html")
    );
    assert!(select_all(&root, ".choose span[lang=ja]")[0].contains("言語"));
}

#[test]
fn the_updated_date_is_the_newest_and_in_each_language_format() {
    let s = build_corpus();
    let site = &s.built.site;
    for (code, pattern) in [
        ("en", r"^[A-Z][a-z]+ \d{1,2}, \d{4}$"),
        ("es", r"^\d{1,2}/\d{1,2}/\d{4}$"),
        ("de", r"^\d{2}\.\d{2}\.\d{4}$"),
        ("pt-BR", r"^\d{2}/\d{2}/\d{4}$"),
        ("ja", r"^\d{4}年\d{1,2}月\d{1,2}日$"),
        ("zh-Hans", r"^\d{4}年\d{1,2}月\d{1,2}日$"),
    ] {
        let lang = site.config.language_index(code).unwrap();
        let re = regex::Regex::new(pattern).unwrap();
        let mut checked = 0;
        for page in site.pages_of(lang) {
            let p = &site.pages[page];
            let doc = s.html(&p.locale.out_rel);
            let (Some(shown), Some(iso)) = (
                select_all(&doc, "footer time").into_iter().next(),
                attr(&doc, "footer time", "datetime"),
            ) else {
                continue;
            };
            assert!(re.is_match(&shown), "{}: `{shown}`", p.file.rel);
            let newest = cuaderno::rules::page::refresh::newest(&site.config, p).unwrap();
            assert_eq!(
                iso,
                format!("{:04}-{:02}-{:02}", newest.0, newest.1, newest.2)
            );
            checked += 1;
        }
        assert!(checked > 30, "{code}: {checked}");
    }
}

#[test]
/// The banner gives the date of the source's last change a translation must follow (its
/// `General Maintenance` rows are not one: `approach-get-modern.md` changed on 2020-04-06),
/// and lists the source's changes since the translation's date.
fn a_stale_translation_shows_both_dates_and_links_its_source() {
    let s = build_corpus();
    let stale = s
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name() == "stale-translation")
        .count();
    let site = &s.built.site;
    let mut banners = 0;
    for page in &site.pages {
        let doc = s.html(&page.locale.out_rel);
        if count(&doc, ".notice.stale") == 0 {
            continue;
        }
        banners += 1;
        let href = attr(&doc, ".notice.stale a", "href").unwrap();
        let target = join(&page.locale.out_rel, &href).unwrap();
        assert!(
            target.starts_with("en/") && s.out.join(&target).is_file(),
            "{target}"
        );
        // The source's change that made it stale is listed (the newest is always newer).
        assert!(count(&doc, ".notice.stale .stale-changes li") >= 1);
    }
    assert_eq!(banners, stale);
    let es = s.html("es/approach-get-modern-es.html");
    let text = select_all(&es, ".notice.stale")[0].clone();
    assert!(
        text.contains("6/4/2020") && text.contains("25/3/2020"),
        "{text}"
    );
    // Only the source's rows newer than the translation, in the source's words.
    let changes = select_all(&es, ".notice.stale .stale-changes li");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(
        changes[0].contains("6/4/2020") && changes[0].contains("COVID-19 Response Playbook added"),
        "{changes:?}"
    );
}

#[test]
fn a_missing_localized_image_shows_the_default_language_image() {
    let s = build_corpus();
    let page = s.html("es/approach-opp-365-standalone-es.html");
    let src = attr(
        &page,
        "article img[src*=office-proplus-complete-processv3]",
        "src",
    );
    assert_eq!(
        src.as_deref(),
        Some("../en/media/office-proplus-complete-processv3.PNG")
    );
    assert!(s
        .out
        .join("en/media/office-proplus-complete-processv3.PNG")
        .is_file());
}

/// 404 pages: one per language with relative links (from `file://`, under any sub-path); the
/// root one, which a server shows at any depth, carries its stylesheet inline.
#[test]
fn not_found_pages_need_no_asset_url() {
    let s = build_corpus();
    let root = s.html("404.html");
    assert_eq!(count(&root, "link[rel=stylesheet]"), 0);
    assert_eq!(count(&root, "style"), 1);
    let ja = s.html("ja/404.html");
    assert_eq!(select_all(&ja, "main h1"), ["ページが見つかりません"]);
    assert_eq!(
        attr(&ja, "link[rel=stylesheet]", "href").as_deref(),
        Some("../static/style.css")
    );
    for href in ja
        .select(&sel("a[href]"))
        .filter_map(|a| a.value().attr("href"))
    {
        assert!(
            !href.starts_with('/') && !href.contains("example.org"),
            "{href}"
        );
    }
}

/// Page chrome from the playbook's data: the lifecycle strip, the outline with steps, heading
/// anchors, tables in named scroll regions; no edit link when site.toml sets no `edit_url`.
#[test]
fn pages_show_their_phase_outline_anchors_and_table_regions() {
    let s = build_corpus();
    let page = s.html("es/success-conduct-success-review-partner-es.html");
    assert_eq!(select_all(&page, ".lifecycle li.current"), ["Éxito"]);
    assert_eq!(
        attr(&page, ".lifecycle li:first-child a", "href").as_deref(),
        Some("phase-initiate-es.html")
    );
    let steps = select_all(&page, ".on-this-page li .step-facts");
    assert!(
        !steps.is_empty() && steps[0].contains("FastTrack"),
        "{steps:?}"
    );
    let first = attr(&page, ".on-this-page li a", "href").unwrap();
    let id = first.trim_start_matches('#');
    assert_eq!(
        count(&page, &format!("article [id=\"{id}\"]")),
        1,
        "{first}"
    );
    assert_eq!(
        attr(&page, "article h2 a.anchor", "href").as_deref(),
        Some(first.as_str())
    );
    let regions = count(
        &page,
        "article .table-wrap[role=region][tabindex=\"0\"][aria-label]",
    );
    assert_eq!(regions, count(&page, "article table"));
    assert_eq!(count(&page, "footer a[rel=nofollow]"), 0);
}

/// The task index: one row per task id (the corpus lists some ids on two or three pages),
/// mandatory/optional as a word of the language (pt-BR writes `b`, German `E`), and the same
/// rows in `tasks.json` and `tasks.csv`.
#[test]
fn the_task_index_has_one_row_per_id_with_words_phases_and_pages() {
    let s = build_corpus();
    for (code, mandatory) in [
        ("pt-BR", "Obrigatória"),
        ("de", "Pflicht"),
        ("es", "Obligatoria"),
    ] {
        let index = s.html(&format!("{code}/tasks.html"));
        let ids = select_all(&index, "table.task-index tbody th");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{code}: one row per id");
        let words: BTreeSet<String> = select_all(&index, "table.task-index tbody td:nth-child(3)")
            .into_iter()
            .collect();
        assert!(words.contains(mandatory), "{code}: {words:?}");
        assert!(
            !words.contains("b") && !words.contains("E") && !words.contains("M"),
            "{code}: {words:?}"
        );
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(s.out.join(format!("{code}/tasks.json"))).unwrap(),
        )
        .unwrap();
        let tasks = json["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), ids.len());
        let csv = std::fs::read_to_string(s.out.join(format!("{code}/tasks.csv"))).unwrap();
        assert_eq!(csv.lines().count(), ids.len() + 1);
        // Every page a task is on is listed and exists.
        for task in tasks {
            for page in task["pages"].as_array().unwrap() {
                let path = page["path"].as_str().unwrap().split('#').next().unwrap();
                assert!(s.out.join(path).is_file(), "{path}");
            }
        }
    }
    // A task carried by two pages lists both.
    let pt = s.html("pt-BR/tasks.html");
    assert_eq!(count(&pt, "tr#task-994 td:last-child a"), 2);
}

/// The example site's `tasks.csv` and `tasks.json`, row for row.
#[test]
fn the_example_site_task_files() {
    let s = build_example();
    let csv = std::fs::read_to_string(s.out.join("es/tasks.csv")).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,name,mandatory,code,role,services,phases,pages"
    );
    assert_eq!(
        lines[1],
        "1001,Revisar las licencias del cliente,mandatory,M,Administrador de la interacción,\
         Todos los servicios,initiate,es/initiate-conduct-kick-off-es.html#task-1001"
    );
    assert_eq!(
        lines.len(),
        12 + 2,
        "a header, 12 tasks and the final line end"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(s.out.join("es/tasks.json")).unwrap())
            .unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["language"], "es");
    let first = &json["tasks"][0];
    assert_eq!(first["id"], "1001");
    assert_eq!(first["required"], true);
    assert_eq!(first["required_word"], "Obligatoria");
    assert_eq!(first["phases"][0]["name"], "Iniciar");
    assert_eq!(
        first["pages"][0]["source"],
        "es/initiate-conduct-kick-off-es.md"
    );
}

/// A link into an untranslated copy whose translation is published goes to the translation:
/// at the same anchor when the translation has it, at its top otherwise; an anchor the copy
/// itself lacks is a `broken-anchor`, as on any page.
#[test]
fn anchors_into_an_untranslated_copy_are_checked_and_kept_where_they_exist() {
    let (tmp, config) = fixture_copy("basic");
    let es = tmp.path().join("content/es");
    std::fs::write(
        es.join("extra.md"),
        "# Extra\n\n## FastTrack\n\nText.\n\n## Setup\n\nMore text.\n",
    )
    .unwrap();
    std::fs::write(
        es.join("extra-es.md"),
        "# Adicional\n\n## FastTrack\n\nTexto.\n\n## Preparación\n\nMás texto.\n",
    )
    .unwrap();
    std::fs::write(
        es.join("index.md"),
        "# Inicio de prueba\n\nEmpiece por la [reunión de arranque](kick-off-es.md).\n\n\
         - [uno](extra.md#fasttrack)\n- [dos](extra.md#setup)\n- [tres](extra.md#ninguna)\n",
    )
    .unwrap();
    let site = build_with(&config, None);
    let home = site.html("es/index.html");
    let hrefs: Vec<String> = home
        .select(&sel("main li a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    // A broken anchor still leads to the page (it is a warning, not a broken link).
    assert_eq!(
        hrefs,
        ["extra-es.html#fasttrack", "extra-es.html", "extra-es.html"]
    );
    let anchors: Vec<(usize, String)> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "es/index.md" && d.code == cuaderno::Code::BrokenAnchor)
        .map(|d| (d.position.map_or(0, |p| p.line), d.message.clone()))
        .collect();
    assert_eq!(anchors.len(), 1, "{anchors:?}");
    assert_eq!(anchors[0].0, 7);
    assert!(anchors[0].1.contains("#ninguna"), "{anchors:?}");
}

/// A sidebar level longer than its window ends in "… N more": a link to the nearest hidden
/// entry, whose page shows it in its own window (no dead text hides pages).
#[test]
fn every_more_in_the_sidebar_leads_to_a_page_that_lists_itself() {
    // A narrow window, so that many levels of the corpus's sidebar are cut.
    let tmp = tempdir();
    let config = tmp.path().join("site.toml");
    let text = std::fs::read_to_string(root().join("tests/corpus/site.toml")).unwrap();
    let dir = root().join("tests/corpus");
    let text = text
        .replacen(
            "content_dir = \"",
            &format!("content_dir = \"{}/", dir.display()),
            1,
        )
        .replacen("theme = \"", &format!("theme = \"{}/", dir.display()), 1)
        + "\n[nav]\nsibling_window = 2\n";
    std::fs::write(&config, text).unwrap();
    let s = build_with(&config, None);
    let mut links = 0;
    for page in &s.built.site.pages {
        let rel = &page.locale.out_rel;
        let doc = s.html(rel);
        assert_eq!(count(&doc, ".sidebar span.more"), 0, "{rel}: dead text");
        for a in doc.select(&sel(".sidebar a.more")) {
            let href = a.value().attr("href").expect("href");
            let target = join(rel, href).unwrap_or_else(|| panic!("{rel}: {href}"));
            let there = s.html(&target);
            assert_eq!(
                count(&there, ".sidebar a[aria-current=\"page\"]"),
                1,
                "{rel} -> {target}"
            );
            links += 1;
        }
    }
    assert!(links > 100, "{links}");
}
