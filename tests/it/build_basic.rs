//! The `basic` fixture through the real pipeline, asserted on parsed HTML.

use crate::common;

use common::*;
use cuaderno::Code;

fn site() -> Site {
    build_fixture("basic")
}

#[test]
fn every_page_is_written_per_language() {
    let s = site();
    for rel in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "static/style.css",
        "en/index.html",
        "en/kick-off.html",
        "en/my notes.html",
        "en/media/pic.svg",
        "en/tasks.html",
        "es/index.html",
        "es/kick-off-es.html",
        "es/legacy.html",
        "es/tasks.html",
    ] {
        assert!(s.out.join(rel).is_file(), "missing {rel}");
    }
}

#[test]
fn html_lang_and_hreflang_alternates() {
    let s = site();
    let es = s.html("es/kick-off-es.html");
    assert_eq!(count(&es, "html[lang=es]"), 1);
    assert_eq!(
        attr(&es, "link[rel=alternate][hreflang=en]", "href").as_deref(),
        Some("https://example.org/docs/en/kick-off.html")
    );
    assert_eq!(
        attr(&es, "link[rel=alternate][hreflang=es]", "href").as_deref(),
        Some("https://example.org/docs/es/kick-off-es.html")
    );
}

#[test]
fn the_title_is_the_h1_not_the_english_front_matter() {
    let s = site();
    let es = s.html("es/kick-off-es.html");
    assert_eq!(
        select_all(&es, "title")[0],
        "Llevar a cabo la reunión de arranque · Fixture Playbook"
    );
    assert_eq!(
        attr(&es, "main h1", "id").as_deref(),
        Some("llevar-a-cabo-la-reunión-de-arranque")
    );
    assert_eq!(count(&es, "h2#descripción-general"), 1);
}

#[test]
fn language_switcher_links_translations_and_says_when_one_is_missing() {
    let s = site();
    let es = s.html("es/kick-off-es.html");
    assert_eq!(
        attr(&es, ".languages a[hreflang=en]", "href").as_deref(),
        Some("../en/kick-off.html")
    );
    let glossary = s.html("en/glossary.html");
    assert_eq!(
        attr(&glossary, ".languages a.missing[hreflang=es]", "href").as_deref(),
        Some("../es/index.html")
    );
    assert!(select_all(&glossary, ".languages a.missing")[0].contains("not translated"));
    assert_eq!(count(&glossary, "link[rel=alternate][hreflang=es]"), 0);
}

#[test]
fn untranslated_copies_are_marked_and_paired() {
    let s = site();
    let legacy = s.html("es/legacy.html");
    assert_eq!(count(&legacy, "p.notice.untranslated"), 1);
    assert_eq!(count(&legacy, "article[lang=en]"), 1);
    assert_eq!(
        attr(&legacy, ".languages a[hreflang=en]", "href").as_deref(),
        Some("../en/legacy.html")
    );
    assert!(s.codes().contains(&"untranslated-page"));
}

#[test]
fn task_tables_render_with_an_anchor_per_task() {
    let s = site();
    let page = s.html("en/kick-off.html");
    assert_eq!(count(&page, ".ftop-tasks table tbody tr"), 2);
    assert_eq!(select_all(&page, "td span.task-id#task-101"), ["101"]);
    assert_eq!(select_all(&page, "td span.task-id#task-102"), ["102"]);
    // The refresh summary is an ordinary table.
    assert_eq!(count(&page, ".table-wrap:not(.ftop-tasks) table"), 1);
}

#[test]
fn task_index_lists_every_task_with_its_page() {
    let s = site();
    let index = s.html("es/tasks.html");
    // Theme words come from site.toml's `ui`, else the theme's words for the language
    // (`i18n/es.toml`); text is escaped exactly once.
    assert_eq!(
        select_all(&index, "table.task-index thead th")[2],
        "Obl./Opc."
    );
    assert_eq!(
        select_all(&index, "table.task-index tbody tr th"),
        ["101", "102"]
    );
    // Each row is its own anchor; M/O is a word; the phase and the page come with it.
    assert_eq!(
        attr(&index, "table.task-index tbody tr", "id").as_deref(),
        Some("task-101")
    );
    let first = select_all(&index, "table.task-index tbody tr:first-child td");
    assert_eq!(first[1], "Obligatoria");
    assert_eq!(first[3], "Exchange, Teams");
    assert_eq!(first[4], "Iniciar");
    assert_eq!(
        attr(&index, "table.task-index tbody tr td:last-child a", "href").as_deref(),
        Some("kick-off-es.html#task-101")
    );
}

#[test]
fn alerts_become_callouts_in_any_case_and_translated() {
    let s = site();
    let en = s.html("en/kick-off.html");
    assert_eq!(
        select_all(&en, "div.alert.alert-note .alert-title"),
        ["Note"]
    );
    assert_eq!(select_all(&en, "div.alert.alert-tip .alert-title"), ["Tip"]);
    let note = select_all(&en, "div.alert.alert-note")[0].clone();
    assert!(
        !note.contains("[!NOTE]") && note.contains("Remember the agenda."),
        "{note}"
    );
    let es = s.html("es/kick-off-es.html");
    assert_eq!(
        select_all(&es, "div.alert.alert-note .alert-title"),
        ["Nota"]
    );
    assert!(select_all(&es, "blockquote")[0].contains("[!ACHTUNG]"));
}

