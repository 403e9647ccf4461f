//! DocFX constructs (tests/fixtures/docfx): includes inserted block and inline, with their
//! links resolved from the include file; include files and excluded folders are not pages;
//! every broken include is one finding at its directive; `~/` paths and `?tabs=` queries;
//! and `serve` writes a page again when a file it includes changes.

use crate::common::*;
use cuaderno::serve::rebuild::Rebuilder;
use cuaderno::Overrides;

#[test]
fn includes_are_inserted_where_they_are_written() {
    let site = build_fixture("docfx");
    let doc = site.html("en/index.html");
    // Inline: the text joins the sentence, no paragraph of its own.
    assert_eq!(
        select_all(&doc, "main article > p:first-of-type strong"),
        ["Portal"]
    );
    assert!(select_all(&doc, "main article > p")[0].starts_with("Today the product is Contoso"));
    // Block: the include's heading and list, not wrapped in a paragraph.
    assert_eq!(headings(&doc, "main article h2"), ["Prerequisites"]);
    // Links inside includes resolve from the include file, written relative to the page.
    assert_eq!(
        attr(&doc, "main article ul a", "href").as_deref(),
        Some("guides/setup.html#install")
    );
    assert_eq!(
        attr(&doc, "main article ul img", "src").as_deref(),
        Some("../images/logo.svg")
    );
    // A nested include (two levels down) links back to the page.
    let nested = select_all(&doc, "main article p a");
    assert!(nested.contains(&"home".to_string()), "{nested:?}");
    // In code, a directive is text.
    assert!(select_all(&doc, "main pre code")[0].contains("[!INCLUDE"));
    // The same include in a page one folder down links from there.
    let setup = site.html("en/guides/setup.html");
    assert_eq!(select_all(&setup, "main article p strong"), ["Portal"]);
}

#[test]
fn root_relative_paths_and_queries_resolve() {
    let site = build_fixture("docfx");
    let doc = site.html("en/index.html");
    let hrefs: Vec<String> = doc
        .select(&sel("main article p a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert!(
        hrefs.contains(&"guides/setup.html".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"guides/setup.html?tabs=windows#install".to_string()),
        "{hrefs:?}"
    );
    assert_eq!(
        attr(&doc, "main article p img[alt='the logo']", "src").as_deref(),
        Some("../images/logo.svg")
    );
    let (problems, checked) = crawl(&site.out, "https://example.org/docs/");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 10);
}

#[test]
fn include_files_and_excluded_folders_are_not_pages() {
    let site = build_fixture("docfx");
    for rel in [
        "en/includes/product-name.html",
        "en/includes/unused.html",
        "en/drafts/wip.html",
    ] {
        assert!(!site.out.join(rel).exists(), "{rel} was published");
    }
    let files: Vec<&str> = site
        .built
        .diagnostics
        .iter()
        .map(|d| d.file.as_str())
        .collect();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("drafts/") || f.ends_with("unused.md")),
        "{files:?}"
    );
    // Include files have no title or metadata, and are not told so.
    assert!(!site.codes().contains(&"missing-metadata"));
}

#[test]
fn every_broken_include_is_one_finding_at_its_directive() {
    let site = build_fixture("docfx");
    let mut found: Vec<(String, &str, usize)> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name().contains("include") || d.code.name() == "broken-link")
        .filter(|d| d.file != "guides/host-links.md")
        .map(|d| {
            (
                d.file.clone(),
                d.code.name(),
                d.position.map_or(0, |p| p.line),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("broken.md".to_string(), "broken-include", 7),
            ("broken.md".to_string(), "broken-include", 9),
            ("broken.md".to_string(), "broken-include", 11),
            ("includes/b.md".to_string(), "broken-link", 1),
            ("includes/b.md".to_string(), "include-cycle", 3),
        ]
    );
    // The cycle is inserted once each way, then stops; the rest is left out.
    let doc = site.html("en/broken.html");
    assert_eq!(
        select_all(&doc, "main article p"),
        [
            "First half of a cycle.",
            "Second half of a cycle, with a link to nowhere.",
            // A missing image is its alt text.
            "Missing"
        ]
    );
}

