//! The print document (`<code>/print.html`): every page of the navigation once, in its order,
//! after a cover and a table of contents; ids unique, links between its pages in-document,
//! headings stepping down one level at a time; deep tocs and subfolders; `build --pdf`.

use crate::common;

use common::browser::*;
use common::*;
use scraper::Html;
use std::collections::HashSet;

fn ids(doc: &Html) -> Vec<String> {
    doc.select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id").map(String::from))
        .collect()
}

/// What the document's links say is wrong: duplicate ids, `#` links to no id, links left
/// pointing at a page the document holds.
fn problems(doc: &Html, held: &HashSet<String>) -> Vec<String> {
    let all = ids(doc);
    let unique: HashSet<&String> = all.iter().collect();
    let mut out: Vec<String> = Vec::new();
    if unique.len() != all.len() {
        out.push(format!("{} duplicate id(s)", all.len() - unique.len()));
    }
    for a in doc.select(&sel("article a[href], .print-toc a[href]")) {
        let href = a.value().attr("href").unwrap_or_default();
        if let Some(id) = href.strip_prefix('#') {
            let id = cuaderno::paths::percent_decode(id);
            if !id.is_empty() && !unique.contains(&id) {
                out.push(format!("`{href}` leads to no id"));
            }
        } else if !cuaderno::paths::is_external(href) {
            let path = href.split(['#', '?']).next().unwrap_or_default();
            if held.contains(&cuaderno::paths::percent_decode(path)) {
                out.push(format!("`{href}` leaves the document for a page it holds"));
            }
        }
    }
    let mut last = 1;
    for h in doc.select(&sel(
        "article h1, article h2, article h3, article h4, article h5, article h6",
    )) {
        let level = h.value().name()[1..].parse::<usize>().unwrap_or(1);
        if level > last + 1 {
            out.push(format!("h{level} after h{last}"));
        }
        last = level;
    }
    out
}