#[test]
fn code_is_highlighted_with_classes() {
    let s = site();
    let page = s.html("en/kick-off.html");
    assert_eq!(count(&page, "pre.code code.language-json"), 1);
    assert!(count(&page, "pre.code code.language-json span[class^=hl-]") > 0);
}

#[test]
fn links_are_rewritten_and_broken_ones_stay_visible() {
    let s = site();
    let page = s.html("en/kick-off.html");
    // The page's own links (each heading's `#` anchor link aside).
    let hrefs: Vec<String> = page
        .select(&sel("article a[href]:not(.anchor)"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(
        hrefs.contains(&"review.html#approach".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"my%20notes.html".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"#overview".to_string()), "{hrefs:?}");
    assert_eq!(
        hrefs.iter().filter(|h| *h == "#overview").count(),
        2,
        "a self-link keeps only its fragment"
    );
    // Readers see a broken link's text, unmarked and naming no source file (`serve` marks it).
    assert_eq!(count(&page, ".broken-link"), 0);
    let article: String = page
        .select(&sel("article"))
        .flat_map(|a| a.text())
        .collect();
    assert!(article.contains("a missing page."), "{article}");
    assert!(!page.html().contains("kick-of.md"));
    assert_eq!(attr(&page, "img", "src").as_deref(), None);
    let home = s.html("en/index.html");
    assert_eq!(
        attr(&home, "article img", "src").as_deref(),
        Some("media/pic.svg")
    );
}

#[test]
fn broken_links_are_diagnostics_at_file_line_column_with_a_suggestion() {
    let s = site();
    let d = s
        .built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::BrokenLink)
        .expect("broken link");
    assert_eq!(d.file, "en/kick-off.md");
    let p = d.position.expect("position");
    assert_eq!((p.line, p.column), (12, 56));
    assert_eq!(d.help.as_deref(), Some("did you mean `kick-off.md`?"));
    let wrong = s
        .built
        .diagnostics
        .iter()
        .find(|d| d.code == Code::WrongLanguageLink)
        .expect("wrong language");
    assert_eq!(wrong.file, "es/kick-off-es.md");
    assert_eq!(wrong.suggestion.as_deref(), Some("review-es.md"));
}

#[test]
fn navigation_by_phase_breadcrumbs_and_pager() {
    let s = site();
    let page = s.html("es/kick-off-es.html");
    // Groups open and close without JavaScript; the one holding the page is open.
    let groups = ".sidebar .menu > ul > li > details > summary > .group";
    assert_eq!(
        select_all(&page, groups),
        ["Iniciar", "Éxito", "Otras páginas"]
    );
    assert_eq!(count(&page, ".sidebar .menu > ul > li > details[open]"), 1);
    assert_eq!(
        select_all(&page, ".sidebar details[open] li.current > a"),
        ["Llevar a cabo la reunión de arranque"]
    );
    assert_eq!(select_all(&page, ".breadcrumbs li"), ["Inicio", "Iniciar"]);
    assert_eq!(
        attr(&page, ".pager a[rel=prev]", "href").as_deref(),
        Some("index.html")
    );
    assert_eq!(
        attr(&page, ".pager a[rel=next]", "href").as_deref(),
        Some("review-es.html")
    );
}

#[test]
fn sitemap_has_hreflang_alternates() {
    let s = site();
    let xml = std::fs::read_to_string(s.out.join("sitemap.xml")).unwrap();
    assert!(xml.contains("<loc>https://example.org/docs/es/kick-off-es.html</loc>"));
    assert!(xml.contains("<lastmod>2019-05-02</lastmod>"));
    assert_eq!(xml.matches("hreflang=\"es\"").count(), 4 * 2, "{xml}");
}

#[test]
fn root_chooser_and_404() {
    let s = site();
    let root = s.html("index.html");
    assert_eq!(
        select_all(&root, ".language-list a"),
        ["English", "Español"]
    );
    // Shown by servers at any depth: links from base_url, the stylesheet inline.
    let not_found = s.html("404.html");
    assert_eq!(count(&not_found, "link[rel=stylesheet]"), 0);
    assert_eq!(
        attr(
            &not_found,
            ".language-list a[lang=es], .language-list li[lang=es] a",
            "href"
        )
        .as_deref(),
        Some("https://example.org/docs/es/index.html")
    );
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let s = site();
    let (problems, checked) = crawl(&s.out, "https://example.org/docs/");
    assert!(checked > 50, "only {checked} links");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_edit_link_follows_the_edit_url_template() {
    let s = site();
    let page = s.html("en/my notes.html");
    assert_eq!(
        attr(&page, ".page-actions a[rel=nofollow]", "href").as_deref(),
        Some("https://example.org/edit/main/content/en/my%20notes.md")
    );
    let es = s.html("es/kick-off-es.html");
    assert_eq!(
        select_all(&es, ".page-actions a[rel=nofollow]"),
        ["Editar esta página", "Informar de un problema"]
    );
    // "Report a problem": the page's title, address and path, each URL-encoded.
    assert_eq!(
        attr(&page, ".page-actions a[rel=nofollow]:nth-child(2)", "href").as_deref(),
        Some("https://example.org/issues/new?title=My%20notes&body=https%3A%2F%2Fexample.org%2Fdocs%2Fen%2Fmy%2520notes.html%20(en%2Fmy%20notes.md)")
    );
}