#[test]
fn includes_nested_deeper_than_ten_are_one_finding() {
    let (tmp, config) = fixture_copy("docfx");
    let content = tmp.path().join("content");
    let mut page = String::from("---\ntitle: Deep\ndescription: A deep chain of includes.\n---\n# Deep\n\n[!INCLUDE [d](includes/d1.md)]\n");
    for depth in 1..=12 {
        let next = format!("[!INCLUDE [d](d{}.md)]\n", depth + 1);
        std::fs::write(
            content.join(format!("includes/d{depth}.md")),
            format!("Level {depth}.\n\n{next}"),
        )
        .unwrap();
    }
    std::fs::write(content.join("includes/d13.md"), "Level 13.\n").unwrap();
    std::fs::write(content.join("deep.md"), &mut page).unwrap();
    let site = build_with(&config, None);
    let deep: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file.starts_with("includes/d"))
        .map(|d| (d.file.as_str(), d.code.name()))
        .collect();
    assert_eq!(deep, [("includes/d10.md", "include-cycle")]);
    let levels = select_all(&site.html("en/deep.html"), "main article p");
    assert_eq!(levels.len(), 10, "{levels:?}");
}

#[test]
fn serve_writes_a_page_again_when_its_include_changes() {
    let (tmp, config) = fixture_copy("docfx");
    let mut rebuilder = Rebuilder::new(config, Overrides::default());
    rebuilder.build().expect("build");
    let include = tmp.path().join("content/includes/product-name.md");
    std::fs::write(&include, "Fabrikam **Hub**\n").unwrap();
    let second = rebuilder.build().expect("rebuild");
    // The two pages that include it, and only those.
    assert_eq!(second.rendered, 2);
    let html = String::from_utf8_lossy(&second.files["en/guides/setup.html"]).into_owned();
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(select_all(&doc, "main article p strong"), ["Hub"]);
    // A snippet's file changes: the page that shows it, and only that one.
    let code = tmp.path().join("content/snippets/setup.ps1");
    std::fs::write(
        &code,
        "Write-Host \"one\"\nWrite-Host \"2\"\nWrite-Host \"3\"\n",
    )
    .unwrap();
    let third = rebuilder.build().expect("rebuild");
    assert_eq!(third.rendered, 1);
    let html = String::from_utf8_lossy(&third.files["en/guides/snippets.html"]).into_owned();
    let code = select_all(&scraper::Html::parse_document(&html), "main pre code");
    assert!(
        code.iter().any(|c| c.contains("Write-Host \"3\"")),
        "the new code is shown: {code:?}"
    );
}

#[test]
fn lsp_goes_from_an_include_directive_to_its_file() {
    use crate::common::lsp::{position, Client};
    let (tmp, config) = fixture_copy("docfx");
    let mut client = Client::start(Some(&config), tmp.path());
    client.initialize(tmp.path());
    let page = tmp.path().join("content/guides/setup.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let uri = client.open(&page, &text);
    client.diagnostics(&uri, Some(1));
    // From a page, and from inside an include file to the file it includes.
    for (path, needle, expected) in [
        (page.clone(), "[!INCLUDE", "includes/product-name.md"),
        (
            tmp.path().join("content/includes/prerequisites.md"),
            "nested/more.md",
            "includes/nested/more.md",
        ),
        // An xref goes to the page that declares its uid.
        (
            tmp.path().join("content/guides/xrefs.md"),
            "xref:guides.tabs",
            "guides/tabs.md",
        ),
    ] {
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = client.open(&path, &text);
        let at = position(&text, text.find(needle).unwrap() + 2);
        let r = client.request(
            "textDocument/definition",
            serde_json::json!({"textDocument": {"uri": uri}, "position": at}),
        );
        let target = r["result"]["uri"].as_str().unwrap_or_else(|| panic!("{r}"));
        assert!(target.ends_with(expected), "{target}");
    }
}

#[test]
fn next_step_actions_and_videos_render_and_only_https_is_embedded() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/setup.html");
    assert_eq!(
        attr(&doc, "main article div.nextstepaction a", "href").as_deref(),
        Some("../index.html")
    );
    assert_eq!(count(&doc, "main article blockquote"), 0);
    assert_eq!(count(&doc, "main article iframe"), 1);
    assert_eq!(
        attr(&doc, "main article .video iframe", "src").as_deref(),
        Some("https://www.example.org/embed/setup-walkthrough")
    );
    assert_eq!(
        attr(&doc, "main article .video iframe", "title").as_deref(),
        Some("Video")
    );
    // A `javascript:` video is its text, never a link or a frame.
    assert_eq!(
        select_all(&doc, "main article p.video"),
        ["javascript:alert(1)"]
    );
    assert_eq!(count(&doc, "main article p.video a"), 0);
    // One finding, the video that is not embedded (no unknown alert, no malformed link).
    let on_setup: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "guides/setup.md")
        .map(|d| (d.code.name(), d.position.map(|p| (p.line, p.column))))
        .collect();
    assert_eq!(on_setup, [("video-not-embedded", Some((20, 11)))]);
}