#[test]
fn the_corpus_print_document_holds_the_navigation_in_order_with_in_document_links() {
    let s = common::corpus();
    let config = cuaderno::load_config(&root().join("tests/corpus/site.toml"), &Default::default());
    let analyzed =
        cuaderno::analyze(config.expect("config"), None, &Default::default()).expect("analyze");
    let (site, navs) = (&analyzed.site, &analyzed.navs);
    let es = site.config.language_index("es").expect("es");
    let order: Vec<usize> = (navs[es].order.iter().copied())
        .filter(|&p| site.superseded_by(p).is_none())
        .collect();
    let doc = s.html("es/print.html");
    assert_eq!(count(&doc, "article.print-page"), order.len());
    // In navigation order, each with its own title first.
    let h1 = sel("h1");
    let titles: Vec<String> = doc
        .select(&sel("article.print-page"))
        .filter_map(|a| a.select(&h1).next())
        .map(|h| {
            h.text()
                .collect::<String>()
                .trim_end_matches('#')
                .trim()
                .to_string()
        })
        .collect();
    let expected: Vec<&str> = order
        .iter()
        .map(|&p| site.pages[p].title.as_str())
        .collect();
    assert_eq!(titles, expected);
    // Held pages, as paths relative to `es/` (where the document is).
    let held: HashSet<String> = (order.iter())
        .map(|&p| {
            site.pages[p]
                .locale
                .out_rel
                .trim_start_matches("es/")
                .to_string()
        })
        .collect();
    assert_eq!(problems(&doc, &held), Vec::<String>::new());
    // The contents lead to every page, the cover names the language, and every page of the
    // portal links the document.
    let toc: HashSet<String> = doc
        .select(&sel(".print-toc a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert_eq!(toc.len(), order.len());
    assert_eq!(select_all(&doc, ".print-cover .print-lang"), ["Español"]);
    assert_eq!(
        select_all(&doc, ".print-cover h1"),
        ["El cuaderno de estrategias completo"]
    );
    let page = s.html("es/initiate-conduct-customer-kick-off-partner-es.html");
    assert_eq!(
        attr(&page, "footer a.print-link", "href").as_deref(),
        Some("print.html")
    );
    // An empty link shows its address rather than nothing.
    assert!(count(&doc, "article a[href='https://aka.ms/TeamsCommsKit']") > 0);
    assert_eq!(
        select_all(&doc, "article a[href='https://aka.ms/TeamsCommsKit']")[0],
        "https://aka.ms/TeamsCommsKit"
    );
}

#[test]
fn a_deep_toc_and_pages_in_folders_print_without_a_break() {
    let (_tmp, config) = fixture_copy("toc");
    let content = config.parent().expect("dir").join("content");
    std::fs::create_dir_all(content.join("deep/er")).expect("folders");
    std::fs::write(
        content.join("deep/er/leaf.md"),
        "# Leaf\n\nBack to [the first step](../../first.md#first-step), [its image](../../pic.png), \
         [itself](#leaf) and [a new heading](#more).\n\n#### More\n\n",
    )
    .expect("leaf");
    std::fs::write(content.join("pic.png"), b"\x89PNG\r\n\x1a\n").expect("image");
    let mut toc = std::fs::read_to_string(content.join("toc.yml")).expect("toc");
    // A group 20 deep holding the leaf, and an empty group.
    let mut deep = String::new();
    for level in 0..20 {
        let pad = "  ".repeat(level * 2);
        deep.push_str(&format!("{pad}- name: Level {level}\n{pad}  items:\n"));
    }
    let pad = "  ".repeat(40);
    deep.push_str(&format!(
        "{pad}- name: Leaf\n{pad}  href: deep/er/leaf.md\n"
    ));
    toc.push_str(&deep);
    toc.push_str("- name: Empty group\n  items: []\n");
    std::fs::write(content.join("toc.yml"), toc).expect("toc");
    let s = build_with(&config, None);
    let doc = s.html("en/print.html");
    let depths: Vec<String> = doc
        .select(&sel(".print-toc li"))
        .filter_map(|li| li.value().attr("class").map(String::from))
        .collect();
    assert!(depths
        .iter()
        .all(|d| ["d0", "d1", "d2", "d3", "d4", "d5", "d6"].contains(&d.as_str())));
    assert!(depths.iter().any(|d| d == "d6"), "{depths:?}");
    assert!(!select_all(&doc, ".print-toc li")
        .iter()
        .any(|t| t.contains("Empty group")));
    let held: HashSet<String> = doc
        .select(&sel("article.print-page"))
        .count()
        .eq(&0)
        .then(HashSet::new)
        .unwrap_or_else(|| {
            [
                "index.html",
                "first.html",
                "second.html",
                "deep/er/leaf.html",
            ]
            .map(String::from)
            .into()
        });
    assert_eq!(problems(&doc, &held), Vec::<String>::new());
    let leaf = doc
        .select(&sel("article.print-page"))
        .find(|a| a.text().any(|t| t.contains("Back to")))
        .expect("the leaf is printed");
    let hrefs: Vec<String> = leaf
        .select(&sel("p a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    let id = leaf.value().attr("id").expect("id");
    assert_eq!(
        hrefs[1], "../pic.png",
        "rebased onto en/print.html's folder"
    );
    assert!(
        hrefs[0].starts_with('#') && hrefs[0].ends_with("-first-step"),
        "{hrefs:?}"
    );
    assert_eq!(hrefs[2], format!("#{id}-leaf"));
    let base = s.built.site.config.base_url.clone();
    let (problems, _) = crawl(&s.out, &base);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn build_pdf_saves_each_language_or_says_what_it_needs() {
    let (tmp, config) = fixture_copy("toc");
    let out = tmp.path().join("site");
    let run = |path: &str, chromium: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_cuaderno"));
        cmd.arg("--config")
            .arg(&config)
            .args(["build", "--pdf", "--output"])
            .arg(&out);
        cmd.env("PATH", path);
        match chromium {
            Some(c) => cmd.env("CUADERNO_CHROMIUM", c),
            None => cmd.env_remove("CUADERNO_CHROMIUM"),
        };
        cmd.output().expect("run")
    };
    let none = run("/nonexistent", None);
    assert_eq!(none.status.code(), Some(2));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(
        err.contains("--pdf needs Chromium or Google Chrome") && err.contains("CUADERNO_CHROMIUM"),
        "{err}"
    );
    assert!(
        !out.exists(),
        "nothing is built when the PDF cannot be made"
    );
    let named = run("/nonexistent", Some("/no/such/chromium"));
    assert_eq!(named.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&named.stderr).contains("/no/such/chromium"));
    if !browser_available() {
        return;
    }
    let ok = run(&std::env::var("PATH").unwrap_or_default(), None);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let pdf = std::fs::read(out.join("en/playbook.pdf")).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 1000);
}

#[test]
fn print_document_screenshots_at_phone_and_desktop() {
    if !browser_available() {
        return;
    }
    let s = common::corpus();
    let artifacts = root().join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifacts");
    let url = format!("file://{}", s.out.join("es/print.html").display());
    for (scheme, extra) in [("light", &[][..]), ("dark", &["--force-dark-mode"][..])] {
        let profile = tempdir();
        let driver = start_driver_with(profile.path(), extra);
        for (w, h) in [(390, 844), (1366, 900)] {
            driver.size(w, h);
            driver.go(&url);
            driver.wait_for("the document", "return document.readyState === 'complete'");
            let wide = driver.js("return document.documentElement.scrollWidth - window.innerWidth");
            assert!(
                wide.as_i64().is_some_and(|d| d <= 0),
                "{scheme} {w}px: the document scrolls sideways ({wide})"
            );
            driver.screenshot(&artifacts.join(format!("print-{w}-{scheme}.png")));
            // A page inside it, with its task table.
            driver.js("document.querySelector('article.print-page .ftop-tasks').scrollIntoView(); return 1");
            driver.screenshot(&artifacts.join(format!("print-{w}-{scheme}-tasks.png")));
        }
    }
}