#[test]
fn image_directives_are_images_whose_paths_are_checked() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/setup.html");
    let srcs: Vec<(String, String)> = doc
        .select(&sel("main article p img"))
        .map(|i| {
            let v = i.value();
            (
                v.attr("src").unwrap_or("").into(),
                v.attr("alt").unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        srcs,
        [
            (
                "../../images/logo.svg".to_string(),
                "The portal logo".to_string()
            ),
            ("../../images/logo.svg".to_string(), String::new()),
        ]
    );
    assert!(!select_all(&doc, "main article p").join("").contains(":::"));
    let missing: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name() == "missing-asset")
        .map(|d| (d.file.as_str(), d.position.map(|p| (p.line, p.column))))
        .collect();
    assert_eq!(
        missing,
        [
            ("broken.md", Some((15, 33))),
            ("guides/images.md", Some((11, 33)))
        ]
    );
    // A complex image: the image, then its long description in a <details> with a summary.
    let doc = site.html("en/guides/images.html");
    assert_eq!(
        attr(&doc, "main article > p img", "alt").as_deref(),
        Some("The logo, described")
    );
    assert_eq!(
        select_all(&doc, "main article details.image-description > summary"),
        ["Image description", "Image description"]
    );
    assert_eq!(
        select_all(&doc, "main article details.image-description > p"),
        ["The logo is a square, drawn in one colour."]
    );
    assert_eq!(
        count(&doc, "main article details.image-description > ul > li"),
        2
    );
    assert!(!select_all(&doc, "main article").join("").contains(":::"));
}

#[test]
fn headings_from_includes_have_unique_ids_and_are_in_the_outline() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/included-twice.html");
    let ids: Vec<String> = doc
        .select(&sel("main article h2"))
        .filter_map(|h| h.value().attr("id").map(String::from))
        .collect();
    assert_eq!(ids, ["prerequisites", "prerequisites-1", "prerequisites-2"]);
    let outline: Vec<String> = doc
        .select(&sel(".on-this-page a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert_eq!(
        outline,
        ["#prerequisites", "#prerequisites-1", "#prerequisites-2"]
    );
    // Links to headings that come from includes are no broken anchors.
    let anchors = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.code.name() == "broken-anchor");
    let on_page: Vec<_> = anchors
        .filter(|d| d.file == "guides/included-twice.md")
        .collect();
    assert!(on_page.is_empty(), "{on_page:#?}");
    let (problems, _) = crawl(&site.out, "https://example.org/docs/");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn links_from_the_host_root_are_kept_and_files_from_the_content_root_are_checked() {
    let site = build_fixture("docfx");
    let doc = site.html("en/guides/host-links.html");
    let hrefs: Vec<String> = doc
        .select(&sel("main article p a"))
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert_eq!(
        hrefs,
        [
            "/azure/app-service/overview",
            "/en-us/cli/azure/reference-index#az-login",
            "setup.html",
        ]
    );
    let found: Vec<_> = site
        .built
        .diagnostics
        .iter()
        .filter(|d| d.file == "guides/host-links.md")
        .map(|d| (d.code.name(), d.help.clone().unwrap_or_default()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "broken-link");
    assert!(
        found[0]
            .1
            .contains("the content folder when they start with `/`"),
        "{found:#?}"
    );
    assert_eq!(
        found[1],
        ("broken-link", "did you mean `tabs.md`?".to_string()),
        "{found:#?}"
    );
}
